/* AEAD: AES-GCM and ChaCha20-Poly1305 through gcry_cipher handles. */
#include <gcrypt.h>

#include "classes.h"
#include "util.h"

typedef struct {
    const tb_aead_class *vtable;
    gcry_cipher_hd_t hd;
} aead_ctx;

/* Opens the handle and sets the key once; per record only the nonce is
 * set (setiv also restarts the mode's MAC state). */
static tb_status aead_setup(aead_ctx *c, const tb_aead_class *cls, int algo,
                            int mode, const uint8_t *key, tb_why *why)
{
    *c = (aead_ctx){.vtable = cls};
    gcry_error_t err = gcry_cipher_open(&c->hd, algo, mode, 0);
    if (err != 0) {
        c->hd = NULL;
        tb_why_set(why, "gcry_cipher_open(%s): %s",
                   gcry_cipher_algo_name(algo), gcry_strerror(err));
        return gcry_err_code(err) == GPG_ERR_CIPHER_ALGO ? TB_UNSUPPORTED
                                                         : TB_ERROR;
    }
    err = gcry_cipher_setkey(c->hd, key, cls->key_len);
    if (err != 0) {
        tb_why_set(why, "gcry_cipher_setkey: %s", gcry_strerror(err));
        return TB_ERROR;
    }
    return TB_OK;
}

static tb_status aes128gcm_init(const tb_aead_class **ctx, const uint8_t *key,
                                tb_why *why)
{
    return aead_setup((aead_ctx *)ctx, &tb_gcrypt_aes128gcm, GCRY_CIPHER_AES128,
                      GCRY_CIPHER_MODE_GCM, key, why);
}

static tb_status aes256gcm_init(const tb_aead_class **ctx, const uint8_t *key,
                                tb_why *why)
{
    return aead_setup((aead_ctx *)ctx, &tb_gcrypt_aes256gcm, GCRY_CIPHER_AES256,
                      GCRY_CIPHER_MODE_GCM, key, why);
}

static tb_status chacha_init(const tb_aead_class **ctx, const uint8_t *key,
                             tb_why *why)
{
    return aead_setup((aead_ctx *)ctx, &tb_gcrypt_chacha20poly1305,
                      GCRY_CIPHER_CHACHA20, GCRY_CIPHER_MODE_POLY1305, key,
                      why);
}

/* Nonce and AD; then marks the next data call as the last one. */
static int aead_start(aead_ctx *c, const uint8_t *nonce, const uint8_t *ad,
                      size_t ad_len)
{
    if (gcry_cipher_setiv(c->hd, nonce, TB_AEAD_NONCE_LEN) != 0) {
        return -1;
    }
    if (ad_len > 0 && gcry_cipher_authenticate(c->hd, ad, ad_len) != 0) {
        return -1;
    }
    return gcry_cipher_final(c->hd) == 0 ? 0 : -1;
}

static int aead_seal(const tb_aead_class **ctx, uint8_t *out,
                     uint8_t tag[TB_AEAD_TAG_LEN],
                     const uint8_t nonce[TB_AEAD_NONCE_LEN], const uint8_t *ad,
                     size_t ad_len, const uint8_t *in, size_t in_len)
{
    aead_ctx *c = (aead_ctx *)ctx;
    if (aead_start(c, nonce, ad, ad_len) != 0) {
        return -1;
    }
    if (in_len > 0) {
        /* libgcrypt's in-place form is in == NULL. */
        gcry_error_t err =
            out == in ? gcry_cipher_encrypt(c->hd, out, in_len, NULL, 0)
                      : gcry_cipher_encrypt(c->hd, out, in_len, in, in_len);
        if (err != 0) {
            return -1;
        }
    }
    return gcry_cipher_gettag(c->hd, tag, TB_AEAD_TAG_LEN) == 0 ? 0 : -1;
}

static int aead_open(const tb_aead_class **ctx, uint8_t *out,
                     const uint8_t tag[TB_AEAD_TAG_LEN],
                     const uint8_t nonce[TB_AEAD_NONCE_LEN], const uint8_t *ad,
                     size_t ad_len, const uint8_t *in, size_t in_len)
{
    aead_ctx *c = (aead_ctx *)ctx;
    if (aead_start(c, nonce, ad, ad_len) != 0) {
        return -1;
    }
    if (in_len > 0) {
        gcry_error_t err =
            out == in ? gcry_cipher_decrypt(c->hd, out, in_len, NULL, 0)
                      : gcry_cipher_decrypt(c->hd, out, in_len, in, in_len);
        if (err != 0) {
            return -1;
        }
    }
    /* Constant-time compare inside libgcrypt; GPG_ERR_CHECKSUM if bad. */
    return gcry_cipher_checktag(c->hd, tag, TB_AEAD_TAG_LEN) == 0 ? 0 : -1;
}

static void aead_cleanup(const tb_aead_class **ctx)
{
    aead_ctx *c = (aead_ctx *)ctx;
    gcry_cipher_close(c->hd); /* accepts NULL */
    c->hd = NULL;
}

const tb_aead_class tb_gcrypt_aes128gcm = {
    .context_size = sizeof(aead_ctx),
    .alg = TB_AEAD_AES128GCM,
    .key_len = 16,
    .note = "gcry_cipher AES128 GCM (setiv/authenticate/encrypt/gettag)",
    .init = aes128gcm_init,
    .seal = aead_seal,
    .open = aead_open,
    .cleanup = aead_cleanup,
};

const tb_aead_class tb_gcrypt_aes256gcm = {
    .context_size = sizeof(aead_ctx),
    .alg = TB_AEAD_AES256GCM,
    .key_len = 32,
    .note = "gcry_cipher AES256 GCM (setiv/authenticate/encrypt/gettag)",
    .init = aes256gcm_init,
    .seal = aead_seal,
    .open = aead_open,
    .cleanup = aead_cleanup,
};

const tb_aead_class tb_gcrypt_chacha20poly1305 = {
    .context_size = sizeof(aead_ctx),
    .alg = TB_AEAD_CHACHA20POLY1305,
    .key_len = 32,
    .note = "gcry_cipher CHACHA20 MODE_POLY1305 (RFC 8439 AEAD)",
    .init = chacha_init,
    .seal = aead_seal,
    .open = aead_open,
    .cleanup = aead_cleanup,
};
