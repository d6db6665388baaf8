#!/bin/sh
# The `make bench` driver: checks the knobs, makes a new run folder, runs each
# backend executable in turn (a crash, a kill or a hang is recorded and the
# run goes on), merges results.csv and samples.csv, describes the machine,
# prints a summary and draws the charts.
#
# Environment (from the Makefile): BIN BACKENDS_FOUND BACKENDS FILTER QUICK
# REPS THREADS SIZES INTERLEAVE; TLSBENCH_RESULTS (default results),
# TLSBENCH_TIMEOUT (seconds per backend).
set -u
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/scripts/lib.sh"

BIN=${BIN:-bin}
RESULTS=${TLSBENCH_RESULTS:-results}
found=${BACKENDS_FOUND:-}

# ---------------------------------------------------------------- knobs
backends=$(tb_select_backends "${BACKENDS:-}" "$found") || exit 2
[ -n "$backends" ] || tb_die "no backend is built (found: none)"

case "${QUICK:-}" in
    ""|0) quick=0 ;;
    1) quick=1 ;;
    *) tb_die "QUICK must be 0 or 1, not '$QUICK'" ;;
esac
# Many short repetitions rather than a few long ones: on a shared machine
# the disturbances come in bursts of milliseconds, so most 0.1 s
# repetitions catch one, while the median of 40 repetitions of 0.01 s
# leaves them out (two runs in a row then agree within a few percent).
# Ten even when quick: with three per side no comparison can reach
# significance (make compare).
if [ $quick = 1 ]; then reps=10; min_time=0.005; timeout_s=300; else reps=40; min_time=0.01; timeout_s=1200; fi
mt_reps=20
[ $quick = 1 ] && mt_reps=$reps
[ -n "${REPS:-}" ] && reps=$REPS && mt_reps=$REPS
# Rounds: both passes run every backend ROUNDS times, in a rotating order,
# each time with REPS/ROUNDS repetitions (the multi-thread pass: its 20,
# or REPS, divided by ROUNDS and rounded up); the rows' statistics are
# over all of them. A slow spell of the machine then falls on every backend
# alike instead of on the one whose turn it was, and make compare tests
# the rounds' medians: repetitions of one round share the machine's state
# and are not independent of each other.
# Default: 8 when REPS is a multiple of 8 (and at least 16), else 4 when
# it is a multiple of 4 (and at least 8), else 1; QUICK: 1.
# (a REPS that is not a number is refused below, by the executables)
case "$reps" in ""|*[!0-9]*) rounds=1 ;; *)
    if [ -n "${ROUNDS:-}" ]; then rounds=$ROUNDS
    elif [ $quick = 1 ]; then rounds=1
    elif [ "$reps" -ge 16 ] && [ $((reps % 8)) = 0 ]; then rounds=8
    elif [ "$reps" -ge 8 ] && [ $((reps % 4)) = 0 ]; then rounds=4
    else rounds=1; fi
    case "$rounds" in
        [1-9]|1[0-9]|20) ;;
        *) tb_die "ROUNDS must be a whole number from 1 to 20, not '$rounds'" ;;
    esac
    [ $((reps % rounds)) = 0 ] ||
        tb_die "REPS=$reps is not a multiple of ROUNDS=$rounds (each round runs REPS/ROUNDS repetitions)" ;;
esac
timeout_s=${TLSBENCH_TIMEOUT:-$timeout_s}
# Random interleaving (default): the repetitions of all cases run in a
# random order, so each case's repetitions are spread over the whole pass
# and a slow spell of the machine touches a few of them, not all of one
# case. make compare's test assumes repetitions independent of each other.
case "${INTERLEAVE:-1}" in
    0) interleave="" ;;
    1) interleave="--interleave" ;;
    *) tb_die "INTERLEAVE must be 0 or 1, not '$INTERLEAVE'" ;;
esac
# Default: one thread, and as many as there are CPUs. The single-thread
# pass is pinned to one core; the multi-thread pass runs the bulk, RSA and
# ECDHE rows (MT_FILTER) unpinned.
ncpu=$(nproc 2>/dev/null || echo 1)
if [ -n "${THREADS:-}" ]; then threads=$THREADS
elif [ "$ncpu" -gt 1 ]; then threads="1,$ncpu"
else threads=1; fi
MT_FILTER='^(aead/[^/]+/(seal|open)/(1350|16384)|rsa/[^/]+/decrypt/|kex/[^/]+/exchange/)'
set -- --reps "$reps" --min-time "$min_time"
[ -n "${SIZES:-}" ] && set -- "$@" --sizes "$SIZES"
[ -n "${FILTER:-}" ] && set -- "$@" --filter "$FILTER"
[ -n "$interleave" ] && set -- "$@" $interleave
# Every knob is checked by the executables' own parser before any work.
# run_pass gets the same knobs: $knobs (no spaces) and the filter apart.
knobs="--reps $((reps / rounds)) --min-time $min_time${SIZES:+ --sizes $SIZES}${interleave:+ $interleave}"
user_filter=${FILTER:-}
first=$(echo "$backends" | cut -d' ' -f1)
"$BIN/tlsbench-$first" --list "$@" --threads "$threads" >/dev/null || tb_die "bad knob (see above); nothing was run"
threads_1=""
threads_mt=""
for t in $(echo "$threads" | tr ',' ' '); do
    if [ "$t" = 1 ]; then threads_1=1; else threads_mt="${threads_mt:+$threads_mt,}$t"; fi
done
if [ -n "$threads_mt" ] && ! "$BIN/tlsbench-$first" --list "$@" --filter "$MT_FILTER" >/dev/null 2>&1; then
    [ -n "$threads_1" ] || tb_die "THREADS=$threads: the multi-thread rows (AEAD 1350/16384, RSA decrypt, ECDHE exchange) are not selected by FILTER"
    threads_mt=""
fi
for hs in "$BIN"/tlshs-*; do
    [ -x "$hs" ] || continue
    "$hs" --list ${CHAIN_DEPTH:+--chain-depth "$CHAIN_DEPTH"} >/dev/null ||
        tb_die "bad knob CHAIN_DEPTH (see above); nothing was run"
    break
done

# ---------------------------------------------------------------- run folder
stamp=$(date -u +%Y%m%dT%H%M%SZ)
host=$(uname -n | tr -c 'A-Za-z0-9.\n-' '_')
run=$(tb_new_folder "$RESULTS" "${stamp}_$host") || exit 2
run_id=$(basename "$run")
mkdir -p "$run/raw" "$run/plots"
if [ "$rounds" -gt 1 ]; then rtext=" in $rounds rounds"; else rtext=""; fi
echo "tlsbench: run $run_id: backends $backends; reps $reps$rtext, min time ${min_time}s, threads $threads"
touch "$run/INCOMPLETE"

child=""
interrupted=0
on_signal() {
    interrupted=1
    [ -n "$child" ] && kill -TERM "$child" 2>/dev/null
}
trap on_signal INT TERM HUP

sh "$here/scripts/machine.sh" "$BIN" "$backends" > "$run/machine.txt.tmp" 2>/dev/null &&
    mv "$run/machine.txt.tmp" "$run/machine.txt"

# The single-thread pass is pinned to one core, away from CPU 0 where
# interrupts land; the multi-thread pass gets every core.
pin=""
if [ -n "$threads_1" ] && [ "$(nproc)" -gt 1 ] && command -v taskset >/dev/null 2>&1; then
    last=$(($(nproc) - 1))
    pin="taskset -c $last"
fi

# run_pass BACKEND RAWPREFIX PIN ARGS...: one run of a backend executable;
# a crash, kill or hang becomes failed rows for the cases it would have run.
run_pass() {
    _b=$1 _raw=$2 _pin=$3
    shift 3
    # shellcheck disable=SC2086
    timeout -s KILL "$timeout_s" $_pin "$BIN/tlsbench-$_b" $knobs ${user_filter:+--filter "$user_filter"} "$@" $fault --run-id "$run_id" \
        --csv "$_raw.csv" --samples "$_raw.samples.csv" \
        --benchmark_out="$_raw.json" --benchmark_out_format=json \
        2> "$_raw.log" &
    child=$!
    wait "$child"
    _rc=$?
    # wait returns early when a trapped signal arrives: wait for the child
    while kill -0 "$child" 2>/dev/null; do wait "$child"; _rc=$?; done
    child=""
    tail -n 1 "$_raw.log" | sed 's/^/  /'
    if [ $interrupted = 1 ]; then
        # the interrupted executable's output is incomplete: none of it stays
        rm -f "$_raw.csv" "$_raw.samples.csv" "$_raw.json" "$_raw".csv.tmp.* \
            "$_raw".samples.csv.tmp.*
        return
    fi
    if [ $_rc -ne 0 ] || [ ! -s "$_raw.csv" ]; then
        if [ $_rc -eq 137 ]; then _why="killed after ${timeout_s}s (hang or SIGKILL)";
        elif [ $_rc -gt 128 ]; then _why="crashed (signal $((_rc - 128)))";
        else _why="exited with status $_rc"; fi
        echo "tlsbench: $_b $_why; its rows are marked failed, the run goes on" >&2
        # shellcheck disable=SC2086
        tb_failed_rows "$BIN/tlsbench-$_b" "$_b" "$run_id" "$_why" $knobs ${user_filter:+--filter "$user_filter"} "$@" > "$_raw.csv.tmp" &&
            mv "$_raw.csv.tmp" "$_raw.csv"
        rm -f "$_raw.samples.csv"
        return 1
    fi
    return 0
}

n_be=$(echo "$backends" | wc -w)
t0=$(date +%s)
passes=0
[ -n "$threads_1" ] && passes=1
[ -n "$threads_mt" ] && passes=$((passes + 1))
steps=$((n_be * rounds * passes))
step=0
# progress WHAT: "step k of N: WHAT (about Ts left)"
progress() {
    step=$((step + 1))
    _now=$(date +%s)
    if [ $step -gt 1 ]; then
        echo "tlsbench: step $step of $steps: $1 (about $(( (_now - t0) * (steps - step + 1) / (step - 1) ))s left)"
    else
        echo "tlsbench: step $step of $steps: $1"
    fi
}
# round_pass NAME B PIN WHAT ARGS...: round $r of the pass whose files are
# raw/NAME.* (B for the single-thread pass, B.mt for the multi-thread one).
# With one round the files are raw/NAME.*; with several, round r (its log
# and JSON in raw/NAME.rR.*) is given the samples of the rounds before
# (--prior-samples), and its CSVs become raw/NAME.csv and
# raw/NAME.samples.csv: statistics over every round so far. A pass that
# fails keeps its failed rows and sits out the later rounds.
dead=""
round_pass() {
    _n=$1 _b=$2 _p=$3 _what=$4
    shift 4
    case " $dead " in *" $_n "*) step=$((step + 1)); return ;; esac
    # Test suite only: TLSBENCH_TEST_FAULT=backend:crash|hang|wrong-result
    # (the executable also needs TLSBENCH_TEST_FAULTS=1).
    fault=""
    case "${TLSBENCH_TEST_FAULT:-}" in "$_b":*) fault="--test-fault ${TLSBENCH_TEST_FAULT#*:}" ;; esac
    if [ "$rounds" = 1 ]; then
        progress "$_what"
        run_pass "$_b" "$run/raw/$_n" "$_p" "$@" || dead="$dead $_n"
        return
    fi
    progress "$_what, round $r of $rounds"
    _prior=""
    [ $r -gt 1 ] && [ -f "$run/raw/$_n.samples.csv" ] && _prior="$run/raw/$_n.samples.csv"
    run_pass "$_b" "$run/raw/$_n.r$r" "$_p" "$@" --round "$r" ${_prior:+--prior-samples "$_prior"} || dead="$dead $_n"
    [ $interrupted = 1 ] && return
    [ -f "$run/raw/$_n.r$r.csv" ] && mv "$run/raw/$_n.r$r.csv" "$run/raw/$_n.csv"
    if [ -f "$run/raw/$_n.r$r.samples.csv" ]; then
        mv "$run/raw/$_n.r$r.samples.csv" "$run/raw/$_n.samples.csv"
    else
        rm -f "$run/raw/$_n.samples.csv"
    fi
}
# The multi-thread pass also runs the same cases with one thread, its
# repetitions interleaved with the others': the scaling figures compare
# counts measured side by side (run/scaling/), not two passes minutes
# apart. Its threads=1 rows stay out of results.csv (the pinned pass has
# those).
mt_per_round=$(( (mt_reps + rounds - 1) / rounds ))
order=$backends
r=0
while [ $r -lt "$rounds" ] && [ $interrupted = 0 ]; do
    r=$((r + 1))
    for b in $order; do
        [ -n "$threads_1" ] && [ $interrupted = 0 ] || break
        round_pass "$b" "$b" "$pin" "$b" --threads 1
    done
    for b in $order; do
        [ -n "$threads_mt" ] && [ $interrupted = 0 ] || break
        round_pass "$b.mt" "$b" "" "$b, ${threads_1:+1,}$threads_mt threads" \
            --threads "${threads_1:+1,}$threads_mt" --filter "$MT_FILTER" --reps "$mt_per_round"
    done
    # the next round starts with the next backend
    order="${order#* } ${order%% *}"
done

# ---------------------------------------------------------------- merge
# (each backend's single-thread pass, then its multi-thread pass)
files="" sfiles="" mfiles="" msfiles=""
for b in $backends; do
    p="$run/raw/$b"
    [ -f "$p.csv" ] && files="$files $p.csv"
    [ -f "$p.samples.csv" ] && sfiles="$sfiles $p.samples.csv"
    p="$run/raw/$b.mt"
    if [ -f "$p.csv" ]; then
        mfiles="$mfiles $p.csv"
        tb_drop_threads1 "$p.csv" "$p.only.csv" && files="$files $p.only.csv"
    fi
    if [ -f "$p.samples.csv" ]; then
        msfiles="$msfiles $p.samples.csv"
        tb_drop_threads1 "$p.samples.csv" "$p.only.samples.csv" && sfiles="$sfiles $p.only.samples.csv"
    fi
done
# shellcheck disable=SC2086
[ -n "$files" ] && tb_merge_csv "$run/results.csv" $files
# shellcheck disable=SC2086
[ -n "$sfiles" ] && tb_merge_csv "$run/samples.csv" $sfiles
# The multi-thread pass whole, with its own one-thread rows: what the
# scaling chart and the report's scaling table are drawn from.
if [ -n "$mfiles" ] && [ -n "$threads_1" ]; then
    mkdir -p "$run/scaling"
    # shellcheck disable=SC2086
    tb_merge_csv "$run/scaling/results.csv" $mfiles
    # shellcheck disable=SC2086
    [ -n "$msfiles" ] && tb_merge_csv "$run/scaling/samples.csv" $msfiles
fi

if [ $interrupted = 1 ]; then
    echo "interrupted at $(date -u +%Y-%m-%dT%H:%M:%SZ); completed backends kept" > "$run/INCOMPLETE"
    echo "tlsbench: interrupted; the completed rows are in $run/results.csv (run marked INCOMPLETE)" >&2
    exit 130
fi
# Further stages (handshakes, ...): each scripts/bench.d/*.sh RUN runs with
# the same environment; one that fails is reported and the run goes on.
for stage in "$here"/scripts/bench.d/*.sh; do
    [ -f "$stage" ] || continue
    [ $interrupted = 1 ] && break
    BIN="$BIN" SELECTED_BACKENDS="$backends" QUICK_RUN=$quick RUN_ID="$run_id" \
        sh "$stage" "$run" || echo "tlsbench: stage $(basename "$stage") failed (see above); the run goes on" >&2
done
if [ $interrupted = 1 ]; then
    echo "interrupted during a later stage; the primitive rows are complete" > "$run/INCOMPLETE"
    exit 130
fi
rm -f "$run/INCOMPLETE"
tb_link_latest "$RESULTS" "$run_id"

sh "$here/scripts/summary.sh" "$run/results.csv"
sh "$here/scripts/plots.sh" "$run" || echo "tlsbench: charts could not be drawn" >&2
[ -x "$here/scripts/report.sh" ] && sh "$here/scripts/report.sh" "$run" >/dev/null 2>&1
echo "tlsbench: results in $run ($(($(date +%s) - t0))s)"
[ -f "$run/REPORT.md" ] && echo "tlsbench: report: $run/REPORT.md"
exit 0
