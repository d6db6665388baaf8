/*
 * Key exchange. X25519 through gcry_ecc_mul_point (libgcrypt's only X25519
 * call; it sets up the curve on every call). P-256 and P-384 through the
 * low-level point API on a curve context made once in init, so the timed
 * calls build no S-expressions; libgcrypt still allocates MPI temporaries
 * inside every call, which its API does not let a caller avoid.
 */
#include <string.h>

#include <gcrypt.h>

#include "classes.h"
#include "gcry_common.h"
#include "util.h"

/* ------------------------------------------------------------ X25519 */

#define X25519_LEN 32

typedef struct {
    const tb_kex_class *vtable;
    uint8_t priv[X25519_LEN];
    uint8_t peer[X25519_LEN];
} x25519_ctx;

static tb_status x25519_init(const tb_kex_class **ctx, tb_why *why)
{
    x25519_ctx *c = (x25519_ctx *)ctx;
    *c = (x25519_ctx){.vtable = &tb_gcrypt_x25519};
    if (gcry_ecc_get_algo_keylen(GCRY_ECC_CURVE25519) != X25519_LEN) {
        tb_why_set(why, "libgcrypt reports no Curve25519");
        return TB_UNSUPPORTED;
    }
    return TB_OK;
}

/* point NULL means the base point (u = 9). */
static int x25519_mul(uint8_t *out, const uint8_t *scalar, const uint8_t *point)
{
    return gcry_ecc_mul_point(GCRY_ECC_CURVE25519, out, scalar, point) == 0
               ? 0
               : -1;
}

static int x25519_keygen(const tb_kex_class **ctx, uint8_t *share)
{
    x25519_ctx *c = (x25519_ctx *)ctx;
    /* STRONG is libgcrypt's level for session keys. */
    gcry_randomize(c->priv, X25519_LEN, GCRY_STRONG_RANDOM);
    return x25519_mul(share, c->priv, NULL);
}

static int x25519_set_private(const tb_kex_class **ctx, const uint8_t *scalar,
                              uint8_t *share)
{
    x25519_ctx *c = (x25519_ctx *)ctx;
    memcpy(c->priv, scalar, X25519_LEN);
    return x25519_mul(share, c->priv, NULL);
}

static int x25519_set_peer(const tb_kex_class **ctx, const uint8_t *share,
                           size_t share_len)
{
    x25519_ctx *c = (x25519_ctx *)ctx;
    if (share_len != X25519_LEN) {
        return -1;
    }
    /* Every u is a valid input (RFC 7748 5); low-order ones show up as an
     * all-zero secret in derive. */
    memcpy(c->peer, share, X25519_LEN);
    return 0;
}

static int x25519_set_peer_spki(const tb_kex_class **ctx, const uint8_t *der,
                                size_t der_len)
{
    /* DER is canonical: an X25519 SPKI (RFC 8410) is this prefix then u. */
    static const uint8_t prefix[] = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03,
                                     0x2b, 0x65, 0x6e, 0x03, 0x21, 0x00};
    if (der_len != sizeof(prefix) + X25519_LEN ||
        memcmp(der, prefix, sizeof(prefix)) != 0) {
        return -1;
    }
    return x25519_set_peer(ctx, der + sizeof(prefix), X25519_LEN);
}

static int x25519_derive(const tb_kex_class **ctx, uint8_t *secret)
{
    x25519_ctx *c = (x25519_ctx *)ctx;
    if (x25519_mul(secret, c->priv, c->peer) != 0) {
        return -1;
    }
    /* libgcrypt 1.10 returns zeros for a low-order point; TLS must not
     * use them (RFC 8446 7.4.2). Accumulate without an early exit. */
    uint8_t acc = 0;
    for (size_t i = 0; i < X25519_LEN; i++) {
        acc |= secret[i];
    }
    return acc != 0 ? 0 : -1;
}

static void x25519_cleanup(const tb_kex_class **ctx)
{
    x25519_ctx *c = (x25519_ctx *)ctx;
    memset(c->priv, 0, sizeof(c->priv));
}

const tb_kex_class tb_gcrypt_x25519 = {
    .context_size = sizeof(x25519_ctx),
    .alg = TB_KEX_X25519,
    .scalar_len = 32,
    .share_len = 32,
    .secret_len = 32,
    .note = "gcry_ecc_mul_point(CURVE25519) (per-call curve setup and "
            "allocation inside libgcrypt)",
    .init = x25519_init,
    .keygen = x25519_keygen,
    .set_private = x25519_set_private,
    .set_peer = x25519_set_peer,
    .set_peer_spki = x25519_set_peer_spki,
    .derive = x25519_derive,
    .cleanup = x25519_cleanup,
};

/* ------------------------------------------------------- P-256, P-384 */

typedef struct {
    const tb_kex_class *vtable;
    size_t flen; /* field and scalar length in bytes */
    gcry_ctx_t ec;
    gcry_mpi_t p, n, one;
    gcry_mpi_t d; /* our scalar, flagged secure (see nist_init) */
    gcry_mpi_point_t g, q, peer, r;
    gcry_mpi_t x, y;
    int have_peer;
} nist_ctx;

static tb_status nist_init(nist_ctx *c, const tb_kex_class *cls,
                           const char *curve, tb_why *why)
{
    *c = (nist_ctx){.vtable = cls, .flen = cls->scalar_len};
    gcry_error_t err = gcry_mpi_ec_new(&c->ec, NULL, curve);
    if (err != 0) {
        c->ec = NULL;
        tb_why_set(why, "gcry_mpi_ec_new(%s): %s", curve, gcry_strerror(err));
        return gcry_err_code(err) == GPG_ERR_UNKNOWN_CURVE ? TB_UNSUPPORTED
                                                           : TB_ERROR;
    }
    c->p = gcry_mpi_ec_get_mpi("p", c->ec, 1);
    c->n = gcry_mpi_ec_get_mpi("n", c->ec, 1);
    c->g = gcry_mpi_ec_get_point("g", c->ec, 1);
    /*
     * libgcrypt multiplies in constant time (double-and-add-always with
     * conditional swaps) only when the scalar MPI is flagged secure; with
     * an ordinary MPI it takes a faster, leaky path. A TLS stack must use
     * the former, so the scalar is always a secure MPI.
     */
    c->d = gcry_mpi_snew((unsigned)(c->flen * 8));
    c->one = gcry_mpi_set_ui(NULL, 1);
    c->q = gcry_mpi_point_new(0);
    c->peer = gcry_mpi_point_new(0);
    c->r = gcry_mpi_point_new(0);
    c->x = gcry_mpi_new(0);
    c->y = gcry_mpi_new(0);
    if (c->p == NULL || c->n == NULL || c->g == NULL) {
        tb_why_set(why, "%s: curve parameters missing", curve);
        return TB_ERROR;
    }
    if (gcry_mpi_get_nbits(c->n) != c->flen * 8) {
        tb_why_set(why, "%s: unexpected order size", curve);
        return TB_ERROR;
    }
    return TB_OK;
}

static tb_status p256_init(const tb_kex_class **ctx, tb_why *why)
{
    return nist_init((nist_ctx *)ctx, &tb_gcrypt_p256, "NIST P-256", why);
}

static tb_status p384_init(const tb_kex_class **ctx, tb_why *why)
{
    return nist_init((nist_ctx *)ctx, &tb_gcrypt_p384, "NIST P-384", why);
}

/* Q = d*G, written as 04||x||y. */
static int nist_public(nist_ctx *c, uint8_t *share)
{
    gcry_mpi_ec_mul(c->q, c->d, c->g, c->ec);
    if (gcry_mpi_ec_get_affine(c->x, c->y, c->q, c->ec) != 0) {
        return -1;
    }
    share[0] = 0x04;
    if (tb_gcry_mpi_to_fixed(share + 1, c->flen, c->x) != 0 ||
        tb_gcry_mpi_to_fixed(share + 1 + c->flen, c->flen, c->y) != 0) {
        return -1;
    }
    return 0;
}

static int nist_keygen(const tb_kex_class **ctx, uint8_t *share)
{
    nist_ctx *c = (nist_ctx *)ctx;
    /* A uniform scalar in [1, n-1] by rejection; n is within 2^-32 of
     * 2^(8*flen) for both curves, so a retry practically never happens.
     * gcry_mpi_randomize keeps d's secure flag. */
    do {
        gcry_mpi_randomize(c->d, (unsigned)(c->flen * 8), GCRY_STRONG_RANDOM);
    } while (gcry_mpi_cmp_ui(c->d, 0) == 0 || gcry_mpi_cmp(c->d, c->n) >= 0);
    return nist_public(c, share);
}

static int nist_set_private(const tb_kex_class **ctx, const uint8_t *scalar,
                            uint8_t *share)
{
    nist_ctx *c = (nist_ctx *)ctx;
    gcry_mpi_t d = NULL;
    if (gcry_mpi_scan(&d, GCRYMPI_FMT_USG, scalar, c->flen, NULL) != 0) {
        return -1;
    }
    if (gcry_mpi_cmp_ui(d, 0) == 0 || gcry_mpi_cmp(d, c->n) >= 0) {
        gcry_mpi_release(d);
        return -1;
    }
    /* gcry_mpi_set would drop the secure flag: swap in the new MPI. */
    gcry_mpi_set_flag(d, GCRYMPI_FLAG_SECURE);
    gcry_mpi_release(c->d);
    c->d = d;
    return nist_public(c, share);
}

static int nist_set_peer(const tb_kex_class **ctx, const uint8_t *share,
                         size_t share_len)
{
    nist_ctx *c = (nist_ctx *)ctx;
    c->have_peer = 0;
    /* Only the uncompressed form is allowed in TLS (RFC 8446 4.2.8.2);
     * this also excludes the one-byte encoding of infinity. */
    if (share_len != 1 + 2 * c->flen || share[0] != 0x04) {
        return -1;
    }
    gcry_mpi_t px = NULL, py = NULL;
    int ok = gcry_mpi_scan(&px, GCRYMPI_FMT_USG, share + 1, c->flen, NULL) ==
                 0 &&
             gcry_mpi_scan(&py, GCRYMPI_FMT_USG, share + 1 + c->flen, c->flen,
                           NULL) == 0;
    /* Coordinates must be reduced: the curve equation alone is checked
     * modulo p. */
    ok = ok && gcry_mpi_cmp(px, c->p) < 0 && gcry_mpi_cmp(py, c->p) < 0;
    if (ok) {
        gcry_mpi_point_set(c->peer, px, py, c->one);
        /* Affine and on a prime-order curve: a valid, non-identity point. */
        ok = gcry_mpi_ec_curve_point(c->peer, c->ec);
    }
    gcry_mpi_release(px);
    gcry_mpi_release(py);
    c->have_peer = ok;
    return ok ? 0 : -1;
}

static int nist_set_peer_spki(const tb_kex_class **ctx, const uint8_t *der,
                              size_t der_len)
{
    nist_ctx *c = (nist_ctx *)ctx;
    /* DER is canonical: SEQ{SEQ{id-ecPublicKey, named curve}, BIT STRING}
     * with an uncompressed point has exactly one encoding per curve. */
    static const uint8_t p256[] = {0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2a,
                                   0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06,
                                   0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03,
                                   0x01, 0x07, 0x03, 0x42, 0x00};
    static const uint8_t p384[] = {0x30, 0x76, 0x30, 0x10, 0x06, 0x07,
                                   0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02,
                                   0x01, 0x06, 0x05, 0x2b, 0x81, 0x04,
                                   0x00, 0x22, 0x03, 0x62, 0x00};
    const uint8_t *prefix = c->flen == 32 ? p256 : p384;
    size_t prefix_len = c->flen == 32 ? sizeof(p256) : sizeof(p384);
    size_t point_len = 1 + 2 * c->flen;
    c->have_peer = 0;
    if (der_len != prefix_len + point_len ||
        memcmp(der, prefix, prefix_len) != 0) {
        return -1;
    }
    return nist_set_peer(ctx, der + prefix_len, point_len);
}

static int nist_derive(const tb_kex_class **ctx, uint8_t *secret)
{
    nist_ctx *c = (nist_ctx *)ctx;
    if (!c->have_peer) {
        return -1;
    }
    gcry_mpi_ec_mul(c->r, c->d, c->peer, c->ec);
    if (gcry_mpi_ec_get_affine(c->x, NULL, c->r, c->ec) != 0) {
        return -1; /* the point at infinity */
    }
    return tb_gcry_mpi_to_fixed(secret, c->flen, c->x);
}

static void nist_cleanup(const tb_kex_class **ctx)
{
    nist_ctx *c = (nist_ctx *)ctx;
    /* Every release function accepts NULL. */
    gcry_mpi_release(c->p);
    gcry_mpi_release(c->n);
    gcry_mpi_release(c->one);
    gcry_mpi_release(c->d);
    gcry_mpi_release(c->x);
    gcry_mpi_release(c->y);
    gcry_mpi_point_release(c->g);
    gcry_mpi_point_release(c->q);
    gcry_mpi_point_release(c->peer);
    gcry_mpi_point_release(c->r);
    gcry_ctx_release(c->ec);
    *c = (nist_ctx){.vtable = c->vtable};
}

#define NIST_NOTE                                                             \
    "gcry_mpi_ec_mul with a secure scalar (const-time path); curve ctx from " \
    "init; libgcrypt allocates MPIs per call"

const tb_kex_class tb_gcrypt_p256 = {
    .context_size = sizeof(nist_ctx),
    .alg = TB_KEX_P256,
    .scalar_len = 32,
    .share_len = 65,
    .secret_len = 32,
    .note = NIST_NOTE,
    .init = p256_init,
    .keygen = nist_keygen,
    .set_private = nist_set_private,
    .set_peer = nist_set_peer,
    .set_peer_spki = nist_set_peer_spki,
    .derive = nist_derive,
    .cleanup = nist_cleanup,
};

const tb_kex_class tb_gcrypt_p384 = {
    .context_size = sizeof(nist_ctx),
    .alg = TB_KEX_P384,
    .scalar_len = 48,
    .share_len = 97,
    .secret_len = 48,
    .note = NIST_NOTE,
    .init = p384_init,
    .keygen = nist_keygen,
    .set_private = nist_set_private,
    .set_peer = nist_set_peer,
    .set_peer_spki = nist_set_peer_spki,
    .derive = nist_derive,
    .cleanup = nist_cleanup,
};
