/*
 * Signatures: RSA PKCS#1 v1.5 and PSS over SHA-256, ECDSA P-256/SHA-256 and
 * P-384/SHA-384. sign and verify hash the message with mbedtls_sha256_ret /
 * mbedtls_sha512_ret first (the hash is part of the timed work).
 */
#include <mbedtls/ecdsa.h>
#include <mbedtls/rsa.h>
#include <mbedtls/sha256.h>
#include <mbedtls/sha512.h>

#include "classes.h"
#include "common.h"
#include "der.h"

/* ---------------------------------------------------------------- RSA */

#if defined(MBEDTLS_RSA_C) && defined(MBEDTLS_SHA256_C)

typedef struct {
    const tb_sig_class *vtable;
    mbedtls_rsa_context rsa;
    size_t n_len;
    int has_private;
    tb_mbedtls_rng rng; /* blinding (and the PSS salt) */
} rsa_sig_ctx;

static tb_status rsa_sig_init(rsa_sig_ctx *c, const tb_sig_key *key,
                              int padding, tb_why *why)
{
    /* For PSS, the context's hash is the one MGF1 and the M' hash use. */
    mbedtls_rsa_init(&c->rsa, padding,
                     padding == MBEDTLS_RSA_PKCS_V21 ? MBEDTLS_MD_SHA256 : 0);
    tb_mbedtls_rng_init(&c->rng);
    if (key->rsa == NULL) {
        tb_why_set(why, "no RSA key given");
        return TB_ERROR;
    }
    tb_status st = tb_mbedtls_rsa_import(&c->rsa, key->rsa, &c->has_private,
                                         why);
    if (st != TB_OK) {
        return st;
    }
    c->n_len = mbedtls_rsa_get_len(&c->rsa);
    if (c->n_len > TB_SIG_MAX) {
        tb_why_set(why, "modulus longer than TB_SIG_MAX");
        return TB_ERROR;
    }
    return tb_mbedtls_rng_seed(&c->rng, "tlsbench rsa sig", why);
}

static void rsa_sig_cleanup(const tb_sig_class **ctx)
{
    rsa_sig_ctx *c = (rsa_sig_ctx *)ctx;
    mbedtls_rsa_free(&c->rsa);
    tb_mbedtls_rng_free(&c->rng);
}

#endif

#if defined(MBEDTLS_RSA_C) && defined(MBEDTLS_SHA256_C) && \
    defined(MBEDTLS_PKCS1_V15)

static tb_status pkcs1_init(const tb_sig_class **ctx, const tb_sig_key *key,
                            tb_why *why)
{
    return rsa_sig_init((rsa_sig_ctx *)ctx, key, MBEDTLS_RSA_PKCS_V15, why);
}

static int pkcs1_sign(const tb_sig_class **ctx, uint8_t *sig,
                      size_t *sig_len, const uint8_t *msg, size_t msg_len)
{
    rsa_sig_ctx *c = (rsa_sig_ctx *)ctx;
    uint8_t hash[32];
    if (!c->has_private || mbedtls_sha256_ret(msg, msg_len, hash, 0) != 0 ||
        mbedtls_rsa_rsassa_pkcs1_v15_sign(
            &c->rsa, mbedtls_ctr_drbg_random, &c->rng.drbg,
            MBEDTLS_RSA_PRIVATE, MBEDTLS_MD_SHA256, sizeof(hash), hash,
            sig) != 0) {
        return -1;
    }
    *sig_len = c->n_len;
    return 0;
}

static int pkcs1_verify(const tb_sig_class **ctx, const uint8_t *sig,
                        size_t sig_len, const uint8_t *msg, size_t msg_len)
{
    rsa_sig_ctx *c = (rsa_sig_ctx *)ctx;
    uint8_t hash[32];
    /* The library reads exactly n_len bytes of signature. It compares the
     * whole re-encoded DigestInfo, so no lenient parsing. */
    if (sig_len != c->n_len ||
        mbedtls_sha256_ret(msg, msg_len, hash, 0) != 0 ||
        mbedtls_rsa_rsassa_pkcs1_v15_verify(&c->rsa, NULL, NULL,
                                            MBEDTLS_RSA_PUBLIC,
                                            MBEDTLS_MD_SHA256, sizeof(hash),
                                            hash, sig) != 0) {
        return -1;
    }
    return 0;
}

const tb_sig_class tb_mbedtls_rsa_pkcs1_sha256 = {
    .context_size = sizeof(rsa_sig_ctx),
    .alg = TB_SIG_RSA_PKCS1_SHA256,
    .note = "mbedtls_rsa_rsassa_pkcs1_v15_sign (CRT, blinded, checks its "
            "result) / _verify; bignum mallocs internally",
    .init = pkcs1_init,
    .sign = pkcs1_sign,
    .verify = pkcs1_verify,
    .cleanup = rsa_sig_cleanup,
};

#else

typedef struct {
    const tb_sig_class *vtable;
} pkcs1_off_ctx;

static tb_status pkcs1_init(const tb_sig_class **ctx, const tb_sig_key *key,
                            tb_why *why)
{
    (void)ctx;
    (void)key;
    tb_why_set(why, "this Mbed TLS build lacks RSA_C, SHA256_C or PKCS1_V15");
    return TB_UNSUPPORTED;
}

static void pkcs1_cleanup(const tb_sig_class **ctx)
{
    (void)ctx;
}

const tb_sig_class tb_mbedtls_rsa_pkcs1_sha256 = {
    .context_size = sizeof(pkcs1_off_ctx),
    .alg = TB_SIG_RSA_PKCS1_SHA256,
    .note = "not in this build",
    .init = pkcs1_init,
    .cleanup = pkcs1_cleanup,
};

#endif

#if defined(MBEDTLS_RSA_C) && defined(MBEDTLS_SHA256_C) && \
    defined(MBEDTLS_PKCS1_V21)

/* TLS 1.3 (RFC 8446 4.2.3): salt length = hash length, MGF1 with the same
 * hash. */
#define PSS_SALT_LEN 32

static tb_status pss_init(const tb_sig_class **ctx, const tb_sig_key *key,
                          tb_why *why)
{
    return rsa_sig_init((rsa_sig_ctx *)ctx, key, MBEDTLS_RSA_PKCS_V21, why);
}

static int pss_sign(const tb_sig_class **ctx, uint8_t *sig, size_t *sig_len,
                    const uint8_t *msg, size_t msg_len)
{
    rsa_sig_ctx *c = (rsa_sig_ctx *)ctx;
    uint8_t hash[32];
    if (!c->has_private || mbedtls_sha256_ret(msg, msg_len, hash, 0) != 0 ||
        mbedtls_rsa_rsassa_pss_sign_ext(&c->rsa, mbedtls_ctr_drbg_random,
                                        &c->rng.drbg, MBEDTLS_MD_SHA256,
                                        sizeof(hash), hash, PSS_SALT_LEN,
                                        sig) != 0) {
        return -1;
    }
    *sig_len = c->n_len;
    return 0;
}

static int pss_verify(const tb_sig_class **ctx, const uint8_t *sig,
                      size_t sig_len, const uint8_t *msg, size_t msg_len)
{
    rsa_sig_ctx *c = (rsa_sig_ctx *)ctx;
    uint8_t hash[32];
    /* _ext with an exact salt length and MGF1 hash, as TLS 1.3 requires
     * (plain _verify would take any salt length). */
    if (sig_len != c->n_len ||
        mbedtls_sha256_ret(msg, msg_len, hash, 0) != 0 ||
        mbedtls_rsa_rsassa_pss_verify_ext(
            &c->rsa, NULL, NULL, MBEDTLS_RSA_PUBLIC, MBEDTLS_MD_SHA256,
            sizeof(hash), hash, MBEDTLS_MD_SHA256, PSS_SALT_LEN, sig) != 0) {
        return -1;
    }
    return 0;
}

const tb_sig_class tb_mbedtls_rsa_pss_sha256 = {
    .context_size = sizeof(rsa_sig_ctx),
    .alg = TB_SIG_RSA_PSS_SHA256,
    .note = "mbedtls_rsa_rsassa_pss_sign_ext / pss_verify_ext, salt 32, "
            "MGF1-SHA-256; bignum mallocs internally",
    .init = pss_init,
    .sign = pss_sign,
    .verify = pss_verify,
    .cleanup = rsa_sig_cleanup,
};

#else

typedef struct {
    const tb_sig_class *vtable;
} pss_off_ctx;

static tb_status pss_init(const tb_sig_class **ctx, const tb_sig_key *key,
                          tb_why *why)
{
    (void)ctx;
    (void)key;
    tb_why_set(why, "this Mbed TLS build lacks RSA_C, SHA256_C or PKCS1_V21");
    return TB_UNSUPPORTED;
}

static void pss_cleanup(const tb_sig_class **ctx)
{
    (void)ctx;
}

const tb_sig_class tb_mbedtls_rsa_pss_sha256 = {
    .context_size = sizeof(pss_off_ctx),
    .alg = TB_SIG_RSA_PSS_SHA256,
    .note = "not in this build",
    .init = pss_init,
    .cleanup = pss_cleanup,
};

#endif

/* -------------------------------------------------------------- ECDSA */

#if defined(MBEDTLS_ECDSA_C) && defined(MBEDTLS_SHA256_C) && \
    defined(MBEDTLS_SHA512_C)

typedef struct {
    const tb_sig_class *vtable;
    mbedtls_ecdsa_context ec; /* group, private d, public Q */
    mbedtls_md_type_t md;
    size_t n_len; /* bytes of the group order: r and s */
    int has_private;
    tb_mbedtls_rng rng; /* blinding; the nonce is RFC 6979 if enabled */
} ecdsa_ctx;

static tb_status ecdsa_init(ecdsa_ctx *c, const tb_sig_key *key,
                            mbedtls_ecp_group_id id, mbedtls_md_type_t md,
                            const char *name, tb_why *why)
{
    mbedtls_ecdsa_init(&c->ec);
    tb_mbedtls_rng_init(&c->rng);
    c->md = md;
    c->has_private = 0;
    tb_status st = tb_mbedtls_group_load(&c->ec.grp, id, name, why);
    if (st != TB_OK) {
        return st;
    }
    c->n_len = mbedtls_mpi_size(&c->ec.grp.N);
    if (key->ec_pub.len != 2 * c->n_len + 1 ||
        mbedtls_ecp_point_read_binary(&c->ec.grp, &c->ec.Q, key->ec_pub.ptr,
                                      key->ec_pub.len) != 0 ||
        mbedtls_ecp_check_pubkey(&c->ec.grp, &c->ec.Q) != 0) {
        tb_why_set(why, "bad %s public key", name);
        return TB_ERROR;
    }
    if (key->ec_priv.len != 0) {
        /* Also checks that the private key matches the public one. */
        if (key->ec_priv.len != c->n_len ||
            mbedtls_mpi_read_binary(&c->ec.d, key->ec_priv.ptr,
                                    key->ec_priv.len) != 0 ||
            mbedtls_ecp_check_privkey(&c->ec.grp, &c->ec.d) != 0 ||
            mbedtls_ecp_check_pub_priv(&c->ec, &c->ec) != 0) {
            tb_why_set(why, "bad %s private key", name);
            return TB_ERROR;
        }
        c->has_private = 1;
    }
    return tb_mbedtls_rng_seed(&c->rng, "tlsbench ecdsa", why);
}

static tb_status ecdsa_p256_init(const tb_sig_class **ctx,
                                 const tb_sig_key *key, tb_why *why)
{
    return ecdsa_init((ecdsa_ctx *)ctx, key, MBEDTLS_ECP_DP_SECP256R1,
                      MBEDTLS_MD_SHA256, "P-256", why);
}

static tb_status ecdsa_p384_init(const tb_sig_class **ctx,
                                 const tb_sig_key *key, tb_why *why)
{
    return ecdsa_init((ecdsa_ctx *)ctx, key, MBEDTLS_ECP_DP_SECP384R1,
                      MBEDTLS_MD_SHA384, "P-384", why);
}

/* The message hash; returns its length, or 0 on failure. hash has the
 * 64 bytes mbedtls_sha512_ret writes (48 of them for SHA-384). */
static size_t ecdsa_hash(const ecdsa_ctx *c, uint8_t hash[64],
                         const uint8_t *msg, size_t msg_len)
{
    if (c->md == MBEDTLS_MD_SHA256) {
        return mbedtls_sha256_ret(msg, msg_len, hash, 0) == 0 ? 32 : 0;
    }
    return mbedtls_sha512_ret(msg, msg_len, hash, 1) == 0 ? 48 : 0;
}

static int ecdsa_sign(const tb_sig_class **ctx, uint8_t *sig,
                      size_t *sig_len, const uint8_t *msg, size_t msg_len)
{
    ecdsa_ctx *c = (ecdsa_ctx *)ctx;
    uint8_t hash[64];
    size_t hash_len = ecdsa_hash(c, hash, msg, msg_len);
    /* Writes DER; at most MBEDTLS_ECDSA_MAX_LEN (141) < TB_SIG_MAX bytes. */
    if (!c->has_private || hash_len == 0 ||
        mbedtls_ecdsa_write_signature(&c->ec, c->md, hash, hash_len, sig,
                                      sig_len, mbedtls_ctr_drbg_random,
                                      &c->rng.drbg) != 0) {
        return -1;
    }
    return 0;
}

static int ecdsa_verify(const tb_sig_class **ctx, const uint8_t *sig,
                        size_t sig_len, const uint8_t *msg, size_t msg_len)
{
    ecdsa_ctx *c = (ecdsa_ctx *)ctx;
    uint8_t hash[64], r[48], s[48];
    /* mbedtls_ecdsa_read_signature parses BER leniently (long-form
     * lengths, padded integers), so the DER is checked strictly first. */
    if (tb_ecdsa_sig_from_der(r, s, c->n_len, sig, sig_len) != 0) {
        return -1;
    }
    size_t hash_len = ecdsa_hash(c, hash, msg, msg_len);
    if (hash_len == 0 ||
        mbedtls_ecdsa_read_signature(&c->ec, hash, hash_len, sig,
                                     sig_len) != 0) {
        return -1;
    }
    return 0;
}

static void ecdsa_cleanup(const tb_sig_class **ctx)
{
    ecdsa_ctx *c = (ecdsa_ctx *)ctx;
    mbedtls_ecdsa_free(&c->ec);
    tb_mbedtls_rng_free(&c->rng);
}

#if defined(MBEDTLS_ECDSA_DETERMINISTIC)
#define ECDSA_NOTE                                                          \
    "mbedtls_ecdsa_write_signature (RFC 6979 nonces) / read_signature "     \
    "after strict DER check; bignum mallocs"
#else
#define ECDSA_NOTE                                                          \
    "mbedtls_ecdsa_write_signature (random nonces) / read_signature "       \
    "after strict DER check; bignum mallocs"
#endif
#define ECDSA_MEMBERS                                                     \
    .note = ECDSA_NOTE, .sign = ecdsa_sign, .verify = ecdsa_verify,       \
    .cleanup = ecdsa_cleanup

#else

typedef struct {
    const tb_sig_class *vtable;
} ecdsa_ctx;

static tb_status ecdsa_off(tb_why *why)
{
    tb_why_set(why, "this Mbed TLS build lacks ECDSA_C, SHA256_C or SHA512_C");
    return TB_UNSUPPORTED;
}

static tb_status ecdsa_p256_init(const tb_sig_class **ctx,
                                 const tb_sig_key *key, tb_why *why)
{
    (void)ctx;
    (void)key;
    return ecdsa_off(why);
}

static tb_status ecdsa_p384_init(const tb_sig_class **ctx,
                                 const tb_sig_key *key, tb_why *why)
{
    (void)ctx;
    (void)key;
    return ecdsa_off(why);
}

static void ecdsa_cleanup(const tb_sig_class **ctx)
{
    (void)ctx;
}

#define ECDSA_MEMBERS .note = "not in this build", .cleanup = ecdsa_cleanup

#endif

const tb_sig_class tb_mbedtls_ecdsa_p256_sha256 = {
    .context_size = sizeof(ecdsa_ctx),
    .alg = TB_SIG_ECDSA_P256_SHA256,
    .init = ecdsa_p256_init,
    ECDSA_MEMBERS,
};

const tb_sig_class tb_mbedtls_ecdsa_p384_sha384 = {
    .context_size = sizeof(ecdsa_ctx),
    .alg = TB_SIG_ECDSA_P384_SHA384,
    .init = ecdsa_p384_init,
    ECDSA_MEMBERS,
};
