"""python -m vietqr: see vietqr._cli."""

from ._cli import main

raise SystemExit(main())
