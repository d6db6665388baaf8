/* HKDF and HMAC. libgcrypt 1.10 has no HKDF (its gcrypt.h has no KDF_HKDF),
 * so RFC 5869 (bench/hmac_kdf.c) runs on libgcrypt's HMAC: a gcry_mac
 * handle opened in init and keyed per call. */
#include "classes.h"
#include "gcry_common.h"
#include "hmac_kdf.h"
#include "util.h"

typedef struct {
    const tb_hkdf_class *vtable;
    tb_gcry_mac mac;
} hkdf_ctx;

static tb_status hkdf_init(const tb_hkdf_class **ctx, tb_hash hash,
                           tb_why *why)
{
    hkdf_ctx *c = (hkdf_ctx *)ctx;
    *c = (hkdf_ctx){.vtable = &tb_gcrypt_hkdf};
    return tb_gcry_mac_open(&c->mac, hash, why);
}

static int hkdf_extract(const tb_hkdf_class **ctx, uint8_t *prk,
                        const uint8_t *salt, size_t salt_len,
                        const uint8_t *ikm, size_t ikm_len)
{
    hkdf_ctx *c = (hkdf_ctx *)ctx;
    return tb_hkdf_extract_hmac(tb_gcry_hmac, &c->mac, c->mac.len, prk, salt,
                                salt_len, ikm, ikm_len);
}

static int hkdf_expand(const tb_hkdf_class **ctx, uint8_t *out, size_t out_len,
                       const uint8_t *prk, size_t prk_len, const uint8_t *info,
                       size_t info_len)
{
    hkdf_ctx *c = (hkdf_ctx *)ctx;
    return tb_hkdf_expand_hmac(tb_gcry_hmac, &c->mac, c->mac.len, out, out_len,
                               prk, prk_len, info, info_len);
}

static int hkdf_hmac(const tb_hkdf_class **ctx, uint8_t *out,
                     const uint8_t *key, size_t key_len, const uint8_t *msg,
                     size_t msg_len)
{
    hkdf_ctx *c = (hkdf_ctx *)ctx;
    return tb_gcry_hmac(&c->mac, out, key, key_len, msg, msg_len);
}

static void hkdf_cleanup(const tb_hkdf_class **ctx)
{
    hkdf_ctx *c = (hkdf_ctx *)ctx;
    gcry_mac_close(c->mac.hd); /* accepts NULL */
    c->mac.hd = NULL;
}

const tb_hkdf_class tb_gcrypt_hkdf = {
    .context_size = sizeof(hkdf_ctx),
    .note = "RFC 5869 on gcry_mac HMAC (libgcrypt 1.10 has no HKDF); "
            "HMAC: gcry_mac",
    .init = hkdf_init,
    .extract = hkdf_extract,
    .expand = hkdf_expand,
    .hmac = hkdf_hmac,
    .cleanup = hkdf_cleanup,
};
