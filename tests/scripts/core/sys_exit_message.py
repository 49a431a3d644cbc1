# sys.exit with a string prints it to stderr and exits 1
import sys
print("before exit")
try:
    sys.exit(0)
except SystemExit as e:
    print("caught SystemExit with code", e.code)
try:
    sys.exit()
except SystemExit as e:
    print("caught SystemExit with code", e.code)
print(issubclass(SystemExit, Exception), issubclass(SystemExit, BaseException))
sys.exit("fatal: configuration missing")
