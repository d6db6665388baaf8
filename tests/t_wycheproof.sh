#!/bin/sh
# Wycheproof vectors: the --vectors runner refuses malformed files before any
# test runs, reports an unknown schema and a wrong answer as failures, and
# (when the shared folder exists) every shared file passes on every built
# backend except the documented library findings below.
# Environment: BIN, BACKENDS_FOUND, TLSBENCH_VECTORS (../shared/vectors).
set -u
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here" || exit 2
BIN=${BIN:-bin}
found=${BACKENDS_FOUND:-null}
real=$(echo "$found" | tr ' ' '\n' | grep -v '^null$' | tr '\n' ' ')
WP=${TLSBENCH_WYCHEPROOF:-${TLSBENCH_VECTORS:-../shared/vectors}/wycheproof}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0 skipped=0
ok() { passed=$((passed + 1)); echo "pass $*"; }
bad() { failed=$((failed + 1)); echo "FAIL $*"; }
skip() { skipped=$((skipped + 1)); echo "skip $*"; }

# Library findings: "backend file tcId..." that fail for a documented reason
# (README, Wycheproof findings). Anything else that fails is a defect.
known_findings='
gcrypt rsa_pkcs1_2048_test.json 1 9 12 13 14 15 16
wolfssl rsa_pkcs1_2048_test.json 1
nettle ecdsa_secp256r1_sha256_p1363_test.json 204
nettle ecdsa_secp256r1_sha256_test.json 427
'

# One AES-128-GCM group (Wycheproof aes_gcm_test.json tcId 1, and the same
# with a modified tag); the malformed files below are edits of it.
key=5b9604fe14eadba931b0ccf34843dab9 iv=028318abc1824029138141a2
msg=001d0c231287c1182784554ca3a21908 ct=26073cc1d851beff176384dc9896d5ff
tag=0a3ea7a5487cb5f7d70fb6c58d038554 badtag=0a3ea7a5487cb5f7d70fb6c58d038555
cat > "$tmp/good.json" <<EOF
{"algorithm": "AES-GCM", "schema": "aead_test_schema_v1.json",
 "numberOfTests": 2,
 "testGroups": [{"type": "AeadTest", "keySize": 128, "ivSize": 96,
  "tagSize": 128, "tests": [
  {"tcId": 1, "comment": "", "flags": ["Ktv"], "key": "$key", "iv": "$iv",
   "aad": "", "msg": "$msg", "ct": "$ct", "tag": "$tag", "result": "valid"},
  {"tcId": 2, "comment": "modified tag", "flags": ["ModifiedTag"],
   "key": "$key", "iv": "$iv", "aad": "", "msg": "$msg", "ct": "$ct",
   "tag": "$badtag", "result": "invalid"}]}]}
EOF
mutate() { # name, sed expression
    sed "$2" "$tmp/good.json" > "$tmp/$1.json"
}
head -c 300 "$tmp/good.json" > "$tmp/truncated.json"
: > "$tmp/empty.json"
echo '[1, 2, 3]' > "$tmp/array.json"
mutate odd-hex "s/\"iv\": \"$iv\"/\"iv\": \"028318abc1824029138141a\"/"
mutate non-hex "s/\"key\": \"$key\", \"iv\": \"$iv\",\$/\"key\": \"5b9604fe14eadba931b0ccf34843dabz\", \"iv\": \"$iv\",/"
mutate short-key "s/\"key\": \"$key\", \"iv\": \"$iv\",\$/\"key\": \"5b9604fe14eadba931b0ccf34843da\", \"iv\": \"$iv\",/"
mutate short-nonce "s/\"iv\": \"$iv\",\$/\"iv\": \"028318abc1824029138141\",/"
mutate missing-tag "s/\"tag\": \"$tag\", //"
mutate missing-groups "s/\"testGroups\"/\"testgroups\"/"
mutate missing-schema "s/\"schema\"/\"schemaName\"/"
mutate missing-alg "s/\"algorithm\": \"AES-GCM\", //"
mutate count "s/\"numberOfTests\": 2/\"numberOfTests\": 3/"
mutate result "s/\"result\": \"invalid\"/\"result\": \"maybe\"/"
mutate tcid "s/\"tcId\": 2/\"tcId\": \"2\"/"
mutate negative "s/\"keySize\": 128/\"keySize\": -128/"
mutate duplicate-key "s/\"tcId\": 2,/\"tcId\": 2, \"tcId\": 3,/"
mutate hex-type "s/\"aad\": \"\", \"msg\": \"$msg\", \"ct\": \"$ct\", \"tag\": \"$tag\"/\"aad\": 0, \"msg\": \"$msg\", \"ct\": \"$ct\", \"tag\": \"$tag\"/"
mutate unknown-schema "s/aead_test_schema_v1/frobnicate_schema_v1/"
mutate wrong-answer "s/\"ct\": \"$ct\", \"tag\": \"$tag\"/\"ct\": \"26073cc1d851beff176384dc9896d5fe\", \"tag\": \"$tag\"/"
# a 31-byte X25519 private key
cat > "$tmp/x25519-short.json" <<EOF
{"algorithm": "XDH", "schema": "xdh_comp_schema_v1.json", "numberOfTests": 1,
 "testGroups": [{"type": "XdhComp", "curve": "curve25519", "tests": [
  {"tcId": 1, "comment": "", "flags": [], "public": "$key$key",
   "private": "${key}001d0c231287c1182784554ca3a219", "shared": "",
   "result": "invalid"}]}]}
EOF
# an uncompressed P-256 point of 33 bytes
cat > "$tmp/ecdsa-key.json" <<EOF
{"algorithm": "ECDSA", "schema": "ecdsa_verify_schema_v1.json",
 "numberOfTests": 1,
 "testGroups": [{"type": "EcdsaVerify", "sha": "SHA-256",
  "publicKey": {"type": "EcPublicKey", "curve": "secp256r1",
   "uncompressed": "04$key$key"}, "tests": [
  {"tcId": 1, "comment": "", "flags": [], "msg": "", "sig": "3000",
   "result": "invalid"}]}]}
EOF
cat > "$tmp/hkdf-size.json" <<EOF
{"algorithm": "HKDF-SHA-256", "schema": "hkdf_test_schema_v1.json",
 "numberOfTests": 1, "testGroups": [{"type": "HkdfTest", "tests": [
  {"tcId": 1, "comment": "", "flags": [], "ikm": "$key", "salt": "",
   "info": "", "size": 42, "okm": "$key", "result": "valid"}]}]}
EOF

exe="$BIN/tlsbench-null"
refused() { # description, files...
    d=$1; shift
    "$exe" --vectors "$@" > "$tmp/out" 2> "$tmp/err"; rc=$?
    if [ $rc -eq 2 ] && [ -s "$tmp/err" ] && ! grep -q ' passed, ' "$tmp/out"; then
        ok "vectors: $d refused before any test ($(head -n 1 "$tmp/err" | cut -c1-150))"
    else
        bad "vectors: $d (exit $rc, '$(head -n 1 "$tmp/err")')"
    fi
}
echo "== malformed Wycheproof files (each refused with a message, nothing run)"
for f in truncated empty array odd-hex non-hex short-key short-nonce \
    missing-tag missing-groups missing-schema missing-alg count result tcid \
    negative duplicate-key hex-type x25519-short ecdsa-key hkdf-size; do
    refused "$f" "$tmp/$f.json"
done
refused "a missing file" "$tmp/does-not-exist.json"
refused "a good file then a bad one" "$tmp/good.json" "$tmp/odd-hex.json"
cli_refused() { # description, args...
    d=$1; shift
    out=$("$exe" "$@" 2>&1 >/dev/null); rc=$?
    if [ $rc -eq 2 ] && [ -n "$out" ]; then ok "cli: $d"; else bad "cli: $d (exit $rc, '$out')"; fi
}
cli_refused "--vectors without a file" --vectors
cli_refused "--vectors with an option next" --vectors --info
cli_refused "--vectors with a file twice" --vectors "$tmp/good.json" "$tmp/good.json"
cli_refused "--vectors with an empty name" --vectors ""
cli_refused "--vectors and --kat" --vectors "$tmp/good.json" --kat

echo "== the runner judges: a good file passes, a wrong answer and an unknown schema fail"
if [ -z "$real" ]; then
    skip "runner checks: no backend other than null is built"
fi
ran=0
for b in $real; do
    e="$BIN/tlsbench-$b"
    "$e" --vectors "$tmp/good.json" > "$tmp/g.log" 2>&1; rc=$?
    line=$(tail -n 1 "$tmp/g.log")
    case "$line" in
        *" 2 passed, 0 failed"*) ran=1; [ $rc -eq 0 ] && ok "vectors $b: a valid test and a forged tag" || bad "vectors $b: exit $rc" ;;
        *" 0 passed, 0 failed, 2 skipped"*) [ $rc -eq 0 ] && ok "vectors $b: skipped (no AES-128-GCM): $(grep 'skip 2' "$tmp/g.log" | cut -c1-100)" || bad "vectors $b: exit $rc" ;;
        *) bad "vectors $b: good file: $line (exit $rc)" ;;
    esac
    if grep -q ' 2 passed' "$tmp/g.log"; then
        "$e" --vectors "$tmp/wrong-answer.json" > "$tmp/w.log" 2>&1; rc=$?
        if [ $rc -eq 1 ] && grep -q '^FAIL wrong-answer.json tcId 1 ' "$tmp/w.log"; then
            ok "vectors $b: a wrong expected ciphertext fails, naming tcId 1"
        else
            bad "vectors $b: a wrong answer was not reported (exit $rc)"
        fi
    fi
    "$e" --vectors "$tmp/unknown-schema.json" > "$tmp/u.log" 2>&1; rc=$?
    if [ $rc -eq 1 ] && grep -q "^FAIL unknown-schema.json: unknown schema 'frobnicate_schema_v1.json'" "$tmp/u.log"; then
        ok "vectors $b: an unknown schema is a failure, not a pass"
    else
        bad "vectors $b: unknown schema (exit $rc)"
    fi
done
[ -n "$real" ] && [ $ran -eq 0 ] && bad "vectors: no backend ran the AES-128-GCM file"

echo "== the shared Wycheproof files on every built backend"
if [ ! -d "$WP" ] || [ -z "$(ls "$WP"/*.json 2>/dev/null)" ]; then
    skip "shared Wycheproof files: $WP does not exist"
else
    for b in $real; do
        # shellcheck disable=SC2046
        "$BIN/tlsbench-$b" --vectors "$WP"/*.json > "$tmp/wp-$b.log" 2>&1; rc=$?
        if [ $rc -eq 2 ]; then
            bad "wycheproof $b: the files were refused: $(head -n 1 "$tmp/wp-$b.log")"
            continue
        fi
        for f in "$WP"/*.json; do
            fn=$(basename "$f")
            summary=$(grep -E "^$b $fn: [0-9]+ passed" "$tmp/wp-$b.log")
            [ -n "$summary" ] || { bad "wycheproof $b $fn: no result line"; continue; }
            ids=$(grep -E "^FAIL $fn( tcId |:)" "$tmp/wp-$b.log" | sed -nE 's/^FAIL [^ ]+ tcId ([0-9]+) .*/\1/p' | sort -n | tr '\n' ' ')
            filefail=$(grep -cE "^FAIL $fn:" "$tmp/wp-$b.log")
            known=$(echo "$known_findings" | awk -v b="$b" -v f="$fn" '$1 == b && $2 == f { for (i = 3; i <= NF; i++) print $i }' | sort -n | tr '\n' ' ')
            extra=""
            for id in $ids; do
                case " $known " in *" $id "*) ;; *) extra="$extra $id" ;; esac
            done
            if [ "$filefail" -gt 0 ]; then
                bad "wycheproof $b $fn: $(grep -E "^FAIL $fn:" "$tmp/wp-$b.log" | head -n 1)"
            elif [ -n "$extra" ]; then
                bad "wycheproof $b $fn: tcId$extra failed (not a documented finding)"
                grep -E "^FAIL $fn tcId" "$tmp/wp-$b.log" | sed 's/^/    /'
            elif [ -n "$ids" ]; then
                ok "wycheproof $b $fn: ${summary#*: } (failures are documented library findings: tcId ${ids% })"
            else
                ok "wycheproof $b $fn: ${summary#*: }"
            fi
            for id in $known; do
                case " $ids " in *" $id "*) ;; *)
                    echo "note wycheproof $b $fn: documented finding tcId $id no longer fails (library changed?)" ;;
                esac
            done
        done
    done
fi

echo "t_wycheproof: $passed passed, $failed failed, $skipped skipped"
[ $failed -eq 0 ]
