#!/usr/bin/env bash
# Regenerate the expected outputs of the golden scripts with real CPython 3.11.
#
# Test scripts are the top-level *.py files in each folder under tests/scripts/
# whose names do not start with "_". Helper modules live in subdirectories or
# are named "_*.py". For each test script NAME.py this writes:
#   NAME.stdout   CPython's stdout
#   NAME.stderr   the last non-empty line of CPython's stderr (only if the exit
#                 status is non-zero or stderr is non-empty)
#   NAME.status   the exit status (only if non-zero)
# An optional NAME.args file holds command-line arguments, one per line.
#
# Usage: tests/scripts/regen.sh [PYTHON]   (default: CPython 3.11.7 from pyenv)
set -euo pipefail
PY="${1:-${PYTHON:-/root/.pyenv/versions/3.11.7/bin/python3}}"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
export PYTHONDONTWRITEBYTECODE=1
export PYTHONIOENCODING=utf-8
unset PYTHONPATH GILPATH
count=0
for dir in "$HERE"/*/; do
    dir="${dir%/}"
    for script in "$dir"/*.py; do
        [ -e "$script" ] || continue
        name="$(basename "$script" .py)"
        case "$name" in _*) continue ;; esac
        base="$dir/$name"
        args=()
        if [ -f "$base.args" ]; then
            mapfile -t args < "$base.args"
        fi
        errfile="$(mktemp)"
        set +e
        (cd "$dir" && "$PY" "$name.py" "${args[@]}" < /dev/null > "$base.stdout" 2> "$errfile")
        status=$?
        set -e
        last="$(grep -v '^[[:space:]]*$' "$errfile" | tail -n 1 || true)"
        if [ "$status" -ne 0 ] || [ -s "$errfile" ]; then
            printf '%s\n' "$last" > "$base.stderr"
        else
            rm -f "$base.stderr"
        fi
        if [ "$status" -ne 0 ]; then
            printf '%s\n' "$status" > "$base.status"
        else
            rm -f "$base.status"
        fi
        rm -f "$errfile"
        count=$((count + 1))
    done
done
echo "regenerated $count scripts with $PY" >&2
