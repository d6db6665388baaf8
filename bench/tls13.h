/* The TLS 1.3 key schedule (RFC 8446 section 7.1) on a backend's HKDF
 * class: the same code drives every backend. */
#ifndef TLSBENCH_TLS13_H
#define TLSBENCH_TLS13_H

#include "backend.h"

#include <string.h>

/* HKDF-Expand-Label(secret, label, context, out_len); label without the
 * "tls13 " prefix. Inline: with a literal label, strlen and the copies are
 * resolved at compile time in the timed loops. */
static inline int tb_expand_label(const tb_hkdf_class **ctx, uint8_t *out,
                                  size_t out_len, const uint8_t *secret,
                                  size_t secret_len, const char *label,
                                  const uint8_t *context, size_t context_len)
{
    /* struct HkdfLabel { uint16 length; opaque label<7..255>;
     *                    opaque context<0..255>; } */
    uint8_t info[2 + 1 + 255 + 1 + 255];
    size_t label_len = strlen(label);
    if (out_len > 0xffff || label_len > 255 - 6 || context_len > 255) {
        return -1;
    }
    size_t n = 0;
    info[n++] = (uint8_t)(out_len >> 8);
    info[n++] = (uint8_t)out_len;
    info[n++] = (uint8_t)(6 + label_len);
    memcpy(info + n, "tls13 ", 6);
    memcpy(info + n + 6, label, label_len);
    n += 6 + label_len;
    info[n++] = (uint8_t)context_len;
    if (context_len > 0) {
        memcpy(info + n, context, context_len);
    }
    n += context_len;
    return (*ctx)->expand(ctx, out, out_len, secret, secret_len, info, n);
}

/* Length of the schedule's output for hash length L and AEAD key length K:
 * early, handshake, master secrets; c/s hs traffic, c/s ap traffic, exporter
 * and resumption master secrets (9 L); key and IV of the four traffic
 * secrets (4 (K + 12)); client and server finished keys (2 L). */
size_t tb_tls13_schedule_len(size_t hash_len, size_t key_len);

/* A whole handshake's schedule without PSK. transcripts holds three hashes
 * (CH..SH, CH..SF, CH..CF); empty_hash is Hash(""). */
int tb_tls13_schedule(const tb_hkdf_class **ctx, size_t hash_len,
                      size_t key_len, const uint8_t *ecdhe, size_t ecdhe_len,
                      const uint8_t *transcripts, const uint8_t *empty_hash,
                      uint8_t *out);

#endif
