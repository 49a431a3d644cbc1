print("_helper_names __name__ is", __name__)
if __name__ == "__main__":
    print("this must not print when imported")
def who():
    return __name__
