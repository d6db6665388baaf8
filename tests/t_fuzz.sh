#!/bin/sh
# The libFuzzer targets (tests/fuzz/, mk/fuzz.mk): each one replays its seed
# corpus and every kept crash input (the regression tests of bugs found by
# fuzzing), then fuzzes briefly from the seeds. Skipped, saying so, when
# clang cannot build libFuzzer targets here.
set -u
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here" || exit 2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0 skipped=0
ok() { passed=$((passed + 1)); echo "pass $*"; }
bad() { failed=$((failed + 1)); echo "FAIL $*"; }
skip() { skipped=$((skipped + 1)); echo "skip $*"; }
FUZZ_RUNS=${FUZZ_RUNS:-20000}

printf 'int LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n);\nint LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n) { (void)d; (void)n; return 0; }\n' > "$tmp/probe.c"
if ! command -v clang > /dev/null 2>&1 ||
    ! clang -fsanitize=fuzzer,address "$tmp/probe.c" -o "$tmp/probe" > /dev/null 2>&1; then
    skip "fuzz targets: clang with libFuzzer is not installed (apt-get install clang libclang-rt-dev)"
    echo "t_fuzz: $passed passed, $failed failed, $skipped skipped"
    exit 0
fi
# A make of its own: the jobserver of a calling make is not passed down.
if ! env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make --no-print-directory fuzz-build > "$tmp/build.log" 2>&1; then
    bad "fuzz targets do not build:"
    tail -n 20 "$tmp/build.log" | sed 's/^/    /'
    echo "t_fuzz: $passed passed, $failed failed, $skipped skipped"
    exit 1
fi
ok "fuzz targets build (clang, libFuzzer, address and undefined sanitizers)"

for t in kat wycheproof opts csv; do
    exe=bin-fuzz/fuzz-$t
    seeds=$(find "tests/fuzz/corpus/$t" -type f 2>/dev/null | sort)
    crashes=$(find "tests/fuzz/crashes/$t" -type f 2>/dev/null | sort)
    if [ -z "$seeds" ]; then
        bad "fuzz-$t: no seed corpus in tests/fuzz/corpus/$t"
        continue
    fi
    # shellcheck disable=SC2086
    if "$exe" $seeds > "$tmp/seeds.log" 2>&1; then
        ok "fuzz-$t: $(echo "$seeds" | wc -l) seed inputs replayed"
    else
        bad "fuzz-$t: a seed input fails:"
        grep -E 'Running:|ERROR|SUMMARY' "$tmp/seeds.log" | tail -n 4 | sed 's/^/    /'
    fi
    for c in $crashes; do
        if "$exe" "$c" > "$tmp/crash.log" 2>&1; then
            ok "fuzz-$t: kept crash input $(basename "$c") no longer crashes"
        else
            bad "fuzz-$t: kept crash input $c still crashes: $(grep -E 'SUMMARY' "$tmp/crash.log" | head -n 1)"
        fi
    done
    mkdir -p "$tmp/corpus-$t"
    dict=""
    [ -f "tests/fuzz/$t.dict" ] && dict="-dict=tests/fuzz/$t.dict"
    # shellcheck disable=SC2086
    "$exe" -runs="$FUZZ_RUNS" -max_total_time=60 -print_final_stats=1 \
        -artifact_prefix="$tmp/$t-" $dict "$tmp/corpus-$t" "tests/fuzz/corpus/$t" \
        > "$tmp/fuzz.log" 2>&1
    rc=$?
    n=$(sed -nE 's/^stat::number_of_executed_units: *([0-9]+).*/\1/p' "$tmp/fuzz.log")
    if [ $rc -eq 0 ]; then
        ok "fuzz-$t: ${n:-?} executions without a finding"
    else
        bad "fuzz-$t: a finding (exit $rc): $(grep -E 'SUMMARY|ERROR' "$tmp/fuzz.log" | head -n 1)"
        for a in "$tmp/$t-"*; do
            [ -f "$a" ] && echo "    input (hex): $(od -An -tx1 "$a" | tr -d ' \n' | cut -c1-200)"
        done
    fi
done

echo "t_fuzz: $passed passed, $failed failed, $skipped skipped"
[ $failed -eq 0 ]
