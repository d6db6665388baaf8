#!/bin/sh
# The `make compare` driver: compares two runs, or two backends of one or
# two runs (A=<run>:<backend> B=<run>:<backend>), with bin/tlsbench-compare.
# The Markdown table goes to the terminal and to
# results/compare-<UTC>/compare-<A>-vs-<B>.md (a new folder: nothing is
# overwritten), with a chart of B/A per row beside it (PNG and SVG).
# Usage: compare.sh A B (a run folder or a name in results/, each
# optionally followed by :backend). Environment: BIN, TLSBENCH_RESULTS,
# MIN_CHANGE (the smallest change in % marked; default 5), DRIFT=1 (judge
# each row relative to the median B/A of all rows: the machine's own
# change between two runs; see tlsbench-compare --drift).
set -u
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/scripts/lib.sh"
BIN=${BIN:-bin}
RESULTS=${TLSBENCH_RESULTS:-results}
tool="$BIN/tlsbench-compare"

runs_hint() {
    list=$(ls -1 "$RESULTS" 2>/dev/null | grep -v '^compare-' | tail -n 5 | tr '\n' ' ')
    echo "runs in $RESULTS/: ${list:-none}"
}
[ $# -eq 2 ] && [ -n "$1" ] && [ -n "$2" ] ||
    tb_die "usage: make compare A=<run>[:<backend>] B=<run>[:<backend>] ($(runs_hint))"
[ -x "$tool" ] || tb_die "$tool is not built (make $tool)"

# resolve SPEC: prints "folder" or "folder:backend"; a name without a
# folder of its own is looked up in results/
resolve() {
    which=$1 spec=$2
    if [ -d "$spec" ]; then echo "$spec"; return 0; fi
    dir=$spec be=""
    case "$spec" in *:*) dir=${spec%:*} be=${spec##*:} ;; esac
    [ -n "$dir" ] || tb_die "$which=$spec: no run named before ':'"
    if [ ! -d "$dir" ] && [ -d "$RESULTS/$dir" ]; then dir="$RESULTS/$dir"; fi
    [ -d "$dir" ] || tb_die "$which=$spec: no such run folder ($(runs_hint))"
    echo "$dir${be:+:$be}"
}
min_change=${MIN_CHANGE:-5}
case "$min_change" in
    ""|*[!0-9.]*|*.*.*|.|.*|*.) tb_die "MIN_CHANGE must be a percentage from 0 to 100 (e.g. 5 or 2.5), not '$min_change'" ;;
esac
awk -v m="$min_change" 'BEGIN { exit !(m + 0 <= 100) }' ||
    tb_die "MIN_CHANGE must be a percentage from 0 to 100 (e.g. 5 or 2.5), not '$min_change'"
case "${DRIFT:-0}" in
    0) drift="" ;;
    1) drift="--drift" ;;
    *) tb_die "DRIFT must be 0 or 1, not '$DRIFT'" ;;
esac
a=$(resolve A "$1") || exit 2
b=$(resolve B "$2") || exit 2

# a short name of a side for file names: run id and backend
short() {
    be=""
    [ -d "$1" ] || { case "$1" in *:*) be=${1##*:} ;; esac; }
    dir=$1
    [ -n "$be" ] && dir=${1%:*}
    echo "$(basename "$(cd "$dir" && pwd -P)")${be:+-$be}" | tr -c 'A-Za-z0-9._\n-' '_'
}
name="compare-$(short "$a")-vs-$(short "$b")"

out=$(tb_new_folder "$RESULTS" "compare-$(date -u +%Y%m%dT%H%M%SZ)") || exit 2
if ! "$tool" --min-change "$min_change" $drift --out "$out/$name.md" --chart "$out/$name" "$a" "$b"; then
    rm -rf "$out"
    exit 2
fi

if [ -s "$out/$name.dat" ] && command -v gnuplot >/dev/null; then
    a_dir=$a b_dir=$b
    [ -d "$a" ] || a_dir=${a%:*}
    [ -d "$b" ] || b_dir=${b%:*}
    mkey() { awk -F= -v k="$2" '$1 == k { print $2 }' "$1/machine.txt" 2>/dev/null | tr "'" ' '; }
    machine=$(mkey "$a_dir" cpu_model)
    [ "$(mkey "$b_dir" cpu_model)" = "$machine" ] || machine="$machine vs $(mkey "$b_dir" cpu_model)"
    day=$(mkey "$a_dir" date | cut -c1-10)
    [ "$(mkey "$b_dir" date | cut -c1-10)" = "$day" ] || day="$day vs $(mkey "$b_dir" date | cut -c1-10)"
    backends=$(awk '!/^#/ && !seen[$4]++ { printf "%s ", $4 }' "$out/$name.dat")
    rows=$(grep -vc '^#' "$out/$name.dat")
    width=$((400 + 4 * rows)); [ $width -lt 1000 ] && width=1000; [ $width -gt 2400 ] && width=2400
    gnuplot -e "dat='$out/$name.dat'; groups='$out/$name.groups'; backends='$backends'; \
title='B/A time per operation${drift:+ ÷ machine drift}, B = $(short "$b"), A = $(short "$a") - ${machine:-unknown CPU}, ${day:-undated}'; \
out='$out/$name'; width=$width" "$here/plots/compare.gp" ||
        echo "tlsbench: the comparison chart could not be drawn" >&2
fi
echo "tlsbench: comparison in $out/$name.md${rows:+ (chart: $out/$name.png)}"
