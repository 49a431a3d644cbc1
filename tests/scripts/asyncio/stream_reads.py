import asyncio

async def handle(reader, writer):
    writer.write(b"HEAD:12345;rest-of-data")
    await writer.drain()
    writer.close()

async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    print(await reader.readexactly(5))
    print(await reader.readuntil(b";"))
    print(await reader.read(4))
    try:
        await reader.readexactly(100)
    except asyncio.IncompleteReadError as e:
        print("incomplete", e.partial, e.expected, e)
    print(await reader.read(), reader.at_eof())
    writer.close()
    server.close()
    await server.wait_closed()

asyncio.run(main())
