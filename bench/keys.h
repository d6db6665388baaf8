/* The fixed keys every backend is measured and tested with (bench/keys.c,
 * made once by scripts/genkeys.sh and committed). */
#ifndef TLSBENCH_KEYS_H
#define TLSBENCH_KEYS_H

#include "backend.h"

enum { TB_RSA1024 = 0, TB_RSA2048, TB_RSA3072, TB_RSA4096, TB_RSA_KEY_COUNT };

typedef struct {
    tb_bytes priv; /* NIST: big-endian scalar of the curve's size; X25519: raw */
    tb_bytes pub;  /* NIST: 04||x||y; X25519: u-coordinate */
} tb_ec_key;

extern const tb_rsa_key tb_rsa_keys[TB_RSA_KEY_COUNT];
extern const tb_ec_key tb_ec_sig_keys[TB_KEX_COUNT];
extern const tb_ec_key tb_ec_peer_keys[TB_KEX_COUNT];

/* The fixed pre-master secret (client_version 03 03 first) and its PKCS#1
 * v1.5 encryption under each RSA key. */
extern const uint8_t *const tb_pms;
extern const tb_bytes tb_pms_ct[TB_RSA_KEY_COUNT];
/* The message signed: TLS 1.3 CertificateVerify content with a SHA-256 or
 * SHA-384 transcript hash. */
extern const tb_bytes tb_sig_msg[TB_HASH_COUNT];
/* Signatures of tb_sig_msg made by openssl: RSA ones with the 2048-bit key,
 * ECDSA with tb_ec_sig_keys. PKCS#1 v1.5 is deterministic: equal output. */
extern const tb_bytes tb_ref_sig[TB_SIG_COUNT];
/* The signing key of a signature algorithm (RSA-2048 or the ECDSA keys). */
void tb_sig_key_fixed(int alg, tb_sig_key *key);

/* ECDH(tb_ec_sig_keys[c].priv, tb_ec_peer_keys[c].pub). */
extern const tb_bytes tb_kex_shared[TB_KEX_COUNT];

#endif
