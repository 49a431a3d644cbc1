"""pstats (minimal): sort and print the statistics of a cProfile.Profile."""

__all__ = ["Stats", "SortKey"]


class SortKey:
    CALLS = "calls"
    CUMULATIVE = "cumulative"
    FILENAME = "filename"
    NAME = "name"
    PCALLS = "pcalls"
    STDNAME = "stdname"
    TIME = "tottime"


class Stats:
    def __init__(self, profile, stream=None):
        self._prof = profile._prof
        self._sort = -1
        self.stream = stream

    def strip_dirs(self):
        return self

    def sort_stats(self, *keys):
        if keys:
            self._sort = keys[0]
        return self

    def print_stats(self, *amount):
        limit = None
        if amount and isinstance(amount[0], int):
            limit = amount[0]
        text = self._prof.table(self._sort, limit)
        if self.stream is None:
            print(text, end="")
        else:
            self.stream.write(text)
        return self
