# The downstream service of Story B: an asyncio HTTP server that answers every request after
# --delay seconds (a slow database or API). Writes its port to --ready FILE, serves until killed.
import asyncio

import minihttp
import service

opts = service.options({"delay": "0.05", "ready": ""})
DELAY = float(opts["delay"])


async def handler(req):
    await asyncio.sleep(DELAY)
    return minihttp.Response(200, service.downstream_answer(req))


async def main():
    service.exit_with_parent()
    server = await minihttp.start_server(handler, service.HOST, 0)
    service.announce(opts["ready"], server.sockets[0].getsockname()[1])
    await server.serve_forever()


try:
    asyncio.run(main())
except KeyboardInterrupt:
    pass
