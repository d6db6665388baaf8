/* TLS 1.2 PRF: Nettle has none, so P_hash (bench/hmac_kdf.h) runs on
 * Nettle's HMAC-SHA256 / HMAC-SHA384. */
#include <string.h>

#include <nettle/hmac.h>

#include "classes.h"
#include "hmac_kdf.h"
#include "util.h"

typedef struct {
    const tb_prf_class *vtable;
    tb_hash hash;
    union {
        struct hmac_sha256_ctx s256;
        struct hmac_sha384_ctx s384;
    } h;
} prf_ctx;

static tb_status prf_init(const tb_prf_class **ctx, tb_hash hash, tb_why *why)
{
    prf_ctx *c = (prf_ctx *)ctx;
    c->vtable = &tb_nettle_prf;
    if (hash != TB_HASH_SHA256 && hash != TB_HASH_SHA384) {
        tb_why_set(why, "unknown hash %d", (int)hash);
        return TB_ERROR;
    }
    c->hash = hash;
    return TB_OK;
}

/* tb_hmac_fn on the context's HMAC state (keyed per call: P_hash passes
 * the secret each time). */
static int prf_hmac(void *arg, uint8_t *out, const uint8_t *key,
                    size_t key_len, const uint8_t *msg, size_t msg_len)
{
    prf_ctx *c = arg;
    if (c->hash == TB_HASH_SHA256) {
        hmac_sha256_set_key(&c->h.s256, key_len, key);
        hmac_sha256_update(&c->h.s256, msg_len, msg);
        hmac_sha256_digest(&c->h.s256, SHA256_DIGEST_SIZE, out);
    } else {
        hmac_sha384_set_key(&c->h.s384, key_len, key);
        hmac_sha384_update(&c->h.s384, msg_len, msg);
        hmac_sha384_digest(&c->h.s384, SHA384_DIGEST_SIZE, out);
    }
    return 0;
}

static int prf_prf(const tb_prf_class **ctx, uint8_t *out, size_t out_len,
                   const uint8_t *secret, size_t secret_len,
                   const uint8_t *label, size_t label_len,
                   const uint8_t *seed, size_t seed_len)
{
    prf_ctx *c = (prf_ctx *)ctx;
    return tb_p_hash(prf_hmac, c, tb_hash_len(c->hash), out, out_len, secret,
                     secret_len, label, label_len, seed, seed_len);
}

static void prf_cleanup(const tb_prf_class **ctx)
{
    prf_ctx *c = (prf_ctx *)ctx;
    explicit_bzero(&c->h, sizeof(c->h));
}

const tb_prf_class tb_nettle_prf = {
    .context_size = sizeof(prf_ctx),
    .note = "P_hash on Nettle hmac_sha256/hmac_sha384 (no native TLS PRF)",
    .init = prf_init,
    .prf = prf_prf,
    .cleanup = prf_cleanup,
};
