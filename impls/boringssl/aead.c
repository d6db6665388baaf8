/* AES-GCM and ChaCha20-Poly1305 through BoringSSL's EVP_AEAD, the interface
 * its own TLS record layer uses. */
#include "classes.h" /* first: it checks for BoringSSL headers */

#include <openssl/aead.h>

typedef struct {
    const tb_aead_class *vtable;
    EVP_AEAD_CTX aead; /* keyed once in init; seal/open only take a nonce */
} aead_ctx;

static aead_ctx *aead_of(const tb_aead_class **ctx)
{
    return (aead_ctx *)(void *)ctx;
}

static tb_status aead_setup(const tb_aead_class **ctx,
                            const tb_aead_class *cls, const EVP_AEAD *aead,
                            const uint8_t *key, tb_why *why)
{
    aead_ctx *c = aead_of(ctx);
    c->vtable = cls;
    EVP_AEAD_CTX_zero(&c->aead); /* makes cleanup safe if init fails */
    if (EVP_AEAD_key_length(aead) != cls->key_len ||
        EVP_AEAD_nonce_length(aead) != TB_AEAD_NONCE_LEN ||
        EVP_AEAD_max_tag_len(aead) < TB_AEAD_TAG_LEN) {
        tb_why_set(why, "EVP_AEAD sizes differ from the class");
        return TB_ERROR;
    }
    if (!EVP_AEAD_CTX_init(&c->aead, aead, key, cls->key_len,
                           TB_AEAD_TAG_LEN, NULL)) {
        tb_why_set(why, "EVP_AEAD_CTX_init failed");
        return TB_ERROR;
    }
    return TB_OK;
}

static tb_status aes128gcm_init(const tb_aead_class **ctx, const uint8_t *key,
                                tb_why *why)
{
    return aead_setup(ctx, &tb_boringssl_aes128gcm, EVP_aead_aes_128_gcm(),
                      key, why);
}

static tb_status aes256gcm_init(const tb_aead_class **ctx, const uint8_t *key,
                                tb_why *why)
{
    return aead_setup(ctx, &tb_boringssl_aes256gcm, EVP_aead_aes_256_gcm(),
                      key, why);
}

static tb_status chacha_init(const tb_aead_class **ctx, const uint8_t *key,
                             tb_why *why)
{
    return aead_setup(ctx, &tb_boringssl_chacha20poly1305,
                      EVP_aead_chacha20_poly1305(), key, why);
}

static int aead_seal(const tb_aead_class **ctx, uint8_t *out,
                     uint8_t tag[TB_AEAD_TAG_LEN],
                     const uint8_t nonce[TB_AEAD_NONCE_LEN], const uint8_t *ad,
                     size_t ad_len, const uint8_t *in, size_t in_len)
{
    aead_ctx *c = aead_of(ctx);
    size_t tag_len = 0;
    if (!EVP_AEAD_CTX_seal_scatter(&c->aead, out, tag, &tag_len,
                                   TB_AEAD_TAG_LEN, nonce, TB_AEAD_NONCE_LEN,
                                   in, in_len, NULL, 0, ad, ad_len) ||
        tag_len != TB_AEAD_TAG_LEN) {
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
    return EVP_AEAD_CTX_open_gather(&c->aead, out, nonce, TB_AEAD_NONCE_LEN,
                                    in, in_len, tag, TB_AEAD_TAG_LEN, ad,
                                    ad_len)
               ? 0
               : -1;
}

static void aead_cleanup(const tb_aead_class **ctx)
{
    EVP_AEAD_CTX_cleanup(&aead_of(ctx)->aead);
}

const tb_aead_class tb_boringssl_aes128gcm = {
    .context_size = sizeof(aead_ctx),
    .alg = TB_AEAD_AES128GCM,
    .key_len = 16,
    .note = "EVP_aead_aes_128_gcm, seal_scatter/open_gather (detached tag)",
    .init = aes128gcm_init,
    .seal = aead_seal,
    .open = aead_open,
    .cleanup = aead_cleanup,
};

const tb_aead_class tb_boringssl_aes256gcm = {
    .context_size = sizeof(aead_ctx),
    .alg = TB_AEAD_AES256GCM,
    .key_len = 32,
    .note = "EVP_aead_aes_256_gcm, seal_scatter/open_gather (detached tag)",
    .init = aes256gcm_init,
    .seal = aead_seal,
    .open = aead_open,
    .cleanup = aead_cleanup,
};

const tb_aead_class tb_boringssl_chacha20poly1305 = {
    .context_size = sizeof(aead_ctx),
    .alg = TB_AEAD_CHACHA20POLY1305,
    .key_len = 32,
    .note = "EVP_aead_chacha20_poly1305, seal_scatter/open_gather (detached "
            "tag)",
    .init = chacha_init,
    .seal = aead_seal,
    .open = aead_open,
    .cleanup = aead_cleanup,
};
