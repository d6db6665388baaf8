/* X25519 through <openssl/curve25519.h>; P-256 and P-384 through EC_KEY,
 * EC_POINT and ECDH_compute_key. */
#include "classes.h" /* first: it checks for BoringSSL headers */

#include <string.h>

#include <openssl/bn.h>
#include <openssl/bytestring.h>
#include <openssl/curve25519.h>
#include <openssl/ec.h>
#include <openssl/ec_key.h>
#include <openssl/ecdh.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/mem.h>
#include <openssl/nid.h>

/* ---------------------------------------------------------------- X25519 */

typedef struct {
    const tb_kex_class *vtable;
    uint8_t priv[X25519_PRIVATE_KEY_LEN];
    uint8_t peer[X25519_PUBLIC_VALUE_LEN];
    int have_priv, have_peer;
} x25519_ctx;

static x25519_ctx *x25519_of(const tb_kex_class **ctx)
{
    return (x25519_ctx *)(void *)ctx;
}

static tb_status x25519_init(const tb_kex_class **ctx, tb_why *why)
{
    x25519_ctx *c = x25519_of(ctx);
    uint8_t pub[X25519_PUBLIC_VALUE_LEN];
    (void)why;
    c->vtable = &tb_boringssl_x25519;
    c->have_peer = 0;
    /* Also seeds this thread's RNG state outside the timed region. */
    X25519_keypair(pub, c->priv);
    c->have_priv = 1;
    return TB_OK;
}

static int x25519_keygen(const tb_kex_class **ctx, uint8_t *share)
{
    x25519_ctx *c = x25519_of(ctx);
    X25519_keypair(share, c->priv);
    c->have_priv = 1;
    return 0;
}

static int x25519_set_private(const tb_kex_class **ctx, const uint8_t *scalar,
                              uint8_t *share)
{
    x25519_ctx *c = x25519_of(ctx);
    memcpy(c->priv, scalar, sizeof(c->priv));
    X25519_public_from_private(share, c->priv); /* clamps a copy */
    c->have_priv = 1;
    return 0;
}

/* Every 32-byte string is a u-coordinate (RFC 7748 5); low-order points
 * show up as an all-zero secret in derive. */
static int x25519_set_peer(const tb_kex_class **ctx, const uint8_t *share,
                           size_t share_len)
{
    x25519_ctx *c = x25519_of(ctx);
    c->have_peer = 0;
    if (share_len != sizeof(c->peer)) {
        return -1;
    }
    memcpy(c->peer, share, sizeof(c->peer));
    c->have_peer = 1;
    return 0;
}

static int x25519_set_peer_spki(const tb_kex_class **ctx, const uint8_t *der,
                                size_t der_len)
{
    x25519_ctx *c = x25519_of(ctx);
    uint8_t raw[X25519_PUBLIC_VALUE_LEN];
    size_t raw_len = sizeof(raw);
    int ok = 0;
    CBS cbs;
    CBS_init(&cbs, der, der_len);
    EVP_PKEY *pkey = EVP_parse_public_key(&cbs);
    c->have_peer = 0;
    if (pkey != NULL && CBS_len(&cbs) == 0 &&
        EVP_PKEY_id(pkey) == EVP_PKEY_X25519 &&
        EVP_PKEY_get_raw_public_key(pkey, raw, &raw_len) &&
        raw_len == sizeof(raw)) {
        ok = x25519_set_peer(ctx, raw, raw_len) == 0;
    }
    EVP_PKEY_free(pkey);
    ERR_clear_error();
    return ok ? 0 : -1;
}

static int x25519_derive(const tb_kex_class **ctx, uint8_t *secret)
{
    x25519_ctx *c = x25519_of(ctx);
    if (!c->have_priv || !c->have_peer) {
        return -1;
    }
    /* X25519 returns 0 for an all-zero (low-order) result. */
    return X25519(secret, c->priv, c->peer) ? 0 : -1;
}

static void x25519_cleanup(const tb_kex_class **ctx)
{
    x25519_ctx *c = x25519_of(ctx);
    OPENSSL_cleanse(c->priv, sizeof(c->priv));
}

const tb_kex_class tb_boringssl_x25519 = {
    .context_size = sizeof(x25519_ctx),
    .alg = TB_KEX_X25519,
    .scalar_len = 32,
    .share_len = 32,
    .secret_len = 32,
    .note = "X25519_keypair / X25519 (curve25519.h)",
    .init = x25519_init,
    .keygen = x25519_keygen,
    .set_private = x25519_set_private,
    .set_peer = x25519_set_peer,
    .set_peer_spki = x25519_set_peer_spki,
    .derive = x25519_derive,
    .cleanup = x25519_cleanup,
};

/* ----------------------------------------------------------- NIST curves */

typedef struct {
    const tb_kex_class *vtable;
    int nid;
    EC_KEY *key;      /* our private key; replaced by keygen */
    EC_POINT *peer;   /* made once; set_peer decodes into it */
    int have_peer;
} nist_ctx;

static nist_ctx *nist_of(const tb_kex_class **ctx)
{
    return (nist_ctx *)(void *)ctx;
}

static tb_status nist_setup(const tb_kex_class **ctx, const tb_kex_class *cls,
                            int nid, tb_why *why)
{
    nist_ctx *c = nist_of(ctx);
    c->vtable = cls;
    c->nid = nid;
    c->peer = NULL;
    c->have_peer = 0;
    c->key = EC_KEY_new_by_curve_name(nid);
    if (c->key == NULL) {
        tb_why_set(why, "EC_KEY_new_by_curve_name(%d) failed", nid);
        return TB_ERROR;
    }
    const EC_GROUP *group = EC_KEY_get0_group(c->key);
    c->peer = EC_POINT_new(group);
    /* A first key pair: derive works before keygen, and the RNG and the
     * group's tables are warm before anything is timed. */
    if (c->peer == NULL || !EC_KEY_generate_key(c->key)) {
        tb_why_set(why, "EC_POINT_new/EC_KEY_generate_key failed");
        ERR_clear_error();
        return TB_ERROR;
    }
    if ((size_t)BN_num_bytes(EC_GROUP_get0_order(group)) != cls->scalar_len) {
        tb_why_set(why, "curve order size differs from the class");
        return TB_ERROR;
    }
    return TB_OK;
}

static tb_status p256_init(const tb_kex_class **ctx, tb_why *why)
{
    return nist_setup(ctx, &tb_boringssl_p256, NID_X9_62_prime256v1, why);
}

static tb_status p384_init(const tb_kex_class **ctx, tb_why *why)
{
    return nist_setup(ctx, &tb_boringssl_p384, NID_secp384r1, why);
}

static int nist_write_share(const nist_ctx *c, uint8_t *share)
{
    const EC_GROUP *group = EC_KEY_get0_group(c->key);
    size_t len = EC_POINT_point2oct(group, EC_KEY_get0_public_key(c->key),
                                    POINT_CONVERSION_UNCOMPRESSED, share,
                                    c->vtable->share_len, NULL);
    return len == c->vtable->share_len ? 0 : -1;
}

/* EC_KEY_generate_key is BoringSSL's only key-generation call; it allocates
 * the new scalar and point internally (said in the note). */
static int nist_keygen(const tb_kex_class **ctx, uint8_t *share)
{
    nist_ctx *c = nist_of(ctx);
    if (!EC_KEY_generate_key(c->key)) {
        return -1;
    }
    return nist_write_share(c, share);
}

/* Builds a fresh EC_KEY and swaps it in, so a rejected scalar (zero, not
 * below the order) leaves the previous key intact. */
static int nist_set_private(const tb_kex_class **ctx, const uint8_t *scalar,
                            uint8_t *share)
{
    nist_ctx *c = nist_of(ctx);
    EC_KEY *key = EC_KEY_new_by_curve_name(c->nid);
    const EC_GROUP *group = EC_KEY_get0_group(c->key);
    BIGNUM *priv = BN_bin2bn(scalar, c->vtable->scalar_len, NULL);
    EC_POINT *pub = EC_POINT_new(group);
    int ok = key != NULL && priv != NULL && pub != NULL &&
             EC_KEY_set_private_key(key, priv) &&
             EC_POINT_mul(group, pub, priv, NULL, NULL, NULL) &&
             EC_KEY_set_public_key(key, pub);
    if (ok) {
        EC_KEY_free(c->key);
        c->key = key;
        key = NULL;
    }
    EC_KEY_free(key);
    BN_clear_free(priv);
    EC_POINT_free(pub);
    ERR_clear_error();
    return ok ? nist_write_share(c, share) : -1;
}

/* TLS carries only the uncompressed form; EC_POINT_oct2point checks that
 * the point is on the curve. */
static int nist_set_peer(const tb_kex_class **ctx, const uint8_t *share,
                         size_t share_len)
{
    nist_ctx *c = nist_of(ctx);
    const EC_GROUP *group = EC_KEY_get0_group(c->key);
    c->have_peer = 0;
    if (share_len != c->vtable->share_len ||
        share[0] != POINT_CONVERSION_UNCOMPRESSED ||
        !EC_POINT_oct2point(group, c->peer, share, share_len, NULL) ||
        EC_POINT_is_at_infinity(group, c->peer)) {
        return -1;
    }
    c->have_peer = 1;
    return 0;
}

static int nist_set_peer_spki(const tb_kex_class **ctx, const uint8_t *der,
                              size_t der_len)
{
    nist_ctx *c = nist_of(ctx);
    const EC_GROUP *group = EC_KEY_get0_group(c->key);
    int ok = 0;
    CBS cbs;
    CBS_init(&cbs, der, der_len);
    EVP_PKEY *pkey = EVP_parse_public_key(&cbs);
    c->have_peer = 0;
    if (pkey != NULL && CBS_len(&cbs) == 0 &&
        EVP_PKEY_id(pkey) == EVP_PKEY_EC) {
        const EC_KEY *peer = EVP_PKEY_get0_EC_KEY(pkey);
        const EC_POINT *point = EC_KEY_get0_public_key(peer);
        ok = EC_GROUP_get_curve_name(EC_KEY_get0_group(peer)) == c->nid &&
             point != NULL && EC_POINT_copy(c->peer, point) &&
             !EC_POINT_is_at_infinity(group, c->peer);
    }
    EVP_PKEY_free(pkey);
    ERR_clear_error();
    c->have_peer = ok;
    return ok ? 0 : -1;
}

static int nist_derive(const tb_kex_class **ctx, uint8_t *secret)
{
    nist_ctx *c = nist_of(ctx);
    size_t len = c->vtable->secret_len; /* 32 or 48: fits an int */
    if (!c->have_peer) {
        return -1;
    }
    /* No KDF: the output is the x-coordinate, as TLS wants it. */
    return ECDH_compute_key(secret, len, c->peer, c->key, NULL) == (int)len
               ? 0
               : -1;
}

static void nist_cleanup(const tb_kex_class **ctx)
{
    nist_ctx *c = nist_of(ctx);
    EC_POINT_free(c->peer);
    EC_KEY_free(c->key);
    c->peer = NULL;
    c->key = NULL;
}

const tb_kex_class tb_boringssl_p256 = {
    .context_size = sizeof(nist_ctx),
    .alg = TB_KEX_P256,
    .scalar_len = 32,
    .share_len = 65,
    .secret_len = 32,
    .note = "EC_KEY_generate_key (allocates inside), EC_POINT_oct2point, "
            "ECDH_compute_key",
    .init = p256_init,
    .keygen = nist_keygen,
    .set_private = nist_set_private,
    .set_peer = nist_set_peer,
    .set_peer_spki = nist_set_peer_spki,
    .derive = nist_derive,
    .cleanup = nist_cleanup,
};

const tb_kex_class tb_boringssl_p384 = {
    .context_size = sizeof(nist_ctx),
    .alg = TB_KEX_P384,
    .scalar_len = 48,
    .share_len = 97,
    .secret_len = 48,
    .note = "EC_KEY_generate_key (allocates inside), EC_POINT_oct2point, "
            "ECDH_compute_key",
    .init = p384_init,
    .keygen = nist_keygen,
    .set_private = nist_set_private,
    .set_peer = nist_set_peer,
    .set_peer_spki = nist_set_peer_spki,
    .derive = nist_derive,
    .cleanup = nist_cleanup,
};
