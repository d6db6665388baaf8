/*
 * A C API over Google Benchmark (1.7.x). bench/gbench.cc is its only
 * implementation and the project's only C++.
 *
 * The timed loop runs in C, in batches, so that no C++ call is made per
 * iteration:
 *
 *     uint64_t n;
 *     while ((n = tb_gb_next_batch(st)) != 0) {
 *         for (uint64_t i = 0; i < n; i++) { op(); }
 *     }
 */
#ifndef TLSBENCH_GBENCH_H
#define TLSBENCH_GBENCH_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct tb_gb_state tb_gb_state; /* a benchmark::State */
typedef struct tb_gb_bench tb_gb_bench; /* a registered benchmark */
typedef void (*tb_gb_fn)(tb_gb_state *st, void *arg);

/* benchmark::Initialize: consumes the --benchmark_* flags from argv.
 * Returns -1 (with a message on stderr) if one is malformed. */
int tb_gb_initialize(int *argc, char **argv);

/* Registers fn(st, arg) under name; returns NULL if the name is empty. */
tb_gb_bench *tb_gb_register(const char *name, tb_gb_fn fn, void *arg);
void tb_gb_threads(tb_gb_bench *b, int threads);
void tb_gb_use_real_time(tb_gb_bench *b);
void tb_gb_min_time(tb_gb_bench *b, double seconds);
/* A fixed iteration count (tests); 0 leaves it to the library. */
void tb_gb_iterations(tb_gb_bench *b, uint64_t n);

/* ---- inside a benchmark function */

/* How many iterations to run now; 0 when the measurement is complete.
 * The first call starts the timer; the whole run is normally one batch. */
uint64_t tb_gb_next_batch(tb_gb_state *st);
/* One iteration at a time (the slow, C++-call-per-iteration loop; kept for
 * comparison and tests). */
int tb_gb_keep_running(tb_gb_state *st);
int tb_gb_thread_index(const tb_gb_state *st);
int tb_gb_thread_count(const tb_gb_state *st);
uint64_t tb_gb_iterations_done(const tb_gb_state *st);
void tb_gb_set_bytes_processed(tb_gb_state *st, int64_t bytes);
void tb_gb_set_items_processed(tb_gb_state *st, int64_t items);
/* flags: TB_GB_RATE divides by time, TB_GB_AVG_THREADS by threads. */
enum { TB_GB_RATE = 1, TB_GB_AVG_THREADS = 2 };
void tb_gb_counter(tb_gb_state *st, const char *name, double value,
                   int flags);
/* Failed: the run is reported as an error with this message. */
void tb_gb_skip_with_error(tb_gb_state *st, const char *msg);
/* Unsupported: reported with status "unsupported" (1.7.1 has no
 * SkipWithMessage, so this is an error run whose message carries a
 * prefix the reporter recognises). */
void tb_gb_skip_unsupported(tb_gb_state *st, const char *msg);
#define TB_GB_UNSUPPORTED_PREFIX "unsupported: "

/* ---- running and reporting */

typedef struct {
    const char *name;       /* the registered name */
    const char *full_name;  /* with /threads:N, /real_time, /repeats: */
    int64_t iterations;     /* over all threads */
    double real_ns;         /* real time per iteration, ns */
    double cpu_ns;          /* CPU time per iteration, ns */
    int threads;
    int64_t repetition_index;
    int64_t repetitions;
    int aggregate;          /* 1 for mean/median/stddev/cv rows */
    const char *aggregate_name;
    int error;              /* 1 failed, 2 unsupported */
    const char *error_message;
    double counter_bytes_per_second; /* 0 when not set */
} tb_gb_result;

typedef void (*tb_gb_report_fn)(const tb_gb_result *run, void *user);

/* Runs the benchmarks that match the --benchmark_filter flag once
 * (Google Benchmark's console output and --benchmark_out are kept) and
 * passes every run to report. Returns the number of benchmarks run, or -1
 * if called a second time (the library does not support it). */
long tb_gb_run(tb_gb_report_fn report, void *user, int console);

/* C equivalents of benchmark::DoNotOptimize / ClobberMemory. */
#if defined(__GNUC__) || defined(__clang__)
#define tb_do_not_optimize(p) __asm__ volatile("" : : "g"(p) : "memory")
#define tb_clobber_memory() __asm__ volatile("" : : : "memory")
#else
#error "tb_do_not_optimize needs GCC or Clang"
#endif

#ifdef __cplusplus
}
#endif

#endif
