/* RSA key set-up shared by rsa.c and sig.c. static inline so that nothing
 * beyond the class objects is exported. Include after <wolfssl/options.h>,
 * <wolfssl/wolfcrypt/random.h> and <wolfssl/wolfcrypt/rsa.h>. */
#ifndef TLSBENCH_WOLFSSL_RSA_H
#define TLSBENCH_WOLFSSL_RSA_H

#include <stdint.h>

#include "backend.h"
#include "util.h"

/* Reads one big-endian component into an mp_int, checking the length first
 * (sp_read_unsigned_bin takes a word32). */
static inline int tbw_rsa_read(mp_int *dst, tb_bytes src)
{
    if (src.len == 0 || src.len > UINT32_MAX) {
        return -1;
    }
    return mp_read_unsigned_bin(dst, src.ptr, (word32)src.len) == MP_OKAY
               ? 0
               : -1;
}

/* Imports `in` into `key` (already wc_InitRsaKey'd). All eight components
 * when d is present (wolfSSL's private operation uses CRT), n and e
 * otherwise. The RNG is attached for the blinding WC_RSA_BLINDING turns
 * on. */
static inline tb_status tbw_rsa_import(RsaKey *key, const tb_rsa_key *in,
                                       WC_RNG *rng, tb_why *why)
{
    if (in->d.len == 0) {
        if (in->n.len > UINT32_MAX || in->e.len > UINT32_MAX ||
            wc_RsaPublicKeyDecodeRaw(in->n.ptr, (word32)in->n.len, in->e.ptr,
                                     (word32)in->e.len, key) != 0) {
            tb_why_set(why, "wc_RsaPublicKeyDecodeRaw failed");
            return TB_ERROR;
        }
    } else {
        const tb_bytes parts[8] = {in->n, in->e, in->d, in->p,
                                   in->q, in->dp, in->dq, in->qinv};
        mp_int *dst[8] = {&key->n, &key->e, &key->d,  &key->p,
                          &key->q, &key->dP, &key->dQ, &key->u};
        for (size_t i = 0; i < 8; i++) {
            if (tbw_rsa_read(dst[i], parts[i]) != 0) {
                tb_why_set(why, "RSA component %zu missing or unreadable "
                                "(wolfSSL needs all CRT parts)", i);
                return TB_ERROR;
            }
        }
        key->type = RSA_PRIVATE;
    }
    if (in->bits != 0 && (unsigned)mp_count_bits(&key->n) != in->bits) {
        tb_why_set(why, "modulus has %d bits, key says %u",
                   mp_count_bits(&key->n), in->bits);
        return TB_ERROR;
    }
    if (wc_RsaSetRNG(key, rng) != 0) {
        tb_why_set(why, "wc_RsaSetRNG failed");
        return TB_ERROR;
    }
    return TB_OK;
}

/* The RSA state both RSA classes keep: a DRBG (padding, blinding) and the
 * key. */
typedef struct {
    int ready; /* rng and key initialised, so tbw_rsa_close frees them */
    size_t k;  /* modulus length in bytes */
    WC_RNG rng;
    RsaKey key;
} tbw_rsa;

/* Sets up `r` (zeroed by the caller) for `in`; k must fit max_k bytes. */
static inline tb_status tbw_rsa_open(tbw_rsa *r, const tb_rsa_key *in,
                                     size_t max_k, tb_why *why)
{
    if (in->bits > RSA_MAX_SIZE) {
        tb_why_set(why, "%u-bit RSA is above this build's RSA_MAX_SIZE %d",
                   in->bits, RSA_MAX_SIZE);
        return TB_UNSUPPORTED;
    }
    if (wc_InitRng(&r->rng) != 0) {
        tb_why_set(why, "wc_InitRng failed");
        return TB_ERROR;
    }
    if (wc_InitRsaKey(&r->key, NULL) != 0) {
        wc_FreeRng(&r->rng);
        tb_why_set(why, "wc_InitRsaKey failed");
        return TB_ERROR;
    }
    r->ready = 1;
    tb_status st = tbw_rsa_import(&r->key, in, &r->rng, why);
    if (st != TB_OK) {
        return st;
    }
    int k = wc_RsaEncryptSize(&r->key);
    if (k <= 0 || (size_t)k > max_k) {
        tb_why_set(why, "unexpected modulus size %d bytes", k);
        return TB_ERROR;
    }
    r->k = (size_t)k;
    return TB_OK;
}

static inline void tbw_rsa_close(tbw_rsa *r)
{
    if (r->ready) {
        wc_FreeRsaKey(&r->key);
        wc_FreeRng(&r->rng);
        r->ready = 0;
    }
}

#endif
