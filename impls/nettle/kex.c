/* Key exchange: X25519 on nettle/curve25519.h, P-256 and P-384 on hogweed's
 * ecc_point/ecc_scalar with GMP mpz_t for the wire encodings. */
#include <string.h>

#include <gmp.h>
#include <nettle/asn1.h>
#include <nettle/bignum.h>
#include <nettle/curve25519.h>
#include <nettle/ecc-curve.h>
#include <nettle/ecc.h>

#include "classes.h"
#include "rng.h"

/*
 * SubjectPublicKeyInfo ::= SEQUENCE { SEQUENCE { OID, params }, BIT STRING },
 * walked with Nettle's DER iterator (nettle/asn1.h). alg_oid and curve_oid
 * are the OID contents; curve_oid NULL means no parameters (X25519).
 * On success *key points at the BIT STRING's bytes after the unused-bits
 * octet.
 */
static int spki_key(const uint8_t **key, size_t *key_len, const uint8_t *der,
                    size_t der_len, const uint8_t *alg_oid, size_t alg_len,
                    const uint8_t *curve_oid, size_t curve_len)
{
    struct asn1_der_iterator i, alg;
    if (asn1_der_iterator_first(&i, der_len, der) !=
            ASN1_ITERATOR_CONSTRUCTED ||
        i.type != ASN1_SEQUENCE ||
        asn1_der_decode_constructed_last(&i) != ASN1_ITERATOR_CONSTRUCTED ||
        i.type != ASN1_SEQUENCE ||
        asn1_der_decode_constructed(&i, &alg) != ASN1_ITERATOR_PRIMITIVE ||
        alg.type != ASN1_IDENTIFIER || alg.length != alg_len ||
        memcmp(alg.data, alg_oid, alg_len) != 0) {
        return -1;
    }
    enum asn1_iterator_result r = asn1_der_iterator_next(&alg);
    if (curve_oid != NULL) {
        if (r != ASN1_ITERATOR_PRIMITIVE || alg.type != ASN1_IDENTIFIER ||
            alg.length != curve_len ||
            memcmp(alg.data, curve_oid, curve_len) != 0) {
            return -1;
        }
        r = asn1_der_iterator_next(&alg);
    }
    if (r != ASN1_ITERATOR_END ||
        asn1_der_iterator_next(&i) != ASN1_ITERATOR_PRIMITIVE ||
        i.type != ASN1_BITSTRING || i.length < 1 || i.data[0] != 0) {
        return -1;
    }
    *key = i.data + 1;
    *key_len = i.length - 1;
    /* Nothing may follow the BIT STRING inside the outer SEQUENCE. */
    return asn1_der_iterator_next(&i) == ASN1_ITERATOR_END ? 0 : -1;
}

/* ----------------------------------------------------------------- X25519 */

typedef struct {
    const tb_kex_class *vtable;
    struct yarrow256_ctx rng;
    uint8_t priv[CURVE25519_SIZE];
    uint8_t peer[CURVE25519_SIZE];
    int have_peer;
} x25519_ctx;

static tb_status x25519_init(const tb_kex_class **ctx, tb_why *why)
{
    x25519_ctx *c = (x25519_ctx *)ctx;
    c->vtable = &tb_nettle_x25519;
    c->have_peer = 0;
    if (tb_nettle_rng_seed(&c->rng) != 0) {
        tb_why_set(why, "getrandom failed");
        return TB_ERROR;
    }
    return TB_OK;
}

static int x25519_keygen(const tb_kex_class **ctx, uint8_t *share)
{
    x25519_ctx *c = (x25519_ctx *)ctx;
    /* Any 32 bytes are a private key: curve25519_mul_g clamps. */
    yarrow256_random(&c->rng, sizeof(c->priv), c->priv);
    curve25519_mul_g(share, c->priv);
    return 0;
}

static int x25519_set_private(const tb_kex_class **ctx, const uint8_t *scalar,
                              uint8_t *share)
{
    x25519_ctx *c = (x25519_ctx *)ctx;
    memcpy(c->priv, scalar, sizeof(c->priv));
    curve25519_mul_g(share, c->priv);
    return 0;
}

static int x25519_set_peer(const tb_kex_class **ctx, const uint8_t *share,
                           size_t share_len)
{
    x25519_ctx *c = (x25519_ctx *)ctx;
    /* Every 32-byte string is a u-coordinate (RFC 7748 5); small-order
     * points show up as an all-zero secret in derive. */
    if (share_len != CURVE25519_SIZE) {
        c->have_peer = 0;
        return -1;
    }
    memcpy(c->peer, share, CURVE25519_SIZE);
    c->have_peer = 1;
    return 0;
}

static int x25519_set_peer_spki(const tb_kex_class **ctx, const uint8_t *der,
                                size_t der_len)
{
    static const uint8_t oid_x25519[] = {0x2b, 0x65, 0x6e}; /* 1.3.101.110 */
    const uint8_t *key;
    size_t key_len;
    if (spki_key(&key, &key_len, der, der_len, oid_x25519, sizeof(oid_x25519),
                 NULL, 0) != 0) {
        ((x25519_ctx *)ctx)->have_peer = 0;
        return -1;
    }
    return x25519_set_peer(ctx, key, key_len);
}

static int x25519_derive(const tb_kex_class **ctx, uint8_t *secret)
{
    x25519_ctx *c = (x25519_ctx *)ctx;
    if (!c->have_peer) {
        return -1;
    }
    curve25519_mul(secret, c->priv, c->peer);
    /* RFC 7748 6.1: reject the all-zero output, without a branch per byte. */
    uint8_t acc = 0;
    for (size_t i = 0; i < CURVE25519_SIZE; i++) {
        acc |= secret[i];
    }
    return acc == 0 ? -1 : 0;
}

static void x25519_cleanup(const tb_kex_class **ctx)
{
    x25519_ctx *c = (x25519_ctx *)ctx;
    explicit_bzero(c->priv, sizeof(c->priv));
}

const tb_kex_class tb_nettle_x25519 = {
    .context_size = sizeof(x25519_ctx),
    .alg = TB_KEX_X25519,
    .scalar_len = 32,
    .share_len = 32,
    .secret_len = 32,
    .note = "curve25519_mul_g/curve25519_mul; hogweed allocates scratch "
            "internally; Yarrow-256 RNG",
    .init = x25519_init,
    .keygen = x25519_keygen,
    .set_private = x25519_set_private,
    .set_peer = x25519_set_peer,
    .set_peer_spki = x25519_set_peer_spki,
    .derive = x25519_derive,
    .cleanup = x25519_cleanup,
};

/* ------------------------------------------------------- P-256 and P-384 */

typedef struct {
    const tb_kex_class *vtable;
    struct yarrow256_ctx rng;
    const struct ecc_curve *curve;
    size_t flen; /* field element bytes: 32 or 48 */
    struct ecc_scalar priv;
    struct ecc_point peer;
    struct ecc_point tmp; /* our public key, then the shared point */
    mpz_t x, y;
    int ready; /* init got as far as the ecc/mpz objects */
    int have_priv, have_peer;
} nist_ctx;

/* Sets the vtable itself, so it does not matter whether the caller did. */
static tb_status nist_init(const tb_kex_class **ctx, const tb_kex_class *cls,
                           tb_why *why)
{
    nist_ctx *c = (nist_ctx *)ctx;
    c->vtable = cls;
    c->ready = 0;
    c->have_priv = 0;
    c->have_peer = 0;
    c->curve = cls->alg == TB_KEX_P256 ? nettle_get_secp_256r1()
                                       : nettle_get_secp_384r1();
    c->flen = cls->scalar_len;
    if ((size_t)(ecc_bit_size(c->curve) + 7) / 8 != c->flen) {
        tb_why_set(why, "unexpected curve size %u bits",
                   ecc_bit_size(c->curve));
        return TB_ERROR;
    }
    if (tb_nettle_rng_seed(&c->rng) != 0) {
        tb_why_set(why, "getrandom failed");
        return TB_ERROR;
    }
    ecc_scalar_init(&c->priv, c->curve);
    ecc_point_init(&c->peer, c->curve);
    ecc_point_init(&c->tmp, c->curve);
    /* Room for twice the field size, so later imports never reallocate. */
    mpz_init2(c->x, (mp_bitcnt_t)(16 * c->flen));
    mpz_init2(c->y, (mp_bitcnt_t)(16 * c->flen));
    c->ready = 1;
    return TB_OK;
}

/* tmp -> 04||x||y */
static void nist_write_point(nist_ctx *c, const struct ecc_point *p,
                             uint8_t *share)
{
    ecc_point_get(p, c->x, c->y);
    share[0] = 0x04;
    nettle_mpz_get_str_256(c->flen, share + 1, c->x);
    nettle_mpz_get_str_256(c->flen, share + 1 + c->flen, c->y);
}

static int nist_keygen(const tb_kex_class **ctx, uint8_t *share)
{
    nist_ctx *c = (nist_ctx *)ctx;
    ecc_scalar_random(&c->priv, &c->rng, tb_nettle_random);
    ecc_point_mul_g(&c->tmp, &c->priv);
    nist_write_point(c, &c->tmp, share);
    c->have_priv = 1;
    return 0;
}

static int nist_set_private(const tb_kex_class **ctx, const uint8_t *scalar,
                            uint8_t *share)
{
    nist_ctx *c = (nist_ctx *)ctx;
    nettle_mpz_set_str_256_u(c->x, c->flen, scalar);
    /* ecc_scalar_set rejects 0 and values >= the group order. */
    if (!ecc_scalar_set(&c->priv, c->x)) {
        c->have_priv = 0;
        return -1;
    }
    ecc_point_mul_g(&c->tmp, &c->priv);
    nist_write_point(c, &c->tmp, share);
    c->have_priv = 1;
    return 0;
}

static int nist_set_peer(const tb_kex_class **ctx, const uint8_t *share,
                         size_t share_len)
{
    nist_ctx *c = (nist_ctx *)ctx;
    c->have_peer = 0;
    /* Only the uncompressed form; the point at infinity (a lone 00) has
     * the wrong length. */
    if (share_len != 1 + 2 * c->flen || share[0] != 0x04) {
        return -1;
    }
    nettle_mpz_set_str_256_u(c->x, c->flen, share + 1);
    nettle_mpz_set_str_256_u(c->y, c->flen, share + 1 + c->flen);
    /* ecc_point_set checks 0 <= x, y < p and the curve equation. */
    if (!ecc_point_set(&c->peer, c->x, c->y)) {
        return -1;
    }
    c->have_peer = 1;
    return 0;
}

static int nist_set_peer_spki(const tb_kex_class **ctx, const uint8_t *der,
                              size_t der_len)
{
    /* id-ecPublicKey 1.2.840.10045.2.1; prime256v1 1.2.840.10045.3.1.7;
     * secp384r1 1.3.132.0.34 */
    static const uint8_t oid_ec[] = {0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01};
    static const uint8_t oid_p256[] = {0x2a, 0x86, 0x48, 0xce,
                                       0x3d, 0x03, 0x01, 0x07};
    static const uint8_t oid_p384[] = {0x2b, 0x81, 0x04, 0x00, 0x22};
    int p256 = ((nist_ctx *)ctx)->vtable->alg == TB_KEX_P256;
    const uint8_t *key;
    size_t key_len;
    if (spki_key(&key, &key_len, der, der_len, oid_ec, sizeof(oid_ec),
                 p256 ? oid_p256 : oid_p384,
                 p256 ? sizeof(oid_p256) : sizeof(oid_p384)) != 0) {
        ((nist_ctx *)ctx)->have_peer = 0;
        return -1;
    }
    return nist_set_peer(ctx, key, key_len);
}

static int nist_derive(const tb_kex_class **ctx, uint8_t *secret)
{
    nist_ctx *c = (nist_ctx *)ctx;
    if (!c->have_priv || !c->have_peer) {
        return -1;
    }
    /* The peer point is on a prime-order curve and the scalar is in
     * [1, q-1], so the product is never the point at infinity. */
    ecc_point_mul(&c->tmp, &c->priv, &c->peer);
    ecc_point_get(&c->tmp, c->x, c->y);
    nettle_mpz_get_str_256(c->flen, secret, c->x);
    return 0;
}

static tb_status p256_init(const tb_kex_class **ctx, tb_why *why)
{
    return nist_init(ctx, &tb_nettle_p256, why);
}

static tb_status p384_init(const tb_kex_class **ctx, tb_why *why)
{
    return nist_init(ctx, &tb_nettle_p384, why);
}

static void nist_cleanup(const tb_kex_class **ctx)
{
    nist_ctx *c = (nist_ctx *)ctx;
    if (!c->ready) {
        return;
    }
    ecc_scalar_clear(&c->priv);
    ecc_point_clear(&c->peer);
    ecc_point_clear(&c->tmp);
    mpz_clear(c->x);
    mpz_clear(c->y);
    c->ready = 0;
}

const tb_kex_class tb_nettle_p256 = {
    .context_size = sizeof(nist_ctx),
    .alg = TB_KEX_P256,
    .scalar_len = 32,
    .share_len = 65,
    .secret_len = 32,
    .note = "ecc_point_mul(_g) secp_256r1; hogweed/GMP allocate scratch "
            "internally; Yarrow-256 RNG",
    .init = p256_init,
    .keygen = nist_keygen,
    .set_private = nist_set_private,
    .set_peer = nist_set_peer,
    .set_peer_spki = nist_set_peer_spki,
    .derive = nist_derive,
    .cleanup = nist_cleanup,
};

const tb_kex_class tb_nettle_p384 = {
    .context_size = sizeof(nist_ctx),
    .alg = TB_KEX_P384,
    .scalar_len = 48,
    .share_len = 97,
    .secret_len = 48,
    .note = "ecc_point_mul(_g) secp_384r1; hogweed/GMP allocate scratch "
            "internally; Yarrow-256 RNG",
    .init = p384_init,
    .keygen = nist_keygen,
    .set_private = nist_set_private,
    .set_peer = nist_set_peer,
    .set_peer_spki = nist_set_peer_spki,
    .derive = nist_derive,
    .cleanup = nist_cleanup,
};
