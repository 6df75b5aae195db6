#!/usr/bin/env bash
# The example plugins build warning-free and pass `facecert plugin validate` (issue 4).
set -euo pipefail
cd "$(dirname "$0")/../.."

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
cc -shared -fPIC -Wall -Wextra -Werror -std=c11 -I plugins/c/include plugins/c/examples/tiny_matcher.c \
    -o "$out/tiny_matcher.so"
command -v python3 >/dev/null || { echo "ci: python3 is required for the Python plugin SDK" >&2; exit 1; }
python3 -m py_compile plugins/python/facecert_plugin.py plugins/python/examples/tiny_matcher.py

faces=../shared/faces/orl
if [ ! -d "$faces" ]; then
    echo "ci: $faces is missing; cannot validate the example plugins" >&2
    exit 1
fi
bin="$(swift build --show-bin-path)"
"$bin/facecert" plugin validate --matcher "lib:$out/tiny_matcher.so" --faces "$faces" --stderr-log "$out/c.log"
"$bin/facecert" plugin validate --matcher "exec:python3 plugins/python/examples/tiny_matcher.py" --faces "$faces" \
    --stderr-log "$out/python.log"
