/* X25519 (RFC 7748) with crypto_scalarmult. libsodium has no NIST curves
 * (those classes are NULL in backend.c). */
#include <stdint.h>
#include <string.h>

#include <sodium.h>

#include "classes.h"

typedef struct {
    const tb_kex_class *vtable;
    uint8_t priv[crypto_scalarmult_SCALARBYTES];
    /* All zero until set_peer: a derive without a peer then fails, since
     * libsodium rejects u = 0. */
    uint8_t peer[crypto_scalarmult_BYTES];
} x25519_ctx;

static tb_status x25519_init(const tb_kex_class **ctx, tb_why *why)
{
    x25519_ctx *c = (x25519_ctx *)ctx;
    (void)why;
    c->vtable = &tb_libsodium_x25519;
    /* The RNG was seeded by sodium_init() in global_init. */
    memset(c->priv, 0, sizeof(c->priv));
    memset(c->peer, 0, sizeof(c->peer));
    return TB_OK;
}

static int x25519_keygen(const tb_kex_class **ctx, uint8_t *share)
{
    x25519_ctx *c = (x25519_ctx *)ctx;
    randombytes_buf(c->priv, sizeof(c->priv));
    /* crypto_scalarmult_base clamps the scalar itself. */
    return crypto_scalarmult_base(share, c->priv) == 0 ? 0 : -1;
}

static int x25519_set_private(const tb_kex_class **ctx, const uint8_t *scalar,
                              uint8_t *share)
{
    x25519_ctx *c = (x25519_ctx *)ctx;
    memcpy(c->priv, scalar, sizeof(c->priv));
    return crypto_scalarmult_base(share, c->priv) == 0 ? 0 : -1;
}

/* Any 32 bytes are a u-coordinate (RFC 7748 5: bit 255 is masked), so only
 * the length is checked here; libsodium rejects small-order points and an
 * all-zero result in derive. */
static int x25519_set_peer(const tb_kex_class **ctx, const uint8_t *share,
                           size_t share_len)
{
    x25519_ctx *c = (x25519_ctx *)ctx;
    if (share_len != sizeof(c->peer)) {
        return -1;
    }
    memcpy(c->peer, share, sizeof(c->peer));
    return 0;
}

/* SubjectPublicKeyInfo of an X25519 key (RFC 8410): SEQUENCE { SEQUENCE {
 * OID 1.3.101.110 }, BIT STRING { 00 || 32 bytes } }, always these 12 bytes
 * then the key. libsodium has no DER parser, so this is a fixed-prefix
 * match. */
static const uint8_t x25519_spki_prefix[] = {0x30, 0x2a, 0x30, 0x05,
                                             0x06, 0x03, 0x2b, 0x65,
                                             0x6e, 0x03, 0x21, 0x00};

static int x25519_set_peer_spki(const tb_kex_class **ctx, const uint8_t *der,
                                size_t der_len)
{
    size_t prefix_len = sizeof(x25519_spki_prefix);
    if (der_len != prefix_len + crypto_scalarmult_BYTES ||
        memcmp(der, x25519_spki_prefix, prefix_len) != 0) {
        return -1;
    }
    return x25519_set_peer(ctx, der + prefix_len, der_len - prefix_len);
}

static int x25519_derive(const tb_kex_class **ctx, uint8_t *secret)
{
    const x25519_ctx *c = (const x25519_ctx *)ctx;
    /* -1 for a small-order peer point or an all-zero shared secret. */
    return crypto_scalarmult(secret, c->priv, c->peer) == 0 ? 0 : -1;
}

static void x25519_cleanup(const tb_kex_class **ctx)
{
    x25519_ctx *c = (x25519_ctx *)ctx;
    sodium_memzero(c->priv, sizeof(c->priv));
}

const tb_kex_class tb_libsodium_x25519 = {
    .context_size = sizeof(x25519_ctx),
    .alg = TB_KEX_X25519,
    .scalar_len = 32,
    .share_len = 32,
    .secret_len = 32,
    .note = "crypto_scalarmult(_base); keygen randombytes_buf; "
            "small-order/zero result -> -1",
    .init = x25519_init,
    .keygen = x25519_keygen,
    .set_private = x25519_set_private,
    .set_peer = x25519_set_peer,
    .set_peer_spki = x25519_set_peer_spki,
    .derive = x25519_derive,
    .cleanup = x25519_cleanup,
};
