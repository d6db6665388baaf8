/* HKDF through <openssl/hkdf.h> (what BoringSSL's TLS 1.3 key schedule
 * uses) and HMAC through an HMAC_CTX made once in init. */
#include "classes.h" /* first: it checks for BoringSSL headers */

#include <openssl/digest.h>
#include <openssl/hkdf.h>
#include <openssl/hmac.h>

typedef struct {
    const tb_hkdf_class *vtable;
    const EVP_MD *md;
    size_t hash_len;
    HMAC_CTX *hmac; /* re-keyed per call; its digest states are reused */
} hkdf_ctx;

static hkdf_ctx *hkdf_of(const tb_hkdf_class **ctx)
{
    return (hkdf_ctx *)(void *)ctx;
}

/* HMAC_Init_ex reads a NULL key as "keep the previous key", so an empty
 * key must still be a real pointer. */
static const uint8_t empty_key[1];

static tb_status hkdf_init(const tb_hkdf_class **ctx, tb_hash hash,
                           tb_why *why)
{
    hkdf_ctx *c = hkdf_of(ctx);
    c->vtable = &tb_boringssl_hkdf;
    c->hmac = NULL;
    switch (hash) {
    case TB_HASH_SHA256:
        c->md = EVP_sha256();
        break;
    case TB_HASH_SHA384:
        c->md = EVP_sha384();
        break;
    default:
        tb_why_set(why, "unknown hash %d", (int)hash);
        return TB_ERROR;
    }
    c->hash_len = EVP_MD_size(c->md);
    c->hmac = HMAC_CTX_new();
    /* Keying once allocates the digest states the timed calls reuse. */
    if (c->hmac == NULL ||
        !HMAC_Init_ex(c->hmac, empty_key, 0, c->md, NULL)) {
        tb_why_set(why, "HMAC_CTX_new/HMAC_Init_ex failed");
        return TB_ERROR;
    }
    return TB_OK;
}

static int hkdf_extract(const tb_hkdf_class **ctx, uint8_t *prk,
                        const uint8_t *salt, size_t salt_len,
                        const uint8_t *ikm, size_t ikm_len)
{
    hkdf_ctx *c = hkdf_of(ctx);
    size_t prk_len = 0;
    /* An empty salt is HMAC's zero-padded key, i.e. hash_len zero bytes,
     * as RFC 5869 2.2 asks. */
    if (!HKDF_extract(prk, &prk_len, c->md, ikm, ikm_len,
                      salt != NULL ? salt : empty_key, salt_len) ||
        prk_len != c->hash_len) {
        return -1;
    }
    return 0;
}

static int hkdf_expand(const tb_hkdf_class **ctx, uint8_t *out,
                       size_t out_len, const uint8_t *prk, size_t prk_len,
                       const uint8_t *info, size_t info_len)
{
    hkdf_ctx *c = hkdf_of(ctx);
    /* HKDF_expand fails for out_len > 255 * hash length. */
    return HKDF_expand(out, out_len, c->md, prk, prk_len, info, info_len)
               ? 0
               : -1;
}

static int hkdf_hmac(const tb_hkdf_class **ctx, uint8_t *out,
                     const uint8_t *key, size_t key_len, const uint8_t *msg,
                     size_t msg_len)
{
    hkdf_ctx *c = hkdf_of(ctx);
    unsigned len = 0;
    if (!HMAC_Init_ex(c->hmac, key != NULL ? key : empty_key, key_len, c->md,
                      NULL) ||
        !HMAC_Update(c->hmac, msg, msg_len) ||
        !HMAC_Final(c->hmac, out, &len) || len != c->hash_len) {
        return -1;
    }
    return 0;
}

static void hkdf_cleanup(const tb_hkdf_class **ctx)
{
    hkdf_ctx *c = hkdf_of(ctx);
    HMAC_CTX_free(c->hmac);
    c->hmac = NULL;
}

const tb_hkdf_class tb_boringssl_hkdf = {
    .context_size = sizeof(hkdf_ctx),
    .note = "HKDF_extract/HKDF_expand (native; allocate inside); hmac on an "
            "HMAC_CTX made in init",
    .init = hkdf_init,
    .extract = hkdf_extract,
    .expand = hkdf_expand,
    .hmac = hkdf_hmac,
    .cleanup = hkdf_cleanup,
};
