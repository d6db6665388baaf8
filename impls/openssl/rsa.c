/* RSA key transport of the TLS 1.2 pre-master secret through EVP_PKEY. */
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#include <openssl/rsa.h>

#include "classes.h"
#include "common.h"

typedef struct {
    const tb_rsa_kt_class *vtable;
    EVP_PKEY *key;
    EVP_PKEY_CTX *enc; /* PKCS#1 v1.5 encryption (client) */
    EVP_PKEY_CTX *tls; /* RSA_PKCS1_WITH_TLS_PADDING (server); NULL if public */
    EVP_PKEY_CTX *dec; /* generic PKCS#1 v1.5 decryption; NULL if public */
    size_t mod_len;
} rsa_kt_ctx;

static rsa_kt_ctx *rsa_kt_of(const tb_rsa_kt_class **ctx)
{
    return (rsa_kt_ctx *)ctx;
}

static int rsa_encrypt_pms(const tb_rsa_kt_class **ctx, uint8_t *out,
                           const uint8_t pms[TB_PMS_LEN])
{
    rsa_kt_ctx *c = rsa_kt_of(ctx);
    size_t len = c->mod_len;
    if (EVP_PKEY_encrypt(c->enc, out, &len, pms, TB_PMS_LEN) != 1 ||
        len != c->mod_len) {
        return -1;
    }
    return 0;
}

/*
 * libssl's server path (tls_process_cke_rsa): the provider decrypts, checks
 * the padding, the length 48 and the version bytes in constant time, and
 * substitutes a random secret itself. libssl sets the negotiated version
 * only for SSL_OP_TLS_ROLLBACK_BUG (it would also accept that version),
 * so it is not set here either. A ciphertext that is not an integer below
 * the modulus fails before any secret is touched (libssl then sends a
 * decrypt_error alert): that is the -1 case.
 */
static int rsa_decrypt_pms(const tb_rsa_kt_class **ctx, uint8_t pms[TB_PMS_LEN],
                           const uint8_t *in, size_t in_len,
                           const uint8_t client_version[2])
{
    rsa_kt_ctx *c = rsa_kt_of(ctx);
    unsigned int version =
        (unsigned int)client_version[0] << 8 | client_version[1];
    OSSL_PARAM params[] = {
        OSSL_PARAM_construct_uint(OSSL_ASYM_CIPHER_PARAM_TLS_CLIENT_VERSION,
                                  &version),
        OSSL_PARAM_construct_end(),
    };
    size_t len = TB_PMS_LEN;
    if (c->tls == NULL || EVP_PKEY_CTX_set_params(c->tls, params) != 1 ||
        EVP_PKEY_decrypt(c->tls, pms, &len, in, in_len) != 1 ||
        len != TB_PMS_LEN) {
        return -1;
    }
    return 0;
}

static int rsa_decrypt(const tb_rsa_kt_class **ctx, uint8_t *out,
                       size_t *out_len, const uint8_t *in, size_t in_len)
{
    rsa_kt_ctx *c = rsa_kt_of(ctx);
    size_t len = c->mod_len;
    if (c->dec == NULL ||
        EVP_PKEY_decrypt(c->dec, out, &len, in, in_len) != 1) {
        return -1;
    }
    *out_len = len;
    return 0;
}

static void rsa_cleanup(const tb_rsa_kt_class **ctx)
{
    rsa_kt_ctx *c = rsa_kt_of(ctx);
    EVP_PKEY_CTX_free(c->enc);
    EVP_PKEY_CTX_free(c->tls);
    EVP_PKEY_CTX_free(c->dec);
    EVP_PKEY_free(c->key);
    c->enc = c->tls = c->dec = NULL;
    c->key = NULL;
}

/* The generic decryption context: plain PKCS#1 v1.5 that reports bad
 * padding. OpenSSL 3.2+ would otherwise return a synthetic message
 * (implicit rejection), which the test vectors do not expect. */
static int make_generic_dec(rsa_kt_ctx *c)
{
    c->dec = EVP_PKEY_CTX_new_from_pkey(NULL, c->key, NULL);
    if (c->dec == NULL || EVP_PKEY_decrypt_init(c->dec) != 1 ||
        EVP_PKEY_CTX_set_rsa_padding(c->dec, RSA_PKCS1_PADDING) != 1) {
        return -1;
    }
#ifdef OSSL_ASYM_CIPHER_PARAM_IMPLICIT_REJECTION
    unsigned int implicit = 0;
    OSSL_PARAM params[] = {
        OSSL_PARAM_construct_uint(OSSL_ASYM_CIPHER_PARAM_IMPLICIT_REJECTION,
                                  &implicit),
        OSSL_PARAM_construct_end(),
    };
    if (EVP_PKEY_CTX_set_params(c->dec, params) != 1) {
        return -1;
    }
#endif
    return 0;
}

static tb_status rsa_init(const tb_rsa_kt_class **ctx, const tb_rsa_key *key,
                          tb_why *why)
{
    rsa_kt_ctx *c = rsa_kt_of(ctx);
    memset(c, 0, sizeof(*c));
    c->vtable = &tb_openssl_rsa_kt;
    c->key = tb_openssl_rsa_pkey(key, why);
    if (c->key == NULL) {
        return TB_ERROR;
    }
    int size = EVP_PKEY_get_size(c->key);
    c->mod_len = size > 0 ? (size_t)size : 0;
    c->enc = EVP_PKEY_CTX_new_from_pkey(NULL, c->key, NULL);
    if (c->mod_len == 0 || c->enc == NULL ||
        EVP_PKEY_encrypt_init(c->enc) != 1 ||
        EVP_PKEY_CTX_set_rsa_padding(c->enc, RSA_PKCS1_PADDING) != 1) {
        tb_openssl_why(why, "RSA encryption set-up");
        rsa_cleanup(ctx);
        return TB_ERROR;
    }
    if (key->d.len != 0) {
        const int tls_padding = RSA_PKCS1_WITH_TLS_PADDING;
        c->tls = EVP_PKEY_CTX_new_from_pkey(NULL, c->key, NULL);
        if (c->tls == NULL || EVP_PKEY_decrypt_init(c->tls) != 1 ||
            EVP_PKEY_CTX_set_rsa_padding(c->tls, tls_padding) != 1 ||
            make_generic_dec(c) != 0) {
            tb_openssl_why(why, "RSA decryption set-up");
            rsa_cleanup(ctx);
            return TB_ERROR;
        }
        /* One round trip outside timing: the library makes its blinding
         * and Montgomery values on the first private and public use. */
        uint8_t pms[TB_PMS_LEN] = {3, 3}, back[TB_PMS_LEN];
        uint8_t ct[1024];
        if (c->mod_len > sizeof(ct) || rsa_encrypt_pms(ctx, ct, pms) != 0 ||
            rsa_decrypt_pms(ctx, back, ct, c->mod_len, pms) != 0 ||
            memcmp(back, pms, TB_PMS_LEN) != 0) {
            tb_openssl_why(why, "RSA round trip");
            rsa_cleanup(ctx);
            return TB_ERROR;
        }
    }
    return TB_OK;
}

const tb_rsa_kt_class tb_openssl_rsa_kt = {
    .context_size = sizeof(rsa_kt_ctx),
    .note = "EVP_PKEY_decrypt RSA_PKCS1_WITH_TLS_PADDING (libssl's path: "
            "constant-time checks, random PMS in library); allocates",
    .init = rsa_init,
    .encrypt_pms = rsa_encrypt_pms,
    .decrypt_pms = rsa_decrypt_pms,
    .decrypt = rsa_decrypt,
    .cleanup = rsa_cleanup,
};
