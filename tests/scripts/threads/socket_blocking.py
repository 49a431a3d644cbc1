# Blocking sockets: a server thread and a client, SO_REUSEPORT, timeouts, non-blocking mode,
# errors as CPython raises them; os.posix_spawn and os.waitpid on sys.executable.
import os
import socket
import sys
import threading
import time

listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
listener.bind(("127.0.0.1", 0))
host, port = listener.getsockname()
listener.listen(16)
print(host, port > 0)


def echo_once():
    conn, _ = listener.accept()
    data = b""
    while not data.endswith(b"\n"):
        data += conn.recv(3)
    conn.sendall(b"echo " + data * 1000)
    conn.close()


t = threading.Thread(target=echo_once)
t.start()
with socket.create_connection(("127.0.0.1", port), timeout=5) as c:
    c.sendall(b"hello\n")
    got = b""
    while True:
        chunk = c.recv(65536)
        if not chunk:
            break
        got += chunk
print(len(got), got[:16])
t.join()

listener.settimeout(0.1)
print(listener.gettimeout())
t0 = time.monotonic()
try:
    listener.accept()
except TimeoutError as e:
    print("TimeoutError:", e, time.monotonic() - t0 >= 0.09)

c = socket.socket()
c.setblocking(False)
try:
    c.connect(("127.0.0.1", port))
except BlockingIOError as e:
    print("BlockingIOError", e.errno)
listener.settimeout(None)
a, _ = listener.accept()
try:
    c.recv(10)
except BlockingIOError:
    print("recv would block")
a.close()
c.close()
listener.close()

for call in (lambda: listener.accept(), lambda: socket.socket().recv(5),
             lambda: socket.create_connection(("127.0.0.1", port)),
             lambda: socket.socket().bind(("127.0.0.1", 70000))):
    try:
        call()
    except (OSError, OverflowError) as e:
        print(type(e).__name__, getattr(e, "errno", None))

pid = os.posix_spawn(sys.executable, [sys.executable, "-c", "import sys; sys.exit(3)"],
                     os.environ)
print(os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))
pid = os.posix_spawn(sys.executable, [sys.executable, "-c", "import time; time.sleep(0.2)"],
                     os.environ, setpgroup=0)
print(os.waitpid(pid, os.WNOHANG))
print(os.waitpid(pid, 0)[0] == pid)
