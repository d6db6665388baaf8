/* Key exchange: X25519 (wc_curve25519_*) and ECDH on P-256/P-384
 * (wc_ecc_*) from wolfCrypt. */
#include <wolfssl/options.h>
#include <wolfssl/wolfcrypt/settings.h>
#include <wolfssl/wolfcrypt/asn_public.h>
#include <wolfssl/wolfcrypt/curve25519.h>
#include <wolfssl/wolfcrypt/ecc.h>
#include <wolfssl/wolfcrypt/random.h>

#include <stdint.h>
#include <string.h>

#include "backend.h"
#include "classes.h"
#include "paths.h"
#include "util.h"

/* ------------------------------------------------------------- X25519 */

typedef struct {
    const tb_kex_class *vtable;
    int rng_ready;
    WC_RNG rng;
    curve25519_key priv;
    curve25519_key peer;
} x25519_ctx;

static tb_status x25519_init(const tb_kex_class **ctx, tb_why *why)
{
    x25519_ctx *c = (x25519_ctx *)ctx;
    const tb_kex_class *vt = c->vtable;
    memset(c, 0, sizeof(*c));
    c->vtable = vt;
    if (wc_curve25519_init(&c->priv) != 0 ||
        wc_curve25519_init(&c->peer) != 0) {
        tb_why_set(why, "wc_curve25519_init failed");
        return TB_ERROR;
    }
    if (wc_InitRng(&c->rng) != 0) {
        tb_why_set(why, "wc_InitRng failed");
        return TB_ERROR;
    }
    c->rng_ready = 1;
    return TB_OK;
}

static int x25519_export(x25519_ctx *c, uint8_t *share)
{
    word32 len = CURVE25519_KEYSIZE;
    return wc_curve25519_export_public_ex(&c->priv, share, &len,
                                          EC25519_LITTLE_ENDIAN) == 0 &&
                   len == CURVE25519_KEYSIZE
               ? 0
               : -1;
}

static int x25519_keygen(const tb_kex_class **ctx, uint8_t *share)
{
    x25519_ctx *c = (x25519_ctx *)ctx;
    /* Random scalar from the DRBG, clamped, and its public u. */
    if (wc_curve25519_make_key(&c->rng, CURVE25519_KEYSIZE, &c->priv) != 0) {
        return -1;
    }
    return x25519_export(c, share);
}

static int x25519_set_private(const tb_kex_class **ctx, const uint8_t *scalar,
                              uint8_t *share)
{
    x25519_ctx *c = (x25519_ctx *)ctx;
    /* Re-init so no public value of an earlier key stays marked as set;
     * the export then computes the public u from the new scalar. */
    wc_curve25519_free(&c->priv);
    if (wc_curve25519_init(&c->priv) != 0 ||
        wc_curve25519_import_private_ex(scalar, CURVE25519_KEYSIZE, &c->priv,
                                        EC25519_LITTLE_ENDIAN) != 0) {
        return -1;
    }
    return x25519_export(c, share);
}

static int x25519_set_peer(const tb_kex_class **ctx, const uint8_t *share,
                           size_t share_len)
{
    x25519_ctx *c = (x25519_ctx *)ctx;
    uint8_t u[CURVE25519_KEYSIZE];
    if (share_len != CURVE25519_KEYSIZE) {
        return -1;
    }
    /* RFC 7748 section 5: the receiver masks bit 255 of u. wolfSSL refuses
     * u with that bit set instead, so mask before handing it over. */
    memcpy(u, share, sizeof(u));
    u[CURVE25519_KEYSIZE - 1] &= 0x7f;
    /* The check wolfSSL's TLS key share code applies: u not 0, 1 or
     * >= p - 1. */
    if (wc_curve25519_check_public(u, sizeof(u), EC25519_LITTLE_ENDIAN) != 0) {
        return -1;
    }
    return wc_curve25519_import_public_ex(u, sizeof(u), &c->peer,
                                          EC25519_LITTLE_ENDIAN) == 0
               ? 0
               : -1;
}

static int x25519_set_peer_spki(const tb_kex_class **ctx, const uint8_t *der,
                                size_t der_len)
{
    curve25519_key tmp;
    uint8_t u[CURVE25519_KEYSIZE];
    word32 idx = 0, len = sizeof(u);
    if (der_len > UINT32_MAX || wc_curve25519_init(&tmp) != 0) {
        return -1;
    }
    int rc = wc_Curve25519PublicKeyDecode(der, &idx, &tmp, (word32)der_len);
    if (rc == 0 && idx == der_len) {
        rc = wc_curve25519_export_public_ex(&tmp, u, &len,
                                            EC25519_LITTLE_ENDIAN);
    } else {
        rc = -1;
    }
    wc_curve25519_free(&tmp);
    if (rc != 0) {
        return -1;
    }
    return x25519_set_peer(ctx, u, len);
}

static int x25519_derive(const tb_kex_class **ctx, uint8_t *secret)
{
    x25519_ctx *c = (x25519_ctx *)ctx;
    word32 len = CURVE25519_KEYSIZE;
    if (wc_curve25519_shared_secret_ex(&c->priv, &c->peer, secret, &len,
                                       EC25519_LITTLE_ENDIAN) != 0 ||
        len != CURVE25519_KEYSIZE) {
        return -1;
    }
    /* This build lacks WOLFSSL_ECDHX_SHARED_NOT_ZERO, so the library does
     * not refuse an all-zero result (a low-order peer point): do it here,
     * without a data-dependent branch per byte. */
    uint8_t acc = 0;
    for (size_t i = 0; i < CURVE25519_KEYSIZE; i++) {
        acc |= secret[i];
    }
    return acc == 0 ? -1 : 0;
}

static void x25519_cleanup(const tb_kex_class **ctx)
{
    x25519_ctx *c = (x25519_ctx *)ctx;
    wc_curve25519_free(&c->priv);
    wc_curve25519_free(&c->peer);
    if (c->rng_ready) {
        wc_FreeRng(&c->rng);
        c->rng_ready = 0;
    }
}

const tb_kex_class tb_wolfssl_x25519 = {
    .context_size = sizeof(x25519_ctx),
    .alg = TB_KEX_X25519,
    .scalar_len = 32,
    .share_len = 32,
    .secret_len = 32,
    .note = "wc_curve25519_make_key/shared_secret_ex (+ check_public); "
            TBW_X25519_PATH,
    .init = x25519_init,
    .keygen = x25519_keygen,
    .set_private = x25519_set_private,
    .set_peer = x25519_set_peer,
    .set_peer_spki = x25519_set_peer_spki,
    .derive = x25519_derive,
    .cleanup = x25519_cleanup,
};

/* -------------------------------------------------------- NIST ECDH */

typedef struct {
    const tb_kex_class *vtable;
    int curve_id;  /* ECC_SECP256R1 / ECC_SECP384R1 */
    int curve_idx; /* index into wolfSSL's ecc_sets */
    int ready;     /* keys and RNG initialised */
    WC_RNG rng;
    ecc_key priv;
    ecc_key peer;
} ecdh_ctx;

static tb_status ecdh_init(const tb_kex_class **ctx, tb_why *why)
{
    ecdh_ctx *c = (ecdh_ctx *)ctx;
    const tb_kex_class *vt = c->vtable;
    memset(c, 0, sizeof(*c));
    c->vtable = vt;
    c->curve_id = vt->alg == TB_KEX_P256 ? ECC_SECP256R1 : ECC_SECP384R1;
    c->curve_idx = wc_ecc_get_curve_idx(c->curve_id);
    if (c->curve_idx < 0) {
        tb_why_set(why, "curve not compiled into this wolfSSL build");
        return TB_UNSUPPORTED;
    }
    if (wc_InitRng(&c->rng) != 0) {
        tb_why_set(why, "wc_InitRng failed");
        return TB_ERROR;
    }
    if (wc_ecc_init(&c->priv) != 0 || wc_ecc_init(&c->peer) != 0) {
        wc_FreeRng(&c->rng);
        tb_why_set(why, "wc_ecc_init failed");
        return TB_ERROR;
    }
    c->ready = 1;
    /* ECC_TIMING_RESISTANT builds blind the shared secret computation and
     * refuse to run without an RNG on the private key. */
    if (wc_ecc_set_rng(&c->priv, &c->rng) != 0) {
        tb_why_set(why, "wc_ecc_set_rng failed");
        return TB_ERROR;
    }
    return TB_OK;
}

static int ecdh_export(ecdh_ctx *c, uint8_t *share)
{
    word32 len = (word32)c->vtable->share_len;
    return wc_ecc_export_x963(&c->priv, share, &len) == 0 &&
                   len == c->vtable->share_len
               ? 0
               : -1;
}

/* A fresh key object for each new private key, as wolfSSL's TLS code does
 * per handshake: generating into a used ecc_key leaks the HAVE_WOLF_BIGINT
 * buffers of the old one (about 90 bytes a call in 5.5.4). */
static int ecdh_reset_priv(ecdh_ctx *c)
{
    wc_ecc_free(&c->priv);
    if (wc_ecc_init(&c->priv) != 0) {
        return -1;
    }
    return wc_ecc_set_rng(&c->priv, &c->rng) == 0 ? 0 : -1;
}

static int ecdh_keygen(const tb_kex_class **ctx, uint8_t *share)
{
    ecdh_ctx *c = (ecdh_ctx *)ctx;
    if (ecdh_reset_priv(c) != 0 ||
        wc_ecc_make_key_ex(&c->rng, (int)c->vtable->scalar_len, &c->priv,
                           c->curve_id) != 0) {
        return -1;
    }
    return ecdh_export(c, share);
}

static int ecdh_set_private(const tb_kex_class **ctx, const uint8_t *scalar,
                            uint8_t *share)
{
    ecdh_ctx *c = (ecdh_ctx *)ctx;
    if (ecdh_reset_priv(c) != 0 ||
        wc_ecc_import_private_key_ex(scalar, (word32)c->vtable->scalar_len,
                                     NULL, 0, &c->priv, c->curve_id) != 0 ||
        wc_ecc_set_rng(&c->priv, &c->rng) != 0 ||
        wc_ecc_make_pub_ex(&c->priv, NULL, &c->rng) != 0) {
        return -1;
    }
    return ecdh_export(c, share);
}

/* On-curve and not infinity: enough on these prime-order curves (what
 * OpenSSL's point decoding checks too); wc_ecc_check_key would add a full
 * n*Q order check that TLS stacks do not do per handshake. */
static int ecdh_check_peer(ecdh_ctx *c)
{
    if (wc_ecc_point_is_at_infinity(&c->peer.pubkey)) {
        return -1;
    }
    return wc_ecc_point_is_on_curve(&c->peer.pubkey, c->curve_idx) == 0 ? 0
                                                                        : -1;
}

static int ecdh_set_peer(const tb_kex_class **ctx, const uint8_t *share,
                         size_t share_len)
{
    ecdh_ctx *c = (ecdh_ctx *)ctx;
    /* TLS sends uncompressed points only; this build would also take
     * compressed ones (HAVE_COMP_KEY), so check the form first. */
    if (share_len != c->vtable->share_len || share[0] != 0x04) {
        return -1;
    }
    if (wc_ecc_import_x963_ex(share, (word32)share_len, &c->peer,
                              c->curve_id) != 0) {
        return -1;
    }
    return ecdh_check_peer(c);
}

static int ecdh_set_peer_spki(const tb_kex_class **ctx, const uint8_t *der,
                              size_t der_len)
{
    ecdh_ctx *c = (ecdh_ctx *)ctx;
    word32 idx = 0;
    if (der_len > UINT32_MAX) {
        return -1;
    }
    /* A fresh key: decoding may attach custom (explicit) curve parameters
     * that a plain re-import would leak. */
    wc_ecc_free(&c->peer);
    if (wc_ecc_init(&c->peer) != 0) {
        return -1;
    }
    int rc = wc_EccPublicKeyDecode(der, &idx, &c->peer, (word32)der_len);
    if (rc != 0 || idx != der_len || c->peer.idx != c->curve_idx ||
        wc_ecc_get_curve_id(c->peer.idx) != c->curve_id) {
        wc_ecc_free(&c->peer);
        (void)wc_ecc_init(&c->peer);
        return -1;
    }
    return ecdh_check_peer(c);
}

static int ecdh_derive(const tb_kex_class **ctx, uint8_t *secret)
{
    ecdh_ctx *c = (ecdh_ctx *)ctx;
    word32 len = (word32)c->vtable->secret_len;
    return wc_ecc_shared_secret(&c->priv, &c->peer, secret, &len) == 0 &&
                   len == c->vtable->secret_len
               ? 0
               : -1;
}

static void ecdh_cleanup(const tb_kex_class **ctx)
{
    ecdh_ctx *c = (ecdh_ctx *)ctx;
    if (c->ready) {
        wc_ecc_free(&c->priv);
        wc_ecc_free(&c->peer);
        wc_FreeRng(&c->rng);
        c->ready = 0;
    }
}

#define TBW_ECDH_NOTE                                                   \
    "wc_ecc_make_key_ex/shared_secret; " TBW_ECC_MATH TBW_FP_ECC

const tb_kex_class tb_wolfssl_p256 = {
    .context_size = sizeof(ecdh_ctx),
    .alg = TB_KEX_P256,
    .scalar_len = 32,
    .share_len = 65,
    .secret_len = 32,
    .note = TBW_ECDH_NOTE,
    .init = ecdh_init,
    .keygen = ecdh_keygen,
    .set_private = ecdh_set_private,
    .set_peer = ecdh_set_peer,
    .set_peer_spki = ecdh_set_peer_spki,
    .derive = ecdh_derive,
    .cleanup = ecdh_cleanup,
};

const tb_kex_class tb_wolfssl_p384 = {
    .context_size = sizeof(ecdh_ctx),
    .alg = TB_KEX_P384,
    .scalar_len = 48,
    .share_len = 97,
    .secret_len = 48,
    .note = TBW_ECDH_NOTE,
    .init = ecdh_init,
    .keygen = ecdh_keygen,
    .set_private = ecdh_set_private,
    .set_peer = ecdh_set_peer,
    .set_peer_spki = ecdh_set_peer_spki,
    .derive = ecdh_derive,
    .cleanup = ecdh_cleanup,
};
