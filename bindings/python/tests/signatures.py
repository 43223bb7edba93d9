"""What the binding's public callables must look like: every parameter
spelled out (no ``*args``, no ``**kwargs``), so that help(),
inspect.signature and an IDE show each one, and an unknown keyword is a
TypeError that names it."""

import inspect

# Methods that are public although their names begin with an underscore.
_PUBLIC_DUNDERS = ("__init__", "__new__", "__call__")
_VAR = (inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD)


def defined_names(module):
    """The public functions and classes `module` defines itself."""
    return sorted(n for n, v in vars(module).items()
                  if not n.startswith("_") and (inspect.isfunction(v) or inspect.isclass(v))
                  and getattr(v, "__module__", None) == module.__name__)


def public_callables(module, names):
    """(qualified name, function) of each function among `names` of
    `module`, and of each public method of its classes (their own, with
    __init__ and __new__): the binding's, not those a class inherits from
    the standard library."""
    for name in names:
        obj = getattr(module, name)
        if inspect.isfunction(obj):
            yield name, obj
        elif inspect.isclass(obj):
            for attr, value in vars(obj).items():
                if attr.startswith("_") and attr not in _PUBLIC_DUNDERS:
                    continue
                if isinstance(value, (classmethod, staticmethod)):
                    value = value.__func__
                if inspect.isfunction(value):
                    yield "%s.%s" % (name, attr), value


def var_parameters(module, names):
    """["Document.__init__(**options)", ...]: every *args and **kwargs of
    the public callables of `module` (none is allowed)."""
    found = []
    for qual, f in public_callables(module, names):
        for p in inspect.signature(f).parameters.values():
            if p.kind in _VAR:
                stars = "*" if p.kind == _VAR[0] else "**"
                found.append("%s.%s(%s%s)" % (module.__name__, qual, stars, p.name))
    return found


def undocumented(module, names):
    """Public functions and methods (not __init__/__new__) without a docstring."""
    return ["%s.%s" % (module.__name__, q) for q, f in public_callables(module, names)
            if not q.rsplit(".", 1)[-1].startswith("_") and not (f.__doc__ or "").strip()]
