/* The Mbed TLS backend table, its version and what the build and CPU give
 * it. */
#include <stdio.h>

#include <mbedtls/aesni.h>
#include <mbedtls/ecp.h>
#include <mbedtls/version.h>

#include "classes.h"
#include "common.h"

static const char *mbedtls_version(void)
{
    /* "mbed TLS x.y.z"; the documented buffer size is 18 bytes. */
    static char buf[32];
    mbedtls_version_get_string_full(buf);
    return buf;
}

static tb_status mbedtls_global_init(tb_why *why)
{
    /* A library of another major/minor than the headers has another ABI
     * (struct layouts the contexts embed). */
    unsigned lib = mbedtls_version_get_number();
    if (lib >> 16 != (unsigned)MBEDTLS_VERSION_NUMBER >> 16) {
        tb_why_set(why, "headers are Mbed TLS %s but the library is 0x%08x",
                   MBEDTLS_VERSION_STRING, lib);
        return TB_ERROR;
    }
    return TB_OK;
}

/* Whether the library itself was built with `macro`, emitted as
 * build.<macro>: asked at run time (the headers could describe another
 * build); the header value only when the library has feature checking
 * compiled out. */
static int built_with(void (*emit)(const char *key, const char *value),
                      const char *macro, int header_value)
{
    char key[64];
    int on = header_value;
    const char *how = on ? "yes (per headers)" : "no (per headers)";
#if defined(MBEDTLS_VERSION_C)
    int r = mbedtls_version_check_feature(macro);
    if (r == 0 || r == -1) {
        on = r == 0;
        how = on ? "yes" : "no";
    }
#endif
    snprintf(key, sizeof(key), "build.%s", macro);
    emit(key, how);
    return on;
}

static void mbedtls_describe(void (*emit)(const char *key, const char *value))
{
    char num[32];
    snprintf(num, sizeof(num), "0x%08x", mbedtls_version_get_number());
    emit("version_number", num);
    emit("headers", MBEDTLS_VERSION_STRING_FULL);
#if defined(MBEDTLS_CONFIG_FILE)
    emit("config", MBEDTLS_CONFIG_FILE);
#else
    emit("config", "mbedtls/config.h (the distribution's)");
#endif

    int h_asm = 0, h_aesni = 0, h_nist = 0, h_det = 0;
#if defined(MBEDTLS_HAVE_ASM)
    h_asm = 1;
#endif
#if defined(MBEDTLS_AESNI_C)
    h_aesni = 1;
#endif
#if defined(MBEDTLS_ECP_NIST_OPTIM)
    h_nist = 1;
#endif
#if defined(MBEDTLS_ECDSA_DETERMINISTIC)
    h_det = 1;
#endif
    int have_asm = built_with(emit, "MBEDTLS_HAVE_ASM", h_asm);
    int aesni_c = built_with(emit, "MBEDTLS_AESNI_C", h_aesni);
    int nist_optim = built_with(emit, "MBEDTLS_ECP_NIST_OPTIM", h_nist);
    int det = built_with(emit, "MBEDTLS_ECDSA_DETERMINISTIC", h_det);
    int x86_64 = 0;
#if defined(__x86_64__) || defined(__amd64__)
    x86_64 = 1;
#endif

    /* The library's own CPU probe (cpuid, cached): the test its AES and
     * GCM code branch on. */
    int cpu_aes = 0, cpu_clmul = 0;
#if defined(MBEDTLS_AESNI_HAVE_CODE)
    if (aesni_c) {
        cpu_aes = mbedtls_aesni_has_support(MBEDTLS_AESNI_AES);
        cpu_clmul = mbedtls_aesni_has_support(MBEDTLS_AESNI_CLMUL);
    }
#endif
    emit("cpu.aesni", !aesni_c ? "not probed (no AES-NI code in the build)"
                      : cpu_aes ? "yes" : "no");
    emit("cpu.pclmulqdq", !aesni_c ? "not probed"
                          : cpu_clmul ? "yes" : "no");
    /* 2.28 prefers its inline assembly, which needs HAVE_ASM on x86-64. */
    emit("aesni.code", !aesni_c ? "none"
                       : have_asm && x86_64 ? "inline assembly (x86-64)"
                                            : "compiler intrinsics, if built");
    emit("path.aes", cpu_aes ? "AES-NI, one block per call"
                             : "C with lookup tables");
    emit("path.gcm_ghash", cpu_clmul ? "PCLMULQDQ (mbedtls_aesni_gcm_mult)"
                                     : "C, 4-bit tables");
    emit("path.chacha20_poly1305", "portable C (Mbed TLS has no SIMD code)");
    emit("path.bignum", have_asm && x86_64
                            ? "x86-64 inline asm multiply-accumulate"
                            : "portable C");
    emit("path.ecp_nist", nist_optim ? "comb/window, fast NIST reduction"
                                     : "comb/window, generic reduction");
    emit("path.x25519", "Montgomery ladder on the generic bignum");
    emit("path.ecdsa_nonce", det ? "RFC 6979 deterministic" : "random");
    snprintf(num, sizeof(num), "%d", MBEDTLS_ECP_WINDOW_SIZE);
    emit("ecp.window_size", num);
    snprintf(num, sizeof(num), "%d", MBEDTLS_ECP_FIXED_POINT_OPTIM);
    emit("ecp.fixed_point_optim", num);
    emit("rng", "CTR_DRBG (AES-256) per context, seeded by "
                "mbedtls_entropy_func");
#if defined(MBEDTLS_PLATFORM_MEMORY)
    emit("allocator", "MBEDTLS_PLATFORM_MEMORY (configurable calloc/free)");
#else
    emit("allocator", "libc calloc/free");
#endif
}

static const char *mbedtls_absent(tb_family fam, int alg)
{
    (void)fam;
    (void)alg;
    /* Every class is present; a build without a module says so in init. */
    return "not provided by the mbedtls adapter";
}

const tb_backend tb_backend_impl = {
    .name = "mbedtls",
    .version = mbedtls_version,
    .global_init = mbedtls_global_init,
    .describe = mbedtls_describe,
    .aead = {
        [TB_AEAD_AES128GCM] = &tb_mbedtls_aes128gcm,
        [TB_AEAD_AES256GCM] = &tb_mbedtls_aes256gcm,
        [TB_AEAD_CHACHA20POLY1305] = &tb_mbedtls_chacha20poly1305,
    },
    .kex = {
        [TB_KEX_X25519] = &tb_mbedtls_x25519,
        [TB_KEX_P256] = &tb_mbedtls_p256,
        [TB_KEX_P384] = &tb_mbedtls_p384,
    },
    .rsa_kt = &tb_mbedtls_rsa_kt,
    .sig = {
        [TB_SIG_RSA_PKCS1_SHA256] = &tb_mbedtls_rsa_pkcs1_sha256,
        [TB_SIG_RSA_PSS_SHA256] = &tb_mbedtls_rsa_pss_sha256,
        [TB_SIG_ECDSA_P256_SHA256] = &tb_mbedtls_ecdsa_p256_sha256,
        [TB_SIG_ECDSA_P384_SHA384] = &tb_mbedtls_ecdsa_p384_sha384,
    },
    .prf = &tb_mbedtls_prf,
    .hkdf = &tb_mbedtls_hkdf,
    .absent = mbedtls_absent,
};
