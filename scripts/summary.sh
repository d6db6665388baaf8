#!/bin/sh
# A short table of headline rows from a results.csv.
csv=$1
here=$(cd "$(dirname "$0")" && pwd)
awk "$(cat "$here/csv.awk")"'
function key(f, a, o, s) { return f "/" a "/" o "/" s }
{ csvsplit($0, v) }
NR == 1 { for (i in v) col[v[i]] = i; next }
v[col["threads"]] != 1 { next }
{
    b = v[col["backend"]]; k = key(v[col["family"]], v[col["alg"]], v[col["op"]], v[col["size_bytes"]])
    if (!(b in seen)) { seen[b] = 1; order[++nb] = b }
    st[b, k] = v[col["status"]]
    mb[b, k] = v[col["mb_per_s"]]; ops[b, k] = v[col["ops_per_s"]]; ns[b, k] = v[col["ns_per_op"]]
}
function cell(b, k, what,   v) {
    if (st[b, k] == "") return "-"
    if (st[b, k] != "ok") return st[b, k] == "unsupported" ? "n/a" : "FAILED"
    if (what == "mb") return sprintf("%.0f", mb[b, k])
    if (what == "us") return sprintf("%.2f", ns[b, k] / 1000)
    return sprintf("%.0f", ops[b, k])
}
END {
    n = split("aead/AES-128-GCM/seal/16384:mb:AES128GCM16K_MB/s aead/CHACHA20-POLY1305/seal/16384:mb:CHACHA16K_MB/s aead/AES-128-GCM/seal/1350:mb:AES128GCM1350_MB/s kex/X25519/exchange/0:ops:X25519_xchg/s kex/P-256/exchange/0:ops:P256_xchg/s rsa/RSA-2048/decrypt/48:ops:RSA2048_dec/s sig/ECDSA-P256-SHA256/sign/130:ops:ECDSA256_sign/s hkdf/SHA256/schedule/464:us:TLS13_sched_us", c, " ")
    printf "%-10s", "backend"
    for (i = 1; i <= n; i++) { split(c[i], p, ":"); printf " %15s", p[3] }
    printf "\n"
    for (j = 1; j <= nb; j++) {
        printf "%-10s", order[j]
        for (i = 1; i <= n; i++) { split(c[i], p, ":"); printf " %15s", cell(order[j], p[1], p[2]) }
        printf "\n"
    }
}' "$csv"
