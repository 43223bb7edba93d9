# stage.sh - sourced by scripts/test.sh and scripts/hardening.sh.
# stage NAME COMMAND...: prints "=== NAME", runs COMMAND, appends
# "NAME SECONDS" to $VQR_STAGE_TIMES (when set) and stops the script (set -e)
# when COMMAND fails.
stage() {
  local name=$1 start end rc=0
  shift
  echo "=== $name"
  start=$(date +%s)
  "$@" || rc=$?
  end=$(date +%s)
  if [ -n "${VQR_STAGE_TIMES:-}" ]; then
    echo "$name $((end - start))$([ $rc -ne 0 ] && echo ' FAILED')" >>"$VQR_STAGE_TIMES"
  fi
  [ $rc -eq 0 ] || { echo "=== $name FAILED (exit $rc)"; return $rc; }
}
