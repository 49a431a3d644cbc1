# Imported by ../os_times_sys_path.py through sys.path, not from the script's directory.
WHERE = "syspath_lib"
