/*
 * tlsleak-<backend>: does the time of the backend's TLS pre-master-secret
 * decryption (its rsa_kt decrypt_pms, the path the speed rows time) depend
 * on the ciphertext? Classes of valid and broken PKCS#1 v1.5 blocks are
 * decrypted in randomised blocks, each call timed with the cycle counter,
 * and compared with the valid class (stats.h). Writes one CSV row per key
 * and class, and prints a verdict per key.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend.h"
#include "csv.h"
#include "ctclass.h"
#include "keys.h"
#include "measure.h"
#include "opts.h"
#include "rng.h"
#include "stats.h"
#include "tsc.h"
#include "util.h"

static const char *const usage =
    "usage: tlsleak-<backend> --csv FILE [--seconds S] [--keys LIST]\n"
    "           [--run-id ID] [--cpu N] [--seed N] [--max-blocks N]\n"
    "           [--raw FILE]\n"
    "       tlsleak-<backend> --probe\n"
    "  --seconds S    measuring time for the whole backend, split evenly\n"
    "                 between the keys (default 100; 1 to 86400)\n"
    "  --keys LIST    RSA key sizes from 1024,2048,3072,4096 (default\n"
    "                 2048,1024)\n"
    "  --max-blocks N stop a key after N blocks (default 100000: memory and\n"
    "                 bootstrap time)\n"
    "  --raw FILE     every time measured: key_bits,block,class,ns\n"
    "  --seed N       the ciphertexts' and order's PRNG seed (default: fresh)\n"
    "  --probe        exit 0 when the backend has RSA key transport, 4 if not\n";

typedef struct {
    const char *csv, *run_id, *raw;
    double seconds;
    int keys[TB_RSA_KEY_COUNT], n_keys;
    int cpu;
    int have_seed;
    uint64_t seed;
    size_t max_blocks;
    int probe;
} leak_opts;

#define SCHEMA_VERSION 1
static const char *const csv_header =
    "schema_version,run_id,backend,backend_version,key_bits,class,samples,"
    "median_ns,diff_ns,ci_low_ns,ci_high_ns,p_sign,p_wilcoxon,p_friedman,"
    "friedman_stat,verdict,detectable_ns,tsc_ghz,note";

static int bad_value(const char *opt, const char *v, const char *valid)
{
    fprintf(stderr, "tlsleak: %s: '%s' is not valid (%s)\n%s", opt,
            v ? v : "", valid, usage);
    return -1;
}

static int key_index(long bits)
{
    for (int i = 0; i < TB_RSA_KEY_COUNT; i++) {
        if (tb_rsa_keys[i].bits == (unsigned)bits) {
            return i;
        }
    }
    return -1;
}

static const char *const value_opts[] = {"--csv",  "--seconds",    "--keys",
                                         "--run-id", "--cpu", "--seed",
                                         "--max-blocks", "--raw", NULL};

/* One option a with its value v (checked in full). */
static int parse_value(leak_opts *o, const char *a, const char *v)
{
    char *end = NULL;
    errno = 0;
    if (strcmp(a, "--csv") == 0) {
        o->csv = v;
    } else if (strcmp(a, "--raw") == 0) {
        o->raw = v;
    } else if (strcmp(a, "--run-id") == 0) {
        o->run_id = v;
    } else if (strcmp(a, "--seconds") == 0) {
        o->seconds = strtod(v, &end);
        if (*end != '\0' || errno != 0 || !(o->seconds >= 1) ||
            o->seconds > 86400) {
            return bad_value(a, v, "a number of seconds from 1 to 86400");
        }
    } else if (strcmp(a, "--keys") == 0) {
        long bits[TB_RSA_KEY_COUNT];
        char err[160];
        int n = tb_parse_list(v, 1, 100000, bits, TB_RSA_KEY_COUNT, err,
                              sizeof(err));
        if (n < 0) {
            return bad_value(a, v, err);
        }
        for (int j = 0; j < n; j++) {
            o->keys[j] = key_index(bits[j]);
            if (o->keys[j] < 0) {
                return bad_value(a, v, "key sizes 1024, 2048, 3072, 4096");
            }
        }
        o->n_keys = n;
    } else if (strcmp(a, "--cpu") == 0) {
        long c = strtol(v, &end, 10);
        if (*end != '\0' || errno != 0 || c < 0 || c > 4095) {
            return bad_value(a, v, "a CPU number from 0 to 4095");
        }
        o->cpu = (int)c;
    } else if (strcmp(a, "--seed") == 0) {
        o->seed = strtoull(v, &end, 10);
        if (*v < '0' || *v > '9' || *end != '\0' || errno != 0) {
            return bad_value(a, v, "a whole number below 2^64");
        }
        o->have_seed = 1;
    } else {
        long m = strtol(v, &end, 10);
        if (*end != '\0' || errno != 0 || m < 100 || m > 10000000) {
            return bad_value(a, v, "a number of blocks from 100 to 10000000");
        }
        o->max_blocks = (size_t)m;
    }
    return 0;
}

static int parse(leak_opts *o, int argc, char **argv)
{
    memset(o, 0, sizeof(*o));
    o->seconds = 100;
    o->cpu = -1;
    o->max_blocks = 100000;
    o->keys[0] = TB_RSA2048;
    o->keys[1] = TB_RSA1024;
    o->n_keys = 2;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--probe") == 0) {
            o->probe = 1;
            continue;
        }
        if (strcmp(a, "--help") == 0) {
            fputs(usage, stdout);
            exit(0);
        }
        int known = 0;
        for (int j = 0; value_opts[j] != NULL; j++) {
            known |= strcmp(a, value_opts[j]) == 0;
        }
        if (!known) {
            fprintf(stderr, "tlsleak: unknown option '%s'\n%s", a, usage);
            return -1;
        }
        const char *v = i + 1 < argc ? argv[++i] : NULL;
        if (v == NULL || *v == '\0') {
            return bad_value(a, v, "it needs a value");
        }
        if (parse_value(o, a, v) != 0) {
            return -1;
        }
    }
    if (!o->probe && o->csv == NULL) {
        fprintf(stderr, "tlsleak: --csv FILE is needed\n%s", usage);
        return -1;
    }
    return 0;
}

/* ------------------------------------------------------------------ CSV */

typedef struct {
    FILE *f;
    const char *run_id, *backend, *version;
    double ghz;
} out_ctx;

static void num(FILE *f, const char *fmt, double v)
{
    fputc(',', f);
    if (!isnan(v)) {
        fprintf(f, fmt, v);
    }
}

static void row_start(const out_ctx *o, unsigned bits, const char *cls)
{
    fprintf(o->f, "%d", SCHEMA_VERSION);
    tb_csv_field(o->f, ',', o->run_id);
    tb_csv_field(o->f, ',', o->backend);
    tb_csv_field(o->f, ',', o->version);
    fprintf(o->f, ",%u", bits);
    tb_csv_field(o->f, ',', cls);
}

/* A key without measurements: unsupported or failed, with the reason. */
static void row_status(const out_ctx *o, unsigned bits, const char *verdict,
                       const char *note)
{
    row_start(o, bits, "");
    fputs(",,,,,,,,,", o->f);
    tb_csv_field(o->f, ',', verdict);
    fputs(",", o->f);
    num(o->f, "%.4f", o->ghz);
    tb_csv_field(o->f, ',', note);
    fputc('\n', o->f);
}

static void rows_measured(const out_ctx *o, unsigned bits,
                          const tb_leak_class_stats *st,
                          const tb_leak_summary *sum, const char *ref_note,
                          const char *selfcheck)
{
    for (int c = 0; c < TB_CT_COUNT; c++) {
        const tb_leak_class_stats *s = &st[c];
        row_start(o, bits, tb_ct_class_name(c));
        fprintf(o->f, ",%zu", s->n);
        num(o->f, "%.1f", s->median);
        num(o->f, "%.1f", s->diff);
        num(o->f, "%.1f", c == TB_CT_VALID48 ? NAN : s->ci_low);
        num(o->f, "%.1f", c == TB_CT_VALID48 ? NAN : s->ci_high);
        num(o->f, "%.3g", s->p_sign);
        num(o->f, "%.3g", s->p_wilcoxon);
        num(o->f, "%.3g", sum->p_friedman);
        num(o->f, "%.2f", sum->friedman);
        tb_csv_field(o->f, ',', tb_leak_verdict_name(sum->verdict));
        num(o->f, "%.1f", sum->detectable);
        num(o->f, "%.4f", o->ghz);
        /* The run's message rides on the reference row; a class row only
         * says what is particular to it. */
        char note[160] = "";
        if (c == TB_CT_VALID48) {
            tb_csv_field(o->f, ',', ref_note);
        } else {
            const char *hit = strstr(selfcheck, tb_ct_class_name(c));
            if (hit != NULL) {
                snprintf(note, sizeof(note), "accepted as valid in the "
                                             "self-check");
            }
            tb_csv_field(o->f, ',', note);
        }
        fputc('\n', o->f);
    }
}

/* ------------------------------------------------------------------ run */

typedef struct {
    int idx;
    const tb_rsa_kt_class **ctx;
    tb_ct_gen *gen;
    char selfcheck[400];
} key_run;

static const tb_rsa_kt_class **rsa_new(const tb_rsa_kt_class *cls,
                                       const tb_rsa_key *key, tb_why *why,
                                       tb_status *st)
{
    const tb_rsa_kt_class **ctx = tb_ctx_new(cls, cls->context_size);
    *st = cls->init(ctx, key, why);
    if (*st != TB_OK) {
        (*ctx)->cleanup(ctx);
        free(ctx);
        return NULL;
    }
    return ctx;
}

static void analyse_key(const out_ctx *o, const tb_backend *be, key_run *k,
                        const tb_leak_samples *s, const char *clock_note)
{
    const char *names[TB_CT_COUNT];
    for (int c = 0; c < TB_CT_COUNT; c++) {
        names[c] = tb_ct_class_name(c);
    }
    unsigned bits = tb_rsa_keys[k->idx].bits;
    tb_leak_class_stats st[TB_CT_COUNT];
    tb_leak_summary sum;
    /* A fixed bootstrap seed: the same samples give the same intervals. */
    if (tb_leak_analyse(s->t, s->blocks, TB_CT_COUNT, TB_CT_VALID48,
                        TB_LEAK_BOOT, 0x6c65616b, 1 / o->ghz, names, st,
                        &sum) != 0) {
        row_status(o, bits, "failed", "the analysis ran out of memory");
        printf("tlsleak: %s RSA-%u: failed (analysis out of memory)\n",
               be->name, bits);
        return;
    }
    char note[900];
    int n = snprintf(note, sizeof(note), "%s; %zu blocks of %d classes",
                     sum.why, s->blocks, TB_CT_COUNT);
    if (s->capped) {
        n += snprintf(note + n, sizeof(note) - (size_t)n,
                      " (the --max-blocks limit, before the time budget)");
    }
    if (s->moved) {
        n += snprintf(note + n, sizeof(note) - (size_t)n,
                      " (%zu dropped: the thread changed core)", s->moved);
    }
    snprintf(note + n, sizeof(note) - (size_t)n, "; path: %s%s%s",
             be->rsa_kt->note ? be->rsa_kt->note : "?",
             clock_note[0] ? "; " : "", clock_note);
    if (be->baseline) {
        snprintf(note + strlen(note), sizeof(note) - strlen(note),
                 "; baseline backend (does nothing): measures the harness");
    }
    if (k->selfcheck[0]) {
        snprintf(note + strlen(note), sizeof(note) - strlen(note),
                 "; self-check: %s", k->selfcheck);
    }
    rows_measured(o, bits, st, &sum, note, k->selfcheck);
    printf("tlsleak: %s RSA-%u: %s (%s)\n", be->name, bits,
           tb_leak_verdict_name(sum.verdict), sum.why);
    fflush(stdout);
}

/* Init and self-check of one key (never timed). Returns 0 when it can be
 * measured; otherwise its row says why. */
static int setup_key(const out_ctx *o, const tb_backend *be, key_run *k,
                     tb_leak_rng *rng)
{
    const tb_rsa_key *key = &tb_rsa_keys[k->idx];
    tb_why why = {{0}};
    tb_status st;
    k->ctx = rsa_new(be->rsa_kt, key, &why, &st);
    if (k->ctx == NULL) {
        const char *v = st == TB_UNSUPPORTED ? "unsupported" : "failed";
        row_status(o, key->bits, v, why.text);
        printf("tlsleak: %s RSA-%u: %s (%s)\n", be->name, key->bits, v,
               why.text);
        return -1;
    }
    k->gen = tb_ct_gen_new(key);
    if (k->gen == NULL ||
        tb_leak_selfcheck(k->ctx, k->gen, rng, be->baseline, k->selfcheck,
                          sizeof(k->selfcheck)) != 0) {
        const char *why_s = k->gen ? k->selfcheck : "key not usable";
        row_status(o, key->bits, "failed", why_s);
        printf("tlsleak: %s RSA-%u: failed (%s)\n", be->name, key->bits,
               why_s);
        (*k->ctx)->cleanup(k->ctx);
        free(k->ctx);
        k->ctx = NULL;
        return -1;
    }
    return 0;
}

/* Measures and analyses one set-up key, then frees it. */
static void measure_key(const out_ctx *o, const tb_backend *be, key_run *k,
                        tb_leak_rng *rng, const tb_leak_plan *plan, int cpu,
                        const char *clock_note)
{
    fprintf(stderr, "tlsleak: %s RSA-%u: measuring for %.0f s on CPU %d "
                    "(%d classes per block, %.3f GHz counter)\n",
            be->name, plan->bits, plan->seconds, cpu, TB_CT_COUNT, plan->ghz);
    tb_leak_samples s;
    if (tb_leak_measure(k->ctx, k->gen, rng, plan, &s) != 0) {
        char why[160];
        if (s.failed_class >= 0) {
            snprintf(why, sizeof(why),
                     "decrypt_pms returned an error on a %s ciphertext",
                     tb_ct_class_name(s.failed_class));
        } else {
            snprintf(why, sizeof(why), "out of memory");
        }
        row_status(o, plan->bits, "failed", why);
        printf("tlsleak: %s RSA-%u: failed (%s)\n", be->name, plan->bits,
               why);
    } else {
        analyse_key(o, be, k, &s, clock_note);
    }
    tb_leak_samples_free(&s);
    (*k->ctx)->cleanup(k->ctx);
    free(k->ctx);
    k->ctx = NULL;
}

static int run(const leak_opts *opt, const tb_backend *be)
{
    char err[200], clock_note[300] = "";
    int cpu = tb_leak_pin(opt->cpu, err, sizeof(err));
    if (cpu < 0) {
        fprintf(stderr, "tlsleak: cannot pin to a core: %s\n", err);
        return 3;
    }
    if (!tb_leak_clock_ok(err, sizeof(err))) {
        snprintf(clock_note, sizeof(clock_note), "clock warning: %s; ", err);
    }
    double ghz = tb_leak_clock_ghz(200);
    size_t cn = strlen(clock_note);
    snprintf(clock_note + cn, sizeof(clock_note) - cn, "clock: %s at %.3f GHz",
             TB_LEAK_CLOCK_NAME, ghz);
    out_ctx o = {.run_id = opt->run_id ? opt->run_id : "",
                 .backend = be->name,
                 .version = be->version ? be->version() : "",
                 .ghz = ghz};
    tb_csv_file csv;
    FILE *raw = NULL;
    if (tb_csv_open(&csv, opt->csv) != 0 ||
        (opt->raw != NULL && (raw = fopen(opt->raw, "w")) == NULL)) {
        fprintf(stderr, "tlsleak: cannot write %s: %s\n",
                csv.f == NULL ? opt->csv : opt->raw, strerror(errno));
        if (csv.f != NULL) {
            tb_csv_abort(&csv);
        }
        return 3;
    }
    o.f = csv.f;
    fprintf(o.f, "%s\n", csv_header);
    if (raw != NULL) {
        fputs("key_bits,block,class,ns\n", raw);
    }
    tb_leak_rng rng;
    tb_leak_rng_seed(&rng, opt->have_seed ? opt->seed
                                          : tb_leak_rng_fresh_seed());
    /* Every key is set up first, so that the budget is split between the
     * keys that can be measured. */
    key_run keys[TB_RSA_KEY_COUNT];
    int n_ok = 0;
    for (int i = 0; i < opt->n_keys; i++) {
        memset(&keys[i], 0, sizeof(keys[i]));
        keys[i].idx = opt->keys[i];
        n_ok += setup_key(&o, be, &keys[i], &rng) == 0;
    }
    for (int i = 0; i < opt->n_keys; i++) {
        if (keys[i].ctx != NULL) {
            tb_leak_plan plan = {.seconds = opt->seconds / n_ok,
                                 .max_blocks = opt->max_blocks,
                                 .ghz = ghz,
                                 .bits = tb_rsa_keys[keys[i].idx].bits,
                                 .raw = raw};
            measure_key(&o, be, &keys[i], &rng, &plan, cpu, clock_note);
        }
        tb_ct_gen_free(keys[i].gen);
    }
    if (raw != NULL && fclose(raw) != 0) {
        fprintf(stderr, "tlsleak: writing %s failed\n", opt->raw);
    }
    if (tb_csv_commit(&csv) != 0) {
        fprintf(stderr, "tlsleak: writing %s failed: %s\n", opt->csv,
                strerror(errno));
        return 3;
    }
    return 0;
}

int main(int argc, char **argv)
{
    const tb_backend *be = &tb_backend_impl;
    leak_opts opt;
    if (parse(&opt, argc, argv) != 0) {
        return 2;
    }
    if (be->rsa_kt == NULL || be->rsa_kt->decrypt_pms == NULL) {
        const char *why = be->absent ? be->absent(TB_FAM_RSA_KT, 0) : NULL;
        fprintf(stderr, "tlsleak: %s has no RSA key transport (%s)\n",
                be->name, why ? why : "no decrypt_pms");
        return 4;
    }
    if (opt.probe) {
        printf("%s: RSA key transport: %s\n", be->name,
               be->rsa_kt->note ? be->rsa_kt->note : "yes");
        return 0;
    }
    if (be->global_init != NULL) {
        tb_why why = {{0}};
        if (be->global_init(&why) != TB_OK) {
            fprintf(stderr, "tlsleak: %s: library initialisation failed: %s\n",
                    be->name, why.text);
            return 3;
        }
    }
    return run(&opt, be);
}
