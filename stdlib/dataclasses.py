"""dataclasses for gil: generate __init__, __repr__, __eq__, ordering and
hashing for classes from their annotated fields.

Written for the Python subset gil supports; also runs unchanged on CPython.
Nothing is generated as source text (gil has no exec): the methods are generic
closures that loop over the class's field list.

Interpreter facilities used (see the report in the repo history):
  * class-body __annotations__ (keys and order only; values kept as Field.type),
  * cls.__dict__ read-only, only in _own_attr() (to tell a class's own
    attributes from inherited ones, as CPython does),
  * setattr/getattr/delattr on classes, 2-arg super(cls, obj).__setattr__
    (frozen classes), __qualname__ on classes.
"""

__all__ = [
    "dataclass", "field", "Field", "fields", "asdict", "astuple", "replace",
    "is_dataclass", "FrozenInstanceError", "MISSING",
]


class _MissingType:
    """Type of MISSING, the 'no value given' sentinel (distinct from None)."""

    def __repr__(self):
        return "MISSING"


MISSING = _MissingType()


class FrozenInstanceError(AttributeError):
    """Raised when assigning to or deleting a field of a frozen dataclass."""


class Field:
    """Description of one dataclass field (what field() returns)."""

    def __init__(self, default, default_factory, init, repr, hash, compare, metadata):
        self.name = None
        self.type = None
        self.default = default
        self.default_factory = default_factory
        self.init = init
        self.repr = repr
        self.hash = hash
        self.compare = compare
        self.metadata = {} if metadata is None else metadata

    def __repr__(self):
        return (f"Field(name={self.name!r},type={self.type!r},default={self.default!r},"
                f"default_factory={self.default_factory!r},init={self.init!r},"
                f"repr={self.repr!r},hash={self.hash!r},compare={self.compare!r},"
                f"metadata={self.metadata!r})")


def field(*, default=MISSING, default_factory=MISSING, init=True, repr=True,
          hash=None, compare=True, metadata=None):
    """Per-field options, used as the class attribute: x: list = field(default_factory=list)."""
    if default is not MISSING and default_factory is not MISSING:
        raise ValueError("cannot specify both default and default_factory")
    return Field(default, default_factory, init, repr, hash, compare, metadata)


# ------------------------------------------------------------------ helpers

_NOT_FOUND = object()


def _own_attr(cls, name):
    """cls's own (not inherited) attribute `name`, or _NOT_FOUND.

    This is the one place that reads cls.__dict__. Without it we fall back to
    comparing with the bases' attributes, which is right unless a class
    re-assigns the very same object its base has.
    """
    d = getattr(cls, "__dict__", None)
    if d is not None:
        return d[name] if name in d else _NOT_FOUND
    value = getattr(cls, name, _NOT_FOUND)
    for base in cls.__bases__:
        if getattr(base, name, _NOT_FOUND) is value:
            return _NOT_FOUND
    return value


def _own_annotations(cls):
    ann = _own_attr(cls, "__annotations__")
    return {} if ann is _NOT_FOUND else ann


def _quoted_list(names):
    quoted = [repr(n) for n in names]
    if len(quoted) == 1:
        return quoted[0]
    if len(quoted) == 2:
        return quoted[0] + " and " + quoted[1]
    return ", ".join(quoted[:-1]) + ", and " + quoted[-1]


def _bind_arguments(funcname, names, has_default, args, kwargs):
    """Match args/kwargs to parameter `names` as a Python def would.

    Returns a dict name -> value for the arguments given; raises TypeError
    with CPython's wording (the counts include `self`).
    """
    n = len(names)
    if len(args) > n:
        n_defaults = sum(1 for name in names if name in has_default)
        if n_defaults:
            takes = f"from {n - n_defaults + 1} to {n + 1} positional arguments"
        else:
            takes = f"{n + 1} positional argument" + ("" if n + 1 == 1 else "s")
        given = len(args) + 1
        raise TypeError(f"{funcname}() takes {takes} but {given} "
                        f"{'was' if given == 1 else 'were'} given")
    values = dict(zip(names, args))
    for name, value in kwargs.items():
        if name not in names:
            raise TypeError(f"{funcname}() got an unexpected keyword argument '{name}'")
        if name in values:
            raise TypeError(f"{funcname}() got multiple values for argument '{name}'")
        values[name] = value
    missing = [name for name in names if name not in values and name not in has_default]
    if missing:
        plural = "" if len(missing) == 1 else "s"
        raise TypeError(f"{funcname}() missing {len(missing)} required positional "
                        f"argument{plural}: {_quoted_list(missing)}")
    return values


# ------------------------------------------------------------- field discovery

def _collect_fields(cls):
    """Ordered dict name -> Field: inherited dataclass fields, then own ones."""
    all_fields = {}
    # Later bases first so that earlier bases win, like attribute lookup.
    for base in reversed(cls.__bases__):
        base_fields = getattr(base, "__dataclass_fields__", None)
        if base_fields is not None:
            for name, f in base_fields.items():
                all_fields[name] = f
    for name, annotation in _own_annotations(cls).items():
        default = getattr(cls, name, MISSING)
        if isinstance(default, Field):
            f = default
        else:
            f = field(default=default)
        f.name = name
        f.type = annotation
        if isinstance(f.default, (list, dict, set)):
            raise ValueError(f"mutable default {type(f.default)!r} for field {name} "
                             "is not allowed: use default_factory")
        # A redefined field keeps its original position (dict order).
        all_fields[name] = f
        # The class attribute becomes the plain default, or goes away.
        if isinstance(default, Field):
            if f.default is MISSING:
                try:
                    delattr(cls, name)
                except AttributeError:
                    pass
            else:
                setattr(cls, name, f.default)
    return all_fields


def _has_default(f):
    return f.default is not MISSING or f.default_factory is not MISSING


# ------------------------------------------------------------- method builders

# ids of frozen instances whose __init__ is running (their fields may be set).
_initializing = set()


def _set_field(cls, obj, name, value, frozen):
    if frozen:
        # Bypass the frozen __setattr__ (the object is flagged as initialising).
        super(cls, obj).__setattr__(name, value)
    else:
        setattr(obj, name, value)


def _make_init(cls, field_list, frozen):
    init_fields = [f for f in field_list if f.init]
    names = [f.name for f in init_fields]
    has_default = set(f.name for f in init_fields if _has_default(f))
    funcname = f"{cls.__qualname__}.__init__"

    def __init__(self, *args, **kwargs):
        given = _bind_arguments(funcname, names, has_default, args, kwargs)
        key = id(self)
        if frozen:
            _initializing.add(key)
        try:
            for f in field_list:
                if f.name in given:
                    value = given[f.name]
                elif f.default_factory is not MISSING:
                    value = f.default_factory()
                elif f.init:
                    value = f.default
                else:
                    continue  # init=False with a plain default: the class attribute serves
                _set_field(cls, self, f.name, value, frozen)
        finally:
            if frozen:
                _initializing.discard(key)
        post_init = getattr(self, "__post_init__", None)
        if post_init is not None:
            post_init()

    return __init__


def _make_repr(field_list):
    shown = [f.name for f in field_list if f.repr]

    def __repr__(self):
        body = ", ".join(f"{name}={getattr(self, name)!r}" for name in shown)
        return f"{type(self).__qualname__}({body})"

    return __repr__


def _compare_tuple(obj, names):
    return tuple(getattr(obj, name) for name in names)


def _make_eq(field_list):
    names = [f.name for f in field_list if f.compare]

    def __eq__(self, other):
        if other.__class__ is self.__class__:
            return _compare_tuple(self, names) == _compare_tuple(other, names)
        return NotImplemented

    return __eq__


def _make_order(field_list, op):
    names = [f.name for f in field_list if f.compare]

    def compare(self, other):
        if other.__class__ is self.__class__:
            return op(_compare_tuple(self, names), _compare_tuple(other, names))
        return NotImplemented

    return compare


def _make_hash(field_list):
    names = [f.name for f in field_list if (f.compare if f.hash is None else f.hash)]

    def __hash__(self):
        return hash(_compare_tuple(self, names))

    return __hash__


def _make_frozen_methods(cls, field_names):
    def __setattr__(self, name, value):
        if id(self) in _initializing:
            super(cls, self).__setattr__(name, value)
            return
        if type(self) is cls or name in field_names:
            raise FrozenInstanceError(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)

    def __delattr__(self, name):
        if type(self) is cls or name in field_names:
            raise FrozenInstanceError(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)

    return __setattr__, __delattr__


def _lt(a, b):
    return a < b


def _le(a, b):
    return a <= b


def _gt(a, b):
    return a > b


def _ge(a, b):
    return a >= b


def _set_new(cls, name, value):
    """Set a generated method unless the class body defined its own."""
    if _own_attr(cls, name) is not _NOT_FOUND:
        return False
    value.__name__ = name
    value.__qualname__ = f"{cls.__qualname__}.{name}"
    setattr(cls, name, value)
    return True


# ------------------------------------------------------------------ decorator

def _process_class(cls, init, repr, eq, order, unsafe_hash, frozen):
    all_fields = _collect_fields(cls)
    field_list = list(all_fields.values())
    cls.__dataclass_fields__ = all_fields

    if order and not eq:
        raise ValueError("eq must be true if order is true")
    if init:
        seen_default = False
        for f in field_list:
            if f.init:
                if _has_default(f):
                    seen_default = True
                elif seen_default:
                    raise TypeError(f"non-default argument {f.name!r} follows default argument")
        _set_new(cls, "__init__", _make_init(cls, field_list, frozen))
    if repr:
        _set_new(cls, "__repr__", _make_repr(field_list))
    if eq:
        _set_new(cls, "__eq__", _make_eq(field_list))
    if order:
        for name, op in [("__lt__", _lt), ("__le__", _le), ("__gt__", _gt), ("__ge__", _ge)]:
            if not _set_new(cls, name, _make_order(field_list, op)):
                raise TypeError(f"Cannot overwrite attribute {name} in class {cls.__name__}. "
                                "Consider using functools.total_ordering")
    if frozen:
        setter, deleter = _make_frozen_methods(cls, set(all_fields))
        for name, method in [("__setattr__", setter), ("__delattr__", deleter)]:
            if not _set_new(cls, name, method):
                raise TypeError(f"Cannot overwrite attribute {name} in class {cls.__name__}")

    # Hashing, following CPython's table: an explicit __hash__ in the class
    # body is kept (a body defining __eq__ gets __hash__ = None implicitly,
    # which does not count as explicit).
    own_hash = _own_attr(cls, "__hash__")
    explicit_hash = own_hash is not _NOT_FOUND and not (
        own_hash is None and _own_attr(cls, "__eq__") is not _NOT_FOUND)
    if unsafe_hash:
        if explicit_hash:
            raise TypeError(f"Cannot overwrite attribute __hash__ in class {cls.__name__}")
        cls.__hash__ = _make_hash(field_list)
    elif eq and frozen:
        if not explicit_hash:
            cls.__hash__ = _make_hash(field_list)
    elif eq:
        if not explicit_hash:
            cls.__hash__ = None

    if _own_attr(cls, "__match_args__") is _NOT_FOUND:
        cls.__match_args__ = tuple(f.name for f in field_list if f.init)
    return cls


def dataclass(cls=None, *, init=True, repr=True, eq=True, order=False,
              unsafe_hash=False, frozen=False):
    """Class decorator; usable bare (@dataclass) or with options (@dataclass(order=True))."""
    def wrap(c):
        return _process_class(c, init, repr, eq, order, unsafe_hash, frozen)
    if cls is None:
        return wrap
    return wrap(cls)


# ------------------------------------------------------------------ functions

def is_dataclass(obj):
    """True for a dataclass or an instance of one."""
    cls = obj if isinstance(obj, type) else type(obj)
    return hasattr(cls, "__dataclass_fields__")


def _is_instance(obj):
    return not isinstance(obj, type) and hasattr(type(obj), "__dataclass_fields__")


def fields(class_or_instance):
    """Tuple of Field objects of a dataclass or instance, in order."""
    all_fields = getattr(class_or_instance, "__dataclass_fields__", None)
    if all_fields is None:
        raise TypeError("must be called with a dataclass type or instance")
    return tuple(all_fields.values())


def _convert(obj, dict_factory):
    # Recursively turn dataclass instances into dicts (or tuples when
    # dict_factory is None), descending into lists, tuples and dicts.
    if _is_instance(obj):
        if dict_factory is None:
            return tuple(_convert(getattr(obj, f.name), None) for f in fields(obj))
        return dict_factory([(f.name, _convert(getattr(obj, f.name), dict_factory))
                             for f in fields(obj)])
    if isinstance(obj, tuple) and hasattr(obj, "_fields"):
        # namedtuple: rebuild positionally
        return type(obj)(*[_convert(v, dict_factory) for v in obj])
    if isinstance(obj, (list, tuple)):
        return type(obj)(_convert(v, dict_factory) for v in obj)
    if isinstance(obj, dict):
        return type(obj)((_convert(k, dict_factory), _convert(v, dict_factory))
                         for k, v in obj.items())
    return obj


def asdict(obj, *, dict_factory=dict):
    """Dataclass instance -> dict of its fields (recursively)."""
    if not _is_instance(obj):
        raise TypeError("asdict() should be called on dataclass instances")
    return _convert(obj, dict_factory)


def astuple(obj, *, tuple_factory=tuple):
    """Dataclass instance -> tuple of its field values (recursively)."""
    if not _is_instance(obj):
        raise TypeError("astuple() should be called on dataclass instances")
    return tuple_factory(_convert(obj, None))


def replace(obj, **changes):
    """A new instance like obj with some fields changed (runs __init__)."""
    if not _is_instance(obj):
        raise TypeError("replace() should be called on dataclass instances")
    for f in fields(obj):
        if not f.init:
            if f.name in changes:
                raise ValueError(f"field {f.name} is declared with init=False, "
                                 "it cannot be specified with replace()")
            continue
        if f.name not in changes:
            changes[f.name] = getattr(obj, f.name)
    return obj.__class__(**changes)
