/* Fixed-point nanoseconds: exact sums of the three-decimal values that
 * results.csv holds, with overflow checked. */
#include "model.h"

#include <stdio.h>

int tb_fx_parse(const char *s, int64_t *out)
{
    int neg = 0;
    if (*s == '-') {
        neg = 1;
        s++;
    }
    int64_t whole = 0, frac = 0;
    int n_whole = 0, n_frac = 0;
    while (*s >= '0' && *s <= '9') {
        if (++n_whole > 10) {
            return -1;
        }
        whole = whole * 10 + (*s++ - '0');
    }
    if (*s == '.') {
        s++;
        while (*s >= '0' && *s <= '9') {
            if (++n_frac > 6) {
                return -1;
            }
            frac = frac * 10 + (*s++ - '0');
        }
        if (n_frac == 0) {
            return -1;
        }
    }
    if (*s != '\0' || n_whole == 0) {
        return -1;
    }
    for (int i = n_frac; i < 6; i++) {
        frac *= 10;
    }
    int64_t v = whole * TB_FX_ONE + frac; /* at most 10^16: no overflow */
    *out = neg ? -v : v;
    return 0;
}

void tb_fx_format(char *out, size_t out_len, int64_t v)
{
    const char *sign = v < 0 ? "-" : "";
    /* The magnitude as unsigned: INT64_MIN has no positive counterpart. */
    uint64_t a = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    uint64_t whole = a / TB_FX_ONE, frac = a % TB_FX_ONE;
    if (frac % 1000 == 0) {
        snprintf(out, out_len, "%s%llu.%03llu", sign,
                 (unsigned long long)whole, (unsigned long long)(frac / 1000));
    } else {
        snprintf(out, out_len, "%s%llu.%06llu", sign,
                 (unsigned long long)whole, (unsigned long long)frac);
    }
}

int tb_fx_mul(int64_t a, int64_t b, int64_t *out)
{
    return __builtin_mul_overflow(a, b, out) ? -1 : 0;
}

int tb_fx_add(int64_t a, int64_t b, int64_t *out)
{
    return __builtin_add_overflow(a, b, out) ? -1 : 0;
}
