/*
 * Key exchange: X25519, P-256 and P-384 through Mbed TLS's ECP/ECDH module
 * (mbedtls_ecdh_gen_public / mbedtls_ecdh_compute_shared, which its TLS
 * stack's ECDH context calls). Shares and secrets go through
 * mbedtls_ecp_point_read/write_binary, which handle both wire forms:
 * little-endian u for X25519, 04||x||y for NIST curves.
 */
#include <mbedtls/ecdh.h>
#include <mbedtls/ecp.h>
#include <mbedtls/pk.h>

#include "classes.h"
#include "common.h"

#if defined(MBEDTLS_ECDH_C) && defined(MBEDTLS_ECP_C)

typedef struct {
    const tb_kex_class *vtable;
    mbedtls_ecp_group_id id;
    size_t share_len, secret_len;
    mbedtls_ecp_keypair kp; /* the group, our private d and share Q */
    mbedtls_ecp_point peer;
    mbedtls_mpi z; /* the shared x (or u) coordinate */
    int have_key, have_peer;
    tb_mbedtls_rng rng; /* key generation and blinding */
} kex_ctx;

static tb_status kex_init(kex_ctx *c, mbedtls_ecp_group_id id,
                          const char *name, size_t share_len,
                          size_t secret_len, tb_why *why)
{
    c->id = id;
    c->share_len = share_len;
    c->secret_len = secret_len;
    c->have_key = 0;
    c->have_peer = 0;
    mbedtls_ecp_keypair_init(&c->kp);
    mbedtls_ecp_point_init(&c->peer);
    mbedtls_mpi_init(&c->z);
    tb_mbedtls_rng_init(&c->rng);
    tb_status st = tb_mbedtls_group_load(&c->kp.grp, id, name, why);
    if (st != TB_OK) {
        return st;
    }
    return tb_mbedtls_rng_seed(&c->rng, "tlsbench kex", why);
}

static tb_status x25519_init(const tb_kex_class **ctx, tb_why *why)
{
    return kex_init((kex_ctx *)ctx, MBEDTLS_ECP_DP_CURVE25519, "X25519", 32,
                    32, why);
}

static tb_status p256_init(const tb_kex_class **ctx, tb_why *why)
{
    return kex_init((kex_ctx *)ctx, MBEDTLS_ECP_DP_SECP256R1, "P-256", 65, 32,
                    why);
}

static tb_status p384_init(const tb_kex_class **ctx, tb_why *why)
{
    return kex_init((kex_ctx *)ctx, MBEDTLS_ECP_DP_SECP384R1, "P-384", 97, 48,
                    why);
}

/* Our share Q in wire form. */
static int write_share(kex_ctx *c, uint8_t *share)
{
    size_t olen = 0;
    int ret = mbedtls_ecp_point_write_binary(&c->kp.grp, &c->kp.Q,
                                             MBEDTLS_ECP_PF_UNCOMPRESSED,
                                             &olen, share, c->share_len);
    return ret == 0 && olen == c->share_len ? 0 : -1;
}

static int kex_keygen(const tb_kex_class **ctx, uint8_t *share)
{
    kex_ctx *c = (kex_ctx *)ctx;
    c->have_key = 0;
    /* For X25519 this draws a clamped scalar (RFC 7748). */
    if (mbedtls_ecdh_gen_public(&c->kp.grp, &c->kp.d, &c->kp.Q,
                                mbedtls_ctr_drbg_random, &c->rng.drbg) != 0 ||
        write_share(c, share) != 0) {
        return -1;
    }
    c->have_key = 1;
    return 0;
}

static int kex_set_private(const tb_kex_class **ctx, const uint8_t *scalar,
                           uint8_t *share)
{
    kex_ctx *c = (kex_ctx *)ctx;
    c->have_key = 0;
    /* mbedtls_ecp_read_key reads X25519 scalars little-endian and clamps
     * them; NIST scalars big-endian, range-checked. The scalar is as long
     * as the secret on all three curves. */
    if (mbedtls_ecp_read_key(c->id, &c->kp, scalar, c->secret_len) != 0 ||
        mbedtls_ecp_mul(&c->kp.grp, &c->kp.Q, &c->kp.d, &c->kp.grp.G,
                        mbedtls_ctr_drbg_random, &c->rng.drbg) != 0 ||
        write_share(c, share) != 0) {
        return -1;
    }
    c->have_key = 1;
    return 0;
}

static int kex_set_peer(const tb_kex_class **ctx, const uint8_t *share,
                        size_t share_len)
{
    kex_ctx *c = (kex_ctx *)ctx;
    c->have_peer = 0;
    /* read_binary also takes the 1-byte encoding of the point at infinity
     * for NIST curves: only the wire length is accepted. check_pubkey
     * rejects points off the curve or at infinity, and for X25519 the
     * small-order u values. */
    if (share_len != c->share_len ||
        mbedtls_ecp_point_read_binary(&c->kp.grp, &c->peer, share,
                                      share_len) != 0 ||
        mbedtls_ecp_check_pubkey(&c->kp.grp, &c->peer) != 0) {
        return -1;
    }
    c->have_peer = 1;
    return 0;
}

#if defined(MBEDTLS_PK_PARSE_C)
/* NIST curves only: Mbed TLS 2.28's PK parser has no X25519 SPKI. */
static int kex_set_peer_spki(const tb_kex_class **ctx, const uint8_t *der,
                             size_t der_len)
{
    kex_ctx *c = (kex_ctx *)ctx;
    mbedtls_pk_context pk;
    c->have_peer = 0;
    mbedtls_pk_init(&pk);
    int ok = mbedtls_pk_parse_public_key(&pk, der, der_len) == 0 &&
             mbedtls_pk_can_do(&pk, MBEDTLS_PK_ECKEY_DH) &&
             mbedtls_pk_ec(pk)->grp.id == c->id &&
             mbedtls_ecp_copy(&c->peer, &mbedtls_pk_ec(pk)->Q) == 0 &&
             mbedtls_ecp_check_pubkey(&c->kp.grp, &c->peer) == 0;
    mbedtls_pk_free(&pk);
    c->have_peer = ok;
    return ok ? 0 : -1;
}
#define NIST_SPKI kex_set_peer_spki
#else
#define NIST_SPKI NULL
#endif

static int kex_derive(const tb_kex_class **ctx, uint8_t *secret)
{
    kex_ctx *c = (kex_ctx *)ctx;
    if (!c->have_key || !c->have_peer ||
        mbedtls_ecdh_compute_shared(&c->kp.grp, &c->z, &c->peer, &c->kp.d,
                                    mbedtls_ctr_drbg_random,
                                    &c->rng.drbg) != 0) {
        return -1;
    }
    if (c->id == MBEDTLS_ECP_DP_CURVE25519) {
        if (mbedtls_mpi_write_binary_le(&c->z, secret, c->secret_len) != 0) {
            return -1;
        }
        /* RFC 7748 6.1: an all-zero secret means a small-order peer. */
        uint8_t acc = 0;
        for (size_t i = 0; i < c->secret_len; i++) {
            acc |= secret[i];
        }
        return acc == 0 ? -1 : 0;
    }
    return mbedtls_mpi_write_binary(&c->z, secret, c->secret_len) == 0 ? 0
                                                                       : -1;
}

static void kex_cleanup(const tb_kex_class **ctx)
{
    kex_ctx *c = (kex_ctx *)ctx;
    mbedtls_ecp_keypair_free(&c->kp);
    mbedtls_ecp_point_free(&c->peer);
    mbedtls_mpi_free(&c->z);
    tb_mbedtls_rng_free(&c->rng);
}

#if defined(MBEDTLS_ECP_NIST_OPTIM)
#define NIST_PATH "comb method, NIST_OPTIM fast reduction"
#else
#define NIST_PATH "comb method, generic reduction"
#endif
#define KEX_MEMBERS                                                   \
    .keygen = kex_keygen, .set_private = kex_set_private,             \
    .set_peer = kex_set_peer, .derive = kex_derive,                   \
    .cleanup = kex_cleanup
#define KEX_NOTE(curve_path)                                              \
    "mbedtls_ecdh_gen_public/compute_shared, " curve_path                 \
    "; bignum mallocs internally"

#else /* no ECDH in this build */

typedef struct {
    const tb_kex_class *vtable;
} kex_ctx;

static tb_status kex_off(const tb_kex_class **ctx, tb_why *why)
{
    (void)ctx;
    tb_why_set(why, "this Mbed TLS build lacks MBEDTLS_ECDH_C or ECP_C");
    return TB_UNSUPPORTED;
}

static void kex_cleanup(const tb_kex_class **ctx)
{
    (void)ctx;
}

#define x25519_init kex_off
#define p256_init kex_off
#define p384_init kex_off
#define NIST_SPKI NULL
#define KEX_MEMBERS .cleanup = kex_cleanup
#define KEX_NOTE(curve_path) "not in this build"
#define NIST_PATH ""

#endif

const tb_kex_class tb_mbedtls_x25519 = {
    .context_size = sizeof(kex_ctx),
    .alg = TB_KEX_X25519,
    .scalar_len = 32,
    .share_len = 32,
    .secret_len = 32,
    .note = KEX_NOTE("Montgomery ladder on generic bignum"),
    .init = x25519_init,
    .set_peer_spki = NULL,
    KEX_MEMBERS,
};

const tb_kex_class tb_mbedtls_p256 = {
    .context_size = sizeof(kex_ctx),
    .alg = TB_KEX_P256,
    .scalar_len = 32,
    .share_len = 65,
    .secret_len = 32,
    .note = KEX_NOTE(NIST_PATH),
    .init = p256_init,
    .set_peer_spki = NIST_SPKI,
    KEX_MEMBERS,
};

const tb_kex_class tb_mbedtls_p384 = {
    .context_size = sizeof(kex_ctx),
    .alg = TB_KEX_P384,
    .scalar_len = 48,
    .share_len = 97,
    .secret_len = 48,
    .note = KEX_NOTE(NIST_PATH),
    .init = p384_init,
    .set_peer_spki = NIST_SPKI,
    KEX_MEMBERS,
};
