// The C API of bench/gbench.h over Google Benchmark: the project's only C++.
#include "gbench.h"

#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstring>
#include <string>

// tb_gb_state and tb_gb_bench stay incomplete: their pointers are
// benchmark::State and benchmark::internal::Benchmark pointers.
static benchmark::State &S(tb_gb_state *st)
{
    return *reinterpret_cast<benchmark::State *>(st);
}
static const benchmark::State &S(const tb_gb_state *st)
{
    return *reinterpret_cast<const benchmark::State *>(st);
}
static benchmark::internal::Benchmark *B(tb_gb_bench *b)
{
    return reinterpret_cast<benchmark::internal::Benchmark *>(b);
}

extern "C" int tb_gb_initialize(int *argc, char **argv)
{
    // Initialize() exits on malformed flag values; unknown flags stay in argv
    // for the caller, which reports them.
    benchmark::Initialize(argc, argv);
    return 0;
}

extern "C" tb_gb_bench *tb_gb_register(const char *name, tb_gb_fn fn,
                                       void *arg)
{
    if (name == nullptr || name[0] == '\0') {
        return nullptr;
    }
    auto *b = benchmark::RegisterBenchmark(
        name, [fn, arg](benchmark::State &st) {
            fn(reinterpret_cast<tb_gb_state *>(&st), arg);
        });
    return reinterpret_cast<tb_gb_bench *>(b);
}

extern "C" void tb_gb_threads(tb_gb_bench *b, int threads)
{
    B(b)->Threads(threads);
}

extern "C" void tb_gb_use_real_time(tb_gb_bench *b)
{
    B(b)->UseRealTime();
}

extern "C" void tb_gb_min_time(tb_gb_bench *b, double seconds)
{
    B(b)->MinTime(seconds);
}

extern "C" void tb_gb_iterations(tb_gb_bench *b, uint64_t n)
{
    if (n > 0) {
        B(b)->Iterations(static_cast<benchmark::IterationCount>(n));
    }
}

extern "C" uint64_t tb_gb_next_batch(tb_gb_state *st)
{
    benchmark::State &s = S(st);
    // KeepRunningBatch(max_iterations) starts the timer on the first call
    // and stops it on the second: one C++ call at each end of the loop.
    benchmark::IterationCount n = s.max_iterations;
    if (n <= 0) {
        n = 1;
    }
    return s.KeepRunningBatch(n) ? static_cast<uint64_t>(n) : 0;
}

extern "C" int tb_gb_keep_running(tb_gb_state *st)
{
    return S(st).KeepRunning() ? 1 : 0;
}

extern "C" int tb_gb_thread_index(const tb_gb_state *st)
{
    return S(st).thread_index();
}

extern "C" int tb_gb_thread_count(const tb_gb_state *st)
{
    return S(st).threads();
}

extern "C" uint64_t tb_gb_iterations_done(const tb_gb_state *st)
{
    return static_cast<uint64_t>(S(st).iterations());
}

extern "C" void tb_gb_set_bytes_processed(tb_gb_state *st, int64_t bytes)
{
    S(st).SetBytesProcessed(bytes);
}

extern "C" void tb_gb_set_items_processed(tb_gb_state *st, int64_t items)
{
    S(st).SetItemsProcessed(items);
}

extern "C" void tb_gb_counter(tb_gb_state *st, const char *name,
                              double value, int flags)
{
    int f = benchmark::Counter::kDefaults;
    if (flags & TB_GB_RATE) {
        f |= benchmark::Counter::kIsRate;
    }
    if (flags & TB_GB_AVG_THREADS) {
        f |= benchmark::Counter::kAvgThreads;
    }
    S(st).counters[name] =
        benchmark::Counter(value, static_cast<benchmark::Counter::Flags>(f));
}

extern "C" void tb_gb_skip_with_error(tb_gb_state *st, const char *msg)
{
    S(st).SkipWithError(msg);
}

extern "C" void tb_gb_skip_unsupported(tb_gb_state *st, const char *msg)
{
    // SkipWithError keeps a pointer: the string must outlive the run.
    static thread_local std::string text;
    text = std::string(TB_GB_UNSUPPORTED_PREFIX) + msg;
    S(st).SkipWithError(text.c_str());
}

namespace {

// Forwards every run to the C callback; prints the console table only when
// asked (the callers' own progress lines are enough otherwise).
class CReporter : public benchmark::ConsoleReporter {
  public:
    CReporter(tb_gb_report_fn fn, void *user, bool console)
        : fn_(fn), user_(user), console_(console)
    {
    }
    bool ReportContext(const Context &context) override
    {
        return console_ ? ConsoleReporter::ReportContext(context) : true;
    }
    void ReportRuns(const std::vector<Run> &runs) override
    {
        for (const Run &r : runs) {
            tb_gb_result c{};
            std::string full = r.benchmark_name();
            c.name = r.run_name.function_name.c_str();
            c.full_name = full.c_str();
            c.iterations = r.iterations;
            double mult = 1e9; // seconds -> ns
            c.real_ns = r.iterations > 0
                            ? r.real_accumulated_time * mult / r.iterations
                            : 0;
            c.cpu_ns = r.iterations > 0
                           ? r.cpu_accumulated_time * mult / r.iterations
                           : 0;
            c.threads = static_cast<int>(r.threads);
            c.repetition_index = r.repetition_index;
            c.repetitions = r.repetitions;
            c.aggregate = r.run_type == Run::RT_Aggregate;
            c.aggregate_name = r.aggregate_name.c_str();
            c.error = 0;
            if (r.error_occurred) {
                size_t plen = std::strlen(TB_GB_UNSUPPORTED_PREFIX);
                bool unsup = r.error_message.compare(
                                 0, plen, TB_GB_UNSUPPORTED_PREFIX) == 0;
                c.error = unsup ? 2 : 1;
                c.error_message = r.error_message.c_str() + (unsup ? plen : 0);
            } else {
                c.error_message = "";
            }
            auto it = r.counters.find("bytes_per_second");
            c.counter_bytes_per_second =
                it != r.counters.end() ? it->second.value : 0;
            fn_(&c, user_);
        }
        if (console_) {
            ConsoleReporter::ReportRuns(runs);
        }
    }

  private:
    tb_gb_report_fn fn_;
    void *user_;
    bool console_;
};

} // namespace

extern "C" long tb_gb_run(tb_gb_report_fn report, void *user, int console)
{
    // A second RunSpecifiedBenchmarks is a use-after-free in 1.7.1.
    static bool ran = false;
    if (ran) {
        std::fprintf(stderr, "tlsbench: benchmarks can run once per process\n");
        return -1;
    }
    ran = true;
    CReporter reporter(report, user, console != 0);
    size_t n = benchmark::RunSpecifiedBenchmarks(&reporter);
    benchmark::Shutdown();
    return static_cast<long>(n);
}
