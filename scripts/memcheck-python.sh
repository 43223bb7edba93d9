#!/bin/sh
# memcheck-python.sh - the wrapper scripts/valgrind-tests.sh gives the python
# suite: runs its command (python3 and the test script) under valgrind
# memcheck, following exec (python3 may be a launcher script), with
# CPython allocating through malloc so that memcheck sees every buffer the
# binding hands the library. Memory errors and definite or indirect leaks
# exit 86; CPython keeps "possibly lost" and reachable blocks of its own at
# exit, which are not counted.
PYTHONMALLOC=malloc
export PYTHONMALLOC
exec valgrind --trace-children=yes --error-exitcode=86 --leak-check=full \
    --errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect \
    --track-origins=yes --quiet "$@"
