#!/bin/sh
# Key-exchange operations per second (keygen, derive, exchange per group):
# plots/kex.gp -> RUN/plots/kex-ops.{png,svg}.
. "$(dirname "$0")/common.inc"
tb_rows 'f("family") == "kex" && f("threads") == bt && f("backend") != "null"' \
    'f("alg") " " f("op")' 'f("ops_per_s")' > "$tmp/rows"
backends=$(tb_pivot "$tmp/rows" "$tmp/dat")
[ -n "$backends" ] || exit 0 # no key exchange measured
tb_bars plots/kex.gp kex-ops 1200 '%.0f' "Key exchange, operations per second" 1
