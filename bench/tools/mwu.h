/*
 * The two-sided Mann-Whitney U test (Wilcoxon rank-sum test) used by the
 * compare tool to decide whether two sets of repetitions differ.
 */
#ifndef TLSBENCH_MWU_H
#define TLSBENCH_MWU_H

#include <stddef.h>

/* Up to this many values in all, the p-value is exact (the permutation
 * distribution of the rank sum, ties included); above it, the normal
 * approximation with tie and continuity correction. */
#define TB_MWU_EXACT_MAX 40

typedef struct {
    double u;  /* U of x: pairs with x > y, plus half of the ties */
    double p;  /* two-sided p-value */
    int exact; /* 1: exact distribution; 0: normal approximation */
} tb_mwu_result;

/* Returns 0, or -1 when a sample is empty or holds a NaN. */
int tb_mwu_test(const double *x, size_t nx, const double *y, size_t ny,
                tb_mwu_result *out);

/* The smallest two-sided p-value any nx against ny values can reach
 * (complete separation, no ties): 2 / C(nx + ny, nx), at most 1. Tells a
 * user when too few repetitions make significance impossible. */
double tb_mwu_min_p(size_t nx, size_t ny);

#endif
