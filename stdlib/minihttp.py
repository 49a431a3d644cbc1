"""minihttp: a minimal HTTP/1.1 client and server, blocking (sockets) and asyncio.

Enough HTTP for services that call each other: a request or status line, headers (CRLF line
ends), and a body sized by Content-Length (no chunked encoding, no TLS, no pipelining). A
connection stays open for the next request unless either side says `Connection: close`.
The head of a message is read in one piece, up to the blank line, then split: one wait per
message rather than one per header line.

    Blocking (threads, processes):            asyncio (one event loop):
      conn = Connection(host, port)             conn = await AsyncConnection.open(host, port)
      resp = conn.request("GET", "/x")          resp = await conn.request("GET", "/x")
      serve_connection(sock, handler)           server = await start_server(handler, host, port)

A handler takes a `Request` and returns a `Response` (the asyncio one is `async def`).
The module is plain Python and runs unchanged under CPython: it is in gil's stdlib, and the
examples that use it carry a symlink to it (CPython must not see the rest of gil's stdlib).
`asyncio` is imported only by the asyncio half, so a blocking worker does not pay for it.
"""

import socket

MAX_HEAD = 65536  # bytes of request or status line plus headers
MAX_HEADERS = 100
END_OF_HEAD = b"\r\n\r\n"

REASONS = {200: "OK", 400: "Bad Request", 404: "Not Found", 500: "Internal Server Error",
           502: "Bad Gateway"}


class HTTPError(Exception):
    """A malformed message, or a connection closed in the middle of one."""


class Request:
    def __init__(self, method, path, headers=None, body=b""):
        self.method = method
        self.path = path
        self.headers = headers if headers is not None else {}
        self.body = body

    def __repr__(self):
        return "<Request %s %s>" % (self.method, self.path)


class Response:
    def __init__(self, status=200, body=b"", headers=None):
        self.status = status
        self.body = body
        self.headers = headers if headers is not None else {}

    def __repr__(self):
        return "<Response %d, %d bytes>" % (self.status, len(self.body))


def wants_close(headers):
    return headers.get("connection", "").lower() == "close"


# ---- encoding and parsing (shared by both halves) -------------------------------------------

def _encode(first_line, headers, body, close):
    lines = [first_line, "Content-Length: %d" % len(body)]
    if close:
        lines.append("Connection: close")
    for k, v in headers.items():
        lines.append("%s: %s" % (k, v))
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


def encode_request(method, path, host, body=b"", headers=None, close=False):
    h = {"Host": host}
    if headers:
        h.update(headers)
    return _encode("%s %s HTTP/1.1" % (method, path), h, body, close)


def encode_response(resp, close=False):
    reason = REASONS.get(resp.status, "Unknown")
    return _encode("HTTP/1.1 %d %s" % (resp.status, reason), resp.headers, resp.body, close)


def _parse_head(head):
    """(first line, headers with lower-case names) from a head ending in a blank line."""
    lines = head[:-len(END_OF_HEAD)].split(b"\r\n")
    if len(lines) > MAX_HEADERS + 1:
        raise HTTPError("too many headers")
    headers = {}
    for line in lines[1:]:
        name, sep, value = line.decode("latin-1").partition(":")
        if not sep or not name.strip():
            raise HTTPError("malformed header line %r" % (line,))
        headers[name.strip().lower()] = value.strip()
    return lines[0], headers


def _parse_request_line(line):
    parts = line.decode("latin-1").split()
    if len(parts) != 3 or not parts[2].startswith("HTTP/"):
        raise HTTPError("malformed request line %r" % (line,))
    return parts[0], parts[1]


def _parse_status_line(line):
    parts = line.decode("latin-1").split(None, 2)
    if len(parts) < 2 or not parts[0].startswith("HTTP/") or not parts[1].isdigit():
        raise HTTPError("malformed status line %r" % (line,))
    return int(parts[1])


def _content_length(headers):
    text = headers.get("content-length", "0")
    if not text.isdigit():
        raise HTTPError("bad Content-Length %r" % (text,))
    return int(text)


# ---- blocking half ---------------------------------------------------------------------------

class _SocketReader:
    """readhead / readexactly over a socket, with its own buffer."""

    def __init__(self, sock):
        self.sock = sock
        self.buf = b""

    def _fill(self):
        data = self.sock.recv(65536)
        self.buf += data
        return len(data) > 0

    def readhead(self):
        """A message head through its blank line, or b"" if the peer closed between messages."""
        start = 0
        while True:
            i = self.buf.find(END_OF_HEAD, start)
            if i >= 0:
                head, self.buf = self.buf[:i + 4], self.buf[i + 4:]
                return head
            if len(self.buf) > MAX_HEAD:
                raise HTTPError("message head too long")
            start = max(0, len(self.buf) - 3)
            if not self._fill():
                if self.buf:
                    raise HTTPError("connection closed in the middle of a message head")
                return b""

    def readexactly(self, n):
        while len(self.buf) < n:
            if not self._fill():
                raise HTTPError("connection closed in the middle of a body")
        data, self.buf = self.buf[:n], self.buf[n:]
        return data


def read_request(reader):
    """The next Request on a connection, or None at a clean end of stream."""
    head = reader.readhead()
    if not head:
        return None
    first, headers = _parse_head(head)
    method, path = _parse_request_line(first)
    return Request(method, path, headers, reader.readexactly(_content_length(headers)))


def read_response(reader):
    head = reader.readhead()
    if not head:
        raise HTTPError("connection closed before the response")
    first, headers = _parse_head(head)
    status = _parse_status_line(first)
    return Response(status, reader.readexactly(_content_length(headers)), headers)


def serve_connection(sock, handler):
    """Answers requests on an accepted socket until the client closes or asks to, then closes
    it. `handler(request)` returns a Response; an exception in it becomes a 500."""
    reader = _SocketReader(sock)
    try:
        while True:
            try:
                req = read_request(reader)
            except HTTPError:
                sock.sendall(encode_response(Response(400, b"bad request\n"), close=True))
                return
            if req is None:
                return
            try:
                resp = handler(req)
            except Exception as e:
                resp = Response(500, ("%s: %s\n" % (type(e).__name__, e)).encode())
            close = wants_close(req.headers)
            sock.sendall(encode_response(resp, close))
            if close:
                return
    except OSError:
        pass  # the client went away
    finally:
        sock.close()


class Connection:
    """A blocking client connection, kept open between requests (reopened when the server
    closed it)."""

    def __init__(self, host, port, timeout=None):
        self.host = host
        self.port = port
        self.timeout = timeout
        self.sock = None
        self.reader = None

    def request(self, method, path, body=b"", headers=None, close=False):
        if self.sock is None:
            self.sock = socket.create_connection((self.host, self.port), self.timeout)
            self.reader = _SocketReader(self.sock)
        done = False
        try:
            self.sock.sendall(encode_request(method, path, self.host, body, headers, close))
            resp = read_response(self.reader)
            done = True
        finally:
            if not done:
                self.close()  # half a message: the connection is unusable
        if close or wants_close(resp.headers):
            self.close()
        return resp

    def close(self):
        if self.sock is not None:
            self.sock.close()
            self.sock = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False


def request(host, port, method, path, body=b"", headers=None, timeout=None):
    """One request on a fresh connection (closed afterwards)."""
    with Connection(host, port, timeout) as conn:
        return conn.request(method, path, body, headers, close=True)


# ---- asyncio half ----------------------------------------------------------------------------

async def _areadhead(reader):
    """A message head through its blank line, or b"" if the peer closed between messages."""
    import asyncio
    try:
        return await reader.readuntil(END_OF_HEAD)
    except asyncio.IncompleteReadError as e:
        if e.partial:
            raise HTTPError("connection closed in the middle of a message head")
        return b""
    except asyncio.LimitOverrunError:
        raise HTTPError("message head too long")


async def _areadexactly(reader, n):
    import asyncio
    try:
        return await reader.readexactly(n)
    except asyncio.IncompleteReadError:
        raise HTTPError("connection closed in the middle of a body")


async def aread_request(reader):
    head = await _areadhead(reader)
    if not head:
        return None
    first, headers = _parse_head(head)
    method, path = _parse_request_line(first)
    body = await _areadexactly(reader, _content_length(headers))
    return Request(method, path, headers, body)


async def aread_response(reader):
    head = await _areadhead(reader)
    if not head:
        raise HTTPError("connection closed before the response")
    first, headers = _parse_head(head)
    status = _parse_status_line(first)
    return Response(status, await _areadexactly(reader, _content_length(headers)), headers)


async def start_server(handler, host="127.0.0.1", port=0):
    """An asyncio server answering with `await handler(request)`; one task per connection.
    The port is `server.sockets[0].getsockname()[1]`."""
    import asyncio

    async def on_connection(reader, writer):
        try:
            while True:
                try:
                    req = await aread_request(reader)
                except HTTPError:
                    writer.write(encode_response(Response(400, b"bad request\n"), close=True))
                    await writer.drain()
                    break
                if req is None:
                    break
                try:
                    resp = await handler(req)
                except Exception as e:
                    resp = Response(500, ("%s: %s\n" % (type(e).__name__, e)).encode())
                close = wants_close(req.headers)
                writer.write(encode_response(resp, close))
                await writer.drain()
                if close:
                    break
        except OSError:
            pass  # the client went away
        finally:
            writer.close()

    return await asyncio.start_server(on_connection, host, port)


class AsyncConnection:
    """An asyncio client connection, kept open between requests: `await AsyncConnection.open(
    host, port)`, then `await conn.request(...)`."""

    def __init__(self, host, port, reader, writer):
        self.host = host
        self.port = port
        self.reader = reader
        self.writer = writer

    @classmethod
    async def open(cls, host, port):
        import asyncio
        reader, writer = await asyncio.open_connection(host, port)
        return cls(host, port, reader, writer)

    async def request(self, method, path, body=b"", headers=None, close=False):
        if self.writer is None:
            raise HTTPError("connection closed")
        done = False
        try:
            self.writer.write(encode_request(method, path, self.host, body, headers, close))
            await self.writer.drain()
            resp = await aread_response(self.reader)
            done = True
        finally:
            if not done:
                self.close()  # half a message: the connection is unusable
        if close or wants_close(resp.headers):
            self.close()
        return resp

    def close(self):
        if self.writer is not None:
            self.writer.close()
            self.writer = None


async def arequest(host, port, method, path, body=b"", headers=None):
    """One request on a fresh asyncio connection (closed afterwards)."""
    conn = await AsyncConnection.open(host, port)
    try:
        return await conn.request(method, path, body, headers, close=True)
    finally:
        conn.close()
