/* RSA key transport of the TLS 1.2 pre-master secret: wc_RsaPublicEncrypt
 * (client) and wc_RsaPrivateDecryptInline (server) from wolfCrypt. */
#include <wolfssl/options.h>
#include <wolfssl/wolfcrypt/settings.h>
#include <wolfssl/wolfcrypt/random.h>
#include <wolfssl/wolfcrypt/rsa.h>

#include <stdint.h>
#include <string.h>

#include "backend.h"
#include "classes.h"
#include "util.h"
#include "wolfssl_rsa.h"

#define TBW_RSA_MAX_BYTES 512 /* RSA_MAX_SIZE 4096 bits */

typedef struct {
    const tb_rsa_kt_class *vtable;
    tbw_rsa rsa;
    /* The inline decryption works in place on a copy of the ciphertext
     * (the copying call would allocate a temporary buffer). */
    uint8_t buf[TBW_RSA_MAX_BYTES];
    uint8_t fake[TB_PMS_LEN];
} rsa_kt_ctx;

static tb_status rsa_kt_init(const tb_rsa_kt_class **ctx, const tb_rsa_key *key,
                             tb_why *why)
{
    rsa_kt_ctx *c = (rsa_kt_ctx *)ctx;
    const tb_rsa_kt_class *vt = c->vtable;
    memset(c, 0, sizeof(*c));
    c->vtable = vt;
    tb_status st = tbw_rsa_open(&c->rsa, key, sizeof(c->buf), why);
    if (st == TB_OK && c->rsa.k < TB_PMS_LEN + 11) {
        tb_why_set(why, "modulus too small for PKCS#1 v1.5 with 48 bytes");
        st = TB_ERROR;
    }
    return st;
}

static int rsa_kt_encrypt_pms(const tb_rsa_kt_class **ctx, uint8_t *out,
                              const uint8_t pms[TB_PMS_LEN])
{
    rsa_kt_ctx *c = (rsa_kt_ctx *)ctx;
    int n = wc_RsaPublicEncrypt(pms, TB_PMS_LEN, out, (word32)c->rsa.k,
                                &c->rsa.key, &c->rsa.rng);
    return n == (int)c->rsa.k ? 0 : -1;
}

/* All-ones when a == b, else zero, without a branch. */
static uint32_t ct_eq(uint32_t a, uint32_t b)
{
    uint32_t x = a ^ b;
    return ((x | (0u - x)) >> 31) - 1u;
}

static int rsa_kt_decrypt_pms(const tb_rsa_kt_class **ctx,
                              uint8_t pms[TB_PMS_LEN], const uint8_t *in,
                              size_t in_len, const uint8_t client_version[2])
{
    rsa_kt_ctx *c = (rsa_kt_ctx *)ctx;
    size_t k = c->rsa.k;
    /* Like wolfSSL's own server (DoClientKeyExchange): draw the substitute
     * first, on every call, so the work does not depend on the padding. */
    if (wc_RNG_GenerateBlock(&c->rsa.rng, c->fake, TB_PMS_LEN) != 0) {
        return -1;
    }
    if (in_len != k) {
        /* The length is public: no secret to protect here. */
        memcpy(pms, c->fake, TB_PMS_LEN);
        return 0;
    }
    memcpy(c->buf, in, k);
    uint8_t *msg = NULL;
    /* Blinded private operation; the PKCS#1 type 2 unpadding is constant
     * time in wolfSSL. Any failure counts as bad padding, as in the TLS
     * server, so errors are not told apart. */
    int n = wc_RsaPrivateDecryptInline(c->buf, (word32)k, &msg, &c->rsa.key);
    (void)msg;
    /* A valid 48-byte message is the tail of the decrypted block, so read
     * it from there rather than through msg (set only on success). */
    const uint8_t *cand = c->buf + k - TB_PMS_LEN;
    uint32_t good = ct_eq((uint32_t)n, TB_PMS_LEN) &
                    ct_eq(cand[0], client_version[0]) &
                    ct_eq(cand[1], client_version[1]);
    uint8_t mask = (uint8_t)good;
    for (size_t i = 0; i < TB_PMS_LEN; i++) {
        pms[i] = (uint8_t)((cand[i] & mask) | (c->fake[i] & (uint8_t)~mask));
    }
    return 0;
}

static int rsa_kt_decrypt(const tb_rsa_kt_class **ctx, uint8_t *out,
                          size_t *out_len, const uint8_t *in, size_t in_len)
{
    rsa_kt_ctx *c = (rsa_kt_ctx *)ctx;
    if (in_len != c->rsa.k) {
        return -1;
    }
    memcpy(c->buf, in, in_len);
    uint8_t *msg = NULL;
    int n = wc_RsaPrivateDecryptInline(c->buf, (word32)in_len, &msg,
                                       &c->rsa.key);
    /* wolfSSL 5.5.4 refuses a valid encryption of an empty message
     * (RSA_BUFFER_E), so n == 0 does not occur; guard msg anyway. */
    if (n < 0 || (n > 0 && msg == NULL)) {
        return -1;
    }
    if (n > 0) {
        memmove(out, msg, (size_t)n);
    }
    *out_len = (size_t)n;
    return 0;
}

static void rsa_kt_cleanup(const tb_rsa_kt_class **ctx)
{
    rsa_kt_ctx *c = (rsa_kt_ctx *)ctx;
    tbw_rsa_close(&c->rsa);
}

const tb_rsa_kt_class tb_wolfssl_rsa_kt = {
    .context_size = sizeof(rsa_kt_ctx),
    .note = "wc_RsaPublicEncrypt; wc_RsaPrivateDecryptInline (CT unpad) + "
            "branch-free len/version select vs RNG PMS, as wolfSSL's server",
    .init = rsa_kt_init,
    .encrypt_pms = rsa_kt_encrypt_pms,
    .decrypt_pms = rsa_kt_decrypt_pms,
    .decrypt = rsa_kt_decrypt,
    .cleanup = rsa_kt_cleanup,
};
