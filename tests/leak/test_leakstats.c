/* Unit tests of the leak check: its statistics on known values and on
 * seeded synthetic samples (identical classes must not be called a leak; a
 * shift of a few ns in one class must be found), and its ciphertext
 * classes (decrypted with the private key, each must have its structure).
 * Deterministic: every random input comes from a fixed seed. Prints one
 * line per check and "N passed, N failed". */
#include <gmp.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "keys.h"
#include "leak/ctclass.h"
#include "leak/rng.h"
#include "leak/stats.h"

static int passed, failed;

static void check(int ok, const char *what)
{
    printf("%s leak: %s\n", ok ? "pass" : "FAIL", what);
    ok ? passed++ : failed++;
}

static int near(double a, double b, double rel)
{
    return fabs(a - b) <= rel * fabs(b);
}

static void test_sign(void)
{
    check(near(tb_leak_sign_p(1, 9), 22.0 / 1024, 1e-12),
          "sign test: 1 of 10 positive gives p = 2 * 11/1024");
    check(near(tb_leak_sign_p(20, 0), 2.0 / 1048576, 1e-12),
          "sign test: 20 of 20 positive gives p = 2^-19");
    check(tb_leak_sign_p(5, 5) == 1.0 && tb_leak_sign_p(0, 0) == 1.0,
          "sign test: balanced or empty gives p = 1");
    double p = tb_leak_sign_p(5300, 4700); /* six standard deviations */
    check(p > 1e-10 && p < 1e-8, "sign test: 5300 vs 4700 gives p near 2e-9");
    p = tb_leak_sign_p(124900, 125100); /* 0.4 standard deviations */
    check(p > 0.6 && p < 0.75, "sign test: 250000 differences stay exact "
                               "(p near 0.69)");
}

static void test_wilcoxon(void)
{
    double d5[] = {-1, 2, 3, 4, 5}, w;
    double p = tb_leak_wilcoxon_p(d5, 5, &w);
    check(w == 14 && near(p, 0.125, 1e-12),
          "Wilcoxon exact: {-1,2,3,4,5} gives W+ 14, p 4/32");
    double d10[10];
    for (int i = 0; i < 10; i++) {
        d10[i] = i + 1;
    }
    check(near(tb_leak_wilcoxon_p(d10, 10, NULL), 2.0 / 1024, 1e-12),
          "Wilcoxon exact: ten positive differences give p = 2/1024");
    double dt[] = {1, -1, 2, 0};
    tb_leak_wilcoxon_p(dt, 4, &w);
    check(w == 4.5, "Wilcoxon: zeros dropped, tied ranks averaged (W+ 4.5)");
    double zeros[3] = {0, 0, 0};
    check(tb_leak_wilcoxon_p(zeros, 3, NULL) == 1.0,
          "Wilcoxon: all-zero differences give p = 1");
    /* Normal approximation: 200 alternating +-i have W+ at its mean. */
    double *big = malloc(200 * sizeof(*big));
    for (int i = 0; i < 200; i++) {
        big[i] = (i % 2 ? -1 : 1) * (double)(i + 1);
    }
    p = tb_leak_wilcoxon_p(big, 200, NULL);
    check(p > 0.5, "Wilcoxon normal approximation: balanced signs, large p");
    for (int i = 0; i < 200; i++) {
        big[i] = (double)(i + 1);
    }
    p = tb_leak_wilcoxon_p(big, 200, NULL);
    check(p < 1e-30, "Wilcoxon normal approximation: all positive, tiny p");
    free(big);
}

static void test_chi2_friedman(void)
{
    check(near(tb_leak_chi2_sf(60, 2), exp(-30), 1e-9),
          "chi-square sf, 2 df: exp(-x/2) (continued fraction)");
    check(near(tb_leak_chi2_sf(1, 2), exp(-0.5), 1e-9),
          "chi-square sf, 2 df: exp(-x/2) (series)");
    check(near(tb_leak_chi2_sf(0.5, 1), erfc(0.5), 1e-9) &&
              near(tb_leak_chi2_sf(50, 1), erfc(5), 1e-9),
          "chi-square sf, 1 df: erfc(sqrt(x/2))");
    check(near(tb_leak_chi2_sf(18.307038053275146, 10), 0.05, 1e-6),
          "chi-square sf, 10 df: the 5% point");
    check(tb_leak_chi2_sf(0, 5) == 1.0, "chi-square sf at 0 is 1");
    /* Ten blocks always ordered 0 < 1 < 2: rank sums 10, 20, 30. */
    double t[30], stat;
    for (int i = 0; i < 10; i++) {
        for (int j = 0; j < 3; j++) {
            t[i * 3 + j] = 100 + j + i * 0.5;
        }
    }
    double p = tb_leak_friedman_p(t, 10, 3, &stat);
    check(near(stat, 20, 1e-12) && near(p, exp(-10), 1e-9),
          "Friedman: consistent order gives statistic 20, p exp(-10)");
    for (int i = 0; i < 30; i++) {
        t[i] = 7;
    }
    p = tb_leak_friedman_p(t, 10, 3, &stat);
    check(stat == 0 && p == 1.0, "Friedman: all ties give p = 1");
}

static void test_median_boot(void)
{
    double a[] = {5, 1, 3}, b[] = {4, 1, 3, 2};
    check(tb_leak_median(a, 3) == 3 && tb_leak_median(b, 4) == 2.5,
          "median of odd and even counts");
    double c[100], lo, hi;
    for (int i = 0; i < 100; i++) {
        c[i] = 5;
    }
    check(tb_leak_boot_ci(c, 100, 1000, 1, &lo, &hi) == 0 && lo == 5 &&
              hi == 5,
          "bootstrap of a constant is that constant");
    size_t n = 20000;
    double *d = malloc(n * sizeof(*d));
    tb_leak_rng r;
    tb_leak_rng_seed(&r, 11);
    for (size_t i = 0; i < n; i++) {
        d[i] = 3 + 10 * tb_leak_rng_normal(&r);
    }
    tb_leak_boot_ci(d, n, 1000, 2, &lo, &hi);
    /* The median's standard error is 1.25 * 10 / sqrt(n) = 0.09. */
    check(lo < 3 && hi > 3 && hi - lo > 0.2 && hi - lo < 0.5,
          "bootstrap interval of a median covers it with the expected width");
    double lo2, hi2;
    tb_leak_boot_ci(d, n, 1000, 2, &lo2, &hi2);
    check(lo == lo2 && hi == hi2, "bootstrap is reproducible from its seed");
    free(d);
    check(tb_leak_boot_ci(c, 0, 1000, 1, &lo, &hi) == -1,
          "bootstrap of nothing is refused");
}

/* The synthetic clock's step: 3.7 ticks per ns. */
#define TICK (1 / 3.7)

/* blocks x classes of ~1000 ns with noise: normal (sd ns), 1% of
 * preemption outliers, rounded to counter ticks of 1/3.7 ns (ties), and
 * a slow drift that the blocks must cancel; class shifted by shift. */
static double *synthetic(size_t blocks, size_t classes, double sd,
                         size_t shifted, double shift, uint64_t seed)
{
    double *t = malloc(blocks * classes * sizeof(*t));
    tb_leak_rng r;
    tb_leak_rng_seed(&r, seed);
    for (size_t i = 0; i < blocks; i++) {
        double drift = 200 * sin((double)i / 500);
        for (size_t j = 0; j < classes; j++) {
            double x = 1000 + drift + sd * tb_leak_rng_normal(&r);
            if (tb_leak_rng_unit(&r) < 0.01) {
                x += 5000 * tb_leak_rng_unit(&r);
            }
            if (j == shifted) {
                x += shift;
            }
            t[i * classes + j] = round(x / TICK) * TICK;
        }
    }
    return t;
}

static void test_synthetic(void)
{
    enum { K = TB_CT_COUNT };
    tb_leak_class_stats st[K];
    tb_leak_summary sum;
    int leaks = 0, errors = 0, below_hint = 0;
    for (uint64_t seed = 1; seed <= 20; seed++) {
        double *t = synthetic(2000, K, 20, K, 0, seed);
        errors += tb_leak_analyse(t, 2000, K, 0, 300, seed, 1, NULL, st, &sum) != 0;
        leaks += sum.verdict == TB_LEAK_SUGGESTED;
        below_hint += sum.p_friedman < TB_LEAK_P_HINT;
        free(t);
    }
    check(errors == 0 && leaks == 0,
          "identical classes (20 seeded runs): never \"leak suggested\"");
    check(below_hint <= 1, "identical classes: Friedman p rarely below 1e-3");

    double *t = synthetic(2000, K, 20, K, 0, 99);
    tb_leak_analyse(t, 2000, K, 0, 1000, 99, 1, NULL, st, &sum);
    int cover = 1;
    for (size_t j = 1; j < K; j++) {
        cover &= st[j].ci_low <= 0 && st[j].ci_high >= 0;
    }
    check(sum.verdict == TB_LEAK_NONE && cover && sum.detectable > 0 &&
              sum.detectable < 5,
          "identical classes: no leak detected, every CI covers 0, the "
          "detectable difference is a few ns");
    free(t);

    /* 3 ns in one class of eleven, sd 10 ns, 20000 blocks. */
    t = synthetic(20000, K, 10, 9, 3.0, 5);
    int rc = tb_leak_analyse(t, 20000, K, 0, 1000, 5, 1, NULL, st, &sum);
    size_t best = 1;
    for (size_t j = 1; j < K; j++) {
        if (st[j].p_wilcoxon < st[best].p_wilcoxon) {
            best = j;
        }
    }
    check(rc == 0 && sum.verdict == TB_LEAK_SUGGESTED && sum.p_friedman < 1e-5,
          "a 3 ns shift in one class: leak suggested");
    check(best == 9 && st[9].p_wilcoxon < 1e-5 && st[9].p_sign < 1e-5,
          "a 3 ns shift: the shifted class has the smallest corrected "
          "Wilcoxon p; sign test agrees");
    check(st[9].ci_low > 0 && st[9].ci_low < 3 && st[9].ci_high > 3 &&
              st[9].diff > 1.5 && st[9].diff < 4.5,
          "a 3 ns shift: its CI excludes 0 and covers 3");
    check(strstr(sum.why, "class 9") != NULL,
          "a 3 ns shift: the verdict names the class");
    free(t);

    /* The reference class shifted instead: every other class differs. */
    t = synthetic(20000, K, 10, 0, 3.0, 6);
    tb_leak_analyse(t, 20000, K, 0, 300, 6, 1, NULL, st, &sum);
    check(sum.verdict == TB_LEAK_SUGGESTED && st[4].diff < 0,
          "a slower reference class is found too (negative differences)");
    free(t);

    /* A coarse clock (10 ns steps) and a quiet path: most differences
     * are exactly 0, every bootstrap median is 0, and the intervals
     * vanish; the detectable difference is then the clock's step. */
    t = synthetic(2000, K, 2, K, 0, 8);
    for (size_t i = 0; i < 2000 * K; i++) {
        t[i] = round(t[i] / 10) * 10;
    }
    tb_leak_analyse(t, 2000, K, 0, 300, 8, 1, NULL, st, &sum);
    check(sum.verdict != TB_LEAK_SUGGESTED && st[3].ci_low == 0 &&
              st[3].ci_high == 0 && sum.detectable == 10,
          "a coarse clock: the detectable difference is not below the "
          "step of the readings");
    free(t);

    /* The same samples in ticks of 1/2.5 ns: the reported figures scale. */
    t = synthetic(2000, K, 20, 9, 40, 9);
    tb_leak_class_stats st2[K];
    tb_leak_summary sum2;
    tb_leak_analyse(t, 2000, K, 0, 300, 9, 1, NULL, st, &sum);
    tb_leak_analyse(t, 2000, K, 0, 300, 9, 0.4, NULL, st2, &sum2);
    check(near(st2[9].diff, 0.4 * st[9].diff, 1e-9) &&
              near(st2[9].ci_low, 0.4 * st[9].ci_low, 1e-9) &&
              near(sum2.detectable, 0.4 * sum.detectable, 1e-9) &&
              sum2.p_friedman == sum.p_friedman,
          "times in ticks: the figures are converted, the p-values unchanged");
    free(t);

    /* Too few blocks to say anything. */
    t = synthetic(50, K, 20, K, 0, 7);
    tb_leak_analyse(t, 50, K, 0, 300, 7, 1, NULL, st, &sum);
    check(sum.verdict == TB_LEAK_INCONCLUSIVE, "50 blocks: inconclusive");
    check(tb_leak_analyse(t, 50, 1, 0, 300, 7, 1, NULL, st, &sum) == -1 &&
              tb_leak_analyse(t, 50, K, K, 300, 7, 1, NULL, st, &sum) == -1 &&
              tb_leak_analyse(t, 0, K, 0, 300, 7, 1, NULL, st, &sum) == -1,
          "analysis refuses one class, a bad reference, no blocks");
    free(t);
}

/* c^d mod n with the fixed test key: the block the class was built from. */
static void decrypt_raw(const tb_rsa_key *key, const uint8_t *ct,
                        uint8_t *out)
{
    mpz_t n, d, c;
    mpz_inits(n, d, c, NULL);
    mpz_import(n, key->n.len, 1, 1, 0, 0, key->n.ptr);
    mpz_import(d, key->d.len, 1, 1, 0, 0, key->d.ptr);
    mpz_import(c, key->n.len, 1, 1, 0, 0, ct);
    int below = mpz_cmp(c, n) < 0;
    mpz_powm(c, c, d, n);
    size_t need = (mpz_sizeinbase(c, 2) + 7) / 8, cnt;
    memset(out, 0, key->n.len);
    mpz_export(out + key->n.len - need, &cnt, 1, 1, 0, 0, c);
    if (!below) {
        out[0] = 0xff; /* fails every structure check below */
    }
    mpz_clears(n, d, c, NULL);
}

/* Index of the first zero at or after 2, or k. */
static size_t separator(const uint8_t *b, size_t k)
{
    size_t i = 2;
    while (i < k && b[i] != 0) {
        i++;
    }
    return i;
}

static int has_structure(int cls, const uint8_t *b, size_t k)
{
    size_t sep = separator(b, k);
    size_t msg = sep < k ? k - sep - 1 : 0;
    int v = sep < k && b[sep + 1 < k ? sep + 1 : 0] == 3;
    switch (cls) {
    case TB_CT_VALID48:
        return b[0] == 0 && b[1] == 2 && msg == 48 && v && b[sep + 2] == 3;
    case TB_CT_VALID0:
        return b[0] == 0 && b[1] == 2 && sep == k - 1;
    case TB_CT_VALID47:
    case TB_CT_VALID49:
    case TB_CT_VALID112: {
        size_t want = cls == TB_CT_VALID47 ? 47 : cls == TB_CT_VALID49 ? 49 : 112;
        return b[0] == 0 && b[1] == 2 && msg == want && sep >= 10 && v;
    }
    case TB_CT_HEADER_0001:
        return b[0] == 0 && b[1] == 1 && msg == 48 && sep >= 10;
    case TB_CT_HEADER_0102:
        return b[0] == 1 && b[1] == 2 && msg == 48 && sep >= 10;
    case TB_CT_ZERO_IN_PS:
        return b[0] == 0 && b[1] == 2 && sep == 6 && b[k - 49] == 0;
    case TB_CT_NO_SEPARATOR:
        return b[0] == 0 && b[1] == 2 && sep == k;
    case TB_CT_WRONG_VERSION:
        return b[0] == 0 && b[1] == 2 && msg == 48 && sep >= 10 &&
               b[sep + 1] == 3 && b[sep + 2] == 2;
    default:
        return 1; /* no_structure: anything below n */
    }
}

static void test_classes(void)
{
    for (int key_i = TB_RSA1024; key_i <= TB_RSA2048; key_i++) {
        const tb_rsa_key *key = &tb_rsa_keys[key_i];
        tb_ct_gen *g = tb_ct_gen_new(key);
        size_t k = key->n.len;
        uint8_t ct[512], ct2[512], blk[512], dec[512];
        tb_leak_rng r;
        tb_leak_rng_seed(&r, 42);
        int ok_struct = 1, ok_dec = 1, fresh = 1;
        for (int c = 0; c < TB_CT_COUNT && g != NULL; c++) {
            for (int rep = 0; rep < 20; rep++) {
                tb_ct_make(g, &r, c, ct, blk);
                decrypt_raw(key, ct, dec);
                ok_dec &= memcmp(dec, blk, k) == 0;
                ok_struct &= has_structure(c, dec, k);
                tb_ct_make(g, &r, c, ct2, NULL);
                fresh &= memcmp(ct, ct2, k) != 0;
            }
        }
        char what[120];
        snprintf(what, sizeof(what),
                 "RSA-%u: each class decrypts (c^d mod n) to its block",
                 key->bits);
        check(g != NULL && ok_dec, what);
        snprintf(what, sizeof(what),
                 "RSA-%u: every class has its structure (header, separator, "
                 "length, version)", key->bits);
        check(ok_struct, what);
        snprintf(what, sizeof(what),
                 "RSA-%u: a fresh ciphertext for every query", key->bits);
        check(fresh, what);
        check(g != NULL && tb_ct_make(g, &r, TB_CT_COUNT, ct, NULL) == -1,
              "an unknown class is refused");
        tb_ct_gen_free(g);
    }
    check(strcmp(tb_ct_class_name(TB_CT_NO_SEPARATOR), "no_separator") == 0 &&
              strcmp(tb_ct_class_name(TB_CT_VALID48), "valid48") == 0,
          "class names");
}

int main(void)
{
    test_sign();
    test_wilcoxon();
    test_chi2_friedman();
    test_median_boot();
    test_synthetic();
    test_classes();
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
