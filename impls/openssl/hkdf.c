/* HKDF and HMAC: OpenSSL's native EVP_KDF "HKDF" and EVP_MAC "HMAC". */
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/kdf.h>
#include <openssl/params.h>

#include "classes.h"
#include "common.h"

typedef struct {
    const tb_hkdf_class *vtable;
    EVP_KDF *kdf;
    EVP_KDF_CTX *extract; /* digest and EXTRACT_ONLY set once */
    EVP_KDF_CTX *expand;  /* digest and EXPAND_ONLY set once */
    /* The same, for an empty info: it is never given an info parameter.
     * OpenSSL 3.0.22 reads a NULL pointer with the old length when an
     * empty info follows a non-empty one on the same context. */
    EVP_KDF_CTX *expand_no_info;
    EVP_MAC *mac;
    EVP_MAC_CTX *hmac; /* digest set once, keyed per call */
    size_t hash_len;
} hkdf_ctx;

/* Hash-length zeros: the RFC 5869 default salt, and a non-NULL pointer for
 * empty inputs (OpenSSL rejects a NULL octet string). */
static const uint8_t zeros[64];

static hkdf_ctx *hkdf_of(const tb_hkdf_class **ctx)
{
    return (hkdf_ctx *)ctx;
}

/* OSSL_PARAM takes void *; set_params only reads it. */
static OSSL_PARAM octets(const char *name, const uint8_t *p, size_t len)
{
    return OSSL_PARAM_construct_octet_string(name, (void *)(p ? p : zeros),
                                             len);
}

static int hkdf_extract(const tb_hkdf_class **ctx, uint8_t *prk,
                        const uint8_t *salt, size_t salt_len,
                        const uint8_t *ikm, size_t ikm_len)
{
    hkdf_ctx *c = hkdf_of(ctx);
    /* An empty salt parameter is ignored by the provider (the previous
     * call's salt would stay), so pass the RFC's default explicitly. */
    if (salt_len == 0) {
        salt = zeros;
        salt_len = c->hash_len;
    }
    OSSL_PARAM params[] = {
        octets(OSSL_KDF_PARAM_KEY, ikm, ikm_len),
        octets(OSSL_KDF_PARAM_SALT, salt, salt_len),
        OSSL_PARAM_construct_end(),
    };
    return EVP_KDF_derive(c->extract, prk, c->hash_len, params) == 1 ? 0 : -1;
}

static int hkdf_expand(const tb_hkdf_class **ctx, uint8_t *out, size_t out_len,
                       const uint8_t *prk, size_t prk_len, const uint8_t *info,
                       size_t info_len)
{
    hkdf_ctx *c = hkdf_of(ctx);
    if (out_len > 255 * c->hash_len) {
        return -1;
    }
    OSSL_PARAM params[] = {
        octets(OSSL_KDF_PARAM_KEY, prk, prk_len),
        octets(OSSL_KDF_PARAM_INFO, info, info_len),
        OSSL_PARAM_construct_end(),
    };
    if (info_len == 0) {
        params[1] = OSSL_PARAM_construct_end();
    }
    return EVP_KDF_derive(info_len != 0 ? c->expand : c->expand_no_info, out,
                          out_len, params) == 1
               ? 0
               : -1;
}

static int hkdf_hmac(const tb_hkdf_class **ctx, uint8_t *out,
                     const uint8_t *key, size_t key_len, const uint8_t *msg,
                     size_t msg_len)
{
    hkdf_ctx *c = hkdf_of(ctx);
    size_t len = 0;
    /* A NULL key would mean "keep the previous key" to EVP_MAC_init. */
    if (EVP_MAC_init(c->hmac, key != NULL ? key : zeros, key_len, NULL) != 1 ||
        EVP_MAC_update(c->hmac, msg, msg_len) != 1 ||
        EVP_MAC_final(c->hmac, out, &len, c->hash_len) != 1 ||
        len != c->hash_len) {
        return -1;
    }
    return 0;
}

static void hkdf_cleanup(const tb_hkdf_class **ctx)
{
    hkdf_ctx *c = hkdf_of(ctx);
    EVP_KDF_CTX_free(c->extract);
    EVP_KDF_CTX_free(c->expand);
    EVP_KDF_CTX_free(c->expand_no_info);
    EVP_KDF_free(c->kdf);
    EVP_MAC_CTX_free(c->hmac);
    EVP_MAC_free(c->mac);
    c->extract = c->expand = c->expand_no_info = NULL;
    c->kdf = NULL;
    c->hmac = NULL;
    c->mac = NULL;
}

/* A KDF context with its digest and mode set. */
static EVP_KDF_CTX *kdf_ctx(EVP_KDF *kdf, char *md, int mode)
{
    OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, md, 0),
        OSSL_PARAM_construct_int(OSSL_KDF_PARAM_MODE, &mode),
        OSSL_PARAM_construct_end(),
    };
    EVP_KDF_CTX *kctx = EVP_KDF_CTX_new(kdf);
    if (kctx != NULL && EVP_KDF_CTX_set_params(kctx, params) != 1) {
        EVP_KDF_CTX_free(kctx);
        kctx = NULL;
    }
    return kctx;
}

static tb_status hkdf_init(const tb_hkdf_class **ctx, tb_hash hash, tb_why *why)
{
    hkdf_ctx *c = hkdf_of(ctx);
    /* OSSL_PARAM wants a mutable buffer for a UTF-8 string it only reads. */
    char md[8];
    memset(c, 0, sizeof(*c));
    c->vtable = &tb_openssl_hkdf;
    if (hash != TB_HASH_SHA256 && hash != TB_HASH_SHA384) {
        tb_why_set(why, "unknown hash");
        return TB_ERROR;
    }
    strcpy(md, hash == TB_HASH_SHA384 ? "SHA384" : "SHA256");
    c->hash_len = hash == TB_HASH_SHA384 ? 48 : 32;
    c->kdf = EVP_KDF_fetch(NULL, OSSL_KDF_NAME_HKDF, NULL);
    c->mac = EVP_MAC_fetch(NULL, OSSL_MAC_NAME_HMAC, NULL);
    if (c->kdf == NULL || c->mac == NULL) {
        tb_openssl_why(why, "HKDF/HMAC fetch");
        hkdf_cleanup(ctx);
        return TB_UNSUPPORTED;
    }
    c->extract = kdf_ctx(c->kdf, md, EVP_KDF_HKDF_MODE_EXTRACT_ONLY);
    c->expand = kdf_ctx(c->kdf, md, EVP_KDF_HKDF_MODE_EXPAND_ONLY);
    c->expand_no_info = kdf_ctx(c->kdf, md, EVP_KDF_HKDF_MODE_EXPAND_ONLY);
    c->hmac = EVP_MAC_CTX_new(c->mac);
    OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, md, 0),
        OSSL_PARAM_construct_end(),
    };
    if (c->extract == NULL || c->expand == NULL || c->expand_no_info == NULL ||
        c->hmac == NULL || EVP_MAC_CTX_set_params(c->hmac, params) != 1) {
        tb_openssl_why(why, "HKDF/HMAC set-up");
        hkdf_cleanup(ctx);
        return TB_ERROR;
    }
    return TB_OK;
}

const tb_hkdf_class tb_openssl_hkdf = {
    .context_size = sizeof(hkdf_ctx),
    .note = "native EVP_KDF HKDF, EXTRACT_ONLY/EXPAND_ONLY ctxs set up once "
            "(3.0 extract fetches HMAC inside); HMAC: EVP_MAC",
    .init = hkdf_init,
    .extract = hkdf_extract,
    .expand = hkdf_expand,
    .hmac = hkdf_hmac,
    .cleanup = hkdf_cleanup,
};
