#!/usr/bin/env bash
# The README's test command (and CI's): installs what is missing, builds, and
# runs every test; then builds core/ and its tests again with AddressSanitizer
# and UndefinedBehaviorSanitizer (build-asan/) and runs those too. Any
# sanitizer report aborts its test, so it fails the run.
# Extra arguments go to both ctest runs (e.g. -R pattern).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/deps.sh"
"$root/scripts/build.sh"
ctest --test-dir "$root/build" --output-on-failure --parallel "$(nproc)" "$@"

if [[ "${EVENTFLOW_SKIP_SANITIZERS:-0}" != 1 ]]; then
  BUILD_DIR="$root/build-asan" "$root/scripts/build.sh" \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo -DEVENTFLOW_CORE_ONLY=ON -DEVENTFLOW_SANITIZE=ON
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir "$root/build-asan" --output-on-failure --parallel "$(nproc)" \
      --label-exclude heavy "$@"
fi
