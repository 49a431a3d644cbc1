"""random for gil: a seedable pseudo-random generator in pure gil.

The generator is PCG32 (O'Neill, "PCG: A Family of Simple Fast
Space-Efficient Statistically Good Algorithms for Random Number Generation"):
a 64-bit linear congruential state with a permuted 32-bit output. Python ints
are arbitrary precision, so every step masks back to 64 (or 32) bits.

Sequences differ from CPython's Mersenne Twister; the API and the error
behaviour follow CPython. Not for cryptography.
"""

__all__ = [
    "Random", "seed", "random", "getrandbits", "randrange", "randint", "uniform",
    "choice", "choices", "shuffle", "sample", "gauss", "normalvariate",
    "expovariate", "getstate", "setstate",
]

_MASK64 = 0xFFFFFFFFFFFFFFFF
_MASK32 = 0xFFFFFFFF
_PCG_MULT = 6364136223846793005
_PCG_INC = 1442695040888963407  # must be odd; fixed stream


def _splitmix64(x):
    """One step of SplitMix64: spreads seed bits so similar seeds diverge."""
    x = (x + 0x9E3779B97F4A7C15) & _MASK64
    z = x
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK64
    return z ^ (z >> 31)


def _bit_length(n):
    """Number of bits needed for n >= 0 (int.bit_length without relying on it)."""
    bits = 0
    while n >= 0x100000000:
        n >>= 32
        bits += 32
    while n:
        n >>= 1
        bits += 1
    return bits


def _seed_to_int(a):
    """Reduce a seed value (int, float, str, bytes) to a non-negative int."""
    if isinstance(a, bool) or isinstance(a, int):
        return -a if a < 0 else int(a)
    if isinstance(a, float):
        # Mix the float's integer and fractional parts; deterministic.
        whole = int(a)
        frac = int((a - whole) * 9007199254740992)
        return (abs(whole) << 53) ^ abs(frac)
    if isinstance(a, str) or isinstance(a, bytes) or isinstance(a, bytearray):
        # FNV-1a over the characters: stable across runs (unlike hash(str)).
        h = 0xCBF29CE484222325
        for ch in a:
            code = ch if isinstance(ch, int) else ord(ch)
            h = ((h ^ code) * 0x100000001B3) & _MASK64
        return h
    raise TypeError("The only supported seed types are: None,\n"
                    "int, float, str, bytes, and bytearray.")


def _entropy():
    """A seed from the clock and the process id, for seed(None)."""
    value = 0
    try:
        import time
        value = int(time.time() * 1000000)
    except ImportError:
        pass
    try:
        import os
        value ^= os.getpid() << 40
    except ImportError:
        pass
    value ^= id(object())  # differs between instances created in one process
    return value


class Random:
    """A PCG32 generator. Random(x) seeds it like seed(x)."""

    def __init__(self, x=None):
        self._state = 0
        self._gauss_next = None
        self.seed(x)

    # -- core generator

    def seed(self, a=None):
        """Initialise the state from a (None: from the clock and pid)."""
        if a is None:
            a = _entropy()
        n = _seed_to_int(a)
        # Fold all 64-bit chunks of a big seed together so every bit counts.
        folded = 0
        while True:
            folded = _splitmix64(folded ^ (n & _MASK64))
            n >>= 64
            if not n:
                break
        self._state = folded
        self._gauss_next = None
        self._next32()  # advance once, as PCG's reference seeding does

    def _next32(self):
        old = self._state
        self._state = (old * _PCG_MULT + _PCG_INC) & _MASK64
        xorshifted = (((old >> 18) ^ old) >> 27) & _MASK32
        rot = old >> 59
        return ((xorshifted >> rot) | (xorshifted << ((-rot) & 31))) & _MASK32

    def getstate(self):
        return (1, self._state, self._gauss_next)

    def setstate(self, state):
        version, self._state, self._gauss_next = state
        if version != 1:
            raise ValueError(f"state with version {version} passed to Random.setstate()")

    def getrandbits(self, k):
        """An int with k random bits."""
        if k < 0:
            raise ValueError("number of bits must be non-negative")
        result = 0
        filled = 0
        while filled < k:
            result = (result << 32) | self._next32()
            filled += 32
        return result >> (filled - k)

    def random(self):
        """A float in [0.0, 1.0) with 53 random bits (like CPython's)."""
        a = self._next32() >> 5   # 27 bits
        b = self._next32() >> 6   # 26 bits
        return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0)

    def _randbelow(self, n):
        """Uniform int in [0, n) by rejection sampling (no modulo bias)."""
        k = _bit_length(n)
        r = self.getrandbits(k)
        while r >= n:
            r = self.getrandbits(k)
        return r

    # -- integers

    def randrange(self, start, stop=None, step=1):
        """Random element of range(start, stop, step)."""
        start = _as_int(start, "non-integer arg 1 for randrange()")
        if stop is None:
            if step != 1:
                raise TypeError("Missing a non-None stop argument")
            if start > 0:
                return self._randbelow(start)
            raise ValueError("empty range for randrange()")
        stop = _as_int(stop, "non-integer stop for randrange()")
        step = _as_int(step, "non-integer step for randrange()")
        width = stop - start
        if step == 1:
            if width > 0:
                return start + self._randbelow(width)
            raise ValueError(f"empty range for randrange() ({start}, {stop}, {width})")
        if step == 0:
            raise ValueError("zero step for randrange()")
        if step > 0:
            n = (width + step - 1) // step
        else:
            n = (width + step + 1) // step
        if n <= 0:
            raise ValueError(f"empty range for randrange() ({start}, {stop}, {width})")
        return start + step * self._randbelow(n)

    def randint(self, a, b):
        """Random int in [a, b], both ends included."""
        return self.randrange(a, b + 1)

    # -- floats

    def uniform(self, a, b):
        """Random float between a and b."""
        return a + (b - a) * self.random()

    def normalvariate(self, mu=0.0, sigma=1.0):
        """Normal distribution via Box-Muller (uses math lazily)."""
        import math
        u1 = 1.0 - self.random()  # in (0, 1], safe for log
        u2 = self.random()
        z = math.sqrt(-2.0 * math.log(u1)) * math.cos(2.0 * math.pi * u2)
        return mu + z * sigma

    def gauss(self, mu=0.0, sigma=1.0):
        """Normal distribution; Box-Muller pairs, caching the second value."""
        z = self._gauss_next
        self._gauss_next = None
        if z is None:
            import math
            u1 = 1.0 - self.random()
            u2 = self.random()
            r = math.sqrt(-2.0 * math.log(u1))
            z = r * math.cos(2.0 * math.pi * u2)
            self._gauss_next = r * math.sin(2.0 * math.pi * u2)
        return mu + z * sigma

    def expovariate(self, lambd=1.0):
        import math
        return -math.log(1.0 - self.random()) / lambd

    # -- sequences

    def choice(self, seq):
        """One random element of a non-empty sequence."""
        if not len(seq):
            raise IndexError("Cannot choose from an empty sequence")
        return seq[self._randbelow(len(seq))]

    def shuffle(self, x):
        """Shuffle list x in place (Fisher-Yates)."""
        for i in range(len(x) - 1, 0, -1):
            j = self._randbelow(i + 1)
            x[i], x[j] = x[j], x[i]

    def sample(self, population, k, *, counts=None):
        """k distinct elements chosen without replacement, in selection order."""
        if isinstance(population, (set, frozenset, dict)):
            raise TypeError("Population must be a sequence.  For dicts or sets, use sorted(d).")
        pool = list(population)
        if counts is not None:
            if len(counts) != len(pool):
                raise ValueError("The number of counts does not match the population")
            expanded = []
            for item, c in zip(pool, counts):
                expanded.extend([item] * c)
            pool = expanded
        n = len(pool)
        if not 0 <= k <= n:
            raise ValueError("Sample larger than population or is negative")
        # Partial Fisher-Yates: the first k slots end up a uniform sample.
        for i in range(k):
            j = i + self._randbelow(n - i)
            pool[i], pool[j] = pool[j], pool[i]
        return pool[:k]

    def choices(self, population, weights=None, *, cum_weights=None, k=1):
        """k elements chosen with replacement, optionally weighted."""
        n = len(population)
        if cum_weights is None:
            if weights is None:
                return [population[int(self.random() * n)] for _ in range(k)]
            cum_weights = []
            total = 0
            for w in weights:
                total += w
                cum_weights.append(total)
        elif weights is not None:
            raise TypeError("Cannot specify both weights and cumulative weights")
        if len(cum_weights) != n:
            raise ValueError("The number of weights does not match the population")
        total = cum_weights[-1] + 0.0 if n else 0.0
        if total <= 0.0:
            raise ValueError("Total of weights must be greater than zero")
        return [population[_bisect_right(cum_weights, self.random() * total, n - 1)]
                for _ in range(k)]


def _as_int(value, message):
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value == int(value):
        return int(value)  # CPython 3.11 still accepts integral floats
    raise ValueError(message)


def _bisect_right(a, x, hi):
    """First index i in a[0:hi] with a[i] > x (hi if none)."""
    lo = 0
    while lo < hi:
        mid = (lo + hi) // 2
        if x < a[mid]:
            hi = mid
        else:
            lo = mid + 1
    return lo


# Module-level functions share one default generator, as in CPython.
_inst = Random()
seed = _inst.seed
random = _inst.random
getrandbits = _inst.getrandbits
randrange = _inst.randrange
randint = _inst.randint
uniform = _inst.uniform
choice = _inst.choice
choices = _inst.choices
shuffle = _inst.shuffle
sample = _inst.sample
gauss = _inst.gauss
normalvariate = _inst.normalvariate
expovariate = _inst.expovariate
getstate = _inst.getstate
setstate = _inst.setstate
