#!/bin/sh
# RSA and signature operations per second: plots/rsa_sig.gp ->
# RUN/plots/rsa-sig-ops.{png,svg}.
. "$(dirname "$0")/common.inc"
# line breaks in long signature names: RSA-2048 / PSS / SHA256 / sign
TB_ROWS_FUNCS='function label(a) {
    sub(/-SHA/, " SHA", a)
    if (match(a, /^RSA-[0-9]+-/)) a = substr(a, 1, RLENGTH - 1) " " substr(a, RLENGTH + 1)
    return a
}'
tb_rows '(f("family") == "rsa" || f("family") == "sig") && f("threads") == bt && f("backend") != "null"' \
    'label(f("alg")) " " f("op")' 'f("ops_per_s")' > "$tmp/rows"
backends=$(tb_pivot "$tmp/rows" "$tmp/dat")
[ -n "$backends" ] || exit 0 # no RSA or signature measured
tb_bars plots/rsa_sig.gp rsa-sig-ops 1600 '%.0f' "RSA and signatures, operations per second" 1
