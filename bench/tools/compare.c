/*
 * tlsbench-compare: compares two runs, or two backends of one or two runs,
 * row by row. For every measured row present on both sides: the medians,
 * their ratio B/A (time per operation: below 1 means B is faster), the
 * same as a speedup, and a two-sided Mann-Whitney U test on the
 * repetitions in samples.csv (on each round's median where both runs were
 * made in rounds: see TB_MIN_ROUNDS) with a benchstat-like mark: "~" where the
 * test is not significant at a false discovery rate of 5% over all rows
 * (Benjamini-Hochberg) or where the medians differ by less than the
 * smallest change worth reporting (--min-change, 5% by default: many
 * repetitions make a test sensitive to the drift a shared machine shows
 * between runs of the same code). Then a geometric mean of the ratios per
 * backend and family, and the rows present on one side only.
 *
 * --drift (two runs, backends matched by name): the machine's own change
 * between the runs is taken to be the median B/A over all rows, and every
 * row is judged on its B/A divided by it (B's repetitions scaled by the
 * same factor for the test). A backend that changed alone stands out; a
 * change common to most rows (load, clock, another host) is shown once,
 * as the drift, and is not marked. It assumes most rows did not change.
 *
 * Usage: tlsbench-compare [--out FILE.md] [--chart FILE]
 *                         [--min-change PERCENT] [--drift] A B
 *        tlsbench-compare --mwu X1,X2,... Y1,Y2,...
 * A and B are run folders, optionally with ":backend". With a backend on
 * one side only, the other side uses the same backend. --chart writes
 * FILE.dat (one line per row) and FILE.groups for plots/compare.gp.
 * Output files are never overwritten. Exit 0, or 2 for bad input.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "mwu.h"
#include "runload.h"

#define ALPHA 0.05
#define MIN_CHANGE_DEFAULT 5.0

/* The smallest change marked, as a fraction (--min-change / 100). */
static double min_change = MIN_CHANGE_DEFAULT / 100;
/* --drift: the machine's change between the runs (median B/A over every
 * row compared); 0 when not asked for. */
static double drift;

typedef struct {
    tb_run run;
    char backend[64]; /* "" when rows are matched by backend name */
    char label[340];
} side;

typedef struct {
    const tb_row *a, *b;
    double ratio; /* B/A of the median time per operation */
    double rel;   /* ratio / drift with --drift, else ratio: what is judged */
    int by_round; /* tested on the rounds' medians (else the repetitions) */
    size_t na, nb; /* the values tested on each side */
    tb_mwu_result t;
    int sig;
} pair;

/* Results are never overwritten: an output file must not exist yet. */
static int check_new(const char *path)
{
    struct stat st;
    if (stat(path, &st) == 0) {
        fprintf(stderr,
                "tlsbench-compare: %s exists; results are never "
                "overwritten (choose another name)\n",
                path);
        return -1;
    }
    return 0;
}

static void usage(FILE *f)
{
    fputs("usage: tlsbench-compare [--out FILE.md] [--chart FILE] "
          "[--min-change PERCENT] [--drift] A[:backend] B[:backend]\n"
          "       tlsbench-compare --mwu X1,X2,... Y1,Y2,...\n"
          "A and B are run folders (with results.csv and samples.csv).\n"
          "--min-change: the smallest difference of the medians marked as "
          "a change, 0 to 100 (default 5).\n"
          "--drift: judge each row relative to the median B/A of all rows "
          "(the machine's own change between two runs).\n",
          f);
}

static int is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Splits "folder[:backend]": a folder that exists as written wins, so a
 * folder name holding ':' still works. */
static int parse_spec(const char *spec, char *dir, size_t dir_len,
                      char *backend, size_t be_len)
{
    backend[0] = '\0';
    if (strlen(spec) >= dir_len) {
        return -1;
    }
    strcpy(dir, spec);
    if (is_dir(dir)) {
        return 0;
    }
    char *colon = strrchr(dir, ':');
    if (colon == NULL) {
        return 0;
    }
    *colon = '\0';
    if (strlen(colon + 1) >= be_len) {
        return -1;
    }
    strcpy(backend, colon + 1);
    return 0;
}

static int parse_list(const char *s, double **out, size_t *n)
{
    size_t cap = 1;
    for (const char *p = s; *p; p++) {
        cap += *p == ',';
    }
    *out = malloc(cap * sizeof(double));
    *n = 0;
    if (*out == NULL) {
        return -1;
    }
    const char *p = s;
    for (;;) {
        char *end;
        errno = 0;
        double v = strtod(p, &end);
        if (end == p || errno != 0 || !isfinite(v) ||
            (*end != ',' && *end != '\0')) {
            return -1;
        }
        (*out)[(*n)++] = v;
        if (*end == '\0') {
            return 0;
        }
        p = end + 1;
    }
}

/* --mwu: the test alone, so its p-values can be checked against known
 * values. */
static int run_mwu(const char *xs, const char *ys)
{
    double *x = NULL, *y = NULL;
    size_t nx, ny;
    tb_mwu_result r;
    if (parse_list(xs, &x, &nx) != 0 || parse_list(ys, &y, &ny) != 0 ||
        tb_mwu_test(x, nx, y, ny, &r) != 0) {
        fprintf(stderr, "tlsbench-compare: --mwu needs two comma-separated "
                        "lists of numbers (e.g. --mwu 1,2,3 4,5,6)\n");
        free(x);
        free(y);
        return 2;
    }
    printf("U=%g p=%.6g %s\n", r.u, r.p, r.exact ? "exact" : "normal");
    free(x);
    free(y);
    return 0;
}

static const char *fmt_time(double ns, char *buf, size_t len)
{
    if (ns < 1e3) {
        snprintf(buf, len, "%.1f ns", ns);
    } else if (ns < 1e6) {
        snprintf(buf, len, "%.2f µs", ns / 1e3);
    } else if (ns < 1e9) {
        snprintf(buf, len, "%.2f ms", ns / 1e6);
    } else {
        snprintf(buf, len, "%.2f s", ns / 1e9);
    }
    return buf;
}

/* "1.25x faster" / "1.20x slower": a time ratio read as a speedup. */
static const char *fmt_speed(double ratio, char *buf, size_t len)
{
    if (fabs(ratio - 1) < 0.005) {
        snprintf(buf, len, "same");
    } else if (ratio < 1) {
        snprintf(buf, len, "%.2fx faster", 1 / ratio);
    } else {
        snprintf(buf, len, "%.2fx slower", ratio);
    }
    return buf;
}

static const char *fmt_p(double p, char *buf, size_t len)
{
    if (p < 0.001) {
        snprintf(buf, len, "<0.001");
    } else {
        snprintf(buf, len, "%.3f", p);
    }
    return buf;
}

static int load_side(side *s, const char *which, const char *spec, char *err,
                     size_t err_len)
{
    char dir[4096], msg[1200];
    if (parse_spec(spec, dir, sizeof(dir), s->backend, sizeof(s->backend)) !=
        0) {
        snprintf(err, err_len, "%s=%s: too long", which, spec);
        return -1;
    }
    if (!is_dir(dir)) {
        snprintf(err, err_len,
                 "%s=%s: no such run folder (give a folder holding "
                 "results.csv, optionally followed by :backend)",
                 which, spec);
        return -1;
    }
    if (tb_run_load(&s->run, dir, 1, msg, sizeof(msg)) != 0) {
        snprintf(err, err_len, "%s: %s", which, msg);
        return -1;
    }
    return 0;
}

static int check_backend(const side *s, const char *which, char *err,
                         size_t err_len)
{
    if (tb_run_has_backend(&s->run, s->backend)) {
        return 0;
    }
    char list[1024];
    tb_run_backends(&s->run, list, sizeof(list));
    snprintf(err, err_len,
             "%s: backend '%s' has no rows in %s (valid there: %s)", which,
             s->backend, s->run.name, list);
    return -1;
}

static void set_label(side *s)
{
    snprintf(s->label, sizeof(s->label), "%s%s%s", s->run.name,
             s->backend[0] ? ":" : "", s->backend);
}

/* The row of the other side matching w, or NULL. */
static const tb_row *match(const side *other, const tb_row *w)
{
    const char *be = other->backend[0] ? other->backend : w->backend;
    long k = tb_run_find(&other->run, be, w->family, w->alg, w->op, w->size,
                         w->threads);
    return k < 0 ? NULL : &other->run.rows[k];
}

static int selected(const side *s, const tb_row *w)
{
    return s->backend[0] == '\0' || strcmp(w->backend, s->backend) == 0;
}

static const char *status_word(const tb_row *w)
{
    return w->status == TB_ROW_OK            ? "ok"
           : w->status == TB_ROW_UNSUPPORTED ? "unsupported"
                                             : "failed";
}

static void machine_line(FILE *f, const char *what, const side *a,
                         const side *b, const char *key)
{
    char va[512], vb[512];
    const char *x = tb_run_machine(&a->run, key, va, sizeof(va));
    const char *y = tb_run_machine(&b->run, key, vb, sizeof(vb));
    while (x != NULL && *x == ' ') {
        x++;
    }
    while (y != NULL && *y == ' ') {
        y++;
    }
    fprintf(f, "| %s | %s | %s |\n", what, x ? x : "?", y ? y : "?");
}

/* Library versions of the backends compared (from the CSV rows). */
static void versions(FILE *f, const tb_row *const *rows, size_t n)
{
    const char *seen[64];
    size_t ns = 0;
    for (size_t i = 0; i < n && ns < 64; i++) {
        const tb_row *w = rows[i];
        int dup = 0;
        for (size_t j = 0; j < ns && !dup; j++) {
            dup = strcmp(seen[j], w->backend) == 0;
        }
        if (!dup) {
            seen[ns++] = w->backend;
            fprintf(f, "%s%s %s", ns > 1 ? ", " : "", w->backend,
                    w->version[0] ? w->version : "?");
        }
    }
    if (ns == 0) {
        fputs("-", f);
    }
}

static void header(FILE *f, const side *a, const side *b, const pair *p,
                   size_t np)
{
    fprintf(f, "# tlsbench compare: %s vs %s\n\n", a->label, b->label);
    fputs("| | A | B |\n|---|---|---|\n", f);
    fprintf(f, "| run | %s | %s |\n", a->run.name, b->run.name);
    fprintf(f, "| backend | %s | %s |\n",
            a->backend[0] ? a->backend : "each (matched by name)",
            b->backend[0] ? b->backend : "each (matched by name)");
    machine_line(f, "machine", a, b, "cpu_model");
    machine_line(f, "host", a, b, "host");
    machine_line(f, "date", a, b, "date");
    machine_line(f, "stability warnings", a, b, "stability_warnings");
    const tb_row **ra = malloc((np + 1) * sizeof(*ra));
    const tb_row **rb = malloc((np + 1) * sizeof(*rb));
    if (ra != NULL && rb != NULL) {
        for (size_t i = 0; i < np; i++) {
            ra[i] = p[i].a;
            rb[i] = p[i].b;
        }
        fputs("| libraries | ", f);
        versions(f, ra, np);
        fputs(" | ", f);
        versions(f, rb, np);
        fputs(" |\n", f);
    }
    free(ra);
    free(rb);
    fprintf(f,
            "\nB/A is the ratio of the median times per operation (below "
            "1: B is faster). The change column reads it as a speedup "
            "where the two-sided Mann-Whitney U test on the repetitions "
            "(or the rounds' medians: see below) is significant at a false "
            "discovery rate of 5%% over all the rows compared "
            "(Benjamini-Hochberg) and the medians differ by "
            "at least %g%% (`--min-change`, `MIN_CHANGE=`), and shows `~` "
            "otherwise (no significant change). p is the test's own "
            "p-value. cv is the coefficient of variation of the "
            "repetitions.\n\n",
            min_change * 100);
    if (drift > 0) {
        fprintf(f,
                "**Machine drift (`--drift`, `DRIFT=1`): the median B/A over "
                "all %zu rows is %.3f** (%s). Each row is judged on its B/A "
                "divided by %.3f (the column \"÷ drift\"; B's repetitions "
                "are scaled by the same factor for the test), so a backend "
                "that changed alone is marked and a change common to most "
                "rows is not. This assumes that most rows did not change.\n\n",
                np, drift,
                fabs(drift - 1) < 0.005 ? "no change of the machine"
                : drift > 1             ? "B's machine was slower"
                                        : "B's machine was faster",
                drift);
    }
}

static void rows_table(FILE *f, const side *a, const pair *p, size_t np)
{
    int named = a->backend[0] != '\0';
    fputs(named ? "| case | threads | A | B | B/A |" : "| backend | case | threads | A | B | B/A |", f);
    fputs(drift > 0 ? " ÷ drift | change | p | n A/B | cv % A/B |\n"
                    : " change | p | n A/B | cv % A/B |\n", f);
    fputs(named ? "|---|--:|--:|--:|--:|" : "|---|---|--:|--:|--:|--:|", f);
    fputs(drift > 0 ? "--:|---|--:|--:|--:|\n" : "---|--:|--:|--:|\n", f);
    for (size_t i = 0; i < np; i++) {
        char c[256], ta[32], tb[32], ch[32], pv[16];
        const pair *q = &p[i];
        if (!named) {
            fprintf(f, "| %s ", q->a->backend);
        }
        fprintf(f, "| %s | %d | %s | %s | %.3f", tb_row_case(q->a, c, sizeof(c)),
                q->a->threads, fmt_time(q->a->ns, ta, sizeof(ta)),
                fmt_time(q->b->ns, tb, sizeof(tb)), q->ratio);
        if (drift > 0) {
            fprintf(f, " | %.3f", q->rel);
        }
        const char *r = q->by_round ? "r" : "";
        fprintf(f, " | %s | %s | %zu%s/%zu%s | %.1f/%.1f%s |\n",
                q->sig ? fmt_speed(q->rel, ch, sizeof(ch)) : "~",
                fmt_p(q->t.p, pv, sizeof(pv)), q->na, r, q->nb, r,
                q->a->cv, q->b->cv,
                q->a->noisy || q->b->noisy ? " (noisy)" : "");
    }
}

typedef struct {
    const char *backend, *family;
    size_t first, last; /* pair indexes (pairs come grouped) */
    size_t n, faster, slower;
    double log_sum;
} group;

/* Groups consecutive pairs by backend and family. Returns the count. */
static size_t make_groups(const pair *p, size_t np, group *g)
{
    size_t ng = 0;
    for (size_t i = 0; i < np; i++) {
        const tb_row *w = p[i].a;
        group *cur = NULL;
        for (size_t k = 0; k < ng && cur == NULL; k++) {
            if (strcmp(g[k].backend, w->backend) == 0 &&
                strcmp(g[k].family, w->family) == 0) {
                cur = &g[k];
            }
        }
        if (cur == NULL) {
            cur = &g[ng++];
            memset(cur, 0, sizeof(*cur));
            cur->backend = w->backend;
            cur->family = w->family;
            cur->first = i;
        }
        cur->last = i;
        cur->n++;
        cur->log_sum += log(p[i].rel);
        cur->faster += p[i].sig && p[i].rel < 1;
        cur->slower += p[i].sig && p[i].rel > 1;
    }
    return ng;
}

/* When every backend moved the same way by more than 10 %, the machine
 * (load, frequency, another host) more likely changed than the libraries:
 * say so, and how to cancel it. */
static void drift_note(FILE *f, const side *a, const group *g, size_t ng)
{
    double lo = INFINITY, hi = 0;
    size_t nb = 0;
    for (size_t k = 0; k < ng;) {
        double ls = 0;
        size_t n = 0, e = k;
        while (e < ng && strcmp(g[e].backend, g[k].backend) == 0) {
            ls += g[e].log_sum;
            n += g[e].n;
            e++;
        }
        double gm = exp(ls / (double)n);
        lo = gm < lo ? gm : lo;
        hi = gm > hi ? gm : hi;
        nb++;
        k = e;
    }
    if (a->backend[0] != '\0' || nb < 2 || (lo < 1.1 && hi > 1 / 1.1)) {
        return;
    }
    fprintf(f, "Note: every backend is %s in B (geometric means %.2f to "
               "%.2f): a change of the machine (load, frequency scaling, "
               "another host) is a likelier cause than the libraries. "
               "Backends compared within one run (A=<run>:x B=<run>:y) "
               "share the machine's state; `DRIFT=1` (`--drift`) judges "
               "each row relative to the change common to all.\n\n",
            lo >= 1.1 ? "slower" : "faster", lo, hi);
}

static void geomean_table(FILE *f, const side *a, const group *g, size_t ng,
                          const pair *p, size_t np)
{
    char sp[32];
    fprintf(f, "\n## Geometric mean of B/A%s per backend and family\n\n"
               "| backend | family | rows | geomean B/A%s | reads as | "
               "significant: faster / slower |\n"
               "|---|---|--:|--:|---|--:|\n",
            drift > 0 ? " ÷ drift" : "", drift > 0 ? " ÷ drift" : "");
    for (size_t k = 0; k < ng; k++) {
        double gm = exp(g[k].log_sum / (double)g[k].n);
        if (a->backend[0]) {
            fprintf(f, "| %s (B) vs %s (A) ", p[g[k].first].b->backend,
                    g[k].backend);
        } else {
            fprintf(f, "| %s ", g[k].backend);
        }
        fprintf(f, "| %s | %zu | %.3f | %s | %zu / %zu |\n", g[k].family,
                g[k].n, gm, fmt_speed(gm, sp, sizeof(sp)), g[k].faster,
                g[k].slower);
    }
    double ls = 0;
    size_t fa = 0, sl = 0;
    for (size_t i = 0; i < np; i++) {
        ls += log(p[i].rel);
        fa += p[i].sig && p[i].rel < 1;
        sl += p[i].sig && p[i].rel > 1;
    }
    if (np > 0) {
        double gm = exp(ls / (double)np);
        fprintf(f, "| **all** | | %zu | %.3f | %s | %zu / %zu |\n", np, gm,
                fmt_speed(gm, sp, sizeof(sp)), fa, sl);
    }
}

/* Rows of one side without a counterpart, grouped per backend, case
 * (without the size) and thread count so a long list stays short. */
static void one_side(FILE *f, const side *s, const side *other,
                     const char *title)
{
    size_t n = 0;
    for (size_t i = 0; i < s->run.n_rows; i++) {
        const tb_row *w = &s->run.rows[i];
        if (!selected(s, w) || match(other, w) != NULL) {
            continue;
        }
        if (n++ == 0) {
            fprintf(f, "\n## %s\n\n", title);
        }
        /* print a line at the first row of each (backend, alg, op,
         * threads) run of rows, with every size of that run */
        if (i > 0) {
            const tb_row *v = &s->run.rows[i - 1];
            if (selected(s, v) && match(other, v) == NULL &&
                strcmp(v->backend, w->backend) == 0 &&
                strcmp(v->family, w->family) == 0 &&
                strcmp(v->alg, w->alg) == 0 && strcmp(v->op, w->op) == 0 &&
                v->threads == w->threads) {
                continue;
            }
        }
        fprintf(f, "- %s %s/%s/%s, threads %d, size", w->backend, w->family,
                w->alg, w->op, w->threads);
        for (size_t j = i; j < s->run.n_rows; j++) {
            const tb_row *v = &s->run.rows[j];
            if (!selected(s, v) || match(other, v) != NULL ||
                strcmp(v->backend, w->backend) != 0 ||
                strcmp(v->alg, w->alg) != 0 || strcmp(v->op, w->op) != 0 ||
                v->threads != w->threads) {
                break;
            }
            fprintf(f, " %ld", v->size);
        }
        fputs("\n", f);
    }
}

/* A cell for a row measured on one side only: its status and reason. */
static void status_cell(FILE *f, const tb_row *w)
{
    fputs(status_word(w), f);
    if (w->status != TB_ROW_OK && w->note[0] != '\0') {
        /* a '|' would end the Markdown cell */
        fputs(": ", f);
        for (const char *c = w->note; *c; c++) {
            fputc(*c == '|' ? '/' : *c, f);
        }
    }
}

/* Rows on both sides but measured on one side only (or neither). */
static void unmeasured(FILE *f, const side *a, const side *b)
{
    size_t both = 0, n = 0;
    for (size_t i = 0; i < a->run.n_rows; i++) {
        const tb_row *w = &a->run.rows[i];
        const tb_row *v = selected(a, w) ? match(b, w) : NULL;
        if (v == NULL || (w->status == TB_ROW_OK && v->status == TB_ROW_OK)) {
            continue;
        }
        if (w->status != TB_ROW_OK && v->status != TB_ROW_OK) {
            both++;
            continue;
        }
        if (n++ == 0) {
            fputs("\n## Measured on one side only (not compared)\n\n"
                  "| backend | case | threads | A | B |\n"
                  "|---|---|--:|---|---|\n",
                  f);
        }
        char c[256];
        fprintf(f, "| %s | %s | %d | ", w->backend,
                tb_row_case(w, c, sizeof(c)), w->threads);
        status_cell(f, w);
        fputs(" | ", f);
        status_cell(f, v);
        fputs(" |\n", f);
    }
    if (both > 0) {
        fprintf(f, "\n%zu rows are unsupported or failed on both sides.\n",
                both);
    }
}

static int write_chart(const char *base, const side *a, const pair *p,
                       size_t np, const group *g, size_t ng)
{
    char path[4200];
    snprintf(path, sizeof(path), "%s.dat", base);
    FILE *d = fopen(path, "wx");
    if (d == NULL) {
        fprintf(stderr, "tlsbench-compare: %s: %s\n", path, strerror(errno));
        return -1;
    }
    fputs("# x ratio significant backend family case\n", d);
    /* a gap of one slot between backend blocks keeps them apart */
    double *xs = malloc((np + 1) * sizeof(double));
    if (xs == NULL) {
        fclose(d);
        return -1;
    }
    double x = 0;
    for (size_t i = 0; i < np; i++) {
        if (i > 0 && strcmp(p[i].a->backend, p[i - 1].a->backend) != 0) {
            x += 2;
        } else if (i > 0) {
            x += 1;
        }
        xs[i] = x;
        char c[256];
        const char *be = a->backend[0] ? p[i].b->backend : p[i].a->backend;
        fprintf(d, "%g %.6g %d %s %s %s@%d\n", x, p[i].rel, p[i].sig, be,
                p[i].a->family, tb_row_case(p[i].a, c, sizeof(c)),
                p[i].a->threads);
    }
    fclose(d);
    snprintf(path, sizeof(path), "%s.groups", base);
    FILE *gf = fopen(path, "wx");
    if (gf == NULL) {
        fprintf(stderr, "tlsbench-compare: %s: %s\n", path, strerror(errno));
        free(xs);
        return -1;
    }
    /* level 1: one block per backend; level 2: per family inside it */
    fputs("# level x_start x_end x_center geomean label\n", gf);
    for (size_t k = 0; k < ng; k++) {
        double x0 = xs[g[k].first], x1 = xs[g[k].last];
        fprintf(gf, "2 %g %g %g %.6g %s\n", x0, x1, (x0 + x1) / 2,
                exp(g[k].log_sum / (double)g[k].n), g[k].family);
    }
    for (size_t k = 0; k < ng;) {
        size_t e = k;
        while (e + 1 < ng && strcmp(g[e + 1].backend, g[k].backend) == 0) {
            e++;
        }
        double x0 = xs[g[k].first], x1 = xs[g[e].last];
        char lab[200];
        if (a->backend[0]) {
            /* no spaces: gnuplot splits the file's columns at blanks */
            snprintf(lab, sizeof(lab), "B=%s,A=%s", p[0].b->backend,
                     p[0].a->backend);
        } else {
            snprintf(lab, sizeof(lab), "%s", g[k].backend);
        }
        fprintf(gf, "1 %g %g %g 1 %s\n", x0, x1, (x0 + x1) / 2, lab);
        k = e + 1;
    }
    fclose(gf);
    free(xs);
    return 0;
}

/* The Benjamini-Hochberg cut-off over the np tests: the largest p(k) with
 * p(k) <= k / np x ALPHA (p sorted); -1 when there is none. */
static double bh_cutoff(const pair *p, size_t np)
{
    double cut = -1;
    double *ps = malloc((np + 1) * sizeof(double));
    if (ps == NULL) {
        fprintf(stderr, "tlsbench-compare: out of memory\n");
        exit(2);
    }
    for (size_t i = 0; i < np; i++) {
        ps[i] = p[i].t.p;
    }
    qsort(ps, np, sizeof(double), tb_cmp_double);
    for (size_t k = np; k >= 1; k--) {
        if (ps[k - 1] <= ALPHA * (double)k / (double)np) {
            cut = ps[k - 1];
            break;
        }
    }
    free(ps);
    return cut;
}

/* The median of the rows' B/A (1 when there is none). */
static double median_ratio(const pair *p, size_t np)
{
    if (np == 0) {
        return 1;
    }
    double *r = malloc(np * sizeof(double));
    if (r == NULL) {
        fprintf(stderr, "tlsbench-compare: out of memory\n");
        exit(2);
    }
    for (size_t i = 0; i < np; i++) {
        r[i] = p[i].ratio;
    }
    qsort(r, np, sizeof(double), tb_cmp_double);
    double m = np % 2 ? r[np / 2] : sqrt(r[np / 2 - 1] * r[np / 2]);
    free(r);
    return m;
}

/* q->rel and the test: A against B divided by the drift, on the rounds'
 * medians where both sides have TB_MIN_ROUNDS rounds, else on the
 * repetitions. */
static void judge(pair *q)
{
    q->rel = drift > 0 ? q->ratio / drift : q->ratio;
    q->by_round = tb_rows_by_round(q->a, q->b);
    double *x = tb_row_test_values(q->a, q->by_round, 1, &q->na);
    double *y = tb_row_test_values(q->b, q->by_round, drift > 0 ? drift : 1,
                                   &q->nb);
    tb_mwu_test(x, q->na, y, q->nb, &q->t);
    free(x);
    free(y);
}

int main(int argc, char **argv)
{
    const char *out = NULL, *chart = NULL, *spec[2] = {NULL, NULL};
    size_t nspec = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--mwu") == 0) {
            if (argc != 4 || i != 1) {
                usage(stderr);
                return 2;
            }
            return run_mwu(argv[2], argv[3]);
        } else if (strcmp(argv[i], "--help") == 0) {
            usage(stdout);
            return 0;
        } else if (strcmp(argv[i], "--out") == 0 && i + 1 < argc) {
            out = argv[++i];
        } else if (strcmp(argv[i], "--chart") == 0 && i + 1 < argc) {
            chart = argv[++i];
        } else if (strcmp(argv[i], "--drift") == 0) {
            drift = 1; /* the factor is measured below */
        } else if (strcmp(argv[i], "--min-change") == 0 && i + 1 < argc) {
            const char *v = argv[++i];
            char *end;
            errno = 0;
            double m = strtod(v, &end);
            if (end == v || *end != '\0' || errno != 0 || !(m >= 0) ||
                m > 100) {
                fprintf(stderr,
                        "tlsbench-compare: --min-change '%s': give a "
                        "percentage from 0 to 100 (e.g. 5)\n",
                        v);
                return 2;
            }
            min_change = m / 100;
        } else if (argv[i][0] == '-' || nspec == 2) {
            fprintf(stderr, "tlsbench-compare: unexpected argument '%s'\n",
                    argv[i]);
            usage(stderr);
            return 2;
        } else {
            spec[nspec++] = argv[i];
        }
    }
    if (nspec != 2) {
        usage(stderr);
        return 2;
    }
    static side a, b;
    char err[1600];
    if (load_side(&a, "A", spec[0], err, sizeof(err)) != 0 ||
        load_side(&b, "B", spec[1], err, sizeof(err)) != 0) {
        fprintf(stderr, "tlsbench-compare: %s\n", err);
        return 2;
    }
    /* a backend named on one side only applies to both */
    if (a.backend[0] && !b.backend[0]) {
        strcpy(b.backend, a.backend);
    } else if (b.backend[0] && !a.backend[0]) {
        strcpy(a.backend, b.backend);
    }
    if (a.backend[0] && (check_backend(&a, "A", err, sizeof(err)) != 0 ||
                         check_backend(&b, "B", err, sizeof(err)) != 0)) {
        fprintf(stderr, "tlsbench-compare: %s\n", err);
        return 2;
    }
    if (drift > 0 && a.backend[0]) {
        fprintf(stderr, "tlsbench-compare: --drift corrects two runs for "
                        "the machine's change between them; with a backend "
                        "named (A=<run>:x B=<run>:y) the rows compared are "
                        "different libraries, and there is no common drift "
                        "to take out\n");
        return 2;
    }
    set_label(&a);
    set_label(&b);
    if (out != NULL && check_new(out) != 0) {
        return 2;
    }
    if (chart != NULL) {
        char path[4200];
        snprintf(path, sizeof(path), "%s.dat", chart);
        if (check_new(path) != 0) {
            return 2;
        }
        snprintf(path, sizeof(path), "%s.groups", chart);
        if (check_new(path) != 0) {
            return 2;
        }
    }

    pair *p = calloc(a.run.n_rows + 1, sizeof(pair));
    group *g = calloc(a.run.n_rows + 1, sizeof(group));
    if (p == NULL || g == NULL) {
        fprintf(stderr, "tlsbench-compare: out of memory\n");
        return 2;
    }
    size_t np = 0, few = 0;
    for (size_t i = 0; i < a.run.n_rows; i++) {
        const tb_row *w = &a.run.rows[i];
        const tb_row *v = selected(&a, w) ? match(&b, w) : NULL;
        if (v == NULL || w->status != TB_ROW_OK || v->status != TB_ROW_OK) {
            continue;
        }
        pair *q = &p[np++];
        q->a = w;
        q->b = v;
        q->ratio = v->ns / w->ns;
    }
    if (drift > 0) {
        drift = median_ratio(p, np);
    }
    size_t by_round = 0;
    for (size_t i = 0; i < np; i++) {
        judge(&p[i]);
        few += tb_mwu_min_p(p[i].na, p[i].nb) >= ALPHA;
        by_round += p[i].by_round;
    }
    /* Hundreds of rows are tested at once: at p < 0.05 each, a run
     * against another of the same code would mark one row in twenty by
     * chance. Benjamini-Hochberg keeps the expected share of false marks
     * among the marked rows at ALPHA. */
    double cut = bh_cutoff(p, np);
    for (size_t i = 0; i < np; i++) {
        pair *q = &p[i];
        /* the change either way: 1.05 slower or 1/1.05 faster */
        double change = q->rel >= 1 ? q->rel - 1 : 1 / q->rel - 1;
        q->sig = q->t.p <= cut && change >= min_change * (1 - 1e-9);
    }
    size_t ng = make_groups(p, np, g);

    char *text = NULL;
    size_t text_len = 0;
    FILE *f = open_memstream(&text, &text_len);
    if (f == NULL) {
        fprintf(stderr, "tlsbench-compare: out of memory\n");
        return 2;
    }
    header(f, &a, &b, p, np);
    size_t faster = 0, slower = 0;
    for (size_t i = 0; i < np; i++) {
        faster += p[i].sig && p[i].rel < 1;
        slower += p[i].sig && p[i].rel > 1;
    }
    fprintf(f, "**%zu rows compared: %zu significantly faster in B, %zu "
               "significantly slower, %zu without a significant "
               "difference.**\n\n",
            np, faster, slower, np - faster - slower);
    if (few > 0) {
        fprintf(f, "Note: %zu rows have too few repetitions (or rounds) "
                   "for any p < %.2f (the smallest p of n against m values "
                   "is 2/C(n+m, n)); run with REPS=5 or more (with rounds: "
                   "ROUNDS=6 or more).\n\n",
                few, ALPHA);
    }
    if (by_round > 0) {
        fprintf(f, "Both runs were made in rounds: %zu of the %zu rows are "
                   "tested on each round's median (n marked r), not on the "
                   "single repetitions, which share the machine's state of "
                   "their round and are not independent of each other.\n\n",
                by_round, np);
    }
    if (drift == 0) {
        drift_note(f, &a, g, ng);
    }
    if (chart != NULL) {
        const char *base = strrchr(chart, '/');
        fprintf(f, "![B/A per row](%s.png)\n\n", base ? base + 1 : chart);
    }
    if (np > 0) {
        rows_table(f, &a, p, np);
        geomean_table(f, &a, g, ng, p, np);
    }
    unmeasured(f, &a, &b);
    one_side(f, &a, &b, "Only in A");
    one_side(f, &b, &a, "Only in B");
    fclose(f);

    fwrite(text, 1, text_len, stdout);
    int rc = 0;
    if (out != NULL) {
        FILE *o = fopen(out, "wx");
        if (o == NULL || fwrite(text, 1, text_len, o) != text_len ||
            fclose(o) != 0) {
            fprintf(stderr, "tlsbench-compare: cannot write %s: %s\n", out,
                    strerror(errno));
            rc = 2;
        }
    }
    if (rc == 0 && chart != NULL && np > 0 &&
        write_chart(chart, &a, p, np, g, ng) != 0) {
        rc = 2;
    }
    free(text);
    free(p);
    free(g);
    tb_run_free(&a.run);
    tb_run_free(&b.run);
    return rc;
}
