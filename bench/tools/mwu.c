#include "mwu.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    double v;
    int from_x;
} item;

static int item_cmp(const void *a, const void *b)
{
    double x = ((const item *)a)->v, y = ((const item *)b)->v;
    return (x > y) - (x < y);
}

double tb_mwu_min_p(size_t nx, size_t ny)
{
    /* C(n, k) in floating point: exact for the sizes that matter here */
    size_t n = nx + ny, k = nx < ny ? nx : ny;
    double c = 1;
    for (size_t i = 1; i <= k; i++) {
        c = c * (double)(n - k + i) / (double)i;
    }
    double p = 2.0 / c;
    return p > 1 ? 1 : p;
}

/* Exact two-sided p-value of the rank sum of k values drawn from the n
 * doubled mid-ranks r2 (doubling keeps mid-ranks integral): the share of
 * the C(n, k) subsets whose rank sum is at least as far from its mean as
 * the observed one. Counting subsets by sum is a knapsack-style table. */
static double exact_p(const long *r2, size_t n, size_t k, long obs2)
{
    long smax = (long)(n * (n + 1)); /* doubled sum of every rank */
    size_t width = (size_t)smax + 1;
    double *cnt = calloc((k + 1) * width, sizeof(double));
    if (cnt == NULL) {
        return NAN;
    }
    cnt[0] = 1;
    for (size_t i = 0; i < n; i++) {
        size_t top = i + 1 < k ? i + 1 : k;
        for (size_t j = top; j >= 1; j--) {
            double *dst = cnt + j * width, *src = cnt + (j - 1) * width;
            for (long s = smax; s >= r2[i]; s--) {
                dst[s] += src[s - r2[i]];
            }
        }
    }
    /* mean of the doubled sum: k * (n + 1) */
    long mean2 = (long)(k * (n + 1));
    long dev = labs(obs2 - mean2);
    double total = 0, tail = 0;
    for (long s = 0; s <= smax; s++) {
        double c = cnt[k * width + (size_t)s];
        total += c;
        if (labs(s - mean2) >= dev) {
            tail += c;
        }
    }
    free(cnt);
    return total > 0 ? tail / total : NAN;
}

int tb_mwu_test(const double *x, size_t nx, const double *y, size_t ny,
                tb_mwu_result *out)
{
    memset(out, 0, sizeof(*out));
    if (nx == 0 || ny == 0) {
        return -1;
    }
    size_t n = nx + ny;
    item *all = malloc(n * sizeof(item));
    long *r2 = malloc(n * sizeof(long));
    if (all == NULL || r2 == NULL) {
        free(all);
        free(r2);
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        all[i].v = i < nx ? x[i] : y[i - nx];
        all[i].from_x = i < nx;
        if (isnan(all[i].v)) {
            free(all);
            free(r2);
            return -1;
        }
    }
    qsort(all, n, sizeof(item), item_cmp);
    /* mid-ranks, doubled: positions i..j (1-based) share (i + j) / 2 */
    long rx2 = 0;
    double ties = 0; /* sum of t^3 - t over tied groups */
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j + 1 < n && all[j + 1].v == all[i].v) {
            j++;
        }
        long r = (long)(i + 1 + j + 1);
        double t = (double)(j - i + 1);
        ties += t * t * t - t;
        for (size_t m = i; m <= j; m++) {
            r2[m] = r;
            if (all[m].from_x) {
                rx2 += r;
            }
        }
        i = j + 1;
    }
    double fx = (double)nx, fy = (double)ny, fn = (double)n;
    out->u = (double)rx2 / 2.0 - fx * (fx + 1) / 2.0;
    if (n <= TB_MWU_EXACT_MAX) {
        out->exact = 1;
        out->p = exact_p(r2, n, nx, rx2);
    } else {
        double mean = fx * fy / 2.0;
        double var = fx * fy / 12.0 * ((fn + 1) - ties / (fn * (fn - 1)));
        if (var <= 0) {
            out->p = 1; /* every value tied: no evidence of a difference */
        } else {
            double z = (fabs(out->u - mean) - 0.5) / sqrt(var);
            out->p = z <= 0 ? 1 : erfc(z / sqrt(2.0));
        }
    }
    if (out->p > 1) {
        out->p = 1;
    }
    free(all);
    free(r2);
    return isnan(out->p) ? -1 : 0;
}
