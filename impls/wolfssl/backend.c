/* The wolfSSL backend table: wolfCrypt 5.x as the system library (Debian's
 * libwolfssl) provides it. */
#include <wolfssl/options.h>
#include <wolfssl/wolfcrypt/settings.h>
#include <wolfssl/wolfcrypt/types.h>
#include <wolfssl/wolfcrypt/integer.h>
#include <wolfssl/wolfcrypt/wc_port.h>
#include <wolfssl/ssl.h>
#include <wolfssl/version.h>

#include <stdio.h>

#include "backend.h"
#include "classes.h"
#include "paths.h"
#include "util.h"

static const char *wolfssl_version(void)
{
    /* What the shared library reports, which may differ from the headers
     * this was compiled against (LIBWOLFSSL_VERSION_STRING). */
    return wolfSSL_lib_version();
}

static tb_status wolfssl_global_init(tb_why *why)
{
    int rc = wolfCrypt_Init();
    if (rc != 0) {
        tb_why_set(why, "wolfCrypt_Init: %d", rc);
        return TB_ERROR;
    }
    return TB_OK;
}

#if defined(__x86_64__) || defined(__i386__)
#define TBW_CPU(feature) (__builtin_cpu_supports(feature) ? "yes" : "no")
#else
#define TBW_CPU(feature) "n/a"
#endif

#ifdef WOLFSSL_SP_MATH_ALL
#define TBW_MATH "sp_int (WOLFSSL_SP_MATH_ALL)"
#elif defined(USE_FAST_MATH)
#define TBW_MATH "tfm (USE_FAST_MATH)"
#else
#define TBW_MATH "other (integer.c or SP-only)"
#endif

#ifdef FP_ECC
#define TBW_FP_ECC_FACT                                                      \
    "yes (global fixed-point table for any point used twice: base point, "   \
    "and a peer/verify key reused across calls)"
#else
#define TBW_FP_ECC_FACT "no"
#endif

static void wolfssl_describe(void (*emit)(const char *key, const char *value))
{
    char buf[64];
    emit("library", "wolfSSL (wolfCrypt API)");
    emit("version_runtime", wolfSSL_lib_version());
    emit("version_headers", LIBWOLFSSL_VERSION_STRING);
    /* The library decides its code paths at build time from options.h;
     * runtime CPU dispatch only exists in AESNI/INTEL_SPEEDUP builds, and its
     * cpuid flags are not exported, so the CPU's own features are listed
     * separately below. */
#ifdef WOLFSSL_AESNI
    emit("aesni", "yes (WOLFSSL_AESNI; used when the CPU has it)");
#else
    emit("aesni", "no (Debian build without WOLFSSL_AESNI)");
#endif
#ifdef USE_INTEL_SPEEDUP
    emit("intel_speedup", "yes (USE_INTEL_SPEEDUP: AVX1/AVX2 asm)");
#else
    emit("intel_speedup", "no (no USE_INTEL_SPEEDUP: ChaCha20, Poly1305, "
                          "SHA-2, X25519 in C)");
#endif
    emit("aes_gcm_path", TBW_AES_PATH);
    emit("chacha20_poly1305_path", TBW_CHACHA_PATH);
    emit("x25519_path", TBW_X25519_PATH);
    emit("math", TBW_MATH);
    snprintf(buf, sizeof(buf), "%u", (unsigned)CheckRunTimeFastMath());
    emit("math_digit_bits", buf);
#ifdef WOLFSSL_SP_X86_64
    emit("sp_int_asm", "x86_64 inline asm (WOLFSSL_SP_X86_64)");
#else
    emit("sp_int_asm", "no");
#endif
    emit("ecc_path", TBW_ECC_MATH);
    emit("rsa_path", TBW_RSA_MATH);
    emit("fp_ecc", TBW_FP_ECC_FACT);
#ifdef ECC_TIMING_RESISTANT
    emit("ecc_timing_resistant", "yes");
#else
    emit("ecc_timing_resistant", "no");
#endif
#ifdef WC_RSA_BLINDING
    emit("rsa_blinding", "yes");
#else
    emit("rsa_blinding", "no");
#endif
    snprintf(buf, sizeof(buf), "%d", RSA_MAX_SIZE);
    emit("rsa_max_bits", buf);
#ifdef HAVE_HASHDRBG
    emit("rng", "Hash_DRBG (SHA-256), seeded from the OS");
#endif
#ifdef HAVE_FIPS
    emit("fips", "yes");
#else
    emit("fips", "no");
#endif
    emit("cpu_aes", TBW_CPU("aes"));
    emit("cpu_pclmul", TBW_CPU("pclmul"));
    emit("cpu_avx2", TBW_CPU("avx2"));
    emit("cpu_bmi2", TBW_CPU("bmi2"));
}

static const char *wolfssl_absent(tb_family fam, int alg)
{
    (void)fam;
    (void)alg;
    /* Every family and algorithm has a class in this backend. */
    return "wolfSSL backend has no class for this (unexpected)";
}

const tb_backend tb_backend_impl = {
    .name = "wolfssl",
    .version = wolfssl_version,
    .global_init = wolfssl_global_init,
    .describe = wolfssl_describe,
    .aead =
        {
            [TB_AEAD_AES128GCM] = &tb_wolfssl_aes128gcm,
            [TB_AEAD_AES256GCM] = &tb_wolfssl_aes256gcm,
            [TB_AEAD_CHACHA20POLY1305] = &tb_wolfssl_chacha20poly1305,
        },
    .kex =
        {
            [TB_KEX_X25519] = &tb_wolfssl_x25519,
            [TB_KEX_P256] = &tb_wolfssl_p256,
            [TB_KEX_P384] = &tb_wolfssl_p384,
        },
    .rsa_kt = &tb_wolfssl_rsa_kt,
    .sig =
        {
            [TB_SIG_RSA_PKCS1_SHA256] = &tb_wolfssl_rsa_pkcs1_sha256,
            [TB_SIG_RSA_PSS_SHA256] = &tb_wolfssl_rsa_pss_sha256,
            [TB_SIG_ECDSA_P256_SHA256] = &tb_wolfssl_ecdsa_p256_sha256,
            [TB_SIG_ECDSA_P384_SHA384] = &tb_wolfssl_ecdsa_p384_sha384,
        },
    .prf = &tb_wolfssl_prf,
    .hkdf = &tb_wolfssl_hkdf,
    .absent = wolfssl_absent,
};
