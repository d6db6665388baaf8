#!/bin/sh
# Multi-core scaling, drawn when the run has more than one thread count:
# total throughput against threads, a line per backend, for the bulk
# (AES-128-GCM seal, 16 KiB), RSA-2048 decryption and the X25519 exchange:
# plots/scaling.gp -> RUN/plots/scaling.{png,svg}.
. "$(dirname "$0")/common.inc"
# The multi-thread pass, with one-thread rows measured beside the others
# (run.sh), when the run has it; else the run's own rows.
[ -s "$run/scaling/results.csv" ] && csv="$run/scaling/results.csv"
tb_rows 'f("backend") != "null"' '"x"' 'f("threads")' | cut -f3 | sort -nu > "$tmp/threads"
[ "$(wc -l < "$tmp/threads")" -gt 1 ] || exit 0 # one thread count: nothing to draw
# panel k: the row selected, the figure, and the y axis label
set -- \
    'f("family") == "aead" && f("alg") == "AES-128-GCM" && f("op") == "seal" && f("size_bytes") == 16384' 'f("mb_per_s")' \
    'f("family") == "rsa" && f("alg") == "RSA-2048" && f("op") == "decrypt"' 'f("ops_per_s")' \
    'f("family") == "kex" && f("alg") == "X25519" && f("op") == "exchange"' 'f("ops_per_s")'
k=0
all=""
while [ $# -ge 2 ]; do
    k=$((k + 1))
    tb_rows "f(\"backend\") != \"null\" && ($1)" 'f("threads")' "$2" > "$tmp/rows$k"
    # per backend: threads, total, total over the total at the fewest
    # threads (the speedup written at the end of each line)
    sort -t "$(printf '\t')" -k2,2 -k1,1n "$tmp/rows$k" | awk -F '\t' -v base="$tmp/p$k" '
        $3 == "" { next }
        $2 != b { b = $2; first = $3; list = list " " b }
        { printf "%s %s %.3f\n", $1, $3, $3 / first > (base "." b ".dat") }
        END { print list }' > "$tmp/backends$k"
    eval "b$k=\"\$(cat \"\$tmp/backends$k\")\""
    all="$all $(cat "$tmp/backends$k")"
    shift 2
done
all=$(echo "$all" | tr ' ' '\n' | awk 'NF && !seen[$1]++' | awk '
    BEGIN { nk = split("openssl boringssl libsodium mbedtls wolfssl nettle gcrypt", known, " ") }
    { have[$1] = 1; other[++no] = $1 }
    END { for (i = 1; i <= nk; i++) if (known[i] in have) printf "%s ", known[i]
          for (i = 1; i <= no; i++) { k = 0; for (j = 1; j <= nk; j++) if (known[j] == other[i]) k = 1; if (!k) printf "%s ", other[i] } }')
[ -n "$(echo "$all" | tr -d ' ')" ] || exit 0 # none of the three rows measured
tmax=$(tail -n 1 "$tmp/threads")
tics=$(tr '\n' ' ' < "$tmp/threads")
tb_gnuplot scaling -e "base1='$tmp/p1'; base2='$tmp/p2'; base3='$tmp/p3'; b1='$b1'; b2='$b2'; b3='$b3'; all='$all'; \
tmax=$tmax; tics='$tics'; title='$(tb_title "Multi-core scaling: total throughput against threads")'; out='$run/plots/scaling'" plots/scaling.gp
