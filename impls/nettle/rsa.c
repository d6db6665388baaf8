/* RSA key transport of the TLS 1.2 pre-master secret on hogweed: rsa_encrypt
 * for the client, rsa_sec_decrypt for the server. */
#include <string.h>

#include <gmp.h>
#include <nettle/bignum.h>
#include <nettle/rsa.h>

#include "classes.h"
#include "rng.h"
#include "rsa_key.h"

typedef struct {
    const tb_rsa_kt_class *vtable;
    struct yarrow256_ctx rng;
    tb_nettle_rsa key;
    mpz_t c; /* ciphertext */
    int have_c;
} rsa_kt_ctx;

static tb_status rsa_kt_init(const tb_rsa_kt_class **ctx,
                             const tb_rsa_key *key, tb_why *why)
{
    rsa_kt_ctx *c = (rsa_kt_ctx *)ctx;
    c->vtable = &tb_nettle_rsa_kt;
    c->have_c = 0;
    if (tb_nettle_rsa_import(&c->key, key, why) != TB_OK) {
        return TB_ERROR;
    }
    if (tb_nettle_rng_seed(&c->rng) != 0) {
        tb_why_set(why, "getrandom failed");
        return TB_ERROR;
    }
    /* Twice the modulus size, so that importing a ciphertext never
     * reallocates. */
    mpz_init2(c->c, (mp_bitcnt_t)(16 * c->key.size));
    c->have_c = 1;
    return TB_OK;
}

static int rsa_kt_encrypt_pms(const tb_rsa_kt_class **ctx, uint8_t *out,
                              const uint8_t pms[TB_PMS_LEN])
{
    rsa_kt_ctx *c = (rsa_kt_ctx *)ctx;
    if (!rsa_encrypt(&c->key.pub, &c->rng, tb_nettle_random, TB_PMS_LEN, pms,
                     c->c)) {
        return -1;
    }
    nettle_mpz_get_str_256(c->key.size, out, c->c);
    return 0;
}

/* 1 when a == b, else 0, without a branch. */
static unsigned byte_eq(uint8_t a, uint8_t b)
{
    unsigned d = (unsigned)(a ^ b); /* 0..255 */
    return ((d - 1u) >> 8) & 1u;
}

static int rsa_kt_decrypt_pms(const tb_rsa_kt_class **ctx,
                              uint8_t pms[TB_PMS_LEN], const uint8_t *in,
                              size_t in_len, const uint8_t client_version[2])
{
    rsa_kt_ctx *c = (rsa_kt_ctx *)ctx;
    uint8_t rnd[TB_PMS_LEN];
    if (!c->key.have_priv) {
        return -1;
    }
    /* RFC 5246 7.4.7.1: the random fallback is drawn every time. */
    yarrow256_random(&c->rng, sizeof(rnd), rnd);
    /* rsa_sec_decrypt leaves pms untouched unless the padding is valid and
     * the message is exactly 48 bytes, so it starts as the fallback. */
    memcpy(pms, rnd, TB_PMS_LEN);
    int ok = 0;
    /* The ciphertext length is public: this branch leaks nothing. */
    if (in_len == c->key.size) {
        nettle_mpz_set_str_256_u(c->c, in_len, in);
        ok = rsa_sec_decrypt(&c->key.pub, &c->key.priv, &c->rng,
                             tb_nettle_random, TB_PMS_LEN, pms, c->c);
    }
    /* Version check and selection with masks, not branches. */
    unsigned good = (unsigned)(ok & 1) & byte_eq(pms[0], client_version[0]) &
                    byte_eq(pms[1], client_version[1]);
    uint8_t mask = (uint8_t)(0u - good);
    for (size_t i = 0; i < TB_PMS_LEN; i++) {
        pms[i] = (uint8_t)((pms[i] & mask) | (rnd[i] & (uint8_t)~mask));
    }
    explicit_bzero(rnd, sizeof(rnd));
    return 0;
}

static int rsa_kt_decrypt(const tb_rsa_kt_class **ctx, uint8_t *out,
                          size_t *out_len, const uint8_t *in, size_t in_len)
{
    rsa_kt_ctx *c = (rsa_kt_ctx *)ctx;
    if (!c->key.have_priv || in_len != c->key.size) {
        return -1;
    }
    nettle_mpz_set_str_256_u(c->c, in_len, in);
    size_t len = c->key.size; /* in: room; out: message length */
    if (!rsa_decrypt_tr(&c->key.pub, &c->key.priv, &c->rng, tb_nettle_random,
                        &len, out, c->c)) {
        return -1;
    }
    *out_len = len;
    return 0;
}

static void rsa_kt_cleanup(const tb_rsa_kt_class **ctx)
{
    rsa_kt_ctx *c = (rsa_kt_ctx *)ctx;
    if (c->have_c) {
        mpz_clear(c->c);
        c->have_c = 0;
    }
    tb_nettle_rsa_clear(&c->key);
}

const tb_rsa_kt_class tb_nettle_rsa_kt = {
    .context_size = sizeof(rsa_kt_ctx),
    .note = "rsa_sec_decrypt (const-time, as GnuTLS) + masked version "
            "check/random select; GMP allocates internally",
    .init = rsa_kt_init,
    .encrypt_pms = rsa_kt_encrypt_pms,
    .decrypt_pms = rsa_kt_decrypt_pms,
    .decrypt = rsa_kt_decrypt,
    .cleanup = rsa_kt_cleanup,
};
