/* HKDF and HMAC: wolfCrypt's native wc_HKDF_Extract / wc_HKDF_Expand and
 * wc_Hmac* on an Hmac object kept in the context. */
#include <wolfssl/options.h>
#include <wolfssl/wolfcrypt/settings.h>
#include <wolfssl/wolfcrypt/hmac.h>

#include <stdint.h>
#include <string.h>

#include "backend.h"
#include "classes.h"
#include "util.h"

typedef struct {
    const tb_hkdf_class *vtable;
    int ready;  /* wc_HmacInit done */
    int type;   /* WC_SHA256 / WC_SHA384 */
    size_t hash_len;
    Hmac hmac;
} hkdf_ctx;

static tb_status hkdf_init(const tb_hkdf_class **ctx, tb_hash hash,
                           tb_why *why)
{
    hkdf_ctx *c = (hkdf_ctx *)ctx;
    const tb_hkdf_class *vt = c->vtable;
    memset(c, 0, sizeof(*c));
    c->vtable = vt;
    switch (hash) {
    case TB_HASH_SHA256:
        c->type = WC_SHA256;
        c->hash_len = WC_SHA256_DIGEST_SIZE;
        break;
    case TB_HASH_SHA384:
        c->type = WC_SHA384;
        c->hash_len = WC_SHA384_DIGEST_SIZE;
        break;
    default:
        tb_why_set(why, "unknown hash %d", (int)hash);
        return TB_ERROR;
    }
    if (wc_HmacInit(&c->hmac, NULL, INVALID_DEVID) != 0) {
        tb_why_set(why, "wc_HmacInit failed");
        return TB_ERROR;
    }
    c->ready = 1;
    return TB_OK;
}

static int hkdf_extract(const tb_hkdf_class **ctx, uint8_t *prk,
                        const uint8_t *salt, size_t salt_len,
                        const uint8_t *ikm, size_t ikm_len)
{
    hkdf_ctx *c = (hkdf_ctx *)ctx;
    if (salt_len > UINT32_MAX || ikm_len > UINT32_MAX) {
        return -1;
    }
    /* An empty salt keys HMAC with the empty string, which HMAC's zero
     * padding makes equal to RFC 5869's hash_len zero bytes. */
    return wc_HKDF_Extract(c->type, salt, (word32)salt_len, ikm,
                           (word32)ikm_len, prk) == 0
               ? 0
               : -1;
}

static int hkdf_expand(const tb_hkdf_class **ctx, uint8_t *out, size_t out_len,
                       const uint8_t *prk, size_t prk_len, const uint8_t *info,
                       size_t info_len)
{
    hkdf_ctx *c = (hkdf_ctx *)ctx;
    if (out_len > 255 * c->hash_len || prk_len > UINT32_MAX ||
        info_len > UINT32_MAX) {
        return -1;
    }
    return wc_HKDF_Expand(c->type, prk, (word32)prk_len, info,
                          (word32)info_len, out, (word32)out_len) == 0
               ? 0
               : -1;
}

static int hkdf_hmac(const tb_hkdf_class **ctx, uint8_t *out,
                     const uint8_t *key, size_t key_len, const uint8_t *msg,
                     size_t msg_len)
{
    hkdf_ctx *c = (hkdf_ctx *)ctx;
    if (key_len > UINT32_MAX || msg_len > UINT32_MAX) {
        return -1;
    }
    /* The key differs per call (Finished keys), so SetKey is timed too. */
    if (wc_HmacSetKey(&c->hmac, c->type, key, (word32)key_len) != 0 ||
        wc_HmacUpdate(&c->hmac, msg, (word32)msg_len) != 0 ||
        wc_HmacFinal(&c->hmac, out) != 0) {
        return -1;
    }
    return 0;
}

static void hkdf_cleanup(const tb_hkdf_class **ctx)
{
    hkdf_ctx *c = (hkdf_ctx *)ctx;
    if (c->ready) {
        wc_HmacFree(&c->hmac);
        c->ready = 0;
    }
}

const tb_hkdf_class tb_wolfssl_hkdf = {
    .context_size = sizeof(hkdf_ctx),
    .note = "native: wc_HKDF_Extract/Expand; HMAC wc_HmacSetKey/Update/Final",
    .init = hkdf_init,
    .extract = hkdf_extract,
    .expand = hkdf_expand,
    .hmac = hkdf_hmac,
    .cleanup = hkdf_cleanup,
};
