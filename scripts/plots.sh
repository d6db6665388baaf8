#!/bin/sh
# Draws the charts of a run folder from its CSV files (gnuplot, PNG and SVG
# in RUN/plots). Usage: plots.sh RUN (a run folder, or a name in results/).
set -u
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/scripts/lib.sh"
run=${1:-}
[ -n "$run" ] || tb_die "RUN= is needed: a run folder (e.g. RUN=results/latest)"
[ -d "$run" ] || { [ -d "results/$run" ] && run="results/$run"; }
[ -d "$run" ] || tb_die "RUN=$run: no such run folder (runs are in results/)"
run=$(cd "$run" && pwd)
cd "$here" || exit 2
csv="$run/results.csv"
# a leak-check folder has its own chart and no results.csv
if [ ! -s "$csv" ] && [ -s "$run/leakcheck.csv" ]; then
    sh "$here/scripts/plots.d/50-leakcheck.sh" "$run"
    exit $?
fi
[ -s "$csv" ] || tb_die "$csv is missing or empty: not a completed run"
header="schema_version,run_id,backend,backend_version,family,alg,op,size_bytes,threads,repetitions,iterations,ns_per_op,ns_min,ns_max,cv_percent,ops_per_s,ops_per_s_per_thread,mb_per_s,cycles_per_byte,cycles_per_op,noisy,status,note"
[ "$(head -n 1 "$csv")" = "$header" ] || tb_die "$csv does not start with the results.csv header"
awk "$(cat scripts/csv.awk)"'
NR > 1 && csvsplit($0, v) != 23 { bad = NR } END { exit bad ? 1 : 0 }' "$csv" || tb_die "$csv is truncated or malformed (a row with too few columns)"
command -v gnuplot >/dev/null || tb_die "gnuplot is not installed (apt-get install gnuplot-nox)"
mkdir -p "$run/plots"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
machine=$(awk -F= '$1 == "cpu_model" {print $2}' "$run/machine.txt" 2>/dev/null)
date=$(awk -F= '$1 == "date" {print substr($2, 1, 10)}' "$run/machine.txt" 2>/dev/null)
drawn=0
for alg in AES-128-GCM AES-256-GCM CHACHA20-POLY1305; do
    for op in seal open; do
        base="$tmp/aead-$alg-$op"
        awk -v alg="$alg" -v op="$op" -v base="$base" "$(cat scripts/csv.awk)"'
            NR > 1 { csvsplit($0, v) }
            NR > 1 && v[6] == alg && v[7] == op && v[9] == 1 && v[22] == "ok" && v[5] == "aead" && v[3] != "null" {
                f = base "." v[3] ".dat"; print v[8], v[18] > f; seen[v[3]] = 1 }
            END { for (b in seen) printf "%s ", b }' "$csv" > "$base.backends"
        backends=$(tr ' ' '\n' < "$base.backends" | grep -v '^$' | sort | tr '\n' ' ')
        [ -n "$backends" ] || continue
        for b in $backends; do sort -n "$base.$b.dat" -o "$base.$b.dat"; done
        gnuplot -e "base='$base'; backends='$backends'; title='$alg $op throughput - ${machine:-unknown CPU}, ${date:-}'; out='$run/plots/aead-$alg-$op'" \
            "$here/plots/aead_throughput.gp" && drawn=$((drawn + 1))
    done
done
# Further charts: every scripts/plots.d/*.sh RUN draws its own.
for part in "$here"/scripts/plots.d/*.sh; do
    [ -f "$part" ] || continue
    sh "$part" "$run" && drawn=$((drawn + 1)) || echo "tlsbench: $(basename "$part") drew nothing" >&2
done
echo "tlsbench: $drawn chart scripts ran for $run/plots"
