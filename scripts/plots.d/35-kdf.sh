#!/bin/sh
# TLS 1.2 PRF and TLS 1.3 HKDF, microseconds per call: plots/kdf.gp ->
# RUN/plots/prf-hkdf-us.{png,svg}.
. "$(dirname "$0")/common.inc"
tb_rows '(f("family") == "prf" || f("family") == "hkdf") && f("threads") == bt && f("backend") != "null"' \
    'toupper(f("family")) " " f("alg") " " f("op")' 'f("ns_per_op") / 1000' > "$tmp/rows"
backends=$(tb_pivot "$tmp/rows" "$tmp/dat")
[ -n "$backends" ] || exit 0 # no PRF or HKDF measured
tb_bars plots/kdf.gp prf-hkdf-us 1500 '%.2f' "TLS 1.2 PRF and TLS 1.3 HKDF, microseconds per call" 1
