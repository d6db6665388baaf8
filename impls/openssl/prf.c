/* The TLS 1.2 PRF: OpenSSL's native EVP_KDF "TLS1-PRF". */
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/kdf.h>

#include "classes.h"
#include "common.h"

typedef struct {
    const tb_prf_class *vtable;
    EVP_KDF *kdf;
    /* Fetched and given its digest once. Each call works on a copy: the
     * provider appends every seed it is given to the previous ones, and a
     * reset would also drop the digest (and fetch it again by name). */
    EVP_KDF_CTX *proto;
} prf_ctx;

static prf_ctx *prf_of(const tb_prf_class **ctx)
{
    return (prf_ctx *)ctx;
}

/* OpenSSL rejects a NULL octet string even when it is empty. */
static void *nonnull(const uint8_t *p)
{
    static uint8_t empty[1];
    /* OSSL_PARAM takes void *; set_params only reads it. */
    return p != NULL ? (void *)p : empty;
}

static int prf_prf(const tb_prf_class **ctx, uint8_t *out, size_t out_len,
                   const uint8_t *secret, size_t secret_len,
                   const uint8_t *label, size_t label_len, const uint8_t *seed,
                   size_t seed_len)
{
    prf_ctx *c = prf_of(ctx);
    /* PRF(secret, label, seed) = P_hash(secret, label || seed): two seed
     * parameters, concatenated by the provider. */
    OSSL_PARAM params[] = {
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SECRET,
                                          nonnull(secret), secret_len),
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SEED, nonnull(label),
                                          label_len),
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SEED, nonnull(seed),
                                          seed_len),
        OSSL_PARAM_construct_end(),
    };
    /* The copy is allocated by the library (it has no way to reuse one). */
    EVP_KDF_CTX *kctx = EVP_KDF_CTX_dup(c->proto);
    int ok = kctx != NULL && EVP_KDF_derive(kctx, out, out_len, params) == 1;
    EVP_KDF_CTX_free(kctx);
    return ok ? 0 : -1;
}

static void prf_cleanup(const tb_prf_class **ctx)
{
    prf_ctx *c = prf_of(ctx);
    EVP_KDF_CTX_free(c->proto);
    EVP_KDF_free(c->kdf);
    c->proto = NULL;
    c->kdf = NULL;
}

static tb_status prf_init(const tb_prf_class **ctx, tb_hash hash, tb_why *why)
{
    prf_ctx *c = prf_of(ctx);
    /* OSSL_PARAM wants a mutable buffer for a UTF-8 string it only reads. */
    char md[8];
    memset(c, 0, sizeof(*c));
    c->vtable = &tb_openssl_prf;
    if (hash != TB_HASH_SHA256 && hash != TB_HASH_SHA384) {
        tb_why_set(why, "unknown hash");
        return TB_ERROR;
    }
    strcpy(md, hash == TB_HASH_SHA384 ? "SHA384" : "SHA256");
    c->kdf = EVP_KDF_fetch(NULL, OSSL_KDF_NAME_TLS1_PRF, NULL);
    if (c->kdf == NULL) {
        tb_openssl_why(why, OSSL_KDF_NAME_TLS1_PRF);
        return TB_UNSUPPORTED;
    }
    OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, md, 0),
        OSSL_PARAM_construct_end(),
    };
    c->proto = EVP_KDF_CTX_new(c->kdf);
    if (c->proto == NULL ||
        EVP_KDF_CTX_set_params(c->proto, params) != 1) {
        tb_openssl_why(why, "TLS1-PRF digest");
        prf_cleanup(ctx);
        return TB_UNSUPPORTED;
    }
    return TB_OK;
}

const tb_prf_class tb_openssl_prf = {
    .context_size = sizeof(prf_ctx),
    .note = "native EVP_KDF TLS1-PRF; per call a copy of a ctx set up once "
            "(allocated by the library)",
    .init = prf_init,
    .prf = prf_prf,
    .cleanup = prf_cleanup,
};
