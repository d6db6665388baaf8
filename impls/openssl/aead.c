/* AEAD: AES-GCM and ChaCha20-Poly1305 through EVP_CIPHER. */
#include <limits.h>
#include <string.h>

#include <openssl/evp.h>

#include "classes.h"
#include "common.h"

typedef struct {
    const tb_aead_class *vtable;
    EVP_CIPHER *cipher;
    /* One context per direction, each keyed once in init: a record then
     * only sets its nonce, as a TLS connection's record layer does. */
    EVP_CIPHER_CTX *enc;
    EVP_CIPHER_CTX *dec;
} aead_ctx;

static aead_ctx *aead_of(const tb_aead_class **ctx)
{
    return (aead_ctx *)ctx;
}

static void aead_cleanup(const tb_aead_class **ctx)
{
    aead_ctx *c = aead_of(ctx);
    EVP_CIPHER_CTX_free(c->enc);
    EVP_CIPHER_CTX_free(c->dec);
    EVP_CIPHER_free(c->cipher);
    c->enc = NULL;
    c->dec = NULL;
    c->cipher = NULL;
}

static tb_status aead_init_named(const tb_aead_class **ctx,
                                 const tb_aead_class *cls, const char *name,
                                 const uint8_t *key, tb_why *why)
{
    aead_ctx *c = aead_of(ctx);
    memset(c, 0, sizeof(*c));
    c->vtable = cls;
    c->cipher = EVP_CIPHER_fetch(NULL, name, NULL);
    if (c->cipher == NULL) {
        /* e.g. a no-chacha build or a FIPS-only provider configuration */
        tb_openssl_why(why, name);
        return TB_UNSUPPORTED;
    }
    c->enc = EVP_CIPHER_CTX_new();
    c->dec = EVP_CIPHER_CTX_new();
    if (c->enc == NULL || c->dec == NULL ||
        EVP_EncryptInit_ex2(c->enc, c->cipher, key, NULL, NULL) != 1 ||
        EVP_DecryptInit_ex2(c->dec, c->cipher, key, NULL, NULL) != 1) {
        tb_openssl_why(why, "EVP_CipherInit_ex2");
        aead_cleanup(ctx);
        return TB_ERROR;
    }
    if (EVP_CIPHER_CTX_get_key_length(c->enc) != (int)cls->key_len ||
        EVP_CIPHER_CTX_get_iv_length(c->enc) != TB_AEAD_NONCE_LEN) {
        tb_why_set(why, "%s: unexpected key or nonce length", name);
        aead_cleanup(ctx);
        return TB_ERROR;
    }
    return TB_OK;
}

static int aead_seal(const tb_aead_class **ctx, uint8_t *out,
                     uint8_t tag[TB_AEAD_TAG_LEN],
                     const uint8_t nonce[TB_AEAD_NONCE_LEN], const uint8_t *ad,
                     size_t ad_len, const uint8_t *in, size_t in_len)
{
    aead_ctx *c = aead_of(ctx);
    int n = 0, fin = 0;
    if (ad_len > INT_MAX || in_len > INT_MAX) {
        return -1;
    }
    /* NULL cipher and key: keep the key schedule, set only the nonce. */
    if (EVP_EncryptInit_ex(c->enc, NULL, NULL, NULL, nonce) != 1) {
        return -1;
    }
    if (ad_len > 0 &&
        EVP_EncryptUpdate(c->enc, NULL, &n, ad, (int)ad_len) != 1) {
        return -1;
    }
    n = 0;
    if (in_len > 0 &&
        EVP_EncryptUpdate(c->enc, out, &n, in, (int)in_len) != 1) {
        return -1;
    }
    if (EVP_EncryptFinal_ex(c->enc, out + n, &fin) != 1 ||
        (size_t)n + (size_t)fin != in_len ||
        EVP_CIPHER_CTX_ctrl(c->enc, EVP_CTRL_AEAD_GET_TAG, TB_AEAD_TAG_LEN,
                            tag) != 1) {
        return -1;
    }
    return 0;
}

static int aead_open(const tb_aead_class **ctx, uint8_t *out,
                     const uint8_t tag[TB_AEAD_TAG_LEN],
                     const uint8_t nonce[TB_AEAD_NONCE_LEN], const uint8_t *ad,
                     size_t ad_len, const uint8_t *in, size_t in_len)
{
    aead_ctx *c = aead_of(ctx);
    /* The ctrl takes a non-const pointer; give it a copy rather than cast
     * away const. */
    uint8_t expected[TB_AEAD_TAG_LEN];
    int n = 0, fin = 0;
    if (ad_len > INT_MAX || in_len > INT_MAX) {
        return -1;
    }
    memcpy(expected, tag, TB_AEAD_TAG_LEN);
    if (EVP_DecryptInit_ex(c->dec, NULL, NULL, NULL, nonce) != 1 ||
        EVP_CIPHER_CTX_ctrl(c->dec, EVP_CTRL_AEAD_SET_TAG, TB_AEAD_TAG_LEN,
                            expected) != 1) {
        return -1;
    }
    if (ad_len > 0 &&
        EVP_DecryptUpdate(c->dec, NULL, &n, ad, (int)ad_len) != 1) {
        return -1;
    }
    n = 0;
    if (in_len > 0 &&
        EVP_DecryptUpdate(c->dec, out, &n, in, (int)in_len) != 1) {
        return -1;
    }
    /* Final checks the tag (constant time inside the library). */
    if (EVP_DecryptFinal_ex(c->dec, out + n, &fin) != 1 ||
        (size_t)n + (size_t)fin != in_len) {
        return -1;
    }
    return 0;
}

static tb_status aes128gcm_init(const tb_aead_class **ctx, const uint8_t *key,
                                tb_why *why)
{
    return aead_init_named(ctx, &tb_openssl_aes128gcm, "AES-128-GCM", key, why);
}

static tb_status aes256gcm_init(const tb_aead_class **ctx, const uint8_t *key,
                                tb_why *why)
{
    return aead_init_named(ctx, &tb_openssl_aes256gcm, "AES-256-GCM", key, why);
}

static tb_status chacha_init(const tb_aead_class **ctx, const uint8_t *key,
                             tb_why *why)
{
    return aead_init_named(ctx, &tb_openssl_chacha20poly1305,
                           "ChaCha20-Poly1305", key, why);
}

const tb_aead_class tb_openssl_aes128gcm = {
    .context_size = sizeof(aead_ctx),
    .alg = TB_AEAD_AES128GCM,
    .key_len = 16,
    .note = "EVP_CIPHER AES-128-GCM, keyed once, per record IV only",
    .init = aes128gcm_init,
    .seal = aead_seal,
    .open = aead_open,
    .cleanup = aead_cleanup,
};

const tb_aead_class tb_openssl_aes256gcm = {
    .context_size = sizeof(aead_ctx),
    .alg = TB_AEAD_AES256GCM,
    .key_len = 32,
    .note = "EVP_CIPHER AES-256-GCM, keyed once, per record IV only",
    .init = aes256gcm_init,
    .seal = aead_seal,
    .open = aead_open,
    .cleanup = aead_cleanup,
};

const tb_aead_class tb_openssl_chacha20poly1305 = {
    .context_size = sizeof(aead_ctx),
    .alg = TB_AEAD_CHACHA20POLY1305,
    .key_len = 32,
    .note = "EVP_CIPHER ChaCha20-Poly1305, keyed once, per record IV only",
    .init = chacha_init,
    .seal = aead_seal,
    .open = aead_open,
    .cleanup = aead_cleanup,
};
