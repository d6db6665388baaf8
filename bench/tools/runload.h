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

#endif
