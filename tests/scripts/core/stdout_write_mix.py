# sys.stdout.write interleaved with print
import sys
sys.stdout.write("a")
print("b")
sys.stdout.write("c\n")
for i in range(3):
    sys.stdout.write(str(i))
    sys.stdout.write(",")
sys.stdout.write("\n")
print(sys.stdout.write(""), sys.stdout.write("xyz"))
print("end")
