/* HKDF (RFC 5869) and HMAC. libsodium 1.0.18 has no HKDF API
 * (crypto_kdf_hkdf_* arrived in 1.0.19), so Extract and Expand are built on
 * its HMAC-SHA-256 with bench/hmac_kdf.h. It has no HMAC-SHA-384. */
#include <stdint.h>

#include "classes.h"
#include "hmac_kdf.h"
#include "hmac_sha256.h"

typedef struct {
    const tb_hkdf_class *vtable;
} hkdf_ctx;

static tb_status hkdf_init(const tb_hkdf_class **ctx, tb_hash hash,
                           tb_why *why)
{
    hkdf_ctx *c = (hkdf_ctx *)ctx;
    c->vtable = &tb_libsodium_hkdf;
    if (hash == TB_HASH_SHA384) {
        tb_why_set(why, "libsodium has no HMAC-SHA-384");
        return TB_UNSUPPORTED;
    }
    if (hash != TB_HASH_SHA256) {
        tb_why_set(why, "unknown hash %d", (int)hash);
        return TB_ERROR;
    }
    return TB_OK;
}

static int hkdf_extract(const tb_hkdf_class **ctx, uint8_t *prk,
                        const uint8_t *salt, size_t salt_len,
                        const uint8_t *ikm, size_t ikm_len)
{
    (void)ctx;
    return tb_hkdf_extract_hmac(tb_libsodium_hmac_sha256, NULL,
                                crypto_auth_hmacsha256_BYTES, prk, salt,
                                salt_len, ikm, ikm_len);
}

static int hkdf_expand(const tb_hkdf_class **ctx, uint8_t *out,
                       size_t out_len, const uint8_t *prk, size_t prk_len,
                       const uint8_t *info, size_t info_len)
{
    (void)ctx;
    return tb_hkdf_expand_hmac(tb_libsodium_hmac_sha256, NULL,
                               crypto_auth_hmacsha256_BYTES, out, out_len,
                               prk, prk_len, info, info_len);
}

static int hkdf_hmac(const tb_hkdf_class **ctx, uint8_t *out,
                     const uint8_t *key, size_t key_len, const uint8_t *msg,
                     size_t msg_len)
{
    (void)ctx;
    return tb_libsodium_hmac_sha256(NULL, out, key, key_len, msg, msg_len);
}

static void hkdf_cleanup(const tb_hkdf_class **ctx)
{
    (void)ctx;
}

const tb_hkdf_class tb_libsodium_hkdf = {
    .context_size = sizeof(hkdf_ctx),
    .note = "HKDF on crypto_auth_hmacsha256 (1.0.18 has no HKDF API); "
            "HMAC native",
    .init = hkdf_init,
    .extract = hkdf_extract,
    .expand = hkdf_expand,
    .hmac = hkdf_hmac,
    .cleanup = hkdf_cleanup,
};
