/* A small, fast PRNG (xoshiro256**) for the leak check: the random parts of
 * the test ciphertexts, the order inside a block and the bootstrap. None of
 * it protects a secret, so speed and reproducibility (a seed) matter more
 * than unpredictability. */
#ifndef TLSBENCH_LEAK_RNG_H
#define TLSBENCH_LEAK_RNG_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    uint64_t s[4];
} tb_leak_rng;

/* Expands seed with splitmix64 (any seed, 0 included, gives a good state). */
void tb_leak_rng_seed(tb_leak_rng *r, uint64_t seed);
/* A seed from the kernel's getrandom; falls back to the clock. */
uint64_t tb_leak_rng_fresh_seed(void);
uint64_t tb_leak_rng_next(tb_leak_rng *r);
/* Uniform in [0, bound) for bound >= 1 (rejection keeps it unbiased). */
uint64_t tb_leak_rng_below(tb_leak_rng *r, uint64_t bound);
/* Uniform in [0, 1). */
double tb_leak_rng_unit(tb_leak_rng *r);
/* A standard normal variate (Box-Muller; synthetic samples in tests). */
double tb_leak_rng_normal(tb_leak_rng *r);
void tb_leak_rng_bytes(tb_leak_rng *r, uint8_t *out, size_t len);
/* Bytes in 1..255: PKCS#1 padding must hold no zero. */
void tb_leak_rng_nonzero(tb_leak_rng *r, uint8_t *out, size_t len);
/* A uniformly random permutation of 0..n-1 (Fisher-Yates). */
void tb_leak_rng_shuffle(tb_leak_rng *r, size_t *idx, size_t n);

#endif
