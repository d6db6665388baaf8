#!/bin/sh
# Stage of `make bench` after the handshake measurement (10-handshake.sh):
# the handshake cost model. From RUN/results.csv and bench/model/recipes.txt
# it adds model rows (one per component, plus the total) and overhead rows
# (measured minus model) to RUN/handshake.csv, keeping its measured rows,
# and writes RUN/handshake.md for the report. Without measured rows it
# writes the model rows alone. Usage: 20-model.sh RUN
#
# Environment: BIN (bin); CHAIN_DEPTH, the certificate chain depth (the
# certificate signatures the client verifies; default 1), the knob the
# measurement stage reads too; DEPTH is accepted as another name for it.
set -u
here=$(cd "$(dirname "$0")/../.." && pwd)
. "$here/scripts/lib.sh"

run=${1:-}
[ -n "$run" ] && [ -d "$run" ] || tb_die "20-model.sh: RUN must be a run folder (got '${run}')"
run=$(cd "$run" && pwd)
if [ -n "${CHAIN_DEPTH:-}" ] && [ -n "${DEPTH:-}" ] && [ "$CHAIN_DEPTH" != "$DEPTH" ]; then
    tb_die "CHAIN_DEPTH=$CHAIN_DEPTH and DEPTH=$DEPTH differ (DEPTH is another name for CHAIN_DEPTH: give one)"
fi
depth=${CHAIN_DEPTH:-${DEPTH:-1}}
case "$depth" in
    ''|*[!0-9]*|0*) tb_die "CHAIN_DEPTH must be a whole number from 1 to 16, not '$depth'" ;;
esac
[ "$depth" -le 16 ] || tb_die "CHAIN_DEPTH must be a whole number from 1 to 16, not '$depth'"

cd "$here" || exit 2
BIN=${BIN:-bin}
exe="$BIN/tlsbench-model"
[ -x "$exe" ] || tb_die "$exe is not built (make $exe)"
[ -s "$run/results.csv" ] || tb_die "$run/results.csv is missing or empty: no primitive rows to model from"

# The model is a floor: by default each primitive's fastest repetition
# (ns_min), the least disturbed by other work on the machine, as a
# handshake median is made of mostly undisturbed handshakes. MODEL_COLUMN=
# ns_per_op models from the medians instead.
column=${MODEL_COLUMN:-ns_min}
case "$column" in
    ns_min|ns_per_op) ;;
    *) tb_die "MODEL_COLUMN must be ns_min or ns_per_op, not '$column'" ;;
esac

# The measured rows are kept only when the file is there (the measurement
# stage may not have run, or measured nothing).
set -- --recipes bench/model/recipes.txt --results "$run/results.csv" \
    --out "$run/handshake.csv" --markdown "$run/handshake.md" --depth "$depth" \
    --column "$column"
[ -f "$run/handshake.csv" ] && set -- "$@" --measured "$run/handshake.csv"
# the model's rows timed again beside each stack's handshakes (10-handshake.sh)
for f in "$run"/raw/hs-*.retimed.csv; do
    [ -s "$f" ] && set -- "$@" --retimed "$f"
done
"$exe" "$@"
