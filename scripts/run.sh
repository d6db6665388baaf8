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
if [ $quick = 1 ]; then reps=3; min_time=0.01; timeout_s=300; else reps=5; min_time=0.1; timeout_s=1200; fi
[ -n "${REPS:-}" ] && reps=$REPS
timeout_s=${TLSBENCH_TIMEOUT:-$timeout_s}
case "${INTERLEAVE:-}" in
    ""|0) interleave="" ;;
    1) interleave="--interleave" ;;
    *) tb_die "INTERLEAVE must be 0 or 1, not '$INTERLEAVE'" ;;
esac
threads=${THREADS:-1}
set -- --reps "$reps" --min-time "$min_time" --threads "$threads"
[ -n "${SIZES:-}" ] && set -- "$@" --sizes "$SIZES"
[ -n "${FILTER:-}" ] && set -- "$@" --filter "$FILTER"
[ -n "$interleave" ] && set -- "$@" $interleave
# Every knob is checked by the executables' own parser before any work.
first=$(echo "$backends" | cut -d' ' -f1)
"$BIN/tlsbench-$first" --list "$@" >/dev/null || tb_die "bad knob (see above); nothing was run"
for hs in "$BIN"/tlshs-*; do
    [ -x "$hs" ] || continue
    "$hs" --list ${CHAIN_DEPTH:+--chain-depth "$CHAIN_DEPTH"} >/dev/null ||
        tb_die "bad knob CHAIN_DEPTH (see above); nothing was run"
    break
done

# ---------------------------------------------------------------- run folder
stamp=$(date -u +%Y%m%dT%H%M%SZ)
host=$(uname -n | tr -c 'A-Za-z0-9.\n-' '_')
mkdir -p "$RESULTS" || tb_die "cannot create $RESULTS"
run="$RESULTS/${stamp}_$host"
i=1
while ! mkdir "$run" 2>/dev/null; do
    i=$((i + 1)); run="$RESULTS/${stamp}_${host}_$i"
    [ $i -lt 100 ] || tb_die "cannot create a run folder in $RESULTS"
done
run_id=$(basename "$run")
mkdir -p "$run/raw" "$run/plots"
echo "tlsbench: run $run_id: backends $backends; reps $reps, min time ${min_time}s, threads $threads"
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

# Single-thread runs are pinned to one core, away from CPU 0 where
# interrupts land; multi-thread runs get every core.
pin=""
if [ "$threads" = 1 ] && command -v taskset >/dev/null 2>&1; then
    last=$(($(nproc) - 1))
    pin="taskset -c $last"
fi

n_be=$(echo "$backends" | wc -w)
k=0
t0=$(date +%s)
for b in $backends; do
    [ $interrupted = 1 ] && break
    k=$((k + 1))
    now=$(date +%s)
    if [ $k -gt 1 ]; then
        eta=$(( (now - t0) * (n_be - k + 1) / (k - 1) ))
        echo "tlsbench: backend $k of $n_be: $b (about ${eta}s left)"
    else
        echo "tlsbench: backend $k of $n_be: $b"
    fi
    raw="$run/raw/$b"
    # Test suite only: TLSBENCH_TEST_FAULT=backend:crash|hang|wrong-result
    # (the executable also needs TLSBENCH_TEST_FAULTS=1).
    fault=""
    case "${TLSBENCH_TEST_FAULT:-}" in "$b":*) fault="--test-fault ${TLSBENCH_TEST_FAULT#*:}" ;; esac
    # shellcheck disable=SC2086
    timeout -s KILL "$timeout_s" $pin "$BIN/tlsbench-$b" "$@" $fault --run-id "$run_id" \
        --csv "$raw.csv" --samples "$raw.samples.csv" \
        --benchmark_out="$raw.json" --benchmark_out_format=json \
        2> "$raw.log" &
    child=$!
    wait "$child"
    rc=$?
    # wait returns early when a trapped signal arrives: wait for the child
    while kill -0 "$child" 2>/dev/null; do wait "$child"; rc=$?; done
    child=""
    tail -n 1 "$raw.log" | sed 's/^/  /'
    if [ $interrupted = 1 ]; then
        rm -f "$raw.csv" "$raw.samples.csv"
        break
    fi
    if [ $rc -ne 0 ] || [ ! -s "$raw.csv" ]; then
        if [ $rc -eq 137 ]; then why="killed after ${timeout_s}s (hang or SIGKILL)";
        elif [ $rc -gt 128 ]; then why="crashed (signal $((rc - 128)))";
        else why="exited with status $rc"; fi
        echo "tlsbench: $b $why; its rows are marked failed, the run goes on" >&2
        tb_failed_rows "$BIN/tlsbench-$b" "$b" "$run_id" "$why" "$@" > "$raw.csv.tmp" &&
            mv "$raw.csv.tmp" "$raw.csv"
    fi
done

# ---------------------------------------------------------------- merge
files=""
for b in $backends; do [ -f "$run/raw/$b.csv" ] && files="$files $run/raw/$b.csv"; done
# shellcheck disable=SC2086
[ -n "$files" ] && tb_merge_csv "$run/results.csv" $files
files=""
for b in $backends; do [ -f "$run/raw/$b.samples.csv" ] && files="$files $run/raw/$b.samples.csv"; done
# shellcheck disable=SC2086
[ -n "$files" ] && tb_merge_csv "$run/samples.csv" $files

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
