"""Which vietqr package the test files exercise.

By default the source tree's (bindings/python/vietqr), with the library
given by the build (VIETQR_LIB, VIETQR_PRINT_LIB). With ``--installed`` on
the command line, the package that Python finds on its own (a wheel in a
virtual environment, the Debian package): no path is added, no variable
that locates a library may be set, and the tests check that the package and
its library came from where they were installed. ``--layout=PATH`` names
the layout program (tests/layout.c) when VQR_LAYOUT is not set.
"""

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE_PACKAGE = os.path.normpath(os.path.join(HERE, ".."))
INSTALLED = "--installed" in sys.argv
LAYOUT = os.environ.get("VQR_LAYOUT")

for _arg in list(sys.argv[1:]):
    if _arg == "--installed":
        sys.argv.remove(_arg)
    elif _arg.startswith("--layout="):
        LAYOUT = _arg[len("--layout="):]
        sys.argv.remove(_arg)

if INSTALLED:
    for _var in ("VIETQR_LIB", "VIETQR_PRINT_LIB", "VIETQR_SPEEDUPS", "PYTHONPATH",
                 "LD_LIBRARY_PATH"):
        if os.environ.get(_var):
            sys.exit("--installed: %s is set; the installed package must work without it" % _var)
else:
    sys.path.insert(0, SOURCE_PACKAGE)


def check(module, lib) -> None:
    """With --installed: `module` was not imported from the source tree, and
    the library it loaded (`lib`, a ctypes.CDLL) is the one inside the
    package when the package holds one (a wheel), else the system's."""
    if not INSTALLED:
        return
    where = os.path.dirname(os.path.abspath(module.__file__))
    if os.path.commonpath([where, SOURCE_PACKAGE]) == SOURCE_PACKAGE:
        sys.exit("--installed: %s was imported from the source tree (%s)" % (module.__name__, where))
    bundled = [f for f in os.listdir(where) if f.startswith("lib") and f.endswith(".so")]
    name = lib._name
    if bundled and os.path.dirname(name) != where:
        sys.exit("--installed: %s loaded %s, not the library inside the package (%s)"
                 % (module.__name__, name, where))
    print("testing %s from %s with %s" % (module.__name__, where, name), file=sys.stderr)
