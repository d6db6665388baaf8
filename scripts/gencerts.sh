#!/bin/sh
# Makes the certificates of the handshake benchmarks (bench/hs/certs/): for
# each key type (rsa2048, p256, p384) a root CA, two intermediates and a leaf
# key, and for chain depth D = 1..3 a leaf certificate issued by the CA D-1
# levels below the root, with the chain the server sends. Run once when the
# project was set up; the output is committed so that every run, on every
# machine, verifies the same chains. Needs the openssl command.
#
#   <k>-root.pem     the trust anchor (self-signed)
#   <k>-leaf.key     the server's private key (PEM, PKCS#8)
#   <k>-leaf<D>.pem  the leaf certificate for depth D (CN and SAN localhost,
#                    serverAuth); depth 1 is issued by the root, 2 by the
#                    first intermediate, 3 by the second
#   <k>-chain<D>.pem the leaf then the D-1 intermediates, leaf side first
#
# Every certificate of a chain has the same key type as the leaf and is
# signed with its usual hash (RSA PKCS#1 v1.5 SHA-256, ECDSA P-256 SHA-256,
# ECDSA P-384 SHA-384), so a chain of depth D costs the client D signature
# verifications of one algorithm. The validity (2020 to 2049) is fixed and
# wide so that the files neither expire nor start in the future of a
# machine whose clock is off.
set -eu
out=${1:-bench/hs/certs}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$out"

start=20200101000000Z
end=20491231235959Z

# openssl ca (unlike openssl x509 -req in OpenSSL 3.0) takes explicit start
# and end dates; it needs a minimal configuration and database.
cat > "$tmp/ca.cnf" <<EOF
[ ca ]
default_ca = tb_ca
[ tb_ca ]
dir = $tmp
database = $tmp/index.txt
serial = $tmp/serial
new_certs_dir = $tmp/new
policy = tb_policy
unique_subject = no
copy_extensions = none
email_in_dn = no
[ tb_policy ]
commonName = supplied
organizationName = optional
[ req ]
distinguished_name = tb_dn
prompt = no
[ tb_dn ]
CN = unused
[ v3_root ]
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[ v3_int ]
basicConstraints = critical, CA:true, pathlen:1
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[ v3_leaf_rsa ]
basicConstraints = critical, CA:false
# keyEncipherment: TLS 1.2 RSA key transport encrypts to this key.
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[ v3_leaf_ec ]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
EOF
mkdir -p "$tmp/new"

genkey() { # type file
    case "$1" in
        rsa2048) openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$2" 2>/dev/null ;;
        p256) openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -pkeyopt ec_param_enc:named_curve -out "$2" 2>/dev/null ;;
        p384) openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-384 -pkeyopt ec_param_enc:named_curve -out "$2" 2>/dev/null ;;
    esac
}

# issue TYPE CN KEY CSR-OUT CERT-OUT EXT [ISSUER-CERT ISSUER-KEY]
issue() {
    md=sha256
    [ "$1" = p384 ] && md=sha384
    : > "$tmp/index.txt"
    openssl rand -hex 16 > "$tmp/serial"
    openssl req -new -key "$3" -subj "/O=tlsbench test/CN=$2" -out "$4" 2>/dev/null
    if [ $# -ge 8 ]; then
        openssl ca -batch -notext -config "$tmp/ca.cnf" -md "$md" \
            -startdate "$start" -enddate "$end" -extensions "$6" \
            -cert "$7" -keyfile "$8" -in "$4" -out "$5" 2>"$tmp/ca.log" ||
            { cat "$tmp/ca.log" >&2; exit 1; }
    else
        openssl ca -batch -notext -config "$tmp/ca.cnf" -md "$md" \
            -startdate "$start" -enddate "$end" -extensions "$6" \
            -selfsign -keyfile "$3" -in "$4" -out "$5" 2>"$tmp/ca.log" ||
            { cat "$tmp/ca.log" >&2; exit 1; }
    fi
}

for k in rsa2048 p256 p384; do
    leaf_ext=v3_leaf_ec
    [ $k = rsa2048 ] && leaf_ext=v3_leaf_rsa
    for role in root int1 int2 leaf; do
        genkey $k "$tmp/$k-$role.key"
    done
    issue $k "tlsbench $k root" "$tmp/$k-root.key" "$tmp/r.csr" "$tmp/$k-root.pem" v3_root
    issue $k "tlsbench $k intermediate 1" "$tmp/$k-int1.key" "$tmp/i1.csr" "$tmp/$k-int1.pem" v3_int \
        "$tmp/$k-root.pem" "$tmp/$k-root.key"
    issue $k "tlsbench $k intermediate 2" "$tmp/$k-int2.key" "$tmp/i2.csr" "$tmp/$k-int2.pem" v3_int \
        "$tmp/$k-int1.pem" "$tmp/$k-int1.key"
    issue $k localhost "$tmp/$k-leaf.key" "$tmp/l.csr" "$tmp/$k-leaf1.pem" $leaf_ext \
        "$tmp/$k-root.pem" "$tmp/$k-root.key"
    issue $k localhost "$tmp/$k-leaf.key" "$tmp/l.csr" "$tmp/$k-leaf2.pem" $leaf_ext \
        "$tmp/$k-int1.pem" "$tmp/$k-int1.key"
    issue $k localhost "$tmp/$k-leaf.key" "$tmp/l.csr" "$tmp/$k-leaf3.pem" $leaf_ext \
        "$tmp/$k-int2.pem" "$tmp/$k-int2.key"
    # The PEM files alone (openssl ca -notext still writes nothing else, but
    # x509 normalises them).
    for c in root leaf1 leaf2 leaf3 int1 int2; do
        openssl x509 -in "$tmp/$k-$c.pem" -out "$tmp/$k-$c.norm.pem"
    done
    cp "$tmp/$k-root.norm.pem" "$out/$k-root.pem"
    openssl pkey -in "$tmp/$k-leaf.key" -out "$out/$k-leaf.key"
    for d in 1 2 3; do
        cp "$tmp/$k-leaf$d.norm.pem" "$out/$k-leaf$d.pem"
    done
    cat "$tmp/$k-leaf1.norm.pem" > "$out/$k-chain1.pem"
    cat "$tmp/$k-leaf2.norm.pem" "$tmp/$k-int1.norm.pem" > "$out/$k-chain2.pem"
    cat "$tmp/$k-leaf3.norm.pem" "$tmp/$k-int2.norm.pem" "$tmp/$k-int1.norm.pem" > "$out/$k-chain3.pem"
    # Each chain must verify against its root before it is kept.
    for d in 1 2 3; do
        untrusted=""
        [ $d -gt 1 ] && untrusted="-untrusted $out/$k-chain$d.pem"
        # shellcheck disable=SC2086
        openssl verify -x509_strict -purpose sslserver -CAfile "$out/$k-root.pem" $untrusted \
            "$out/$k-leaf$d.pem" >/dev/null || { echo "gencerts: $k depth $d does not verify" >&2; exit 1; }
    done
done
# Test keys, public by design: readable by whoever runs the benchmarks.
chmod 644 "$out"/*
echo "gencerts: wrote $(ls "$out" | wc -l) files to $out"
