#include "tsc.h"

#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>

int tb_leak_clock_ok(char *why, size_t why_len)
{
    unsigned a, b, c, d;
    if (__get_cpuid(0x80000001, &a, &b, &c, &d) == 0 || !(d & (1u << 27))) {
        snprintf(why, why_len, "the CPU has no rdtscp");
        return 0;
    }
    if (__get_cpuid(0x80000007, &a, &b, &c, &d) == 0 || !(d & (1u << 8))) {
        snprintf(why, why_len,
                 "the CPU does not report an invariant TSC (its rate may "
                 "change with the clock speed)");
        return 0;
    }
    why[0] = '\0';
    return 1;
}
#else
int tb_leak_clock_ok(char *why, size_t why_len)
{
    snprintf(why, why_len, "no cycle counter on this architecture");
    return 0;
}
#endif

static double now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC_RAW, &t);
    return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

double tb_leak_clock_ghz(int ms)
{
    unsigned core;
    double a = now_ns();
    uint64_t t0 = tb_leak_clock_start(&core);
    double b;
    do {
        b = now_ns();
    } while (b - a < ms * 1e6);
    uint64_t t1 = tb_leak_clock_stop(&core);
    return (double)(t1 - t0) / (b - a);
}

int tb_leak_pin(int cpu, char *err, size_t err_len)
{
    cpu_set_t set;
    CPU_ZERO(&set);
    if (sched_getaffinity(0, sizeof(set), &set) != 0) {
        snprintf(err, err_len, "sched_getaffinity: %s", strerror(errno));
        return -1;
    }
    if (cpu < 0) {
        for (int i = CPU_SETSIZE - 1; i >= 0; i--) {
            if (CPU_ISSET(i, &set)) {
                cpu = i;
                break;
            }
        }
    } else if (cpu >= CPU_SETSIZE || !CPU_ISSET(cpu, &set)) {
        snprintf(err, err_len, "CPU %d is not one this process may run on",
                 cpu);
        return -1;
    }
    if (cpu < 0) {
        snprintf(err, err_len, "no CPU in the affinity mask");
        return -1;
    }
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    if (sched_setaffinity(0, sizeof(set), &set) != 0) {
        snprintf(err, err_len, "sched_setaffinity(%d): %s", cpu,
                 strerror(errno));
        return -1;
    }
    return cpu;
}
