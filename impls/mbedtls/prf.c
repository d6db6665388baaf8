/* TLS 1.2 PRF: Mbed TLS's own mbedtls_ssl_tls_prf (libmbedtls), the function
 * its TLS stack derives the master secret and key block with. */
#include <string.h>

#include <mbedtls/ssl.h>

#include "classes.h"
#include "common.h"

#if defined(MBEDTLS_SSL_TLS_C) && defined(MBEDTLS_SSL_PROTO_TLS1_2)

/* TLS labels are short ASCII strings; the library wants a C string. */
#define PRF_LABEL_MAX 255

typedef struct {
    const tb_prf_class *vtable;
    mbedtls_tls_prf_types type;
    char label[PRF_LABEL_MAX + 1];
} prf_ctx;

static tb_status prf_init(const tb_prf_class **ctx, tb_hash hash, tb_why *why)
{
    prf_ctx *c = (prf_ctx *)ctx;
    if (hash == TB_HASH_SHA256) {
#if defined(MBEDTLS_SHA256_C)
        c->type = MBEDTLS_SSL_TLS_PRF_SHA256;
        return TB_OK;
#endif
    } else if (hash == TB_HASH_SHA384) {
#if defined(MBEDTLS_SHA512_C) && !defined(MBEDTLS_SHA512_NO_SHA384)
        c->type = MBEDTLS_SSL_TLS_PRF_SHA384;
        return TB_OK;
#endif
    }
    tb_why_set(why, "this Mbed TLS build has no TLS 1.2 PRF with %s",
               tb_hash_name(hash));
    return TB_UNSUPPORTED;
}

static int prf_prf(const tb_prf_class **ctx, uint8_t *out, size_t out_len,
                   const uint8_t *secret, size_t secret_len,
                   const uint8_t *label, size_t label_len, const uint8_t *seed,
                   size_t seed_len)
{
    prf_ctx *c = (prf_ctx *)ctx;
    /* A label with a NUL in it cannot be passed as a C string. */
    if (label_len > PRF_LABEL_MAX ||
        (label_len != 0 && memchr(label, 0, label_len) != NULL)) {
        return -1;
    }
    if (label_len != 0) {
        memcpy(c->label, label, label_len);
    }
    c->label[label_len] = '\0';
    int ret = mbedtls_ssl_tls_prf(c->type, secret, secret_len, c->label, seed,
                                  seed_len, out, out_len);
    return ret == 0 ? 0 : -1;
}

static void prf_cleanup(const tb_prf_class **ctx)
{
    (void)ctx;
}

const tb_prf_class tb_mbedtls_prf = {
    .context_size = sizeof(prf_ctx),
    .note = "mbedtls_ssl_tls_prf (native; mallocs a buffer and an HMAC "
            "context per call)",
    .init = prf_init,
    .prf = prf_prf,
    .cleanup = prf_cleanup,
};

#else

typedef struct {
    const tb_prf_class *vtable;
} prf_ctx;

static tb_status prf_init(const tb_prf_class **ctx, tb_hash hash, tb_why *why)
{
    (void)ctx;
    (void)hash;
    tb_why_set(why, "this Mbed TLS build lacks SSL_TLS_C or SSL_PROTO_TLS1_2");
    return TB_UNSUPPORTED;
}

static void prf_cleanup(const tb_prf_class **ctx)
{
    (void)ctx;
}

const tb_prf_class tb_mbedtls_prf = {
    .context_size = sizeof(prf_ctx),
    .note = "not in this build",
    .init = prf_init,
    .cleanup = prf_cleanup,
};

#endif
