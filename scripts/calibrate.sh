#!/bin/sh
# Compares the openssl backend's rows with `openssl speed` in the same
# sitting: RSA-2048 private operations, X25519 derivation, AES-128-GCM at
# 16 KiB. Alternates the two tools ROUNDS times on one core and reports the
# best of each (the least disturbed measurement). Usage: calibrate.sh [ROUNDS]
set -u
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/scripts/lib.sh"
rounds=${1:-3}
case "$rounds" in ''|*[!0-9]*|0) tb_die "ROUNDS must be a whole number from 1 to 20, not '$rounds'" ;; esac
[ "$rounds" -le 20 ] || tb_die "ROUNDS must be a whole number from 1 to 20, not '$rounds'"
BIN=${BIN:-bin}
exe="$BIN/tlsbench-openssl"
[ -x "$exe" ] || tb_die "$exe is not built (make $exe)"
command -v openssl >/dev/null || tb_die "the openssl command is missing (apt-get install openssl)"
core=$(($(nproc) - 1))
pin="taskset -c $core"
command -v taskset >/dev/null || pin=""
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
best() { sort -g | tail -n 1; }
i=0
while [ $i -lt "$rounds" ]; do
    i=$((i + 1))
    $pin openssl speed -seconds 2 rsa2048 2>/dev/null | awk '/^rsa 2048/ {print $6}' >> "$tmp/s-rsa"
    $pin openssl speed -seconds 2 ecdhx25519 2>/dev/null | awk '/X25519/ {print $NF}' >> "$tmp/s-x"
    $pin openssl speed -seconds 2 -evp aes-128-gcm -bytes 16384 2>/dev/null |
        awk '/^AES-128-GCM/ {v = $2; sub(/k$/, "", v); print v / 1000}' >> "$tmp/s-aes"
    $pin "$exe" --csv "$tmp/t.csv" --reps 5 --min-time 0.3 \
        --filter 'aead/AES-128-GCM/seal/16384$|rsa/RSA-2048/decrypt|kex/X25519/derive' 2>/dev/null ||
        tb_die "$exe failed"
    awk -F, -v d="$tmp" 'NR > 1 {
        if ($6 == "RSA-2048") print $16 > (d "/t-rsa")
        if ($6 == "X25519") print $16 > (d "/t-x")
        if ($6 == "AES-128-GCM") print $18 > (d "/t-aes") }' "$tmp/t.csv"
    cat "$tmp/t-rsa" >> "$tmp/b-rsa"; cat "$tmp/t-x" >> "$tmp/b-x"; cat "$tmp/t-aes" >> "$tmp/b-aes"
done
printf '%-34s %14s %14s %8s\n' "best of $rounds rounds" "openssl speed" "tlsbench" "ratio"
for k in rsa:"RSA-2048 private op/s (sign; decrypt)" x:"X25519 derive/s" aes:"AES-128-GCM 16 KiB MB/s (seal)"; do
    key=${k%%:*}; label=${k#*:}
    s=$(best < "$tmp/s-$key"); t=$(best < "$tmp/b-$key")
    awk -v l="$label" -v s="$s" -v t="$t" 'BEGIN { printf "%-34s %14.1f %14.1f %8.3f\n", l, s, t, t / s }'
done
