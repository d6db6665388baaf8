/* The OpenSSL (libcrypto 3.x) backend table, version and build facts. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/opensslv.h>
#include <openssl/provider.h>
#include <openssl/rand.h>

#include "classes.h"
#include "common.h"

static const char *openssl_version(void)
{
    return OpenSSL_version(OPENSSL_FULL_VERSION_STRING);
}

static tb_status openssl_global_init(tb_why *why)
{
    uint8_t byte;
    /* What any OpenSSL application gets: the configuration file is read
     * (describe reports the provider that serves the algorithms). */
    if (OPENSSL_init_crypto(OPENSSL_INIT_LOAD_CONFIG, NULL) != 1) {
        tb_openssl_why(why, "OPENSSL_init_crypto");
        return TB_ERROR;
    }
    /* Instantiate and seed both DRBGs (public and private) now. */
    if (RAND_bytes(&byte, 1) != 1 || RAND_priv_bytes(&byte, 1) != 1) {
        tb_openssl_why(why, "RAND_bytes");
        return TB_ERROR;
    }
    return TB_OK;
}

/* OpenSSL_version strings start with "platform: " and the like. */
static const char *after_prefix(const char *s)
{
    const char *colon = strstr(s, ": ");
    return colon != NULL ? colon + 2 : s;
}

/* The capability vector the library dispatches on (after any
 * OPENSSL_ia32cap override), from its CPU info line; 0 if there is none
 * (no assembly, or not x86). */
static int ia32cap(uint64_t cap[2])
{
    const char *s = strstr(OpenSSL_version(OPENSSL_CPU_INFO), "ia32cap=");
    char *end;
    cap[0] = cap[1] = 0;
    if (s == NULL) {
        return 0;
    }
    cap[0] = strtoull(s + strlen("ia32cap="), &end, 16);
    if (*end == ':') {
        cap[1] = strtoull(end + 1, NULL, 16);
    }
    return cap[0] != 0 || cap[1] != 0;
}

/* Bit positions as in OpenSSL's OPENSSL_ia32cap(3): first value CPUID.1
 * EDX:ECX, second CPUID.7 EBX:ECX. */
typedef struct {
    const char *key;
    int word;
    int bit;
} cpu_bit;

static const cpu_bit cpu_bits[] = {
    {"cpu_ssse3", 0, 41},      {"cpu_pclmulqdq", 0, 33},
    {"cpu_movbe", 0, 54},      {"cpu_aesni", 0, 57},
    {"cpu_avx", 0, 60},        {"cpu_avx2", 1, 5},
    {"cpu_bmi2", 1, 8},        {"cpu_adx", 1, 19},
    {"cpu_avx512f", 1, 16},    {"cpu_avx512dq", 1, 17},
    {"cpu_avx512ifma", 1, 21}, {"cpu_sha", 1, 29},
    {"cpu_avx512vl", 1, 31},   {"cpu_vaes", 1, 41},
    {"cpu_vpclmulqdq", 1, 42},
};

static int has(const uint64_t cap[2], const char *key)
{
    for (size_t i = 0; i < sizeof(cpu_bits) / sizeof(cpu_bits[0]); i++) {
        if (strcmp(cpu_bits[i].key, key) == 0) {
            return (int)(cap[cpu_bits[i].word] >> cpu_bits[i].bit & 1);
        }
    }
    return 0;
}

static void describe_provider(void (*emit)(const char *, const char *))
{
    EVP_CIPHER *cipher = EVP_CIPHER_fetch(NULL, "AES-128-GCM", NULL);
    const OSSL_PROVIDER *prov =
        cipher != NULL ? EVP_CIPHER_get0_provider(cipher) : NULL;
    char *version = NULL;
    OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_ptr(OSSL_PROV_PARAM_VERSION, &version, 0),
        OSSL_PARAM_construct_end(),
    };
    char text[128];
    if (prov != NULL) {
        int got = OSSL_PROVIDER_get_params(prov, params) == 1;
        snprintf(text, sizeof(text), "%s %s", OSSL_PROVIDER_get0_name(prov),
                 got && version != NULL ? version : "?");
        emit("provider", text);
    }
    EVP_CIPHER_free(cipher);
    emit("fips_default",
         EVP_default_properties_is_fips_enabled(NULL) ? "yes" : "no");
}

/* OpenSSL 3.0's x86-64 code choices, derived from the same bits with the
 * library's own rules. */
static void describe_paths(const uint64_t cap[2],
                           void (*emit)(const char *, const char *))
{
    char text[64];
    /* The GCM provider takes the AES-NI code when AES-NI is present,
     * stitched with the AVX GHASH when AVX and MOVBE are too; otherwise
     * vpaes (SSSE3) or C, with a CLMUL or table GHASH. */
    const char *aes = has(cap, "cpu_aesni")   ? "aesni"
                      : has(cap, "cpu_ssse3") ? "vpaes"
                                              : "c";
    const char *ghash = !has(cap, "cpu_pclmulqdq") ? "4bit"
                        : has(cap, "cpu_avx") && has(cap, "cpu_movbe")
                            ? "pclmulqdq-avx"
                            : "pclmulqdq";
    snprintf(text, sizeof(text), "%s+%s", aes, ghash);
    emit("aes_gcm_path", text);
    /* curve25519.c takes the MULX/ADX field code when both are present,
     * and so does the bignum Montgomery code (RSA, P-384). */
    int mulx = has(cap, "cpu_bmi2") && has(cap, "cpu_adx");
    emit("x25519_path", mulx ? "x86_64 mulx/adx" : "x86_64 base");
    /* RSA-2048 CRT exponentiations run two at a time with AVX512-IFMA when
     * F, DQ, IFMA and VL are all present (3.0 has this for 2048 only);
     * without it, 1024-bit halves take the AVX2 code unless MULX/ADX. */
    int ifma = has(cap, "cpu_avx512f") && has(cap, "cpu_avx512dq") &&
               has(cap, "cpu_avx512ifma") && has(cap, "cpu_avx512vl");
    emit("rsa2048_private_path", ifma   ? "rsaz avx512ifma (2 at once)"
                                 : mulx ? "bn montgomery mulx/adx"
                                 : has(cap, "cpu_avx2") ? "rsaz avx2"
                                                        : "bn montgomery");
    emit("bn_montgomery_path", mulx ? "mulx/adx" : "base");
}

static void openssl_describe(void (*emit)(const char *key, const char *value))
{
    uint64_t cap[2];
    const char *env = getenv("OPENSSL_ia32cap");
    emit("library", OpenSSL_version(OPENSSL_VERSION));
    emit("headers", OPENSSL_VERSION_TEXT);
    emit("built_on", after_prefix(OpenSSL_version(OPENSSL_BUILT_ON)));
    emit("platform", after_prefix(OpenSSL_version(OPENSSL_PLATFORM)));
    emit("compiler", after_prefix(OpenSSL_version(OPENSSL_CFLAGS)));
    describe_provider(emit);
    emit("cpuinfo", after_prefix(OpenSSL_version(OPENSSL_CPU_INFO)));
    emit("ia32cap_env", env != NULL ? env : "unset");
    /* The x86 assembly fills the vector at start-up; a no-asm build or
     * another architecture leaves it empty. */
    int asm_x86 = ia32cap(cap);
    emit("asm_x86", asm_x86 ? "yes" : "no (or not x86)");
    if (!asm_x86) {
        return;
    }
    for (size_t i = 0; i < sizeof(cpu_bits) / sizeof(cpu_bits[0]); i++) {
        emit(cpu_bits[i].key, has(cap, cpu_bits[i].key) ? "yes" : "no");
    }
    describe_paths(cap, emit);
}

static const char *openssl_absent(tb_family fam, int alg)
{
    (void)fam;
    (void)alg;
    /* Every class is present; init reports what this build lacks. */
    return "not in this OpenSSL build";
}

const tb_backend tb_backend_impl = {
    .name = "openssl",
    .version = openssl_version,
    .global_init = openssl_global_init,
    .describe = openssl_describe,
    .aead =
        {
            [TB_AEAD_AES128GCM] = &tb_openssl_aes128gcm,
            [TB_AEAD_AES256GCM] = &tb_openssl_aes256gcm,
            [TB_AEAD_CHACHA20POLY1305] = &tb_openssl_chacha20poly1305,
        },
    .kex =
        {
            [TB_KEX_X25519] = &tb_openssl_x25519,
            [TB_KEX_P256] = &tb_openssl_p256,
            [TB_KEX_P384] = &tb_openssl_p384,
        },
    .rsa_kt = &tb_openssl_rsa_kt,
    .sig =
        {
            [TB_SIG_RSA_PKCS1_SHA256] = &tb_openssl_rsa_pkcs1_sha256,
            [TB_SIG_RSA_PSS_SHA256] = &tb_openssl_rsa_pss_sha256,
            [TB_SIG_ECDSA_P256_SHA256] = &tb_openssl_ecdsa_p256_sha256,
            [TB_SIG_ECDSA_P384_SHA384] = &tb_openssl_ecdsa_p384_sha384,
        },
    .prf = &tb_openssl_prf,
    .hkdf = &tb_openssl_hkdf,
    .absent = openssl_absent,
};
