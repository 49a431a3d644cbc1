import asyncio

async def handle(reader, writer):
    peer = writer.get_extra_info("peername")
    print("server: client from", peer[0])
    while True:
        line = await reader.readline()
        if not line:
            break
        writer.write(line.upper())
        await writer.drain()
    print("server: client closed")
    writer.close()
    await writer.wait_closed()

async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    print("port ok", port > 0)
    async with server:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        for msg in [b"hello\n", b"world\n", b"x" * 50000 + b"\n"]:
            writer.write(msg)
            await writer.drain()
            resp = await reader.readline()
            print("client got", len(resp), resp[:12])
        writer.write(b"partial")
        writer.write_eof()
        print(await reader.read())
        print(reader.at_eof())
        writer.close()
        await writer.wait_closed()
        print("client closed", writer.is_closing())
        await asyncio.sleep(0.05)
    try:
        await asyncio.open_connection("127.0.0.1", port)
    except ConnectionRefusedError:
        print("refused after close")

asyncio.run(main())
