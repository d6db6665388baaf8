/*
 * RSA key transport of the TLS 1.2 pre-master secret. The server side does
 * what Mbed TLS's own TLS 1.2 server does (ssl_parse_encrypted_pms in
 * library/ssl_srv.c): decrypt with the constant-time PKCS#1 v1.5 unpadding,
 * always draw a random 48-byte value, and pick one of the two with a mask
 * computed from the padding result, the length and client_version, without
 * branching on them (RFC 5246 7.4.7.1). That logic is written here; the
 * library keeps it private to its TLS stack.
 */
#include <mbedtls/rsa.h>

#include "classes.h"
#include "common.h"

#if defined(MBEDTLS_RSA_C) && defined(MBEDTLS_PKCS1_V15)

typedef struct {
    const tb_rsa_kt_class *vtable;
    mbedtls_rsa_context rsa;
    size_t n_len;
    int has_private;
    tb_mbedtls_rng rng; /* encryption padding, blinding, the fake PMS */
} rsa_kt_ctx;

static tb_status rsa_kt_init(const tb_rsa_kt_class **ctx,
                             const tb_rsa_key *key, tb_why *why)
{
    rsa_kt_ctx *c = (rsa_kt_ctx *)ctx;
    mbedtls_rsa_init(&c->rsa, MBEDTLS_RSA_PKCS_V15, 0);
    tb_mbedtls_rng_init(&c->rng);
    tb_status st = tb_mbedtls_rsa_import(&c->rsa, key, &c->has_private, why);
    if (st != TB_OK) {
        return st;
    }
    c->n_len = mbedtls_rsa_get_len(&c->rsa);
    return tb_mbedtls_rng_seed(&c->rng, "tlsbench rsa_kt", why);
}

static int rsa_kt_encrypt_pms(const tb_rsa_kt_class **ctx, uint8_t *out,
                              const uint8_t pms[TB_PMS_LEN])
{
    rsa_kt_ctx *c = (rsa_kt_ctx *)ctx;
    int ret = mbedtls_rsa_pkcs1_encrypt(&c->rsa, mbedtls_ctr_drbg_random,
                                        &c->rng.drbg, MBEDTLS_RSA_PUBLIC,
                                        TB_PMS_LEN, pms, out);
    return ret == 0 ? 0 : -1;
}

/* 0xff when x != 0, else 0x00, without a branch on x. */
static uint8_t nonzero_mask(size_t x)
{
    size_t top = (x | (0 - x)) >> (sizeof(size_t) * 8 - 1);
    return (uint8_t)(0 - top);
}

static int rsa_kt_decrypt_pms(const tb_rsa_kt_class **ctx,
                              uint8_t pms[TB_PMS_LEN], const uint8_t *in,
                              size_t in_len, const uint8_t client_version[2])
{
    rsa_kt_ctx *c = (rsa_kt_ctx *)ctx;
    uint8_t peer[TB_PMS_LEN] = {0};
    uint8_t fake[TB_PMS_LEN];
    size_t peer_len = 0;
    /* The ciphertext length is public: like Mbed TLS's server, a wrong
     * one is a decode error, not a reason for a fake PMS. The library's
     * decrypt reads exactly n_len bytes. */
    if (!c->has_private || in_len != c->n_len) {
        return -1;
    }
    /* Room for 48 bytes only: a longer plaintext is an error too. */
    int ret = mbedtls_rsa_pkcs1_decrypt(&c->rsa, mbedtls_ctr_drbg_random,
                                        &c->rng.drbg, MBEDTLS_RSA_PRIVATE,
                                        &peer_len, in, peer, sizeof(peer));
    /* Drawn whatever the outcome, so that its cost reveals nothing. */
    if (mbedtls_ctr_drbg_random(&c->rng.drbg, fake, sizeof(fake)) != 0) {
        return -1;
    }
    size_t diff = (size_t)(unsigned)ret;
    diff |= peer_len ^ TB_PMS_LEN;
    diff |= (size_t)(peer[0] ^ client_version[0]);
    diff |= (size_t)(peer[1] ^ client_version[1]);
    uint8_t mask = nonzero_mask(diff);
    for (size_t i = 0; i < TB_PMS_LEN; i++) {
        pms[i] = (uint8_t)((mask & fake[i]) | (~mask & peer[i]));
    }
    return 0;
}

static int rsa_kt_decrypt(const tb_rsa_kt_class **ctx, uint8_t *out,
                          size_t *out_len, const uint8_t *in, size_t in_len)
{
    rsa_kt_ctx *c = (rsa_kt_ctx *)ctx;
    if (!c->has_private || in_len != c->n_len) {
        return -1;
    }
    int ret = mbedtls_rsa_pkcs1_decrypt(&c->rsa, mbedtls_ctr_drbg_random,
                                        &c->rng.drbg, MBEDTLS_RSA_PRIVATE,
                                        out_len, in, out, c->n_len);
    return ret == 0 ? 0 : -1;
}

static void rsa_kt_cleanup(const tb_rsa_kt_class **ctx)
{
    rsa_kt_ctx *c = (rsa_kt_ctx *)ctx;
    mbedtls_rsa_free(&c->rsa);
    tb_mbedtls_rng_free(&c->rng);
}

const tb_rsa_kt_class tb_mbedtls_rsa_kt = {
    .context_size = sizeof(rsa_kt_ctx),
    .note = "mbedtls_rsa_pkcs1_decrypt (CT unpad, CRT, blinded) + branch-free "
            "swap to random PMS as in ssl_srv.c; bignum mallocs",
    .init = rsa_kt_init,
    .encrypt_pms = rsa_kt_encrypt_pms,
    .decrypt_pms = rsa_kt_decrypt_pms,
    .decrypt = rsa_kt_decrypt,
    .cleanup = rsa_kt_cleanup,
};

#else

typedef struct {
    const tb_rsa_kt_class *vtable;
} rsa_kt_ctx;

static tb_status rsa_kt_init(const tb_rsa_kt_class **ctx,
                             const tb_rsa_key *key, tb_why *why)
{
    (void)ctx;
    (void)key;
    tb_why_set(why, "this Mbed TLS build lacks MBEDTLS_RSA_C or PKCS1_V15");
    return TB_UNSUPPORTED;
}

static void rsa_kt_cleanup(const tb_rsa_kt_class **ctx)
{
    (void)ctx;
}

const tb_rsa_kt_class tb_mbedtls_rsa_kt = {
    .context_size = sizeof(rsa_kt_ctx),
    .note = "not in this build",
    .init = rsa_kt_init,
    .cleanup = rsa_kt_cleanup,
};

#endif
