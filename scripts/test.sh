#!/usr/bin/env bash
# The README's test command (and CI's): installs what is missing, builds, and
# runs every test.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/deps.sh"
"$root/scripts/build.sh"
ctest --test-dir "$root/build" --output-on-failure --parallel "$(nproc)" "$@"
