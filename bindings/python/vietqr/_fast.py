"""The binding's hot calls in C (vietqr/_speedups.c), when it is present.

``FAST`` is the configured extension module, or None, and then every call
goes through ctypes as before. The extension is found as
``vietqr._speedups`` (built into a wheel or an install beside these files)
or at the path in the environment variable ``VIETQR_SPEEDUPS`` (a build
tree's tests); ``VIETQR_SPEEDUPS=off`` keeps the binding on ctypes. It is
used only with a library of exactly the version its headers had, and it
calls that library through the addresses ctypes loaded (see _speedups.c),
so both paths always use one library. Each fast call returns None for
whatever it does not handle itself (an error, an unusual argument), and the
ctypes path then answers, errors included.
"""

import ctypes
import dataclasses
import importlib.machinery
import importlib.util
import os
import threading

from . import _native as N

FAST = None
_FUNCTIONS = ("vqr_payload_sizeof", "vqr_payload_parse", "vqr_vietqr_read", "vqr_vietqr_init",
              "vqr_vietqr_write")


def _load():
    path = os.environ.get("VIETQR_SPEEDUPS")
    if path == "off":
        return None
    if path:
        loader = importlib.machinery.ExtensionFileLoader("vietqr._speedups", path)
        spec = importlib.util.spec_from_file_location("vietqr._speedups", path, loader=loader)
        module = importlib.util.module_from_spec(spec)
        loader.exec_module(module)
        return module
    try:
        from . import _speedups
    except ImportError:
        return None
    return _speedups


def configure(info_cls, network_cls, service_cls, statuses, report_cls, folded_cls,
              payload_cls) -> None:
    """Sets FAST when the extension is there and fits the loaded library."""
    global FAST
    module = _load()
    if module is None:
        return
    if tuple(f.name for f in dataclasses.fields(info_cls)) != module.field_names():
        raise ImportError("vietqr._speedups fills VietQRInfo fields %r, the class has %r"
                          % (module.field_names(), dataclasses.fields(info_cls)))
    functions = {name: ctypes.cast(N.LIB[name], ctypes.c_void_p).value
                 for name in _FUNCTIONS}
    try:
        module.configure(N.LIB.vqr_version(), functions, info_cls, network_cls, service_cls,
                         statuses, report_cls, folded_cls, payload_cls, threading.Lock)
    except ImportError:
        if os.environ.get("VIETQR_SPEEDUPS"):
            raise  # asked for by path: say why it cannot be used
        return     # an extension of another version: ctypes alone
    FAST = module
