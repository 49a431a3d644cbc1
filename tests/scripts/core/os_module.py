# os module basics
import os
pid = os.getpid()
print(type(pid).__name__, pid > 0)
print(os.cpu_count() >= 1)
print(os.path.exists("/tmp"), os.path.exists("/definitely/not/here"))
print(os.path.exists("os_module.py"))
p = "/tmp/gil_os_test_" + str(pid)
print(os.path.exists(p))
with open(p, "w") as f:
    f.write("x")
print(os.path.exists(p))
os.remove(p)
print(os.path.exists(p))
try:
    os.remove(p)
except FileNotFoundError as e:
    print("FileNotFoundError:", type(e).__name__, isinstance(e, OSError))
print(os.path.join("a", "b", "c.txt"))
print(os.path.basename("/x/y/z.py"), os.path.dirname("/x/y/z.py"))
print(os.sep)
print(type(os.environ.get("HOME", "")).__name__)
print(os.environ.get("GIL_SURELY_UNSET_VAR_123", "unset"))
