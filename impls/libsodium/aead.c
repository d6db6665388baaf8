/* AEAD: ChaCha20-Poly1305 (RFC 8439) and AES-256-GCM. libsodium has no
 * AES-128-GCM (that class is NULL in backend.c). */
#include <limits.h>
#include <stdint.h>
#include <string.h>

#include <sodium.h>

#include "classes.h"

/* libsodium takes every length as unsigned long long. */
_Static_assert(SIZE_MAX <= ULLONG_MAX, "size_t must fit unsigned long long");

/* The record calls declare their buffers nonnull; an empty record may come
 * with NULL pointers, so those are pointed at a dummy byte. */
static uint8_t empty_out[1];
static const uint8_t empty_in[1];

/* ------------------------------------------------------ AES-256-GCM */

typedef struct {
    const tb_aead_class *vtable;
    /* Expanded AES key and GHASH powers (CRYPTO_ALIGN(16)). */
    crypto_aead_aes256gcm_state st;
} aes256gcm_ctx;

static tb_status aes256gcm_init(const tb_aead_class **ctx, const uint8_t *key,
                                tb_why *why)
{
    aes256gcm_ctx *c = (aes256gcm_ctx *)ctx;
    c->vtable = &tb_libsodium_aes256gcm;
    /* libsodium 1.0.18 ships AES-GCM only as AES-NI + PCLMUL code. */
    if (!crypto_aead_aes256gcm_is_available()) {
        tb_why_set(why, "libsodium AES-256-GCM needs AES-NI and PCLMUL");
        return TB_UNSUPPORTED;
    }
    if (crypto_aead_aes256gcm_beforenm(&c->st, key) != 0) {
        tb_why_set(why, "crypto_aead_aes256gcm_beforenm failed");
        return TB_ERROR;
    }
    return TB_OK;
}

static int aes256gcm_seal(const tb_aead_class **ctx, uint8_t *out,
                          uint8_t tag[TB_AEAD_TAG_LEN],
                          const uint8_t nonce[TB_AEAD_NONCE_LEN],
                          const uint8_t *ad, size_t ad_len, const uint8_t *in,
                          size_t in_len)
{
    const aes256gcm_ctx *c = (const aes256gcm_ctx *)ctx;
    /* Over the limit libsodium aborts (sodium_misuse) instead of failing. */
    if (in_len > crypto_aead_aes256gcm_MESSAGEBYTES_MAX) {
        return -1;
    }
    return crypto_aead_aes256gcm_encrypt_detached_afternm(
               out != NULL ? out : empty_out, tag, NULL, in, in_len, ad,
               ad_len, NULL, nonce, &c->st) == 0
               ? 0
               : -1;
}

static int aes256gcm_open(const tb_aead_class **ctx, uint8_t *out,
                          const uint8_t tag[TB_AEAD_TAG_LEN],
                          const uint8_t nonce[TB_AEAD_NONCE_LEN],
                          const uint8_t *ad, size_t ad_len, const uint8_t *in,
                          size_t in_len)
{
    const aes256gcm_ctx *c = (const aes256gcm_ctx *)ctx;
    if (in_len > crypto_aead_aes256gcm_MESSAGEBYTES_MAX) {
        return -1;
    }
    return crypto_aead_aes256gcm_decrypt_detached_afternm(
               out, NULL, in != NULL ? in : empty_in, in_len, tag, ad, ad_len,
               nonce, &c->st) == 0
               ? 0
               : -1;
}

static void aes256gcm_cleanup(const tb_aead_class **ctx)
{
    aes256gcm_ctx *c = (aes256gcm_ctx *)ctx;
    sodium_memzero(&c->st, sizeof(c->st));
}

const tb_aead_class tb_libsodium_aes256gcm = {
    .context_size = sizeof(aes256gcm_ctx),
    .alg = TB_AEAD_AES256GCM,
    .key_len = 32,
    .note = "crypto_aead_aes256gcm beforenm + *_detached_afternm "
            "(AES-NI+PCLMUL only)",
    .init = aes256gcm_init,
    .seal = aes256gcm_seal,
    .open = aes256gcm_open,
    .cleanup = aes256gcm_cleanup,
};

/* ------------------------------------------------ ChaCha20-Poly1305 */

/* ChaCha20 has no key schedule: the IETF calls take the raw key each time,
 * so init only keeps a copy. */
typedef struct {
    const tb_aead_class *vtable;
    uint8_t key[crypto_aead_chacha20poly1305_ietf_KEYBYTES];
} chacha_ctx;

static tb_status chacha_init(const tb_aead_class **ctx, const uint8_t *key,
                             tb_why *why)
{
    chacha_ctx *c = (chacha_ctx *)ctx;
    (void)why;
    c->vtable = &tb_libsodium_chacha20poly1305;
    memcpy(c->key, key, sizeof(c->key));
    return TB_OK;
}

static int chacha_seal(const tb_aead_class **ctx, uint8_t *out,
                       uint8_t tag[TB_AEAD_TAG_LEN],
                       const uint8_t nonce[TB_AEAD_NONCE_LEN],
                       const uint8_t *ad, size_t ad_len, const uint8_t *in,
                       size_t in_len)
{
    const chacha_ctx *c = (const chacha_ctx *)ctx;
    if (in_len > crypto_aead_chacha20poly1305_ietf_MESSAGEBYTES_MAX) {
        return -1;
    }
    return crypto_aead_chacha20poly1305_ietf_encrypt_detached(
               out != NULL ? out : empty_out, tag, NULL, in, in_len, ad,
               ad_len, NULL, nonce, c->key) == 0
               ? 0
               : -1;
}

static int chacha_open(const tb_aead_class **ctx, uint8_t *out,
                       const uint8_t tag[TB_AEAD_TAG_LEN],
                       const uint8_t nonce[TB_AEAD_NONCE_LEN],
                       const uint8_t *ad, size_t ad_len, const uint8_t *in,
                       size_t in_len)
{
    const chacha_ctx *c = (const chacha_ctx *)ctx;
    if (in_len > crypto_aead_chacha20poly1305_ietf_MESSAGEBYTES_MAX) {
        return -1;
    }
    return crypto_aead_chacha20poly1305_ietf_decrypt_detached(
               out, NULL, in != NULL ? in : empty_in, in_len, tag, ad, ad_len,
               nonce, c->key) == 0
               ? 0
               : -1;
}

static void chacha_cleanup(const tb_aead_class **ctx)
{
    chacha_ctx *c = (chacha_ctx *)ctx;
    sodium_memzero(c->key, sizeof(c->key));
}

const tb_aead_class tb_libsodium_chacha20poly1305 = {
    .context_size = sizeof(chacha_ctx),
    .alg = TB_AEAD_CHACHA20POLY1305,
    .key_len = 32,
    .note = "crypto_aead_chacha20poly1305_ietf_*_detached "
            "(no key schedule: raw key per call)",
    .init = chacha_init,
    .seal = chacha_seal,
    .open = chacha_open,
    .cleanup = chacha_cleanup,
};
