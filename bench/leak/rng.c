#include "rng.h"

#include <math.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

void tb_leak_rng_seed(tb_leak_rng *r, uint64_t seed)
{
    for (int i = 0; i < 4; i++) {
        r->s[i] = splitmix64(&seed);
    }
}

uint64_t tb_leak_rng_fresh_seed(void)
{
    uint64_t s = 0;
    if (getrandom(&s, sizeof(s), 0) != (ssize_t)sizeof(s)) {
        struct timespec t;
        clock_gettime(CLOCK_REALTIME, &t);
        s = (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
    }
    return s;
}

static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

uint64_t tb_leak_rng_next(tb_leak_rng *r)
{
    uint64_t *s = r->s;
    uint64_t out = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return out;
}

uint64_t tb_leak_rng_below(tb_leak_rng *r, uint64_t bound)
{
    /* Reject the top partial range so every value is equally likely. */
    uint64_t limit = UINT64_MAX - UINT64_MAX % bound;
    uint64_t x;
    do {
        x = tb_leak_rng_next(r);
    } while (x >= limit);
    return x % bound;
}

double tb_leak_rng_unit(tb_leak_rng *r)
{
    return (double)(tb_leak_rng_next(r) >> 11) * 0x1.0p-53;
}

double tb_leak_rng_normal(tb_leak_rng *r)
{
    double u = tb_leak_rng_unit(r), v = tb_leak_rng_unit(r);
    /* 1 - u is in (0, 1]: the logarithm is finite. */
    return sqrt(-2.0 * log(1.0 - u)) * cos(2.0 * M_PI * v);
}

void tb_leak_rng_bytes(tb_leak_rng *r, uint8_t *out, size_t len)
{
    while (len > 0) {
        uint64_t x = tb_leak_rng_next(r);
        size_t n = len < 8 ? len : 8;
        memcpy(out, &x, n);
        out += n;
        len -= n;
    }
}

void tb_leak_rng_nonzero(tb_leak_rng *r, uint8_t *out, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        out[i] = (uint8_t)(1 + tb_leak_rng_below(r, 255));
    }
}

void tb_leak_rng_shuffle(tb_leak_rng *r, size_t *idx, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        idx[i] = i;
    }
    for (size_t i = n; i > 1; i--) {
        size_t j = (size_t)tb_leak_rng_below(r, i);
        size_t t = idx[i - 1];
        idx[i - 1] = idx[j];
        idx[j] = t;
    }
}
