# sys.exit with a status code
import sys
def main():
    print("working")
    for i in range(3):
        print("step", i)
    print("exiting with 3")
    sys.exit(3)
main()
print("unreachable")
