# Story B's front service as one asyncio process: one task per connection, every downstream
# call awaited. Writes its port to --ready FILE, serves until killed.
import asyncio

import minihttp
import service

opts = service.options({"downstream": "0", "ready": ""})
DOWNSTREAM = int(opts["downstream"])


async def handler(req):
    return await service.front_async(req, DOWNSTREAM)


async def main():
    service.exit_with_parent()
    server = await minihttp.start_server(handler, service.HOST, 0)
    service.announce(opts["ready"], server.sockets[0].getsockname()[1])
    await server.serve_forever()


try:
    asyncio.run(main())
except KeyboardInterrupt:
    pass
