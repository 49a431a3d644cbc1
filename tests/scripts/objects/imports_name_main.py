# __name__ in the main script and in an imported module
import _helper_names
print("main __name__ is", __name__)
print("module reports", _helper_names.who())
def main():
    print("main() called via the __main__ guard")
if __name__ == "__main__":
    main()
else:
    print("not printed")
