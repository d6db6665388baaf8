/* Which code path this wolfSSL build uses for each primitive, decided by
 * the macros in <wolfssl/options.h> (written by the library's configure).
 * Used in the class notes and by describe. Include after options.h. */
#ifndef TLSBENCH_WOLFSSL_PATHS_H
#define TLSBENCH_WOLFSSL_PATHS_H

/* Debian's libwolfssl has neither WOLFSSL_AESNI nor USE_INTEL_SPEEDUP: AES-GCM
 * runs portable C even on a CPU with AES-NI. The notes say so, so that these
 * rows are not read as wolfSSL's best. */
#if defined(WOLFSSL_AESNI)
#define TBW_AES_PATH "AES-NI/PCLMUL asm (WOLFSSL_AESNI)"
#elif defined(GCM_TABLE_4BIT)
#define TBW_AES_PATH "C AES tables + GHASH 4-bit table; no AES-NI in this build"
#elif defined(GCM_TABLE)
#define TBW_AES_PATH "C AES tables + GHASH 8-bit table; no AES-NI in this build"
#else
#define TBW_AES_PATH "C AES + GHASH; no AES-NI in this build"
#endif

#if defined(USE_INTEL_SPEEDUP)
#define TBW_CHACHA_PATH "AVX2/AVX asm (USE_INTEL_SPEEDUP)"
#define TBW_X25519_PATH "x86_64 asm (USE_INTEL_SPEEDUP)"
#else
#define TBW_CHACHA_PATH "C (no USE_INTEL_SPEEDUP)"
#define TBW_X25519_PATH "C field arithmetic (no USE_INTEL_SPEEDUP)"
#endif

/* WOLFSSL_SP_MATH_ALL is the generic sp_int big-number code; the much faster
 * curve/size-specific SP code needs WOLFSSL_HAVE_SP_ECC / _SP_RSA. The
 * generic ECC code allocates its points on the heap inside every call. */
#if defined(WOLFSSL_HAVE_SP_ECC)
#define TBW_ECC_MATH "SP curve-specific code (WOLFSSL_HAVE_SP_ECC)"
#else
#define TBW_ECC_MATH "generic sp_int math, allocates internally"
#endif

/* FP_ECC keeps a global fixed-point table per point used repeatedly (the
 * base point, and also a peer or verification key seen again). */
#if defined(FP_ECC) && !defined(WOLFSSL_HAVE_SP_ECC)
#define TBW_FP_ECC "; FP_ECC caches reused points"
#else
#define TBW_FP_ECC ""
#endif

#if defined(WOLFSSL_HAVE_SP_RSA)
#define TBW_RSA_MATH "SP RSA code (WOLFSSL_HAVE_SP_RSA)"
#else
#define TBW_RSA_MATH "generic sp_int math"
#endif

#endif
