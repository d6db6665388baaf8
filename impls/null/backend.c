/*
 * The null backend: every operation returns at once. Its rows measure what
 * the harness itself costs per operation (the loop, the indirect call, the
 * per-record nonce and additional data), the floor under every other row.
 */
#include "backend.h"

typedef struct {
    const void *vtable;
} null_ctx;

static tb_status aead_init(const tb_aead_class **ctx, const uint8_t *key,
                           tb_why *why)
{
    (void)ctx, (void)key, (void)why;
    return TB_OK;
}
static int aead_seal(const tb_aead_class **ctx, uint8_t *out,
                     uint8_t tag[TB_AEAD_TAG_LEN],
                     const uint8_t nonce[TB_AEAD_NONCE_LEN], const uint8_t *ad,
                     size_t ad_len, const uint8_t *in, size_t in_len)
{
    (void)ctx, (void)out, (void)tag, (void)nonce, (void)ad, (void)ad_len;
    (void)in, (void)in_len;
    return 0;
}
static int aead_open(const tb_aead_class **ctx, uint8_t *out,
                     const uint8_t tag[TB_AEAD_TAG_LEN],
                     const uint8_t nonce[TB_AEAD_NONCE_LEN], const uint8_t *ad,
                     size_t ad_len, const uint8_t *in, size_t in_len)
{
    (void)ctx, (void)out, (void)tag, (void)nonce, (void)ad, (void)ad_len;
    (void)in, (void)in_len;
    return 0;
}
static void aead_cleanup(const tb_aead_class **ctx)
{
    (void)ctx;
}

#define NULL_AEAD(id, klen)                                                  \
    {                                                                        \
        .context_size = sizeof(null_ctx), .alg = id, .key_len = klen,        \
        .note = "does nothing (overhead baseline)", .init = aead_init,       \
        .seal = aead_seal, .open = aead_open, .cleanup = aead_cleanup,       \
    }
static const tb_aead_class null_aead[TB_AEAD_COUNT] = {
    NULL_AEAD(TB_AEAD_AES128GCM, 16),
    NULL_AEAD(TB_AEAD_AES256GCM, 32),
    NULL_AEAD(TB_AEAD_CHACHA20POLY1305, 32),
};

static tb_status kex_init(const tb_kex_class **ctx, tb_why *why)
{
    (void)ctx, (void)why;
    return TB_OK;
}
static int kex_keygen(const tb_kex_class **ctx, uint8_t *share)
{
    (void)ctx, (void)share;
    return 0;
}
static int kex_set_private(const tb_kex_class **ctx, const uint8_t *scalar,
                           uint8_t *share)
{
    (void)ctx, (void)scalar, (void)share;
    return 0;
}
static int kex_set_peer(const tb_kex_class **ctx, const uint8_t *share,
                        size_t share_len)
{
    (void)ctx, (void)share, (void)share_len;
    return 0;
}
static int kex_derive(const tb_kex_class **ctx, uint8_t *secret)
{
    (void)ctx, (void)secret;
    return 0;
}
static void kex_cleanup(const tb_kex_class **ctx)
{
    (void)ctx;
}

#define NULL_KEX(id, sc, sh, se)                                             \
    {                                                                        \
        .context_size = sizeof(null_ctx), .alg = id, .scalar_len = sc,       \
        .share_len = sh, .secret_len = se,                                   \
        .note = "does nothing (overhead baseline)", .init = kex_init,        \
        .keygen = kex_keygen, .set_private = kex_set_private,                \
        .set_peer = kex_set_peer, .set_peer_spki = NULL,                     \
        .derive = kex_derive, .cleanup = kex_cleanup,                        \
    }
static const tb_kex_class null_kex[TB_KEX_COUNT] = {
    NULL_KEX(TB_KEX_X25519, 32, 32, 32),
    NULL_KEX(TB_KEX_P256, 32, 65, 32),
    NULL_KEX(TB_KEX_P384, 48, 97, 48),
};

static tb_status rsa_init(const tb_rsa_kt_class **ctx, const tb_rsa_key *key,
                          tb_why *why)
{
    (void)ctx, (void)key, (void)why;
    return TB_OK;
}
static int rsa_encrypt(const tb_rsa_kt_class **ctx, uint8_t *out,
                       const uint8_t pms[TB_PMS_LEN])
{
    (void)ctx, (void)out, (void)pms;
    return 0;
}
static int rsa_decrypt_pms(const tb_rsa_kt_class **ctx,
                           uint8_t pms[TB_PMS_LEN], const uint8_t *in,
                           size_t in_len, const uint8_t client_version[2])
{
    (void)ctx, (void)pms, (void)in, (void)in_len, (void)client_version;
    return 0;
}
static void rsa_cleanup(const tb_rsa_kt_class **ctx)
{
    (void)ctx;
}
static const tb_rsa_kt_class null_rsa = {
    .context_size = sizeof(null_ctx),
    .note = "does nothing (overhead baseline)",
    .init = rsa_init,
    .encrypt_pms = rsa_encrypt,
    .decrypt_pms = rsa_decrypt_pms,
    .decrypt = NULL,
    .cleanup = rsa_cleanup,
};

static tb_status sig_init(const tb_sig_class **ctx, const tb_sig_key *key,
                          tb_why *why)
{
    (void)ctx, (void)key, (void)why;
    return TB_OK;
}
static int sig_sign(const tb_sig_class **ctx, uint8_t *sig, size_t *sig_len,
                    const uint8_t *msg, size_t msg_len)
{
    (void)ctx, (void)sig, (void)msg, (void)msg_len;
    *sig_len = 0;
    return 0;
}
static int sig_verify(const tb_sig_class **ctx, const uint8_t *sig,
                      size_t sig_len, const uint8_t *msg, size_t msg_len)
{
    (void)ctx, (void)sig, (void)sig_len, (void)msg, (void)msg_len;
    return 0;
}
static void sig_cleanup(const tb_sig_class **ctx)
{
    (void)ctx;
}
#define NULL_SIG(id)                                                         \
    {                                                                        \
        .context_size = sizeof(null_ctx), .alg = id,                         \
        .note = "does nothing (overhead baseline)", .init = sig_init,        \
        .sign = sig_sign, .verify = sig_verify, .cleanup = sig_cleanup,      \
    }
static const tb_sig_class null_sig[TB_SIG_COUNT] = {
    NULL_SIG(TB_SIG_RSA_PKCS1_SHA256),
    NULL_SIG(TB_SIG_RSA_PSS_SHA256),
    NULL_SIG(TB_SIG_ECDSA_P256_SHA256),
    NULL_SIG(TB_SIG_ECDSA_P384_SHA384),
};

static tb_status prf_init(const tb_prf_class **ctx, tb_hash hash, tb_why *why)
{
    (void)ctx, (void)hash, (void)why;
    return TB_OK;
}
static int prf_prf(const tb_prf_class **ctx, uint8_t *out, size_t out_len,
                   const uint8_t *secret, size_t secret_len,
                   const uint8_t *label, size_t label_len, const uint8_t *seed,
                   size_t seed_len)
{
    (void)ctx, (void)out, (void)out_len, (void)secret, (void)secret_len;
    (void)label, (void)label_len, (void)seed, (void)seed_len;
    return 0;
}
static void prf_cleanup(const tb_prf_class **ctx)
{
    (void)ctx;
}
static const tb_prf_class null_prf = {
    .context_size = sizeof(null_ctx),
    .note = "does nothing (overhead baseline)",
    .init = prf_init,
    .prf = prf_prf,
    .cleanup = prf_cleanup,
};

static tb_status hkdf_init(const tb_hkdf_class **ctx, tb_hash hash,
                           tb_why *why)
{
    (void)ctx, (void)hash, (void)why;
    return TB_OK;
}
static int hkdf_extract(const tb_hkdf_class **ctx, uint8_t *prk,
                        const uint8_t *salt, size_t salt_len,
                        const uint8_t *ikm, size_t ikm_len)
{
    (void)ctx, (void)prk, (void)salt, (void)salt_len, (void)ikm, (void)ikm_len;
    return 0;
}
static int hkdf_expand(const tb_hkdf_class **ctx, uint8_t *out,
                       size_t out_len, const uint8_t *prk, size_t prk_len,
                       const uint8_t *info, size_t info_len)
{
    (void)ctx, (void)out, (void)out_len, (void)prk, (void)prk_len;
    (void)info, (void)info_len;
    return 0;
}
static int hkdf_hmac(const tb_hkdf_class **ctx, uint8_t *out,
                     const uint8_t *key, size_t key_len, const uint8_t *msg,
                     size_t msg_len)
{
    (void)ctx, (void)out, (void)key, (void)key_len, (void)msg, (void)msg_len;
    return 0;
}
static void hkdf_cleanup(const tb_hkdf_class **ctx)
{
    (void)ctx;
}
static const tb_hkdf_class null_hkdf = {
    .context_size = sizeof(null_ctx),
    .note = "does nothing (overhead baseline)",
    .init = hkdf_init,
    .extract = hkdf_extract,
    .expand = hkdf_expand,
    .hmac = hkdf_hmac,
    .cleanup = hkdf_cleanup,
};

static const char *null_version(void)
{
    return "n/a";
}

const tb_backend tb_backend_impl = {
    .name = "null",
    .version = null_version,
    .aead = {&null_aead[0], &null_aead[1], &null_aead[2]},
    .kex = {&null_kex[0], &null_kex[1], &null_kex[2]},
    .rsa_kt = &null_rsa,
    .sig = {&null_sig[0], &null_sig[1], &null_sig[2], &null_sig[3]},
    .prf = &null_prf,
    .hkdf = &null_hkdf,
    .baseline = 1,
};
