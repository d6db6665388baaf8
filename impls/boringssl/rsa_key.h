/* RSA key import shared by rsa.c and sig.c. Header-only (static inline) so
 * that the backend exports nothing but its classes. */
#ifndef TLSBENCH_BORINGSSL_RSA_KEY_H
#define TLSBENCH_BORINGSSL_RSA_KEY_H

#include <string.h>

#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/rsa.h>

#include "classes.h"

/* The largest modulus the adapters take, in bytes (fixed buffers). */
#define TB_BSSL_RSA_MAX_BYTES TB_SIG_MAX

static inline BIGNUM *tb_bssl_bn(tb_bytes b)
{
    return b.len == 0 ? NULL : BN_bin2bn(b.ptr, b.len, NULL);
}

/* One public and, for a private key, one private operation on a fixed
 * value: BoringSSL builds its Montgomery contexts and blinding state
 * lazily on first use, which belongs to setup, not to the first timed
 * call. It also proves that d and the CRT parts match n and e. */
static inline int tb_bssl_rsa_warm_up(RSA *rsa, size_t k, int has_private)
{
    uint8_t in[TB_BSSL_RSA_MAX_BYTES], mid[TB_BSSL_RSA_MAX_BYTES];
    uint8_t back[TB_BSSL_RSA_MAX_BYTES];
    size_t len = 0;
    memset(in, 0, k);
    in[k - 1] = 2;
    if (!RSA_encrypt(rsa, &len, mid, k, in, k, RSA_NO_PADDING) || len != k) {
        return -1;
    }
    if (!has_private) {
        return 0;
    }
    if (!RSA_decrypt(rsa, &len, back, k, mid, k, RSA_NO_PADDING) ||
        len != k || memcmp(back, in, k) != 0) {
        return -1;
    }
    return 0;
}

/* Imports key with every CRT part it carries, so BoringSSL takes its CRT
 * path. *out is NULL unless TB_OK is returned. */
static inline tb_status tb_bssl_rsa_import(RSA **out, const tb_rsa_key *key,
                                           tb_why *why)
{
    tb_status st = TB_ERROR;
    RSA *rsa = RSA_new();
    BIGNUM *n = tb_bssl_bn(key->n), *e = tb_bssl_bn(key->e);
    BIGNUM *d = tb_bssl_bn(key->d), *p = tb_bssl_bn(key->p);
    BIGNUM *q = tb_bssl_bn(key->q), *dp = tb_bssl_bn(key->dp);
    BIGNUM *dq = tb_bssl_bn(key->dq), *qinv = tb_bssl_bn(key->qinv);
    int has_private = key->d.len != 0;
    *out = NULL;
    if (rsa == NULL || n == NULL || e == NULL) {
        tb_why_set(why, "RSA_new/BN_bin2bn failed (or empty n, e)");
        goto done;
    }
    if (!RSA_set0_key(rsa, n, e, d)) {
        tb_why_set(why, "RSA_set0_key failed");
        goto done;
    }
    n = e = d = NULL;
    if (p != NULL && q != NULL) {
        if (!RSA_set0_factors(rsa, p, q)) {
            tb_why_set(why, "RSA_set0_factors failed");
            goto done;
        }
        p = q = NULL;
    }
    if (dp != NULL && dq != NULL && qinv != NULL) {
        if (!RSA_set0_crt_params(rsa, dp, dq, qinv)) {
            tb_why_set(why, "RSA_set0_crt_params failed");
            goto done;
        }
        dp = dq = qinv = NULL;
    }
    size_t k = RSA_size(rsa);
    if (k > TB_BSSL_RSA_MAX_BYTES) {
        st = TB_UNSUPPORTED;
        tb_why_set(why, "modulus over %d bits (adapter buffer limit)",
                   TB_BSSL_RSA_MAX_BYTES * 8);
        goto done;
    }
    if (key->bits != 0 && RSA_bits(rsa) != key->bits) {
        tb_why_set(why, "modulus has %u bits, key says %u", RSA_bits(rsa),
                   key->bits);
        goto done;
    }
    if (has_private && RSA_check_key(rsa) != 1) {
        tb_why_set(why, "RSA_check_key rejected the key");
        goto done;
    }
    if (tb_bssl_rsa_warm_up(rsa, k, has_private) != 0) {
        tb_why_set(why, "RSA warm-up operation failed");
        goto done;
    }
    *out = rsa;
    rsa = NULL;
    st = TB_OK;
done:
    BN_free(n);
    BN_free(e);
    BN_free(d);
    BN_free(p);
    BN_free(q);
    BN_free(dp);
    BN_free(dq);
    BN_free(qinv);
    RSA_free(rsa);
    ERR_clear_error();
    return st;
}

#endif
