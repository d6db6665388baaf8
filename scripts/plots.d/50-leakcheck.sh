#!/bin/sh
# The leak-check charts of a folder with leakcheck.csv (make leakcheck
# draws them; plots.sh runs this for every run folder, which draws nothing
# where no leak check was run), PNG and SVG in RUN/plots:
#   leak-<backend>   per key size, each class's median time difference
#                    from the valid class with its 95% bootstrap interval
#                    (plots/leakcheck.gp)
# Usage: 50-leakcheck.sh RUN. Exits non-zero on a bad leakcheck.csv.
set -u
here=$(cd "$(dirname "$0")/../.." && pwd)
. "$here/scripts/lib.sh"
run=${1:-}
[ -n "$run" ] && [ -d "$run" ] || tb_die "50-leakcheck.sh: RUN must be a run folder (got '$run')"
run=$(cd "$run" && pwd)
csv="$run/leakcheck.csv"
# A bench run without a leak check: nothing to draw, and nothing wrong.
[ -s "$csv" ] || exit 0
cd "$here" || exit 2
header="schema_version,run_id,backend,backend_version,key_bits,class,samples,median_ns,diff_ns,ci_low_ns,ci_high_ns,p_sign,p_wilcoxon,p_friedman,friedman_stat,verdict,detectable_ns,tsc_ghz,note"
[ "$(head -n 1 "$csv" | tr -d '\r')" = "$header" ] || tb_die "$csv does not start with the leakcheck.csv header"
# A row cut short has fewer fields, or an open quote (notes are quoted).
awk "$(cat scripts/csv.awk)"'NR > 1 && (csvsplit($0, v) != 19 || gsub(/"/, "&") % 2) { bad = NR } END { exit bad ? 1 : 0 }' "$csv" ||
    tb_die "$csv is truncated or malformed (a row without the 19 columns)"
command -v gnuplot >/dev/null || tb_die "gnuplot is not installed (apt-get install gnuplot-nox)"
mkdir -p "$run/plots"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
machine=$(awk -F= '$1 == "cpu_model" { print $2 }' "$run/machine.txt" 2>/dev/null)
date=$(awk -F= '$1 == "date" { print substr($2, 1, 10) }' "$run/machine.txt" 2>/dev/null)
# One data file per backend and key: index, class, difference, CI low and
# high (the valid class itself left out); a title per key with its verdict.
awk -v dir="$tmp" "$(cat scripts/csv.awk)"'
    function f(name) { return v[col[name]] }
    NR == 1 { n = csvsplit($0, h); for (i = 1; i <= n; i++) col[h[i]] = i; next }
    { csvsplit($0, v) }
    f("class") == "valid48" {
        p = f("p_friedman"); p = (p + 0 == 0) ? "<1e-300" : sprintf("%.2g", p)
        t = sprintf("RSA-%s: %s (Friedman p %s, %s blocks", f("key_bits"), f("verdict"), p, f("samples"))
        if (f("verdict") == "no leak detected") t = t sprintf(", would have seen %s ns", f("detectable_ns"))
        print t ")" > (dir "/" f("backend") "." f("key_bits") ".title")
    }
    f("class") != "" && f("class") != "valid48" && f("ci_low_ns") != "" {
        k = f("backend") "." f("key_bits")
        printf "%d %s %s %s %s\n", idx[k]++, f("class"), f("diff_ns"), f("ci_low_ns"), f("ci_high_ns") > (dir "/" k ".dat")
        lo = f("ci_low_ns") + 0; hi = f("ci_high_ns") + 0
        if (!(k in ymin) || lo < ymin[k]) ymin[k] = lo
        if (!(k in ymax) || hi > ymax[k]) ymax[k] = hi
        if (!(f("backend") in seen)) { seen[f("backend")] = 1; printf "%s ", f("backend") > (dir "/backends") }
        if (!((f("backend"), f("key_bits")) in sk)) { sk[f("backend"), f("key_bits")] = 1; keys[f("backend")] = keys[f("backend")] f("key_bits") " " }
    }
    END {
        for (b in keys) print keys[b] > (dir "/" b ".keys")
        # the y range of each panel: every interval and the zero line, with
        # a margin (an all-zero panel still gets a range)
        for (k in ymin) {
            lo = ymin[k] < 0 ? ymin[k] : 0; hi = ymax[k] > 0 ? ymax[k] : 0
            pad = (hi - lo) * 0.08; if (pad < 1) pad = 1
            printf "%g %g\n", lo - pad, hi + pad > (dir "/" k ".range")
        }
    }' "$csv"
[ -s "$tmp/backends" ] || { echo "tlsleak: no measured rows in $csv: no leak-check charts" >&2; exit 0; }
drawn=0
for b in $(cat "$tmp/backends"); do
    ks=$(cat "$tmp/$b.keys")
    titles=""
    for kb in $ks; do
        titles="$titles title_$kb='$(tr "'" ' ' < "$tmp/$b.$kb.title")';"
        read -r lo hi < "$tmp/$b.$kb.range"
        titles="$titles ylo_$kb=$lo; yhi_$kb=$hi;"
    done
    if gnuplot -e "base='$tmp/$b'; keys='$ks'; backend='$b';$titles title='$b: decrypt_pms time, each class minus the valid class - ${machine:-unknown CPU}${date:+, $date}'; out='$run/plots/leak-$b'" \
        plots/leakcheck.gp; then
        drawn=$((drawn + 1))
    else
        rm -f "$run/plots/leak-$b.png" "$run/plots/leak-$b.svg"
        echo "tlsleak: gnuplot could not draw leak-$b" >&2
    fi
done
[ $drawn -gt 0 ]
