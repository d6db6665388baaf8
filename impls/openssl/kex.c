/* Key exchange: X25519, P-256 and P-384 ECDH through EVP_PKEY. */
#include <limits.h>
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/x509.h>

#include "classes.h"
#include "common.h"

#define KEX_SHARE_MAX 97

typedef struct {
    const tb_kex_class *vtable;
    const char *type;  /* "X25519" or "EC" */
    const char *group; /* NULL for X25519 */
    int nid;           /* the group's NID, NID_undef for X25519 */
    EVP_PKEY_CTX *gen; /* keygen context, set up once */
    EVP_PKEY *own;
    /* Public-only key whose point set_peer replaces in place (OpenSSL's
     * EVP_PKEY_set1_encoded_public_key, as libssl uses for TLS shares). */
    EVP_PKEY *peer;
    int peer_ok;        /* peer holds a validated share */
    EVP_PKEY_CTX *dctx; /* derive context for `own`; NULL when own changed */
    int peer_attached;  /* dctx knows the current peer */
} kex_ctx;

static kex_ctx *kex_of(const tb_kex_class **ctx)
{
    return (kex_ctx *)ctx;
}

/* Our public key in TLS wire format. */
static int write_share(const kex_ctx *c, EVP_PKEY *key, uint8_t *share)
{
    size_t len = 0;
    if (EVP_PKEY_get_octet_string_param(key, OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY,
                                        share, c->vtable->share_len,
                                        &len) != 1 ||
        len != c->vtable->share_len) {
        return -1;
    }
    return 0;
}

/* Takes ownership of key. The derive context belongs to the old key: OpenSSL
 * binds an EVP_PKEY_CTX to one key, so a new one is made on the next
 * derive. */
static void set_own(kex_ctx *c, EVP_PKEY *key)
{
    EVP_PKEY_free(c->own);
    EVP_PKEY_CTX_free(c->dctx);
    c->own = key;
    c->dctx = NULL;
    c->peer_attached = 0;
}

static int kex_keygen(const tb_kex_class **ctx, uint8_t *share)
{
    kex_ctx *c = kex_of(ctx);
    EVP_PKEY *key = NULL;
    /* The library allocates the new key object: it has no other API. */
    if (EVP_PKEY_generate(c->gen, &key) != 1 || write_share(c, key, share)) {
        EVP_PKEY_free(key);
        return -1;
    }
    set_own(c, key);
    return 0;
}

/* 04||x||y of scalar*G, for importing a fixed NIST private key with its
 * public point (the library's import does not derive it). */
static int ec_public_point(const kex_ctx *c, const uint8_t *scalar,
                           uint8_t *pub)
{
    EC_GROUP *group = EC_GROUP_new_by_curve_name_ex(NULL, NULL, c->nid);
    EC_POINT *point = group != NULL ? EC_POINT_new(group) : NULL;
    BIGNUM *k = BN_bin2bn(scalar, (int)c->vtable->scalar_len, NULL);
    int ok =
        point != NULL && k != NULL &&
        EC_POINT_mul(group, point, k, NULL, NULL, NULL) == 1 &&
        EC_POINT_point2oct(group, point, POINT_CONVERSION_UNCOMPRESSED, pub,
                           c->vtable->share_len, NULL) == c->vtable->share_len;
    BN_clear_free(k);
    EC_POINT_free(point);
    EC_GROUP_free(group);
    return ok ? 0 : -1;
}

static int kex_set_private(const tb_kex_class **ctx, const uint8_t *scalar,
                           uint8_t *share)
{
    kex_ctx *c = kex_of(ctx);
    uint8_t pub[KEX_SHARE_MAX];
    EVP_PKEY *key;
    if (c->group == NULL) {
        /* X25519: the library clamps and computes the public key. */
        key = tb_openssl_ec_pkey(c->type, NULL, scalar, c->vtable->scalar_len,
                                 NULL, 0, NULL);
    } else if (ec_public_point(c, scalar, pub) == 0) {
        key =
            tb_openssl_ec_pkey(c->type, c->group, scalar, c->vtable->scalar_len,
                               pub, c->vtable->share_len, NULL);
    } else {
        return -1;
    }
    if (key == NULL || write_share(c, key, share) != 0) {
        EVP_PKEY_free(key);
        return -1;
    }
    set_own(c, key);
    return 0;
}

static int kex_set_peer(const tb_kex_class **ctx, const uint8_t *share,
                        size_t share_len)
{
    kex_ctx *c = kex_of(ctx);
    c->peer_ok = 0;
    c->peer_attached = 0;
    if (share_len != c->vtable->share_len) {
        return -1;
    }
    /* NIST: only the uncompressed form (this also rules out the one-byte
     * encoding of the point at infinity). */
    if (c->group != NULL && share[0] != 0x04) {
        return -1;
    }
    /* For EC this parses the point and checks that it is on the curve.
     * libssl would also run EVP_PKEY_public_check, whose extra n*Q
     * multiplication is redundant on these cofactor-1 curves and which
     * other libraries' TLS stacks do not do: it is left out. */
    if (EVP_PKEY_set1_encoded_public_key(c->peer, share, share_len) != 1) {
        return -1;
    }
    c->peer_ok = 1;
    return 0;
}

/* Whether an EC key is on our curve, given by name (explicit parameters
 * are refused, even ones the library matches to a named curve: TLS only
 * uses named curves). */
static int on_named_curve(const kex_ctx *c, EVP_PKEY *key)
{
    char name[64], encoding[32];
    int nid;
    if (EVP_PKEY_get_group_name(key, name, sizeof(name), NULL) != 1 ||
        EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_EC_ENCODING,
                                       encoding, sizeof(encoding), NULL) != 1 ||
        strcmp(encoding, OSSL_PKEY_EC_ENCODING_GROUP) != 0) {
        return 0;
    }
    nid = OBJ_sn2nid(name);
    if (nid == NID_undef) {
        nid = EC_curve_nist2nid(name);
    }
    return nid == c->nid;
}

static int kex_set_peer_spki(const tb_kex_class **ctx, const uint8_t *der,
                             size_t der_len)
{
    kex_ctx *c = kex_of(ctx);
    const uint8_t *p = der;
    uint8_t share[KEX_SHARE_MAX];
    size_t len = 0;
    c->peer_ok = 0;
    if (der_len > LONG_MAX) {
        return -1;
    }
    EVP_PKEY *key = d2i_PUBKEY_ex(NULL, &p, (long)der_len, NULL, NULL);
    int ok = key != NULL && p == der + der_len && EVP_PKEY_is_a(key, c->type);
    if (ok && c->group != NULL) {
        /* Re-encoded uncompressed, the point goes through set_peer's
         * checks like a TLS share. */
        ok = on_named_curve(c, key) &&
             EVP_PKEY_set_utf8_string_param(
                 key, OSSL_PKEY_PARAM_EC_POINT_CONVERSION_FORMAT,
                 OSSL_PKEY_EC_POINT_CONVERSION_FORMAT_UNCOMPRESSED) == 1;
    }
    ok = ok && EVP_PKEY_get_octet_string_param(
                   key, OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY, share,
                   sizeof(share), &len) == 1;
    EVP_PKEY_free(key);
    return ok ? kex_set_peer(ctx, share, len) : -1;
}

static int kex_derive(const tb_kex_class **ctx, uint8_t *secret)
{
    kex_ctx *c = kex_of(ctx);
    if (c->own == NULL || !c->peer_ok) {
        return -1;
    }
    if (c->dctx == NULL) {
        /* First derive with a new key: OpenSSL's only way is a new context
         * (libssl does the same per handshake). */
        c->dctx = EVP_PKEY_CTX_new_from_pkey(NULL, c->own, NULL);
        if (c->dctx == NULL || EVP_PKEY_derive_init(c->dctx) != 1) {
            EVP_PKEY_CTX_free(c->dctx);
            c->dctx = NULL;
            return -1;
        }
    }
    if (!c->peer_attached) {
        /* validate_peer = 0: set_peer has already checked the point. */
        if (EVP_PKEY_derive_set_peer_ex(c->dctx, c->peer, 0) != 1) {
            return -1;
        }
        c->peer_attached = 1;
    }
    size_t len = c->vtable->secret_len;
    /* X25519: the library fails on an all-zero result. */
    if (EVP_PKEY_derive(c->dctx, secret, &len) != 1 ||
        len != c->vtable->secret_len) {
        return -1;
    }
    return 0;
}

static void kex_cleanup(const tb_kex_class **ctx)
{
    kex_ctx *c = kex_of(ctx);
    set_own(c, NULL);
    EVP_PKEY_free(c->peer);
    EVP_PKEY_CTX_free(c->gen);
    c->peer = NULL;
    c->gen = NULL;
    c->peer_ok = 0;
}

static tb_status kex_init_named(const tb_kex_class **ctx,
                                const tb_kex_class *cls, const char *type,
                                const char *group, int nid, tb_why *why)
{
    kex_ctx *c = kex_of(ctx);
    uint8_t share[KEX_SHARE_MAX];
    memset(c, 0, sizeof(*c));
    c->vtable = cls;
    c->type = type;
    c->group = group;
    c->nid = nid;
    c->gen = EVP_PKEY_CTX_new_from_name(NULL, type, NULL);
    if (c->gen == NULL) {
        tb_openssl_why(why, type);
        return TB_UNSUPPORTED;
    }
    if (EVP_PKEY_keygen_init(c->gen) != 1 ||
        (group != NULL && EVP_PKEY_CTX_set_group_name(c->gen, group) != 1)) {
        tb_openssl_why(why, group != NULL ? group : type);
        kex_cleanup(ctx);
        return TB_UNSUPPORTED;
    }
    /* A first key pair seeds the RNG outside timing, and its point makes
     * the public-only peer key that set_peer overwrites. */
    if (kex_keygen(ctx, share) != 0) {
        tb_openssl_why(why, "EVP_PKEY_generate");
        kex_cleanup(ctx);
        return TB_ERROR;
    }
    c->peer =
        tb_openssl_ec_pkey(type, group, NULL, 0, share, cls->share_len, why);
    if (c->peer == NULL) {
        kex_cleanup(ctx);
        return TB_ERROR;
    }
    return TB_OK;
}

static tb_status x25519_init(const tb_kex_class **ctx, tb_why *why)
{
    return kex_init_named(ctx, &tb_openssl_x25519, "X25519", NULL, NID_undef,
                          why);
}

static tb_status p256_init(const tb_kex_class **ctx, tb_why *why)
{
    return kex_init_named(ctx, &tb_openssl_p256, "EC", "P-256",
                          NID_X9_62_prime256v1, why);
}

static tb_status p384_init(const tb_kex_class **ctx, tb_why *why)
{
    return kex_init_named(ctx, &tb_openssl_p384, "EC", "P-384", NID_secp384r1,
                          why);
}

const tb_kex_class tb_openssl_x25519 = {
    .context_size = sizeof(kex_ctx),
    .alg = TB_KEX_X25519,
    .scalar_len = 32,
    .share_len = 32,
    .secret_len = 32,
    .note = "EVP_PKEY X25519; per new key the library allocates it and a "
            "derive ctx and re-fetches the method (only API)",
    .init = x25519_init,
    .keygen = kex_keygen,
    .set_private = kex_set_private,
    .set_peer = kex_set_peer,
    .set_peer_spki = kex_set_peer_spki,
    .derive = kex_derive,
    .cleanup = kex_cleanup,
};

const tb_kex_class tb_openssl_p256 = {
    .context_size = sizeof(kex_ctx),
    .alg = TB_KEX_P256,
    .scalar_len = 32,
    .share_len = 65,
    .secret_len = 32,
    .note = "EVP_PKEY EC P-256 ECDH, on-curve check at import; per new key "
            "the library allocates and re-fetches (only API)",
    .init = p256_init,
    .keygen = kex_keygen,
    .set_private = kex_set_private,
    .set_peer = kex_set_peer,
    .set_peer_spki = kex_set_peer_spki,
    .derive = kex_derive,
    .cleanup = kex_cleanup,
};

const tb_kex_class tb_openssl_p384 = {
    .context_size = sizeof(kex_ctx),
    .alg = TB_KEX_P384,
    .scalar_len = 48,
    .share_len = 97,
    .secret_len = 48,
    .note = "EVP_PKEY EC P-384 ECDH, on-curve check at import; per new key "
            "the library allocates and re-fetches (only API)",
    .init = p384_init,
    .keygen = kex_keygen,
    .set_private = kex_set_private,
    .set_peer = kex_set_peer,
    .set_peer_spki = kex_set_peer_spki,
    .derive = kex_derive,
    .cleanup = kex_cleanup,
};
