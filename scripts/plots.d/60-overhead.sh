#!/bin/sh
# Harness overhead: the null backend's ns per operation for every case:
# plots/overhead.gp -> RUN/plots/overhead-null.{png,svg}.
. "$(dirname "$0")/common.inc"
tb_rows 'f("backend") == "null" && f("threads") == bt' \
    'f("family") "/" f("alg") "/" f("op") "/" f("size_bytes")' \
    'f("ns_per_op") "\t" f("ns_min") "\t" f("ns_max")' > "$tmp/rows"
[ -s "$tmp/rows" ] || exit 0 # the null backend was not run
awk -F '\t' '{ printf "%d \"%s\" %s %s %s\n", NR - 1, $1, $3, $4, $5 }' "$tmp/rows" > "$tmp/dat"
n=$(wc -l < "$tmp/dat")
med=$(cut -d' ' -f3 "$tmp/dat" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
tb_gnuplot overhead-null -e "dat='$tmp/dat'; title='$(tb_title "Harness overhead: the null backend by case")'; \
note='median over the cases: $med ns per operation'; \
out='$run/plots/overhead-null'; height=$((120 + 13 * n))" plots/overhead.gp
