"""functools for gil: higher-order functions and operations on callables.

Written for the Python subset gil supports; also runs unchanged on CPython.
"""

__all__ = [
    "reduce", "partial", "update_wrapper", "wraps", "WRAPPER_ASSIGNMENTS",
    "WRAPPER_UPDATES", "lru_cache", "cache", "total_ordering", "cmp_to_key",
]

# Sentinel distinguishing "no initial value given" from an explicit None.
_NO_INITIAL = object()


def reduce(function, iterable, initial=_NO_INITIAL):
    """Fold iterable from the left: reduce(f, [a, b, c]) == f(f(a, b), c)."""
    it = iter(iterable)
    value = initial
    if initial is _NO_INITIAL:
        # Raise outside the except block so the StopIteration is not chained.
        empty = False
        try:
            value = next(it)
        except StopIteration:
            empty = True
        if empty:
            raise TypeError("reduce() of empty iterable with no initial value")
    for element in it:
        value = function(value, element)
    return value


class partial:
    """partial(func, *args, **keywords): a callable with some arguments pre-filled."""

    def __init__(self, func, *args, **keywords):
        if not callable(func):
            raise TypeError("the first argument must be callable")
        # Flatten nested partials so partial(partial(f, 1), 2) calls f(1, 2) directly.
        if isinstance(func, partial):
            args = func.args + args
            merged = dict(func.keywords)
            merged.update(keywords)
            keywords = merged
            func = func.func
        self.func = func
        self.args = tuple(args)
        self.keywords = keywords

    def __call__(self, *args, **keywords):
        merged = dict(self.keywords)
        merged.update(keywords)
        return self.func(*(self.args + args), **merged)

    def __repr__(self):
        parts = [repr(self.func)]
        parts.extend(repr(a) for a in self.args)
        parts.extend(f"{k}={v!r}" for k, v in self.keywords.items())
        return "functools.partial(" + ", ".join(parts) + ")"


WRAPPER_ASSIGNMENTS = ("__module__", "__name__", "__qualname__", "__doc__")
WRAPPER_UPDATES = ("__dict__",)


def update_wrapper(wrapper, wrapped, assigned=WRAPPER_ASSIGNMENTS, updated=WRAPPER_UPDATES):
    """Make wrapper look like wrapped: copy metadata, merge __dict__, set __wrapped__."""
    for attr in assigned:
        # Missing attributes are skipped, as CPython does.
        if hasattr(wrapped, attr):
            setattr(wrapper, attr, getattr(wrapped, attr))
    for attr in updated:
        if hasattr(wrapper, attr) and hasattr(wrapped, attr):
            getattr(wrapper, attr).update(getattr(wrapped, attr))
    # Set last so a __wrapped__ copied in via __dict__ does not win.
    wrapper.__wrapped__ = wrapped
    return wrapper


def wraps(wrapped, assigned=WRAPPER_ASSIGNMENTS, updated=WRAPPER_UPDATES):
    """Decorator form of update_wrapper."""
    def decorator(wrapper):
        return update_wrapper(wrapper, wrapped, assigned, updated)
    return decorator


# ---------------------------------------------------------------- lru_cache

class CacheInfo(tuple):
    """Named 4-tuple (hits, misses, maxsize, currsize) with CPython's repr."""

    def __new__(cls, hits, misses, maxsize, currsize):
        return tuple.__new__(cls, (hits, misses, maxsize, currsize))

    @property
    def hits(self):
        return self[0]

    @property
    def misses(self):
        return self[1]

    @property
    def maxsize(self):
        return self[2]

    @property
    def currsize(self):
        return self[3]

    def __repr__(self):
        return (f"CacheInfo(hits={self[0]!r}, misses={self[1]!r}, "
                f"maxsize={self[2]!r}, currsize={self[3]!r})")


# Separates positional from keyword parts in a cache key, so f(1, 2) and
# f(1, b=2) get different keys (CPython does the same).
_KWD_MARK = object()


def _make_key(args, kwds, typed):
    key = args
    if kwds:
        key = key + (_KWD_MARK,)
        for item in kwds.items():
            key = key + item
    if typed:
        key = key + tuple(type(a) for a in args)
        if kwds:
            key = key + tuple(type(v) for v in kwds.values())
    return key


class _Link:
    """Node of the doubly linked recency list used by lru_cache."""

    def __init__(self, key, result):
        self.key = key
        self.result = result
        self.prev = None
        self.next = None


class _LruWrapper:
    """The callable returned by lru_cache.

    The cache is a dict key -> _Link plus a circular doubly linked list with a
    sentinel root: root.next is the least recently used entry, root.prev the
    most recent. Hits move a link to the back; a full cache evicts root.next.
    All operations are O(1).
    """

    def __init__(self, func, maxsize, typed):
        self.__wrapped__ = func
        self._func = func
        self._maxsize = maxsize
        self._typed = typed
        self._cache = {}
        self._hits = 0
        self._misses = 0
        root = _Link(None, None)
        root.prev = root
        root.next = root
        self._root = root
        update_wrapper(self, func)

    def _unlink(self, link):
        link.prev.next = link.next
        link.next.prev = link.prev

    def _append(self, link):
        # Insert just before root, i.e. as most recently used.
        root = self._root
        last = root.prev
        last.next = link
        link.prev = last
        link.next = root
        root.prev = link

    def __call__(self, *args, **kwds):
        maxsize = self._maxsize
        if maxsize == 0:
            # No caching at all; only count misses.
            self._misses += 1
            return self._func(*args, **kwds)
        key = _make_key(args, kwds, self._typed)
        link = self._cache.get(key)
        if link is not None:
            self._hits += 1
            if maxsize is not None:
                self._unlink(link)
                self._append(link)
            return link.result
        self._misses += 1
        result = self._func(*args, **kwds)
        if key in self._cache:
            # A recursive call already filled this key while we computed it.
            return result
        link = _Link(key, result)
        self._cache[key] = link
        if maxsize is not None:
            self._append(link)
            if len(self._cache) > maxsize:
                oldest = self._root.next
                self._unlink(oldest)
                del self._cache[oldest.key]
        return result

    def cache_info(self):
        return CacheInfo(self._hits, self._misses, self._maxsize, len(self._cache))

    def cache_clear(self):
        self._cache.clear()
        self._hits = 0
        self._misses = 0
        root = self._root
        root.prev = root
        root.next = root

    def cache_parameters(self):
        return {"maxsize": self._maxsize, "typed": self._typed}

    def __repr__(self):
        return f"<functools._lru_cache_wrapper {self._func!r}>"

    def __get__(self, instance, owner=None):
        # Lets @lru_cache work on methods on CPython; on gil this hook is only
        # used if the interpreter supports __get__ on arbitrary objects.
        if instance is None:
            return self
        return partial(self, instance)


def lru_cache(maxsize=128, typed=False):
    """Memoize a function, keeping at most maxsize most recently used results.

    Usable as @lru_cache, @lru_cache() and @lru_cache(maxsize=N, typed=...).
    maxsize=None means unbounded.
    """
    if isinstance(maxsize, int) and not isinstance(maxsize, bool):
        if maxsize < 0:
            maxsize = 0
    elif callable(maxsize) and isinstance(typed, bool):
        # Used bare as @lru_cache: maxsize is actually the function.
        return _LruWrapper(maxsize, 128, typed)
    elif maxsize is not None:
        raise TypeError("Expected first argument to be an integer, a callable, or None")

    def decorating_function(func):
        return _LruWrapper(func, maxsize, typed)
    return decorating_function


def cache(func):
    """Unbounded memoization: lru_cache(maxsize=None)."""
    return _LruWrapper(func, None, False)


# ------------------------------------------------------------ total_ordering

# Each derived operator is written in terms of the defined root one and ==.
# NotImplemented from the root propagates unchanged.

def _gt_from_lt(self, other):
    r = type(self).__lt__(self, other)
    if r is NotImplemented:
        return r
    return not r and self != other


def _le_from_lt(self, other):
    r = type(self).__lt__(self, other)
    if r is NotImplemented:
        return r
    return r or self == other


def _ge_from_lt(self, other):
    r = type(self).__lt__(self, other)
    if r is NotImplemented:
        return r
    return not r


def _ge_from_le(self, other):
    r = type(self).__le__(self, other)
    if r is NotImplemented:
        return r
    return not r or self == other


def _lt_from_le(self, other):
    r = type(self).__le__(self, other)
    if r is NotImplemented:
        return r
    return r and self != other


def _gt_from_le(self, other):
    r = type(self).__le__(self, other)
    if r is NotImplemented:
        return r
    return not r


def _lt_from_gt(self, other):
    r = type(self).__gt__(self, other)
    if r is NotImplemented:
        return r
    return not r and self != other


def _ge_from_gt(self, other):
    r = type(self).__gt__(self, other)
    if r is NotImplemented:
        return r
    return r or self == other


def _le_from_gt(self, other):
    r = type(self).__gt__(self, other)
    if r is NotImplemented:
        return r
    return not r


def _le_from_ge(self, other):
    r = type(self).__ge__(self, other)
    if r is NotImplemented:
        return r
    return not r or self == other


def _gt_from_ge(self, other):
    r = type(self).__ge__(self, other)
    if r is NotImplemented:
        return r
    return r and self != other


def _lt_from_ge(self, other):
    r = type(self).__ge__(self, other)
    if r is NotImplemented:
        return r
    return not r


# root name -> list of (derived name, implementation); order of preference
# for the root is __lt__, __le__, __gt__, __ge__ (as in CPython).
_ORDER_CONVERSIONS = [
    ("__lt__", [("__gt__", _gt_from_lt), ("__le__", _le_from_lt), ("__ge__", _ge_from_lt)]),
    ("__le__", [("__ge__", _ge_from_le), ("__lt__", _lt_from_le), ("__gt__", _gt_from_le)]),
    ("__gt__", [("__lt__", _lt_from_gt), ("__ge__", _ge_from_gt), ("__le__", _le_from_gt)]),
    ("__ge__", [("__le__", _le_from_ge), ("__gt__", _gt_from_ge), ("__lt__", _lt_from_ge)]),
]


def _defines_own(cls, name):
    """True if cls (or a base other than object) defines comparison `name`.

    Uses getattr identity against object's slot rather than cls.__dict__, so it
    only needs plain attribute lookup from the interpreter.
    """
    method = getattr(cls, name, None)
    return method is not None and method is not getattr(object, name, None)


def total_ordering(cls):
    """Class decorator filling in missing ordering methods from one defined one."""
    roots = [name for name, _ in _ORDER_CONVERSIONS if _defines_own(cls, name)]
    if not roots:
        raise ValueError("must define at least one ordering operation: < > <= >=")
    root = roots[0]
    for name, conversions in _ORDER_CONVERSIONS:
        if name == root:
            for derived, func in conversions:
                if derived not in roots:
                    func.__name__ = derived
                    setattr(cls, derived, func)
    return cls


# ---------------------------------------------------------------- cmp_to_key

def cmp_to_key(mycmp):
    """Convert an old-style cmp(a, b) -> int function to a key= function."""

    class K:
        def __init__(self, obj):
            self.obj = obj

        def __lt__(self, other):
            return mycmp(self.obj, other.obj) < 0

        def __gt__(self, other):
            return mycmp(self.obj, other.obj) > 0

        def __eq__(self, other):
            return mycmp(self.obj, other.obj) == 0

        def __le__(self, other):
            return mycmp(self.obj, other.obj) <= 0

        def __ge__(self, other):
            return mycmp(self.obj, other.obj) >= 0

        __hash__ = None

    return K
