# Story B's front service as --workers processes (the pre-fork model: one request at a time per
# process, blocking calls). Every worker listens on the same port with SO_REUSEPORT and the
# kernel spreads the connections; the parent only starts them. Writes the port to --ready FILE
# once every worker listens, then waits until killed.
import multiprocessing
import os
import socket
import time

import minihttp
import service


def listen_shared(port):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    s.bind((service.HOST, port))
    return s


def worker(port, downstream, ready):
    def handler(req):
        return service.front_blocking(req, downstream)

    service.exit_with_parent()
    try:
        listener = listen_shared(port)
        listener.listen(128)
        service.announce(ready, port)
        while True:
            conn, _ = listener.accept()
            minihttp.serve_connection(conn, handler)
    except KeyboardInterrupt:
        pass


def main():
    service.exit_with_parent()
    opts = service.options({"downstream": "0", "workers": "4", "ready": ""})
    n = int(opts["workers"])
    # Bound but not listening: it holds the port for the workers and takes no connections.
    holder = listen_shared(0)
    port = holder.getsockname()[1]
    ctx = multiprocessing.get_context("spawn")
    ready = [opts["ready"] + ".w%d" % i for i in range(n)]
    procs = [ctx.Process(target=worker, args=(port, int(opts["downstream"]), ready[i]),
                         daemon=True) for i in range(n)]
    for p in procs:
        p.start()
    while not all(os.path.exists(r) for r in ready):
        if not all(p.is_alive() for p in procs):
            raise SystemExit("a worker died during start-up")
        time.sleep(0.01)
    for r in ready:
        os.remove(r)
    service.announce(opts["ready"], port)
    for p in procs:
        p.join()


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        pass
