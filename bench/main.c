/*
 * bin/tlsbench-<backend>: the harness linked with one backend.
 *
 *   --info                 library version and code paths (key=value)
 *   --list                 the cases and whether each is supported
 *   --kat [FILE...]        known answers: built in, then the files given
 *   --emit FILE / --consume FILE   cross-backend agreement (see xcheck.c)
 *   --vectors FILE...      Wycheproof JSON vectors (see wycheproof.h)
 *   (default)              benchmark: check every case, time the good ones
 *
 * Benchmark options: --csv FILE --samples FILE --filter REGEX --reps N
 * --min-time SECONDS --threads LIST --sizes LIST --run-id ID --noisy-cv PCT
 * --interleave --console --prior-samples FILE --round K, and any
 * --benchmark_* flag of Google Benchmark.
 */
#include <errno.h>
#include <math.h>
#include <regex.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "backend.h"
#include "cases.h"
#include "csv.h"
#include "csvread.h"
#include "gbench.h"
#include "kat.h"
#include "opts.h"
#include "util.h"
#include "xcheck.h"

#define SCHEMA_VERSION "1"

/* One registered benchmark: a case at a thread count, and its samples. */
typedef struct {
    tb_case *c;
    int threads;
    double *ns;        /* per repetition */
    int64_t *iters;
    int *round;        /* the round each repetition was made in */
    int n, cap;
    int error;         /* 1 failed, 2 unsupported */
    char error_msg[200];
} reg;

typedef struct {
    reg *regs;
    size_t n_regs;
    size_t done, total;
    const char *backend;
    int round;
} run_state;

static double tsc_ghz; /* 0 where there is no invariant TSC to read */

#if defined(__x86_64__) || defined(__i386__)
#include <x86intrin.h>
static double measure_tsc_ghz(void)
{
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    uint64_t t0 = __rdtsc();
    do {
        clock_gettime(CLOCK_MONOTONIC, &b);
    } while ((b.tv_sec - a.tv_sec) * 1e9 + (b.tv_nsec - a.tv_nsec) < 50e6);
    uint64_t t1 = __rdtsc();
    double ns = (b.tv_sec - a.tv_sec) * 1e9 + (b.tv_nsec - a.tv_nsec);
    return (double)(t1 - t0) / ns;
}
#else
static double measure_tsc_ghz(void)
{
    return 0;
}
#endif

static void on_result(const tb_gb_result *r, void *user)
{
    run_state *rs = user;
    if (r->aggregate) {
        return;
    }
    for (size_t i = 0; i < rs->n_regs; i++) {
        reg *g = &rs->regs[i];
        if (strcmp(g->c->name, r->name) != 0 || g->threads != r->threads) {
            continue;
        }
        if (r->error) {
            g->error = r->error;
            snprintf(g->error_msg, sizeof(g->error_msg), "%s",
                     r->error_message);
        } else {
            if (g->n == g->cap) {
                g->cap = g->cap ? 2 * g->cap : 8;
                g->ns = realloc(g->ns, (size_t)g->cap * sizeof(double));
                g->iters = realloc(g->iters, (size_t)g->cap * sizeof(int64_t));
                g->round = realloc(g->round, (size_t)g->cap * sizeof(int));
                if (g->ns == NULL || g->iters == NULL || g->round == NULL) {
                    fprintf(stderr, "tlsbench: out of memory\n");
                    exit(2);
                }
            }
            g->ns[g->n] = r->real_ns;
            g->iters[g->n] = r->iterations;
            g->round[g->n] = rs->round;
            g->n++;
        }
        if (r->repetition_index + 1 >= r->repetitions || r->error) {
            rs->done++;
            fprintf(stderr, "[%s] %zu/%zu %s threads=%d %s\n", rs->backend,
                    rs->done, rs->total, g->c->name, g->threads,
                    r->error ? "failed" : "done");
        }
        return;
    }
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

typedef struct {
    double median, min, max, cv;
    int64_t iterations;
} stats;

static stats summarise(const reg *g)
{
    stats s = {NAN, NAN, NAN, NAN, 0};
    if (g->n == 0) {
        return s;
    }
    double *v = malloc((size_t)g->n * sizeof(double));
    if (v == NULL) {
        exit(2);
    }
    memcpy(v, g->ns, (size_t)g->n * sizeof(double));
    qsort(v, (size_t)g->n, sizeof(double), cmp_double);
    int n = g->n;
    s.median = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    s.min = v[0];
    s.max = v[n - 1];
    double mean = 0, var = 0;
    for (int i = 0; i < n; i++) {
        mean += v[i];
        s.iterations += g->iters[i];
    }
    mean /= n;
    for (int i = 0; i < n; i++) {
        var += (v[i] - mean) * (v[i] - mean);
    }
    s.cv = n > 1 && mean > 0 ? 100.0 * sqrt(var / (n - 1)) / mean : 0;
    free(v);
    return s;
}

static const char *status_name(int st)
{
    return st == TB_CASE_OK ? "ok"
           : st == TB_CASE_UNSUPPORTED ? "unsupported"
                                       : "failed";
}

static void row_head(FILE *f, const tb_opts *o, const tb_backend *be,
                     const char *version, const tb_case *c, int threads)
{
    tb_csv_field(f, 0, SCHEMA_VERSION);
    tb_csv_field(f, ',', o->run_id);
    tb_csv_field(f, ',', be->name);
    tb_csv_field(f, ',', version);
    tb_csv_field(f, ',', c->family);
    tb_csv_field(f, ',', c->alg);
    tb_csv_field(f, ',', c->op);
    fprintf(f, ",%zu,%d", c->size, threads);
}

static const char *const csv_header =
    "schema_version,run_id,backend,backend_version,family,alg,op,size_bytes,"
    "threads,repetitions,iterations,ns_per_op,ns_min,ns_max,cv_percent,"
    "ops_per_s,ops_per_s_per_thread,mb_per_s,cycles_per_byte,cycles_per_op,"
    "noisy,status,note\n";

static const char *const samples_header =
    "schema_version,run_id,backend,family,alg,op,size_bytes,threads,"
    "repetition,iterations,ns_per_op,round\n";

/* A row without measurements (unsupported or failed). */
static void write_unmeasured(FILE *f, const tb_opts *o, const tb_backend *be,
                             const char *version, const tb_case *c,
                             int threads, int status, const char *note)
{
    row_head(f, o, be, version, c, threads);
    fputs(",,,,,,,,,,,,", f); /* repetitions .. noisy: not measured */
    tb_csv_field(f, ',', status_name(status));
    tb_csv_field(f, ',', note);
    fputc('\n', f);
}

static void write_measured(FILE *f, const tb_opts *o, const tb_backend *be,
                           const char *version, const reg *g)
{
    const tb_case *c = g->c;
    stats s = summarise(g);
    double ops = 1e9 / s.median; /* total over threads (real time) */
    row_head(f, o, be, version, c, g->threads);
    fprintf(f, ",%d,%lld", g->n, (long long)s.iterations);
    tb_csv_num(f, "%.3f", s.median);
    tb_csv_num(f, "%.3f", s.min);
    tb_csv_num(f, "%.3f", s.max);
    tb_csv_num(f, "%.2f", s.cv);
    tb_csv_num(f, "%.1f", ops);
    tb_csv_num(f, "%.1f", ops / g->threads);
    tb_csv_num(f, "%.2f", c->bulk ? ops * (double)c->size / 1e6 : NAN);
    /* cycles at the TSC rate, per thread: ns of one thread's op */
    double per_thread_ns = s.median * g->threads;
    tb_csv_num(f, "%.3f",
               c->bulk && tsc_ghz > 0 && c->size > 0
                   ? per_thread_ns * tsc_ghz / (double)c->size
                   : NAN);
    tb_csv_num(f, "%.1f", tsc_ghz > 0 ? per_thread_ns * tsc_ghz : NAN);
    fprintf(f, ",%d", s.cv > o->noisy_cv ? 1 : 0);
    tb_csv_field(f, ',', "ok");
    tb_csv_field(f, ',', c->note);
    fputc('\n', f);
}

static void write_samples(FILE *f, const tb_opts *o, const tb_backend *be,
                          const reg *g)
{
    for (int i = 0; i < g->n; i++) {
        tb_csv_field(f, 0, SCHEMA_VERSION);
        tb_csv_field(f, ',', o->run_id);
        tb_csv_field(f, ',', be->name);
        tb_csv_field(f, ',', g->c->family);
        tb_csv_field(f, ',', g->c->alg);
        tb_csv_field(f, ',', g->c->op);
        fprintf(f, ",%zu,%d,%d,%lld,%.3f,%d\n", g->c->size, g->threads, i,
                (long long)g->iters[i], g->ns[i], g->round[i]);
    }
}

static void emit_info(const char *key, const char *value)
{
    printf("%s=%s\n", key, value);
}

/* The value for gate failures: the algorithm bit a case is known by. */
static int case_bit(const tb_case *c)
{
    switch (c->fam) {
    case TB_FAM_AEAD:
    case TB_FAM_KEX:
    case TB_FAM_SIG:
        return c->alg_id;
    case TB_FAM_RSA_KT:
        return 0;
    case TB_FAM_PRF:
    case TB_FAM_HKDF:
        return (int)c->hash;
    default:
        return -1;
    }
}

/* The cases every --filter selects, in *out (allocated). Returns the
 * count, or 0 after a message when a filter is invalid or nothing is
 * selected. */
static size_t select_cases(const tb_backend *be, const tb_opts *o,
                           tb_case **out)
{
    tb_case_opts copts = {o->sizes, o->n_sizes};
    tb_case *cases;
    size_t n = tb_cases_build(be, &copts, &cases), matched = 0;
    regex_t re[TB_MAX_FILTERS];
    for (int f = 0; f < o->n_filters; f++) {
        if (regcomp(&re[f], o->filters[f], REG_EXTENDED | REG_NOSUB) != 0) {
            fprintf(stderr, "tlsbench: --filter '%s' is not a valid regular "
                            "expression (POSIX extended)\n",
                    o->filters[f]);
            for (int g = 0; g < f; g++) {
                regfree(&re[g]);
            }
            free(cases);
            return 0;
        }
    }
    for (size_t i = 0; i < n; i++) {
        int all = 1;
        for (int f = 0; f < o->n_filters && all; f++) {
            all = regexec(&re[f], cases[i].name, 0, NULL, 0) == 0;
        }
        if (all) {
            cases[matched++] = cases[i];
        }
    }
    for (int f = 0; f < o->n_filters; f++) {
        regfree(&re[f]);
    }
    if (matched == 0) {
        fprintf(stderr,
                "tlsbench: --filter %s%s%s matches no case (names are "
                "family/alg/op/size, e.g. aead/AES-128-GCM/seal/16384; "
                "--list shows them)\n",
                o->n_filters ? "'" : "", o->n_filters ? o->filters[0] : "",
                o->n_filters > 1 ? "' (with the others)" : "'");
        free(cases);
        return 0;
    }
    *out = cases;
    return matched;
}

/* --prior-samples: the repetitions an earlier round of the same run made
 * (its --samples file). Checked before any work: a file that is not such a
 * samples.csv, or holds another backend's or another run's rows, stops the
 * run. */
static const char *const prior_cols[] = {
    "run_id", "backend", "family", "alg", "op", "size_bytes", "threads",
    "repetition", "iterations", "ns_per_op", "round", NULL};

static int prior_load(tb_table *t, const tb_opts *o, const tb_backend *be)
{
    char err[256];
    if (tb_table_load(t, o->prior, err, sizeof(err)) != 0) {
        fprintf(stderr, "tlsbench: --prior-samples %s: %s\n", o->prior, err);
        return -1;
    }
    if (tb_table_require(t, prior_cols, err, sizeof(err)) != 0) {
        fprintf(stderr, "tlsbench: --prior-samples %s: %s\n", o->prior, err);
        tb_table_free(t);
        return -1;
    }
    long c_run = tb_table_col(t, "run_id"), c_be = tb_table_col(t, "backend");
    long c_ns = tb_table_col(t, "ns_per_op");
    long c_it = tb_table_col(t, "iterations");
    long c_round = tb_table_col(t, "round");
    const char *run_id = o->run_id ? o->run_id : "";
    for (size_t r = 0; r < t->rows; r++) {
        const char *why = NULL;
        char *end;
        long round;
        if (strcmp(tb_table_get(t, r, c_be), be->name) != 0) {
            why = "a row of another backend";
        } else if (strcmp(tb_table_get(t, r, c_run), run_id) != 0) {
            why = "a row of another run (--run-id differs)";
        } else if (strtod(tb_table_get(t, r, c_ns), &end) <= 0 || *end) {
            why = "ns_per_op is not a positive number";
        } else if (strtoll(tb_table_get(t, r, c_it), &end, 10) <= 0 || *end) {
            why = "iterations is not a positive whole number";
        } else if ((round = strtol(tb_table_get(t, r, c_round), &end, 10)) < 1 ||
                   *end || round >= o->round) {
            why = "round is not a whole number from 1 to the one before --round";
        }
        if (why != NULL) {
            fprintf(stderr,
                    "tlsbench: --prior-samples %s: data row %zu: %s (the "
                    "file must be this backend's --samples of the same "
                    "run)\n",
                    o->prior, r + 1, why);
            tb_table_free(t);
            return -1;
        }
    }
    return 0;
}

/* g's case and thread count as prior rows spell them, with the columns
 * they are in: looked up once per case, not once per row. */
typedef struct {
    const reg *g;
    long fam, alg, op, size, thr;
    char size_s[32], thr_s[16];
} prior_key;

static void prior_key_init(prior_key *k, const tb_table *t, const reg *g)
{
    k->g = g;
    k->fam = tb_table_col(t, "family");
    k->alg = tb_table_col(t, "alg");
    k->op = tb_table_col(t, "op");
    k->size = tb_table_col(t, "size_bytes");
    k->thr = tb_table_col(t, "threads");
    snprintf(k->size_s, sizeof(k->size_s), "%zu", g->c->size);
    snprintf(k->thr_s, sizeof(k->thr_s), "%d", g->threads);
}

/* Whether the prior row r is of the key's case and thread count. */
static int prior_row_of(const tb_table *t, size_t r, const prior_key *k)
{
    return strcmp(tb_table_get(t, r, k->fam), k->g->c->family) == 0 &&
           strcmp(tb_table_get(t, r, k->alg), k->g->c->alg) == 0 &&
           strcmp(tb_table_get(t, r, k->op), k->g->c->op) == 0 &&
           strcmp(tb_table_get(t, r, k->size), k->size_s) == 0 &&
           strcmp(tb_table_get(t, r, k->thr), k->thr_s) == 0;
}

/* Puts the prior repetitions of g's case and thread count before its own. */
static void prior_prepend(const tb_table *t, reg *g)
{
    long c_ns = tb_table_col(t, "ns_per_op");
    long c_it = tb_table_col(t, "iterations");
    long c_round = tb_table_col(t, "round");
    prior_key key;
    prior_key_init(&key, t, g);
    int k = 0;
    for (size_t r = 0; r < t->rows; r++) {
        k += prior_row_of(t, r, &key);
    }
    if (k == 0) {
        return;
    }
    double *ns = malloc((size_t)(k + g->n) * sizeof(double));
    int64_t *it = malloc((size_t)(k + g->n) * sizeof(int64_t));
    int *rd = malloc((size_t)(k + g->n) * sizeof(int));
    if (ns == NULL || it == NULL || rd == NULL) {
        fprintf(stderr, "tlsbench: out of memory\n");
        exit(2);
    }
    int i = 0;
    for (size_t r = 0; r < t->rows; r++) {
        if (prior_row_of(t, r, &key)) {
            ns[i] = strtod(tb_table_get(t, r, c_ns), NULL);
            it[i] = strtoll(tb_table_get(t, r, c_it), NULL, 10);
            rd[i] = (int)strtol(tb_table_get(t, r, c_round), NULL, 10);
            i++;
        }
    }
    if (g->n > 0) {
        memcpy(ns + k, g->ns, (size_t)g->n * sizeof(double));
        memcpy(it + k, g->iters, (size_t)g->n * sizeof(int64_t));
        memcpy(rd + k, g->round, (size_t)g->n * sizeof(int));
    }
    free(g->ns);
    free(g->iters);
    free(g->round);
    g->ns = ns;
    g->iters = it;
    g->round = rd;
    g->n += k;
    g->cap = g->n;
}

static int run_bench(const tb_backend *be, tb_opts *o, int gb_argc,
                     char **gb_argv)
{
    const char *version = be->version ? be->version() : "";
    tb_case *cases;
    size_t matched = select_cases(be, o, &cases);
    if (matched == 0) {
        return 2;
    }
    tb_table prior = {0};
    if (o->prior && prior_load(&prior, o, be) != 0) {
        free(cases);
        return 2;
    }
    tb_csv_file out, samples;
    if (tb_csv_open(&out, o->csv) != 0) {
        fprintf(stderr, "tlsbench: cannot write %s: %s\n", o->csv,
                strerror(errno));
        tb_table_free(&prior);
        free(cases);
        return 2;
    }
    if (o->samples && tb_csv_open(&samples, o->samples) != 0) {
        fprintf(stderr, "tlsbench: cannot write %s: %s\n", o->samples,
                strerror(errno));
        tb_csv_abort(&out);
        tb_table_free(&prior);
        free(cases);
        return 2;
    }
    fputs(csv_header, out.f);
    if (o->samples) {
        fputs(samples_header, samples.f);
    }
    /* The gate: known answers first; a family that fails is not timed. */
    tb_kat_result kat = {0};
    if (!be->baseline) {
        tb_kat_builtin(be, &kat);
    }
    if (o->test_fault != NULL && strcmp(o->test_fault, "wrong-result") == 0) {
        /* Test switch: behave as if every known answer had failed. */
        for (int f = 0; f < TB_FAM_COUNT; f++) {
            kat.family_failed[f] = 0xf;
            for (int b = 0; b < 4; b++) {
                snprintf(kat.family_why[f][b], sizeof(kat.family_why[f][b]),
                         "known answer failed (injected by the test switch)");
            }
        }
    }
    run_state rs = {0};
    rs.backend = be->name;
    rs.round = o->round;
    rs.regs = calloc(matched * (size_t)o->n_threads, sizeof(reg));
    if (rs.regs == NULL) {
        return 2;
    }
    size_t ok_cases = 0;
    for (size_t i = 0; i < matched; i++) {
        tb_case *c = &cases[i];
        int bit = case_bit(c);
        if (c->status == TB_CASE_UNSUPPORTED) {
            /* absent class: reason already in note */
        } else if (bit >= 0 && (kat.family_failed[c->fam] >> bit) & 1) {
            c->status = TB_CASE_FAILED;
            snprintf(c->note, sizeof(c->note), "%s",
                     kat.family_why[c->fam][bit]);
        } else {
            tb_case_check(c);
        }
        if (c->status != TB_CASE_OK) {
            for (int t = 0; t < o->n_threads; t++) {
                write_unmeasured(out.f, o, be, version, c, o->threads[t],
                                 c->status, c->note);
            }
            continue;
        }
        ok_cases++;
        for (int t = 0; t < o->n_threads; t++) {
            reg *g = &rs.regs[rs.n_regs++];
            g->c = c;
            g->threads = o->threads[t];
            tb_gb_bench *b = tb_gb_register(c->name, c->timed, c);
            tb_gb_threads(b, g->threads);
            tb_gb_use_real_time(b);
            if (o->iterations > 0) {
                tb_gb_iterations(b, o->iterations);
            }
        }
    }
    fprintf(stderr, "[%s] %zu cases: %zu to time, %zu unsupported or failed\n",
            be->name, matched, ok_cases, matched - ok_cases);
    if (o->test_fault != NULL) {
        if (strcmp(o->test_fault, "crash") == 0) {
            raise(SIGSEGV);
        } else if (strcmp(o->test_fault, "hang") == 0) {
            for (;;) {
                pause();
            }
        }
    }
    rs.total = rs.n_regs;
    if (rs.n_regs > 0) {
        tb_gb_initialize(&gb_argc, gb_argv);
        if (tb_gb_run(on_result, &rs, o->console) < 0) {
            return 2;
        }
    }
    for (size_t i = 0; i < rs.n_regs; i++) {
        reg *g = &rs.regs[i];
        if (o->prior && !g->error && g->n > 0) {
            prior_prepend(&prior, g);
        }
        if (g->error || g->n == 0) {
            write_unmeasured(out.f, o, be, version, g->c, g->threads,
                             g->error == 2 ? TB_CASE_UNSUPPORTED
                                           : TB_CASE_FAILED,
                             g->error ? g->error_msg : "no measurement");
        } else {
            write_measured(out.f, o, be, version, g);
            if (o->samples) {
                write_samples(samples.f, o, be, g);
            }
        }
        free(g->ns);
        free(g->iters);
        free(g->round);
    }
    free(rs.regs);
    free(cases);
    tb_table_free(&prior);
    if (tb_csv_commit(&out) != 0 ||
        (o->samples && tb_csv_commit(&samples) != 0)) {
        fprintf(stderr, "tlsbench: cannot write results: %s\n",
                strerror(errno));
        return 2;
    }
    return 0;
}

/* The cases (with --filter, those it selects; none is an error). */
static int run_list(const tb_backend *be, const tb_opts *o)
{
    tb_case *cases;
    size_t n = select_cases(be, o, &cases);
    if (n == 0) {
        return 2;
    }
    for (size_t i = 0; i < n; i++) {
        printf("%s\t%s\t%s\t%s\t%s\t%zu\t%s\t%s\n", cases[i].name,
               cases[i].family, cases[i].alg, cases[i].op,
               cases[i].cls ? "available" : "unsupported", cases[i].size,
               cases[i].bulk ? "bulk" : "-", cases[i].note);
    }
    free(cases);
    return 0;
}

static int run_kat(const tb_backend *be, const tb_opts *o)
{
    tb_kat_result r = {0};
    r.log = stdout;
    /* Validate every file before any test runs. */
    for (int i = 0; i < o->n_files; i++) {
        char err[200];
        if (tb_kat_validate(o->files[i], err, sizeof(err)) != 0) {
            fprintf(stderr, "tlsbench: %s: %s\n", o->files[i], err);
            return 2;
        }
    }
    tb_kat_builtin(be, &r);
    for (int i = 0; i < o->n_files; i++) {
        if (tb_kat_file(be, o->files[i], &r) != 0) {
            return 2;
        }
    }
    /* Every case's own check, as the benchmark does before timing. */
    tb_case_opts copts = {o->sizes, o->n_sizes};
    tb_case *cases;
    size_t n = tb_cases_build(be, &copts, &cases);
    for (size_t i = 0; i < n; i++) {
        tb_case *c = &cases[i];
        if (c->cls == NULL) {
            r.skipped++;
            printf("skip %s: %s\n", c->name, c->note);
            continue;
        }
        tb_case_status st = tb_case_check(c);
        if (st == TB_CASE_UNSUPPORTED) {
            r.skipped++;
        } else if (st == TB_CASE_OK) {
            r.passed++;
        } else {
            r.failed++;
        }
        printf("%s %s: %s\n",
               st == TB_CASE_OK ? "pass" : st == TB_CASE_FAILED ? "FAIL" : "skip",
               c->name, c->note);
    }
    free(cases);
    printf("%s: %d passed, %d failed, %d skipped\n", be->name, r.passed,
           r.failed, r.skipped);
    return r.failed ? 1 : 0;
}

int main(int argc, char **argv)
{
    const tb_backend *be = &tb_backend_impl;
    tb_opts o;
    char **gb_argv = NULL;
    int gb_argc = 0;
    if (tb_opts_parse(&o, argc, argv, &gb_argc, &gb_argv) != 0) {
        return 2;
    }
    if (be->global_init) {
        tb_why why = {{0}};
        if (be->global_init(&why) != TB_OK) {
            fprintf(stderr, "tlsbench: %s: library initialisation failed: %s\n",
                    be->name, why.text);
            return 3;
        }
    }
    int rc;
    switch (o.mode) {
    case TB_MODE_INFO:
        printf("backend=%s\nversion=%s\n", be->name,
               be->version ? be->version() : "");
        if (be->describe) {
            be->describe(emit_info);
        }
        rc = 0;
        break;
    case TB_MODE_LIST:
        rc = run_list(be, &o);
        break;
    case TB_MODE_KAT:
        rc = run_kat(be, &o);
        break;
    case TB_MODE_EMIT:
        rc = tb_xcheck_emit(be, o.files[0]);
        break;
    case TB_MODE_CONSUME:
        rc = tb_xcheck_consume(be, o.files[0]);
        break;
    case TB_MODE_VECTORS:
        rc = tb_wp_main(be, o.files, o.n_files);
        break;
    default:
        tsc_ghz = measure_tsc_ghz();
        rc = run_bench(be, &o, gb_argc, gb_argv);
        break;
    }
    free(gb_argv);
    return rc;
}
