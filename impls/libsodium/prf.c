/* TLS 1.2 PRF (RFC 5246 5). libsodium has no TLS PRF, so P_hash is built on
 * its HMAC-SHA-256 with bench/hmac_kdf.h. It has no HMAC-SHA-384 (only
 * HMAC-SHA-512 and HMAC-SHA-512/256), hence no PRF-SHA-384. */
#include <stdint.h>

#include "classes.h"
#include "hmac_kdf.h"
#include "hmac_sha256.h"

typedef struct {
    const tb_prf_class *vtable;
} prf_ctx;

static tb_status prf_init(const tb_prf_class **ctx, tb_hash hash, tb_why *why)
{
    prf_ctx *c = (prf_ctx *)ctx;
    c->vtable = &tb_libsodium_prf;
    if (hash == TB_HASH_SHA384) {
        tb_why_set(why, "libsodium has no HMAC-SHA-384");
        return TB_UNSUPPORTED;
    }
    if (hash != TB_HASH_SHA256) {
        tb_why_set(why, "unknown hash %d", (int)hash);
        return TB_ERROR;
    }
    return TB_OK;
}

static int prf_prf(const tb_prf_class **ctx, uint8_t *out, size_t out_len,
                   const uint8_t *secret, size_t secret_len,
                   const uint8_t *label, size_t label_len, const uint8_t *seed,
                   size_t seed_len)
{
    (void)ctx;
    return tb_p_hash(tb_libsodium_hmac_sha256, NULL,
                     crypto_auth_hmacsha256_BYTES, out, out_len, secret,
                     secret_len, label, label_len, seed, seed_len);
}

static void prf_cleanup(const tb_prf_class **ctx)
{
    (void)ctx;
}

const tb_prf_class tb_libsodium_prf = {
    .context_size = sizeof(prf_ctx),
    .note = "P_hash on crypto_auth_hmacsha256 (no native TLS PRF)",
    .init = prf_init,
    .prf = prf_prf,
    .cleanup = prf_cleanup,
};
