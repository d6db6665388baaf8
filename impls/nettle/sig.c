/* Signatures on hogweed: RSA PKCS#1 v1.5 and PSS with SHA-256 (rsa_*_digest
 * functions), ECDSA P-256/SHA-256 and P-384/SHA-384 (ecdsa_sign/verify with
 * (r, s) converted to DER by bench/der.h). Each sign hashes the message. */
#include <string.h>

#include <gmp.h>
#include <nettle/bignum.h>
#include <nettle/dsa.h>
#include <nettle/ecc-curve.h>
#include <nettle/ecc.h>
#include <nettle/ecdsa.h>
#include <nettle/rsa.h>
#include <nettle/sha2.h>

#include "classes.h"
#include "der.h"
#include "rng.h"
#include "rsa_key.h"

#define PSS_SALT_LEN 32 /* TLS 1.3: salt length = hash length */

/* -------------------------------------------------------------------- RSA */

typedef struct {
    const tb_sig_class *vtable;
    struct yarrow256_ctx rng;
    tb_nettle_rsa key;
    mpz_t s;
    int have_s;
} rsa_sig_ctx;

/* Sets the vtable itself, so it does not matter whether the caller did. */
static tb_status rsa_sig_init(const tb_sig_class **ctx,
                              const tb_sig_class *cls, const tb_sig_key *key,
                              tb_why *why)
{
    rsa_sig_ctx *c = (rsa_sig_ctx *)ctx;
    c->vtable = cls;
    c->have_s = 0;
    c->key.have_pub = 0;
    c->key.have_priv = 0;
    if (key->rsa == NULL) {
        tb_why_set(why, "no RSA key");
        return TB_ERROR;
    }
    if (tb_nettle_rsa_import(&c->key, key->rsa, why) != TB_OK) {
        return TB_ERROR;
    }
    if (tb_nettle_rng_seed(&c->rng) != 0) {
        tb_why_set(why, "getrandom failed");
        return TB_ERROR;
    }
    mpz_init2(c->s, (mp_bitcnt_t)(16 * c->key.size));
    c->have_s = 1;
    return TB_OK;
}

static void sha256_of(uint8_t digest[SHA256_DIGEST_SIZE], const uint8_t *msg,
                      size_t msg_len)
{
    struct sha256_ctx h;
    sha256_init(&h);
    sha256_update(&h, msg_len, msg);
    sha256_digest(&h, SHA256_DIGEST_SIZE, digest);
}

static int rsa_sig_sign(const tb_sig_class **ctx, uint8_t *sig,
                        size_t *sig_len, const uint8_t *msg, size_t msg_len)
{
    rsa_sig_ctx *c = (rsa_sig_ctx *)ctx;
    uint8_t digest[SHA256_DIGEST_SIZE];
    if (!c->key.have_priv || c->key.size > TB_SIG_MAX) {
        return -1;
    }
    sha256_of(digest, msg, msg_len);
    int ok;
    if ((*ctx)->alg == TB_SIG_RSA_PSS_SHA256) {
        uint8_t salt[PSS_SALT_LEN];
        yarrow256_random(&c->rng, sizeof(salt), salt);
        ok = rsa_pss_sha256_sign_digest_tr(&c->key.pub, &c->key.priv, &c->rng,
                                           tb_nettle_random, sizeof(salt),
                                           salt, digest, c->s);
    } else {
        ok = rsa_sha256_sign_digest_tr(&c->key.pub, &c->key.priv, &c->rng,
                                       tb_nettle_random, digest, c->s);
    }
    if (!ok) {
        return -1;
    }
    nettle_mpz_get_str_256(c->key.size, sig, c->s);
    *sig_len = c->key.size;
    return 0;
}

static int rsa_sig_verify(const tb_sig_class **ctx, const uint8_t *sig,
                          size_t sig_len, const uint8_t *msg, size_t msg_len)
{
    rsa_sig_ctx *c = (rsa_sig_ctx *)ctx;
    uint8_t digest[SHA256_DIGEST_SIZE];
    /* RFC 8017 8.2.2 step 1 and 8.1.2 step 1: exactly k bytes. */
    if (sig_len != c->key.size) {
        return -1;
    }
    sha256_of(digest, msg, msg_len);
    nettle_mpz_set_str_256_u(c->s, sig_len, sig);
    int ok = (*ctx)->alg == TB_SIG_RSA_PSS_SHA256
                 ? rsa_pss_sha256_verify_digest(&c->key.pub, PSS_SALT_LEN,
                                                digest, c->s)
                 : rsa_sha256_verify_digest(&c->key.pub, digest, c->s);
    return ok ? 0 : -1;
}

static tb_status pkcs1_init(const tb_sig_class **ctx, const tb_sig_key *key,
                            tb_why *why)
{
    return rsa_sig_init(ctx, &tb_nettle_rsa_pkcs1_sha256, key, why);
}

static tb_status pss_init(const tb_sig_class **ctx, const tb_sig_key *key,
                          tb_why *why)
{
    return rsa_sig_init(ctx, &tb_nettle_rsa_pss_sha256, key, why);
}

static void rsa_sig_cleanup(const tb_sig_class **ctx)
{
    rsa_sig_ctx *c = (rsa_sig_ctx *)ctx;
    if (c->have_s) {
        mpz_clear(c->s);
        c->have_s = 0;
    }
    tb_nettle_rsa_clear(&c->key);
}

const tb_sig_class tb_nettle_rsa_pkcs1_sha256 = {
    .context_size = sizeof(rsa_sig_ctx),
    .alg = TB_SIG_RSA_PKCS1_SHA256,
    .note = "rsa_sha256_sign_digest_tr (CRT, blinded) / "
            "rsa_sha256_verify_digest; GMP allocates internally",
    .init = pkcs1_init,
    .sign = rsa_sig_sign,
    .verify = rsa_sig_verify,
    .cleanup = rsa_sig_cleanup,
};

const tb_sig_class tb_nettle_rsa_pss_sha256 = {
    .context_size = sizeof(rsa_sig_ctx),
    .alg = TB_SIG_RSA_PSS_SHA256,
    .note = "rsa_pss_sha256_sign_digest_tr (salt 32 from Yarrow) / "
            "rsa_pss_sha256_verify_digest; GMP allocates",
    .init = pss_init,
    .sign = rsa_sig_sign,
    .verify = rsa_sig_verify,
    .cleanup = rsa_sig_cleanup,
};

/* ------------------------------------------------------------------ ECDSA */

#define EC_MAX 48 /* P-384 scalar and field bytes */

typedef struct {
    const tb_sig_class *vtable;
    struct yarrow256_ctx rng;
    size_t n_len; /* bytes of the group order and of a coordinate */
    struct ecc_point pub;
    struct ecc_scalar priv;
    struct dsa_signature rs;
    mpz_t x, y;
    int ready, have_priv;
} ecdsa_ctx;

/* Sets the vtable itself, so it does not matter whether the caller did. */
static tb_status ecdsa_init(const tb_sig_class **ctx, const tb_sig_class *cls,
                            const tb_sig_key *key, tb_why *why)
{
    ecdsa_ctx *c = (ecdsa_ctx *)ctx;
    int p256 = cls->alg == TB_SIG_ECDSA_P256_SHA256;
    c->vtable = cls;
    const struct ecc_curve *curve =
        p256 ? nettle_get_secp_256r1() : nettle_get_secp_384r1();
    c->ready = 0;
    c->have_priv = 0;
    c->n_len = p256 ? 32 : 48;
    if (tb_nettle_rng_seed(&c->rng) != 0) {
        tb_why_set(why, "getrandom failed");
        return TB_ERROR;
    }
    ecc_point_init(&c->pub, curve);
    ecc_scalar_init(&c->priv, curve);
    dsa_signature_init(&c->rs);
    /* Sized once so that sign and verify never grow them. */
    mpz_init2(c->x, (mp_bitcnt_t)(16 * c->n_len));
    mpz_init2(c->y, (mp_bitcnt_t)(16 * c->n_len));
    mpz_realloc2(c->rs.r, (mp_bitcnt_t)(16 * c->n_len));
    mpz_realloc2(c->rs.s, (mp_bitcnt_t)(16 * c->n_len));
    c->ready = 1;

    const tb_bytes *pub = &key->ec_pub;
    if (pub->len != 1 + 2 * c->n_len || pub->ptr[0] != 0x04) {
        tb_why_set(why, "ECDSA public key is not an uncompressed point");
        return TB_ERROR;
    }
    nettle_mpz_set_str_256_u(c->x, c->n_len, pub->ptr + 1);
    nettle_mpz_set_str_256_u(c->y, c->n_len, pub->ptr + 1 + c->n_len);
    if (!ecc_point_set(&c->pub, c->x, c->y)) {
        tb_why_set(why, "ECDSA public key is not on the curve");
        return TB_ERROR;
    }
    if (key->ec_priv.len == 0) {
        return TB_OK; /* verify only */
    }
    if (key->ec_priv.len != c->n_len) {
        tb_why_set(why, "ECDSA private key has %zu bytes, want %zu",
                   key->ec_priv.len, c->n_len);
        return TB_ERROR;
    }
    nettle_mpz_set_str_256_u(c->x, c->n_len, key->ec_priv.ptr);
    if (!ecc_scalar_set(&c->priv, c->x)) {
        tb_why_set(why, "ECDSA private key out of range");
        return TB_ERROR;
    }
    c->have_priv = 1;
    return TB_OK;
}

/* SHA-256 for P-256, SHA-384 for P-384; returns the digest length. */
static size_t ecdsa_hash(const ecdsa_ctx *c, uint8_t digest[EC_MAX],
                         const uint8_t *msg, size_t msg_len)
{
    if (c->n_len == 32) {
        sha256_of(digest, msg, msg_len);
        return SHA256_DIGEST_SIZE;
    }
    struct sha384_ctx h;
    sha384_init(&h);
    sha384_update(&h, msg_len, msg);
    sha384_digest(&h, SHA384_DIGEST_SIZE, digest);
    return SHA384_DIGEST_SIZE;
}

static int ecdsa_sig_sign(const tb_sig_class **ctx, uint8_t *sig,
                          size_t *sig_len, const uint8_t *msg, size_t msg_len)
{
    ecdsa_ctx *c = (ecdsa_ctx *)ctx;
    uint8_t digest[EC_MAX], r[EC_MAX], s[EC_MAX];
    if (!c->have_priv) {
        return -1;
    }
    size_t dlen = ecdsa_hash(c, digest, msg, msg_len);
    ecdsa_sign(&c->priv, &c->rng, tb_nettle_random, dlen, digest, &c->rs);
    nettle_mpz_get_str_256(c->n_len, r, c->rs.r);
    nettle_mpz_get_str_256(c->n_len, s, c->rs.s);
    return tb_ecdsa_sig_to_der(sig, sig_len, r, s, c->n_len);
}

static int ecdsa_sig_verify(const tb_sig_class **ctx, const uint8_t *sig,
                            size_t sig_len, const uint8_t *msg,
                            size_t msg_len)
{
    ecdsa_ctx *c = (ecdsa_ctx *)ctx;
    uint8_t digest[EC_MAX], r[EC_MAX], s[EC_MAX];
    /* Strict DER; ecdsa_verify then checks 0 < r, s < q. */
    if (tb_ecdsa_sig_from_der(r, s, c->n_len, sig, sig_len) != 0) {
        return -1;
    }
    size_t dlen = ecdsa_hash(c, digest, msg, msg_len);
    nettle_mpz_set_str_256_u(c->rs.r, c->n_len, r);
    nettle_mpz_set_str_256_u(c->rs.s, c->n_len, s);
    return ecdsa_verify(&c->pub, dlen, digest, &c->rs) ? 0 : -1;
}

static tb_status p256_init(const tb_sig_class **ctx, const tb_sig_key *key,
                           tb_why *why)
{
    return ecdsa_init(ctx, &tb_nettle_ecdsa_p256_sha256, key, why);
}

static tb_status p384_init(const tb_sig_class **ctx, const tb_sig_key *key,
                           tb_why *why)
{
    return ecdsa_init(ctx, &tb_nettle_ecdsa_p384_sha384, key, why);
}

static void ecdsa_cleanup(const tb_sig_class **ctx)
{
    ecdsa_ctx *c = (ecdsa_ctx *)ctx;
    if (!c->ready) {
        return;
    }
    ecc_point_clear(&c->pub);
    ecc_scalar_clear(&c->priv);
    dsa_signature_clear(&c->rs);
    mpz_clear(c->x);
    mpz_clear(c->y);
    c->ready = 0;
}

const tb_sig_class tb_nettle_ecdsa_p256_sha256 = {
    .context_size = sizeof(ecdsa_ctx),
    .alg = TB_SIG_ECDSA_P256_SHA256,
    .note = "ecdsa_sign/ecdsa_verify secp_256r1, (r,s)<->DER by bench/der.h; "
            "verify allocates scratch",
    .init = p256_init,
    .sign = ecdsa_sig_sign,
    .verify = ecdsa_sig_verify,
    .cleanup = ecdsa_cleanup,
};

const tb_sig_class tb_nettle_ecdsa_p384_sha384 = {
    .context_size = sizeof(ecdsa_ctx),
    .alg = TB_SIG_ECDSA_P384_SHA384,
    .note = "ecdsa_sign/ecdsa_verify secp_384r1, (r,s)<->DER by bench/der.h; "
            "verify allocates scratch",
    .init = p384_init,
    .sign = ecdsa_sig_sign,
    .verify = ecdsa_sig_verify,
    .cleanup = ecdsa_cleanup,
};
