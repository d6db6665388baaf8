/*
 * libFuzzer target: the command line of a backend executable (tb_opts_parse)
 * and the list parser behind --threads/--sizes and the knobs
 * (tb_parse_list). The input is NUL-separated arguments. Properties checked
 * besides memory safety: a list that parses has at most `max` values, all
 * in range and distinct; accepted options leave every value in its range.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "opts.h"

#define MAX_ARGS 64

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    /* The parser explains every refusal on stderr; millions of those would
     * drown libFuzzer's report, which keeps its own handle (and the
     * sanitizers write to the descriptor, not this FILE). */
    FILE *null = fopen("/dev/null", "w");
    if (null != NULL) {
        stderr = null;
    }
    /* Lets --test-fault reach its value checks. */
    setenv("TLSBENCH_TEST_FAULTS", "1", 1);
    return 0;
}

static void check_list(const char *s, long lo, long hi, int max)
{
    long v[16];
    char err[160];
    int n = tb_parse_list(s, lo, hi, v, max, err, sizeof(err));
    if (n < 0) {
        if (err[0] == '\0') {
            __builtin_trap(); /* a refusal always says why */
        }
        return;
    }
    if (n == 0 || n > max) {
        __builtin_trap();
    }
    for (int i = 0; i < n; i++) {
        if (v[i] < lo || v[i] > hi) {
            __builtin_trap();
        }
        for (int k = 0; k < i; k++) {
            if (v[k] == v[i]) {
                __builtin_trap();
            }
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *buf = malloc(size + 1);
    char *argv[MAX_ARGS + 2];
    int argc = 0;
    if (buf == NULL) {
        return 0;
    }
    memcpy(buf, data, size);
    buf[size] = '\0';
    argv[argc++] = "tlsbench-fuzz";
    for (size_t i = 0; i <= size && argc <= MAX_ARGS;) {
        const char *a = buf + i;
        /* --help prints the usage and exits: not a parse to fuzz */
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            free(buf);
            return 0;
        }
        argv[argc++] = buf + i;
        i += strlen(a) + 1;
    }
    argv[argc] = NULL;
    for (int i = 1; i < argc; i++) {
        check_list(argv[i], 1, 256, 16);
        check_list(argv[i], 0, 65536, 4);
    }
    tb_opts o;
    char **gb_argv = NULL;
    int gb_argc = 0;
    if (tb_opts_parse(&o, argc, argv, &gb_argc, &gb_argv) == 0) {
        if (gb_argc < 1 || gb_argc > argc + 8 || gb_argv[gb_argc] != NULL ||
            o.reps < 1 || o.reps > 1000 || o.n_threads < 1 ||
            o.n_threads > TB_MAX_THREADS_LIST || o.n_sizes < 1 ||
            o.n_sizes > TB_MAX_SIZES || o.n_files < 0 ||
            o.n_files > TB_MAX_FILES || !(o.min_time >= 0.001) ||
            (o.mode == TB_MODE_BENCH && o.csv == NULL) ||
            (o.mode == TB_MODE_VECTORS && o.n_files == 0)) {
            __builtin_trap();
        }
        for (int i = 0; i < o.n_files; i++) {
            if (o.files[i] == NULL) {
                __builtin_trap();
            }
        }
        free(gb_argv);
    }
    free(buf);
    return 0;
}
