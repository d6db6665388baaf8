/*
 * The statistics of the leak check, on a table of times: blocks rows, one
 * column per ciphertext class, each row measured in a random order. Every
 * class is compared with the reference class (the valid 48-byte secret) on
 * the within-block differences, which cancel the drift of a loaded machine:
 *  - the sign test and the Wilcoxon signed-rank test (two-sided,
 *    Bonferroni-corrected for the classes - 1 comparisons);
 *  - the Friedman test across all classes (ranks within each block);
 *  - a bootstrap 95% confidence interval of the median difference.
 * The verdict follows the Marvin toolkit's practice: a leak is suggested
 * when the Friedman p-value is below 1e-5; otherwise the confidence
 * intervals say how small a difference the run could have seen.
 */
#ifndef TLSBENCH_LEAK_STATS_H
#define TLSBENCH_LEAK_STATS_H

#include <stddef.h>
#include <stdint.h>

typedef enum {
    TB_LEAK_NONE = 0,     /* "no leak detected" */
    TB_LEAK_SUGGESTED,    /* "leak suggested" */
    TB_LEAK_INCONCLUSIVE  /* "inconclusive" */
} tb_leak_verdict;

/* Friedman p below this: leak suggested. */
#define TB_LEAK_P_LEAK 1e-5
/* Any p below this (but no leak): inconclusive, a hint worth a longer run. */
#define TB_LEAK_P_HINT 1e-3
/* Fewer blocks than this: inconclusive whatever the p-values. */
#define TB_LEAK_MIN_BLOCKS 100
/* Bootstrap resamples per class. */
#define TB_LEAK_BOOT 1000

typedef struct {
    size_t n;               /* samples of this class (= blocks) */
    double median;          /* median time (ns) */
    double diff;            /* median of (this class - reference) per block */
    double ci_low, ci_high; /* bootstrap 95% interval of diff (ns) */
    double p_sign;          /* corrected; NaN for the reference */
    double p_wilcoxon;      /* corrected; NaN for the reference */
} tb_leak_class_stats;

typedef struct {
    size_t blocks, classes;
    double friedman, p_friedman; /* statistic (chi-square, classes-1 df) */
    /* The largest CI half-width, and never less than the step between
     * the differences' values (coarse readings tie, and a bootstrap
     * interval of tied medians can shrink to nothing): differences this
     * large would show. */
    double detectable;
    tb_leak_verdict verdict;
    char why[200]; /* what decided the verdict, in words */
} tb_leak_summary;

const char *tb_leak_verdict_name(tb_leak_verdict v);

/*
 * Analyses t (blocks x classes, row-major) against column ref. out has
 * room for classes entries; names (may be NULL) label classes in
 * sum->why. Bootstrap with n_boot resamples from seed. The times are in
 * any unit (counter ticks: whole numbers, so equal differences compare
 * equal); unit converts them to the ns reported (medians, differences,
 * intervals, detectable). Returns 0, or -1 for fewer than 2 classes, ref
 * out of range, no blocks or no memory.
 */
int tb_leak_analyse(const double *t, size_t blocks, size_t classes,
                    size_t ref, int n_boot, uint64_t seed, double unit,
                    const char *const *names, tb_leak_class_stats *out,
                    tb_leak_summary *sum);

/* The building blocks, for tests. */

/* Two-sided exact binomial sign test: pos and neg non-zero differences. */
double tb_leak_sign_p(size_t pos, size_t neg);
/* Two-sided Wilcoxon signed-rank test of d (zeros dropped; average ranks
 * for ties; exact for up to 50 untied values, else the normal
 * approximation with tie and continuity corrections). *w_plus receives
 * the sum of the positive ranks (may be NULL). NaN without memory. */
double tb_leak_wilcoxon_p(const double *d, size_t n, double *w_plus);
/* Friedman test of t (blocks x classes): p-value, statistic in *stat. */
double tb_leak_friedman_p(const double *t, size_t blocks, size_t classes,
                          double *stat);
/* Upper tail of the chi-square distribution with df degrees of freedom. */
double tb_leak_chi2_sf(double x, double df);
/* Median of v (n >= 1); v is sorted in place. */
double tb_leak_median(double *v, size_t n);
/* Percentile bootstrap 95% interval of the median of d (n >= 1). */
int tb_leak_boot_ci(const double *d, size_t n, int n_boot, uint64_t seed,
                    double *lo, double *hi);

#endif
