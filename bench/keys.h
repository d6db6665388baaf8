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

#endif
