# A "slow API" server: answers each request line after a configurable delay, with
# asyncio.start_server. Each connection is its own task, so slow answers overlap.
#
#   python3 examples/slow_api_server.py [--port 8888] [--delay 0.5]    serve until Ctrl-C
#   python3 examples/slow_api_server.py --selftest [--delay 0.5]       start it, send 5 concurrent
#                                                                     requests, print the wall time
import asyncio
import sys
import time

from _measure import table


def option(name, default):
    args = sys.argv[1:]
    for i, a in enumerate(args):
        if a == name and i + 1 < len(args):
            return args[i + 1]
        if a.startswith(name + "="):
            return a[len(name) + 1:]
    return default


DELAY = float(option("--delay", "0.5"))
PORT = int(option("--port", "8888"))


async def handle(reader, writer):
    while True:
        line = await reader.readline()
        if not line:
            break
        await asyncio.sleep(DELAY)  # the slow back end
        writer.write(b"answer to " + line.strip() + b"\n")
        await writer.drain()
    writer.close()


async def request(port, text):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(text.encode() + b"\n")
    await writer.drain()
    answer = await reader.readline()
    writer.close()
    return answer.decode().strip()


async def selftest():
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    t0 = time.perf_counter()
    one = await request(port, "q0")
    t1 = time.perf_counter()
    answers = await asyncio.gather(*(request(port, f"q{i}") for i in range(5)))
    t2 = time.perf_counter()
    server.close()
    await server.wait_closed()
    assert one == "answer to q0", one
    assert answers == [f"answer to q{i}" for i in range(5)], answers
    table(f"slow API server (delay {DELAY} s per answer)", [
        ("1 request", t1 - t0, ""),
        ("5 concurrent requests", t2 - t1, f"5 x {DELAY} s of waiting overlapped"),
    ])


async def serve():
    server = await asyncio.start_server(handle, "127.0.0.1", PORT)
    print(f"slow API server on 127.0.0.1:{PORT}, delay {DELAY} s; Ctrl-C to stop")
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    if "--selftest" in sys.argv:
        asyncio.run(selftest())
    else:
        try:
            asyncio.run(serve())
        except KeyboardInterrupt:
            pass
