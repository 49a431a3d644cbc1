"""What the Story B services share: the command line, the readiness file, and the front
service's one endpoint, which makes three calls to the downstream service per request."""

import os
import sys
import threading
import time

import minihttp

HOST = "127.0.0.1"
# The downstream calls behind one front request, made one after the other.
CALLS = ("user", "orders", "recommendations")


def options(defaults):
    """`--name value` pairs from the command line over `defaults` (all strings)."""
    opts = dict(defaults)
    args = sys.argv[1:]
    for i in range(0, len(args) - 1, 2):
        if not args[i].startswith("--"):
            raise SystemExit("bad argument %r" % (args[i],))
        opts[args[i][2:]] = args[i + 1]
    return opts


def exit_with_parent():
    """Ends this process soon after the one that started it is gone, however it went (even
    SIGKILL, which runs no clean-up): a service must never outlive the experiment."""
    parent = os.getppid()

    def watch():
        while os.getppid() == parent:
            time.sleep(0.2)
        os.kill(os.getpid(), 9)

    threading.Thread(target=watch, daemon=True).start()


def announce(path, port):
    """Tells the parent we are ready: writes the port to `path` in one atomic rename."""
    with open(path + ".tmp", "w") as f:
        f.write(str(port))
    os.rename(path + ".tmp", path)


def serve_async(handler, ready):
    """Runs an asyncio minihttp server for `handler` until killed, announcing its port to
    `ready` (the downstream service and the asyncio front both run this way)."""
    import asyncio  # here, not at the top: the process and thread fronts must not pay for it

    async def main():
        exit_with_parent()
        server = await minihttp.start_server(handler, HOST, 0)
        announce(ready, server.sockets[0].getsockname()[1])
        await server.serve_forever()

    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        pass


def item_of(path):
    """`/api?item=7` -> "7"."""
    _, _, query = path.partition("?")
    for pair in query.split("&"):
        k, _, v = pair.partition("=")
        if k == "item":
            return v
    return "0"


def downstream_answer(req):
    """What the downstream service says to `GET /user?item=7`: b"user:7"."""
    what = req.path.partition("?")[0].strip("/")
    return ("%s:%s" % (what, item_of(req.path))).encode()


def expected_body(item):
    """The front service's answer for `item` (the load generator checks every one)."""
    return ("item %s: " % item + " ".join("%s:%s" % (c, item) for c in CALLS)).encode()


def _combine(item, parts):
    return ("item %s: " % item).encode() + b" ".join(parts)


def _check(resp):
    if resp.status != 200:
        raise minihttp.HTTPError("downstream answered %d" % resp.status)
    return resp.body


def front_blocking(req, downstream_port):
    """The front endpoint for a thread or a process: blocking calls, one after the other, on
    one keep-alive connection."""
    item = item_of(req.path)
    with minihttp.Connection(HOST, downstream_port) as conn:
        parts = [_check(conn.request("GET", "/%s?item=%s" % (c, item))) for c in CALLS]
    return minihttp.Response(200, _combine(item, parts))


async def front_async(req, downstream_port):
    """The same endpoint as a coroutine: the same calls in the same order, awaited."""
    item = item_of(req.path)
    conn = await minihttp.AsyncConnection.open(HOST, downstream_port)
    try:
        parts = []
        for c in CALLS:
            parts.append(_check(await conn.request("GET", "/%s?item=%s" % (c, item))))
    finally:
        conn.close()
    return minihttp.Response(200, _combine(item, parts))
