/* Signatures. BoringSSL's TLS stack signs through EVP_DigestSign, which for
 * these keys hashes and then calls RSA_sign, RSA_sign_pss_mgf1 or ECDSA_sign;
 * the adapter makes the same calls directly, so the timed region is the hash
 * plus the signature without EVP's per-call context allocation. */
#include "classes.h" /* first: it checks for BoringSSL headers */

#include <openssl/bn.h>
#include <openssl/digest.h>
#include <openssl/ec.h>
#include <openssl/ec_key.h>
#include <openssl/ecdsa.h>
#include <openssl/err.h>
#include <openssl/nid.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>
#include <openssl/sha.h>

#include "rsa_key.h"

#define PSS_SALT_LEN 32

typedef uint8_t *(*hash_fn)(const uint8_t *data, size_t len, uint8_t *out);

typedef struct {
    const tb_sig_class *vtable;
    const EVP_MD *md;
    hash_fn hash;
    size_t digest_len;
    int hash_nid;
    RSA *rsa;    /* RSA algorithms */
    EC_KEY *ec;  /* ECDSA */
    int can_sign;
} sig_ctx;

static sig_ctx *sig_of(const tb_sig_class **ctx)
{
    return (sig_ctx *)(void *)ctx;
}

static void sig_start(sig_ctx *c, const tb_sig_class *cls, tb_hash hash)
{
    c->vtable = cls;
    c->rsa = NULL;
    c->ec = NULL;
    c->can_sign = 0;
    if (hash == TB_HASH_SHA384) {
        c->md = EVP_sha384();
        c->hash = SHA384;
        c->digest_len = SHA384_DIGEST_LENGTH;
        c->hash_nid = NID_sha384;
    } else {
        c->md = EVP_sha256();
        c->hash = SHA256;
        c->digest_len = SHA256_DIGEST_LENGTH;
        c->hash_nid = NID_sha256;
    }
}

/* ------------------------------------------------------------------- RSA */

static tb_status rsa_setup(const tb_sig_class **ctx, const tb_sig_class *cls,
                           const tb_sig_key *key, tb_why *why)
{
    sig_ctx *c = sig_of(ctx);
    sig_start(c, cls, TB_HASH_SHA256);
    if (key->rsa == NULL) {
        tb_why_set(why, "no RSA key given");
        return TB_ERROR;
    }
    c->can_sign = key->rsa->d.len != 0;
    return tb_bssl_rsa_import(&c->rsa, key->rsa, why);
}

static tb_status rsa_pkcs1_init(const tb_sig_class **ctx,
                                const tb_sig_key *key, tb_why *why)
{
    return rsa_setup(ctx, &tb_boringssl_rsa_pkcs1_sha256, key, why);
}

static tb_status rsa_pss_init(const tb_sig_class **ctx, const tb_sig_key *key,
                              tb_why *why)
{
    return rsa_setup(ctx, &tb_boringssl_rsa_pss_sha256, key, why);
}

static int rsa_pkcs1_sign(const tb_sig_class **ctx, uint8_t *sig,
                          size_t *sig_len, const uint8_t *msg, size_t msg_len)
{
    sig_ctx *c = sig_of(ctx);
    uint8_t digest[EVP_MAX_MD_SIZE];
    unsigned len = 0;
    if (!c->can_sign) {
        return -1;
    }
    c->hash(msg, msg_len, digest);
    if (!RSA_sign(c->hash_nid, digest, c->digest_len, sig, &len, c->rsa)) {
        return -1;
    }
    *sig_len = len;
    return 0;
}

static int rsa_pkcs1_verify(const tb_sig_class **ctx, const uint8_t *sig,
                            size_t sig_len, const uint8_t *msg,
                            size_t msg_len)
{
    sig_ctx *c = sig_of(ctx);
    uint8_t digest[EVP_MAX_MD_SIZE];
    c->hash(msg, msg_len, digest);
    if (!RSA_verify(c->hash_nid, digest, c->digest_len, sig, sig_len,
                    c->rsa)) {
        ERR_clear_error();
        return -1;
    }
    return 0;
}

static int rsa_pss_sign(const tb_sig_class **ctx, uint8_t *sig,
                        size_t *sig_len, const uint8_t *msg, size_t msg_len)
{
    sig_ctx *c = sig_of(ctx);
    uint8_t digest[EVP_MAX_MD_SIZE];
    if (!c->can_sign) {
        return -1;
    }
    c->hash(msg, msg_len, digest);
    /* NULL MGF-1 hash: the same as the message hash. */
    return RSA_sign_pss_mgf1(c->rsa, sig_len, sig, TB_SIG_MAX, digest,
                             c->digest_len, c->md, NULL, PSS_SALT_LEN)
               ? 0
               : -1;
}

static int rsa_pss_verify(const tb_sig_class **ctx, const uint8_t *sig,
                          size_t sig_len, const uint8_t *msg, size_t msg_len)
{
    sig_ctx *c = sig_of(ctx);
    uint8_t digest[EVP_MAX_MD_SIZE];
    c->hash(msg, msg_len, digest);
    if (!RSA_verify_pss_mgf1(c->rsa, digest, c->digest_len, c->md, NULL,
                             PSS_SALT_LEN, sig, sig_len)) {
        ERR_clear_error();
        return -1;
    }
    return 0;
}

/* ----------------------------------------------------------------- ECDSA */

static tb_status ecdsa_setup(const tb_sig_class **ctx,
                             const tb_sig_class *cls, int nid, tb_hash hash,
                             const tb_sig_key *key, tb_why *why)
{
    sig_ctx *c = sig_of(ctx);
    tb_status st = TB_ERROR;
    uint8_t seed[32];
    sig_start(c, cls, hash);
    c->ec = EC_KEY_new_by_curve_name(nid);
    if (c->ec == NULL) {
        tb_why_set(why, "EC_KEY_new_by_curve_name(%d) failed", nid);
        return TB_ERROR;
    }
    const EC_GROUP *group = EC_KEY_get0_group(c->ec);
    EC_POINT *pub = EC_POINT_new(group);
    BIGNUM *priv = tb_bssl_bn(key->ec_priv);
    if (pub == NULL || key->ec_pub.len == 0 ||
        !EC_POINT_oct2point(group, pub, key->ec_pub.ptr, key->ec_pub.len,
                            NULL) ||
        !EC_KEY_set_public_key(c->ec, pub)) {
        tb_why_set(why, "bad ECDSA public key");
        goto done;
    }
    if (key->ec_priv.len != 0 &&
        (priv == NULL || !EC_KEY_set_private_key(c->ec, priv))) {
        tb_why_set(why, "bad ECDSA private key");
        goto done;
    }
    /* Also checks that the private key matches the public one. */
    if (!EC_KEY_check_key(c->ec)) {
        tb_why_set(why, "EC_KEY_check_key rejected the key");
        goto done;
    }
    if (ECDSA_size(c->ec) > TB_SIG_MAX) {
        tb_why_set(why, "ECDSA_size over TB_SIG_MAX");
        goto done;
    }
    c->can_sign = key->ec_priv.len != 0;
    if (!RAND_bytes(seed, sizeof(seed))) { /* seeds the RNG, untimed */
        tb_why_set(why, "RAND_bytes failed");
        goto done;
    }
    st = TB_OK;
done:
    EC_POINT_free(pub);
    BN_clear_free(priv);
    ERR_clear_error();
    return st;
}

static tb_status ecdsa_p256_init(const tb_sig_class **ctx,
                                 const tb_sig_key *key, tb_why *why)
{
    return ecdsa_setup(ctx, &tb_boringssl_ecdsa_p256_sha256,
                       NID_X9_62_prime256v1, TB_HASH_SHA256, key, why);
}

static tb_status ecdsa_p384_init(const tb_sig_class **ctx,
                                 const tb_sig_key *key, tb_why *why)
{
    return ecdsa_setup(ctx, &tb_boringssl_ecdsa_p384_sha384, NID_secp384r1,
                       TB_HASH_SHA384, key, why);
}

/* ECDSA_sign writes DER; it allocates its ECDSA_SIG internally. */
static int ecdsa_sign(const tb_sig_class **ctx, uint8_t *sig, size_t *sig_len,
                      const uint8_t *msg, size_t msg_len)
{
    sig_ctx *c = sig_of(ctx);
    uint8_t digest[EVP_MAX_MD_SIZE];
    unsigned len = 0;
    if (!c->can_sign) {
        return -1;
    }
    c->hash(msg, msg_len, digest);
    if (!ECDSA_sign(0, digest, c->digest_len, sig, &len, c->ec)) {
        return -1;
    }
    *sig_len = len;
    return 0;
}

/* ECDSA_verify parses strict DER (it re-encodes and compares), so
 * malformed signatures are rejected. */
static int ecdsa_verify(const tb_sig_class **ctx, const uint8_t *sig,
                        size_t sig_len, const uint8_t *msg, size_t msg_len)
{
    sig_ctx *c = sig_of(ctx);
    uint8_t digest[EVP_MAX_MD_SIZE];
    c->hash(msg, msg_len, digest);
    if (!ECDSA_verify(0, digest, c->digest_len, sig, sig_len, c->ec)) {
        ERR_clear_error();
        return -1;
    }
    return 0;
}

static void sig_cleanup(const tb_sig_class **ctx)
{
    sig_ctx *c = sig_of(ctx);
    RSA_free(c->rsa);
    EC_KEY_free(c->ec);
    c->rsa = NULL;
    c->ec = NULL;
}

const tb_sig_class tb_boringssl_rsa_pkcs1_sha256 = {
    .context_size = sizeof(sig_ctx),
    .alg = TB_SIG_RSA_PKCS1_SHA256,
    .note = "SHA256() + RSA_sign/RSA_verify (what libssl's EVP_DigestSign "
            "calls; allocates inside)",
    .init = rsa_pkcs1_init,
    .sign = rsa_pkcs1_sign,
    .verify = rsa_pkcs1_verify,
    .cleanup = sig_cleanup,
};

const tb_sig_class tb_boringssl_rsa_pss_sha256 = {
    .context_size = sizeof(sig_ctx),
    .alg = TB_SIG_RSA_PSS_SHA256,
    .note = "SHA256() + RSA_sign_pss_mgf1/RSA_verify_pss_mgf1, salt 32 "
            "(allocates inside)",
    .init = rsa_pss_init,
    .sign = rsa_pss_sign,
    .verify = rsa_pss_verify,
    .cleanup = sig_cleanup,
};

const tb_sig_class tb_boringssl_ecdsa_p256_sha256 = {
    .context_size = sizeof(sig_ctx),
    .alg = TB_SIG_ECDSA_P256_SHA256,
    .note = "SHA256() + ECDSA_sign/ECDSA_verify (DER; allocates inside)",
    .init = ecdsa_p256_init,
    .sign = ecdsa_sign,
    .verify = ecdsa_verify,
    .cleanup = sig_cleanup,
};

const tb_sig_class tb_boringssl_ecdsa_p384_sha384 = {
    .context_size = sizeof(sig_ctx),
    .alg = TB_SIG_ECDSA_P384_SHA384,
    .note = "SHA384() + ECDSA_sign/ECDSA_verify (DER; allocates inside)",
    .init = ecdsa_p384_init,
    .sign = ecdsa_sign,
    .verify = ecdsa_verify,
    .cleanup = sig_cleanup,
};
