#!/bin/sh
# Tests of `make leakcheck`: the statistics and ciphertext classes (unit
# tests in C, seeded), the tool's refusal of bad options, a test adapter
# that leaks on purpose being flagged, and the driver's knobs, folder,
# CSV, charts and report section. Machine timings are never judged: only
# the deliberate leak (about 10 us in one class) is expected to show.
# Ends with "N passed, N failed". Environment: BIN, BACKENDS_FOUND.
set -u
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here" || exit 2
BIN=${BIN:-bin}
found=${BACKENDS_FOUND:-}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0

ok() { passed=$((passed + 1)); echo "pass leakcheck: $*"; }
bad() { failed=$((failed + 1)); echo "FAIL leakcheck: $*"; }
header="schema_version,run_id,backend,backend_version,key_bits,class,samples,median_ns,diff_ns,ci_low_ns,ci_high_ns,p_sign,p_wilcoxon,p_friedman,friedman_stat,verdict,detectable_ns,tsc_ghz,note"
# col CSV NAME CLASS: the named column of the row of CLASS
col() {
    awk -v name="$2" -v cls="$3" "$(cat scripts/csv.awk)"'
        NR == 1 { n = csvsplit($0, h); for (i = 1; i <= n; i++) c[h[i]] = i; next }
        { csvsplit($0, v) } v[c["class"]] == cls { print v[c[name]]; exit }' "$1"
}
# shape CSV ROWS: the header, ROWS data rows, 19 fields in each
shape() {
    [ "$(head -n 1 "$1")" = "$header" ] &&
        [ "$(awk 'END { print NR - 1 }' "$1")" -eq "$2" ] &&
        awk "$(cat scripts/csv.awk)"'NR > 1 && csvsplit($0, v) != 19 { bad = 1 } END { exit bad }' "$1"
}

for exe in test_leakstats tlsleak-leaky tlsleak-null; do
    [ -x "$BIN/$exe" ] || { bad "$BIN/$exe is missing (make all builds it)"; echo "$passed passed, $failed failed"; exit 1; }
done

echo "== statistics and ciphertext classes (seeded, no timing)"
"$BIN/test_leakstats" > "$tmp/unit.log" 2>&1
cat "$tmp/unit.log"
line=$(tail -n 1 "$tmp/unit.log")
p=$(echo "$line" | sed -nE 's/^([0-9]+) passed, ([0-9]+) failed$/\1/p')
f=$(echo "$line" | sed -nE 's/^([0-9]+) passed, ([0-9]+) failed$/\2/p')
if [ -n "$p" ]; then passed=$((passed + p)); failed=$((failed + f)); else bad "test_leakstats: no result line"; fi

echo "== tlsleak: bad options are refused before any work"
refused() { # description, args...
    d=$1; shift
    rm -f "$tmp/o.csv"
    out=$("$BIN/tlsleak-null" "$@" 2>&1 >/dev/null); rc=$?
    if [ $rc -eq 2 ] && [ -n "$out" ] && [ ! -e "$tmp/o.csv" ]; then ok "option: $d"; else bad "option: $d (exit $rc, '$out')"; fi
}
refused "unknown option" --bogus --csv "$tmp/o.csv"
refused "no --csv" --seconds 5
refused "--seconds 0" --csv "$tmp/o.csv" --seconds 0
refused "--seconds abc" --csv "$tmp/o.csv" --seconds abc
refused "--seconds too large" --csv "$tmp/o.csv" --seconds 1e9
refused "--seconds without value" --csv "$tmp/o.csv" --seconds
refused "--keys 512" --csv "$tmp/o.csv" --keys 512
refused "--keys duplicated" --csv "$tmp/o.csv" --keys 2048,2048
refused "--keys malformed" --csv "$tmp/o.csv" --keys 2048,,1024
refused "--cpu negative" --csv "$tmp/o.csv" --cpu -1
refused "--seed not a number" --csv "$tmp/o.csv" --seed x
refused "--max-blocks too small" --csv "$tmp/o.csv" --max-blocks 5
case " $found " in *" libsodium "*)
    [ -x "$BIN/tlsleak-libsodium" ] && { "$BIN/tlsleak-libsodium" --probe >/dev/null 2>&1; rc=$?
    [ $rc -eq 4 ] && ok "probe: libsodium has no RSA (exit 4)" || bad "probe: libsodium exit $rc"; } ;;
esac
"$BIN/tlsleak-leaky" --probe >/dev/null 2>&1 && ok "probe: a backend with RSA (exit 0)" || bad "probe: leaky"

echo "== a backend that leaks on purpose is flagged"
"$BIN/tlsleak-leaky" --seconds 3 --keys 1024 --seed 7 --run-id t --csv "$tmp/leaky.csv" > "$tmp/leaky.out" 2>&1
cat "$tmp/leaky.out"
if shape "$tmp/leaky.csv" 11; then ok "leaky: 11 class rows of 19 fields"; else bad "leaky: CSV shape"; fi
v=$(col "$tmp/leaky.csv" verdict valid48)
[ "$v" = "leak suggested" ] && ok "leaky: leak suggested" || bad "leaky: verdict '$v'"
pw=$(col "$tmp/leaky.csv" p_wilcoxon no_separator)
d=$(col "$tmp/leaky.csv" diff_ns no_separator)
lo=$(col "$tmp/leaky.csv" ci_low_ns no_separator)
if awk -v p="$pw" -v d="$d" -v lo="$lo" 'BEGIN { exit !(p != "" && p + 0 < 1e-5 && d + 0 > 0 && lo + 0 > 0) }'; then
    ok "leaky: no_separator is slower (median +$d ns, CI above 0, corrected p $pw)"
else
    bad "leaky: no_separator p '$pw' diff '$d' CI low '$lo'"
fi
grep -q "most different: no_separator\|most different: no_structure" "$tmp/leaky.out" &&
    ok "leaky: the verdict names a slow class" || bad "leaky: the verdict does not name the slow class"
pv=$(col "$tmp/leaky.csv" p_wilcoxon valid0)
awk -v p="$pv" 'BEGIN { exit !(p + 0 > 1e-5) }' && ok "leaky: a class on the fast path is not singled out" ||
    bad "leaky: valid0 p $pv"

echo "== make leakcheck driver: knobs refused, folders, CSV, charts, report"
export TLSBENCH_RESULTS="$tmp/results"
mkdir -p "$TLSBENCH_RESULTS"
drive() { env BIN="$BIN" BACKENDS_FOUND="$found" "$@" sh scripts/leakcheck.sh; }
knob_refused() { # description, VAR=value...
    d=$1; shift
    out=$(drive "$@" 2>&1); rc=$?
    n=$(ls "$TLSBENCH_RESULTS" | wc -l)
    if [ $rc -ne 0 ] && [ "$n" -eq 0 ] && [ -n "$out" ]; then ok "knob: $d"; else bad "knob: $d (exit $rc, folders $n)"; fi
}
knob_refused "LEAK_SECONDS=0" LEAK_SECONDS=0 BACKENDS=null
knob_refused "LEAK_SECONDS=abc" LEAK_SECONDS=abc BACKENDS=null
knob_refused "LEAK_SECONDS=-5" LEAK_SECONDS=-5 BACKENDS=null
knob_refused "LEAK_SECONDS too large" LEAK_SECONDS=100000 BACKENDS=null
knob_refused "LEAK_KEYS=512" LEAK_KEYS=512 BACKENDS=null
knob_refused "LEAK_KEYS malformed" LEAK_KEYS=2048,,1024 BACKENDS=null
knob_refused "LEAK_KEYS duplicated" LEAK_KEYS=1024,1024 BACKENDS=null
knob_refused "BACKENDS unknown" BACKENDS=bogus
knob_refused "BACKENDS duplicated" BACKENDS=null,null
knob_refused "BACKENDS=leaky without the test switch" BACKENDS=leaky
knob_refused "RUN missing" RUN="$tmp/nowhere" BACKENDS=null
case " $found " in *" libsodium "*)
    knob_refused "BACKENDS=libsodium (no RSA)" BACKENDS=libsodium ;;
esac

# A bench run folder with a report, to receive the section.
mkdir -p "$TLSBENCH_RESULTS/bench1"
printf '# Report\n\nbody\n' > "$TLSBENCH_RESULTS/bench1/REPORT.md"
drive BACKENDS=null LEAK_SECONDS=2 LEAK_KEYS=1024 RUN=bench1 > "$tmp/drive1.log" 2>&1
rc=$?
cat "$tmp/drive1.log"
r1=$(ls "$TLSBENCH_RESULTS" | grep '^leak-' | head -n 1)
f1="$TLSBENCH_RESULTS/$r1"
[ $rc -eq 0 ] && [ -n "$r1" ] && ok "driver: a new folder $r1" || bad "driver: exit $rc, no folder"
shape "$f1/leakcheck.csv" 11 && ok "driver: leakcheck.csv has the header and 11 rows" || bad "driver: leakcheck.csv shape"
[ -s "$f1/plots/leak-null.png" ] && [ -s "$f1/plots/leak-null.svg" ] && ok "driver: chart in PNG and SVG" || bad "driver: no chart"
grep -q '| null | RSA-1024 |' "$f1/leakcheck.md" && ok "driver: leakcheck.md has the verdict table" || bad "driver: leakcheck.md"
grep -q "^    RSA-1024: \\(no leak detected\\|leak suggested\\|inconclusive\\)" "$tmp/drive1.log" &&
    ok "driver: the verdict is printed" || bad "driver: no verdict printed"
[ ! -e "$f1/INCOMPLETE" ] && ok "driver: a completed folder is not marked incomplete" || bad "driver: INCOMPLETE left"
grep -q "^## Leak check" "$TLSBENCH_RESULTS/bench1/REPORT.md" && head -n 1 "$TLSBENCH_RESULTS/bench1/REPORT.md" | grep -q '^# Report' &&
    ok "driver: RUN's REPORT.md got the section appended" || bad "driver: REPORT.md section"
grep -q "(../$r1/plots/leak-null.png)" "$TLSBENCH_RESULTS/bench1/REPORT.md" &&
    ok "driver: the section links the chart relative to RUN" || bad "driver: chart link in REPORT.md"
[ -s "$TLSBENCH_RESULTS/bench1/leakcheck.md" ] && ok "driver: RUN/leakcheck.md for the report tool" || bad "driver: RUN/leakcheck.md"

sum1=$(cksum < "$f1/leakcheck.csv")
drive BACKENDS=null LEAK_SECONDS=1 LEAK_KEYS=1024 RUN=bench1 > "$tmp/drive2.log" 2>&1
n=$(ls "$TLSBENCH_RESULTS" | grep -c '^leak-')
[ "$n" -eq 2 ] && [ "$(cksum < "$f1/leakcheck.csv")" = "$sum1" ] &&
    ok "driver: a second run is a new folder; the first is unchanged" || bad "driver: runs collide ($n folders)"
[ "$(grep -c '^## Leak check' "$TLSBENCH_RESULTS/bench1/REPORT.md")" -eq 2 ] &&
    ok "driver: the second section is appended, the first kept" || bad "driver: sections in REPORT.md"

rm -rf "$TLSBENCH_RESULTS"/leak-*
TLSBENCH_TEST_FAULTS=1 drive BACKENDS=leaky LEAK_SECONDS=3 LEAK_KEYS=1024 > "$tmp/drive3.log" 2>&1
cat "$tmp/drive3.log"
grep -q "^  leaky  *leak suggested" "$tmp/drive3.log" &&
    ok "driver: the leaky backend's verdict is leak suggested" || bad "driver: leaky verdict"
cp "$TLSBENCH_RESULTS"/leak-*/leakcheck.csv "$tmp/leaky-run.csv"

# Stopped during the second backend: the first is kept, the folder marked.
rm -rf "$TLSBENCH_RESULTS"/leak-*
env BIN="$BIN" BACKENDS_FOUND="$found" TLSBENCH_TEST_FAULTS=1 BACKENDS=leaky LEAK_SECONDS=30 LEAK_KEYS=1024 \
    sh scripts/leakcheck.sh > "$tmp/int.log" 2>&1 &
pid=$!
i=0
while [ $i -lt 100 ] && ! grep -q "backend 1 of 1" "$tmp/int.log"; do sleep 0.1; i=$((i + 1)); done
sleep 1
kill -TERM $pid
wait $pid
rc=$?
r4=$(ls "$TLSBENCH_RESULTS" | grep '^leak-' | head -n 1)
if [ $rc -eq 130 ] && [ -e "$TLSBENCH_RESULTS/$r4/INCOMPLETE" ] &&
    [ -z "$(find "$TLSBENCH_RESULTS/$r4" -name '*.tmp*')" ]; then
    ok "interrupt: exit 130, folder marked INCOMPLETE, no half-written files"
else
    bad "interrupt: exit $rc, folder '$r4'"
fi

echo "== charts: folders without a leak check, bad files"
mkdir -p "$tmp/plain"
sh scripts/plots.d/50-leakcheck.sh "$tmp/plain" > "$tmp/p.log" 2>&1
[ $? -eq 0 ] && [ ! -e "$tmp/plain/plots/leak-null.png" ] && ok "charts: nothing to draw in a bench folder" || bad "charts: bench folder"
mkdir -p "$tmp/trunc"
head -c 300 "$tmp/leaky-run.csv" > "$tmp/trunc/leakcheck.csv"
sh scripts/plots.d/50-leakcheck.sh "$tmp/trunc" > "$tmp/p.log" 2>&1
[ $? -ne 0 ] && [ -s "$tmp/p.log" ] && ok "charts: a truncated leakcheck.csv is refused" || bad "charts: truncated CSV accepted"
# cut inside the quoted note of the first row: 19 fields, an open quote
awk 'NR <= 1 { print; next } NR == 2 { print substr($0, 1, index($0, "\"") + 5) }' \
    "$tmp/leaky-run.csv" > "$tmp/trunc/leakcheck.csv"
sh scripts/plots.d/50-leakcheck.sh "$tmp/trunc" > "$tmp/p.log" 2>&1
[ $? -ne 0 ] && ok "charts: a row cut inside a quoted field is refused" || bad "charts: open quote accepted"
printf 'a,b\n1,2\n' > "$tmp/trunc/leakcheck.csv"
sh scripts/plots.d/50-leakcheck.sh "$tmp/trunc" > "$tmp/p.log" 2>&1
[ $? -ne 0 ] && ok "charts: a file with another header is refused" || bad "charts: wrong header accepted"

echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
