#include "stats.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rng.h"

const char *tb_leak_verdict_name(tb_leak_verdict v)
{
    switch (v) {
    case TB_LEAK_SUGGESTED:
        return "leak suggested";
    case TB_LEAK_INCONCLUSIVE:
        return "inconclusive";
    default:
        return "no leak detected";
    }
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static int cmp_abs(const void *a, const void *b)
{
    double x = fabs(*(const double *)a), y = fabs(*(const double *)b);
    return (x > y) - (x < y);
}

double tb_leak_median(double *v, size_t n)
{
    qsort(v, n, sizeof(*v), cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* ------------------------------------------------------------ sign test */

double tb_leak_sign_p(size_t pos, size_t neg)
{
    size_t n = pos + neg, k = pos < neg ? pos : neg;
    if (n == 0) {
        return 1.0;
    }
    /* P(X <= k) for X ~ Bin(n, 1/2): the terms C(n, i) / 2^n grow with i
     * up to n/2, so the sum runs down from i = k, relative to the largest
     * term (logarithms keep n in the hundreds of thousands finite). */
    double log_top = lgamma((double)n + 1) - lgamma((double)k + 1) -
                     lgamma((double)(n - k) + 1) - (double)n * M_LN2;
    double sum = 0, term = 1;
    for (size_t i = k + 1; i-- > 0;) {
        sum += term;
        /* C(n, i-1) / C(n, i) = i / (n - i + 1) */
        term *= (double)i / (double)(n - i + 1);
        if (term < sum * 1e-17) {
            break;
        }
    }
    double p = 2.0 * exp(log_top + log(sum));
    return p < 1.0 ? p : 1.0;
}

/* ------------------------------------------------------------- Wilcoxon */

/* Exact two-sided p of W+ = w for nz untied ranks 1..nz (nz <= 50):
 * counts of the subsets of {1..nz} by their sum. */
static double wilcoxon_exact(size_t nz, double w)
{
    size_t max = nz * (nz + 1) / 2;
    double *count = calloc(max + 1, sizeof(*count));
    if (count == NULL) {
        return NAN;
    }
    count[0] = 1;
    for (size_t r = 1; r <= nz; r++) {
        for (size_t s = max + 1; s-- > r;) {
            count[s] += count[s - r];
        }
    }
    double lower = 0, upper = 0, total = ldexp(1.0, (int)nz);
    for (size_t s = 0; s <= max; s++) {
        if ((double)s <= w) {
            lower += count[s];
        }
        if ((double)s >= w) {
            upper += count[s];
        }
    }
    free(count);
    double p = 2.0 * (lower < upper ? lower : upper) / total;
    return p < 1.0 ? p : 1.0;
}

double tb_leak_wilcoxon_p(const double *d, size_t n, double *w_plus)
{
    double *a = malloc((n ? n : 1) * sizeof(*a));
    if (a == NULL) {
        return NAN;
    }
    size_t nz = 0;
    for (size_t i = 0; i < n; i++) {
        if (d[i] != 0) {
            a[nz++] = d[i];
        }
    }
    qsort(a, nz, sizeof(*a), cmp_abs);
    double w = 0, ties = 0;
    int tied = 0;
    for (size_t i = 0; i < nz;) {
        size_t j = i + 1;
        while (j < nz && fabs(a[j]) == fabs(a[i])) {
            j++;
        }
        /* Positions i..j-1 share the average of ranks i+1..j. */
        double rank = ((double)i + 1 + (double)j) / 2;
        for (size_t m = i; m < j; m++) {
            if (a[m] > 0) {
                w += rank;
            }
        }
        double t = (double)(j - i);
        if (j - i > 1) {
            tied = 1;
            ties += t * t * t - t;
        }
        i = j;
    }
    free(a);
    if (w_plus != NULL) {
        *w_plus = w;
    }
    if (nz == 0) {
        return 1.0;
    }
    if (nz <= 50 && !tied) {
        return wilcoxon_exact(nz, w);
    }
    double m = (double)nz;
    double mean = m * (m + 1) / 4;
    double var = m * (m + 1) * (2 * m + 1) / 24 - ties / 48;
    if (var <= 0) {
        return 1.0;
    }
    double dev = fabs(w - mean) - 0.5; /* continuity correction */
    if (dev <= 0) {
        return 1.0;
    }
    return erfc(dev / sqrt(var) / M_SQRT2);
}

/* ------------------------------------------------------------- Friedman */

/* The regularised upper incomplete gamma function Q(a, x): its power
 * series below a + 1, its continued fraction (modified Lentz) above,
 * where each converges fast. */
static double gamma_q(double a, double x)
{
    if (x <= 0) {
        return 1.0;
    }
    double log_front = a * log(x) - x - lgamma(a);
    if (x < a + 1) {
        double ap = a, term = 1.0 / a, sum = term;
        for (int i = 0; i < 100000; i++) {
            ap += 1;
            term *= x / ap;
            sum += term;
            if (fabs(term) < fabs(sum) * 1e-16) {
                break;
            }
        }
        double q = 1.0 - sum * exp(log_front);
        return q > 0 ? q : 0;
    }
    const double tiny = 1e-300;
    double b = x + 1 - a, c = 1 / tiny, d = 1 / b, h = d;
    for (int i = 1; i < 100000; i++) {
        double an = -i * (i - a);
        b += 2;
        d = an * d + b;
        if (fabs(d) < tiny) {
            d = tiny;
        }
        c = b + an / c;
        if (fabs(c) < tiny) {
            c = tiny;
        }
        d = 1 / d;
        double step = d * c;
        h *= step;
        if (fabs(step - 1) < 1e-16) {
            break;
        }
    }
    return exp(log_front) * h;
}

double tb_leak_chi2_sf(double x, double df)
{
    return gamma_q(df / 2, x / 2);
}

double tb_leak_friedman_p(const double *t, size_t blocks, size_t classes,
                          double *stat)
{
    double *rsum = calloc(classes, sizeof(*rsum));
    if (rsum == NULL || blocks == 0 || classes < 2) {
        free(rsum);
        *stat = NAN;
        return NAN;
    }
    double sq = 0; /* the sum of every squared rank (ties change it) */
    for (size_t i = 0; i < blocks; i++) {
        const double *row = t + i * classes;
        for (size_t j = 0; j < classes; j++) {
            size_t less = 0, equal = 0;
            for (size_t m = 0; m < classes; m++) {
                less += row[m] < row[j];
                equal += row[m] == row[j];
            }
            /* The average of the ranks less+1 .. less+equal. */
            double r = (double)less + ((double)equal + 1) / 2;
            rsum[j] += r;
            sq += r * r;
        }
    }
    double b = (double)blocks, k = (double)classes;
    double centre = b * (k + 1) / 2, dev = 0;
    for (size_t j = 0; j < classes; j++) {
        dev += (rsum[j] - centre) * (rsum[j] - centre);
    }
    free(rsum);
    /* Conover's form, which corrects for ties: (k - 1) times the spread of
     * the rank sums over the spread of all ranks. */
    double denom = sq - b * k * (k + 1) * (k + 1) / 4;
    if (denom <= 0) {
        *stat = 0;
        return 1.0; /* every block all tied: nothing differs */
    }
    *stat = (k - 1) * dev / denom;
    return tb_leak_chi2_sf(*stat, k - 1);
}

/* ------------------------------------------------------------ bootstrap */

/* Uniform index below n (n < 2^32) from the top 32 bits by a multiply:
 * its bias, n / 2^32, is far below the resampling noise. */
static size_t fast_index(tb_leak_rng *r, size_t n)
{
    return (size_t)(((tb_leak_rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

int tb_leak_boot_ci(const double *d, size_t n, int n_boot, uint64_t seed,
                    double *lo, double *hi)
{
    if (n == 0 || n_boot < 40 || n > UINT32_MAX) {
        return -1;
    }
    double *s = malloc(n * sizeof(*s));
    uint32_t *hits = malloc(n * sizeof(*hits));
    double *meds = malloc((size_t)n_boot * sizeof(*meds));
    if (s == NULL || hits == NULL || meds == NULL) {
        free(s);
        free(hits);
        free(meds);
        return -1;
    }
    memcpy(s, d, n * sizeof(*s));
    qsort(s, n, sizeof(*s), cmp_double);
    tb_leak_rng r;
    tb_leak_rng_seed(&r, seed);
    /* A resample's median is the value at the median of its drawn
     * positions in the sorted data, so counting draws per position finds
     * it in linear time without sorting the resample. */
    size_t lo_pos = (n - 1) / 2, hi_pos = n / 2;
    for (int b = 0; b < n_boot; b++) {
        memset(hits, 0, n * sizeof(*hits));
        for (size_t i = 0; i < n; i++) {
            hits[fast_index(&r, n)]++;
        }
        size_t seen = 0, j = 0;
        double a = 0, c = 0;
        while (seen + hits[j] <= lo_pos) {
            seen += hits[j++];
        }
        a = s[j];
        while (seen + hits[j] <= hi_pos) {
            seen += hits[j++];
        }
        c = s[j];
        meds[b] = (a + c) / 2;
    }
    qsort(meds, (size_t)n_boot, sizeof(*meds), cmp_double);
    *lo = meds[(size_t)floor(0.025 * n_boot)];
    *hi = meds[(size_t)ceil(0.975 * n_boot) - 1];
    free(s);
    free(hits);
    free(meds);
    return 0;
}

/* ------------------------------------------------------------- analysis */

/*
 * The step of sorted values v: the smallest gap between neighbouring
 * values that each hold at least 1% of v. Readings that come in steps of
 * 10 ns pile up on a few values 10 ns apart, and that is the step even
 * when a few odd values sit between them; values spread finely give 0.
 */
static double value_step(const double *v, size_t n)
{
    size_t heavy = n / 100 > 0 ? n / 100 : 1;
    double prev = 0, step = 0;
    int have_prev = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && v[j] == v[i]) {
            j++;
        }
        if (j - i >= heavy) {
            double g = v[i] - prev;
            if (have_prev && (step == 0 || g < step)) {
                step = g;
            }
            prev = v[i];
            have_prev = 1;
        }
        i = j;
    }
    return step;
}

static const char *label(const char *const *names, size_t j, char *buf,
                         size_t len)
{
    if (names != NULL) {
        return names[j];
    }
    snprintf(buf, len, "class %zu", j);
    return buf;
}

/* A p-value for the text: one that underflowed is "<1e-300", not 0. */
static const char *p_text(double p, char *buf, size_t len)
{
    if (p < 1e-300) {
        snprintf(buf, len, "<1e-300");
    } else {
        snprintf(buf, len, "%.2g", p);
    }
    return buf;
}

static void decide(tb_leak_summary *sum, const tb_leak_class_stats *out,
                   size_t ref, const char *const *names)
{
    /* The class the pairwise tests find most different, for the note. */
    size_t worst = ref;
    double worst_p = 2;
    for (size_t j = 0; j < sum->classes; j++) {
        double p = fmin(out[j].p_sign, out[j].p_wilcoxon);
        if (j != ref && p < worst_p) {
            worst_p = p;
            worst = j;
        }
    }
    char buf[32], pf[16], pw[16];
    const char *wname = label(names, worst, buf, sizeof(buf));
    p_text(sum->p_friedman, pf, sizeof(pf));
    p_text(worst_p, pw, sizeof(pw));
    if (sum->p_friedman < TB_LEAK_P_LEAK) {
        sum->verdict = TB_LEAK_SUGGESTED;
        snprintf(sum->why, sizeof(sum->why),
                 "Friedman p %s (below %g); most different: %s, median %+.1f ns "
                 "(95%% CI %.1f..%.1f), corrected p %s",
                 pf, TB_LEAK_P_LEAK, wname, out[worst].diff,
                 out[worst].ci_low, out[worst].ci_high, pw);
    } else if (sum->blocks < TB_LEAK_MIN_BLOCKS) {
        sum->verdict = TB_LEAK_INCONCLUSIVE;
        snprintf(sum->why, sizeof(sum->why),
                 "only %zu blocks (at least %d are needed): raise the time "
                 "budget",
                 sum->blocks, TB_LEAK_MIN_BLOCKS);
    } else if (sum->p_friedman < TB_LEAK_P_HINT) {
        sum->verdict = TB_LEAK_INCONCLUSIVE;
        snprintf(sum->why, sizeof(sum->why),
                 "Friedman p %s: below %g but not below %g; a longer run "
                 "would tell (most different: %s, median %+.1f ns)",
                 pf, TB_LEAK_P_HINT, TB_LEAK_P_LEAK, wname,
                 out[worst].diff);
    } else if (worst_p < TB_LEAK_P_HINT) {
        sum->verdict = TB_LEAK_INCONCLUSIVE;
        snprintf(sum->why, sizeof(sum->why),
                 "Friedman p %s, but %s differs in a pairwise test "
                 "(corrected p %s, median %+.1f ns)",
                 pf, wname, pw, out[worst].diff);
    } else {
        sum->verdict = TB_LEAK_NONE;
        snprintf(sum->why, sizeof(sum->why),
                 "Friedman p %s; a difference of %.1f ns (the widest CI "
                 "half-width) would have shown",
                 pf, sum->detectable);
    }
}

int tb_leak_analyse(const double *t, size_t blocks, size_t classes,
                    size_t ref, int n_boot, uint64_t seed, double unit,
                    const char *const *names, tb_leak_class_stats *out,
                    tb_leak_summary *sum)
{
    memset(sum, 0, sizeof(*sum));
    if (classes < 2 || ref >= classes || blocks == 0) {
        return -1;
    }
    double *col = malloc(blocks * sizeof(*col));
    double *d = malloc(blocks * sizeof(*d));
    if (col == NULL || d == NULL) {
        free(col);
        free(d);
        return -1;
    }
    double m = (double)(classes - 1); /* Bonferroni: comparisons made */
    int rc = 0;
    sum->blocks = blocks;
    sum->classes = classes;
    for (size_t j = 0; j < classes && rc == 0; j++) {
        tb_leak_class_stats *o = &out[j];
        memset(o, 0, sizeof(*o));
        o->n = blocks;
        for (size_t i = 0; i < blocks; i++) {
            col[i] = t[i * classes + j];
            d[i] = col[i] - t[i * classes + ref];
        }
        o->median = tb_leak_median(col, blocks);
        if (j == ref) {
            o->diff = o->ci_low = o->ci_high = 0;
            o->p_sign = o->p_wilcoxon = NAN;
            continue;
        }
        size_t pos = 0, neg = 0;
        for (size_t i = 0; i < blocks; i++) {
            pos += d[i] > 0;
            neg += d[i] < 0;
        }
        o->p_sign = fmin(1.0, m * tb_leak_sign_p(pos, neg));
        o->p_wilcoxon = fmin(1.0, m * tb_leak_wilcoxon_p(d, blocks, NULL));
        /* A seed per class keeps each interval reproducible on its own. */
        rc = tb_leak_boot_ci(d, blocks, n_boot, seed + j, &o->ci_low,
                             &o->ci_high);
        o->diff = tb_leak_median(d, blocks); /* sorts d */
        if (isnan(o->p_wilcoxon)) {
            rc = -1;
        }
        double step = value_step(d, blocks);
        double half = (o->ci_high - o->ci_low) / 2;
        if (half < step) {
            half = step;
        }
        if (half > sum->detectable) {
            sum->detectable = half;
        }
    }
    free(col);
    free(d);
    if (rc != 0) {
        return -1;
    }
    for (size_t j = 0; j < classes; j++) {
        out[j].median *= unit;
        out[j].diff *= unit;
        out[j].ci_low *= unit;
        out[j].ci_high *= unit;
    }
    sum->detectable *= unit;
    sum->p_friedman = tb_leak_friedman_p(t, blocks, classes, &sum->friedman);
    decide(sum, out, ref, names);
    return 0;
}
