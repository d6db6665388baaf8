#!/bin/sh
# REPORT.md and the charts of a run: on the fixture run in
# tests/fixtures/run-a (CSV files written for the tests), copied so that
# nothing is written into the source tree. Ends with "N passed, N failed".
set -u
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here" || exit 2
BIN=${BIN:-bin}
fix=tests/fixtures/run-a
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
ok() { passed=$((passed + 1)); echo "pass $*"; }
bad() { failed=$((failed + 1)); echo "FAIL $*"; }
# has FILE DESCRIPTION FIXED-STRING: the report holds the string
has() {
    if grep -qF -- "$3" "$1"; then ok "$2"; else bad "$2: '$3' not in $(basename "$1")"; fi
}

if [ ! -x "$BIN/tlsbench-report" ]; then
    bad "$BIN/tlsbench-report is not built (make $BIN/tlsbench-report)"
    echo "$passed passed, $failed failed"
    exit 1
fi

# ---------------------------------------------------------------- charts
run="$tmp/run"
mkdir -p "$run"
cp "$fix"/* "$run/"
if command -v gnuplot >/dev/null; then
    sh scripts/plots.sh "$run" > "$tmp/plots.log" 2>&1 || bad "plots.sh failed: $(tail -n 3 "$tmp/plots.log")"
    for c in aead-cpb kex-ops rsa-sig-ops prf-hkdf-us overhead-null scaling; do
        if [ -s "$run/plots/$c.png" ] && [ -s "$run/plots/$c.svg" ]; then
            ok "chart $c: PNG and SVG"
        else
            bad "chart $c: PNG or SVG missing"
        fi
        # the title names the machine and the date of the run
        if grep -q 'Example CPU @ 2.00GHz' "$run/plots/$c.svg" 2>/dev/null && grep -q '2026-01-01' "$run/plots/$c.svg"; then
            ok "chart $c: title with machine and date"
        else
            bad "chart $c: no machine or date in the title"
        fi
    done
    # (only the charts of this part: other parts may have nothing to draw)
    mine='(10-cpb|20-kex|30-rsa-sig|35-kdf|60-overhead|70-scaling)\.sh drew nothing'
    grep -Eq "$mine" "$tmp/plots.log" && bad "a chart script drew nothing: $(grep -E "$mine" "$tmp/plots.log")"
    # a single-thread run has no scaling chart, and that is no error
    one="$tmp/one"
    mkdir -p "$one"
    cp "$fix/machine.txt" "$one/"
    awk -F, 'NR == 1 || $9 == 1' "$fix/results.csv" > "$one/results.csv"
    awk -F, 'NR == 1 || $8 == 1' "$fix/samples.csv" > "$one/samples.csv"
    sh scripts/plots.sh "$one" > "$tmp/one.log" 2>&1
    if [ ! -e "$one/plots/scaling.png" ] && [ -s "$one/plots/kex-ops.png" ] && ! grep -Eq "$mine" "$tmp/one.log"; then
        ok "one thread count: no scaling chart, the others drawn"
    else
        bad "one thread count: $(cat "$tmp/one.log")"
    fi
else
    echo "skip charts: gnuplot is not installed"
fi

# ---------------------------------------------------------------- report
printf '# Handshakes\n\nFull TLS handshakes per second.\n\n## Detail\n\n```\n# not a heading\n```\n' > "$run/handshake.md"
printf 'No secret-dependent timing found.\n' > "$run/leakcheck.md"
out=$(sh scripts/report.sh "$run" 2>&1); rc=$?
r="$run/REPORT.md"
if [ $rc -eq 0 ] && [ -z "$out" ] && [ -s "$r" ]; then ok "report.sh writes REPORT.md and prints nothing"; else bad "report.sh: exit $rc, '$out'"; fi
has "$r" "title names the run" "# tlsbench report: 20260101T000000Z_fixture"
has "$r" "machine" "| CPU | Example CPU @ 2.00GHz |"
has "$r" "stability warnings" "**Stability warnings:** virtual machine"
has "$r" "library versions" "| nettle | 3.8 (GMP 6.2.1) |"
has "$r" "Debian packages" '`libssl3` 3.0.22-1~deb12u2'
has "$r" "build paths of a library" "| aes_gcm_path | aesni+pclmulqdq-avx |"
# fastest: the smaller time per operation wins; the fixture's repetitions
# are tight, so every lead is significant (no "~")
has "$r" "fastest: AES-128-GCM at 16 KiB" "| aead/AES-128-GCM/seal/16384 | **openssl** | 3149 MB/s | nettle | 1.21x |"
has "$r" "fastest: AES-128-GCM at 1350 bytes" "| aead/AES-128-GCM/seal/1350 | **nettle** |"
has "$r" "fastest: X25519" "| kex/X25519/exchange/0 | **nettle** |"
has "$r" "fastest: only one backend" "| kex/P-256/exchange/0 | **openssl** | 11245 op/s | (only one) | |"
grep -q '| aead/AES-128-GCM/seal/16384 | \*\*null\*\*' "$r" && bad "the null backend is ranked" || ok "the null backend is not ranked"
has "$r" "family table: AEAD" "| AES-128-GCM/seal/16384 | **3149** | 2604 |"
has "$r" "family table: unsupported (one measured: not bold)" "| P-256/exchange/0 | 11245 | n/a |"
has "$r" "family table: failed" "| SHA256/master/48 | **failed** | 2.30 |"
has "$r" "family table: noisy mark" "| SHA256/schedule/464 | 35.0 | **20.1** † |"
has "$r" "harness overhead" "The null backend does nothing: its 10 cases took"
has "$r" "scaling table" "| RSA-2048 decrypt (op/s) | openssl | 3032 | 5754 | 1.90x |"
has "$r" "unsupported, with the reason" "- **nettle**: nettle has no P-256 in this build - kex/P-256/exchange (1 row)"
has "$r" "failed, with the reason" "- **openssl**: known answer rfc5246-prf-sha256 failed (PRF) - prf/SHA256/master (1 row)"
has "$r" "noisy rows" "1 of 37 measured rows are noisy"
has "$r" "handshake.md included, headings one level down" "## Handshakes"
has "$r" "handshake.md: sub-heading" "### Detail"
has "$r" "handshake.md: code fence untouched" "# not a heading"
has "$r" "leakcheck.md under a heading of its own" "## Leak check"
if command -v gnuplot >/dev/null; then
    missing=""
    for f in "$run"/plots/*.png; do
        grep -qF "](plots/$(basename "$f"))" "$r" || missing="$missing $(basename "$f")"
    done
    [ -z "$missing" ] && ok "every chart is embedded" || bad "charts not embedded:$missing"
    has "$r" "charts in order, with a heading" "### AEAD cycles per byte (16 KiB records)"
fi
grep -qF "$tmp" "$r" && bad "the report holds a path of this machine" || ok "no local paths in the report"
awk '/^\|/ { n = gsub(/\|/, "|"); if (hdr == "") hdr = n; else if (n != hdr) { bad = 1 } } !/^\|/ { hdr = "" } END { exit bad }' "$r" &&
    ok "every Markdown table row has its header's cell count" || bad "a Markdown table row has the wrong cell count"

# no charts yet: the report says how to draw them
nochart="$tmp/nochart"
mkdir -p "$nochart"
cp "$fix"/* "$nochart/"
sh scripts/report.sh "$nochart" > /dev/null 2>&1
has "$nochart/REPORT.md" "a run without charts says how to draw them" "No charts were drawn"
# a run without samples.csv still gets a report
rm "$nochart/samples.csv"
sh scripts/report.sh "$nochart" > /dev/null 2>&1 && has "$nochart/REPORT.md" "a run without samples.csv" "## Fastest backend per operation"

# ---------------------------------------------------------------- bad input
refused() {
    d=$1; shift
    out=$(sh scripts/report.sh "$@" 2>&1); rc=$?
    if [ $rc -ne 0 ] && [ -n "$out" ]; then ok "refused: $d: $out"; else bad "refused: $d (exit $rc)"; fi
}
refused "no RUN" ""
refused "missing folder" "$tmp/nowhere"
mkdir -p "$tmp/empty"; refused "folder without results.csv" "$tmp/empty"
mkdir -p "$tmp/trunc"; head -c 1500 "$fix/results.csv" > "$tmp/trunc/results.csv"; refused "truncated results.csv" "$tmp/trunc"
[ ! -e "$tmp/trunc/REPORT.md" ] && ok "no REPORT.md left from a refused run" || bad "a refused run got a REPORT.md"
mkdir -p "$tmp/other"; printf 'a,b\n1,2\n' > "$tmp/other/results.csv"; refused "not a results.csv" "$tmp/other"

echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
