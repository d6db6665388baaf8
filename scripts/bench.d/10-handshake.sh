#!/bin/sh
# `make bench` stage: real in-memory TLS handshakes with every built
# bin/tlshs-<stack> whose model backend was selected (gnutls goes with
# nettle). Writes RUN/handshake.csv and RUN/handshake_samples.csv (the raw
# files and logs are in RUN/raw/hs-<stack>.*). A stack that crashes, hangs
# or fails to write gets failed rows and the stage goes on. Right after each
# stack's handshakes, the primitive rows its model uses are timed again on
# the same core (RUN/raw/hs-<stack>.retimed.csv): the model stage takes the
# lower of the two timings, so that speed drift between the primitive pass
# and the handshakes does not put the model above the measurement.
#
# Usage: 10-handshake.sh RUN_FOLDER
# Environment: BIN SELECTED_BACKENDS QUICK_RUN (0|1) RUN_ID; CHAIN_DEPTH
# (1..3, default 1); TLSBENCH_HS_TIMEOUT (seconds per stack).
set -u
here=$(cd "$(dirname "$0")/../.." && pwd)
. "$here/scripts/lib.sh"

run=${1:-}
[ -n "$run" ] && [ -d "$run" ] || tb_die "handshake stage: no run folder given (usage: $0 RUN_FOLDER)"
BIN=${BIN:-bin}
selected=${SELECTED_BACKENDS:-}
run_id=${RUN_ID:-$(basename "$run")}

case "${QUICK_RUN:-0}" in
    0) count=300 warmup=10 timeout_s=150 retime="--reps 20 --min-time 0.01" ;;
    1) count=50 warmup=5 timeout_s=60 retime="--reps 10 --min-time 0.005" ;;
    *) tb_die "handshake stage: QUICK_RUN must be 0 or 1, not '$QUICK_RUN'" ;;
esac
timeout_s=${TLSBENCH_HS_TIMEOUT:-$timeout_s}
set -- --count "$count" --warmup "$warmup" --certs "$here/bench/hs/certs"
[ -n "${CHAIN_DEPTH:-}" ] && set -- "$@" --chain-depth "$CHAIN_DEPTH"

# The primitive rows the model uses, as one filter: ^(row|row|...)$
model_rows=""
if [ -x "$BIN/tlsbench-model" ]; then
    model_rows=$("$BIN/tlsbench-model" --recipes "$here/bench/model/recipes.txt" --list 2>/dev/null |
        awk -F '\t' 'NF == 6 && !seen[$5]++ { printf "%s%s", sep, $5; sep = "|" }')
fi

# model_backend EXE STACK: the primitive backend that models the stack
model_backend() {
    _m=$("$1" --info 2>/dev/null | sed -n 's/^model_backend=//p')
    if [ -z "$_m" ]; then
        case "$2" in gnutls) _m=nettle ;; *) _m=$2 ;; esac
    fi
    echo "$_m"
}

# The stacks to run: built, and modelled by a selected backend.
stacks=""
for exe in "$BIN"/tlshs-*; do
    [ -x "$exe" ] || continue
    s=${exe##*/tlshs-}
    model=$(model_backend "$exe" "$s")
    case " $selected " in *" $model "*) stacks="$stacks $s" ;; esac
done
if [ -z "$stacks" ]; then
    echo "tlsbench: handshakes: no TLS stack for the selected backends ($selected); stage skipped"
    exit 0
fi
# The knobs are checked by the programs' own parser before any handshake.
first=$(echo $stacks | cut -d' ' -f1)
"$BIN/tlshs-$first" --list "$@" >/dev/null || tb_die "handshake stage: bad knob (see above); no handshake was run"

pin=""
if command -v taskset >/dev/null 2>&1; then
    pin="taskset -c $(($(nproc) - 1))"
fi

child=""
raw=""
on_signal() {
    [ -n "$child" ] && kill -TERM "$child" 2>/dev/null
    [ -n "$raw" ] && rm -f "$raw".csv.tmp.* "$raw".samples.csv.tmp.* "$raw".retimed.csv.tmp.* "$raw.retimed.csv"
    exit 130
}
trap on_signal INT TERM HUP

# failed_rows EXE STACK WHY: a header and two failed rows per scenario.
failed_rows() {
    echo "schema_version,run_id,backend,scenario,side,source,component,ns,median_us,p99_us,handshakes_per_s,count,status,note"
    names=$("$1" --list 2>/dev/null | cut -f1)
    if [ -z "$names" ]; then
        for other in "$BIN"/tlshs-*; do
            names=$("$other" --list 2>/dev/null | cut -f1) && [ -n "$names" ] && break
        done
    fi
    for n in $names; do
        for side in client server; do
            echo "1,$run_id,$2,$n,$side,measured,total,,,,,,failed,\"$3\""
        done
    done
}

mkdir -p "$run/raw"
n=$(echo $stacks | wc -w)
k=0
t0=$(date +%s)
csvs="" samples=""
for s in $stacks; do
    k=$((k + 1))
    echo "tlsbench: handshakes $k of $n: $s (${count} per scenario)"
    raw="$run/raw/hs-$s"
    t1=$(date +%s)
    # shellcheck disable=SC2086
    timeout -s KILL "$timeout_s" $pin "$BIN/tlshs-$s" "$@" --run-id "$run_id" \
        --csv "$raw.csv" --samples "$raw.samples.csv" 2> "$raw.log" &
    child=$!
    wait "$child"
    rc=$?
    while kill -0 "$child" 2>/dev/null; do wait "$child"; rc=$?; done
    child=""
    grep -E ': (failed|unsupported):' "$raw.log" | sed 's/^/  /'
    echo "  $s: $(grep -c 'median of' "$raw.log") scenarios measured in $(($(date +%s) - t1))s"
    if [ $rc -gt 1 ] || [ ! -s "$raw.csv" ]; then
        if [ $rc -eq 137 ]; then why="killed after ${timeout_s}s (hang or SIGKILL)";
        elif [ $rc -gt 128 ]; then why="crashed (signal $((rc - 128)))";
        else why="exited with status $rc: $(tail -n 1 "$raw.log" | tr -d '"')"; fi
        echo "tlsbench: handshakes: $s $why; its rows are marked failed, the stage goes on" >&2
        rm -f "$raw".csv.tmp.* "$raw".samples.csv.tmp.* "$raw.samples.csv"
        failed_rows "$BIN/tlshs-$s" "$s" "$why" > "$raw.csv.tmp" && mv "$raw.csv.tmp" "$raw.csv"
    fi
    csvs="$csvs $raw.csv"
    [ -s "$raw.samples.csv" ] && samples="$samples $raw.samples.csv"
    model=$(model_backend "$BIN/tlshs-$s" "$s")
    if [ -n "$model_rows" ] && [ -x "$BIN/tlsbench-$model" ]; then
        t1=$(date +%s)
        # shellcheck disable=SC2086
        timeout -s KILL "$timeout_s" $pin "$BIN/tlsbench-$model" $retime --threads 1 \
            --filter "^($model_rows)\$" --run-id "$run_id" \
            --csv "$raw.retimed.csv" 2> "$raw.retimed.log" &
        child=$!
        wait "$child"
        rc=$?
        while kill -0 "$child" 2>/dev/null; do wait "$child"; rc=$?; done
        child=""
        if [ $rc -eq 0 ] && [ -s "$raw.retimed.csv" ]; then
            echo "  $s: the model's $model rows timed again in $(($(date +%s) - t1))s"
        else
            rm -f "$raw.retimed.csv" "$raw".retimed.csv.tmp.*
            echo "tlsbench: handshakes: re-timing the $model rows failed (exit $rc, $raw.retimed.log); the model uses the primitive pass alone" >&2
        fi
    fi
done
raw=""

# shellcheck disable=SC2086
tb_merge_csv "$run/handshake.csv" $csvs || tb_die "handshake stage: cannot write $run/handshake.csv"
if [ -n "$samples" ]; then
    # shellcheck disable=SC2086
    tb_merge_csv "$run/handshake_samples.csv" $samples || tb_die "handshake stage: cannot write $run/handshake_samples.csv"
fi
counts=$(awk "$(cat "$here/scripts/csv.awk")"'
NR > 1 { csvsplit($0, v); n[v[13]]++ }
END { printf "%d rows ok, %d unsupported, %d failed", n["ok"], n["unsupported"], n["failed"] }' "$run/handshake.csv")
echo "tlsbench: handshakes: $counts, in $(($(date +%s) - t0))s ($run/handshake.csv)"
exit 0
