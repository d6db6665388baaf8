#!/bin/sh
# Describes the machine and the libraries: key=value lines (machine.txt).
# Usage: machine.sh BIN "backend..."
BIN=$1
backends=$2
kv() { printf '%s=%s\n' "$1" "$2"; }
kv date "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
kv host "$(uname -n)"
kv kernel "$(uname -srm)"
kv cpu_model "$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)"
kv cpus_online "$(nproc)"
flags=$(awk -F': ' '/^flags/ {print $2; exit}' /proc/cpuinfo)
crypto=""
for f in aes pclmulqdq avx avx2 avx512f avx512vl avx512bw vaes vpclmulqdq sha_ni adx bmi2 rdrand rdseed; do
    case " $flags " in *" $f "*) crypto="$crypto $f" ;; esac
done
kv cpu_crypto_flags "${crypto# }"
kv threads_per_core "$(LC_ALL=C lscpu 2>/dev/null | awk -F': *' '/^Thread\(s\) per core/ {print $2}')"
gov=$(cat /sys/devices/system/cpu/cpu0/cpufreq/scaling_governor 2>/dev/null)
kv cpufreq_governor "${gov:-unknown (no cpufreq: likely a virtual machine)}"
if [ -r /sys/devices/system/cpu/intel_pstate/no_turbo ]; then
    kv turbo "$( [ "$(cat /sys/devices/system/cpu/intel_pstate/no_turbo)" = 0 ] && echo on || echo off)"
elif [ -r /sys/devices/system/cpu/cpufreq/boost ]; then
    kv turbo "$( [ "$(cat /sys/devices/system/cpu/cpufreq/boost)" = 1 ] && echo on || echo off)"
else
    kv turbo unknown
fi
kv smt "$(cat /sys/devices/system/cpu/smt/active 2>/dev/null || echo unknown)"
kv loadavg "$(cut -d' ' -f1-3 /proc/loadavg)"
kv compiler "$(${CC:-gcc} --version 2>/dev/null | head -n 1)"
kv google_benchmark "$(dpkg-query -W -f='${Version}' libbenchmark-dev 2>/dev/null)"
# Warnings about what makes numbers unstable.
warn=""
[ -n "$gov" ] && [ "$gov" != performance ] && warn="$warn governor=$gov (set performance);"
load=$(cut -d' ' -f1 /proc/loadavg)
awk -v l="$load" -v n="$(nproc)" 'BEGIN { exit !(l > n / 4) }' && warn="$warn load average $load on $(nproc) CPUs (other work is running);"
[ "$(cat /sys/devices/system/cpu/smt/active 2>/dev/null)" = 1 ] && warn="$warn SMT siblings share cores;"
grep -q hypervisor /proc/cpuinfo && warn="$warn virtual machine (steal time and frequency are not under control);"
kv stability_warnings "${warn:-none seen}"
for b in $backends; do
    "$BIN/tlsbench-$b" --info 2>/dev/null | sed "s/^/lib.$b./"
done
for p in libssl3 android-libboringssl libsodium23 libmbedcrypto7 libwolfssl35 libnettle8 libhogweed6 libgcrypt20; do
    v=$(dpkg-query -W -f='${Version}' "$p" 2>/dev/null) && kv "pkg.$p" "$v"
done
