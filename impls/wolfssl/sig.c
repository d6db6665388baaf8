/* Signatures: RSA PKCS#1 v1.5 and PSS (wc_RsaSSL_*, wc_RsaPSS_*) and ECDSA
 * (wc_ecc_sign_hash / wc_ecc_verify_hash, DER) from wolfCrypt. Each sign and
 * verify hashes the message itself with a wc_HashAlg kept in the context. */
#include <wolfssl/options.h>
#include <wolfssl/wolfcrypt/settings.h>
#include <wolfssl/wolfcrypt/asn_public.h>
#include <wolfssl/wolfcrypt/ecc.h>
#include <wolfssl/wolfcrypt/hash.h>
#include <wolfssl/wolfcrypt/random.h>
#include <wolfssl/wolfcrypt/rsa.h>

#include <stdint.h>
#include <string.h>

#include "backend.h"
#include "classes.h"
#include "paths.h"
#include "util.h"
#include "wolfssl_rsa.h"

#define TBW_RSA_MAX_BYTES 512 /* RSA_MAX_SIZE 4096 bits */
#define TBW_DIGEST_INFO_MAX 128

/* Hashes msg into digest; wc_HashFinal leaves the state reset for the next
 * call, so the context's hash object is reused without re-init. */
static int hash_msg(wc_HashAlg *h, enum wc_HashType type, uint8_t *digest,
                    const uint8_t *msg, size_t msg_len)
{
    if (msg_len > UINT32_MAX ||
        wc_HashUpdate(h, type, msg, (word32)msg_len) != 0 ||
        wc_HashFinal(h, type, digest) != 0) {
        return -1;
    }
    return 0;
}

/* ------------------------------------------------------------- RSA */

typedef struct {
    const tb_sig_class *vtable;
    tbw_rsa rsa;
    int hash_ready; /* wc_HashInit done */
    int can_sign;   /* private key present */
    int bits;       /* modulus length in bits (PSS padding check) */
    int hash_oid;   /* for the PKCS#1 v1.5 DigestInfo */
    wc_HashAlg hash;
    /* The inline verify works in place on a copy of the signature (the
     * copying call would allocate a temporary buffer). */
    uint8_t buf[TBW_RSA_MAX_BYTES];
    uint8_t n[TBW_RSA_MAX_BYTES]; /* modulus, k bytes big-endian */
} rsa_sig_ctx;

/* RFC 8017 8.2.2 / 8.1.2: a signature is exactly k bytes and, as a number,
 * below n. wolfSSL 5.5.4's public operation does not refuse s >= n
 * (Wycheproof "signature is not reduced"), so check it here. Both values are
 * public, and memcmp orders equal-length big-endian numbers. */
static int rsa_sig_in_range(const rsa_sig_ctx *c, const uint8_t *sig,
                            size_t sig_len)
{
    return sig_len == c->rsa.k && memcmp(sig, c->n, c->rsa.k) < 0;
}

static tb_status rsa_sig_init(const tb_sig_class **ctx, const tb_sig_key *key,
                              tb_why *why)
{
    rsa_sig_ctx *c = (rsa_sig_ctx *)ctx;
    const tb_sig_class *vt = c->vtable;
    memset(c, 0, sizeof(*c));
    c->vtable = vt;
    if (key->rsa == NULL) {
        tb_why_set(why, "no RSA key given");
        return TB_ERROR;
    }
    size_t max_k = sizeof(c->buf) < TB_SIG_MAX ? sizeof(c->buf) : TB_SIG_MAX;
    tb_status st = tbw_rsa_open(&c->rsa, key->rsa, max_k, why);
    if (st != TB_OK) {
        return st;
    }
    if (wc_HashInit(&c->hash, WC_HASH_TYPE_SHA256) != 0) {
        tb_why_set(why, "wc_HashInit failed");
        return TB_ERROR;
    }
    c->hash_ready = 1;
    c->can_sign = key->rsa->d.len != 0;
    if (mp_to_unsigned_bin_len(&c->rsa.key.n, c->n, (int)c->rsa.k) !=
        MP_OKAY) {
        tb_why_set(why, "cannot export the modulus");
        return TB_ERROR;
    }
    c->bits = mp_count_bits(&c->rsa.key.n);
    c->hash_oid = wc_HashGetOID(WC_HASH_TYPE_SHA256);
    if (c->hash_oid <= 0) {
        tb_why_set(why, "wc_HashGetOID(SHA-256) failed");
        return TB_ERROR;
    }
    return TB_OK;
}

static int pkcs1_sign(const tb_sig_class **ctx, uint8_t *sig, size_t *sig_len,
                      const uint8_t *msg, size_t msg_len)
{
    rsa_sig_ctx *c = (rsa_sig_ctx *)ctx;
    uint8_t digest[WC_SHA256_DIGEST_SIZE];
    uint8_t info[TBW_DIGEST_INFO_MAX];
    if (!c->can_sign ||
        hash_msg(&c->hash, WC_HASH_TYPE_SHA256, digest, msg, msg_len) != 0) {
        return -1;
    }
    word32 info_len =
        wc_EncodeSignature(info, digest, sizeof(digest), c->hash_oid);
    if (info_len == 0) {
        return -1;
    }
    int n = wc_RsaSSL_Sign(info, info_len, sig, TB_SIG_MAX, &c->rsa.key,
                           &c->rsa.rng);
    if (n != (int)c->rsa.k) {
        return -1;
    }
    *sig_len = (size_t)n;
    return 0;
}

static int pkcs1_verify(const tb_sig_class **ctx, const uint8_t *sig,
                        size_t sig_len, const uint8_t *msg, size_t msg_len)
{
    rsa_sig_ctx *c = (rsa_sig_ctx *)ctx;
    uint8_t digest[WC_SHA256_DIGEST_SIZE];
    uint8_t info[TBW_DIGEST_INFO_MAX];
    uint8_t *got = NULL;
    if (!rsa_sig_in_range(c, sig, sig_len)) {
        return -1;
    }
    memcpy(c->buf, sig, sig_len);
    int n = wc_RsaSSL_VerifyInline(c->buf, (word32)sig_len, &got, &c->rsa.key);
    if (n <= 0 || got == NULL ||
        hash_msg(&c->hash, WC_HASH_TYPE_SHA256, digest, msg, msg_len) != 0) {
        return -1;
    }
    /* Compare the whole DigestInfo, as wolfSSL's TLS code does. */
    word32 info_len =
        wc_EncodeSignature(info, digest, sizeof(digest), c->hash_oid);
    if (info_len == 0 || (word32)n != info_len ||
        memcmp(got, info, info_len) != 0) {
        return -1;
    }
    return 0;
}

/* TLS 1.3: salt length = hash length = 32, MGF1 with the same hash. */
#define TBW_PSS_SALT 32

static int pss_sign(const tb_sig_class **ctx, uint8_t *sig, size_t *sig_len,
                    const uint8_t *msg, size_t msg_len)
{
    rsa_sig_ctx *c = (rsa_sig_ctx *)ctx;
    uint8_t digest[WC_SHA256_DIGEST_SIZE];
    if (!c->can_sign ||
        hash_msg(&c->hash, WC_HASH_TYPE_SHA256, digest, msg, msg_len) != 0) {
        return -1;
    }
    int n = wc_RsaPSS_Sign_ex(digest, sizeof(digest), sig, TB_SIG_MAX,
                              WC_HASH_TYPE_SHA256, WC_MGF1SHA256, TBW_PSS_SALT,
                              &c->rsa.key, &c->rsa.rng);
    if (n != (int)c->rsa.k) {
        return -1;
    }
    *sig_len = (size_t)n;
    return 0;
}

static int pss_verify(const tb_sig_class **ctx, const uint8_t *sig,
                      size_t sig_len, const uint8_t *msg, size_t msg_len)
{
    rsa_sig_ctx *c = (rsa_sig_ctx *)ctx;
    uint8_t digest[WC_SHA256_DIGEST_SIZE];
    uint8_t *got = NULL;
    if (!rsa_sig_in_range(c, sig, sig_len)) {
        return -1;
    }
    memcpy(c->buf, sig, sig_len);
    /* Public operation and PSS decoding, then the M' hash comparison. */
    int n = wc_RsaPSS_VerifyInline_ex(c->buf, (word32)sig_len, &got,
                                      WC_HASH_TYPE_SHA256, WC_MGF1SHA256,
                                      TBW_PSS_SALT, &c->rsa.key);
    if (n <= 0 || got == NULL ||
        hash_msg(&c->hash, WC_HASH_TYPE_SHA256, digest, msg, msg_len) != 0) {
        return -1;
    }
    return wc_RsaPSS_CheckPadding_ex(digest, sizeof(digest), got, (word32)n,
                                     WC_HASH_TYPE_SHA256, TBW_PSS_SALT,
                                     c->bits) == 0
               ? 0
               : -1;
}

static void rsa_sig_cleanup(const tb_sig_class **ctx)
{
    rsa_sig_ctx *c = (rsa_sig_ctx *)ctx;
    if (c->hash_ready) {
        wc_HashFree(&c->hash, WC_HASH_TYPE_SHA256);
        c->hash_ready = 0;
    }
    tbw_rsa_close(&c->rsa);
}

const tb_sig_class tb_wolfssl_rsa_pkcs1_sha256 = {
    .context_size = sizeof(rsa_sig_ctx),
    .alg = TB_SIG_RSA_PKCS1_SHA256,
    .note = "wc_EncodeSignature + wc_RsaSSL_Sign/VerifyInline (blinded CRT); "
            TBW_RSA_MATH,
    .init = rsa_sig_init,
    .sign = pkcs1_sign,
    .verify = pkcs1_verify,
    .cleanup = rsa_sig_cleanup,
};

const tb_sig_class tb_wolfssl_rsa_pss_sha256 = {
    .context_size = sizeof(rsa_sig_ctx),
    .alg = TB_SIG_RSA_PSS_SHA256,
    .note = "wc_RsaPSS_Sign_ex, VerifyInline_ex + CheckPadding_ex, salt 32 "
            "(one internal alloc per op); " TBW_RSA_MATH,
    .init = rsa_sig_init,
    .sign = pss_sign,
    .verify = pss_verify,
    .cleanup = rsa_sig_cleanup,
};

/* ----------------------------------------------------------- ECDSA */

typedef struct {
    const tb_sig_class *vtable;
    int ready;    /* RNG, key and hash initialised */
    int can_sign; /* private scalar present */
    enum wc_HashType hash_type;
    size_t digest_len;
    WC_RNG rng;
    ecc_key key;
    wc_HashAlg hash;
} ecdsa_ctx;

static tb_status ecdsa_init(const tb_sig_class **ctx, const tb_sig_key *key,
                            tb_why *why)
{
    ecdsa_ctx *c = (ecdsa_ctx *)ctx;
    const tb_sig_class *vt = c->vtable;
    memset(c, 0, sizeof(*c));
    c->vtable = vt;
    int p256 = vt->alg == TB_SIG_ECDSA_P256_SHA256;
    int curve_id = p256 ? ECC_SECP256R1 : ECC_SECP384R1;
    size_t n_len = p256 ? 32 : 48;
    c->hash_type = p256 ? WC_HASH_TYPE_SHA256 : WC_HASH_TYPE_SHA384;
    c->digest_len = p256 ? WC_SHA256_DIGEST_SIZE : WC_SHA384_DIGEST_SIZE;
    int curve_idx = wc_ecc_get_curve_idx(curve_id);
    if (curve_idx < 0) {
        tb_why_set(why, "curve not compiled into this wolfSSL build");
        return TB_UNSUPPORTED;
    }
    if (key->ec_pub.len != 2 * n_len + 1 ||
        (key->ec_priv.len != 0 && key->ec_priv.len != n_len)) {
        tb_why_set(why, "EC key has the wrong length for the curve");
        return TB_ERROR;
    }
    if (wc_InitRng(&c->rng) != 0) {
        tb_why_set(why, "wc_InitRng failed");
        return TB_ERROR;
    }
    if (wc_ecc_init(&c->key) != 0) {
        wc_FreeRng(&c->rng);
        tb_why_set(why, "wc_ecc_init failed");
        return TB_ERROR;
    }
    if (wc_HashInit(&c->hash, c->hash_type) != 0) {
        wc_ecc_free(&c->key);
        wc_FreeRng(&c->rng);
        tb_why_set(why, "wc_HashInit failed");
        return TB_ERROR;
    }
    c->ready = 1;
    int rc;
    if (key->ec_priv.len != 0) {
        rc = wc_ecc_import_private_key_ex(
            key->ec_priv.ptr, (word32)key->ec_priv.len, key->ec_pub.ptr,
            (word32)key->ec_pub.len, &c->key, curve_id);
        c->can_sign = 1;
    } else {
        rc = wc_ecc_import_x963_ex(key->ec_pub.ptr, (word32)key->ec_pub.len,
                                   &c->key, curve_id);
    }
    if (rc != 0 || wc_ecc_point_is_on_curve(&c->key.pubkey, curve_idx) != 0) {
        tb_why_set(why, "EC key import failed: %d", rc);
        return TB_ERROR;
    }
    if (wc_ecc_set_rng(&c->key, &c->rng) != 0) {
        tb_why_set(why, "wc_ecc_set_rng failed");
        return TB_ERROR;
    }
    return TB_OK;
}

static int ecdsa_sign(const tb_sig_class **ctx, uint8_t *sig, size_t *sig_len,
                      const uint8_t *msg, size_t msg_len)
{
    ecdsa_ctx *c = (ecdsa_ctx *)ctx;
    uint8_t digest[WC_SHA384_DIGEST_SIZE];
    word32 len = TB_SIG_MAX;
    if (!c->can_sign ||
        hash_msg(&c->hash, c->hash_type, digest, msg, msg_len) != 0) {
        return -1;
    }
    /* Random k from the DRBG; the output is DER (ECDSA-Sig-Value). */
    if (wc_ecc_sign_hash(digest, (word32)c->digest_len, sig, &len, &c->rng,
                         &c->key) != 0) {
        return -1;
    }
    *sig_len = len;
    return 0;
}

static int ecdsa_verify(const tb_sig_class **ctx, const uint8_t *sig,
                        size_t sig_len, const uint8_t *msg, size_t msg_len)
{
    ecdsa_ctx *c = (ecdsa_ctx *)ctx;
    uint8_t digest[WC_SHA384_DIGEST_SIZE];
    int res = 0;
    if (sig_len > UINT32_MAX ||
        hash_msg(&c->hash, c->hash_type, digest, msg, msg_len) != 0) {
        return -1;
    }
    /* res is 1 only for a valid signature; the return code reports
     * malformed input. */
    if (wc_ecc_verify_hash(sig, (word32)sig_len, digest, (word32)c->digest_len,
                           &res, &c->key) != 0) {
        return -1;
    }
    return res == 1 ? 0 : -1;
}

static void ecdsa_cleanup(const tb_sig_class **ctx)
{
    ecdsa_ctx *c = (ecdsa_ctx *)ctx;
    if (c->ready) {
        wc_HashFree(&c->hash, c->hash_type);
        wc_ecc_free(&c->key);
        wc_FreeRng(&c->rng);
        c->ready = 0;
    }
}

#define TBW_ECDSA_NOTE                                                  \
    "wc_ecc_sign_hash/verify_hash (DER); " TBW_ECC_MATH TBW_FP_ECC

const tb_sig_class tb_wolfssl_ecdsa_p256_sha256 = {
    .context_size = sizeof(ecdsa_ctx),
    .alg = TB_SIG_ECDSA_P256_SHA256,
    .note = TBW_ECDSA_NOTE,
    .init = ecdsa_init,
    .sign = ecdsa_sign,
    .verify = ecdsa_verify,
    .cleanup = ecdsa_cleanup,
};

const tb_sig_class tb_wolfssl_ecdsa_p384_sha384 = {
    .context_size = sizeof(ecdsa_ctx),
    .alg = TB_SIG_ECDSA_P384_SHA384,
    .note = TBW_ECDSA_NOTE,
    .init = ecdsa_init,
    .sign = ecdsa_sign,
    .verify = ecdsa_verify,
    .cleanup = ecdsa_cleanup,
};
