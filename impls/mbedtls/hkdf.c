/* HKDF with Mbed TLS's own mbedtls_hkdf_extract/expand, and HMAC through an
 * mbedtls_md context set up once in init. */
#include <mbedtls/hkdf.h>
#include <mbedtls/md.h>

#include "classes.h"
#include "common.h"

#if defined(MBEDTLS_HKDF_C) && defined(MBEDTLS_MD_C)

typedef struct {
    const tb_hkdf_class *vtable;
    const mbedtls_md_info_t *md;
    mbedtls_md_context_t hmac; /* allocated once, re-keyed per call */
} hkdf_ctx;

static tb_status hkdf_init(const tb_hkdf_class **ctx, tb_hash hash,
                           tb_why *why)
{
    hkdf_ctx *c = (hkdf_ctx *)ctx;
    mbedtls_md_init(&c->hmac);
    c->md = mbedtls_md_info_from_type(
        hash == TB_HASH_SHA384 ? MBEDTLS_MD_SHA384 : MBEDTLS_MD_SHA256);
    if (c->md == NULL) {
        tb_why_set(why, "this Mbed TLS build has no %s", tb_hash_name(hash));
        return TB_UNSUPPORTED;
    }
    int ret = mbedtls_md_setup(&c->hmac, c->md, 1);
    if (ret != 0) {
        tb_why_set(why, "mbedtls_md_setup: -0x%04x", (unsigned)-ret);
        return TB_ERROR;
    }
    return TB_OK;
}

static int hkdf_extract(const tb_hkdf_class **ctx, uint8_t *prk,
                        const uint8_t *salt, size_t salt_len,
                        const uint8_t *ikm, size_t ikm_len)
{
    hkdf_ctx *c = (hkdf_ctx *)ctx;
    /* An empty salt becomes hash-length zeros inside the library. */
    int ret = mbedtls_hkdf_extract(c->md, salt_len != 0 ? salt : NULL,
                                   salt_len, ikm, ikm_len, prk);
    return ret == 0 ? 0 : -1;
}

static int hkdf_expand(const tb_hkdf_class **ctx, uint8_t *out,
                       size_t out_len, const uint8_t *prk, size_t prk_len,
                       const uint8_t *info, size_t info_len)
{
    hkdf_ctx *c = (hkdf_ctx *)ctx;
    /* The library rejects out_len > 255 * hash length itself. */
    int ret = mbedtls_hkdf_expand(c->md, prk, prk_len, info, info_len, out,
                                  out_len);
    return ret == 0 ? 0 : -1;
}

static int hkdf_hmac(const tb_hkdf_class **ctx, uint8_t *out,
                     const uint8_t *key, size_t key_len, const uint8_t *msg,
                     size_t msg_len)
{
    hkdf_ctx *c = (hkdf_ctx *)ctx;
    if (mbedtls_md_hmac_starts(&c->hmac, key, key_len) != 0 ||
        mbedtls_md_hmac_update(&c->hmac, msg, msg_len) != 0 ||
        mbedtls_md_hmac_finish(&c->hmac, out) != 0) {
        return -1;
    }
    return 0;
}

static void hkdf_cleanup(const tb_hkdf_class **ctx)
{
    hkdf_ctx *c = (hkdf_ctx *)ctx;
    mbedtls_md_free(&c->hmac);
}

const tb_hkdf_class tb_mbedtls_hkdf = {
    .context_size = sizeof(hkdf_ctx),
    .note = "mbedtls_hkdf_extract/expand (native, malloc an md ctx per call); "
            "HMAC: mbedtls_md_hmac_* on a ctx from init",
    .init = hkdf_init,
    .extract = hkdf_extract,
    .expand = hkdf_expand,
    .hmac = hkdf_hmac,
    .cleanup = hkdf_cleanup,
};

#else

typedef struct {
    const tb_hkdf_class *vtable;
} hkdf_ctx;

static tb_status hkdf_init(const tb_hkdf_class **ctx, tb_hash hash,
                           tb_why *why)
{
    (void)ctx;
    (void)hash;
    tb_why_set(why, "this Mbed TLS build lacks MBEDTLS_HKDF_C");
    return TB_UNSUPPORTED;
}

static void hkdf_cleanup(const tb_hkdf_class **ctx)
{
    (void)ctx;
}

const tb_hkdf_class tb_mbedtls_hkdf = {
    .context_size = sizeof(hkdf_ctx),
    .note = "not in this build",
    .init = hkdf_init,
    .cleanup = hkdf_cleanup,
};

#endif
