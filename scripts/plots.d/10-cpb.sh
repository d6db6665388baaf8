#!/bin/sh
# Cycles per byte of every AEAD at the largest record size (16 KiB by
# default), seal and open: plots/cpb.gp -> RUN/plots/aead-cpb.{png,svg}.
. "$(dirname "$0")/common.inc"
size=$(tb_rows 'f("family") == "aead"' '"x"' 'f("size_bytes")' | sort -t "$(printf '\t')" -k3,3n | tail -n 1 | cut -f3)
[ -n "$size" ] || exit 0 # no AEAD row measured: nothing to draw
tb_rows 'f("family") == "aead" && f("threads") == bt && f("size_bytes") == '"$size"' && f("backend") != "null"' \
    'f("alg") " " f("op")' 'f("cycles_per_byte")' > "$tmp/rows"
[ -s "$tmp/rows" ] || exit 0
backends=$(tb_pivot "$tmp/rows" "$tmp/dat")
[ -n "$backends" ] || exit 0 # no cycle counts (the TSC rate was not known)
if [ "$size" = 16384 ]; then what="16 KiB"; else what="$size-byte"; fi
tb_bars plots/cpb.gp aead-cpb 1100 '%.2f' "AEAD cycles per byte, $what records" 1
