#!/bin/sh
# Writes RUN/REPORT.md with bin/tlsbench-report (built on demand): the
# machine, the libraries, the fastest backend per operation, a table per
# family, every chart in RUN/plots, the handshake and leak-check sections
# when their files exist, and what was unsupported, failed or noisy.
# Usage: report.sh RUN [--print-path] (a run folder, or a name in
# results/). Prints nothing on success unless --print-path is given.
set -u
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/scripts/lib.sh"
BIN=${BIN:-bin}
RESULTS=${TLSBENCH_RESULTS:-results}
run=${1:-}
[ -n "$run" ] || tb_die "RUN= is needed: a run folder (e.g. RUN=results/latest)"
[ -d "$run" ] || { [ -d "$RESULTS/$run" ] && run="$RESULTS/$run"; }
[ -d "$run" ] || tb_die "RUN=$run: no such run folder (runs are in $RESULTS/)"
[ -s "$run/results.csv" ] || tb_die "$run/results.csv is missing or empty: not a completed run"
case "$BIN" in /*) tool="$BIN/tlsbench-report" ;; *) tool="$here/$BIN/tlsbench-report" ;; esac
if [ ! -x "$tool" ]; then
    (cd "$here" && make --no-print-directory -s "$BIN/tlsbench-report" >/dev/null) ||
        tb_die "cannot build $BIN/tlsbench-report (make $BIN/tlsbench-report)"
fi
out="$run/REPORT.md"
"$tool" "$run" > "$out.tmp.$$" || { rm -f "$out.tmp.$$"; exit 2; }
mv "$out.tmp.$$" "$out" || tb_die "cannot write $out"
[ "${2:-}" = --print-path ] && echo "tlsbench: report: $out"
exit 0
