#!/usr/bin/env bash
# Check the gil stdlib modules against CPython.
#
# Each stdlib/NAME.py is copied into a temp dir as gil_NAME.py (so it cannot
# shadow CPython's own NAME module), then stdlib/tests/test_NAME.py is run with
# the module name as its argument; the test imports it by that name, compares
# its behaviour with CPython's real module, and prints OK.
#
# Usage: stdlib/tests/check_with_cpython.sh [NAME ...]   (default: all tests)
set -u
here="$(cd "$(dirname "$0")" && pwd)"
stdlib="$(dirname "$here")"
py="$(python3 -c 'import sys; print(sys.executable)')"  # bypass the pyenv shim
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

if [ $# -eq 0 ]; then
    set -- $(cd "$here" && ls test_*.py | sed 's/^test_//; s/\.py$//')
fi

status=0
for name in "$@"; do
    cp "$stdlib/$name.py" "$tmp/gil_$name.py"
    if out="$(cd "$tmp" && PYTHONPATH="$tmp" "$py" "$here/test_$name.py" "gil_$name" 2>&1)"; then
        echo "$name: $out"
    else
        echo "$name: FAILED"
        echo "$out" | sed 's/^/    /'
        status=1
    fi
done
exit $status
