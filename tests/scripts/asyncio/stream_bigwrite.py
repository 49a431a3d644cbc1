# A 10 MB write through an echo server (partial sends buffered and flushed), then the
# write errors: a str, an empty write, a write after close.
import asyncio

async def handle(reader, writer):
    total = 0
    while True:
        data = await reader.read(65536)
        if not data:
            break
        total += len(data)
        writer.write(data)
        await writer.drain()
    writer.close()

async def main():
    server = await asyncio.start_server(handle, '127.0.0.1', 0)
    port = server.sockets[0].getsockname()[1]
    reader, writer = await asyncio.open_connection('127.0.0.1', port)
    blob = bytes(range(256)) * 40000
    async def reader_task():
        got = bytearray() if False else []
        n = 0
        while n < len(blob):
            d = await reader.read(1 << 20)
            if not d:
                break
            got.append(d)
            n += len(d)
        return b''.join(got)
    rt = asyncio.ensure_future(reader_task())
    writer.write(blob)
    await writer.drain()
    echoed = await rt
    print(len(echoed), echoed == blob)
    try:
        writer.write('text')
    except TypeError as e:
        print('TypeError:', e)
    writer.write(b'')
    writer.close()
    await writer.wait_closed()
    writer.write(b'after close')
    server.close()
    await server.wait_closed()
    print('done')

asyncio.run(main())
