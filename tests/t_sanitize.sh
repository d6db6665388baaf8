#!/bin/sh
# `make test SANITIZE=address,undefined`: proves the programs under test
# really are instrumented and the sanitizer runtime is live (a sanitized run
# that silently tested plain binaries would prove nothing). Skipped, saying
# so, in an ordinary `make test`.
# Environment: BIN, BACKENDS_FOUND.
set -u
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here" || exit 2
BIN=${BIN:-bin}
found=${BACKENDS_FOUND:-null}
passed=0 failed=0 skipped=0
ok() { passed=$((passed + 1)); echo "pass $*"; }
bad() { failed=$((failed + 1)); echo "FAIL $*"; }
skip() { skipped=$((skipped + 1)); echo "skip $*"; }

case "$BIN" in
*-san) ;;
*)
    skip "sanitizers: $BIN is not a sanitized build (make test SANITIZE=address,undefined)"
    echo "t_sanitize: $passed passed, $failed failed, $skipped skipped"
    exit 0
    ;;
esac
for b in $found; do
    exe="$BIN/tlsbench-$b"
    syms=$(nm "$exe" 2>/dev/null)
    if echo "$syms" | grep -q '__asan_init' && echo "$syms" | grep -q '__ubsan_handle'; then
        ok "sanitizers: tlsbench-$b has AddressSanitizer and UndefinedBehaviorSanitizer"
    else
        bad "sanitizers: tlsbench-$b is not instrumented"
    fi
done
# The runtime is live and its options reach it: help=1 lists ASan's flags.
if ASAN_OPTIONS=help=1 "$BIN/tlsbench-null" --info 2>&1 | grep -q 'Available flags for AddressSanitizer'; then
    ok "sanitizers: the AddressSanitizer runtime runs in tlsbench-null"
else
    bad "sanitizers: no AddressSanitizer runtime in tlsbench-null"
fi
echo "t_sanitize: $passed passed, $failed failed, $skipped skipped"
[ $failed -eq 0 ]
