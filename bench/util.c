#include "util.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void tb_why_set(tb_why *why, const char *fmt, ...)
{
    if (why == NULL) {
        return;
    }
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why->text, sizeof(why->text), fmt, ap);
    va_end(ap);
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

long tb_hex_decode(uint8_t *out, size_t out_max, const char *hex,
                   size_t hex_len)
{
    if (hex_len % 2 != 0 || hex_len / 2 > out_max) {
        return -1;
    }
    for (size_t i = 0; i < hex_len / 2; i++) {
        int hi = hexval(hex[2 * i]), lo = hexval(hex[2 * i + 1]);
        if (hi < 0 || lo < 0) {
            return -1;
        }
        out[i] = (uint8_t)(hi << 4 | lo);
    }
    return (long)(hex_len / 2);
}

void tb_hex_encode(char *out, const uint8_t *in, size_t len)
{
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < len; i++) {
        out[2 * i] = digits[in[i] >> 4];
        out[2 * i + 1] = digits[in[i] & 15];
    }
    out[2 * len] = '\0';
}

void tb_fill(uint8_t *out, size_t len, uint64_t seed)
{
    uint64_t x = seed;
    for (size_t i = 0; i < len; i += 8) {
        x += 0x9e3779b97f4a7c15ULL;
        uint64_t z = x;
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        z ^= z >> 31;
        for (size_t j = 0; j < 8 && i + j < len; j++) {
            out[i + j] = (uint8_t)(z >> (8 * j));
        }
    }
}

void *tb_xalloc(size_t len)
{
    void *p = NULL;
    if (posix_memalign(&p, 64, len == 0 ? 64 : len) != 0) {
        fprintf(stderr, "tlsbench: out of memory (%zu bytes)\n", len);
        exit(2);
    }
    memset(p, 0, len);
    return p;
}

void *tb_ctx_new(const void *cls, size_t context_size)
{
    if (context_size < sizeof(void *)) {
        context_size = sizeof(void *);
    }
    const void **ctx = tb_xalloc(context_size);
    *ctx = cls;
    return ctx;
}

const char *tb_hash_name(tb_hash hash)
{
    return hash == TB_HASH_SHA384 ? "SHA384" : "SHA256";
}
