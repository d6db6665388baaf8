/*
 * tlsbench-report: REPORT.md of a run folder, on standard output. Markdown
 * that reads well on a code-hosting site: the machine and its stability
 * warnings, the libraries, the fastest backend per operation, a compact
 * table per family, every chart of RUN/plots embedded, the handshake and
 * leak-check sections when their files exist, and what was unsupported,
 * failed or noisy.
 *
 * Usage: tlsbench-report RUN_FOLDER. Exit 0, or 2 for bad input.
 */
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mwu.h"
#include "runload.h"

enum { M_MBPS, M_OPS, M_US, M_NS };

typedef struct {
    const char *name, *title, *unit;
    int metric;
} family;

/* The families in report order, each with the figure that reads best. */
static const family families[] = {
    {"aead", "AEAD: record encryption (seal) and decryption (open)",
     "MB/s, higher is better", M_MBPS},
    {"kex", "Key exchange (ECDHE)", "operations per second, higher is better",
     M_OPS},
    {"rsa", "RSA key exchange (TLS 1.2 premaster secret)",
     "operations per second, higher is better", M_OPS},
    {"sig", "Signatures", "operations per second, higher is better", M_OPS},
    {"prf", "TLS 1.2 PRF", "microseconds per call, lower is better", M_US},
    {"hkdf", "TLS 1.3 HKDF", "microseconds per call, lower is better", M_US},
};
#define N_FAMILIES (sizeof(families) / sizeof(families[0]))

static const family generic = {"", "", "nanoseconds per operation, lower is "
                                       "better",
                               M_NS};

/* Known charts in report order, with their headings; any other PNG in
 * RUN/plots (handshake, leak-check or future charts) follows by name. */
static const struct {
    const char *file, *title;
} charts[] = {
    {"aead-cpb", "AEAD cycles per byte (16 KiB records)"},
    {"aead-AES-128-GCM-seal", "AES-128-GCM seal throughput"},
    {"aead-AES-128-GCM-open", "AES-128-GCM open throughput"},
    {"aead-AES-256-GCM-seal", "AES-256-GCM seal throughput"},
    {"aead-AES-256-GCM-open", "AES-256-GCM open throughput"},
    {"aead-CHACHA20-POLY1305-seal", "ChaCha20-Poly1305 seal throughput"},
    {"aead-CHACHA20-POLY1305-open", "ChaCha20-Poly1305 open throughput"},
    {"kex-ops", "Key exchange operations per second"},
    {"rsa-sig-ops", "RSA and signature operations per second"},
    {"prf-hkdf-us", "PRF and HKDF microseconds per call"},
    {"scaling", "Multi-core scaling"},
    {"overhead-null", "Harness overhead (null backend)"},
};
#define N_CHARTS (sizeof(charts) / sizeof(charts[0]))

static tb_run run;
static tb_run scaling_run; /* RUN/scaling: the multi-thread pass */
static int have_samples;
static int base_threads; /* the fewest threads of the run */

static const family *family_of(const char *name)
{
    for (size_t i = 0; i < N_FAMILIES; i++) {
        if (strcmp(families[i].name, name) == 0) {
            return &families[i];
        }
    }
    return &generic;
}

static double figure(const family *f, const tb_row *w)
{
    switch (f->metric) {
    case M_MBPS:
        return isnan(w->mb_per_s) ? 1e3 * (double)w->size / w->ns
                                  : w->mb_per_s;
    case M_OPS:
        return w->ops;
    case M_US:
        return w->ns / 1e3;
    default:
        return w->ns;
    }
}

static void put_fig(FILE *o, double v)
{
    if (isnan(v)) {
        fputs("-", o);
    } else if (v >= 100) {
        fprintf(o, "%.0f", v);
    } else if (v >= 10) {
        fprintf(o, "%.1f", v);
    } else {
        fprintf(o, "%.2f", v);
    }
}

/* Markdown-safe text of n bytes: '|' would end a table cell. */
static void put_textn(FILE *o, const char *s, size_t n)
{
    for (size_t i = 0; i < n && s[i] != '\0'; i++) {
        fputc(s[i] == '|' ? '/' : s[i], o);
    }
}

static void put_text(FILE *o, const char *s)
{
    put_textn(o, s, strlen(s));
}

static const char *mach(const char *key, char *buf, size_t len)
{
    const char *v = tb_run_machine(&run, key, buf, len);
    if (v == NULL) {
        return NULL;
    }
    while (*v == ' ') {
        v++;
    }
    return v;
}

/* Backends of the run in file order, null first if present. */
static size_t backends(const char **out, size_t max, int with_null)
{
    size_t n = 0;
    for (size_t i = 0; i < run.n_rows && n < max; i++) {
        const char *b = run.rows[i].backend;
        int seen = !with_null && strcmp(b, "null") == 0;
        for (size_t j = 0; j < n && !seen; j++) {
            seen = strcmp(out[j], b) == 0;
        }
        if (!seen) {
            out[n++] = b;
        }
    }
    return n;
}

static const tb_row *find(const char *backend, const tb_row *like,
                          int threads)
{
    long k = tb_run_find(&run, backend, like->family, like->alg, like->op,
                         like->size, threads);
    return k < 0 ? NULL : &run.rows[k];
}

/* Whether an earlier row had the same family, alg, op and size. */
static int case_seen_before(size_t i)
{
    const tb_row *w = &run.rows[i];
    for (size_t j = 0; j < i; j++) {
        const tb_row *v = &run.rows[j];
        if (v->size == w->size && strcmp(v->op, w->op) == 0 &&
            strcmp(v->alg, w->alg) == 0 && strcmp(v->family, w->family) == 0) {
            return 1;
        }
    }
    return 0;
}

/* ---------------------------------------------------------------- parts */

static void part_head(FILE *o)
{
    char b1[512], b2[512], b3[512];
    const char *cpu = mach("cpu_model", b1, sizeof(b1));
    const char *date = mach("date", b2, sizeof(b2));
    const char *host = mach("host", b3, sizeof(b3));
    int max_t = 0, reps = 0;
    size_t rounds = 0;
    for (size_t i = 0; i < run.n_rows; i++) {
        size_t r = tb_row_rounds(&run.rows[i]);
        max_t = run.rows[i].threads > max_t ? run.rows[i].threads : max_t;
        reps = run.rows[i].reps > reps ? run.rows[i].reps : reps;
        rounds = r > rounds ? r : rounds;
    }
    fprintf(o, "# tlsbench report: %s\n\n", run.name);
    fprintf(o, "Measured %s on %s (%s). ", date ? date : "(date unknown)",
            host ? host : "an unknown host", cpu ? cpu : "unknown CPU");
    const char *bl[64];
    size_t nb = backends(bl, 64, 1);
    fprintf(o, "%zu backends: ", nb);
    for (size_t i = 0; i < nb; i++) {
        fprintf(o, "%s%s", i ? ", " : "", bl[i]);
    }
    fprintf(o, ". Up to %d repetitions per row", reps);
    if (rounds > 1) {
        fprintf(o, ", made in %zu rounds (every backend in turn)", rounds);
    }
    fputs("; ", o);
    if (max_t > base_threads) {
        fprintf(o, "thread counts %d to %d (figures below are for %d "
                   "thread%s unless a table says otherwise).\n\n",
                base_threads, max_t, base_threads,
                base_threads == 1 ? "" : "s");
    } else {
        fprintf(o, "%d thread%s.\n\n", base_threads,
                base_threads == 1 ? "" : "s");
    }
    const char *warn = mach("stability_warnings", b1, sizeof(b1));
    if (warn != NULL && strcmp(warn, "none seen") != 0 && warn[0] != '\0') {
        fputs("> **Stability warnings:** ", o);
        put_text(o, warn);
        fputs("\n>\n> Figures from such a machine vary between runs; compare "
              "runs with `make compare`, which tests every difference.\n\n",
              o);
    }
}

/* A line of links to the sections (anchors as code-hosting sites make
 * them from the headings). */
static void part_contents(FILE *o, int scaling)
{
    fputs("Contents: [Machine](#machine) · [Libraries](#libraries) · "
          "[Fastest backend per operation](#fastest-backend-per-operation) · "
          "[Results per family](#results-per-family) · ",
          o);
    if (scaling) {
        fputs("[Multi-core scaling](#multi-core-scaling) · ", o);
    }
    fputs("[Charts](#charts) · "
          "[Unsupported, failed and noisy](#unsupported-failed-and-noisy)"
          "\n\n",
          o);
}

static void part_machine(FILE *o)
{
    static const struct {
        const char *key, *label;
    } keys[] = {
        {"cpu_model", "CPU"},
        {"cpus_online", "CPUs online"},
        {"threads_per_core", "threads per core"},
        {"cpu_crypto_flags", "crypto instructions"},
        {"kernel", "kernel"},
        {"cpufreq_governor", "frequency governor"},
        {"turbo", "turbo"},
        {"smt", "SMT active"},
        {"loadavg", "load average at the start"},
        {"compiler", "compiler"},
        {"google_benchmark", "Google Benchmark"},
        {"stability_warnings", "stability warnings"},
    };
    char buf[1024];
    fputs("## Machine\n\n", o);
    if (run.machine == NULL) {
        fputs("No machine.txt in this run folder.\n\n", o);
        return;
    }
    fputs("| | |\n|---|---|\n", o);
    for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
        const char *v = mach(keys[i].key, buf, sizeof(buf));
        if (v != NULL) {
            fprintf(o, "| %s | ", keys[i].label);
            put_text(o, v[0] ? v : "-");
            fputs(" |\n", o);
        }
    }
    fputs("\n", o);
}

static void part_libraries(FILE *o)
{
    const char *bl[64];
    size_t nb = backends(bl, 64, 0);
    char key[200], buf[1024];
    fputs("## Libraries\n\n| backend | version |\n|---|---|\n", o);
    for (size_t i = 0; i < nb; i++) {
        snprintf(key, sizeof(key), "lib.%s.version", bl[i]);
        const char *v = mach(key, buf, sizeof(buf));
        if (v == NULL) {
            long k = -1;
            for (size_t j = 0; j < run.n_rows && k < 0; j++) {
                k = strcmp(run.rows[j].backend, bl[i]) == 0 ? (long)j : -1;
            }
            v = k >= 0 ? run.rows[k].version : "?";
        }
        fprintf(o, "| %s | ", bl[i]);
        put_text(o, v);
        fputs(" |\n", o);
    }
    /* Debian package versions, as machine.txt lists them */
    int first = 1;
    for (const char *p = run.machine; p != NULL && *p;) {
        const char *eol = strchr(p, '\n');
        size_t len = eol ? (size_t)(eol - p) : strlen(p);
        if (len > 4 && strncmp(p, "pkg.", 4) == 0) {
            const char *eq = memchr(p, '=', len);
            if (eq != NULL) {
                fprintf(o, "%s`%.*s` %.*s", first ? "\nDebian packages: " : ", ",
                        (int)(eq - p - 4), p + 4, (int)(len - (size_t)(eq - p) - 1),
                        eq + 1);
                first = 0;
            }
        }
        p = eol ? eol + 1 : p + len;
    }
    fputs(first ? "\n" : ".\n\n", o);
    /* the build and CPU paths each backend reports, folded away */
    fputs("<details><summary>Build and CPU paths each library reports"
          "</summary>\n\n",
          o);
    for (size_t i = 0; i < nb; i++) {
        snprintf(key, sizeof(key), "lib.%s.", bl[i]);
        size_t kl = strlen(key), n = 0;
        for (const char *p = run.machine; p != NULL && *p;) {
            const char *eol = strchr(p, '\n');
            size_t len = eol ? (size_t)(eol - p) : strlen(p);
            const char *eq = memchr(p, '=', len);
            if (len > kl && strncmp(p, key, kl) == 0 && eq != NULL) {
                if (n++ == 0) {
                    fprintf(o, "**%s**\n\n| | |\n|---|---|\n", bl[i]);
                }
                fputs("| ", o);
                put_textn(o, p + kl, (size_t)(eq - p) - kl);
                fputs(" | ", o);
                put_textn(o, eq + 1, len - (size_t)(eq - p) - 1);
                fputs(" |\n", o);
            }
            p = eol ? eol + 1 : p + len;
        }
        if (n > 0) {
            fputs("\n", o);
        }
    }
    fputs("</details>\n\n", o);
}

/* Whether the test supports best's lead over next (p < 0.05), on the
 * rounds' medians when both were made in rounds. */
static int lead_supported(const tb_row *best, const tb_row *next)
{
    int by_round = tb_rows_by_round(best, next);
    size_t nx, ny;
    double *x = tb_row_test_values(best, by_round, 1, &nx);
    double *y = tb_row_test_values(next, by_round, 1, &ny);
    tb_mwu_result t;
    int ok = tb_mwu_test(x, nx, y, ny, &t) != 0 || t.p < 0.05;
    free(x);
    free(y);
    return ok;
}

/* The fastest backend of the case of row i and the runner-up, at the
 * base thread count (null excluded). Returns the number measured. */
static size_t rank(size_t i, const tb_row **best, const tb_row **next)
{
    const char *bl[64];
    size_t nb = backends(bl, 64, 0), n = 0;
    *best = *next = NULL;
    for (size_t k = 0; k < nb; k++) {
        const tb_row *v = find(bl[k], &run.rows[i], base_threads);
        if (v == NULL || v->status != TB_ROW_OK) {
            continue;
        }
        n++;
        if (*best == NULL || v->ns < (*best)->ns) {
            *next = *best;
            *best = v;
        } else if (*next == NULL || v->ns < (*next)->ns) {
            *next = v;
        }
    }
    return n;
}

static long largest_size(const char *fam)
{
    long s = -1;
    for (size_t i = 0; i < run.n_rows; i++) {
        if (strcmp(run.rows[i].family, fam) == 0 && run.rows[i].size > s) {
            s = run.rows[i].size;
        }
    }
    return s;
}

static void part_fastest(FILE *o)
{
    long big = largest_size("aead");
    size_t n = 0;
    for (size_t i = 0; i < run.n_rows; i++) {
        const tb_row *w = &run.rows[i];
        const tb_row *best, *next;
        /* AEAD: a 1350-byte packet and the largest record, not every
         * size (the family table has them all) */
        if (case_seen_before(i) ||
            (strcmp(w->family, "aead") == 0 && w->size != 1350 &&
             w->size != big) ||
            rank(i, &best, &next) == 0) {
            continue;
        }
        const family *f = family_of(w->family);
        if (n++ == 0) {
            fputs("## Fastest backend per operation\n\n"
                  "Lead is how much faster the fastest backend is than the "
                  "next one; `~` marks a lead the repetitions do not "
                  "support (Mann-Whitney U test, p >= 0.05; on each "
                  "round's median when the run was made in rounds).\n\n"
                  "| operation | fastest | figure | next | lead |\n"
                  "|---|---|--:|---|--:|\n",
                  o);
        }
        char c[256];
        fprintf(o, "| %s | **%s** | ", tb_row_case(w, c, sizeof(c)),
                best->backend);
        put_fig(o, figure(f, best));
        fprintf(o, " %s | ", f->metric == M_MBPS  ? "MB/s"
                             : f->metric == M_OPS ? "op/s"
                             : f->metric == M_US  ? "µs"
                                                  : "ns");
        if (next == NULL) {
            fputs("(only one) | |\n", o);
            continue;
        }
        fprintf(o, "%s | %.2fx", next->backend, next->ns / best->ns);
        if (have_samples && !lead_supported(best, next)) {
            fputs(" ~", o);
        }
        fputs(" |\n", o);
    }
    if (n > 0) {
        fputs("\n", o);
    }
}

static void part_family(FILE *o, const family *f, const char *fam_name,
                        const char *title)
{
    const char *bl[64], *cols[64];
    size_t nb = backends(bl, 64, 0), nc = 0;
    for (size_t k = 0; k < nb; k++) {
        for (size_t i = 0; i < run.n_rows; i++) {
            if (strcmp(run.rows[i].backend, bl[k]) == 0 &&
                strcmp(run.rows[i].family, fam_name) == 0) {
                cols[nc++] = bl[k];
                break;
            }
        }
    }
    if (nc == 0) {
        return;
    }
    fprintf(o, "### %s\n\n%s%s; **bold**: the fastest; † noisy (CV above "
               "the run's threshold); n/a: unsupported.\n\n| case |",
            title, f->unit,
            base_threads > 1 ? "" : "");
    for (size_t k = 0; k < nc; k++) {
        fprintf(o, " %s |", cols[k]);
    }
    fputs("\n|---|", o);
    for (size_t k = 0; k < nc; k++) {
        fputs("--:|", o);
    }
    fputs("\n", o);
    for (size_t i = 0; i < run.n_rows; i++) {
        const tb_row *w = &run.rows[i];
        if (strcmp(w->family, fam_name) != 0 || case_seen_before(i)) {
            continue;
        }
        const tb_row *best, *next;
        size_t measured = rank(i, &best, &next);
        fprintf(o, "| %s/%s/%ld |", w->alg, w->op, w->size);
        for (size_t k = 0; k < nc; k++) {
            const tb_row *v = find(cols[k], w, base_threads);
            fputs(" ", o);
            if (v == NULL) {
                fputs("-", o);
            } else if (v->status == TB_ROW_UNSUPPORTED) {
                fputs("n/a", o);
            } else if (v->status == TB_ROW_FAILED) {
                fputs("**failed**", o);
            } else {
                int bold = v == best && measured > 1;
                fputs(bold ? "**" : "", o);
                put_fig(o, figure(f, v));
                fputs(bold ? "**" : "", o);
                fputs(v->noisy ? " †" : "", o);
            }
            fputs(" |", o);
        }
        fputs("\n", o);
    }
    fputs("\n", o);
}

static void part_families(FILE *o)
{
    fprintf(o, "## Results per family\n\n");
    if (base_threads > 1) {
        fprintf(o, "Figures for %d threads (total).\n\n", base_threads);
    }
    for (size_t k = 0; k < N_FAMILIES; k++) {
        part_family(o, &families[k], families[k].name, families[k].title);
    }
    /* families this tool does not know yet */
    for (size_t i = 0; i < run.n_rows; i++) {
        const char *fam = run.rows[i].family;
        int seen = family_of(fam) != &generic;
        for (size_t j = 0; j < i && !seen; j++) {
            seen = strcmp(run.rows[j].family, fam) == 0;
        }
        if (!seen) {
            part_family(o, &generic, fam, fam);
        }
    }
    /* the null backend: what the harness itself costs */
    double lo = INFINITY, hi = 0;
    size_t n = 0;
    const tb_row *worst = NULL;
    for (size_t i = 0; i < run.n_rows; i++) {
        const tb_row *w = &run.rows[i];
        if (strcmp(w->backend, "null") == 0 && w->status == TB_ROW_OK &&
            w->threads == base_threads) {
            n++;
            lo = w->ns < lo ? w->ns : lo;
            if (w->ns > hi) {
                hi = w->ns;
                worst = w;
            }
        }
    }
    if (n > 0) {
        char c[256];
        fprintf(o, "### Harness overhead\n\nThe null backend does nothing: "
                   "its %zu cases took %.1f to %.1f ns per operation "
                   "(the most: %s), the floor under every figure above.\n\n",
                n, lo, hi, tb_row_case(worst, c, sizeof(c)));
    }
}

/* src: the multi-thread pass with its own one-thread rows (scaling/) when
 * the run has it, else the run. */
static void part_scaling(FILE *o, const tb_run *src, int same_pass)
{
    static const struct {
        const char *family, *alg, *op;
        long size;
        const char *what;
    } rows[] = {
        {"aead", "AES-128-GCM", "seal", 16384, "AES-128-GCM seal 16 KiB (MB/s)"},
        {"rsa", "RSA-2048", "decrypt", 48, "RSA-2048 decrypt (op/s)"},
        {"kex", "X25519", "exchange", 0, "X25519 exchange (op/s)"},
    };
    int th[16];
    size_t nt = 0;
    for (size_t i = 0; i < src->n_rows && nt < 16; i++) {
        int t = src->rows[i].threads, seen = 0;
        for (size_t j = 0; j < nt && !seen; j++) {
            seen = th[j] == t;
        }
        if (!seen) {
            th[nt++] = t;
        }
    }
    if (nt < 2) {
        return;
    }
    for (size_t a = 1; a < nt; a++) { /* few values: insertion sort */
        for (size_t b = a; b > 0 && th[b] < th[b - 1]; b--) {
            int x = th[b];
            th[b] = th[b - 1];
            th[b - 1] = x;
        }
    }
    fputs("## Multi-core scaling\n\nTotal throughput (real time, all "
          "threads together); the last column is the most threads against "
          "the fewest (2 threads on 2 free cores would ideally give 2.00x).",
          o);
    fputs(same_pass ? " Every thread count here comes from the multi-thread "
                      "pass, its repetitions interleaved with the others' "
                      "(`scaling/results.csv`); the one-thread figures of "
                      "the other tables come from the pinned pass.\n\n"
                    : "\n\n",
          o);
    fputs("| case | backend |", o);
    for (size_t j = 0; j < nt; j++) {
        fprintf(o, " %d thread%s |", th[j], th[j] == 1 ? "" : "s");
    }
    fputs(" speedup |\n|---|---|", o);
    for (size_t j = 0; j <= nt; j++) {
        fputs("--:|", o);
    }
    fputs("\n", o);
    const char *bl[64];
    size_t nb = backends(bl, 64, 0);
    for (size_t r = 0; r < sizeof(rows) / sizeof(rows[0]); r++) {
        const family *f = family_of(rows[r].family);
        for (size_t k = 0; k < nb; k++) {
            const tb_row *v0 = NULL, *vn = NULL;
            long i0 = tb_run_find(src, bl[k], rows[r].family, rows[r].alg,
                                  rows[r].op, rows[r].size, th[0]);
            if (i0 < 0 || src->rows[i0].status != TB_ROW_OK) {
                continue;
            }
            fprintf(o, "| %s | %s |", rows[r].what, bl[k]);
            for (size_t j = 0; j < nt; j++) {
                long ij = tb_run_find(src, bl[k], rows[r].family, rows[r].alg,
                                      rows[r].op, rows[r].size, th[j]);
                const tb_row *v = ij < 0 ? NULL : &src->rows[ij];
                fputs(" ", o);
                if (v != NULL && v->status == TB_ROW_OK) {
                    put_fig(o, figure(f, v));
                    fputs(v->noisy ? " †" : "", o);
                    v0 = v0 == NULL ? v : v0;
                    vn = v;
                } else {
                    fputs("-", o);
                }
                fputs(" |", o);
            }
            if (v0 != NULL && vn != NULL && vn != v0) {
                fprintf(o, " %.2fx |\n", v0->ns / vn->ns);
            } else {
                fputs(" |\n", o);
            }
        }
    }
    fputs("\n", o);
}

static int chart_known(const char *stem)
{
    for (size_t i = 0; i < N_CHARTS; i++) {
        if (strcmp(charts[i].file, stem) == 0) {
            return 1;
        }
    }
    return 0;
}

static int str_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void part_charts(FILE *o)
{
    char dir[4200], path[4600];
    snprintf(dir, sizeof(dir), "%s/plots", run.dir);
    DIR *d = opendir(dir);
    char *names[512];
    size_t n = 0;
    if (d != NULL) {
        struct dirent *e;
        while ((e = readdir(d)) != NULL && n < 512) {
            size_t l = strlen(e->d_name);
            struct stat st;
            snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
            /* an empty file is a chart that failed: not worth a link */
            if (l > 4 && strcmp(e->d_name + l - 4, ".png") == 0 &&
                stat(path, &st) == 0 && st.st_size > 0) {
                names[n] = malloc(l - 3);
                if (names[n] != NULL) {
                    memcpy(names[n], e->d_name, l - 4);
                    names[n][l - 4] = '\0';
                    n++;
                }
            }
        }
        closedir(d);
    }
    fputs("## Charts\n\n", o);
    if (n == 0) {
        fputs("No charts were drawn (`make plots RUN=<this run>` draws "
              "them; it needs gnuplot).\n\n",
              o);
        return;
    }
    qsort(names, n, sizeof(char *), str_cmp);
    for (size_t i = 0; i < N_CHARTS; i++) {
        for (size_t j = 0; j < n; j++) {
            if (strcmp(names[j], charts[i].file) == 0) {
                snprintf(path, sizeof(path), "plots/%s", names[j]);
                fprintf(o, "### %s\n\n![%s](%s.png)\n\n[SVG](%s.svg)\n\n",
                        charts[i].title, charts[i].title, path, path);
            }
        }
    }
    for (size_t j = 0; j < n; j++) {
        if (!chart_known(names[j])) {
            fprintf(o, "### %s\n\n![%s](plots/%s.png)\n\n", names[j],
                    names[j], names[j]);
        }
        free(names[j]);
    }
}

/* The level of a Markdown heading line ("## x" is 2), or 0. */
static int heading_level(const char *line)
{
    int n = 0;
    while (line[n] == '#') {
        n++;
    }
    return n > 0 && n <= 6 && (line[n] == ' ' || line[n] == '\n') ? n : 0;
}

/* Copies RUN/<file> (Markdown written by another stage) so that its top
 * headings become level 2 like this report's sections, or under a level-2
 * heading of its own when it starts with text. Code fences are left as
 * they are. */
static void part_include(FILE *o, const char *file, const char *title)
{
    char path[4400], line[8192];
    snprintf(path, sizeof(path), "%s/%s", run.dir, file);
    FILE *f = fopen(path, "r");
    if (f == NULL) {
        return;
    }
    int fence = 0, top = 7, first = 0;
    while (fgets(line, sizeof(line), f) != NULL) {
        if (strncmp(line, "```", 3) == 0) {
            fence = !fence;
        }
        int lv = fence ? 0 : heading_level(line);
        top = lv > 0 && lv < top ? lv : top;
        if (first == 0 && line[0] != '\n') {
            first = lv > 0 ? 1 : -1;
        }
    }
    if (first == 0) { /* empty file */
        fclose(f);
        return;
    }
    /* the shift that brings the top level to 2 (3 under our heading) */
    int shift = (first > 0 ? 2 : 3) - (top == 7 ? 3 : top);
    if (first < 0) {
        fprintf(o, "## %s\n\n", title);
    }
    rewind(f);
    fence = 0;
    while (fgets(line, sizeof(line), f) != NULL) {
        if (strncmp(line, "```", 3) == 0) {
            fence = !fence;
        }
        int lv = fence ? 0 : heading_level(line);
        if (lv > 0) {
            int to = lv + shift < 1 ? 1 : lv + shift > 6 ? 6 : lv + shift;
            for (int k = 0; k < to; k++) {
                fputc('#', o);
            }
            fputs(line + lv, o);
        } else {
            fputs(line, o);
        }
    }
    fclose(f);
    fputs("\n", o);
}

/* Unsupported or failed rows, grouped by backend and reason, listing the
 * cases (family/alg/op) once. */
static void list_status(FILE *o, int status, const char *title)
{
    size_t total = 0;
    for (size_t i = 0; i < run.n_rows; i++) {
        total += run.rows[i].status == status;
    }
    if (total == 0) {
        fprintf(o, "### %s\n\nNone.\n\n", title);
        return;
    }
    fprintf(o, "### %s (%zu rows)\n\n", title, total);
    for (size_t i = 0; i < run.n_rows; i++) {
        const tb_row *w = &run.rows[i];
        int first = 1;
        if (w->status != status) {
            continue;
        }
        for (size_t j = 0; j < i && first; j++) {
            first = !(run.rows[j].status == status &&
                      strcmp(run.rows[j].backend, w->backend) == 0 &&
                      strcmp(run.rows[j].note, w->note) == 0);
        }
        if (!first) {
            continue;
        }
        size_t rows = 0;
        fprintf(o, "- **%s**: ", w->backend);
        put_text(o, w->note[0] ? w->note : "(no reason given)");
        fputs(" - ", o);
        size_t listed = 0;
        for (size_t j = i; j < run.n_rows; j++) {
            const tb_row *v = &run.rows[j];
            if (v->status != status || strcmp(v->backend, w->backend) != 0 ||
                strcmp(v->note, w->note) != 0) {
                continue;
            }
            rows++;
            int dup = 0;
            for (size_t k = i; k < j && !dup; k++) {
                const tb_row *u = &run.rows[k];
                dup = u->status == status &&
                      strcmp(u->backend, w->backend) == 0 &&
                      strcmp(u->note, w->note) == 0 &&
                      strcmp(u->family, v->family) == 0 &&
                      strcmp(u->alg, v->alg) == 0 && strcmp(u->op, v->op) == 0;
            }
            if (!dup) {
                fprintf(o, "%s%s/%s/%s", listed++ ? ", " : "", v->family,
                        v->alg, v->op);
            }
        }
        fprintf(o, " (%zu row%s)\n", rows, rows == 1 ? "" : "s");
    }
    fputs("\n", o);
}

/* A longer list of noisy rows would bury the report; the CSV has all. */
#define MAX_NOISY_LISTED 100
#define TB_STR2(x) #x
#define TB_STR(x) TB_STR2(x)

static int cv_cmp(const void *a, const void *b)
{
    double x = (*(const tb_row *const *)a)->cv;
    double y = (*(const tb_row *const *)b)->cv;
    return (x < y) - (x > y);
}

static void part_problems(FILE *o)
{
    fputs("## Unsupported, failed and noisy\n\n", o);
    list_status(o, TB_ROW_UNSUPPORTED, "Unsupported");
    list_status(o, TB_ROW_FAILED, "Failed");
    const tb_row **noisy = malloc((run.n_rows + 1) * sizeof(*noisy));
    size_t n = 0, measured = 0;
    if (noisy == NULL) {
        return;
    }
    for (size_t i = 0; i < run.n_rows; i++) {
        measured += run.rows[i].status == TB_ROW_OK;
        if (run.rows[i].status == TB_ROW_OK && run.rows[i].noisy) {
            noisy[n++] = &run.rows[i];
        }
    }
    fprintf(o, "### Noisy\n\n%zu of %zu measured rows are noisy (their "
               "repetitions' coefficient of variation is above the run's "
               "threshold, 5%% by default)",
            n, measured);
    if (n == 0) {
        fputs(".\n\n", o);
        free(noisy);
        return;
    }
    const char *bl[64];
    size_t nb = backends(bl, 64, 1);
    fputs(": ", o);
    for (size_t k = 0, listed = 0; k < nb; k++) {
        size_t c = 0;
        for (size_t i = 0; i < n; i++) {
            c += strcmp(noisy[i]->backend, bl[k]) == 0;
        }
        if (c > 0) {
            fprintf(o, "%s%s %zu", listed++ ? ", " : "", bl[k], c);
        }
    }
    size_t shown = n < MAX_NOISY_LISTED ? n : MAX_NOISY_LISTED;
    fprintf(o, ".\n\n<details><summary>%s noisy rows, the noisiest first"
               "</summary>\n\n| backend | case | threads | CV %% | "
               "repetitions |\n|---|---|--:|--:|--:|\n",
            shown < n ? "The " TB_STR(MAX_NOISY_LISTED) : "The");
    qsort(noisy, n, sizeof(*noisy), cv_cmp);
    for (size_t i = 0; i < shown; i++) {
        char c[256];
        fprintf(o, "| %s | %s | %d | %.1f | %d |\n", noisy[i]->backend,
                tb_row_case(noisy[i], c, sizeof(c)), noisy[i]->threads,
                noisy[i]->cv, noisy[i]->reps);
    }
    if (shown < n) {
        fprintf(o, "\n%zu more: the rows with noisy=1 in results.csv.\n",
                n - shown);
    }
    fputs("\n</details>\n", o);
    free(noisy);
}

int main(int argc, char **argv)
{
    if (argc != 2 || argv[1][0] == '-') {
        fprintf(stderr, "usage: tlsbench-report RUN_FOLDER (writes "
                        "REPORT.md on standard output)\n");
        return 2;
    }
    char err[1600];
    /* samples only sharpen the "fastest" table: a run without a usable
     * samples.csv still gets its report */
    have_samples = tb_run_load(&run, argv[1], 1, err, sizeof(err)) == 0;
    if (!have_samples && tb_run_load(&run, argv[1], 0, err, sizeof(err)) != 0) {
        fprintf(stderr, "tlsbench-report: %s\n", err);
        return 2;
    }
    base_threads = run.rows[0].threads;
    for (size_t i = 0; i < run.n_rows; i++) {
        if (run.rows[i].threads < base_threads) {
            base_threads = run.rows[i].threads;
        }
    }
    FILE *o = stdout;
    int multi = 0;
    for (size_t i = 0; i < run.n_rows && !multi; i++) {
        multi = run.rows[i].threads != base_threads;
    }
    part_head(o);
    part_contents(o, multi);
    part_machine(o);
    part_libraries(o);
    part_fastest(o);
    part_families(o);
    char serr[1600], sdir[4200];
    snprintf(sdir, sizeof(sdir), "%s/scaling", argv[1]);
    int same_pass = 0;
    if (access(sdir, F_OK) == 0) {
        same_pass =
            tb_run_load(&scaling_run, sdir, 0, serr, sizeof(serr)) == 0;
        if (!same_pass) {
            fprintf(stderr,
                    "tlsbench-report: %s; the scaling table uses "
                    "results.csv\n",
                    serr);
        }
    }
    part_scaling(o, same_pass ? &scaling_run : &run, same_pass);
    part_charts(o);
    part_include(o, "handshake.md", "Handshakes");
    part_include(o, "leakcheck.md", "Leak check");
    part_problems(o);
    tb_run_free(&run);
    if (same_pass) {
        tb_run_free(&scaling_run);
    }
    if (fflush(o) != 0 || ferror(o)) {
        fprintf(stderr, "tlsbench-report: write error\n");
        return 2;
    }
    return 0;
}
