#!/bin/sh
# memcheck-python.sh - the wrapper scripts/valgrind-tests.sh gives the python
# suite: runs its command (python3 and the test script) under valgrind
# memcheck, with CPython allocating through malloc so that memcheck sees
# every buffer the binding hands the library. Programs the tests start run
# as they are. Memory errors and definite or indirect leaks exit 86;
# CPython keeps "possibly lost" and reachable blocks of its own at exit,
# which are not counted.
PYTHONMALLOC=malloc
export PYTHONMALLOC
top=$(cd "$(dirname "$0")/.." && pwd)
# The interpreter itself, not a launcher script (pyenv's shim runs bash and
# tr); Debian's when there is one: a CPython built without
# --with-valgrind has memcheck report its own garbage collector.
if [ -x /usr/bin/python3 ]; then
    py=/usr/bin/python3
else
    py=$("$1" -c 'import sys; print(sys.executable)')
fi
shift
exec valgrind --error-exitcode=86 --leak-check=full \
    --errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect \
    --quiet --suppressions="$top/tests/valgrind-ldso.supp" "$py" "$@"
