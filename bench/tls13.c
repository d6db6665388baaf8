#include "tls13.h"

#include <string.h>

size_t tb_tls13_schedule_len(size_t hash_len, size_t key_len)
{
    return 9 * hash_len + 4 * (key_len + 12) + 2 * hash_len;
}

int tb_tls13_schedule(const tb_hkdf_class **ctx, size_t L, size_t key_len,
                      const uint8_t *ecdhe, size_t ecdhe_len,
                      const uint8_t *th, const uint8_t *empty_hash,
                      uint8_t *out)
{
    static const uint8_t zeros[64];
    uint8_t derived[64];
    uint8_t *early = out, *hs = out + L, *master = out + 2 * L;
    uint8_t *chs = out + 3 * L, *shs = out + 4 * L, *cap = out + 5 * L;
    uint8_t *sap = out + 6 * L, *exp = out + 7 * L, *res = out + 8 * L;
    uint8_t *p = out + 9 * L;
    int rc = 0;
    if (L > sizeof(derived)) {
        return -1;
    }
    /* No PSK: Extract(0, 0^L). */
    rc |= (*ctx)->extract(ctx, early, zeros, L, zeros, L);
    rc |= tb_expand_label(ctx, derived, L, early, L, "derived", empty_hash, L);
    rc |= (*ctx)->extract(ctx, hs, derived, L, ecdhe, ecdhe_len);
    rc |= tb_expand_label(ctx, chs, L, hs, L, "c hs traffic", th, L);
    rc |= tb_expand_label(ctx, shs, L, hs, L, "s hs traffic", th, L);
    rc |= tb_expand_label(ctx, derived, L, hs, L, "derived", empty_hash, L);
    rc |= (*ctx)->extract(ctx, master, derived, L, zeros, L);
    rc |= tb_expand_label(ctx, cap, L, master, L, "c ap traffic", th + L, L);
    rc |= tb_expand_label(ctx, sap, L, master, L, "s ap traffic", th + L, L);
    rc |= tb_expand_label(ctx, exp, L, master, L, "exp master", th + L, L);
    rc |= tb_expand_label(ctx, res, L, master, L, "res master", th + 2 * L, L);
    const uint8_t *traffic[4] = {chs, shs, cap, sap};
    for (size_t i = 0; i < 4; i++) {
        rc |= tb_expand_label(ctx, p, key_len, traffic[i], L, "key", NULL, 0);
        p += key_len;
        rc |= tb_expand_label(ctx, p, 12, traffic[i], L, "iv", NULL, 0);
        p += 12;
    }
    rc |= tb_expand_label(ctx, p, L, chs, L, "finished", NULL, 0);
    rc |= tb_expand_label(ctx, p + L, L, shs, L, "finished", NULL, 0);
    return rc == 0 ? 0 : -1;
}
