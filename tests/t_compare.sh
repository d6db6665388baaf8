#!/bin/sh
# make compare: the Mann-Whitney U test against known values, a run against
# itself, a run with one backend slowed, backend against backend, and bad
# input refused. Uses the fixture run in tests/fixtures/run-a (CSV files
# written for the tests, not a real run). Ends with "N passed, N failed".
set -u
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here" || exit 2
BIN=${BIN:-bin}
tool="$BIN/tlsbench-compare"
fix=tests/fixtures/run-a
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
ok() { passed=$((passed + 1)); echo "pass $*"; }
bad() { failed=$((failed + 1)); echo "FAIL $*"; }

if [ ! -x "$tool" ]; then
    bad "$tool is not built (make $tool)"
    echo "$passed passed, $failed failed"
    exit 1
fi

# ---------------------------------------------------------------- the test
# expect_p X Y P: the two-sided p-value of X against Y is P (relative 1e-4)
expect_p() {
    got=$("$tool" --mwu "$1" "$2" 2>&1)
    p=$(echo "$got" | sed -n 's/.* p=\([^ ]*\) .*/\1/p')
    if [ -n "$p" ] && awk -v a="$p" -v b="$3" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(d <= 1e-4 * b) }'; then
        ok "mwu $1 vs $2: p=$3"
    else
        bad "mwu $1 vs $2: expected p=$3, got '$got'"
    fi
}
# Complete separation of n against m values: p = 2 / C(n+m, n).
expect_p 1,2,3 4,5,6 0.1
expect_p 1,2,3,4 5,6,7,8 0.0285714
expect_p 1,2,3,4,5 6,7,8,9,10 0.00793651
expect_p 10,9,8,7,6 5,4,3,2,1 0.00793651
# U = 3 for 3 against 3: the exact U distribution is 1,1,2,3,3,3,3,2,1,1
# (of 20), so P(U <= 3) = 7/20 and the two-sided p is 0.7.
expect_p 1,3,5 2,4,6 0.7
# Ties, exact: mid-ranks 1,3,3,3,5,6; the rank sum of {1,2,2} is 7, and 6
# of the 20 subsets lie as far from the mean 10.5: p = 0.3.
expect_p 1,2,2 2,3,4 0.3
expect_p 5,5,5 5,5,5 1
# 40 values: still exact, 2 / C(40, 20).
expect_p "$(seq -s, 1 20)" "$(seq -s, 21 40)" 1.45089e-11
# 42 values: normal approximation with continuity correction,
# z = (220.5 - 0.5) / sqrt(21 * 21 * 43 / 12), p = erfc(z / sqrt(2)).
expect_p "$(seq -s, 1 21)" "$(seq -s, 22 42)" 3.1254e-08
# ... and with the tie correction: groups of 10, 21 and 11 equal values,
# U = 55, var = 441/12 * (43 - 11550 / (42 * 41)).
x=$(printf '1,%.0s' $(seq 10); printf '2,%.0s' $(seq 10); printf 2)
y=$(printf '2,%.0s' $(seq 10); printf '3,%.0s' $(seq 10); printf 3)
expect_p "$x" "$y" 6.2428e-06
out=$("$tool" --mwu 1,2,x 3,4 2>&1); rc=$?
[ $rc -eq 2 ] && [ -n "$out" ] && ok "mwu: malformed list refused" || bad "mwu: malformed list (exit $rc)"

# ---------------------------------------------------------------- runs
# count of table rows whose change column is not "~"
sig_rows() { awk -F'|' 'NF > 8 && $0 ~ /^\| / && $0 !~ /^\| (backend|case) / && $0 !~ /^\|---/ { c = $(NF - 4); gsub(/ /, "", c); if (c != "~" && c != "change") print }' "$1"; }
measured() { awk -F, -v b="$2" 'NR > 1 && (b == "" || $3 == b) && $(NF - 1) == "ok"' "$1/results.csv" | wc -l; }

"$tool" "$fix" "$fix" > "$tmp/self.md" 2> "$tmp/err"
rc=$?
n=$(sig_rows "$tmp/self.md" | wc -l)
total=$(measured "$fix" "")
if [ $rc -eq 0 ] && [ "$n" -eq 0 ] && grep -q "^\*\*$total rows compared: 0 significantly faster in B, 0 significantly slower" "$tmp/self.md"; then
    ok "a run against itself: $total rows, none significant"
else
    bad "a run against itself: exit $rc, $n significant rows ($(cat "$tmp/err"))"
fi

# One backend's repetitions (and medians) scaled by 1.2: exactly its rows
# are marked, each as 1.20x slower.
# scaled NAME OPENSSL OTHERS: a copy of the fixture run in $tmp/NAME with
# openssl's repetitions and medians multiplied by OPENSSL, the other
# backends' by OTHERS
scaled() {
    mkdir -p "$tmp/$1"
    cp "$fix/machine.txt" "$tmp/$1/"
    awk -F, -v OFS=, -v o="$2" -v e="$3" 'NR > 1 { f = $3 == "openssl" ? o : e; $11 = sprintf("%.3f", $11 * f) } { print }' "$fix/samples.csv" > "$tmp/$1/samples.csv"
    awk -F, -v OFS=, -v o="$2" -v e="$3" 'NR > 1 && $(NF - 1) == "ok" { f = $3 == "openssl" ? o : e; for (i = 12; i <= 14; i++) $i = sprintf("%.3f", $i * f) } { print }' "$fix/results.csv" > "$tmp/$1/results.csv"
}
scaled slow 1.2 1
"$tool" "$fix" "$tmp/slow" > "$tmp/slow.md" 2> "$tmp/err"
rc=$?
sig_rows "$tmp/slow.md" > "$tmp/sig"
n=$(wc -l < "$tmp/sig")
others=$(grep -vc '^| openssl |' "$tmp/sig")
want=$(measured "$fix" openssl)
slower=$(grep -c '1.20x slower' "$tmp/sig")
if [ $rc -eq 0 ] && [ "$n" -eq "$want" ] && [ "$others" -eq 0 ] && [ "$slower" -eq "$want" ]; then
    ok "one backend slowed by 1.2: its $want rows marked 1.20x slower, no others"
else
    bad "one backend slowed: exit $rc, $n marked ($others of other backends, $slower at 1.20x), want $want"
fi
grep -q '^| openssl | aead | [0-9]* | 1.200 | 1.20x slower |' "$tmp/slow.md" &&
    ok "geometric mean per backend and family" || bad "geometric mean of the slowed backend's aead rows is not 1.200"

grep -q '^Note: every backend' "$tmp/slow.md" && bad "one backend slowed: a machine-drift note" || ok "one backend slowed: no machine-drift note"
# A change smaller than --min-change is not marked, however small p is; a
# threshold of 0 marks every significant row.
scaled drift3 1.03 1
"$tool" "$fix" "$tmp/drift3" > "$tmp/d3.md" 2>&1
n5=$(sig_rows "$tmp/d3.md" | wc -l)
"$tool" --min-change 0 "$fix" "$tmp/drift3" > "$tmp/d3z.md" 2>&1
n0=$(sig_rows "$tmp/d3z.md" | wc -l)
"$tool" --min-change 2.5 "$fix" "$tmp/drift3" > "$tmp/d3h.md" 2>&1
n25=$(sig_rows "$tmp/d3h.md" | wc -l)
if [ "$n5" -eq 0 ] && [ "$n0" -gt 0 ] && [ "$n25" -eq "$n0" ] && grep -q 'differ by at least 5%' "$tmp/d3.md"; then
    ok "a 3% change: not marked at the default 5% threshold, $n0 rows marked at 0% and 2.5%"
else
    bad "a 3% change: $n5 marked at 5%, $n0 at 0%, $n25 at 2.5%"
fi
for v in -1 101 abc 5% ""; do
    if "$tool" --min-change "$v" "$fix" "$fix" > /dev/null 2> "$tmp/err"; then
        bad "--min-change '$v' accepted"
    elif grep -q 'percentage from 0 to 100' "$tmp/err"; then
        ok "--min-change '$v' refused with the valid range"
    else
        bad "--min-change '$v': $(cat "$tmp/err")"
    fi
done

# Every backend slowed alike: the note blames the machine, not the libraries.
scaled drift 1.3 1.3
"$tool" "$fix" "$tmp/drift" > "$tmp/drift.md" 2>&1
grep -q '^Note: every backend is slower in B (geometric means 1.30 to 1.30)' "$tmp/drift.md" &&
    ok "every backend slowed alike: the machine-drift note" || bad "every backend slowed alike: no note"

# The machine 1.3x slower for every backend and openssl 1.2x slower on top:
# without --drift other backends' rows are marked too; with it the drift is reported as
# 1.300 and exactly openssl's rows are marked, each 1.20x slower.
scaled drift2 1.56 1.3
"$tool" "$fix" "$tmp/drift2" > "$tmp/d2raw.md" 2>&1
nraw=$(sig_rows "$tmp/d2raw.md" | wc -l)
"$tool" --drift "$fix" "$tmp/drift2" > "$tmp/d2.md" 2> "$tmp/err"
rc=$?
sig_rows "$tmp/d2.md" > "$tmp/sig"
n=$(wc -l < "$tmp/sig")
others=$(grep -vc '^| openssl |' "$tmp/sig")
slower=$(grep -c '| 1.200 | 1.20x slower |' "$tmp/sig")
if [ $rc -eq 0 ] && [ "$nraw" -gt "$want" ] && [ "$n" -eq "$want" ] && [ "$others" -eq 0 ] && [ "$slower" -eq "$want" ] &&
    grep -q 'median B/A over all [0-9]* rows is 1.300\*\*' "$tmp/d2.md"; then
    ok "--drift: machine 1.3x slower and openssl 1.2x more: $nraw of $total rows marked without it; with it the drift 1.300 and openssl's $want rows at 1.20x"
else
    bad "--drift: exit $rc, $nraw marked without, $n with ($others of other backends, $slower at 1.20x), want $want ($(cat "$tmp/err"))"
fi
grep -q '^| openssl | aead | [0-9]* | 1.200 | 1.20x slower |' "$tmp/d2.md" && grep -q '^| nettle | aead | [0-9]* | 1.000 |' "$tmp/d2.md" &&
    ok "--drift: geometric means are of B/A divided by the drift" || bad "--drift: geometric means"
"$tool" --drift "$fix" "$fix" > "$tmp/dself.md" 2>&1 && [ "$(sig_rows "$tmp/dself.md" | wc -l)" -eq 0 ] &&
    grep -q 'rows is 1.000\*\*' "$tmp/dself.md" && ok "--drift: a run against itself: drift 1.000, nothing marked" || bad "--drift: a run against itself"
if "$tool" --drift "$fix:openssl" "$fix:nettle" > /dev/null 2> "$tmp/err"; then
    bad "--drift between two backends accepted"
else
    grep -q 'no common drift' "$tmp/err" && ok "--drift between two backends refused, saying why" || bad "--drift between backends: $(cat "$tmp/err")"
fi

# Runs made in rounds are tested on each round's median. One row, 6 rounds
# of 5 repetitions; every repetition of a round shares that round's state
# of the machine (x1 or x1.2): A has 4 fast rounds, B 2. Tested
# repetition by repetition, B reads as 1.20x slower (20 of 30 slow against
# 10 of 30); tested round by round (4 of 6 against 2 of 6) it is not.
# rounds_run NAME FACTORS [round]: the run, with the round column or not
rounds_run() {
    mkdir -p "$tmp/$1"
    cp "$fix/machine.txt" "$tmp/$1/"
    echo "$2" | awk -v with="${3:-}" -F, '
        BEGIN { OFS = "," }
        { for (r = 1; r <= NF; r++) for (k = 0; k < 5; k++) v[++n] = sprintf("%.3f", 1000 * $r * (1 + 0.001 * k)); }
        END {
            print "schema_version,run_id,backend,family,alg,op,size_bytes,threads,repetition,iterations,ns_per_op" (with ? ",round" : "") > "/dev/stdout"
            for (i = 1; i <= n; i++) print 1, "R", "openssl", "aead", "AES-128-GCM", "seal", 1350, 1, i - 1, 1000, v[i] (with ? "," int((i - 1) / 5) + 1 : "")
        }' > "$tmp/$1/samples.csv"
    med=$(awk -F, 'NR > 1 { print $11 }' "$tmp/$1/samples.csv" | sort -g | awk '{ v[NR] = $1 } END { printf "%.3f", (v[15] + v[16]) / 2 }')
    { head -n 1 "$fix/results.csv"
      echo "1,R,openssl,3.0.22,aead,AES-128-GCM,seal,1350,1,30,30000,$med,1000.000,1201.000,9.00,1.0,1.0,1.0,1.0,1.0,1,ok,"; } > "$tmp/$1/results.csv"
}
rounds_run ra "1,1,1,1,1.2,1.2" round
rounds_run rb "1,1,1.2,1.2,1.2,1.2" round
rounds_run pa "1,1,1,1,1.2,1.2"
rounds_run pb "1,1,1.2,1.2,1.2,1.2"
"$tool" "$tmp/ra" "$tmp/rb" > "$tmp/rounds.md" 2> "$tmp/err"; rc1=$?
"$tool" "$tmp/pa" "$tmp/pb" > "$tmp/reps.md" 2>> "$tmp/err"; rc2=$?
nr=$(sig_rows "$tmp/rounds.md" | wc -l)
np=$(sig_rows "$tmp/reps.md" | grep -c '1.20x slower')
if [ $rc1 -eq 0 ] && [ $rc2 -eq 0 ] && [ "$nr" -eq 0 ] && grep -q '| 6r/6r |' "$tmp/rounds.md" && grep -q 'tested on each round.s median' "$tmp/rounds.md" &&
    [ "$np" -eq 1 ] && grep -q '| 30/30 |' "$tmp/reps.md"; then
    ok "rounds: correlated repetitions marked 1.20x slower one by one (30/30), not on the 6 rounds' medians (6r/6r)"
else
    bad "rounds: exit $rc1/$rc2, $nr marked on rounds, $np on repetitions ($(cat "$tmp/err"))"
fi
# the same 6 rounds, B really 1.2x slower in every round: marked
rounds_run rc "1.2,1.2,1.2,1.2,1.44,1.44" round
"$tool" "$tmp/ra" "$tmp/rc" > "$tmp/rounds2.md" 2>&1
sig_rows "$tmp/rounds2.md" | grep -q '1.20x slower' && ok "rounds: a change present in every round is marked" || bad "rounds: a change in every round is not marked"
sed 's/,[0-9]*$/,0/' "$tmp/ra/samples.csv" | sed '1s/,0$/,round/' > "$tmp/bad.csv"; mkdir -p "$tmp/rbad"; cp "$tmp/ra/results.csv" "$tmp/ra/machine.txt" "$tmp/rbad/"; mv "$tmp/bad.csv" "$tmp/rbad/samples.csv"
"$tool" "$tmp/ra" "$tmp/rbad" > /dev/null 2> "$tmp/err" && bad "round 0 accepted" || { grep -q "round '0'" "$tmp/err" && ok "rounds: a round that is not a whole number from 1 refused, naming the line" || bad "round 0: $(cat "$tmp/err")"; }

# Backend against backend, in one run.
"$tool" "$fix:openssl" "$fix:nettle" > "$tmp/be.md" 2> "$tmp/err"
rc=$?
both=$(awk -F, 'NR > 1 && $(NF - 1) == "ok" { k = $5 "/" $6 "/" $7 "/" $8 "/" $9; n[k]++ } END { c = 0; for (k in n) if (n[k] == 3) c++; print c }' "$fix/results.csv")
if [ $rc -eq 0 ] && grep -q "^\*\*$both rows compared" "$tmp/be.md" && grep -q '| backend | openssl | nettle |' "$tmp/be.md"; then
    ok "backend against backend: $both rows"
else
    bad "backend against backend: exit $rc ($(cat "$tmp/err"))"
fi
grep -q 'Measured on one side only' "$tmp/be.md" && grep -q 'unsupported: nettle has no P-256' "$tmp/be.md" &&
    ok "rows measured on one side are listed with the reason" || bad "rows measured on one side are not listed"
"$tool" "$fix:nettle" "$fix" > "$tmp/be2.md" 2>&1 && grep -q '^\*\*[0-9]* rows compared: 0 significantly faster in B, 0 significantly slower' "$tmp/be2.md" &&
    ok "a backend named on one side applies to both" || bad "a backend named on one side"

# Another machine and another library version: rows still match by
# backend and case, and the header shows both sides.
mkdir -p "$tmp/other"
sed 's/^cpu_model=.*/cpu_model=Other CPU/; s/^lib.openssl.version=.*/lib.openssl.version=3.3.0/' "$fix/machine.txt" > "$tmp/other/machine.txt"
sed 's/,openssl,3.0.22,/,openssl,3.3.0,/' "$fix/results.csv" > "$tmp/other/results.csv"
cp "$fix/samples.csv" "$tmp/other/"
"$tool" "$fix" "$tmp/other" > "$tmp/other.md" 2>&1
if grep -q "^\*\*$total rows compared: 0 significantly" "$tmp/other.md" && grep -q '| machine | Example CPU @ 2.00GHz | Other CPU |' "$tmp/other.md" &&
    grep -q '| libraries | null n/a, openssl 3.0.22, .* | null n/a, openssl 3.3.0, ' "$tmp/other.md"; then
    ok "across machines and library versions: rows matched, both sides described"
else
    bad "across machines and library versions: $(head -n 12 "$tmp/other.md")"
fi

# Rows present in one run only.
mkdir -p "$tmp/less"
cp "$fix/machine.txt" "$tmp/less/"
grep -v ',RSA-2048,' "$fix/results.csv" > "$tmp/less/results.csv"
grep -v ',RSA-2048,' "$fix/samples.csv" > "$tmp/less/samples.csv"
"$tool" "$fix" "$tmp/less" > "$tmp/less.md" 2>&1
if grep -q '^## Only in A' "$tmp/less.md" && grep -q '^- openssl rsa/RSA-2048/decrypt, threads 2, size 48' "$tmp/less.md" && ! grep -q '^## Only in B' "$tmp/less.md"; then
    ok "rows present in one run only are listed"
else
    bad "rows present in one run only are not listed"
fi

# ---------------------------------------------------------------- bad input
# refused DESCRIPTION A B: compare.sh exits non-zero with a message and
# leaves no output folder behind
res="$tmp/results"
mkdir -p "$res"
refused() {
    d=$1; shift
    out=$(TLSBENCH_RESULTS="$res" BIN="$BIN" sh scripts/compare.sh "$@" 2>&1 >/dev/null); rc=$?
    left=$(ls "$res" | grep -c '^compare-')
    if [ $rc -ne 0 ] && [ -n "$out" ] && [ "$left" -eq 0 ]; then ok "refused: $d: $out"; else bad "refused: $d (exit $rc, $left folders, '$out')"; fi
}
mkrun() { # NAME: a copy of the fixture to break
    rm -rf "$tmp/$1"; mkdir -p "$tmp/$1"; cp "$fix"/* "$tmp/$1/"; echo "$tmp/$1"
}
refused "no A" "" "$fix"
refused "no B" "$fix" ""
refused "missing run" "$tmp/nowhere" "$fix"
mkdir -p "$tmp/nocsv"; refused "folder without results.csv" "$tmp/nocsv" "$fix"
r=$(mkrun empty); : > "$r/results.csv"; refused "empty results.csv" "$fix" "$r"
r=$(mkrun header); head -n 1 "$fix/results.csv" > "$r/results.csv"; refused "results.csv with a header only" "$fix" "$r"
r=$(mkrun trunc); head -c 2000 "$fix/results.csv" > "$r/results.csv"; refused "truncated results.csv (mid-row)" "$fix" "$r"
r=$(mkrun other); cp "$fix/samples.csv" "$r/results.csv"; refused "not a results.csv (samples.csv in its place)" "$fix" "$r"
r=$(mkrun text); printf 'hello,world\n1,2\n' > "$r/results.csv"; refused "an unrelated CSV" "$fix" "$r"
r=$(mkrun nosamples); rm "$r/samples.csv"; refused "missing samples.csv" "$fix" "$r"
r=$(mkrun fewsamples); head -n 20 "$fix/samples.csv" > "$r/samples.csv"; refused "samples.csv cut at a line end" "$fix" "$r"
r=$(mkrun number); sed '3s/,ok,/,ok,/; 3s/^\(\([^,]*,\)\{11\}\)[^,]*/\1abc/' "$fix/results.csv" > "$r/results.csv"; refused "malformed ns_per_op" "$fix" "$r"
r=$(mkrun status); sed '3s/,ok,/,fine,/' "$fix/results.csv" > "$r/results.csv"; refused "unknown status" "$fix" "$r"
r=$(mkrun dup); { cat "$fix/results.csv"; sed -n 3p "$fix/results.csv"; } > "$r/results.csv"; refused "a row twice" "$fix" "$r"
r=$(mkrun schema); sed '2,$s/^1,/9,/' "$fix/results.csv" > "$r/results.csv"; refused "another schema_version" "$fix" "$r"
refused "unknown backend" "$fix:bogus" "$fix"
for v in abc -2 150 1.2.3; do
    MIN_CHANGE=$v refused "MIN_CHANGE=$v" "$fix" "$fix"
done
for v in yes 2; do
    DRIFT=$v refused "DRIFT=$v" "$fix" "$fix"
done
refused "backend absent from B" "$fix:openssl" "$tmp/less:libsodium"
refused "no run before ':'" ":openssl" "$fix"
out=$(TLSBENCH_RESULTS="$res" BIN="$BIN" sh scripts/compare.sh "$fix:bogus" "$fix" 2>&1)
echo "$out" | grep -q 'valid there: null openssl nettle' && ok "unknown backend: the message names the valid ones" || bad "unknown backend message: $out"

# ---------------------------------------------------------------- output
TLSBENCH_RESULTS="$res" BIN="$BIN" sh scripts/compare.sh "$fix" "$tmp/slow" > "$tmp/run1.out" 2>&1
rc1=$?
TLSBENCH_RESULTS="$res" BIN="$BIN" sh scripts/compare.sh "$fix" "$tmp/slow" > "$tmp/run2.out" 2>&1
rc2=$?
md=$(ls "$res"/compare-*/compare-run-a-vs-slow.md 2>/dev/null | wc -l)
if [ $rc1 -eq 0 ] && [ $rc2 -eq 0 ] && [ "$md" -eq 2 ]; then
    ok "make compare writes a new folder each time (nothing overwritten)"
else
    bad "compare.sh twice: exit $rc1/$rc2, $md Markdown files ($(cat "$tmp/run1.out" | tail -n 2))"
fi
grep -q '^| openssl | aead/AES-128-GCM/seal/16384 | 2 |' "$tmp/run1.out" && ok "the table is printed on the terminal" || bad "no table on the terminal"
f=$(ls "$res"/compare-*/compare-run-a-vs-slow.md | head -n 1)
"$tool" --out "$f" "$fix" "$fix" > /dev/null 2>&1 && bad "an existing output file was overwritten" || ok "an existing output file is refused"
if command -v gnuplot >/dev/null; then
    png=$(ls "$res"/compare-*/*.png 2>/dev/null | wc -l)
    svg=$(ls "$res"/compare-*/*.svg 2>/dev/null | wc -l)
    [ "$png" -eq 2 ] && [ "$svg" -eq 2 ] && ok "the chart is drawn (PNG and SVG)" || bad "chart: $png PNG, $svg SVG"
else
    echo "skip chart: gnuplot is not installed"
fi

echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
