/*
 * libFuzzer target: the Wycheproof JSON loader and runner
 * (bench/wycheproof.c). Each input is loaded from memory; a file that loads
 * is run on a stand-in backend whose every class writes its whole declared
 * output and reads every input byte, so a buffer the runner sizes wrong is
 * caught by the address sanitizer, and which answers "accept" or "reject"
 * from the input's first byte, so both verdict paths run.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "wycheproof.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static FILE *sink;
static int answer; /* 0 accept, -1 reject */
static volatile uint8_t seen;

/* Reads every byte, as a library would. */
static void touch(const uint8_t *p, size_t len)
{
    uint8_t x = 0;
    for (size_t i = 0; i < len; i++) {
        x ^= p[i];
    }
    seen ^= x;
}

typedef struct {
    const void *vtable;
    size_t mod_len;
    size_t hash_len;
} fz_ctx;

/* AEAD */
static tb_status aead_init(const tb_aead_class **ctx, const uint8_t *key,
                           tb_why *why)
{
    (void)why;
    touch(key, (*ctx)->key_len);
    return TB_OK;
}
static int aead_seal(const tb_aead_class **ctx, uint8_t *out,
                     uint8_t tag[TB_AEAD_TAG_LEN],
                     const uint8_t nonce[TB_AEAD_NONCE_LEN], const uint8_t *ad,
                     size_t ad_len, const uint8_t *in, size_t in_len)
{
    (void)ctx;
    touch(nonce, TB_AEAD_NONCE_LEN);
    touch(ad, ad_len);
    touch(in, in_len);
    memset(out, 0, in_len);
    memset(tag, 0, TB_AEAD_TAG_LEN);
    return answer;
}
static int aead_open(const tb_aead_class **ctx, uint8_t *out,
                     const uint8_t tag[TB_AEAD_TAG_LEN],
                     const uint8_t nonce[TB_AEAD_NONCE_LEN], const uint8_t *ad,
                     size_t ad_len, const uint8_t *in, size_t in_len)
{
    (void)ctx;
    touch(tag, TB_AEAD_TAG_LEN);
    touch(nonce, TB_AEAD_NONCE_LEN);
    touch(ad, ad_len);
    touch(in, in_len);
    memset(out, 0, in_len);
    return answer;
}
static void aead_cleanup(const tb_aead_class **ctx)
{
    (void)ctx;
}
#define FZ_AEAD(id, klen)                                                    \
    {                                                                        \
        .context_size = sizeof(fz_ctx), .alg = id, .key_len = klen,          \
        .init = aead_init, .seal = aead_seal, .open = aead_open,             \
        .cleanup = aead_cleanup,                                             \
    }
static const tb_aead_class fz_aead[TB_AEAD_COUNT] = {
    FZ_AEAD(TB_AEAD_AES128GCM, 16),
    FZ_AEAD(TB_AEAD_AES256GCM, 32),
    FZ_AEAD(TB_AEAD_CHACHA20POLY1305, 32),
};

/* key exchange */
static tb_status kex_init(const tb_kex_class **ctx, tb_why *why)
{
    (void)ctx, (void)why;
    return TB_OK;
}
static int kex_keygen(const tb_kex_class **ctx, uint8_t *share)
{
    memset(share, 0, (*ctx)->share_len);
    return 0;
}
static int kex_set_private(const tb_kex_class **ctx, const uint8_t *scalar,
                           uint8_t *share)
{
    touch(scalar, (*ctx)->scalar_len);
    memset(share, 0, (*ctx)->share_len);
    return 0;
}
static int kex_set_peer(const tb_kex_class **ctx, const uint8_t *share,
                        size_t share_len)
{
    (void)ctx;
    touch(share, share_len);
    return answer;
}
static int kex_derive(const tb_kex_class **ctx, uint8_t *secret)
{
    memset(secret, 0, (*ctx)->secret_len);
    return 0;
}
static void kex_cleanup(const tb_kex_class **ctx)
{
    (void)ctx;
}
#define FZ_KEX(id, sc, sh, se)                                               \
    {                                                                        \
        .context_size = sizeof(fz_ctx), .alg = id, .scalar_len = sc,         \
        .share_len = sh, .secret_len = se, .init = kex_init,                 \
        .keygen = kex_keygen, .set_private = kex_set_private,                \
        .set_peer = kex_set_peer, .set_peer_spki = kex_set_peer,             \
        .derive = kex_derive, .cleanup = kex_cleanup,                        \
    }
static const tb_kex_class fz_kex[TB_KEX_COUNT] = {
    FZ_KEX(TB_KEX_X25519, 32, 32, 32),
    FZ_KEX(TB_KEX_P256, 32, 65, 32),
    FZ_KEX(TB_KEX_P384, 48, 97, 48),
};

/* RSA key transport */
static void touch_rsa(const tb_rsa_key *k)
{
    const tb_bytes *parts[] = {&k->n, &k->e, &k->d, &k->p, &k->q,
                               &k->dp, &k->dq, &k->qinv};
    for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
        touch(parts[i]->ptr, parts[i]->len);
    }
}
static tb_status rsa_init(const tb_rsa_kt_class **ctx, const tb_rsa_key *key,
                          tb_why *why)
{
    touch_rsa(key);
    if (key->n.len == 0 || key->bits > 8 * key->n.len) {
        tb_why_set(why, "a bad modulus");
        return TB_ERROR;
    }
    ((fz_ctx *)ctx)->mod_len = key->n.len;
    return TB_OK;
}
static int rsa_encrypt(const tb_rsa_kt_class **ctx, uint8_t *out,
                       const uint8_t pms[TB_PMS_LEN])
{
    touch(pms, TB_PMS_LEN);
    memset(out, 0, ((fz_ctx *)ctx)->mod_len);
    return 0;
}
static int rsa_decrypt_pms(const tb_rsa_kt_class **ctx,
                           uint8_t pms[TB_PMS_LEN], const uint8_t *in,
                           size_t in_len, const uint8_t client_version[2])
{
    (void)ctx;
    touch(in, in_len);
    touch(client_version, 2);
    memset(pms, 0, TB_PMS_LEN);
    return 0;
}
static int rsa_decrypt(const tb_rsa_kt_class **ctx, uint8_t *out,
                       size_t *out_len, const uint8_t *in, size_t in_len)
{
    size_t k = ((fz_ctx *)ctx)->mod_len;
    touch(in, in_len);
    memset(out, 0, k); /* the interface promises room for k bytes */
    *out_len = k / 2;
    return answer;
}
static void rsa_cleanup(const tb_rsa_kt_class **ctx)
{
    (void)ctx;
}
static const tb_rsa_kt_class fz_rsa = {
    .context_size = sizeof(fz_ctx),
    .init = rsa_init,
    .encrypt_pms = rsa_encrypt,
    .decrypt_pms = rsa_decrypt_pms,
    .decrypt = rsa_decrypt,
    .cleanup = rsa_cleanup,
};

/* signatures */
static tb_status sig_init(const tb_sig_class **ctx, const tb_sig_key *key,
                          tb_why *why)
{
    (void)why;
    if ((*ctx)->alg == TB_SIG_RSA_PKCS1_SHA256 ||
        (*ctx)->alg == TB_SIG_RSA_PSS_SHA256) {
        touch_rsa(key->rsa);
    } else {
        touch(key->ec_pub.ptr, key->ec_pub.len);
        touch(key->ec_priv.ptr, key->ec_priv.len);
    }
    return TB_OK;
}
static int sig_sign(const tb_sig_class **ctx, uint8_t *sig, size_t *sig_len,
                    const uint8_t *msg, size_t msg_len)
{
    (void)ctx;
    touch(msg, msg_len);
    memset(sig, 0, TB_SIG_MAX);
    *sig_len = 0;
    return 0;
}
static int sig_verify(const tb_sig_class **ctx, const uint8_t *sig,
                      size_t sig_len, const uint8_t *msg, size_t msg_len)
{
    (void)ctx;
    touch(sig, sig_len);
    touch(msg, msg_len);
    return answer;
}
static void sig_cleanup(const tb_sig_class **ctx)
{
    (void)ctx;
}
#define FZ_SIG(id)                                                           \
    {                                                                        \
        .context_size = sizeof(fz_ctx), .alg = id, .init = sig_init,         \
        .sign = sig_sign, .verify = sig_verify, .cleanup = sig_cleanup,      \
    }
static const tb_sig_class fz_sig[TB_SIG_COUNT] = {
    FZ_SIG(TB_SIG_RSA_PKCS1_SHA256),
    FZ_SIG(TB_SIG_RSA_PSS_SHA256),
    FZ_SIG(TB_SIG_ECDSA_P256_SHA256),
    FZ_SIG(TB_SIG_ECDSA_P384_SHA384),
};

/* HKDF and HMAC */
static tb_status hkdf_init(const tb_hkdf_class **ctx, tb_hash hash,
                           tb_why *why)
{
    (void)why;
    ((fz_ctx *)ctx)->hash_len = tb_hash_len(hash);
    return TB_OK;
}
static int hkdf_extract(const tb_hkdf_class **ctx, uint8_t *prk,
                        const uint8_t *salt, size_t salt_len,
                        const uint8_t *ikm, size_t ikm_len)
{
    touch(salt, salt_len);
    touch(ikm, ikm_len);
    memset(prk, 0, ((fz_ctx *)ctx)->hash_len);
    return 0;
}
static int hkdf_expand(const tb_hkdf_class **ctx, uint8_t *out,
                       size_t out_len, const uint8_t *prk, size_t prk_len,
                       const uint8_t *info, size_t info_len)
{
    size_t h = ((fz_ctx *)ctx)->hash_len;
    touch(prk, prk_len);
    touch(info, info_len);
    if (out_len > 255 * h) {
        return -1;
    }
    memset(out, 0, out_len);
    return answer;
}
static int hkdf_hmac(const tb_hkdf_class **ctx, uint8_t *out,
                     const uint8_t *key, size_t key_len, const uint8_t *msg,
                     size_t msg_len)
{
    touch(key, key_len);
    touch(msg, msg_len);
    memset(out, 0, ((fz_ctx *)ctx)->hash_len);
    return answer;
}
static void hkdf_cleanup(const tb_hkdf_class **ctx)
{
    (void)ctx;
}
static const tb_hkdf_class fz_hkdf = {
    .context_size = sizeof(fz_ctx),
    .init = hkdf_init,
    .extract = hkdf_extract,
    .expand = hkdf_expand,
    .hmac = hkdf_hmac,
    .cleanup = hkdf_cleanup,
};

static const tb_backend fz_backend = {
    .name = "fuzz",
    .aead = {&fz_aead[0], &fz_aead[1], &fz_aead[2]},
    .kex = {&fz_kex[0], &fz_kex[1], &fz_kex[2]},
    .rsa_kt = &fz_rsa,
    .sig = {&fz_sig[0], &fz_sig[1], &fz_sig[2], &fz_sig[3]},
    .hkdf = &fz_hkdf,
};

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    sink = fopen("/dev/null", "w");
    return sink == NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char err[400];
    err[0] = '\0';
    tb_wp_file *f = tb_wp_load_buffer("fuzz.json", (const char *)data, size,
                                      err, sizeof(err));
    if (f == NULL) {
        if (err[0] == '\0') {
            __builtin_trap(); /* a refusal always says why */
        }
        return 0;
    }
    answer = size % 2 ? -1 : 0; /* files end alike; lengths vary */
    tb_wp_counts c;
    memset(&c, 0, sizeof(c));
    tb_wp_run(&fz_backend, f, &c, sink);
    if (c.passed < 0 || c.failed < 0 || c.skipped < 0) {
        __builtin_trap();
    }
    tb_wp_free(f);
    return 0;
}
