/* The TLS 1.2 PRF: OpenSSL's native EVP_KDF "TLS1-PRF". */
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/kdf.h>
#include <openssl/params.h>

#include "classes.h"
#include "common.h"

/*
 * The provider appends every seed parameter to the seeds of earlier calls,
 * so a context cannot simply be reused. Where the provider can copy a
 * context (newer 3.x), each call works on a copy of one set up in init;
 * OpenSSL 3.0 cannot, so there each call resets the context and sets the
 * digest again, which makes the provider look up HMAC and the digest by
 * name, as libssl's own PRF calls do.
 */
typedef struct {
    const tb_prf_class *vtable;
    EVP_KDF *kdf;
    EVP_KDF_CTX *kctx; /* digest set in init */
    int can_dup;
    char md[8]; /* OSSL_PARAM wants a mutable string it only reads */
} prf_ctx;

static prf_ctx *prf_of(const tb_prf_class **ctx)
{
    return (prf_ctx *)ctx;
}

/* OSSL_PARAM takes void * (set_params only reads it) and rejects NULL even
 * for an empty string. */
static OSSL_PARAM octets(const char *name, const uint8_t *p, size_t len)
{
    static const uint8_t empty[1];
    return OSSL_PARAM_construct_octet_string(name, (void *)(p ? p : empty),
                                             len);
}

static int prf_prf(const tb_prf_class **ctx, uint8_t *out, size_t out_len,
                   const uint8_t *secret, size_t secret_len,
                   const uint8_t *label, size_t label_len, const uint8_t *seed,
                   size_t seed_len)
{
    prf_ctx *c = prf_of(ctx);
    OSSL_PARAM params[5];
    size_t n = 0;
    EVP_KDF_CTX *kctx;
    if (c->can_dup) {
        kctx = EVP_KDF_CTX_dup(c->kctx);
        if (kctx == NULL) {
            return -1;
        }
    } else {
        kctx = c->kctx;
        EVP_KDF_CTX_reset(kctx);
        params[n++] =
            OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, c->md, 0);
    }
    /* PRF(secret, label, seed) = P_hash(secret, label || seed). */
    params[n++] = octets(OSSL_KDF_PARAM_SECRET, secret, secret_len);
    params[n++] = octets(OSSL_KDF_PARAM_SEED, label, label_len);
    params[n++] = octets(OSSL_KDF_PARAM_SEED, seed, seed_len);
    params[n] = OSSL_PARAM_construct_end();
    int ok = EVP_KDF_derive(kctx, out, out_len, params) == 1;
    if (c->can_dup) {
        EVP_KDF_CTX_free(kctx);
    }
    return ok ? 0 : -1;
}

static void prf_cleanup(const tb_prf_class **ctx)
{
    prf_ctx *c = prf_of(ctx);
    EVP_KDF_CTX_free(c->kctx);
    EVP_KDF_free(c->kdf);
    c->kctx = NULL;
    c->kdf = NULL;
}

static tb_status prf_init(const tb_prf_class **ctx, tb_hash hash, tb_why *why)
{
    prf_ctx *c = prf_of(ctx);
    memset(c, 0, sizeof(*c));
    c->vtable = &tb_openssl_prf;
    if (hash != TB_HASH_SHA256 && hash != TB_HASH_SHA384) {
        tb_why_set(why, "unknown hash");
        return TB_ERROR;
    }
    strcpy(c->md, hash == TB_HASH_SHA384 ? "SHA384" : "SHA256");
    c->kdf = EVP_KDF_fetch(NULL, OSSL_KDF_NAME_TLS1_PRF, NULL);
    if (c->kdf == NULL) {
        tb_openssl_why(why, OSSL_KDF_NAME_TLS1_PRF);
        return TB_UNSUPPORTED;
    }
    OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, c->md, 0),
        OSSL_PARAM_construct_end(),
    };
    c->kctx = EVP_KDF_CTX_new(c->kdf);
    if (c->kctx == NULL || EVP_KDF_CTX_set_params(c->kctx, params) != 1) {
        tb_openssl_why(why, "TLS1-PRF digest");
        prf_cleanup(ctx);
        return TB_UNSUPPORTED;
    }
    EVP_KDF_CTX *copy = EVP_KDF_CTX_dup(c->kctx);
    c->can_dup = copy != NULL;
    EVP_KDF_CTX_free(copy);
    ERR_clear_error(); /* a failed dup leaves an error behind */
    return TB_OK;
}

const tb_prf_class tb_openssl_prf = {
    .context_size = sizeof(prf_ctx),
    .note = "native EVP_KDF TLS1-PRF; fresh ctx state per call (dup, or "
            "reset + digest by name on 3.0); library allocates",
    .init = prf_init,
    .prf = prf_prf,
    .cleanup = prf_cleanup,
};
