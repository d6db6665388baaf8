/* AEAD: AES-128-GCM, AES-256-GCM and ChaCha20-Poly1305 on Nettle's
 * gcm_aes128/gcm_aes256 and chacha_poly1305 contexts. */
#include <string.h>

#include <nettle/chacha-poly1305.h>
#include <nettle/gcm.h>
#include <nettle/memops.h>

#include "classes.h"

/* ------------------------------------------------------------ AES-128-GCM */

typedef struct {
    const tb_aead_class *vtable;
    struct gcm_aes128_ctx gcm;
} gcm128_ctx;

static tb_status gcm128_init(const tb_aead_class **ctx, const uint8_t *key,
                             tb_why *why)
{
    (void)why;
    gcm128_ctx *c = (gcm128_ctx *)ctx;
    c->vtable = &tb_nettle_aes128gcm;
    /* Key schedule and the GHASH key table, once. */
    gcm_aes128_set_key(&c->gcm, key);
    return TB_OK;
}

static int gcm128_seal(const tb_aead_class **ctx, uint8_t *out,
                       uint8_t tag[TB_AEAD_TAG_LEN],
                       const uint8_t nonce[TB_AEAD_NONCE_LEN],
                       const uint8_t *ad, size_t ad_len, const uint8_t *in,
                       size_t in_len)
{
    gcm128_ctx *c = (gcm128_ctx *)ctx;
    gcm_aes128_set_iv(&c->gcm, TB_AEAD_NONCE_LEN, nonce);
    gcm_aes128_update(&c->gcm, ad_len, ad);
    gcm_aes128_encrypt(&c->gcm, in_len, out, in);
    gcm_aes128_digest(&c->gcm, TB_AEAD_TAG_LEN, tag);
    return 0;
}

static int gcm128_open(const tb_aead_class **ctx, uint8_t *out,
                       const uint8_t tag[TB_AEAD_TAG_LEN],
                       const uint8_t nonce[TB_AEAD_NONCE_LEN],
                       const uint8_t *ad, size_t ad_len, const uint8_t *in,
                       size_t in_len)
{
    gcm128_ctx *c = (gcm128_ctx *)ctx;
    uint8_t want[TB_AEAD_TAG_LEN];
    gcm_aes128_set_iv(&c->gcm, TB_AEAD_NONCE_LEN, nonce);
    gcm_aes128_update(&c->gcm, ad_len, ad);
    gcm_aes128_decrypt(&c->gcm, in_len, out, in);
    gcm_aes128_digest(&c->gcm, TB_AEAD_TAG_LEN, want);
    return memeql_sec(want, tag, TB_AEAD_TAG_LEN) ? 0 : -1;
}

static void gcm128_cleanup(const tb_aead_class **ctx)
{
    gcm128_ctx *c = (gcm128_ctx *)ctx;
    explicit_bzero(&c->gcm, sizeof(c->gcm));
}

const tb_aead_class tb_nettle_aes128gcm = {
    .context_size = sizeof(gcm128_ctx),
    .alg = TB_AEAD_AES128GCM,
    .key_len = 16,
    .note = "gcm_aes128_*; AES-NI/PCLMUL chosen by Nettle's fat dispatch "
            "(see describe)",
    .init = gcm128_init,
    .seal = gcm128_seal,
    .open = gcm128_open,
    .cleanup = gcm128_cleanup,
};

/* ------------------------------------------------------------ AES-256-GCM */

typedef struct {
    const tb_aead_class *vtable;
    struct gcm_aes256_ctx gcm;
} gcm256_ctx;

static tb_status gcm256_init(const tb_aead_class **ctx, const uint8_t *key,
                             tb_why *why)
{
    (void)why;
    gcm256_ctx *c = (gcm256_ctx *)ctx;
    c->vtable = &tb_nettle_aes256gcm;
    gcm_aes256_set_key(&c->gcm, key);
    return TB_OK;
}

static int gcm256_seal(const tb_aead_class **ctx, uint8_t *out,
                       uint8_t tag[TB_AEAD_TAG_LEN],
                       const uint8_t nonce[TB_AEAD_NONCE_LEN],
                       const uint8_t *ad, size_t ad_len, const uint8_t *in,
                       size_t in_len)
{
    gcm256_ctx *c = (gcm256_ctx *)ctx;
    gcm_aes256_set_iv(&c->gcm, TB_AEAD_NONCE_LEN, nonce);
    gcm_aes256_update(&c->gcm, ad_len, ad);
    gcm_aes256_encrypt(&c->gcm, in_len, out, in);
    gcm_aes256_digest(&c->gcm, TB_AEAD_TAG_LEN, tag);
    return 0;
}

static int gcm256_open(const tb_aead_class **ctx, uint8_t *out,
                       const uint8_t tag[TB_AEAD_TAG_LEN],
                       const uint8_t nonce[TB_AEAD_NONCE_LEN],
                       const uint8_t *ad, size_t ad_len, const uint8_t *in,
                       size_t in_len)
{
    gcm256_ctx *c = (gcm256_ctx *)ctx;
    uint8_t want[TB_AEAD_TAG_LEN];
    gcm_aes256_set_iv(&c->gcm, TB_AEAD_NONCE_LEN, nonce);
    gcm_aes256_update(&c->gcm, ad_len, ad);
    gcm_aes256_decrypt(&c->gcm, in_len, out, in);
    gcm_aes256_digest(&c->gcm, TB_AEAD_TAG_LEN, want);
    return memeql_sec(want, tag, TB_AEAD_TAG_LEN) ? 0 : -1;
}

static void gcm256_cleanup(const tb_aead_class **ctx)
{
    gcm256_ctx *c = (gcm256_ctx *)ctx;
    explicit_bzero(&c->gcm, sizeof(c->gcm));
}

const tb_aead_class tb_nettle_aes256gcm = {
    .context_size = sizeof(gcm256_ctx),
    .alg = TB_AEAD_AES256GCM,
    .key_len = 32,
    .note = "gcm_aes256_*; AES-NI/PCLMUL chosen by Nettle's fat dispatch "
            "(see describe)",
    .init = gcm256_init,
    .seal = gcm256_seal,
    .open = gcm256_open,
    .cleanup = gcm256_cleanup,
};

/* ------------------------------------------------------ ChaCha20-Poly1305 */

typedef struct {
    const tb_aead_class *vtable;
    struct chacha_poly1305_ctx cp;
} chacha_ctx;

static tb_status chacha_init(const tb_aead_class **ctx, const uint8_t *key,
                             tb_why *why)
{
    (void)why;
    chacha_ctx *c = (chacha_ctx *)ctx;
    c->vtable = &tb_nettle_chacha20poly1305;
    chacha_poly1305_set_key(&c->cp, key);
    return TB_OK;
}

static int chacha_seal(const tb_aead_class **ctx, uint8_t *out,
                       uint8_t tag[TB_AEAD_TAG_LEN],
                       const uint8_t nonce[TB_AEAD_NONCE_LEN],
                       const uint8_t *ad, size_t ad_len, const uint8_t *in,
                       size_t in_len)
{
    chacha_ctx *c = (chacha_ctx *)ctx;
    /* set_nonce also derives this record's Poly1305 key (RFC 8439 2.6). */
    chacha_poly1305_set_nonce(&c->cp, nonce);
    chacha_poly1305_update(&c->cp, ad_len, ad);
    chacha_poly1305_encrypt(&c->cp, in_len, out, in);
    chacha_poly1305_digest(&c->cp, TB_AEAD_TAG_LEN, tag);
    return 0;
}

static int chacha_open(const tb_aead_class **ctx, uint8_t *out,
                       const uint8_t tag[TB_AEAD_TAG_LEN],
                       const uint8_t nonce[TB_AEAD_NONCE_LEN],
                       const uint8_t *ad, size_t ad_len, const uint8_t *in,
                       size_t in_len)
{
    chacha_ctx *c = (chacha_ctx *)ctx;
    uint8_t want[TB_AEAD_TAG_LEN];
    chacha_poly1305_set_nonce(&c->cp, nonce);
    chacha_poly1305_update(&c->cp, ad_len, ad);
    chacha_poly1305_decrypt(&c->cp, in_len, out, in);
    chacha_poly1305_digest(&c->cp, TB_AEAD_TAG_LEN, want);
    return memeql_sec(want, tag, TB_AEAD_TAG_LEN) ? 0 : -1;
}

static void chacha_cleanup(const tb_aead_class **ctx)
{
    chacha_ctx *c = (chacha_ctx *)ctx;
    explicit_bzero(&c->cp, sizeof(c->cp));
}

const tb_aead_class tb_nettle_chacha20poly1305 = {
    .context_size = sizeof(chacha_ctx),
    .alg = TB_AEAD_CHACHA20POLY1305,
    .key_len = 32,
    .note = "chacha_poly1305_* (not fat-dispatched; build's fixed "
            "ChaCha/Poly1305 code)",
    .init = chacha_init,
    .seal = chacha_seal,
    .open = chacha_open,
    .cleanup = chacha_cleanup,
};
