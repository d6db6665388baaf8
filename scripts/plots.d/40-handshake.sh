#!/bin/sh
# The handshake charts of a run (run by scripts/plots.sh, so by `make plots`
# and at the end of `make bench`), PNG and SVG in RUN/plots:
#   handshake-<scenario>      per side, a stacked bar of the model's
#                             components per stack, the measured median and
#                             p99 beside it (plots/handshake_latency.gp)
#   handshake-ecdf-<scenario> per side, the measured latency distribution
#                             per stack (plots/handshake_ecdf.gp)
# Usage: 40-handshake.sh RUN. Exits non-zero when it drew nothing.
set -u
here=$(cd "$(dirname "$0")/../.." && pwd)
. "$here/scripts/lib.sh"
run=${1:-}
[ -n "$run" ] && [ -d "$run" ] || tb_die "40-handshake.sh: RUN must be a run folder (got '$run')"
run=$(cd "$run" && pwd)
cd "$here" || exit 2
csv="$run/handshake.csv"
samples="$run/handshake_samples.csv"
if [ ! -s "$csv" ]; then
    echo "tlsbench: no handshake.csv in $run (the handshake stages did not run): no handshake charts" >&2
    exit 1
fi
header="schema_version,run_id,backend,scenario,side,source,component,ns,median_us,p99_us,handshakes_per_s,count,status,note"
[ "$(head -n 1 "$csv" | tr -d '\r')" = "$header" ] || tb_die "$csv does not start with the handshake.csv header"
command -v gnuplot >/dev/null || tb_die "gnuplot is not installed (apt-get install gnuplot-nox)"
mkdir -p "$run/plots"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
machine=$(awk -F= '$1 == "cpu_model" {print $2}' "$run/machine.txt" 2>/dev/null)
date=$(awk -F= '$1 == "date" {print substr($2, 1, 10)}' "$run/machine.txt" 2>/dev/null)
drawn=0

# ------------------------------------------------------------ latency bars
# One pass over handshake.csv writes, per scenario number k and side, the
# data files of plots/handshake_latency.gp and a file of gnuplot settings
# (lists and y ranges); scenarios.txt lists "k name".
awk -v dir="$tmp" "$(cat scripts/csv.awk)"'
function num(v) { return v + 0 }
function fmt(v) { return v >= 100 ? sprintf("%.0f", v) : v >= 10 ? sprintf("%.1f", v) : sprintf("%.2f", v) }
function add(list, w) { return list == "" ? w : list " " w }
function has(list, w) { return index(" " list " ", " " w " ") > 0 }
# The bottom row: the parts in per cent of the measured median, and the
# overhead up to 100%.
function share(sc, side, base, ns, sl, nc, cl, vars,    i, j, x, key, y, v, pmax, pc, sums, lab) {
    pmax = 100; pc = ""
    for (i = 1; i <= ns; i++) {
        key = sc SUBSEP side SUBSEP sl[i]
        if ((key in total) && (key in med) && med[key] > 0) {
            sums[i] = 100 * total[key] / med[key]
            if (sums[i] > pmax) pmax = sums[i]
        }
    }
    pmax *= 1.1
    lab = base ".pct.labels"
    printf "" > lab
    printf "" > (base ".pct.over")
    for (i = 1; i <= ns; i++) {
        x = i - 1; key = sc SUBSEP side SUBSEP sl[i]
        if (!(i in sums)) {
            printf "%.2f %.6f \"%s\"\n", x, 0.05 * pmax, (key in med) ? "no model" : (key in nomeas) ? nomeas[key] : "not measured" > lab
            continue
        }
        y = 0
        for (j = 1; j <= nc; j++) {
            if (!((key, cl[j]) in partv)) continue
            v = 100 * partv[key, cl[j]] / med[key]
            printf "%d %.6f %.6f\n", x, y, y + v > (base ".pct.seg." cl[j])
            if (!has(pc, cl[j])) pc = add(pc, cl[j])
            if (v >= 0.07 * pmax) printf "%.2f %.6f \"%s\"\n", x, y + v / 2, cl[j] > lab
            y += v
        }
        if (y < 100) {
            printf "%d %.6f 100\n", x, y > (base ".pct.over")
            if (100 - y >= 0.07 * pmax) printf "%.2f %.6f \"overhead %.0f%%\"\n", x, (y + 100) / 2, 100 - y > lab
            printf "%.2f %.6f \"model %.0f%%\"\n", x, 100 + 0.03 * pmax, y > lab
        } else {
            printf "%.2f %.6f \"model %.0f%% (above 100%%)\"\n", x, y + 0.03 * pmax, y > lab
        }
    }
    # the components in the order of the top row
    pcs = ""
    for (j = 1; j <= nc; j++) if (has(pc, cl[j])) pcs = add(pcs, cl[j])
    printf "pcomps_%s = \"%s\"\npmax_%s = %.6f\n", side, pcs, side, pmax > vars
}
NR == 1 { next }
{
    if (csvsplit($0, f) != 14) { bad = NR; exit 1 }
    stack = f[3]; sc = f[4]; side = f[5]; src = f[6]; comp = f[7]; st = f[13]
    if (!(sc in scn)) { scn[sc] = ++nsc; scname[nsc] = sc }
    if (!has(stacks[sc], stack)) stacks[sc] = add(stacks[sc], stack)
    key = sc SUBSEP side SUBSEP stack
    if (src == "model" && comp != "total" && st == "ok") {
        if (!has(comps[sc, side], comp)) comps[sc, side] = add(comps[sc, side], comp)
        partv[key, comp] = num(f[8]) / 1000
    } else if (src == "model" && comp == "total") {
        if (st == "ok") total[key] = num(f[8]) / 1000; else nomodel[key] = st
    } else if (src == "measured" && comp == "total") {
        if (st == "ok") { med[key] = num(f[9]); p99[key] = num(f[10]) } else nomeas[key] = st
    }
}
END {
    if (bad) { print "handshake.csv line " bad ": not 14 columns" > "/dev/stderr"; exit 1 }
    # A stack that cannot do a scenario gets no model bar there: it would
    # only squash the others.
    for (key in nomeas) if (nomeas[key] == "unsupported") { delete total[key]; nomodel[key] = "skip" }
    for (k = 1; k <= nsc; k++) {
        sc = scname[k]
        print k, sc > (dir "/scenarios.txt")
        ns = split(stacks[sc], sl, " ")
        vars = dir "/s" k ".vars"
        printf "stacks = \"%s\"\n", stacks[sc] > vars
        for (sd = 1; sd <= 2; sd++) {
            side = sd == 1 ? "client" : "server"
            base = dir "/s" k "." side
            # The y range fits the bars; a p99 more than 1.6 times the
            # tallest bar is cut off (its value is then printed).
            top = 0; tail = 0; meas = ""
            for (i = 1; i <= ns; i++) {
                key = sc SUBSEP side SUBSEP sl[i]
                if (key in total && total[key] > top) top = total[key]
                if (key in med && med[key] > top) top = med[key]
                if (key in p99 && p99[key] > tail) tail = p99[key]
            }
            if (top <= 0) top = 1
            if (tail > 1.6 * top) tail = 1.6 * top
            ymax = (tail > top ? tail : top) * 1.12
            nc = split(comps[sc, side], cl, " ")
            labels = base ".labels"
            printf "" > labels
            for (i = 1; i <= ns; i++) {
                x = i - 1; key = sc SUBSEP side SUBSEP sl[i]
                if (key in total) {
                    y = 0
                    for (j = 1; j <= nc; j++) {
                        if (!((key, cl[j]) in partv)) continue
                        v = partv[key, cl[j]]
                        printf "%d %.6f %.6f\n", x, y, y + v > (base ".seg." cl[j])
                        # a name inside the segment when it is tall enough to hold it
                        if (v >= 0.07 * ymax) printf "%.2f %.6f \"%s\"\n", x, y + v / 2, cl[j] > labels
                        y += v
                    }
                    printf "%.2f %.6f \"%s\"\n", x, total[key] + 0.025 * ymax, fmt(total[key]) > labels
                } else if (nomodel[key] == "skip") {
                    printf "%.2f %.6f \"unsupported\\nby the stack\"\n", x + 0.1, 0.06 * ymax > labels
                    continue
                } else {
                    why = (key in nomodel) ? nomodel[key] : "absent"
                    printf "%.2f %.6f \"model %s\"\n", x, 0.04 * ymax, why > labels
                }
                if (key in med) {
                    printf "%d %.6f %.6f\n", x, med[key], p99[key] > (base ".meas." sl[i])
                    meas = add(meas, sl[i])
                    if (p99[key] <= tail) printf "%.2f %.6f \"%s\"\n", x + 0.36, p99[key] + 0.025 * ymax, fmt(med[key]) > labels
                    else printf "%.2f %.6f \"%s\\np99 %s\"\n", x + 0.36, 0.94 * ymax, fmt(med[key]), fmt(p99[key]) > labels
                } else {
                    why = (key in nomeas) ? nomeas[key] : "not measured"
                    printf "%.2f %.6f \"%s\"\n", x + 0.36, 0.10 * ymax, why > labels
                }
            }
            printf "comps_%s = \"%s\"\nmeas_%s = \"%s\"\nymax_%s = %.6f\n", side, comps[sc, side], side, meas, side, ymax > vars
            share(sc, side, base, ns, sl, nc, cl, vars)
        }
    }
}' "$csv" || tb_die "$csv is malformed; no handshake charts"

while read -r k sc; do
    [ -n "$sc" ] || continue
    gnuplot -e "load '$tmp/s$k.vars'; base='$tmp/s$k'; title='Handshake $sc: model vs measured - ${machine:-unknown CPU}, ${date:-}'; out='$run/plots/handshake-$sc'" \
        plots/handshake_latency.gp 2> "$tmp/gp.log" && drawn=$((drawn + 1)) ||
        { echo "tlsbench: handshake chart of $sc failed:" >&2; cat "$tmp/gp.log" >&2; }
done < "$tmp/scenarios.txt"

# -------------------------------------------------------------- ECDF charts
if [ -s "$samples" ]; then
    shead="run_id,backend,scenario,i,client_ns,server_ns"
    if [ "$(head -n 1 "$samples" | tr -d '\r')" != "$shead" ]; then
        echo "tlsbench: $samples does not start with '$shead': no distribution charts" >&2
    else
        mkdir -p "$tmp/e"
        awk -v dir="$tmp/e" "$(cat scripts/csv.awk)"'
        function has(list, w) { return index(" " list " ", " " w " ") > 0 }
        NR == 1 { next }
        {
            if (csvsplit($0, f) != 6) { bad = NR; exit 1 }
            stack = f[2]; sc = f[3]
            if (!(sc in seen)) { seen[sc] = ++n; name[n] = sc }
            k = seen[sc]
            if (!has(st[k], stack)) st[k] = st[k] (st[k] == "" ? "" : " ") stack
            if (f[5] != "" && f[5] + 0 > 0) print f[5] / 1000 > (dir "/s" k ".client." stack)
            if (f[6] != "" && f[6] + 0 > 0) print f[6] / 1000 > (dir "/s" k ".server." stack)
        }
        END {
            if (bad) { print "handshake_samples.csv line " bad ": not 6 columns" > "/dev/stderr"; exit 1 }
            for (k = 1; k <= n; k++) print k, name[k], st[k] > (dir "/scenarios.txt")
        }' "$samples" || echo "tlsbench: $samples is malformed: no distribution charts" >&2
        [ -f "$tmp/e/scenarios.txt" ] && while read -r k sc list; do
            cl="" sl=""
            for s in $list; do
                [ -s "$tmp/e/s$k.client.$s" ] && cl="$cl $s"
                [ -s "$tmp/e/s$k.server.$s" ] && sl="$sl $s"
            done
            [ -n "$cl$sl" ] || continue
            gnuplot -e "base='$tmp/e/s$k'; stacks_client='$cl'; stacks_server='$sl'; title='Handshake $sc: measured latency distribution - ${machine:-unknown CPU}, ${date:-}'; out='$run/plots/handshake-ecdf-$sc'" \
                plots/handshake_ecdf.gp 2> "$tmp/gp.log" && drawn=$((drawn + 1)) ||
                { echo "tlsbench: distribution chart of $sc failed:" >&2; cat "$tmp/gp.log" >&2; }
        done < "$tmp/e/scenarios.txt"
    fi
fi
echo "tlsbench: $drawn handshake charts in $run/plots"
[ "$drawn" -gt 0 ]
