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


service.serve_async(handler, opts["ready"])
