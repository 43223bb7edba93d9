#!/bin/sh
# A school's September fees, end to end: fee notices for a class list,
# the bank statement at the end of the month, and who still has to pay.
#
#   sh examples/school/term.sh path/to/vietqr OUTDIR
#
# 1. vietqr batch gives each student a fee notice (a VietQR image) whose
#    payment reference (DTD24 and the row number, with two check characters)
#    the parents' banks copy into the transfer description;
# 2. the bank's statement for September (simulated by simulate_statement.py:
#    in real life, the CSV export of internet banking);
# 3. vietqr reconcile matches each transfer to its notice by that reference;
# 4. still_to_pay.py prints the families still to pay and the transfers a
#    person must look at.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
vietqr=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
mkdir -p "$2"
cd "$2"
# The tests run the tool under valgrind through VQR_TEST_WRAPPER.
run() { ${VQR_TEST_WRAPPER:-} "$vietqr" "$@"; }

echo "== 1. fee notices"
run batch "$here/class-list.csv" --out notices --format svg \
    --reference-prefix DTD24 --carry student,class,parent --quiet
echo "$(($(wc -l <notices/manifest.csv) - 1)) notices, for example:"
sed -n 2p notices/manifest.csv | cut -d, -f2,6,7,8

echo "== 2. the bank statement"
python3 "$here/simulate_statement.py" notices/manifest.csv saoke-09-2024.csv

echo "== 3. reconciliation"
run reconcile --issued notices/manifest.csv --transactions saoke-09-2024.csv --out doisoat \
    --carry student,class,parent 2>&1

echo "== 4. the bursar's list"
python3 "$here/still_to_pay.py" doisoat saoke-09-2024.csv
