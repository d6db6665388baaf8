/*
 * A run folder read for the tools: results.csv (and samples.csv, and
 * machine.txt when present), checked strictly. Every problem is an error
 * naming the file and line, so a tool refuses bad input before any work.
 */
#ifndef TLSBENCH_RUNLOAD_H
#define TLSBENCH_RUNLOAD_H

#include <stddef.h>

#include "csvread.h"

enum { TB_ROW_OK, TB_ROW_UNSUPPORTED, TB_ROW_FAILED };

typedef struct {
    const char *backend, *version, *family, *alg, *op, *note;
    long size;
    int threads;
    int status;   /* TB_ROW_* */
    /* measured rows only (status ok); NAN where the CSV leaves it empty */
    int reps;
    double ns, ns_min, ns_max, cv, ops, ops_per_thread, mb_per_s, cpb;
    int noisy;
    double *samples; /* reps values of ns_per_op (when samples are loaded) */
    int *rounds;     /* the round of each sample; NULL in runs without */
    size_t n_samples;
    size_t line;      /* in results.csv */
} tb_row;

typedef struct {
    char dir[4096];
    char name[256];   /* the run id (or the folder's base name) */
    tb_table res, smp;
    tb_row *rows;     /* in the file's order */
    size_t n_rows;
    double *sample_buf;
    int *round_buf;   /* NULL when samples.csv has no round column */
    char *machine;    /* machine.txt text, or NULL */
} tb_run;

/* Loads dir/results.csv and, when need_samples, dir/samples.csv (every
 * measured row must have exactly its repetitions there). Returns 0, or -1
 * with a message in err. */
int tb_run_load(tb_run *r, const char *dir, int need_samples, char *err,
                size_t err_len);
void tb_run_free(tb_run *r);
/* The value of a machine.txt key (in buf), or NULL when absent. */
const char *tb_run_machine(const tb_run *r, const char *key, char *buf,
                           size_t buf_len);
/* Writes "family/alg/op/size" into buf. */
const char *tb_row_case(const tb_row *w, char *buf, size_t buf_len);
/* Index of the row with these fields, or -1 (linear: tools are small). */
long tb_run_find(const tb_run *r, const char *backend, const char *family,
                 const char *alg, const char *op, long size, int threads);
/* Whether any row has this backend. */
int tb_run_has_backend(const tb_run *r, const char *backend);
/* Distinct backends in order of first appearance, space-separated. */
void tb_run_backends(const tb_run *r, char *buf, size_t buf_len);

/* Rows of runs made in rounds are tested on each round's median when both
 * have at least this many rounds: the repetitions of one round share the
 * machine's state of that moment and are not independent of each other,
 * so testing them one by one finds "changes" that are the machine's. */
#define TB_MIN_ROUNDS 3
/* qsort's comparison of doubles, ascending. */
int tb_cmp_double(const void *x, const void *y);
/* The distinct rounds of w's samples (0 when its run has none). */
size_t tb_row_rounds(const tb_row *w);
/* Whether a and b are to be tested on their rounds' medians. */
int tb_rows_by_round(const tb_row *a, const tb_row *b);
/* The values w is tested on, each divided by scale: the median of each
 * round (by_round) or every repetition. Allocated (free it); *n is the
 * count. Exits on lack of memory. */
double *tb_row_test_values(const tb_row *w, int by_round, double scale,
                           size_t *n);

#endif
