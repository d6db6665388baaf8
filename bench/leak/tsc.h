/* The clock of the leak check: the time-stamp counter read with
 * serialising fences around the timed call, the thread pinned to one core,
 * and the counter's rate measured against the system clock. */
#ifndef TLSBENCH_LEAK_TSC_H
#define TLSBENCH_LEAK_TSC_H

#include <stddef.h>
#include <stdint.h>

#if defined(__x86_64__) || defined(__i386__)
#include <x86intrin.h>

/*
 * Start: the fence before waits for earlier work to finish, rdtscp reads
 * the counter (and the core id, to catch a migration), the fence after
 * keeps the timed code from starting early. End: rdtscp waits for the
 * timed code, the fence keeps later work out.
 */
static inline uint64_t tb_leak_clock_start(unsigned *core)
{
    _mm_lfence();
    uint64_t t = __rdtscp(core);
    _mm_lfence();
    return t;
}

static inline uint64_t tb_leak_clock_stop(unsigned *core)
{
    uint64_t t = __rdtscp(core);
    _mm_lfence();
    return t;
}
#define TB_LEAK_CLOCK_NAME "rdtscp with lfence"
#else
#include <time.h>
/* Elsewhere: the monotonic clock in nanoseconds (not cycle-accurate). */
static inline uint64_t tb_leak_clock_start(unsigned *core)
{
    struct timespec t;
    *core = 0;
    clock_gettime(CLOCK_MONOTONIC_RAW, &t);
    return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}
static inline uint64_t tb_leak_clock_stop(unsigned *core)
{
    return tb_leak_clock_start(core);
}
#define TB_LEAK_CLOCK_NAME "CLOCK_MONOTONIC_RAW (no cycle counter)"
#endif

/* 1 when the CPU has rdtscp and says its counter is invariant (constant
 * rate in every power state); 0 otherwise, with the reason in why. */
int tb_leak_clock_ok(char *why, size_t why_len);
/* Counter ticks per nanosecond, measured over about ms milliseconds of
 * CLOCK_MONOTONIC_RAW. */
double tb_leak_clock_ghz(int ms);
/* Pins the calling thread to cpu, or (cpu < 0) to the highest-numbered
 * CPU it may run on, away from CPU 0 where most interrupts land. Returns
 * the CPU, or -1 with a message in err. */
int tb_leak_pin(int cpu, char *err, size_t err_len);

#endif
