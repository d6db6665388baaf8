/*
 * RSA key transport of the TLS 1.2 pre-master secret. libgcrypt's only
 * public-key API takes S-expressions: the keys are built once in init, but
 * each call must build the data S-expression and parse the result (and
 * libgcrypt re-parses the key), which allocates.
 */
#include <string.h>

#include <gcrypt.h>

#include "classes.h"
#include "gcry_common.h"
#include "util.h"

typedef struct {
    const tb_rsa_kt_class *vtable;
    gcry_sexp_t pub, priv;
    size_t k; /* modulus length in bytes */
} rsa_ctx;

static tb_status rsa_init(const tb_rsa_kt_class **ctx, const tb_rsa_key *key,
                          tb_why *why)
{
    rsa_ctx *c = (rsa_ctx *)ctx;
    *c = (rsa_ctx){.vtable = &tb_gcrypt_rsa_kt, .k = key->n.len};
    if (key->n.len < TB_PMS_LEN + 11) {
        tb_why_set(why, "RSA modulus too short for a PKCS#1 v1.5 PMS");
        return TB_ERROR;
    }
    return tb_gcry_rsa_sexps(key, &c->pub, &c->priv, why);
}

static int rsa_encrypt_pms(const tb_rsa_kt_class **ctx, uint8_t *out,
                           const uint8_t pms[TB_PMS_LEN])
{
    rsa_ctx *c = (rsa_ctx *)ctx;
    gcry_sexp_t data = NULL, enc = NULL;
    int r = -1;
    /* The pkcs1 flag makes libgcrypt add type-2 padding from its RNG. */
    if (gcry_sexp_build(&data, NULL, "(data (flags pkcs1) (value %b))",
                        TB_PMS_LEN, pms) == 0 &&
        gcry_pk_encrypt(&enc, data, c->pub) == 0) {
        r = tb_gcry_sexp_to_fixed(out, c->k, enc, "a");
    }
    gcry_sexp_release(data);
    gcry_sexp_release(enc);
    return r;
}

/*
 * PKCS#1 v1.5 decryption by libgcrypt: returns the plaintext S-expression,
 * or NULL when libgcrypt reports an error (bad padding included).
 */
static gcry_sexp_t rsa_decrypt_sexp(rsa_ctx *c, const uint8_t *in,
                                    size_t in_len)
{
    gcry_sexp_t enc = NULL, plain = NULL;
    /* RFC 8017 7.2.2 step 1: the ciphertext is exactly k bytes. */
    if (c->priv == NULL || in_len != c->k ||
        gcry_sexp_build(&enc, NULL, "(enc-val (flags pkcs1) (rsa (a %b)))",
                        (int)in_len, in) != 0) {
        return NULL;
    }
    if (gcry_pk_decrypt(&plain, enc, c->priv) != 0) {
        plain = NULL;
    }
    gcry_sexp_release(enc);
    return plain;
}

/* 1 when a == b, else 0, without a branch. */
static unsigned ct_eq(size_t a, size_t b)
{
    size_t x = a ^ b;
    /* x | -x has its top bit set exactly when x != 0. */
    return 1u ^ (unsigned)((x | (0 - x)) >> (sizeof(size_t) * 8 - 1));
}

static int rsa_decrypt_pms(const tb_rsa_kt_class **ctx,
                           uint8_t pms[TB_PMS_LEN], const uint8_t *in,
                           size_t in_len, const uint8_t client_version[2])
{
    rsa_ctx *c = (rsa_ctx *)ctx;
    uint8_t rnd[TB_PMS_LEN];
    uint8_t dec[TB_PMS_LEN] = {0};
    /* RFC 5246 7.4.7.1: the random substitute is made before decrypting. */
    gcry_randomize(rnd, sizeof(rnd), GCRY_STRONG_RANDOM);
    /*
     * libgcrypt 1.10 has no TLS-server variant: its PKCS#1 unpadding
     * reports bad padding as an error, which the caller cannot help
     * branching on. The length and version checks and the choice between
     * the decrypted and the random value below use masks instead.
     */
    gcry_sexp_t plain = rsa_decrypt_sexp(c, in, in_len);
    size_t vlen = 0;
    const char *v = plain != NULL ? gcry_sexp_nth_data(plain, 1, &vlen) : NULL;
    unsigned good = ct_eq(v != NULL, 1) & ct_eq(vlen, TB_PMS_LEN);
    /* Copy what fits (a wrong-length value is discarded below anyway). */
    size_t n = vlen < TB_PMS_LEN ? vlen : TB_PMS_LEN;
    if (v != NULL) {
        memcpy(dec, v, n);
    }
    good &= ct_eq(dec[0], client_version[0]) & ct_eq(dec[1], client_version[1]);
    uint8_t mask = (uint8_t)(0u - good); /* 0xff when good */
    for (size_t i = 0; i < TB_PMS_LEN; i++) {
        pms[i] = (uint8_t)((dec[i] & mask) | (rnd[i] & (uint8_t)~mask));
    }
    gcry_sexp_release(plain);
    return 0;
}

static int rsa_decrypt(const tb_rsa_kt_class **ctx, uint8_t *out,
                       size_t *out_len, const uint8_t *in, size_t in_len)
{
    rsa_ctx *c = (rsa_ctx *)ctx;
    gcry_sexp_t plain = rsa_decrypt_sexp(c, in, in_len);
    size_t vlen = 0;
    const char *v = plain != NULL ? gcry_sexp_nth_data(plain, 1, &vlen) : NULL;
    int r = -1;
    /* This is libgcrypt's own unpadding, deliberately unfiltered (it is
     * what the KATs are meant to judge). 1.10.1 rejects an empty message
     * and accepts fewer than 8 padding bytes or zeros in front of the 02. */
    if (plain != NULL && vlen <= c->k) {
        if (vlen > 0) {
            memcpy(out, v, vlen);
        }
        *out_len = vlen;
        r = 0;
    }
    gcry_sexp_release(plain);
    return r;
}

static void rsa_cleanup(const tb_rsa_kt_class **ctx)
{
    rsa_ctx *c = (rsa_ctx *)ctx;
    gcry_sexp_release(c->pub);
    gcry_sexp_release(c->priv);
    *c = (rsa_ctx){.vtable = c->vtable};
}

const tb_rsa_kt_class tb_gcrypt_rsa_kt = {
    .context_size = sizeof(rsa_ctx),
    .note = "gcry_pk_encrypt/decrypt (flags pkcs1), S-exp per call; bad padding "
            "is a lib error; ct version check+random select",
    .init = rsa_init,
    .encrypt_pms = rsa_encrypt_pms,
    .decrypt_pms = rsa_decrypt_pms,
    .decrypt = rsa_decrypt,
    .cleanup = rsa_cleanup,
};
