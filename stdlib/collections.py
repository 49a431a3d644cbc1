"""collections for gil: deque, defaultdict, Counter, namedtuple, OrderedDict, ChainMap.

Written for the Python subset gil supports; also runs unchanged on CPython.
"""

__all__ = ["deque", "defaultdict", "Counter", "namedtuple", "OrderedDict", "ChainMap"]


# ====================================================================== deque

class deque:
    """Double-ended queue with optional maxlen.

    Stored as a ring buffer in a Python list: `_items` has a power-of-two
    capacity, the first element sits at `_head`, and `_size` elements follow
    (wrapping around). Appends and pops at either end are O(1) amortised;
    the list doubles when full.
    """

    def __init__(self, iterable=(), maxlen=None):
        if maxlen is not None:
            if not isinstance(maxlen, int):
                raise TypeError("an integer is required")
            if maxlen < 0:
                raise ValueError("maxlen must be non-negative")
        self._maxlen = maxlen
        self._items = [None] * 8
        self._head = 0
        self._size = 0
        self._state = 0  # bumped on every mutation; iterators check it
        self.extend(iterable)

    # -- internal helpers

    def _slot(self, i):
        # Physical list index of logical position i (0 <= i < _size).
        return (self._head + i) % len(self._items)

    def _grow(self):
        old = self._items
        cap = len(old)
        # Unwrap into a list of twice the capacity, starting at index 0.
        new = [old[(self._head + i) % cap] for i in range(self._size)]
        new.extend([None] * (2 * cap - self._size))
        self._items = new
        self._head = 0

    def _index(self, index):
        if not isinstance(index, int):
            raise TypeError(f"sequence index must be integer, not '{type(index).__name__}'")
        if index < 0:
            index += self._size
        if index < 0 or index >= self._size:
            raise IndexError("deque index out of range")
        return index

    # -- adding

    def append(self, x):
        self._state += 1
        if self._maxlen is not None and self._size >= self._maxlen:
            if self._maxlen == 0:
                return
            self._popleft_raw()  # a full bounded deque drops from the other end
        if self._size == len(self._items):
            self._grow()
        self._items[self._slot(self._size)] = x
        self._size += 1

    def appendleft(self, x):
        self._state += 1
        if self._maxlen is not None and self._size >= self._maxlen:
            if self._maxlen == 0:
                return
            self._pop_raw()
        if self._size == len(self._items):
            self._grow()
        self._head = (self._head - 1) % len(self._items)
        self._items[self._head] = x
        self._size += 1

    def extend(self, iterable):
        if iterable is self:
            iterable = list(iterable)
        for x in iterable:
            self.append(x)

    def extendleft(self, iterable):
        if iterable is self:
            iterable = list(iterable)
        for x in iterable:
            self.appendleft(x)

    def insert(self, index, x):
        if self._maxlen is not None and self._size >= self._maxlen:
            raise IndexError("deque already at its maximum size")
        items = list(self)
        items.insert(index, x)
        self._replace_all(items)

    # -- removing

    def _pop_raw(self):
        self._size -= 1
        slot = self._slot(self._size)
        x = self._items[slot]
        self._items[slot] = None  # drop the reference
        return x

    def _popleft_raw(self):
        x = self._items[self._head]
        self._items[self._head] = None
        self._head = (self._head + 1) % len(self._items)
        self._size -= 1
        return x

    def pop(self):
        if self._size == 0:
            raise IndexError("pop from an empty deque")
        self._state += 1
        return self._pop_raw()

    def popleft(self):
        if self._size == 0:
            raise IndexError("pop from an empty deque")
        self._state += 1
        return self._popleft_raw()

    def clear(self):
        self._state += 1
        self._items = [None] * 8
        self._head = 0
        self._size = 0

    def remove(self, value):
        for i in range(self._size):
            if self._items[self._slot(i)] == value:
                del self[i]
                return
        raise ValueError(f"{value!r} is not in deque")

    def _replace_all(self, items):
        # Rebuild from a plain list (used by the O(n) operations).
        self._state += 1
        cap = 8
        while cap < len(items):
            cap *= 2
        self._items = items + [None] * (cap - len(items))
        self._head = 0
        self._size = len(items)

    # -- other operations

    def rotate(self, n=1):
        """Rotate n steps to the right (left if n is negative)."""
        size = self._size
        if size <= 1:
            return
        n %= size
        # Move whichever side is shorter.
        if n <= size // 2:
            for _ in range(n):
                self.appendleft(self._pop_raw())
        else:
            for _ in range(size - n):
                self.append(self._popleft_raw())

    def reverse(self):
        self._replace_all(list(reversed(self)))

    def count(self, value):
        n = 0
        for x in self:
            if x == value:
                n += 1
        return n

    def index(self, value, start=0, stop=None):
        if stop is None or stop > self._size:
            stop = self._size
        if start < 0:
            start = max(0, start + self._size)
        for i in range(start, stop):
            if self._items[self._slot(i)] == value:
                return i
        raise ValueError(f"{value!r} is not in deque")

    def copy(self):
        return type(self)(self, self._maxlen)

    __copy__ = copy

    @property
    def maxlen(self):
        return self._maxlen

    # -- container protocol

    def __len__(self):
        return self._size

    def __bool__(self):
        return self._size > 0

    def __iter__(self):
        state = self._state
        for i in range(self._size):
            if self._state != state:
                raise RuntimeError("deque mutated during iteration")
            yield self._items[self._slot(i)]
        # CPython also checks when the iterator is exhausted.
        if self._state != state:
            raise RuntimeError("deque mutated during iteration")

    def __reversed__(self):
        state = self._state
        for i in range(self._size - 1, -1, -1):
            if self._state != state:
                raise RuntimeError("deque mutated during iteration")
            yield self._items[self._slot(i)]

    def __contains__(self, value):
        for x in self:
            if x == value:
                return True
        return False

    def __getitem__(self, index):
        return self._items[self._slot(self._index(index))]

    def __setitem__(self, index, value):
        self._items[self._slot(self._index(index))] = value

    def __delitem__(self, index):
        index = self._index(index)
        # Rotate the victim to the left end, drop it, rotate back.
        self.rotate(-index)
        self._state += 1
        self._popleft_raw()
        self.rotate(index)

    def __repr__(self):
        name = type(self).__name__
        body = repr(list(self))
        if self._maxlen is None:
            return f"{name}({body})"
        return f"{name}({body}, maxlen={self._maxlen})"

    # -- comparisons and arithmetic

    def __eq__(self, other):
        if not isinstance(other, deque):
            return NotImplemented
        return list(self) == list(other)

    def __ne__(self, other):
        if not isinstance(other, deque):
            return NotImplemented
        return list(self) != list(other)

    def __lt__(self, other):
        if not isinstance(other, deque):
            return NotImplemented
        return list(self) < list(other)

    def __le__(self, other):
        if not isinstance(other, deque):
            return NotImplemented
        return list(self) <= list(other)

    def __gt__(self, other):
        if not isinstance(other, deque):
            return NotImplemented
        return list(self) > list(other)

    def __ge__(self, other):
        if not isinstance(other, deque):
            return NotImplemented
        return list(self) >= list(other)

    __hash__ = None  # mutable, like list

    def __add__(self, other):
        if not isinstance(other, deque):
            return NotImplemented
        result = self.copy()
        result.extend(other)
        return result

    def __iadd__(self, other):
        self.extend(other)
        return self


# ================================================================ defaultdict

class defaultdict(dict):
    """dict that calls default_factory() to supply values for missing keys."""

    def __init__(self, default_factory=None, *args, **kwargs):
        if default_factory is not None and not callable(default_factory):
            raise TypeError("first argument must be callable or None")
        super().__init__(*args, **kwargs)
        self.default_factory = default_factory

    def __missing__(self, key):
        if self.default_factory is None:
            raise KeyError(key)
        value = self.default_factory()
        self[key] = value
        return value

    def __getitem__(self, key):
        # dict.__getitem__ already calls __missing__ on CPython; this override
        # makes d[k] work even if an interpreter does not implement that hook.
        if key in self:
            return super().__getitem__(key)
        return self.__missing__(key)

    def copy(self):
        return type(self)(self.default_factory, self)

    __copy__ = copy

    def __repr__(self):
        # repr(dict(self)) rather than dict.__repr__(self): needs less of the
        # interpreter, costs one copy.
        return f"{type(self).__name__}({self.default_factory!r}, {dict(self)!r})"


# ==================================================================== Counter

def _is_mapping(obj):
    # What dict.update uses to tell a mapping from an iterable of pairs.
    return hasattr(obj, "keys") and hasattr(obj, "__getitem__")


class Counter(dict):
    """dict subclass counting hashable items; missing keys count as 0."""

    def __init__(self, iterable=None, **kwds):
        super().__init__()
        self.update(iterable, **kwds)

    def __missing__(self, key):
        # Unlike defaultdict, looking up a missing key does not insert it.
        return 0

    def __getitem__(self, key):
        if key in self:
            return super().__getitem__(key)
        return self.__missing__(key)

    def total(self):
        return sum(self.values())

    def most_common(self, n=None):
        """(elem, count) pairs, largest counts first; ties in insertion order.

        sorted() is stable (also with reverse=True), which gives the tie order.
        """
        ordered = sorted(self.items(), key=_count_of, reverse=True)
        if n is None:
            return ordered
        return ordered[:max(n, 0)]

    def elements(self):
        """Each element repeated as many times as its count (if positive)."""
        for elem, count in self.items():
            for _ in range(count):
                yield elem

    @classmethod
    def fromkeys(cls, iterable, v=None):
        raise NotImplementedError(
            "Counter.fromkeys() is undefined.  Use Counter(iterable) instead.")

    def update(self, iterable=None, **kwds):
        """Add counts from an iterable of elements or a mapping of counts."""
        if iterable is not None:
            if _is_mapping(iterable):
                for elem in iterable.keys():
                    self[elem] = self[elem] + iterable[elem]
            else:
                for elem in iterable:
                    self[elem] = self[elem] + 1
        if kwds:
            self.update(kwds)

    def subtract(self, iterable=None, **kwds):
        """Subtract counts; counts may go to zero or below."""
        if iterable is not None:
            if _is_mapping(iterable):
                for elem in iterable.keys():
                    self[elem] = self[elem] - iterable[elem]
            else:
                for elem in iterable:
                    self[elem] = self[elem] - 1
        if kwds:
            self.subtract(kwds)

    def copy(self):
        return type(self)(self)

    __copy__ = copy

    def __delitem__(self, elem):
        # Deleting a missing element is not an error for a Counter.
        if elem in self:
            super().__delitem__(elem)

    def __repr__(self):
        if not self:
            return f"{type(self).__name__}()"
        body = ", ".join(f"{k!r}: {v!r}" for k, v in self.most_common())
        return f"{type(self).__name__}({{{body}}})"

    # Equality treats missing elements as zero counts (Python 3.10+).
    def __eq__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        return all(self[e] == other[e] for c in (self, other) for e in c)

    def __ne__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        return not self == other

    __hash__ = None

    # -- multiset arithmetic: results keep only positive counts

    def _combine(self, other, op):
        result = Counter()
        for elem, count in self.items():
            new = op(count, other[elem])
            if new > 0:
                result[elem] = new
        for elem, count in other.items():
            if elem not in self:
                new = op(0, count)
                if new > 0:
                    result[elem] = new
        return result

    def __add__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        return self._combine(other, _add)

    def __sub__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        return self._combine(other, _sub)

    def __or__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        return self._combine(other, max)

    def __and__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        # Elements only in `other` have min(0, n) <= 0, so _combine drops them.
        return self._combine(other, min)

    def __pos__(self):
        return self._combine(Counter(), _add)

    def __neg__(self):
        return Counter()._combine(self, _sub)

    def _keep_positive(self):
        for elem in [e for e, c in self.items() if not c > 0]:
            super().__delitem__(elem)
        return self

    def __iadd__(self, other):
        for elem, count in other.items():
            self[elem] = self[elem] + count
        return self._keep_positive()

    def __isub__(self, other):
        for elem, count in other.items():
            self[elem] = self[elem] - count
        return self._keep_positive()

    def __ior__(self, other):
        for elem, count in other.items():
            if count > self[elem]:
                self[elem] = count
        return self._keep_positive()

    def __iand__(self, other):
        for elem, count in self.items():
            if other[elem] < count:
                self[elem] = other[elem]
        return self._keep_positive()


def _count_of(item):
    return item[1]


def _add(a, b):
    return a + b


def _sub(a, b):
    return a - b


# ================================================================= namedtuple

_KEYWORDS = frozenset([
    "False", "None", "True", "and", "as", "assert", "async", "await", "break",
    "class", "continue", "def", "del", "elif", "else", "except", "finally",
    "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal",
    "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
])


def _quoted_list(names):
    # 'x'  /  'x' and 'y'  /  'x', 'y', and 'z'  (CPython's wording)
    quoted = [repr(n) for n in names]
    if len(quoted) == 1:
        return quoted[0]
    if len(quoted) == 2:
        return quoted[0] + " and " + quoted[1]
    return ", ".join(quoted[:-1]) + ", and " + quoted[-1]


def _bind_arguments(funcname, names, defaults, args, kwargs):
    """Match args/kwargs to parameter `names` like a Python def would.

    defaults is a dict name -> default value. Returns the list of values;
    raises TypeError with CPython's messages (counts include self/cls).
    """
    n = len(names)
    if len(args) > n:
        lowest = n - len(defaults) + 1
        if defaults:
            takes = f"from {lowest} to {n + 1} positional arguments"
        else:
            takes = f"{n + 1} positional argument" + ("" if n + 1 == 1 else "s")
        given = len(args) + 1
        was = "was" if given == 1 else "were"
        raise TypeError(f"{funcname}() takes {takes} but {given} {was} given")
    values = {}
    for name, value in zip(names, args):
        values[name] = value
    for name, value in kwargs.items():
        if name not in names:
            raise TypeError(f"{funcname}() got an unexpected keyword argument '{name}'")
        if name in values:
            raise TypeError(f"{funcname}() got multiple values for argument '{name}'")
        values[name] = value
    missing = [name for name in names if name not in values and name not in defaults]
    if missing:
        plural = "" if len(missing) == 1 else "s"
        raise TypeError(f"{funcname}() missing {len(missing)} required positional "
                        f"argument{plural}: {_quoted_list(missing)}")
    return [values[name] if name in values else defaults[name] for name in names]


def _check_names(typename, field_names, rename):
    seen = set()
    checked = []
    for index, name in enumerate(field_names):
        if rename and (not name.isidentifier() or name in _KEYWORDS
                       or name.startswith("_") or name in seen):
            name = f"_{index}"
        checked.append(name)
        seen.add(name)
    for name in [typename] + checked:
        if not isinstance(name, str):
            raise TypeError("Type names and field names must be strings")
        if not name.isidentifier():
            raise ValueError(f"Type names and field names must be valid identifiers: {name!r}")
        if name in _KEYWORDS:
            raise ValueError(f"Type names and field names cannot be a keyword: {name!r}")
    seen = set()
    for name in checked:
        if name.startswith("_") and not rename:
            raise ValueError(f"Field names cannot start with an underscore: {name!r}")
        if name in seen:
            raise ValueError(f"Encountered duplicate field name: {name!r}")
        seen.add(name)
    return tuple(checked)


def _field_property(index, name):
    # A closure per field; property() gives a read-only attribute.
    def get(self):
        return self[index]
    get.__name__ = name
    return property(get, doc=f"Alias for field number {index}")


def namedtuple(typename, field_names, *, rename=False, defaults=None, module=None):
    """Return a new tuple subclass with named fields.

    The class is built with type(name, (tuple,), namespace); __new__ binds
    arguments by name (with defaults) and calls tuple.__new__.
    """
    if isinstance(field_names, str):
        field_names = field_names.replace(",", " ").split()
    field_names = [str(name) for name in field_names]
    typename = str(typename)
    fields = _check_names(typename, field_names, rename)

    field_defaults = {}
    if defaults is not None:
        defaults = tuple(defaults)
        if len(defaults) > len(fields):
            raise TypeError("Got more default values than field names")
        # Defaults apply to the rightmost fields.
        for name, value in zip(fields[len(fields) - len(defaults):], defaults):
            field_defaults[name] = value
    new_name = f"{typename}.__new__"
    arg_list = ", ".join(fields)

    def __new__(cls, *args, **kwargs):
        values = _bind_arguments(new_name, fields, field_defaults, args, kwargs)
        return tuple.__new__(cls, values)

    __new__.__doc__ = f"Create new instance of {typename}({arg_list})"

    def _make(cls, iterable):
        result = tuple.__new__(cls, iterable)
        if len(result) != len(fields):
            raise TypeError(f"Expected {len(fields)} arguments, got {len(result)}")
        return result

    def _replace(self, **kwds):
        values = [kwds.pop(name) if name in kwds else self[i] for i, name in enumerate(fields)]
        if kwds:
            raise ValueError(f"Got unexpected field names: {list(kwds)!r}")
        return type(self)._make(values)

    def __repr__(self):
        body = ", ".join(f"{name}={value!r}" for name, value in zip(fields, self))
        return f"{type(self).__name__}({body})"

    def _asdict(self):
        return dict(zip(fields, self))

    def __getnewargs__(self):
        return tuple(self)

    namespace = {
        "__doc__": f"{typename}({arg_list})",
        "__slots__": (),
        "_fields": fields,
        "_field_defaults": field_defaults,
        "__new__": staticmethod(__new__),
        "_make": classmethod(_make),
        "_replace": _replace,
        "__repr__": __repr__,
        "_asdict": _asdict,
        "__getnewargs__": __getnewargs__,
        "__match_args__": fields,
    }
    if module is not None:
        namespace["__module__"] = module
    for index, name in enumerate(fields):
        namespace[name] = _field_property(index, name)
    result = type(typename, (tuple,), namespace)
    result.__qualname__ = typename
    return result


# ================================================================ OrderedDict

class OrderedDict(dict):
    """dict that can reorder its entries and compares order-sensitively.

    Plain dicts already keep insertion order, so only the reordering methods
    and the comparison/repr differ. move_to_end(last=False) and
    popitem(last=False) rebuild or scan, i.e. are O(n) / O(1) respectively.
    """

    def move_to_end(self, key, last=True):
        value = self.pop(key)  # KeyError if missing, as in CPython
        if last:
            self[key] = value
            return
        rest = list(self.items())
        self.clear()
        self[key] = value
        for k, v in rest:
            self[k] = v

    def popitem(self, last=True):
        if not self:
            raise KeyError("dictionary is empty")
        if last:
            return super().popitem()  # dicts pop LIFO
        key = next(iter(self))
        return key, self.pop(key)

    def __reversed__(self):
        return iter(list(self)[::-1])

    def copy(self):
        return type(self)(self)

    __copy__ = copy

    def __eq__(self, other):
        if isinstance(other, OrderedDict):
            return dict(self) == dict(other) and list(self) == list(other)
        if isinstance(other, dict):
            return dict(self) == other
        return NotImplemented

    def __ne__(self, other):
        result = self.__eq__(other)
        if result is NotImplemented:
            return result
        return not result

    __hash__ = None

    def __repr__(self):
        if not self:
            return f"{type(self).__name__}()"
        return f"{type(self).__name__}({list(self.items())!r})"


# =================================================================== ChainMap

class ChainMap:
    """A view of several mappings searched in order; writes go to the first."""

    def __init__(self, *maps):
        self.maps = list(maps) or [{}]

    def __missing__(self, key):
        raise KeyError(key)

    def __getitem__(self, key):
        for mapping in self.maps:
            if key in mapping:
                return mapping[key]
        return self.__missing__(key)

    def get(self, key, default=None):
        return self[key] if key in self else default

    def __len__(self):
        return len(self._keys())

    def _keys(self):
        # Keys in CPython's order: later maps first, then earlier maps' new keys.
        seen = {}
        for mapping in reversed(self.maps):
            for key in mapping:
                seen[key] = None
        return list(seen)

    def __iter__(self):
        return iter(self._keys())

    def keys(self):
        return self._keys()

    def items(self):
        return [(k, self[k]) for k in self._keys()]

    def values(self):
        return [self[k] for k in self._keys()]

    def __contains__(self, key):
        return any(key in m for m in self.maps)

    def __bool__(self):
        return any(self.maps)

    def __repr__(self):
        return f"{type(self).__name__}({', '.join(repr(m) for m in self.maps)})"

    def new_child(self, m=None):
        if m is None:
            m = {}
        return type(self)(m, *self.maps)

    @property
    def parents(self):
        return type(self)(*self.maps[1:])

    def __setitem__(self, key, value):
        self.maps[0][key] = value

    def __delitem__(self, key):
        try:
            del self.maps[0][key]
        except KeyError:
            raise KeyError(f"Key not found in the first mapping: {key!r}")

    def pop(self, key, *default):
        try:
            return self.maps[0].pop(key, *default)
        except KeyError:
            raise KeyError(f"Key not found in the first mapping: {key!r}")

    def clear(self):
        self.maps[0].clear()
