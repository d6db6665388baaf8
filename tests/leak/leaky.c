/*
 * A test-only backend that leaks on purpose, so the test suite can check
 * that the leak check finds a leak. Its decrypt_pms does a real RSA
 * decryption (GMP, CRT, mpz_powm_sec), then unpads the naive way a
 * vulnerable server did: it scans for the zero separator and, when there
 * is none, spends extra time (LEAKY_SPIN_TICKS counter ticks) before
 * falling back to a random secret. Only the no_separator class takes the
 * slow path. Never link it into anything but bin/tlsleak-leaky.
 */
#include <gmp.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "backend.h"
#include "util.h"

/* About 5 to 10 microseconds on current CPUs: far above the noise of a
 * 1024-bit decryption, so the test does not depend on a quiet machine. */
#define LEAKY_SPIN_TICKS 25000u

typedef struct {
    const tb_rsa_kt_class *vtable;
    size_t k;
    int ready;
    mpz_t n, p, q, dp, dq, qinv, c, m1, m2, h;
    uint8_t block[512];
} leaky_ctx;

static void import(mpz_t x, tb_bytes b)
{
    mpz_import(x, b.len, 1, 1, 0, 0, b.ptr);
}

static tb_status leaky_init(const tb_rsa_kt_class **ctx, const tb_rsa_key *key,
                            tb_why *why)
{
    leaky_ctx *c = (leaky_ctx *)ctx;
    if (key->p.len == 0 || key->n.len > sizeof(c->block)) {
        tb_why_set(why, "the leaky backend needs a private key of at most "
                        "4096 bits");
        return TB_UNSUPPORTED;
    }
    c->k = key->n.len;
    mpz_inits(c->n, c->p, c->q, c->dp, c->dq, c->qinv, c->c, c->m1, c->m2,
              c->h, NULL);
    c->ready = 1;
    import(c->n, key->n);
    import(c->p, key->p);
    import(c->q, key->q);
    import(c->dp, key->dp);
    import(c->dq, key->dq);
    import(c->qinv, key->qinv);
    return TB_OK;
}

/* Burns about ticks counter ticks (or nanoseconds without a counter):
 * the deliberate leak. */
#if defined(__x86_64__) || defined(__i386__)
#include <x86intrin.h>
static void spin(uint64_t ticks)
{
    uint64_t t0 = __rdtsc();
    while (__rdtsc() - t0 < ticks) {
        _mm_pause();
    }
}
#else
static void spin(uint64_t ticks)
{
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    do {
        clock_gettime(CLOCK_MONOTONIC, &b);
    } while ((uint64_t)((b.tv_sec - a.tv_sec) * 1000000000 +
                        (b.tv_nsec - a.tv_nsec)) < ticks);
}
#endif

static int leaky_decrypt_pms(const tb_rsa_kt_class **ctx,
                             uint8_t pms[TB_PMS_LEN], const uint8_t *in,
                             size_t in_len, const uint8_t client_version[2])
{
    leaky_ctx *c = (leaky_ctx *)ctx;
    uint8_t rnd[TB_PMS_LEN];
    tb_fill(rnd, sizeof(rnd), (uint64_t)in[in_len - 1]);
    if (in_len != c->k) {
        memcpy(pms, rnd, TB_PMS_LEN);
        return 0;
    }
    /* m = m2 + q * (qinv * (m1 - m2) mod p), m1 = c^dp mod p, m2 = c^dq
     * mod q (RFC 8017 5.1.2). */
    mpz_import(c->c, in_len, 1, 1, 0, 0, in);
    mpz_mod(c->m1, c->c, c->p);
    mpz_powm_sec(c->m1, c->m1, c->dp, c->p);
    mpz_mod(c->m2, c->c, c->q);
    mpz_powm_sec(c->m2, c->m2, c->dq, c->q);
    mpz_sub(c->h, c->m1, c->m2);
    mpz_mul(c->h, c->h, c->qinv);
    mpz_mod(c->h, c->h, c->p);
    mpz_mul(c->h, c->h, c->q);
    mpz_add(c->m1, c->m2, c->h);
    size_t need = (mpz_sizeinbase(c->m1, 2) + 7) / 8, count = 0;
    memset(c->block, 0, c->k);
    if (mpz_sgn(c->m1) != 0 && need <= c->k) {
        mpz_export(c->block + (c->k - need), &count, 1, 1, 0, 0, c->m1);
    }
    const uint8_t *b = c->block;
    size_t sep = 2;
    while (sep < c->k && b[sep] != 0) {
        sep++;
    }
    if (sep == c->k) {
        spin(LEAKY_SPIN_TICKS);
    }
    int good = b[0] == 0 && b[1] == 2 && sep >= 10 && sep < c->k &&
               c->k - sep - 1 == TB_PMS_LEN && b[sep + 1] == client_version[0] &&
               b[sep + 2] == client_version[1];
    memcpy(pms, good ? b + sep + 1 : rnd, TB_PMS_LEN);
    return 0;
}

static int leaky_encrypt_pms(const tb_rsa_kt_class **ctx, uint8_t *out,
                             const uint8_t pms[TB_PMS_LEN])
{
    (void)ctx, (void)out, (void)pms;
    return -1; /* the leak check encrypts on its own */
}

static void leaky_cleanup(const tb_rsa_kt_class **ctx)
{
    leaky_ctx *c = (leaky_ctx *)ctx;
    if (c->ready) {
        mpz_clears(c->n, c->p, c->q, c->dp, c->dq, c->qinv, c->c, c->m1, c->m2,
                   c->h, NULL);
        c->ready = 0;
    }
}

static const tb_rsa_kt_class leaky_rsa = {
    .context_size = sizeof(leaky_ctx),
    .note = "test only: GMP CRT decryption, then a naive unpad that spins "
            "when there is no separator",
    .init = leaky_init,
    .encrypt_pms = leaky_encrypt_pms,
    .decrypt_pms = leaky_decrypt_pms,
    .cleanup = leaky_cleanup,
};

static const char *leaky_version(void)
{
    return "test";
}

static const char *leaky_absent(tb_family fam, int alg)
{
    (void)fam, (void)alg;
    return "the leaky test backend has RSA key transport only";
}

const tb_backend tb_backend_impl = {
    .name = "leaky",
    .version = leaky_version,
    .rsa_kt = &leaky_rsa,
    .absent = leaky_absent,
};
