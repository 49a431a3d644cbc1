# Story B's front service as one asyncio process: one task per connection, every downstream
# call awaited. Writes its port to --ready FILE, serves until killed.
import service

opts = service.options({"downstream": "0", "ready": ""})
DOWNSTREAM = int(opts["downstream"])


async def handler(req):
    return await service.front_async(req, DOWNSTREAM)


service.serve_async(handler, opts["ready"])
