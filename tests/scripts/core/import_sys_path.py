# A directory the program puts on sys.path is searched by import.
import os
import sys

try:
    import found_via_sys_path
except ImportError as e:
    print("before:", type(e).__name__)
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "_on_sys_path"))
import found_via_sys_path

print(found_via_sys_path.WHERE)
