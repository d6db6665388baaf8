#include "der.h"

#include <string.h>

static size_t put_int(uint8_t *out, const uint8_t *v, size_t len)
{
    while (len > 1 && v[0] == 0) {
        v++;
        len--;
    }
    size_t pad = (v[0] & 0x80) ? 1 : 0;
    out[0] = 0x02;
    out[1] = (uint8_t)(len + pad);
    out[2] = 0;
    memcpy(out + 2 + pad, v, len);
    return 2 + pad + len;
}

int tb_ecdsa_sig_to_der(uint8_t *out, size_t *out_len, const uint8_t *r,
                        const uint8_t *s, size_t n_len)
{
    uint8_t body[2 * (66 + 3)];
    if (n_len == 0 || n_len > 66) {
        return -1;
    }
    size_t len = put_int(body, r, n_len);
    len += put_int(body + len, s, n_len);
    size_t hdr = 2;
    out[0] = 0x30;
    if (len < 0x80) {
        out[1] = (uint8_t)len;
    } else {
        out[1] = 0x81;
        out[2] = (uint8_t)len;
        hdr = 3;
    }
    memcpy(out + hdr, body, len);
    *out_len = hdr + len;
    return 0;
}

/* Reads a DER length at *p; returns -1 if malformed or not minimal. */
static long get_len(const uint8_t **p, const uint8_t *end)
{
    if (*p >= end) {
        return -1;
    }
    uint8_t b = *(*p)++;
    if (b < 0x80) {
        return b;
    }
    if (b != 0x81 || *p >= end) { /* signatures here never need more */
        return -1;
    }
    b = *(*p)++;
    return b < 0x80 ? -1 : b;
}

static int get_int(uint8_t *out, size_t n_len, const uint8_t **p,
                   const uint8_t *end)
{
    if (*p >= end || *(*p)++ != 0x02) {
        return -1;
    }
    long len = get_len(p, end);
    if (len <= 0 || len > end - *p) {
        return -1;
    }
    const uint8_t *v = *p;
    *p += len;
    if (v[0] & 0x80) {
        return -1; /* negative */
    }
    if (v[0] == 0 && len > 1) {
        if (!(v[1] & 0x80)) {
            return -1; /* not minimal */
        }
        v++;
        len--;
    }
    if ((size_t)len > n_len) {
        return -1;
    }
    memset(out, 0, n_len - (size_t)len);
    memcpy(out + n_len - (size_t)len, v, (size_t)len);
    return 0;
}

int tb_ecdsa_sig_from_der(uint8_t *r, uint8_t *s, size_t n_len,
                          const uint8_t *der, size_t der_len)
{
    const uint8_t *p = der, *end = der + der_len;
    if (der_len < 2 || *p++ != 0x30) {
        return -1;
    }
    long len = get_len(&p, end);
    if (len < 0 || len != end - p) {
        return -1;
    }
    if (get_int(r, n_len, &p, end) != 0 || get_int(s, n_len, &p, end) != 0) {
        return -1;
    }
    return p == end ? 0 : -1;
}
