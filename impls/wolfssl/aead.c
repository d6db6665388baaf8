/* AEAD: AES-GCM (wc_AesGcm*) and ChaCha20-Poly1305 (wc_ChaCha20Poly1305_*)
 * from wolfCrypt. */
#include <wolfssl/options.h>
#include <wolfssl/wolfcrypt/settings.h>
#include <wolfssl/wolfcrypt/aes.h>
#include <wolfssl/wolfcrypt/chacha20_poly1305.h>

#include <stdint.h>
#include <string.h>

#include "backend.h"
#include "classes.h"
#include "paths.h"
#include "util.h"

/* ------------------------------------------------------------ AES-GCM */

typedef struct {
    const tb_aead_class *vtable;
    int aes_ready; /* wc_AesInit done, so cleanup must wc_AesFree */
    Aes aes;
} aesgcm_ctx;

static tb_status aesgcm_init(const tb_aead_class **ctx, const uint8_t *key,
                             tb_why *why)
{
    aesgcm_ctx *c = (aesgcm_ctx *)ctx;
    const tb_aead_class *vt = c->vtable;
    memset(c, 0, sizeof(*c));
    c->vtable = vt;
    if (wc_AesInit(&c->aes, NULL, INVALID_DEVID) != 0) {
        tb_why_set(why, "wc_AesInit failed");
        return TB_ERROR;
    }
    c->aes_ready = 1;
    /* The key schedule and GHASH table are built here, once. */
    int rc = wc_AesGcmSetKey(&c->aes, key, (word32)vt->key_len);
    if (rc != 0) {
        tb_why_set(why, "wc_AesGcmSetKey: %d", rc);
        return TB_ERROR;
    }
    return TB_OK;
}

static int aesgcm_seal(const tb_aead_class **ctx, uint8_t *out,
                       uint8_t tag[TB_AEAD_TAG_LEN],
                       const uint8_t nonce[TB_AEAD_NONCE_LEN],
                       const uint8_t *ad, size_t ad_len, const uint8_t *in,
                       size_t in_len)
{
    aesgcm_ctx *c = (aesgcm_ctx *)ctx;
    if (in_len > UINT32_MAX || ad_len > UINT32_MAX) {
        return -1;
    }
    return wc_AesGcmEncrypt(&c->aes, out, in, (word32)in_len, nonce,
                            TB_AEAD_NONCE_LEN, tag, TB_AEAD_TAG_LEN, ad,
                            (word32)ad_len) == 0
               ? 0
               : -1;
}

static int aesgcm_open(const tb_aead_class **ctx, uint8_t *out,
                       const uint8_t tag[TB_AEAD_TAG_LEN],
                       const uint8_t nonce[TB_AEAD_NONCE_LEN],
                       const uint8_t *ad, size_t ad_len, const uint8_t *in,
                       size_t in_len)
{
    aesgcm_ctx *c = (aesgcm_ctx *)ctx;
    if (in_len > UINT32_MAX || ad_len > UINT32_MAX) {
        return -1;
    }
    /* AES_GCM_AUTH_E on a bad tag. */
    return wc_AesGcmDecrypt(&c->aes, out, in, (word32)in_len, nonce,
                            TB_AEAD_NONCE_LEN, tag, TB_AEAD_TAG_LEN, ad,
                            (word32)ad_len) == 0
               ? 0
               : -1;
}

static void aesgcm_cleanup(const tb_aead_class **ctx)
{
    aesgcm_ctx *c = (aesgcm_ctx *)ctx;
    if (c->aes_ready) {
        wc_AesFree(&c->aes);
        c->aes_ready = 0;
    }
}

const tb_aead_class tb_wolfssl_aes128gcm = {
    .context_size = sizeof(aesgcm_ctx),
    .alg = TB_AEAD_AES128GCM,
    .key_len = 16,
    .note = "wc_AesGcmEncrypt/Decrypt; " TBW_AES_PATH,
    .init = aesgcm_init,
    .seal = aesgcm_seal,
    .open = aesgcm_open,
    .cleanup = aesgcm_cleanup,
};

const tb_aead_class tb_wolfssl_aes256gcm = {
    .context_size = sizeof(aesgcm_ctx),
    .alg = TB_AEAD_AES256GCM,
    .key_len = 32,
    .note = "wc_AesGcmEncrypt/Decrypt; " TBW_AES_PATH,
    .init = aesgcm_init,
    .seal = aesgcm_seal,
    .open = aesgcm_open,
    .cleanup = aesgcm_cleanup,
};

/* -------------------------------------------------- ChaCha20-Poly1305 */

/* wolfCrypt's ChaCha20-Poly1305 API takes the key on every call (ChaCha20
 * has no key schedule to precompute), so init only keeps a copy. */
typedef struct {
    const tb_aead_class *vtable;
    uint8_t key[CHACHA20_POLY1305_AEAD_KEYSIZE];
} chapoly_ctx;

static tb_status chapoly_init(const tb_aead_class **ctx, const uint8_t *key,
                              tb_why *why)
{
    chapoly_ctx *c = (chapoly_ctx *)ctx;
    (void)why;
    memcpy(c->key, key, sizeof(c->key));
    return TB_OK;
}

static int chapoly_seal(const tb_aead_class **ctx, uint8_t *out,
                        uint8_t tag[TB_AEAD_TAG_LEN],
                        const uint8_t nonce[TB_AEAD_NONCE_LEN],
                        const uint8_t *ad, size_t ad_len, const uint8_t *in,
                        size_t in_len)
{
    chapoly_ctx *c = (chapoly_ctx *)ctx;
    if (in_len > UINT32_MAX || ad_len > UINT32_MAX) {
        return -1;
    }
    return wc_ChaCha20Poly1305_Encrypt(c->key, nonce, ad, (word32)ad_len, in,
                                       (word32)in_len, out, tag) == 0
               ? 0
               : -1;
}

static int chapoly_open(const tb_aead_class **ctx, uint8_t *out,
                        const uint8_t tag[TB_AEAD_TAG_LEN],
                        const uint8_t nonce[TB_AEAD_NONCE_LEN],
                        const uint8_t *ad, size_t ad_len, const uint8_t *in,
                        size_t in_len)
{
    chapoly_ctx *c = (chapoly_ctx *)ctx;
    if (in_len > UINT32_MAX || ad_len > UINT32_MAX) {
        return -1;
    }
    /* MAC_CMP_FAILED_E on a bad tag. */
    return wc_ChaCha20Poly1305_Decrypt(c->key, nonce, ad, (word32)ad_len, in,
                                       (word32)in_len, tag, out) == 0
               ? 0
               : -1;
}

static void chapoly_cleanup(const tb_aead_class **ctx)
{
    chapoly_ctx *c = (chapoly_ctx *)ctx;
    memset(c->key, 0, sizeof(c->key));
}

const tb_aead_class tb_wolfssl_chacha20poly1305 = {
    .context_size = sizeof(chapoly_ctx),
    .alg = TB_AEAD_CHACHA20POLY1305,
    .key_len = 32,
    .note = "wc_ChaCha20Poly1305_Encrypt/Decrypt one-shot (key per call); "
            TBW_CHACHA_PATH,
    .init = chapoly_init,
    .seal = chapoly_seal,
    .open = chapoly_open,
    .cleanup = chapoly_cleanup,
};
