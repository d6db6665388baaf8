/* Command-line options of a backend executable: parsed and checked in full
 * before any work starts. */
#ifndef TLSBENCH_OPTS_H
#define TLSBENCH_OPTS_H

#include <stddef.h>
#include <stdint.h>

typedef enum {
    TB_MODE_BENCH = 0,
    TB_MODE_INFO,
    TB_MODE_LIST,
    TB_MODE_KAT,
    TB_MODE_EMIT,
    TB_MODE_CONSUME,
    TB_MODE_VECTORS
} tb_mode;

#define TB_MAX_THREADS_LIST 16
#define TB_MAX_SIZES 64
#define TB_MAX_FILTERS 4
#define TB_MAX_FILES 1024 /* a whole Wycheproof folder fits */

typedef struct {
    tb_mode mode;
    const char *csv, *samples, *run_id, *test_fault;
    /* --prior-samples: repetitions of earlier rounds of the same run, kept
     * in every row's statistics and written again to --samples */
    const char *prior;
    int round; /* --round: this round's number, written with each sample */
    /* --filter, repeatable: a case is selected when it matches every one */
    const char *filters[TB_MAX_FILTERS];
    int n_filters;
    int reps;
    double min_time;
    double noisy_cv;
    int interleave, console;
    uint64_t iterations;
    int threads[TB_MAX_THREADS_LIST];
    int n_threads;
    size_t sizes[TB_MAX_SIZES];
    size_t n_sizes;
    const char *files[TB_MAX_FILES];
    int n_files;
    char gb_flags[4][64]; /* flags made for Google Benchmark */
} tb_opts;

/* Parses argv; on error prints a message naming the valid values and
 * returns -1. gb_argv receives the arguments for Google Benchmark
 * (allocated; free it). */
int tb_opts_parse(tb_opts *o, int argc, char **argv, int *gb_argc,
                  char ***gb_argv);

/* Parses a comma-separated list of integers in [lo, hi] without
 * duplicates into out (room for max); returns the count or -1 with a
 * message in err. */
int tb_parse_list(const char *s, long lo, long hi, long *out, int max,
                  char *err, size_t err_len);

/* The --vectors mode's entry point (tb_wp_main), so that the mode dispatch
 * in main.c needs nothing but its case. */
#include "wycheproof.h"

#endif
