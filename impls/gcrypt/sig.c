/*
 * Signatures through gcry_pk_sign / gcry_pk_verify. The message is hashed
 * with gcry_md_hash_buffer inside the timed call. libgcrypt's public-key
 * API takes only S-expressions, so each call builds the data and signature
 * S-expressions and libgcrypt re-parses the key (for ECDSA including the
 * curve lookup by name): that cost is part of what this library charges.
 */
#include <string.h>

#include <gcrypt.h>

#include "classes.h"
#include "der.h"
#include "gcry_common.h"
#include "util.h"

#define HASH_MAX 48
#define PSS_SALT_LEN 32 /* = hash length, as TLS 1.3 requires */

/* ------------------------------------------------------------------ RSA */

typedef struct {
    const tb_sig_class *vtable;
    gcry_sexp_t pub, priv;
    size_t k;               /* modulus length = signature length */
    uint8_t n[TB_SIG_MAX];  /* the modulus, to reject s >= n */
    int pss;                /* RSASSA-PSS, else PKCS#1 v1.5 */
} rsa_sig_ctx;

static tb_status rsa_sig_init(rsa_sig_ctx *c, const tb_sig_class *cls,
                              const tb_sig_key *key, int pss, tb_why *why)
{
    *c = (rsa_sig_ctx){.vtable = cls, .pss = pss};
    if (key->rsa == NULL || key->rsa->n.len == 0 ||
        key->rsa->n.len > sizeof(c->n)) {
        tb_why_set(why, "no usable RSA key");
        return TB_ERROR;
    }
    c->k = key->rsa->n.len;
    memcpy(c->n, key->rsa->n.ptr, c->k);
    return tb_gcry_rsa_sexps(key->rsa, &c->pub, &c->priv, why);
}

static tb_status pkcs1_init(const tb_sig_class **ctx, const tb_sig_key *key,
                            tb_why *why)
{
    return rsa_sig_init((rsa_sig_ctx *)ctx, &tb_gcrypt_rsa_pkcs1_sha256, key,
                        0, why);
}

static tb_status pss_init(const tb_sig_class **ctx, const tb_sig_key *key,
                          tb_why *why)
{
    return rsa_sig_init((rsa_sig_ctx *)ctx, &tb_gcrypt_rsa_pss_sha256, key, 1,
                        why);
}

/* SHA-256 of msg wrapped in the data S-expression for the padding. */
static int rsa_sig_data(const rsa_sig_ctx *c, gcry_sexp_t *data,
                        const uint8_t *msg, size_t msg_len)
{
    uint8_t h[32];
    gcry_error_t err;
    gcry_md_hash_buffer(GCRY_MD_SHA256, h, msg, msg_len);
    if (c->pss) {
        /* MGF1 uses the message hash. The salt length must go in through
         * %u: a literal "32)" would parse as an S-expression length. */
        err = gcry_sexp_build(
            data, NULL, "(data (flags pss) (hash sha256 %b) (salt-length %u))",
            (int)sizeof(h), h, (unsigned)PSS_SALT_LEN);
    } else {
        err = gcry_sexp_build(data, NULL,
                              "(data (flags pkcs1) (hash sha256 %b))",
                              (int)sizeof(h), h);
    }
    return err == 0 ? 0 : -1;
}

static int rsa_sign(const tb_sig_class **ctx, uint8_t *sig, size_t *sig_len,
                    const uint8_t *msg, size_t msg_len)
{
    rsa_sig_ctx *c = (rsa_sig_ctx *)ctx;
    gcry_sexp_t data = NULL, s = NULL;
    int r = -1;
    if (c->priv != NULL && rsa_sig_data(c, &data, msg, msg_len) == 0 &&
        gcry_pk_sign(&s, data, c->priv) == 0 &&
        tb_gcry_sexp_to_fixed(sig, c->k, s, "s") == 0) {
        *sig_len = c->k;
        r = 0;
    }
    gcry_sexp_release(data);
    gcry_sexp_release(s);
    return r;
}

static int rsa_verify(const tb_sig_class **ctx, const uint8_t *sig,
                      size_t sig_len, const uint8_t *msg, size_t msg_len)
{
    rsa_sig_ctx *c = (rsa_sig_ctx *)ctx;
    /* libgcrypt reads s as an integer, so it would take a shorter or
     * zero-prefixed encoding, and 1.10.1 also accepts s + n. RFC 8017
     * (8.1.2, 8.2.2) wants exactly k bytes and s < n: checked here. */
    if (sig_len != c->k || memcmp(sig, c->n, c->k) >= 0) {
        return -1;
    }
    gcry_sexp_t data = NULL, s = NULL;
    int r = -1;
    if (rsa_sig_data(c, &data, msg, msg_len) == 0 &&
        gcry_sexp_build(&s, NULL, "(sig-val (rsa (s %b)))", (int)sig_len,
                        sig) == 0 &&
        gcry_pk_verify(s, data, c->pub) == 0) {
        r = 0;
    }
    gcry_sexp_release(data);
    gcry_sexp_release(s);
    return r;
}

static void rsa_sig_cleanup(const tb_sig_class **ctx)
{
    rsa_sig_ctx *c = (rsa_sig_ctx *)ctx;
    gcry_sexp_release(c->pub);
    gcry_sexp_release(c->priv);
    *c = (rsa_sig_ctx){.vtable = c->vtable};
}

const tb_sig_class tb_gcrypt_rsa_pkcs1_sha256 = {
    .context_size = sizeof(rsa_sig_ctx),
    .alg = TB_SIG_RSA_PKCS1_SHA256,
    .note = "gcry_pk_sign/verify (flags pkcs1), S-exp per call",
    .init = pkcs1_init,
    .sign = rsa_sign,
    .verify = rsa_verify,
    .cleanup = rsa_sig_cleanup,
};

const tb_sig_class tb_gcrypt_rsa_pss_sha256 = {
    .context_size = sizeof(rsa_sig_ctx),
    .alg = TB_SIG_RSA_PSS_SHA256,
    .note = "gcry_pk_sign/verify (flags pss) salt 32, S-exp per call",
    .init = pss_init,
    .sign = rsa_sign,
    .verify = rsa_verify,
    .cleanup = rsa_sig_cleanup,
};

/* ---------------------------------------------------------------- ECDSA */

typedef struct {
    const tb_sig_class *vtable;
    gcry_sexp_t pub, priv;
    int md;          /* GCRY_MD_SHA256 or GCRY_MD_SHA384 */
    size_t hash_len; /* == n_len for both curves */
    size_t n_len;    /* bytes of the group order: r and s */
    const char *data_fmt;
} ecdsa_ctx;

static tb_status ecdsa_init(ecdsa_ctx *c, const tb_sig_class *cls,
                            const tb_sig_key *key, const char *curve,
                            size_t n_len, int md, const char *data_fmt,
                            tb_why *why)
{
    *c = (ecdsa_ctx){.vtable = cls,
                     .md = md,
                     .hash_len = gcry_md_get_algo_dlen(md),
                     .n_len = n_len,
                     .data_fmt = data_fmt};
    if (key->ec_pub.len != 1 + 2 * n_len || key->ec_pub.ptr[0] != 0x04 ||
        (key->ec_priv.len != 0 && key->ec_priv.len != n_len)) {
        tb_why_set(why, "%s: bad key lengths", curve);
        return TB_ERROR;
    }
    if (c->hash_len == 0 || c->hash_len > HASH_MAX) {
        tb_why_set(why, "%s: hash unavailable", curve);
        return TB_UNSUPPORTED;
    }
    gcry_error_t err = gcry_sexp_build(
        &c->pub, NULL, "(public-key (ecc (curve %s) (q %b)))", curve,
        (int)key->ec_pub.len, key->ec_pub.ptr);
    if (err == 0 && key->ec_priv.len != 0) {
        err = gcry_sexp_build(&c->priv, NULL,
                              "(private-key (ecc (curve %s) (q %b) (d %b)))",
                              curve, (int)key->ec_pub.len, key->ec_pub.ptr,
                              (int)key->ec_priv.len, key->ec_priv.ptr);
    }
    if (err == 0 && c->priv != NULL) {
        /* Checks that q = d*G, once. */
        err = gcry_pk_testkey(c->priv);
    }
    if (err != 0) {
        tb_why_set(why, "%s key: %s", curve, gcry_strerror(err));
        return gcry_err_code(err) == GPG_ERR_UNKNOWN_CURVE ? TB_UNSUPPORTED
                                                           : TB_ERROR;
    }
    return TB_OK;
}

static tb_status p256_init(const tb_sig_class **ctx, const tb_sig_key *key,
                           tb_why *why)
{
    return ecdsa_init((ecdsa_ctx *)ctx, &tb_gcrypt_ecdsa_p256_sha256, key,
                      "NIST P-256", 32, GCRY_MD_SHA256,
                      "(data (flags raw) (hash sha256 %b))", why);
}

static tb_status p384_init(const tb_sig_class **ctx, const tb_sig_key *key,
                           tb_why *why)
{
    return ecdsa_init((ecdsa_ctx *)ctx, &tb_gcrypt_ecdsa_p384_sha384, key,
                      "NIST P-384", 48, GCRY_MD_SHA384,
                      "(data (flags raw) (hash sha384 %b))", why);
}

static int ecdsa_data(const ecdsa_ctx *c, gcry_sexp_t *data,
                      const uint8_t *msg, size_t msg_len)
{
    uint8_t h[HASH_MAX];
    gcry_md_hash_buffer(c->md, h, msg, msg_len);
    return gcry_sexp_build(data, NULL, c->data_fmt, (int)c->hash_len, h) == 0
               ? 0
               : -1;
}

static int ecdsa_sign(const tb_sig_class **ctx, uint8_t *sig, size_t *sig_len,
                      const uint8_t *msg, size_t msg_len)
{
    ecdsa_ctx *c = (ecdsa_ctx *)ctx;
    uint8_t r[66], s[66];
    gcry_sexp_t data = NULL, sv = NULL;
    int ret = -1;
    /* Random k from libgcrypt's RNG (no rfc6979 flag), as TLS stacks do.
     * libgcrypt returns r and s; the DER is bench/der.c's. */
    if (c->priv != NULL && ecdsa_data(c, &data, msg, msg_len) == 0 &&
        gcry_pk_sign(&sv, data, c->priv) == 0 &&
        tb_gcry_sexp_to_fixed(r, c->n_len, sv, "r") == 0 &&
        tb_gcry_sexp_to_fixed(s, c->n_len, sv, "s") == 0) {
        ret = tb_ecdsa_sig_to_der(sig, sig_len, r, s, c->n_len);
    }
    gcry_sexp_release(data);
    gcry_sexp_release(sv);
    return ret;
}

static int ecdsa_verify(const tb_sig_class **ctx, const uint8_t *sig,
                        size_t sig_len, const uint8_t *msg, size_t msg_len)
{
    ecdsa_ctx *c = (ecdsa_ctx *)ctx;
    uint8_t r[66], s[66];
    /* Strict DER first: libgcrypt only sees the integers. */
    if (tb_ecdsa_sig_from_der(r, s, c->n_len, sig, sig_len) != 0) {
        return -1;
    }
    gcry_sexp_t data = NULL, sv = NULL;
    int ret = -1;
    /* libgcrypt checks 0 < r, s < n itself. */
    if (ecdsa_data(c, &data, msg, msg_len) == 0 &&
        gcry_sexp_build(&sv, NULL, "(sig-val (ecdsa (r %b) (s %b)))",
                        (int)c->n_len, r, (int)c->n_len, s) == 0 &&
        gcry_pk_verify(sv, data, c->pub) == 0) {
        ret = 0;
    }
    gcry_sexp_release(data);
    gcry_sexp_release(sv);
    return ret;
}

static void ecdsa_cleanup(const tb_sig_class **ctx)
{
    ecdsa_ctx *c = (ecdsa_ctx *)ctx;
    gcry_sexp_release(c->pub);
    gcry_sexp_release(c->priv);
    *c = (ecdsa_ctx){.vtable = c->vtable};
}

#define ECDSA_NOTE                                                            \
    "gcry_pk_sign/verify ecdsa, random k; S-exp per call; DER via "          \
    "bench/der.c"

const tb_sig_class tb_gcrypt_ecdsa_p256_sha256 = {
    .context_size = sizeof(ecdsa_ctx),
    .alg = TB_SIG_ECDSA_P256_SHA256,
    .note = ECDSA_NOTE,
    .init = p256_init,
    .sign = ecdsa_sign,
    .verify = ecdsa_verify,
    .cleanup = ecdsa_cleanup,
};

const tb_sig_class tb_gcrypt_ecdsa_p384_sha384 = {
    .context_size = sizeof(ecdsa_ctx),
    .alg = TB_SIG_ECDSA_P384_SHA384,
    .note = ECDSA_NOTE,
    .init = p384_init,
    .sign = ecdsa_sign,
    .verify = ecdsa_verify,
    .cleanup = ecdsa_cleanup,
};
