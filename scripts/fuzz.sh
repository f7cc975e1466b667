#!/bin/bash
# Builds the libFuzzer targets (clang, ASan+UBSan) in build-fuzz/, writes their
# seed corpora (scripts/fuzz_seeds.py) and runs the targets one after another,
# FUZZ_SECONDS each (default 900), printing each target's executions.
#   scripts/fuzz.sh [TARGET...]      (default: every fuzz/*.cpp)
# Inputs that crash land in build-fuzz/crashes/<target>/; once fixed, copy each
# into tests/fuzz/<target>/ where the fuzz/<target> CTest suites replay it.
set -euo pipefail
cd "$(dirname "$0")/.."
SOURCE_DIR=$PWD
SHARED_DIR=${EVENTFLOW_SHARED_DIR:-$SOURCE_DIR/../shared}
BUILD=${FUZZ_BUILD_DIR:-$SOURCE_DIR/build-fuzz}
SECONDS_EACH=${FUZZ_SECONDS:-900}

if [[ ! -f $BUILD/build.ninja ]]; then
    CC=clang CXX=clang++ cmake -S . -B "$BUILD" -G Ninja -DEVENTFLOW_FUZZ=ON \
        -DEVENTFLOW_CORE_ONLY=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo
fi
cmake --build "$BUILD" -j"$(nproc)"

targets=("$@")
if [[ ${#targets[@]} -eq 0 ]]; then
    for f in fuzz/*.cpp; do targets+=("$(basename "$f" .cpp)"); done
fi

rm -rf "$BUILD/seeds"
/usr/bin/python3 scripts/fuzz_seeds.py "$SOURCE_DIR" "$SHARED_DIR" "$BUILD/seeds"

summary=()
for t in "${targets[@]}"; do
    mkdir -p "$BUILD/corpus/$t" "$BUILD/crashes/$t"
    dict=()
    case $t in pattern_parse|event_match) dict=(-dict=fuzz/pattern.dict) ;; esac
    log=$BUILD/fuzz-$t.log
    echo "== $t for ${SECONDS_EACH}s (log: $log)"
    rc=0
    "$BUILD/bin/fuzz_$t" "$BUILD/corpus/$t" "$BUILD/seeds/$t" "${dict[@]}" \
        -max_total_time="$SECONDS_EACH" -timeout=30 -rss_limit_mb=4096 -max_len=65536 \
        -print_final_stats=1 -artifact_prefix="$BUILD/crashes/$t/" >"$log" 2>&1 || rc=$?
    execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || true)
    line="$t: ${execs:-?} executions in ${SECONDS_EACH}s, exit $rc"
    echo "$line"
    summary+=("$line")
done
echo "== summary"
printf '%s\n' "${summary[@]}"
for s in "${summary[@]}"; do [[ $s == *"exit 0" ]] || exit 1; done
