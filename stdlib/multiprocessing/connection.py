"""multiprocessing.connection: `Pipe()` and its `Connection` ends.

The descriptors and every wait are native (`_mp.pipe`, `interpreter/modules/mp_conn.rs`);
values cross as `_mp.dumps` frames, so what pickle refuses is refused here too. A
connection reaches a child process by inheritance: pass it in a `Process`'s arguments.
"""

import _mp


class Connection:
    def __init__(self, handle):
        self._h = handle

    def _check(self):
        if self._h.closed():
            raise OSError("handle is closed")

    @property
    def closed(self):
        return self._h.closed()

    @property
    def readable(self):
        return self._h.readable()

    @property
    def writable(self):
        return self._h.writable()

    def fileno(self):
        self._check()
        return self._h.fileno()

    def close(self):
        self._h.close()

    def send(self, obj):
        self._check()
        if not self._h.writable():
            raise OSError("connection is read-only")
        self._h.send_bytes(_mp.dumps(obj))

    def recv(self):
        self._check()
        if not self._h.readable():
            raise OSError("connection is write-only")
        return _mp.loads(self._h.recv_bytes())

    def send_bytes(self, buf, offset=0, size=None):
        self._check()
        data = bytes(buf)
        if offset < 0:
            raise ValueError("offset is negative")
        if offset > len(data):
            raise ValueError("buffer length < offset")
        if size is None:
            size = len(data) - offset
        if size < 0:
            raise ValueError("size is negative")
        if offset + size > len(data):
            raise ValueError("buffer length < offset + size")
        self._h.send_bytes(_mp.dumps(data[offset:offset + size]))

    def recv_bytes(self, maxlength=None):
        self._check()
        data = _mp.loads(self._h.recv_bytes())
        if maxlength is not None and len(data) > maxlength:
            raise OSError("bad message length")
        return data

    def poll(self, timeout=0.0):
        self._check()
        return self._h.poll(timeout)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __repr__(self):
        return "<multiprocessing.connection.Connection>"


def Pipe(duplex=True):
    """Two connected `Connection`s: both ends read and write if `duplex`, else the first
    only reads and the second only writes."""
    a, b = _mp.pipe(duplex)
    return Connection(a), Connection(b)


def wait(object_list, timeout=None):
    """The connections of `object_list` that are ready to read (polled in turn)."""
    import time
    deadline = None if timeout is None else time.monotonic() + timeout
    while True:
        ready = [c for c in object_list if c.poll()]
        if ready:
            return ready
        if deadline is not None and time.monotonic() >= deadline:
            return []
        time.sleep(0.001)
