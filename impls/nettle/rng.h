/*
 * Randomness for keygen, signing, padding and RSA blinding: Nettle's own
 * CSPRNG, Yarrow-256 (AES-256 generator), one per context, seeded once in
 * init with 32 bytes of getrandom(). Nettle 3.8 has no other CSPRNG (no
 * DRBG); the timed calls then draw from it without a system call.
 * static inline so that nothing but the classes is exported.
 */
#ifndef TLSBENCH_NETTLE_RNG_H
#define TLSBENCH_NETTLE_RNG_H

#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/random.h>

#include <nettle/yarrow.h>

/* Returns 0, or -1 when the kernel gave no randomness. */
static inline int tb_nettle_rng_seed(struct yarrow256_ctx *rng)
{
    uint8_t seed[YARROW256_SEED_FILE_SIZE];
    size_t got = 0;
    while (got < sizeof(seed)) {
        ssize_t n = getrandom(seed + got, sizeof(seed) - got, 0);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return -1;
        }
        got += (size_t)n;
    }
    /* No entropy sources: Yarrow then never reseeds on its own, which is
     * what we want inside timed loops. */
    yarrow256_init(rng, 0, NULL);
    yarrow256_seed(rng, sizeof(seed), seed);
    explicit_bzero(seed, sizeof(seed));
    return 0;
}

/* A nettle_random_func with the exact type hogweed calls (no cast). */
static inline void tb_nettle_random(void *ctx, size_t len, uint8_t *dst)
{
    yarrow256_random(ctx, len, dst);
}

#endif
