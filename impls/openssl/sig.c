/* Signatures: RSA PKCS#1 v1.5, RSA-PSS and ECDSA through EVP_PKEY. */
#include <string.h>

#include <openssl/evp.h>
#include <openssl/rsa.h>

#include "classes.h"
#include "common.h"

/* TLS 1.3 (RFC 8446 4.2.3): the salt is as long as the SHA-256 output. */
#define PSS_SALT_LEN 32

typedef struct {
    const tb_sig_class *vtable;
    EVP_PKEY *key;
    EVP_MD *md;
    EVP_MD_CTX *md_ctx;  /* hashes the message */
    EVP_PKEY_CTX *sign;  /* NULL for a verify-only key */
    EVP_PKEY_CTX *check; /* verification */
    size_t hash_len;
    size_t rsa_len; /* modulus bytes; 0 for ECDSA */
} sig_ctx;

/* What differs between the four algorithms. */
typedef struct {
    const char *md;
    const char *group; /* ECDSA curve, NULL for RSA */
    int padding;       /* RSA padding mode, 0 for ECDSA */
} sig_params;

static sig_ctx *sig_of(const tb_sig_class **ctx)
{
    return (sig_ctx *)ctx;
}

/* The message digest is part of the signature operation, as in TLS. */
static int hash_msg(sig_ctx *c, uint8_t *hash, const uint8_t *msg,
                    size_t msg_len)
{
    unsigned int len = 0;
    if (EVP_DigestInit_ex2(c->md_ctx, c->md, NULL) != 1 ||
        EVP_DigestUpdate(c->md_ctx, msg, msg_len) != 1 ||
        EVP_DigestFinal_ex(c->md_ctx, hash, &len) != 1 || len != c->hash_len) {
        return -1;
    }
    return 0;
}

static int sig_sign(const tb_sig_class **ctx, uint8_t *sig, size_t *sig_len,
                    const uint8_t *msg, size_t msg_len)
{
    sig_ctx *c = sig_of(ctx);
    uint8_t hash[EVP_MAX_MD_SIZE];
    size_t len = TB_SIG_MAX;
    if (c->sign == NULL || hash_msg(c, hash, msg, msg_len) != 0 ||
        EVP_PKEY_sign(c->sign, sig, &len, hash, c->hash_len) != 1) {
        return -1;
    }
    *sig_len = len;
    return 0;
}

static int sig_verify(const tb_sig_class **ctx, const uint8_t *sig,
                      size_t sig_len, const uint8_t *msg, size_t msg_len)
{
    sig_ctx *c = sig_of(ctx);
    uint8_t hash[EVP_MAX_MD_SIZE];
    /* RFC 8017 8.1.2/8.2.2 step 1: exactly k bytes. OpenSSL would read a
     * shorter PSS signature as an integer with leading zeros. */
    if (c->rsa_len != 0 && sig_len != c->rsa_len) {
        return -1;
    }
    /* For ECDSA the library rejects any encoding that is not strict DER. */
    if (hash_msg(c, hash, msg, msg_len) != 0 ||
        EVP_PKEY_verify(c->check, sig, sig_len, hash, c->hash_len) != 1) {
        return -1;
    }
    return 0;
}

static void sig_cleanup(const tb_sig_class **ctx)
{
    sig_ctx *c = sig_of(ctx);
    EVP_PKEY_CTX_free(c->sign);
    EVP_PKEY_CTX_free(c->check);
    EVP_MD_CTX_free(c->md_ctx);
    EVP_MD_free(c->md);
    EVP_PKEY_free(c->key);
    c->sign = c->check = NULL;
    c->md_ctx = NULL;
    c->md = NULL;
    c->key = NULL;
}

/* Padding, digest, MGF1 digest and salt length on a sign or verify ctx. */
static int configure(EVP_PKEY_CTX *pctx, const sig_params *p, const EVP_MD *md)
{
    if (p->padding != 0 &&
        EVP_PKEY_CTX_set_rsa_padding(pctx, p->padding) != 1) {
        return -1;
    }
    if (EVP_PKEY_CTX_set_signature_md(pctx, md) != 1) {
        return -1;
    }
    if (p->padding == RSA_PKCS1_PSS_PADDING &&
        (EVP_PKEY_CTX_set_rsa_mgf1_md(pctx, md) != 1 ||
         EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, PSS_SALT_LEN) != 1)) {
        return -1;
    }
    return 0;
}

static EVP_PKEY *import_key(const sig_params *p, const tb_sig_key *key,
                            tb_why *why)
{
    if (p->group == NULL) {
        if (key->rsa == NULL) {
            tb_why_set(why, "no RSA key given");
            return NULL;
        }
        return tb_openssl_rsa_pkey(key->rsa, why);
    }
    return tb_openssl_ec_pkey(
        "EC", p->group, key->ec_priv.len ? key->ec_priv.ptr : NULL,
        key->ec_priv.len, key->ec_pub.ptr, key->ec_pub.len, why);
}

static tb_status sig_init_params(const tb_sig_class **ctx,
                                 const tb_sig_class *cls, const sig_params *p,
                                 const tb_sig_key *key, tb_why *why)
{
    sig_ctx *c = sig_of(ctx);
    memset(c, 0, sizeof(*c));
    c->vtable = cls;
    c->md = EVP_MD_fetch(NULL, p->md, NULL);
    if (c->md == NULL) {
        tb_openssl_why(why, p->md);
        return TB_UNSUPPORTED;
    }
    c->hash_len = (size_t)EVP_MD_get_size(c->md);
    c->md_ctx = EVP_MD_CTX_new();
    c->key = import_key(p, key, why);
    if (c->md_ctx == NULL || c->key == NULL) {
        sig_cleanup(ctx);
        return TB_ERROR;
    }
    if (p->group == NULL) {
        c->rsa_len = (size_t)EVP_PKEY_get_size(c->key);
    }
    int has_private =
        p->group == NULL ? key->rsa->d.len != 0 : key->ec_priv.len != 0;
    c->check = EVP_PKEY_CTX_new_from_pkey(NULL, c->key, NULL);
    if (c->check == NULL || EVP_PKEY_verify_init(c->check) != 1 ||
        configure(c->check, p, c->md) != 0) {
        tb_openssl_why(why, "verify set-up");
        sig_cleanup(ctx);
        return TB_ERROR;
    }
    if (has_private) {
        c->sign = EVP_PKEY_CTX_new_from_pkey(NULL, c->key, NULL);
        if (c->sign == NULL || EVP_PKEY_sign_init(c->sign) != 1 ||
            configure(c->sign, p, c->md) != 0) {
            tb_openssl_why(why, "sign set-up");
            sig_cleanup(ctx);
            return TB_ERROR;
        }
        /* One signature outside timing: the library makes its blinding,
         * Montgomery values and RNG state on first use. */
        static const uint8_t msg[] = "warm-up";
        uint8_t sig[TB_SIG_MAX];
        size_t sig_len = 0;
        if (sig_sign(ctx, sig, &sig_len, msg, sizeof(msg)) != 0 ||
            sig_verify(ctx, sig, sig_len, msg, sizeof(msg)) != 0) {
            tb_openssl_why(why, "sign/verify round trip");
            sig_cleanup(ctx);
            return TB_ERROR;
        }
    }
    return TB_OK;
}

static tb_status rsa_pkcs1_init(const tb_sig_class **ctx, const tb_sig_key *key,
                                tb_why *why)
{
    static const sig_params p = {"SHA256", NULL, RSA_PKCS1_PADDING};
    return sig_init_params(ctx, &tb_openssl_rsa_pkcs1_sha256, &p, key, why);
}

static tb_status rsa_pss_init(const tb_sig_class **ctx, const tb_sig_key *key,
                              tb_why *why)
{
    static const sig_params p = {"SHA256", NULL, RSA_PKCS1_PSS_PADDING};
    return sig_init_params(ctx, &tb_openssl_rsa_pss_sha256, &p, key, why);
}

static tb_status ecdsa_p256_init(const tb_sig_class **ctx,
                                 const tb_sig_key *key, tb_why *why)
{
    static const sig_params p = {"SHA256", "P-256", 0};
    return sig_init_params(ctx, &tb_openssl_ecdsa_p256_sha256, &p, key, why);
}

static tb_status ecdsa_p384_init(const tb_sig_class **ctx,
                                 const tb_sig_key *key, tb_why *why)
{
    static const sig_params p = {"SHA384", "P-384", 0};
    return sig_init_params(ctx, &tb_openssl_ecdsa_p384_sha384, &p, key, why);
}

const tb_sig_class tb_openssl_rsa_pkcs1_sha256 = {
    .context_size = sizeof(sig_ctx),
    .alg = TB_SIG_RSA_PKCS1_SHA256,
    .note = "EVP_MD SHA-256 + EVP_PKEY_sign/verify RSA PKCS#1 v1.5 (CRT, "
            "blinding); ctxs set up once, library allocates",
    .init = rsa_pkcs1_init,
    .sign = sig_sign,
    .verify = sig_verify,
    .cleanup = sig_cleanup,
};

const tb_sig_class tb_openssl_rsa_pss_sha256 = {
    .context_size = sizeof(sig_ctx),
    .alg = TB_SIG_RSA_PSS_SHA256,
    .note = "EVP_MD SHA-256 + EVP_PKEY_sign/verify RSA-PSS salt 32 "
            "MGF1-SHA-256; ctxs set up once, library allocates",
    .init = rsa_pss_init,
    .sign = sig_sign,
    .verify = sig_verify,
    .cleanup = sig_cleanup,
};

const tb_sig_class tb_openssl_ecdsa_p256_sha256 = {
    .context_size = sizeof(sig_ctx),
    .alg = TB_SIG_ECDSA_P256_SHA256,
    .note = "EVP_MD SHA-256 + EVP_PKEY_sign/verify ECDSA P-256 (DER); ctxs "
            "set up once, library allocates",
    .init = ecdsa_p256_init,
    .sign = sig_sign,
    .verify = sig_verify,
    .cleanup = sig_cleanup,
};

const tb_sig_class tb_openssl_ecdsa_p384_sha384 = {
    .context_size = sizeof(sig_ctx),
    .alg = TB_SIG_ECDSA_P384_SHA384,
    .note = "EVP_MD SHA-384 + EVP_PKEY_sign/verify ECDSA P-384 (DER); ctxs "
            "set up once, library allocates",
    .init = ecdsa_p384_init,
    .sign = sig_sign,
    .verify = sig_verify,
    .cleanup = sig_cleanup,
};
