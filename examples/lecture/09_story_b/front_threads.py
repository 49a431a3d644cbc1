# Story B's front service as one process with a pool of --workers threads: the main thread
# accepts, a pool thread serves the connection with blocking calls (each releases the GIL while
# it waits). Writes its port to --ready FILE, serves until killed.
import socket
from concurrent.futures import ThreadPoolExecutor

import minihttp
import service

opts = service.options({"downstream": "0", "workers": "32", "ready": ""})
DOWNSTREAM = int(opts["downstream"])


def handler(req):
    return service.front_blocking(req, DOWNSTREAM)


def main():
    service.exit_with_parent()
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind((service.HOST, 0))
    listener.listen(128)
    pool = ThreadPoolExecutor(max_workers=int(opts["workers"]))
    service.announce(opts["ready"], listener.getsockname()[1])
    while True:
        conn, _ = listener.accept()
        pool.submit(minihttp.serve_connection, conn, handler)


try:
    main()
except KeyboardInterrupt:
    pass
