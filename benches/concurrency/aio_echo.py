# asyncio echo server (start_server on loopback) and C concurrent clients (open_connection)
# in the same script, each doing R round trips of one line.
# Prints: requests_per_s, p50_ms, p99_ms (per round trip), connect_s.
import asyncio
import sys
import time


CONNECTED = [0]


async def handle(reader, writer):
    CONNECTED[0] += 1
    while True:
        line = await reader.readline()
        if not line:
            break
        writer.write(line)
        await writer.drain()
    writer.close()


async def client(port, rounds, lat, go):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    await go.wait()
    msg = b"ping 0123456789\n"
    for _ in range(rounds):
        t0 = time.perf_counter()
        writer.write(msg)
        await writer.drain()
        line = await reader.readline()
        lat.append(time.perf_counter() - t0)
        if line != msg:
            raise RuntimeError("bad echo")
    writer.close()


async def main(clients, rounds):
    server = await asyncio.start_server(handle, "127.0.0.1", 0, backlog=4096)
    port = server.sockets[0].getsockname()[1]
    lat = []
    go = asyncio.Event()
    t0 = time.perf_counter()
    tasks = [asyncio.create_task(client(port, rounds, lat, go)) for _ in range(clients)]
    await asyncio.sleep(0)
    # let every client connect before the clock starts
    while CONNECTED[0] < clients:
        await asyncio.sleep(0.01)
        if time.perf_counter() - t0 > 30:
            break
    t1 = time.perf_counter()
    go.set()
    await asyncio.gather(*tasks)
    t2 = time.perf_counter()
    server.close()
    await server.wait_closed()
    lat.sort()
    n = len(lat)
    print(f"clients={clients}")
    print(f"rounds={rounds}")
    print(f"connect_s={t1 - t0:.4f}")
    print(f"requests_per_s={n / (t2 - t1):.0f}")
    print(f"p50_ms={lat[n // 2] * 1e3:.3f}")
    print(f"p99_ms={lat[min(n - 1, int(n * 0.99))] * 1e3:.3f}")


clients = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 10
asyncio.run(main(clients, rounds))
