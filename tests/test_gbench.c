/* Tests of the Google Benchmark C wrapper: a fixed-iteration run reports
 * its iterations, errors and unsupported skips reach the reporter with
 * their messages, threads and counters work, and a second run is refused. */
#include <stdio.h>
#include <string.h>

#include "gbench.h"

static int passed, failed;
static void check(int ok, const char *what)
{
    printf("%s gbench: %s\n", ok ? "pass" : "FAIL", what);
    ok ? passed++ : failed++;
}

static volatile uint64_t counted;

static void count_fn(tb_gb_state *st, void *arg)
{
    (void)arg;
    uint64_t n, total = 0;
    while ((n = tb_gb_next_batch(st)) != 0) {
        for (uint64_t i = 0; i < n; i++) {
            total++;
            tb_clobber_memory();
        }
    }
    counted = total;
    tb_gb_set_items_processed(st, (int64_t)total);
    tb_gb_counter(st, "custom", 42, 0);
}

static void keep_running_fn(tb_gb_state *st, void *arg)
{
    (void)arg;
    int x = 0;
    while (tb_gb_keep_running(st)) {
        x++;
        tb_do_not_optimize(x);
    }
}

static void error_fn(tb_gb_state *st, void *arg)
{
    (void)arg;
    tb_gb_skip_with_error(st, "wrong result");
    while (tb_gb_next_batch(st) != 0) {
    }
}

static void unsupported_fn(tb_gb_state *st, void *arg)
{
    (void)arg;
    tb_gb_skip_unsupported(st, "not in this build");
    while (tb_gb_next_batch(st) != 0) {
    }
}

static void threads_fn(tb_gb_state *st, void *arg)
{
    int *max_index = arg;
    int idx = tb_gb_thread_index(st);
    if (idx > *max_index) {
        *max_index = idx; /* benign: only ever grows to threads - 1 */
    }
    while (tb_gb_next_batch(st) != 0) {
    }
    (void)tb_gb_thread_count(st);
}

static struct {
    int count_iters_ok, keep_ok, error_ok, unsup_ok, threads_seen;
} seen;

static void report(const tb_gb_result *r, void *user)
{
    (void)user;
    if (r->aggregate) {
        return;
    }
    if (strcmp(r->name, "count") == 0) {
        seen.count_iters_ok = r->iterations == 1000 && r->error == 0 &&
                              r->real_ns >= 0;
    } else if (strcmp(r->name, "keep") == 0) {
        seen.keep_ok = r->iterations == 500;
    } else if (strcmp(r->name, "error") == 0) {
        seen.error_ok = r->error == 1 &&
                        strcmp(r->error_message, "wrong result") == 0;
    } else if (strcmp(r->name, "unsupported") == 0) {
        seen.unsup_ok = r->error == 2 &&
                        strcmp(r->error_message, "not in this build") == 0;
    } else if (strcmp(r->name, "threads") == 0) {
        seen.threads_seen = r->threads;
    }
}

int main(int argc, char **argv)
{
    int max_index = -1;
    tb_gb_initialize(&argc, argv);
    check(tb_gb_register("", count_fn, NULL) == NULL, "empty name refused");
    tb_gb_iterations(tb_gb_register("count", count_fn, NULL), 1000);
    tb_gb_iterations(tb_gb_register("keep", keep_running_fn, NULL), 500);
    tb_gb_register("error", error_fn, NULL);
    tb_gb_register("unsupported", unsupported_fn, NULL);
    tb_gb_bench *t = tb_gb_register("threads", threads_fn, &max_index);
    tb_gb_threads(t, 2);
    tb_gb_use_real_time(t);
    tb_gb_min_time(t, 0.01);
    long n = tb_gb_run(report, NULL, 0);
    check(n == 5, "five benchmarks ran");
    check(seen.count_iters_ok && counted == 1000,
          "batch loop runs exactly the requested iterations");
    check(seen.keep_ok, "keep_running loop counts iterations");
    check(seen.error_ok, "skip_with_error reaches the reporter as failed");
    check(seen.unsup_ok, "skip_unsupported reaches the reporter as unsupported");
    check(seen.threads_seen == 2 && max_index == 1, "two threads ran");
    check(tb_gb_run(report, NULL, 0) == -1, "a second run is refused");
    printf("gbench: %d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
