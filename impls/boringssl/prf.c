/* The TLS 1.2 PRF: BoringSSL's libcrypto exports CRYPTO_tls1_prf, the
 * function its libssl derives TLS 1.2 secrets with, but declares it only in
 * an internal header (crypto/fipsmodule/tls/internal.h). */
#include "classes.h" /* first: it checks for BoringSSL headers */

#include <openssl/digest.h>

/* The prototype from that internal header; returns 1 on success. */
int CRYPTO_tls1_prf(const EVP_MD *digest, uint8_t *out, size_t out_len,
                    const uint8_t *secret, size_t secret_len,
                    const char *label, size_t label_len,
                    const uint8_t *seed1, size_t seed1_len,
                    const uint8_t *seed2, size_t seed2_len);

typedef struct {
    const tb_prf_class *vtable;
    const EVP_MD *md;
} prf_ctx;

static prf_ctx *prf_of(const tb_prf_class **ctx)
{
    return (prf_ctx *)(void *)ctx;
}

static tb_status prf_init(const tb_prf_class **ctx, tb_hash hash, tb_why *why)
{
    prf_ctx *c = prf_of(ctx);
    c->vtable = &tb_boringssl_prf;
    switch (hash) {
    case TB_HASH_SHA256:
        c->md = EVP_sha256();
        return TB_OK;
    case TB_HASH_SHA384:
        c->md = EVP_sha384();
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
    prf_ctx *c = prf_of(ctx);
    /* The label is the ASCII string of RFC 5246 5; seed2 is unused. */
    return CRYPTO_tls1_prf(c->md, out, out_len, secret, secret_len,
                           (const char *)label, label_len, seed, seed_len,
                           NULL, 0) == 1
               ? 0
               : -1;
}

static void prf_cleanup(const tb_prf_class **ctx)
{
    (void)ctx;
}

const tb_prf_class tb_boringssl_prf = {
    .context_size = sizeof(prf_ctx),
    .note = "CRYPTO_tls1_prf (native, what libssl uses; internal prototype; "
            "allocates inside)",
    .init = prf_init,
    .prf = prf_prf,
    .cleanup = prf_cleanup,
};
