#!/usr/bin/env bash
# The README's run command: installs what is missing, builds, and opens
# EventFlow on the built-in storefront lab. Arguments go to `eventflow`.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/deps.sh"
"$root/scripts/build.sh" >&2
exec "$root/build/bin/eventflow" "$@"
