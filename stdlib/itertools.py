"""itertools for gil: iterator building blocks, written as generators.

Written for the Python subset gil supports; also runs unchanged on CPython.
Results match CPython's itertools; the objects returned are generators rather
than dedicated iterator types.
"""

__all__ = [
    "count", "cycle", "repeat", "accumulate", "chain", "compress", "dropwhile",
    "takewhile", "filterfalse", "groupby", "islice", "starmap", "tee",
    "zip_longest", "product", "permutations", "combinations",
    "combinations_with_replacement", "pairwise",
]


def _add(a, b):
    return a + b


# ------------------------------------------------------------ infinite iterators

def count(start=0, step=1):
    """start, start+step, start+2*step, ..."""
    n = start
    while True:
        yield n
        n += step


def cycle(iterable):
    """Repeat the items of iterable forever (saving a copy on the first pass)."""
    saved = []
    for element in iterable:
        yield element
        saved.append(element)
    if not saved:
        return
    while True:
        for element in saved:
            yield element


def repeat(obj, times=None):
    """obj over and over, forever or `times` times."""
    if times is None:
        while True:
            yield obj
    else:
        for _ in range(times):
            yield obj


# ------------------------------------------------------------ finite iterators

def accumulate(iterable, func=None, *, initial=None):
    """Running totals (or running results of func)."""
    if func is None:
        func = _add
    it = iter(iterable)
    total = initial
    if initial is None:
        try:
            total = next(it)
        except StopIteration:
            return
    yield total
    for element in it:
        total = func(total, element)
        yield total


class chain:
    """chain(a, b, ...) yields the items of a, then of b, ...

    A class (not a generator function) so that chain.from_iterable exists.
    """

    def __init__(self, *iterables):
        self._sources = iter(iterables)
        self._active = None

    @classmethod
    def from_iterable(cls, iterables):
        obj = cls()
        obj._sources = iter(iterables)
        return obj

    def __iter__(self):
        return self

    def __next__(self):
        while True:
            if self._active is None:
                # Raises StopIteration when there are no more sources.
                self._active = iter(next(self._sources))
            try:
                return next(self._active)
            except StopIteration:
                self._active = None


def compress(data, selectors):
    """Items of data whose matching selector is true."""
    for d, s in zip(data, selectors):
        if s:
            yield d


def dropwhile(predicate, iterable):
    """Skip items while predicate is true, then yield everything."""
    it = iter(iterable)
    for x in it:
        if not predicate(x):
            yield x
            break
    for x in it:
        yield x


def takewhile(predicate, iterable):
    """Yield items while predicate is true; stop at the first false one."""
    for x in iterable:
        if not predicate(x):
            return
        yield x


def filterfalse(predicate, iterable):
    """Items for which predicate is false (truthiness of the item if None)."""
    if predicate is None:
        predicate = bool
    for x in iterable:
        if not predicate(x):
            yield x


class _GroupState:
    """Shared cursor for groupby and its group iterators."""

    def __init__(self, iterable, key):
        self.it = iter(iterable)
        self.key = key
        self.done = False
        self.has_current = False
        self.current_value = None
        self.current_key = None
        self.generation = 0  # bumped each time groupby moves to a new group

    def advance(self):
        """Load the next item; return False at the end."""
        try:
            value = next(self.it)
        except StopIteration:
            self.done = True
            self.has_current = False
            return False
        self.current_value = value
        self.current_key = value if self.key is None else self.key(value)
        self.has_current = True
        return True


def _group_items(state, target_key, generation):
    # Yields the run of items with key == target_key. Once groupby has moved
    # on (generation changed) this group is exhausted, as in CPython.
    while state.generation == generation:
        if not state.has_current:
            if state.done or not state.advance():
                return
        if not (state.current_key == target_key):
            return
        value = state.current_value
        state.has_current = False
        yield value


def groupby(iterable, key=None):
    """Yield (key, group-iterator) for runs of consecutive items with equal keys."""
    state = _GroupState(iterable, key)
    last_key = None
    started = False
    while True:
        if not state.has_current:
            if state.done or not state.advance():
                return
        # Skip what remains of the previous group (unconsumed by the caller).
        while started and state.current_key == last_key:
            if not state.advance():
                return
        last_key = state.current_key
        started = True
        state.generation += 1
        yield last_key, _group_items(state, last_key, state.generation)


_STOP_ERROR = "Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize."
_INDEX_ERROR = "Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize."


def islice(iterable, *args):
    """islice(it, stop) or islice(it, start, stop[, step]): lazy slicing."""
    if len(args) == 1:
        start, stop, step = None, args[0], None
    elif len(args) == 2:
        start, stop, step = args[0], args[1], None
    elif len(args) == 3:
        start, stop, step = args
    else:
        raise TypeError(f"islice expected at most 4 arguments, got {len(args) + 1}")
    # Validate eagerly: CPython raises at call time, not on the first next().
    # The checks (and which message wins) follow CPython's: a non-integer or
    # -1 stop gets the "Stop" message, any other negative index "Indices".
    if stop is not None and (not isinstance(stop, int) or stop == -1):
        raise ValueError(_STOP_ERROR)
    if start is not None and not isinstance(start, int):
        start = -1
    if (start is not None and start < 0) or (stop is not None and stop < -1):
        raise ValueError(_INDEX_ERROR)
    if start is None:
        start = 0
    if step is None:
        step = 1
    elif not isinstance(step, int) or step <= 0:
        raise ValueError("Step for islice() must be a positive integer or None.")
    return _islice_gen(iter(iterable), start, stop, step)


def _islice_gen(it, start, stop, step):
    # Mirrors CPython's consumption pattern exactly: skip up to the next wanted
    # index, yield it, and after the last wanted item consume up to `stop`
    # when asked for one more (so the source is left where CPython leaves it).
    count = 0        # items taken from `it` so far
    wanted = start   # index of the next item to yield
    while True:
        while count < wanted:
            try:
                next(it)
            except StopIteration:
                return
            count += 1
        if stop is not None and count >= stop:
            return
        try:
            item = next(it)
        except StopIteration:
            return
        count += 1
        wanted += step
        if stop is not None and wanted > stop:
            wanted = stop
        yield item


def starmap(function, iterable):
    """function(*args) for each args tuple."""
    for args in iterable:
        yield function(*args)


class _TeeBuffer:
    """Items read from the source but not yet seen by every tee copy."""

    def __init__(self, iterable, n):
        self.it = iter(iterable)
        self.items = []       # buffered items; items[0] has absolute index `base`
        self.base = 0
        self.positions = [0] * n  # absolute index of the next item for each copy

    def get(self, which):
        pos = self.positions[which]
        offset = pos - self.base
        if offset == len(self.items):
            self.items.append(next(self.it))  # StopIteration ends the copy
        value = self.items[offset]
        self.positions[which] = pos + 1
        # Drop items every copy has already passed.
        low = min(self.positions)
        if low > self.base:
            del self.items[: low - self.base]
            self.base = low
        return value


def _tee_gen(buf, which):
    while True:
        try:
            value = buf.get(which)
        except StopIteration:
            return
        yield value


def tee(iterable, n=2):
    """n independent iterators over one source iterable."""
    if n < 0:
        raise ValueError("n must be >= 0")
    buf = _TeeBuffer(iterable, n)
    return tuple(_tee_gen(buf, i) for i in range(n))


def zip_longest(*iterables, fillvalue=None):
    """Like zip, but runs until the longest input ends, padding with fillvalue."""
    iterators = [iter(it) for it in iterables]
    active = len(iterators)
    if not active:
        return
    while True:
        row = []
        for i in range(len(iterators)):
            it = iterators[i]
            if it is None:
                row.append(fillvalue)
                continue
            try:
                row.append(next(it))
            except StopIteration:
                iterators[i] = None
                active -= 1
                if active == 0:
                    return
                row.append(fillvalue)
        yield tuple(row)


# ------------------------------------------------------------ combinatorics

def product(*iterables, repeat=1):
    """Cartesian product, like nested for-loops (rightmost varies fastest)."""
    if repeat < 0:
        raise ValueError("repeat argument cannot be negative")
    pools = [tuple(p) for p in iterables] * repeat
    result = [()]
    for pool in pools:
        result = [prefix + (item,) for prefix in result for item in pool]
    for prod in result:
        yield prod


def permutations(iterable, r=None):
    """r-length orderings of the items, in lexicographic order of positions."""
    pool = tuple(iterable)
    n = len(pool)
    if r is None:
        r = n
    if r < 0:
        raise ValueError("r must be non-negative")
    if r > n:
        return
    # Recursive construction over unused index sets keeps this easy to read.
    yield from _permute(pool, list(range(n)), r, ())


def _permute(pool, remaining, r, prefix):
    if r == 0:
        yield prefix
        return
    for pos in range(len(remaining)):
        idx = remaining[pos]
        rest = remaining[:pos] + remaining[pos + 1:]
        yield from _permute(pool, rest, r - 1, prefix + (pool[idx],))


def combinations(iterable, r):
    """r-length subsequences in sorted order of positions, no repeats."""
    pool = tuple(iterable)
    if r < 0:
        raise ValueError("r must be non-negative")
    yield from _combine(pool, 0, r, (), False)


def combinations_with_replacement(iterable, r):
    """r-length subsequences allowing an item to repeat."""
    pool = tuple(iterable)
    if r < 0:
        raise ValueError("r must be non-negative")
    if not pool and r:
        return
    yield from _combine(pool, 0, r, (), True)


def _combine(pool, start, r, prefix, allow_repeat):
    if r == 0:
        yield prefix
        return
    for i in range(start, len(pool)):
        nxt = i if allow_repeat else i + 1
        yield from _combine(pool, nxt, r - 1, prefix + (pool[i],), allow_repeat)


def pairwise(iterable):
    """(s0, s1), (s1, s2), (s2, s3), ..."""
    it = iter(iterable)
    try:
        a = next(it)
    except StopIteration:
        return
    for b in it:
        yield a, b
        a = b
