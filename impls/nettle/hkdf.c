/* HKDF and HMAC: Nettle's native hkdf_extract/hkdf_expand driven by its
 * HMAC-SHA256 / HMAC-SHA384 contexts. */
#include <string.h>

#include <nettle/hkdf.h>
#include <nettle/hmac.h>

#include "classes.h"
#include "util.h"

typedef struct {
    const tb_hkdf_class *vtable;
    tb_hash hash;
    size_t hash_len;
    union {
        struct hmac_sha256_ctx s256;
        struct hmac_sha384_ctx s384;
    } h;
} hkdf_ctx;

/* hkdf.h takes nettle_hash_update_func/nettle_hash_digest_func; these
 * wrappers have exactly those types, so no function pointer is cast. */
static void h256_update(void *ctx, size_t len, const uint8_t *data)
{
    hmac_sha256_update(ctx, len, data);
}

static void h256_digest(void *ctx, size_t len, uint8_t *dst)
{
    hmac_sha256_digest(ctx, len, dst);
}

static void h384_update(void *ctx, size_t len, const uint8_t *data)
{
    hmac_sha384_update(ctx, len, data);
}

static void h384_digest(void *ctx, size_t len, uint8_t *dst)
{
    hmac_sha384_digest(ctx, len, dst);
}

static tb_status hkdf_init(const tb_hkdf_class **ctx, tb_hash hash,
                           tb_why *why)
{
    hkdf_ctx *c = (hkdf_ctx *)ctx;
    c->vtable = &tb_nettle_hkdf;
    if (hash != TB_HASH_SHA256 && hash != TB_HASH_SHA384) {
        tb_why_set(why, "unknown hash %d", (int)hash);
        return TB_ERROR;
    }
    c->hash = hash;
    c->hash_len = tb_hash_len(hash);
    return TB_OK;
}

/* Keys the context's HMAC. */
static void hkdf_key(hkdf_ctx *c, const uint8_t *key, size_t key_len)
{
    if (c->hash == TB_HASH_SHA256) {
        hmac_sha256_set_key(&c->h.s256, key_len, key);
    } else {
        hmac_sha384_set_key(&c->h.s384, key_len, key);
    }
}

static int hkdf_extract_fn(const tb_hkdf_class **ctx, uint8_t *prk,
                           const uint8_t *salt, size_t salt_len,
                           const uint8_t *ikm, size_t ikm_len)
{
    hkdf_ctx *c = (hkdf_ctx *)ctx;
    /* An empty salt needs no substitute: HMAC pads its key with zeros to
     * the block size, so "" and HashLen zeros (RFC 5869 2.2) agree. */
    hkdf_key(c, salt, salt_len);
    if (c->hash == TB_HASH_SHA256) {
        hkdf_extract(&c->h.s256, h256_update, h256_digest, c->hash_len,
                     ikm_len, ikm, prk);
    } else {
        hkdf_extract(&c->h.s384, h384_update, h384_digest, c->hash_len,
                     ikm_len, ikm, prk);
    }
    return 0;
}

static int hkdf_expand_fn(const tb_hkdf_class **ctx, uint8_t *out,
                          size_t out_len, const uint8_t *prk, size_t prk_len,
                          const uint8_t *info, size_t info_len)
{
    hkdf_ctx *c = (hkdf_ctx *)ctx;
    /* Nettle does not enforce RFC 5869's limit (its block counter is one
     * byte and would wrap). */
    if (out_len > 255 * c->hash_len) {
        return -1;
    }
    hkdf_key(c, prk, prk_len);
    if (c->hash == TB_HASH_SHA256) {
        hkdf_expand(&c->h.s256, h256_update, h256_digest, c->hash_len,
                    info_len, info, out_len, out);
    } else {
        hkdf_expand(&c->h.s384, h384_update, h384_digest, c->hash_len,
                    info_len, info, out_len, out);
    }
    return 0;
}

static int hkdf_hmac(const tb_hkdf_class **ctx, uint8_t *out,
                     const uint8_t *key, size_t key_len, const uint8_t *msg,
                     size_t msg_len)
{
    hkdf_ctx *c = (hkdf_ctx *)ctx;
    hkdf_key(c, key, key_len);
    if (c->hash == TB_HASH_SHA256) {
        hmac_sha256_update(&c->h.s256, msg_len, msg);
        hmac_sha256_digest(&c->h.s256, SHA256_DIGEST_SIZE, out);
    } else {
        hmac_sha384_update(&c->h.s384, msg_len, msg);
        hmac_sha384_digest(&c->h.s384, SHA384_DIGEST_SIZE, out);
    }
    return 0;
}

static void hkdf_cleanup(const tb_hkdf_class **ctx)
{
    hkdf_ctx *c = (hkdf_ctx *)ctx;
    explicit_bzero(&c->h, sizeof(c->h));
}

const tb_hkdf_class tb_nettle_hkdf = {
    .context_size = sizeof(hkdf_ctx),
    .note = "native hkdf_extract/hkdf_expand on Nettle hmac_sha256/"
            "hmac_sha384",
    .init = hkdf_init,
    .extract = hkdf_extract_fn,
    .expand = hkdf_expand_fn,
    .hmac = hkdf_hmac,
    .cleanup = hkdf_cleanup,
};
