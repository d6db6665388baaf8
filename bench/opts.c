#include "opts.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases.h"

static const char *const usage =
    "usage: tlsbench-<backend> [--info | --list | --kat [FILE...] |\n"
    "           --vectors FILE... | --emit FILE | --consume FILE]\n"
    "       tlsbench-<backend> --csv FILE [--samples FILE] [--filter REGEX]...\n"
    "           [--reps N] [--min-time SECONDS] [--threads LIST]\n"
    "           [--sizes LIST] [--run-id ID] [--noisy-cv PERCENT]\n"
    "           [--iterations N] [--interleave] [--console]\n"
    "           [--prior-samples FILE] [--round K]\n"
    "           [--benchmark_<flag>=<value> ...]\n";

int tb_parse_list(const char *s, long lo, long hi, long *out, int max,
                  char *err, size_t err_len)
{
    int n = 0;
    const char *p = s;
    if (s == NULL || *s == '\0') {
        snprintf(err, err_len, "an empty list");
        return -1;
    }
    for (;;) {
        char *end;
        errno = 0;
        if (*p < '0' || *p > '9') {
            snprintf(err, err_len, "'%s' is not a list of whole numbers", s);
            return -1;
        }
        long v = strtol(p, &end, 10);
        if (errno != 0 || v < lo || v > hi) {
            snprintf(err, err_len, "%.*s is out of range (%ld to %ld)",
                     (int)(end - p), p, lo, hi);
            return -1;
        }
        for (int i = 0; i < n; i++) {
            if (out[i] == v) {
                snprintf(err, err_len, "%ld appears twice", v);
                return -1;
            }
        }
        if (n == max) {
            snprintf(err, err_len, "more than %d values", max);
            return -1;
        }
        out[n++] = v;
        if (*end == '\0') {
            return n;
        }
        if (*end != ',') {
            snprintf(err, err_len, "'%s' is not a comma-separated list", s);
            return -1;
        }
        p = end + 1;
    }
}

/* The file names after --vectors: at least one, none twice, up to the next
 * option. */
static int collect_files(tb_opts *o, int argc, char **argv, int *i,
                         const char *opt)
{
    while (*i + 1 < argc && strncmp(argv[*i + 1], "--", 2) != 0) {
        const char *f = argv[++*i];
        if (*f == '\0') {
            fprintf(stderr, "tlsbench: %s: an empty file name\n", opt);
            return -1;
        }
        for (int k = 0; k < o->n_files; k++) {
            if (strcmp(o->files[k], f) == 0) {
                fprintf(stderr, "tlsbench: %s: '%s' is named twice\n", opt,
                        f);
                return -1;
            }
        }
        if (o->n_files == TB_MAX_FILES) {
            fprintf(stderr, "tlsbench: %s: more than %d files\n", opt,
                    TB_MAX_FILES);
            return -1;
        }
        o->files[o->n_files++] = f;
    }
    if (o->n_files == 0) {
        fprintf(stderr, "tlsbench: %s needs at least one file (Wycheproof "
                        "JSON, e.g. aes_gcm_test.json)\n",
                opt);
        return -1;
    }
    return 0;
}

static int parse_long(const char *opt, const char *s, long lo, long hi,
                      long *out)
{
    char *end;
    errno = 0;
    long v = s && *s ? strtol(s, &end, 10) : 0;
    if (s == NULL || *s == '\0' || *end != '\0' || errno != 0 || v < lo ||
        v > hi) {
        fprintf(stderr, "tlsbench: %s needs a whole number from %ld to %ld, "
                        "not '%s'\n",
                opt, lo, hi, s ? s : "");
        return -1;
    }
    *out = v;
    return 0;
}

static int parse_double(const char *opt, const char *s, double lo, double hi,
                        double *out)
{
    char *end;
    errno = 0;
    double v = s && *s ? strtod(s, &end) : 0;
    if (s == NULL || *s == '\0' || *end != '\0' || errno != 0 || !(v >= lo) ||
        !(v <= hi)) {
        fprintf(stderr, "tlsbench: %s needs a number from %g to %g, not "
                        "'%s'\n",
                opt, lo, hi, s ? s : "");
        return -1;
    }
    *out = v;
    return 0;
}

int tb_opts_parse(tb_opts *o, int argc, char **argv, int *gb_argc,
                  char ***gb_argv)
{
    memset(o, 0, sizeof(*o));
    /* as make bench: many short repetitions (see scripts/run.sh) */
    o->reps = 40;
    o->round = 1;
    o->min_time = 0.01;
    o->noisy_cv = 5.0;
    o->threads[0] = 1;
    o->n_threads = 1;
    o->run_id = "";
    memcpy(o->sizes, tb_default_aead_sizes,
           tb_n_default_aead_sizes * sizeof(size_t));
    o->n_sizes = tb_n_default_aead_sizes;
    char **gv = calloc((size_t)argc + 8, sizeof(char *));
    int gc = 0;
    if (gv == NULL) {
        return -1;
    }
    gv[gc++] = argv[0];
    int mode_set = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        long n;
        char err[160];
#define NEED_VALUE()                                                         \
    do {                                                                     \
        if (v == NULL) {                                                     \
            fprintf(stderr, "tlsbench: %s needs a value\n%s", a, usage);     \
            goto fail;                                                       \
        }                                                                    \
        i++;                                                                 \
    } while (0)
#define SET_MODE(m)                                                          \
    do {                                                                     \
        if (mode_set) {                                                      \
            fprintf(stderr, "tlsbench: %s: only one of --info, --list, "     \
                            "--kat, --vectors, --emit, --consume\n",         \
                    a);                                                      \
            goto fail;                                                       \
        }                                                                    \
        mode_set = 1;                                                        \
        o->mode = (m);                                                       \
    } while (0)
        if (strncmp(a, "--benchmark_", 12) == 0) {
            gv[gc++] = argv[i];
        } else if (strcmp(a, "--info") == 0) {
            SET_MODE(TB_MODE_INFO);
        } else if (strcmp(a, "--list") == 0) {
            SET_MODE(TB_MODE_LIST);
        } else if (strcmp(a, "--kat") == 0) {
            SET_MODE(TB_MODE_KAT);
            while (i + 1 < argc && strncmp(argv[i + 1], "--", 2) != 0) {
                if (o->n_files == TB_MAX_FILES) {
                    fprintf(stderr, "tlsbench: too many files\n");
                    goto fail;
                }
                o->files[o->n_files++] = argv[++i];
            }
        } else if (strcmp(a, "--vectors") == 0) {
            SET_MODE(TB_MODE_VECTORS);
            if (collect_files(o, argc, argv, &i, a) != 0) {
                goto fail;
            }
        } else if (strcmp(a, "--emit") == 0 || strcmp(a, "--consume") == 0) {
            SET_MODE(a[2] == 'e' ? TB_MODE_EMIT : TB_MODE_CONSUME);
            NEED_VALUE();
            o->files[0] = v;
            o->n_files = 1;
        } else if (strcmp(a, "--csv") == 0) {
            NEED_VALUE();
            o->csv = v;
        } else if (strcmp(a, "--samples") == 0) {
            NEED_VALUE();
            o->samples = v;
        } else if (strcmp(a, "--prior-samples") == 0) {
            NEED_VALUE();
            o->prior = v;
        } else if (strcmp(a, "--filter") == 0) {
            NEED_VALUE();
            if (*v == '\0') {
                fprintf(stderr, "tlsbench: --filter needs a non-empty "
                                "regular expression\n");
                goto fail;
            }
            if (o->n_filters == TB_MAX_FILTERS) {
                fprintf(stderr, "tlsbench: at most %d --filter options\n",
                        TB_MAX_FILTERS);
                goto fail;
            }
            o->filters[o->n_filters++] = v;
        } else if (strcmp(a, "--run-id") == 0) {
            NEED_VALUE();
            o->run_id = v;
        } else if (strcmp(a, "--reps") == 0) {
            NEED_VALUE();
            if (parse_long(a, v, 1, 1000, &n) != 0) {
                goto fail;
            }
            o->reps = (int)n;
        } else if (strcmp(a, "--round") == 0) {
            NEED_VALUE();
            if (parse_long(a, v, 1, 1000, &n) != 0) {
                goto fail;
            }
            o->round = (int)n;
        } else if (strcmp(a, "--iterations") == 0) {
            NEED_VALUE();
            if (parse_long(a, v, 1, 1000000000L, &n) != 0) {
                goto fail;
            }
            o->iterations = (uint64_t)n;
        } else if (strcmp(a, "--min-time") == 0) {
            NEED_VALUE();
            if (parse_double(a, v, 0.001, 60, &o->min_time) != 0) {
                goto fail;
            }
        } else if (strcmp(a, "--noisy-cv") == 0) {
            NEED_VALUE();
            if (parse_double(a, v, 0.01, 1000, &o->noisy_cv) != 0) {
                goto fail;
            }
        } else if (strcmp(a, "--threads") == 0) {
            long t[TB_MAX_THREADS_LIST];
            NEED_VALUE();
            int k = tb_parse_list(v, 1, 256, t, TB_MAX_THREADS_LIST, err,
                                  sizeof(err));
            if (k < 0) {
                fprintf(stderr, "tlsbench: --threads: %s (valid: thread "
                                "counts 1 to 256, e.g. 1,2)\n",
                        err);
                goto fail;
            }
            for (int j = 0; j < k; j++) {
                o->threads[j] = (int)t[j];
            }
            o->n_threads = k;
        } else if (strcmp(a, "--sizes") == 0) {
            long s[TB_MAX_SIZES];
            NEED_VALUE();
            int k = tb_parse_list(v, 1, 65536, s, TB_MAX_SIZES, err,
                                  sizeof(err));
            if (k < 0) {
                fprintf(stderr, "tlsbench: --sizes: %s (valid: record sizes "
                                "in bytes, 1 to 65536, e.g. 16,1350,16384)\n",
                        err);
                goto fail;
            }
            for (int j = 0; j < k; j++) {
                o->sizes[j] = (size_t)s[j];
            }
            o->n_sizes = (size_t)k;
        } else if (strcmp(a, "--interleave") == 0) {
            o->interleave = 1;
        } else if (strcmp(a, "--console") == 0) {
            o->console = 1;
        } else if (strcmp(a, "--test-fault") == 0) {
            /* Test-only: needs TLSBENCH_TEST_FAULTS=1 in the environment. */
            NEED_VALUE();
            const char *env = getenv("TLSBENCH_TEST_FAULTS");
            if (env == NULL || strcmp(env, "1") != 0) {
                fprintf(stderr, "tlsbench: --test-fault is for the test "
                                "suite only\n");
                goto fail;
            }
            if (strcmp(v, "crash") != 0 && strcmp(v, "hang") != 0 &&
                strcmp(v, "wrong-result") != 0) {
                fprintf(stderr, "tlsbench: --test-fault: crash, hang or "
                                "wrong-result\n");
                goto fail;
            }
            o->test_fault = v;
        } else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            fputs(usage, stdout);
            free(gv);
            exit(0);
        } else {
            fprintf(stderr, "tlsbench: unknown option '%s'\n%s", a, usage);
            goto fail;
        }
    }
    if (o->mode == TB_MODE_BENCH && o->csv == NULL) {
        fprintf(stderr, "tlsbench: --csv FILE is needed to benchmark\n%s",
                usage);
        goto fail;
    }
    snprintf(o->gb_flags[0], sizeof(o->gb_flags[0]),
             "--benchmark_repetitions=%d", o->reps);
    snprintf(o->gb_flags[1], sizeof(o->gb_flags[1]),
             "--benchmark_min_time=%g", o->min_time);
    gv[gc++] = o->gb_flags[0];
    gv[gc++] = o->gb_flags[1];
    if (o->interleave) {
        snprintf(o->gb_flags[2], sizeof(o->gb_flags[2]),
                 "--benchmark_enable_random_interleaving=true");
        gv[gc++] = o->gb_flags[2];
    }
    gv[gc] = NULL;
    *gb_argc = gc;
    *gb_argv = gv;
    return 0;
fail:
    free(gv);
    return -1;
}
