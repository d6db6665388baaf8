/*
 * Importing a tb_rsa_key into hogweed's rsa_public_key/rsa_private_key, for
 * rsa.c and sig.c. static inline so that nothing but the classes is
 * exported.
 */
#ifndef TLSBENCH_NETTLE_RSA_KEY_H
#define TLSBENCH_NETTLE_RSA_KEY_H

#include <gmp.h>
#include <nettle/bignum.h>
#include <nettle/rsa.h>

#include "backend.h"

typedef struct {
    struct rsa_public_key pub;
    struct rsa_private_key priv;
    size_t size; /* modulus bytes */
    int have_pub, have_priv; /* which structs are initialised */
} tb_nettle_rsa;

static inline void tb_nettle_rsa_clear(tb_nettle_rsa *k)
{
    if (k->have_pub) {
        rsa_public_key_clear(&k->pub);
        k->have_pub = 0;
    }
    if (k->have_priv) {
        rsa_private_key_clear(&k->priv);
        k->have_priv = 0;
    }
}

static inline void tb_nettle_rsa_set(mpz_t x, tb_bytes b)
{
    nettle_mpz_set_str_256_u(x, b.len, b.ptr);
}

/* Public part always; the private part (all CRT components, which is what
 * hogweed computes with; d is kept but unused by it) when d is present.
 * On failure the caller's cleanup frees what was made. */
static inline tb_status tb_nettle_rsa_import(tb_nettle_rsa *k,
                                             const tb_rsa_key *key,
                                             tb_why *why)
{
    k->have_pub = 0;
    k->have_priv = 0;
    if (key->n.len == 0 || key->e.len == 0) {
        tb_why_set(why, "RSA key without modulus or public exponent");
        return TB_ERROR;
    }
    rsa_public_key_init(&k->pub);
    k->have_pub = 1;
    tb_nettle_rsa_set(k->pub.n, key->n);
    tb_nettle_rsa_set(k->pub.e, key->e);
    if (!rsa_public_key_prepare(&k->pub)) {
        tb_why_set(why, "rsa_public_key_prepare rejected the key");
        return TB_ERROR;
    }
    k->size = k->pub.size;
    if (key->d.len == 0) {
        return TB_OK;
    }
    if (key->p.len == 0 || key->q.len == 0 || key->dp.len == 0 ||
        key->dq.len == 0 || key->qinv.len == 0) {
        tb_why_set(why, "hogweed needs p, q, dp, dq and qinv");
        return TB_ERROR;
    }
    rsa_private_key_init(&k->priv);
    k->have_priv = 1;
    tb_nettle_rsa_set(k->priv.d, key->d);
    tb_nettle_rsa_set(k->priv.p, key->p);
    tb_nettle_rsa_set(k->priv.q, key->q);
    tb_nettle_rsa_set(k->priv.a, key->dp);
    tb_nettle_rsa_set(k->priv.b, key->dq);
    tb_nettle_rsa_set(k->priv.c, key->qinv);
    if (!rsa_private_key_prepare(&k->priv) || k->priv.size != k->pub.size) {
        tb_why_set(why, "rsa_private_key_prepare rejected the key");
        return TB_ERROR;
    }
    return TB_OK;
}

#endif
