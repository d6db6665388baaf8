/* AEAD: AES-GCM through mbedtls_gcm and ChaCha20-Poly1305 through
 * mbedtls_chachapoly, each keyed once in init. A build without the module
 * keeps the class, whose init then says so (the other members stay NULL:
 * the harness never calls them after a failed init). */
#include <mbedtls/chachapoly.h>
#include <mbedtls/gcm.h>

#include "classes.h"
#include "common.h"

/* ------------------------------------------------------------ AES-GCM */

#if defined(MBEDTLS_GCM_C) && defined(MBEDTLS_AES_C)

typedef struct {
    const tb_aead_class *vtable;
    mbedtls_gcm_context gcm;
} gcm_ctx;

static tb_status gcm_init(gcm_ctx *c, const uint8_t *key, unsigned key_bits,
                          tb_why *why)
{
    mbedtls_gcm_init(&c->gcm);
    int ret = mbedtls_gcm_setkey(&c->gcm, MBEDTLS_CIPHER_ID_AES, key,
                                 key_bits);
    if (ret != 0) {
        tb_why_set(why, "mbedtls_gcm_setkey: -0x%04x", (unsigned)-ret);
        return TB_ERROR;
    }
    return TB_OK;
}

static tb_status gcm128_init(const tb_aead_class **ctx, const uint8_t *key,
                             tb_why *why)
{
    return gcm_init((gcm_ctx *)ctx, key, 128, why);
}

static tb_status gcm256_init(const tb_aead_class **ctx, const uint8_t *key,
                             tb_why *why)
{
    return gcm_init((gcm_ctx *)ctx, key, 256, why);
}

static int gcm_seal(const tb_aead_class **ctx, uint8_t *out,
                    uint8_t tag[TB_AEAD_TAG_LEN],
                    const uint8_t nonce[TB_AEAD_NONCE_LEN], const uint8_t *ad,
                    size_t ad_len, const uint8_t *in, size_t in_len)
{
    gcm_ctx *c = (gcm_ctx *)ctx;
    int ret = mbedtls_gcm_crypt_and_tag(&c->gcm, MBEDTLS_GCM_ENCRYPT, in_len,
                                        nonce, TB_AEAD_NONCE_LEN, ad, ad_len,
                                        in, out, TB_AEAD_TAG_LEN, tag);
    return ret == 0 ? 0 : -1;
}

static int gcm_open(const tb_aead_class **ctx, uint8_t *out,
                    const uint8_t tag[TB_AEAD_TAG_LEN],
                    const uint8_t nonce[TB_AEAD_NONCE_LEN], const uint8_t *ad,
                    size_t ad_len, const uint8_t *in, size_t in_len)
{
    gcm_ctx *c = (gcm_ctx *)ctx;
    /* Compares the tag in constant time; MBEDTLS_ERR_GCM_AUTH_FAILED
     * otherwise. */
    int ret = mbedtls_gcm_auth_decrypt(&c->gcm, in_len, nonce,
                                       TB_AEAD_NONCE_LEN, ad, ad_len, tag,
                                       TB_AEAD_TAG_LEN, in, out);
    return ret == 0 ? 0 : -1;
}

static void gcm_cleanup(const tb_aead_class **ctx)
{
    gcm_ctx *c = (gcm_ctx *)ctx;
    mbedtls_gcm_free(&c->gcm);
}

#define GCM_MEMBERS .seal = gcm_seal, .open = gcm_open, .cleanup = gcm_cleanup
#define GCM_NOTE                                                          \
    "mbedtls_gcm_crypt_and_tag/auth_decrypt; AES-NI + PCLMUL GHASH when " \
    "the CPU has them (see describe)"

#else

typedef struct {
    const tb_aead_class *vtable;
} gcm_ctx;

static tb_status gcm_off(tb_why *why)
{
    tb_why_set(why, "this Mbed TLS build lacks MBEDTLS_GCM_C or AES_C");
    return TB_UNSUPPORTED;
}

static tb_status gcm128_init(const tb_aead_class **ctx, const uint8_t *key,
                             tb_why *why)
{
    (void)ctx;
    (void)key;
    return gcm_off(why);
}

static tb_status gcm256_init(const tb_aead_class **ctx, const uint8_t *key,
                             tb_why *why)
{
    (void)ctx;
    (void)key;
    return gcm_off(why);
}

static void gcm_cleanup(const tb_aead_class **ctx)
{
    (void)ctx;
}

#define GCM_MEMBERS .cleanup = gcm_cleanup
#define GCM_NOTE "not in this build"

#endif

const tb_aead_class tb_mbedtls_aes128gcm = {
    .context_size = sizeof(gcm_ctx),
    .alg = TB_AEAD_AES128GCM,
    .key_len = 16,
    .note = GCM_NOTE,
    .init = gcm128_init,
    GCM_MEMBERS,
};

const tb_aead_class tb_mbedtls_aes256gcm = {
    .context_size = sizeof(gcm_ctx),
    .alg = TB_AEAD_AES256GCM,
    .key_len = 32,
    .note = GCM_NOTE,
    .init = gcm256_init,
    GCM_MEMBERS,
};

/* -------------------------------------------------- ChaCha20-Poly1305 */

#if defined(MBEDTLS_CHACHAPOLY_C)

typedef struct {
    const tb_aead_class *vtable;
    mbedtls_chachapoly_context cp;
} chachapoly_ctx;

static tb_status chachapoly_init(const tb_aead_class **ctx,
                                 const uint8_t *key, tb_why *why)
{
    chachapoly_ctx *c = (chachapoly_ctx *)ctx;
    mbedtls_chachapoly_init(&c->cp);
    int ret = mbedtls_chachapoly_setkey(&c->cp, key);
    if (ret != 0) {
        tb_why_set(why, "mbedtls_chachapoly_setkey: -0x%04x", (unsigned)-ret);
        return TB_ERROR;
    }
    return TB_OK;
}

static int chachapoly_seal(const tb_aead_class **ctx, uint8_t *out,
                           uint8_t tag[TB_AEAD_TAG_LEN],
                           const uint8_t nonce[TB_AEAD_NONCE_LEN],
                           const uint8_t *ad, size_t ad_len, const uint8_t *in,
                           size_t in_len)
{
    chachapoly_ctx *c = (chachapoly_ctx *)ctx;
    int ret = mbedtls_chachapoly_encrypt_and_tag(&c->cp, in_len, nonce, ad,
                                                 ad_len, in, out, tag);
    return ret == 0 ? 0 : -1;
}

static int chachapoly_open(const tb_aead_class **ctx, uint8_t *out,
                           const uint8_t tag[TB_AEAD_TAG_LEN],
                           const uint8_t nonce[TB_AEAD_NONCE_LEN],
                           const uint8_t *ad, size_t ad_len, const uint8_t *in,
                           size_t in_len)
{
    chachapoly_ctx *c = (chachapoly_ctx *)ctx;
    int ret = mbedtls_chachapoly_auth_decrypt(&c->cp, in_len, nonce, ad,
                                              ad_len, tag, in, out);
    return ret == 0 ? 0 : -1;
}

static void chachapoly_cleanup(const tb_aead_class **ctx)
{
    chachapoly_ctx *c = (chachapoly_ctx *)ctx;
    mbedtls_chachapoly_free(&c->cp);
}

#define CHACHAPOLY_MEMBERS                                \
    .seal = chachapoly_seal, .open = chachapoly_open,     \
    .cleanup = chachapoly_cleanup
#define CHACHAPOLY_NOTE \
    "mbedtls_chachapoly_encrypt_and_tag/auth_decrypt (portable C only)"

#else

typedef struct {
    const tb_aead_class *vtable;
} chachapoly_ctx;

static tb_status chachapoly_init(const tb_aead_class **ctx,
                                 const uint8_t *key, tb_why *why)
{
    (void)ctx;
    (void)key;
    tb_why_set(why, "this Mbed TLS build lacks MBEDTLS_CHACHAPOLY_C");
    return TB_UNSUPPORTED;
}

static void chachapoly_cleanup(const tb_aead_class **ctx)
{
    (void)ctx;
}

#define CHACHAPOLY_MEMBERS .cleanup = chachapoly_cleanup
#define CHACHAPOLY_NOTE "not in this build"

#endif

const tb_aead_class tb_mbedtls_chacha20poly1305 = {
    .context_size = sizeof(chachapoly_ctx),
    .alg = TB_AEAD_CHACHA20POLY1305,
    .key_len = 32,
    .note = CHACHAPOLY_NOTE,
    .init = chachapoly_init,
    CHACHAPOLY_MEMBERS,
};
