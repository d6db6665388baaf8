/* TLS 1.2 PRF: libgcrypt has none, so P_hash (bench/hmac_kdf.c) runs on
 * libgcrypt's HMAC (a gcry_mac handle opened in init, keyed per call). */
#include "classes.h"
#include "gcry_common.h"
#include "hmac_kdf.h"
#include "util.h"

typedef struct {
    const tb_prf_class *vtable;
    tb_gcry_mac mac;
} prf_ctx;

static tb_status prf_init(const tb_prf_class **ctx, tb_hash hash, tb_why *why)
{
    prf_ctx *c = (prf_ctx *)ctx;
    *c = (prf_ctx){.vtable = &tb_gcrypt_prf};
    return tb_gcry_mac_open(&c->mac, hash, why);
}

static int prf_prf(const tb_prf_class **ctx, uint8_t *out, size_t out_len,
                   const uint8_t *secret, size_t secret_len,
                   const uint8_t *label, size_t label_len, const uint8_t *seed,
                   size_t seed_len)
{
    prf_ctx *c = (prf_ctx *)ctx;
    return tb_p_hash(tb_gcry_hmac, &c->mac, c->mac.len, out, out_len, secret,
                     secret_len, label, label_len, seed, seed_len);
}

static void prf_cleanup(const tb_prf_class **ctx)
{
    prf_ctx *c = (prf_ctx *)ctx;
    gcry_mac_close(c->mac.hd); /* accepts NULL */
    c->mac.hd = NULL;
}

const tb_prf_class tb_gcrypt_prf = {
    .context_size = sizeof(prf_ctx),
    .note = "P_hash on gcry_mac HMAC (no native TLS PRF in libgcrypt)",
    .init = prf_init,
    .prf = prf_prf,
    .cleanup = prf_cleanup,
};
