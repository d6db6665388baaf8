#!/bin/sh
# The test suite behind `make test`. Ends with "N passed, N failed".
# Environment: BIN (bin), BACKENDS_FOUND (built backends).
set -u
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here" || exit 2
BIN=${BIN:-bin}
found=${BACKENDS_FOUND:-}
real=$(echo "$found" | tr ' ' '\n' | grep -v '^null$' | tr '\n' ' ')
VEC=${TLSBENCH_VECTORS:-../shared/vectors}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0 skipped=0

ok() { passed=$((passed + 1)); echo "pass $*"; }
bad() { failed=$((failed + 1)); echo "FAIL $*"; }
skip() { skipped=$((skipped + 1)); echo "skip $*"; }
# Adds a program's own "N passed, N failed[, N skipped]" line to the tally.
tally() {
    line=$(grep -E '[0-9]+ passed, [0-9]+ failed' "$1" | tail -n 1)
    p=$(echo "$line" | sed -E 's/(^|.* )([0-9]+) passed.*/\2/')
    f=$(echo "$line" | sed -E 's/(^|.* )([0-9]+) failed.*/\2/')
    s=$(echo "$line" | sed -nE 's/(^|.* )([0-9]+) skipped.*/\2/p')
    [ -n "$line" ] || { bad "$2: no result line"; return; }
    passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + ${s:-0}))
    grep -E '^FAIL' "$1" | sed "s|^|  [$2] |"
    echo "$2: $p passed, $f failed${s:+, $s skipped}"
}

echo "== harness unit tests and the Google Benchmark wrapper"
"$BIN/test_unit" > "$tmp/unit.log" 2>&1; tally "$tmp/unit.log" unit
"$BIN/test_gbench" > "$tmp/gb.log" 2>&1; tally "$tmp/gb.log" gbench

echo "== known answers (built in, and the shared vector files)"
files=""
if [ -d "$VEC" ]; then
    for f in rfc_kats.txt tls12_prf.txt tls13_rfc8448.txt; do
        [ -f "$VEC/$f" ] && files="$files $VEC/$f"
    done
else
    skip "shared vector files: $VEC does not exist (only the built-in vectors run)"
fi
for b in $real; do
    # shellcheck disable=SC2086
    "$BIN/tlsbench-$b" --kat $files > "$tmp/kat-$b.log" 2>&1
    tally "$tmp/kat-$b.log" "kat $b"
done

echo "== cross-backend agreement (each backend's output checked by every other)"
for a in $real; do
    "$BIN/tlsbench-$a" --emit "$tmp/x-$a.txt" || bad "emit $a"
done
for a in $real; do
    for b in $real; do
        [ "$a" = "$b" ] && continue
        "$BIN/tlsbench-$b" --consume "$tmp/x-$a.txt" > "$tmp/x-$a-$b.log" 2>&1
        tally "$tmp/x-$a-$b.log" "cross $a->$b" | tail -n 1
    done
done

echo "== command line: bad input is refused before any work"
exe="$BIN/tlsbench-null"
expect_refused() { # description, args...
    d=$1; shift
    out=$("$exe" "$@" 2>&1 >/dev/null); rc=$?
    if [ $rc -eq 2 ] && [ -n "$out" ]; then ok "cli: $d"; else bad "cli: $d (exit $rc, '$out')"; fi
}
expect_refused "unknown option" --bogus
expect_refused "no --csv" --reps 3
expect_refused "--reps 0" --csv "$tmp/o.csv" --reps 0
expect_refused "--reps -1" --csv "$tmp/o.csv" --reps -1
expect_refused "--reps abc" --csv "$tmp/o.csv" --reps abc
expect_refused "--reps huge" --csv "$tmp/o.csv" --reps 99999999999999999999
expect_refused "--reps without value" --csv "$tmp/o.csv" --reps
expect_refused "--min-time 0" --csv "$tmp/o.csv" --min-time 0
expect_refused "--min-time x" --csv "$tmp/o.csv" --min-time x
expect_refused "--threads empty" --csv "$tmp/o.csv" --threads ""
expect_refused "--threads duplicated" --csv "$tmp/o.csv" --threads 1,1
expect_refused "--threads 0" --csv "$tmp/o.csv" --threads 0
expect_refused "--sizes malformed" --csv "$tmp/o.csv" --sizes 16,,32
expect_refused "--sizes negative" --csv "$tmp/o.csv" --sizes -16
expect_refused "--sizes huge" --csv "$tmp/o.csv" --sizes 100000000
expect_refused "--sizes non-numeric" --csv "$tmp/o.csv" --sizes 16k
expect_refused "--filter matching nothing" --csv "$tmp/o.csv" --filter zzz
expect_refused "--filter bad regex" --csv "$tmp/o.csv" --filter "("
expect_refused "--filter empty" --csv "$tmp/o.csv" --filter ""
expect_refused "two modes" --info --list
expect_refused "--test-fault without the test switch" --csv "$tmp/o.csv" --test-fault crash
# --prior-samples: only this backend's samples of the same run
pf="kex/X25519/derive"
"$exe" --csv "$tmp/p1.csv" --samples "$tmp/p1s.csv" --filter "$pf" --reps 3 --min-time 0.001 --run-id R1 2>/dev/null
expect_refused "--prior-samples of another run" --csv "$tmp/o.csv" --filter "$pf" --run-id R2 --round 2 --prior-samples "$tmp/p1s.csv"
expect_refused "--prior-samples of the same round" --csv "$tmp/o.csv" --filter "$pf" --run-id R1 --round 1 --prior-samples "$tmp/p1s.csv"
expect_refused "--round 0" --csv "$tmp/o.csv" --filter "$pf" --round 0
expect_refused "--prior-samples given a results.csv" --csv "$tmp/o.csv" --filter "$pf" --run-id R1 --round 2 --prior-samples "$tmp/p1.csv"
expect_refused "--prior-samples missing" --csv "$tmp/o.csv" --filter "$pf" --run-id R1 --round 2 --prior-samples "$tmp/none.csv"
sed 's/,null,/,openssl,/' "$tmp/p1s.csv" > "$tmp/p1other.csv"
expect_refused "--prior-samples of another backend" --csv "$tmp/o.csv" --filter "$pf" --run-id R1 --round 2 --prior-samples "$tmp/p1other.csv"
sed '2s/,[^,]*,\([^,]*\)$/,-1,\1/' "$tmp/p1s.csv" > "$tmp/p1neg.csv"
expect_refused "--prior-samples with a negative time" --csv "$tmp/o.csv" --filter "$pf" --run-id R1 --round 2 --prior-samples "$tmp/p1neg.csv"
[ ! -e "$tmp/o.csv" ] && ok "cli: no output file left by refused runs" || bad "cli: a refused run wrote $tmp/o.csv"
# accepted: the row's statistics cover the prior repetitions and its own
"$exe" --csv "$tmp/p2.csv" --samples "$tmp/p2s.csv" --filter "$pf" --reps 2 --min-time 0.001 --run-id R1 --round 2 --prior-samples "$tmp/p1s.csv" 2>/dev/null
reps2=$(awk -F, 'NR == 2 { print $10 }' "$tmp/p2.csv")
first=$(sed -n 2p "$tmp/p1s.csv")
rounds2=$(awk -F, 'NR > 1 { printf "%s", $12 }' "$tmp/p2s.csv")
[ "$reps2" = 5 ] && [ "$(awk 'END { print NR - 1 }' "$tmp/p2s.csv")" = 5 ] && [ "$(sed -n 2p "$tmp/p2s.csv")" = "$first" ] && [ "$rounds2" = 11122 ] &&
    ok "cli: --prior-samples: 3 prior and 2 new repetitions make one row of 5 (samples kept in order, each with its round)" ||
    bad "cli: --prior-samples: repetitions $reps2, rounds $rounds2"
min_all=$(awk -F, 'NR > 1 { if (m == "" || $11 + 0 < m) m = $11 + 0 } END { printf "%.3f", m }' "$tmp/p2s.csv")
[ "$(awk -F, 'NR == 2 { printf "%.3f", $13 }' "$tmp/p2.csv")" = "$min_all" ] &&
    ok "cli: --prior-samples: ns_min is the least of all five" || bad "cli: --prior-samples: ns_min is not over all repetitions"
printf 'Op = AEAD\nAlg = AES-128-GCM\nKey = 0g\n' > "$tmp/badhex.txt"
printf 'Op = AEAD\nKey = 000\n' > "$tmp/oddhex.txt"
printf 'Op = Frobnicate\nName = x\n' > "$tmp/badop.txt"
printf 'this is not a vector file\n' > "$tmp/garbage.txt"
printf 'Hash = SHA256\nSecret = 00\n' > "$tmp/missing.txt"
for f in badhex oddhex badop garbage missing; do
    expect_refused "vector file: $f" --kat "$tmp/$f.txt"
done
expect_refused "vector file: missing file" --kat "$tmp/does-not-exist.txt"

echo "== make bench: knobs, CSV, faults (null backend, tiny runs)"
export TLSBENCH_RESULTS="$tmp/results"
mkdir -p "$TLSBENCH_RESULTS"
knob_refused() { # description, VAR=value...
    d=$1; shift
    out=$(env "$@" BIN="$BIN" BACKENDS_FOUND="$found" sh scripts/run.sh 2>&1); rc=$?
    n=$(ls "$TLSBENCH_RESULTS" | wc -l)
    if [ $rc -ne 0 ] && [ "$n" -eq 0 ] && [ -n "$out" ]; then ok "knob: $d"; else bad "knob: $d (exit $rc, runs $n)"; fi
}
knob_refused "BACKENDS unknown" BACKENDS=bogus
knob_refused "BACKENDS duplicated" BACKENDS=null,null
knob_refused "BACKENDS malformed" BACKENDS=null,
knob_refused "QUICK=2" QUICK=2
knob_refused "REPS=0" REPS=0
knob_refused "REPS=abc" REPS=abc
knob_refused "THREADS=0" THREADS=0
knob_refused "SIZES=16,abc" SIZES=16,abc
knob_refused "FILTER matching nothing" FILTER=nothing-matches-this
knob_refused "INTERLEAVE=yes" INTERLEAVE=yes
knob_refused "ROUNDS=0" ROUNDS=0
knob_refused "ROUNDS=abc" ROUNDS=abc
knob_refused "REPS=10 ROUNDS=4 (not a multiple)" REPS=10 ROUNDS=4

small="BACKENDS=null QUICK=1 THREADS=1 FILTER=aead/AES-128-GCM/seal/(16|1350)$"
env $small BIN="$BIN" BACKENDS_FOUND="$found" sh scripts/run.sh > "$tmp/run1.log" 2>&1
run1=$(readlink "$TLSBENCH_RESULTS/latest")
csv="$TLSBENCH_RESULTS/$run1/results.csv"
if [ -s "$csv" ]; then ok "bench: a run folder with results.csv"; else bad "bench: no results.csv"; fi
header="schema_version,run_id,backend,backend_version,family,alg,op,size_bytes,threads,repetitions,iterations,ns_per_op,ns_min,ns_max,cv_percent,ops_per_s,ops_per_s_per_thread,mb_per_s,cycles_per_byte,cycles_per_op,noisy,status,note"
[ "$(head -n 1 "$csv")" = "$header" ] && ok "csv: header" || bad "csv: header"
cols=$(awk "$(cat scripts/csv.awk)"'
{ n = csvsplit($0, v); if (n != 23) bad++ } END { print bad + 0 }' "$csv")
[ "$cols" -eq 0 ] && ok "csv: every row has the 23 columns" || bad "csv: $cols rows without 23 columns"
rows=$(awk -F, 'NR > 1 && $3 == "null" && $22 == "ok" && $12 + 0 > 0 && $16 + 0 > 0 && $18 + 0 > 0 && $10 == 10' "$csv" | wc -l)
[ "$rows" -eq 2 ] && ok "csv: two measured rows with ns, ops/s, MB/s, 10 repetitions (QUICK)" || bad "csv: measured rows ($rows)"
srows=$(awk 'END { print NR - 1 }' "$TLSBENCH_RESULTS/$run1/samples.csv")
[ "$srows" -eq 20 ] && ok "csv: samples.csv keeps every repetition" || bad "csv: samples rows ($srows)"
[ ! -e "$TLSBENCH_RESULTS/$run1/INCOMPLETE" ] && ok "bench: completed run not marked incomplete" || bad "bench: INCOMPLETE left"
# a second run makes a new folder and leaves the first untouched
sum1=$(cat "$csv" | cksum)
env $small BIN="$BIN" BACKENDS_FOUND="$found" sh scripts/run.sh > "$tmp/run2.log" 2>&1
run2=$(readlink "$TLSBENCH_RESULTS/latest")
[ "$run2" != "$run1" ] && [ "$(cat "$csv" | cksum)" = "$sum1" ] && ok "bench: a second run is a new folder; the first is unchanged" || bad "bench: runs collide"

env BACKENDS=null QUICK=1 THREADS=1,2 "FILTER=aead/AES-128-GCM/seal/(16|16384)$" BIN="$BIN" BACKENDS_FOUND="$found" sh scripts/run.sh > "$tmp/run3.log" 2>&1
r3=$(readlink "$TLSBENCH_RESULTS/latest")
t1=$(awk -F, '$9 == 1 && $22 == "ok"' "$TLSBENCH_RESULTS/$r3/results.csv" | wc -l)
t2=$(awk -F, '$9 == 2 && $22 == "ok"' "$TLSBENCH_RESULTS/$r3/results.csv" | wc -l)
[ "$t1" -eq 2 ] && [ "$t2" -eq 1 ] && ok "threads: 1-thread rows for every case, 2-thread rows for the bulk case (16384) only" || bad "threads: $t1 one-thread and $t2 two-thread rows"
# the multi-thread pass ran 16384 with 1 and 2 threads side by side: both
# are in scaling/, and results.csv keeps the pinned pass's one-thread row
sc="$TLSBENCH_RESULTS/$r3/scaling/results.csv"
s1=$(awk -F, '$9 == 1 && $8 == 16384 && $22 == "ok"' "$sc" 2>/dev/null | wc -l)
s2=$(awk -F, '$9 == 2 && $8 == 16384 && $22 == "ok"' "$sc" 2>/dev/null | wc -l)
ssmp=$(awk -F, 'NR > 1' "$TLSBENCH_RESULTS/$r3/scaling/samples.csv" 2>/dev/null | wc -l)
[ "$s1" -eq 1 ] && [ "$s2" -eq 1 ] && [ "$ssmp" -eq 20 ] &&
    ok "threads: scaling/ holds the multi-thread pass with its own 1-thread row (and its samples)" ||
    bad "threads: scaling/ has $s1 one-thread and $s2 two-thread rows, $ssmp samples"
grep -q 'Every thread count here comes from the multi-thread pass' "$TLSBENCH_RESULTS/$r3/REPORT.md" 2>/dev/null &&
    ok "threads: the report's scaling table reads scaling/" || bad "threads: the report's scaling table does not say where it comes from"

if [ -n "$real" ]; then
    other=$(echo $real | cut -d' ' -f1)
    # Rounds: each backend 3 times in a rotating order, 2 repetitions each;
    # the rows hold all 6
    env BACKENDS="null,$other" THREADS=1 REPS=6 ROUNDS=3 FILTER="kex/X25519/derive" \
        BIN="$BIN" BACKENDS_FOUND="$found" sh scripts/run.sh > "$tmp/rounds.log" 2>&1
    r=$(readlink "$TLSBENCH_RESULTS/latest")
    c="$TLSBENCH_RESULTS/$r/results.csv"
    n6=$(awk -F, 'NR > 1 && $22 == "ok" && $10 == 6' "$c" | wc -l)
    s6=$(awk -F, 'NR > 1' "$TLSBENCH_RESULTS/$r/samples.csv" | wc -l)
    turns=$(sed -n 's/^tlsbench: step [0-9]* of 6: \([a-z0-9]*\), round .*/\1/p' "$tmp/rounds.log" | tr '\n' ' ')
    rset=$(awk -F, 'NR > 1 { print $12 }' "$TLSBENCH_RESULTS/$r/samples.csv" | sort | uniq -c | awk '{ printf "%s:%s ", $2, $1 }')
    [ "$n6" -eq 2 ] && [ "$s6" -eq 12 ] && [ "$turns" = "null $other $other null null $other " ] && [ "$rset" = "1:4 2:4 3:4 " ] &&
        ok "rounds: 3 rounds in a rotating order ($turns); each row has its 6 repetitions, each sample its round" ||
        bad "rounds: $n6 rows of 6 repetitions, $s6 samples, order '$turns', rounds '$rset'"
    TLSBENCH_TEST_FAULTS=1 TLSBENCH_TEST_FAULT="null:crash" TLSBENCH_TIMEOUT=5 \
        env BACKENDS="null,$other" THREADS=1 REPS=4 ROUNDS=2 FILTER="kex/X25519/derive" \
        BIN="$BIN" BACKENDS_FOUND="$found" sh scripts/run.sh > "$tmp/rounds-crash.log" 2>&1
    r=$(readlink "$TLSBENCH_RESULTS/latest")
    c="$TLSBENCH_RESULTS/$r/results.csv"
    nf=$(awk -F, '$3 == "null" && $22 == "failed"' "$c" | wc -l)
    no=$(awk -F, -v b="$other" '$3 == b && $22 == "ok" && $10 == 4' "$c" | wc -l)
    nrun=$(grep -c "null, round" "$tmp/rounds-crash.log")
    [ "$nf" -eq 1 ] && [ "$no" -eq 1 ] && [ "$nrun" -eq 1 ] &&
        ok "rounds: a backend that crashes in round 1 is failed and sits out round 2; the other keeps its 4 repetitions" ||
        bad "rounds: crash: $nf failed null rows, $no full $other rows, null ran $nrun times"
    f2="FILTER=kex/X25519/derive"
    for fault in crash hang wrong-result; do
        TLSBENCH_TEST_FAULTS=1 TLSBENCH_TEST_FAULT="null:$fault" TLSBENCH_TIMEOUT=5 \
            env BACKENDS="null,$other" QUICK=1 $f2 BIN="$BIN" BACKENDS_FOUND="$found" \
            sh scripts/run.sh > "$tmp/fault-$fault.log" 2>&1
        r=$(readlink "$TLSBENCH_RESULTS/latest")
        c="$TLSBENCH_RESULTS/$r/results.csv"
        nf=$(awk -F, '$3 == "null" && $22 == "failed"' "$c" 2>/dev/null | wc -l)
        no=$(awk -v b="$other" "$(cat scripts/csv.awk)"'
            csvsplit($0, v) && v[3] == b && v[22] == "ok"' "$c" 2>/dev/null | wc -l)
        if [ "$fault" = wrong-result ]; then
            nf=$(awk -F, '$3 == "null" && $22 == "failed"' "$c" 2>/dev/null | wc -l)
        fi
        if [ "$nf" -ge 1 ] && [ "$no" -ge 1 ]; then
            ok "fault $fault: null rows failed ($(awk -F, '$3 == "null" {print $NF; exit}' "$c")), $other rows kept"
        else
            bad "fault $fault: failed rows $nf, other ok rows $no"
        fi
    done
    # Ctrl-C: the run stops, completed rows are kept, the run is marked
    env BACKENDS="$other,null" QUICK=1 BIN="$BIN" BACKENDS_FOUND="$found" \
        FILTER="aead|kex" sh scripts/run.sh > "$tmp/int.log" 2>&1 &
    pid=$!
    i=0
    while [ $i -lt 200 ]; do
        sleep 0.1; i=$((i + 1))
        grep -q "step 2 of" "$tmp/int.log" && break
    done
    # (an asynchronous job of a script ignores SIGINT; TERM takes the same path)
    kill -TERM $pid; wait $pid; rc=$?
    r=$(sed -n 's/^tlsbench: run \([^:]*\):.*/\1/p' "$tmp/int.log")
    c="$TLSBENCH_RESULTS/$r/results.csv"
    if [ $rc -eq 130 ] && [ -e "$TLSBENCH_RESULTS/$r/INCOMPLETE" ] &&
        [ "$(awk -F, -v b="$other" '$3 == b' "$c" | wc -l)" -ge 1 ] &&
        [ -z "$(find "$TLSBENCH_RESULTS/$r" -name '*.tmp*')" ]; then
        ok "interrupt: completed rows kept, run marked INCOMPLETE, no half-written files"
    else
        bad "interrupt: rc $rc, run $r: $(ls "$TLSBENCH_RESULTS/$r" | tr '\n' ' ')"
    fi
else
    skip "fault tests: need a second backend"
fi

echo "== plots: bad run folders are refused"
plot_refused() {
    d=$1; shift
    out=$(sh scripts/plots.sh "$@" 2>&1); rc=$?
    [ $rc -ne 0 ] && [ -n "$out" ] && ok "plots: $d" || bad "plots: $d (exit $rc)"
}
plot_refused "no RUN" ""
plot_refused "missing folder" "$tmp/nowhere"
mkdir -p "$tmp/empty"; plot_refused "empty folder" "$tmp/empty"
mkdir -p "$tmp/trunc"; head -c 300 "$csv" > "$tmp/trunc/results.csv"; plot_refused "truncated CSV" "$tmp/trunc"

# Further parts: every tests/t_*.sh prints its own "N passed, N failed".
for t in tests/t_*.sh; do
    [ -f "$t" ] || continue
    echo "== $t"
    BIN="$BIN" BACKENDS_FOUND="$found" TLSBENCH_VECTORS="$VEC" sh "$t" > "$tmp/part.log" 2>&1
    rc=$?
    cat "$tmp/part.log"
    tally "$tmp/part.log" "$t" > /dev/null
    [ $rc -eq 0 ] || grep -qE ' [1-9][0-9]* failed' "$tmp/part.log" || bad "$t exited with status $rc"
done

echo "$passed passed, $failed failed, $skipped skipped"
[ $failed -eq 0 ]
