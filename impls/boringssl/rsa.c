/* RSA key transport of the TLS 1.2 pre-master secret. The server side does
 * what BoringSSL's own TLS server does (ssl/handshake_server.cc): a raw
 * RSA_decrypt, then a constant-time check of the PKCS#1 v1.5 block, the
 * 48-byte length and client_version, selecting a random PMS on failure. */
#include "classes.h" /* first: it checks for BoringSSL headers */

#include <string.h>

#include <openssl/err.h>
#include <openssl/mem.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>

#include "rsa_key.h"

/* 0x00 0x02, at least 8 non-zero padding bytes, 0x00 (RFC 8017 7.2). */
#define PKCS1_MIN_OVERHEAD 11

typedef struct {
    const tb_rsa_kt_class *vtable;
    RSA *rsa;
    size_t k; /* modulus length in bytes */
    int has_private;
    uint8_t block[TB_BSSL_RSA_MAX_BYTES]; /* the raw decryption */
} rsa_kt_ctx;

static rsa_kt_ctx *rsa_kt_of(const tb_rsa_kt_class **ctx)
{
    return (rsa_kt_ctx *)(void *)ctx;
}

static tb_status rsa_kt_init(const tb_rsa_kt_class **ctx,
                             const tb_rsa_key *key, tb_why *why)
{
    rsa_kt_ctx *c = rsa_kt_of(ctx);
    uint8_t seed[TB_PMS_LEN];
    c->vtable = &tb_boringssl_rsa_kt;
    c->rsa = NULL;
    c->has_private = key->d.len != 0;
    tb_status st = tb_bssl_rsa_import(&c->rsa, key, why);
    if (st != TB_OK) {
        return st;
    }
    c->k = RSA_size(c->rsa);
    if (c->k < TB_PMS_LEN + PKCS1_MIN_OVERHEAD) {
        tb_why_set(why, "modulus too small for a PKCS#1 v1.5 PMS");
        return TB_UNSUPPORTED;
    }
    /* Seeds this thread's RNG state before anything is timed. */
    if (!RAND_bytes(seed, sizeof(seed))) {
        tb_why_set(why, "RAND_bytes failed");
        return TB_ERROR;
    }
    return TB_OK;
}

static int rsa_kt_encrypt_pms(const tb_rsa_kt_class **ctx, uint8_t *out,
                              const uint8_t pms[TB_PMS_LEN])
{
    rsa_kt_ctx *c = rsa_kt_of(ctx);
    size_t out_len = 0;
    if (!RSA_encrypt(c->rsa, &out_len, out, c->k, pms, TB_PMS_LEN,
                     RSA_PKCS1_PADDING) ||
        out_len != c->k) {
        return -1;
    }
    return 0;
}

/* 0xff when x == 0, else 0, without a branch. */
static uint8_t ct_is_zero(uint8_t x)
{
    return (uint8_t)(((uint32_t)x - 1) >> 8);
}

static uint8_t ct_eq(uint8_t a, uint8_t b)
{
    return ct_is_zero((uint8_t)(a ^ b));
}

/* Hides the mask's value from the optimiser so the select below stays
 * branch-free. */
static uint8_t ct_barrier(uint8_t x)
{
    __asm__("" : "+r"(x));
    return x;
}

/* A ciphertext not below n is a public property of the message: the server
 * then goes on with the random PMS, as RFC 5246 7.4.7.1 asks, and the branch
 * reveals nothing secret. Any other failure is an internal error. */
static int rsa_kt_public_reject(void)
{
    uint32_t err = ERR_peek_last_error();
    ERR_clear_error();
    return ERR_GET_LIB(err) == ERR_LIB_RSA &&
           ERR_GET_REASON(err) == RSA_R_DATA_TOO_LARGE_FOR_MODULUS;
}

static int rsa_kt_decrypt_pms(const tb_rsa_kt_class **ctx,
                              uint8_t pms[TB_PMS_LEN], const uint8_t *in,
                              size_t in_len,
                              const uint8_t client_version[2])
{
    rsa_kt_ctx *c = rsa_kt_of(ctx);
    uint8_t random_pms[TB_PMS_LEN];
    size_t len = 0;
    if (!c->has_private) {
        return -1;
    }
    /* Drawn every time, so good and bad ciphertexts cost the same. */
    if (!RAND_bytes(random_pms, sizeof(random_pms))) {
        return -1;
    }
    /* A wrong length is public too (see rsa_kt_public_reject). */
    if (in_len != c->k) {
        memcpy(pms, random_pms, TB_PMS_LEN);
        return 0;
    }
    if (!RSA_decrypt(c->rsa, &len, c->block, c->k, in, in_len,
                     RSA_NO_PADDING)) {
        if (!rsa_kt_public_reject()) {
            return -1;
        }
        memcpy(pms, random_pms, TB_PMS_LEN);
        return 0;
    }
    if (len != c->k) {
        return -1;
    }
    /* block = 00 02 PS 00 PMS with PMS exactly 48 bytes: PS fills
     * block[2 .. sep-1] and must be non-zero, block[sep] must be zero. */
    const uint8_t *b = c->block;
    size_t sep = c->k - TB_PMS_LEN - 1;
    uint8_t good = ct_eq(b[0], 0x00) & ct_eq(b[1], 0x02);
    for (size_t i = 2; i < sep; i++) {
        good &= (uint8_t)~ct_is_zero(b[i]);
    }
    good &= ct_is_zero(b[sep]);
    good &= ct_eq(b[sep + 1], client_version[0]);
    good &= ct_eq(b[sep + 2], client_version[1]);
    good = ct_barrier(good);
    for (size_t i = 0; i < TB_PMS_LEN; i++) {
        pms[i] = (uint8_t)((b[sep + 1 + i] & good) |
                           (random_pms[i] & (uint8_t)~good));
    }
    return 0;
}

static int rsa_kt_decrypt(const tb_rsa_kt_class **ctx, uint8_t *out,
                          size_t *out_len, const uint8_t *in, size_t in_len)
{
    rsa_kt_ctx *c = rsa_kt_of(ctx);
    if (!c->has_private ||
        !RSA_decrypt(c->rsa, out_len, out, c->k, in, in_len,
                     RSA_PKCS1_PADDING)) {
        ERR_clear_error();
        return -1;
    }
    return 0;
}

static void rsa_kt_cleanup(const tb_rsa_kt_class **ctx)
{
    rsa_kt_ctx *c = rsa_kt_of(ctx);
    RSA_free(c->rsa);
    c->rsa = NULL;
    OPENSSL_cleanse(c->block, sizeof(c->block));
}

const tb_rsa_kt_class tb_boringssl_rsa_kt = {
    .context_size = sizeof(rsa_kt_ctx),
    .note = "RSA_decrypt NO_PADDING + constant-time PKCS#1/len/version check "
            "(as BoringSSL's TLS server); allocates inside",
    .init = rsa_kt_init,
    .encrypt_pms = rsa_kt_encrypt_pms,
    .decrypt_pms = rsa_kt_decrypt_pms,
    .decrypt = rsa_kt_decrypt,
    .cleanup = rsa_kt_cleanup,
};
