/* TLS 1.2 PRF: wolfCrypt's native wc_PRF_TLS. */
#include <wolfssl/options.h>
#include <wolfssl/wolfcrypt/settings.h>
#include <wolfssl/wolfcrypt/hash.h>
#include <wolfssl/wolfcrypt/kdf.h>

#include <stdint.h>
#include <string.h>

#include "backend.h"
#include "classes.h"
#include "util.h"

typedef struct {
    const tb_prf_class *vtable;
    int mac; /* wolfSSL's MAC id: sha256_mac / sha384_mac */
} prf_ctx;

static tb_status prf_init(const tb_prf_class **ctx, tb_hash hash, tb_why *why)
{
    prf_ctx *c = (prf_ctx *)ctx;
    switch (hash) {
    case TB_HASH_SHA256:
        c->mac = sha256_mac;
        return TB_OK;
    case TB_HASH_SHA384:
        c->mac = sha384_mac;
        return TB_OK;
    default:
        tb_why_set(why, "unknown hash %d", (int)hash);
        return TB_ERROR;
    }
}

static int prf_prf(const tb_prf_class **ctx, uint8_t *out, size_t out_len,
                   const uint8_t *secret, size_t secret_len,
                   const uint8_t *label, size_t label_len, const uint8_t *seed,
                   size_t seed_len)
{
    prf_ctx *c = (prf_ctx *)ctx;
    /* wc_PRF_TLS joins label and seed in a fixed MAX_PRF_LABSEED buffer
     * (128 bytes: enough for every TLS 1.2 use) and fails beyond it. */
    if (out_len > UINT32_MAX || secret_len > UINT32_MAX ||
        label_len > MAX_PRF_LABSEED || seed_len > MAX_PRF_LABSEED ||
        label_len + seed_len > MAX_PRF_LABSEED) {
        return -1;
    }
    /* useAtLeastSha256 = 1: the TLS 1.2 PRF, not the 1.0/1.1 MD5+SHA-1 one. */
    return wc_PRF_TLS(out, (word32)out_len, secret, (word32)secret_len, label,
                      (word32)label_len, seed, (word32)seed_len, 1, c->mac,
                      NULL, INVALID_DEVID) == 0
               ? 0
               : -1;
}

static void prf_cleanup(const tb_prf_class **ctx)
{
    (void)ctx;
}

const tb_prf_class tb_wolfssl_prf = {
    .context_size = sizeof(prf_ctx),
    .note = "native: wc_PRF_TLS (label+seed <= 128 bytes)",
    .init = prf_init,
    .prf = prf_prf,
    .cleanup = prf_cleanup,
};
