/* The libsodium backend table. libsodium covers X25519, ChaCha20-Poly1305,
 * AES-256-GCM (AES-NI only) and HMAC-SHA-256; everything else is absent. */
#include <stdio.h>

#include <sodium.h>

#include "classes.h"

static const char *ls_version(void)
{
    return sodium_version_string();
}

static tb_status ls_global_init(tb_why *why)
{
    /* Detects the CPU features, picks the implementations and seeds the
     * RNG; 1 means it was already done. */
    if (sodium_init() < 0) {
        tb_why_set(why, "sodium_init failed");
        return TB_ERROR;
    }
    return TB_OK;
}

static const char *yes_no(int v)
{
    return v ? "yes" : "no";
}

static void ls_describe(void (*emit)(const char *key, const char *value))
{
    char buf[32];
    emit("header_version", SODIUM_VERSION_STRING);
    snprintf(buf, sizeof(buf), "%d.%d", sodium_library_version_major(),
             sodium_library_version_minor());
    emit("library_abi", buf);
    emit("minimal_build", yes_no(sodium_library_minimal()));
    /* What sodium_init() detected; libsodium picks its ChaCha20, Poly1305
     * and Curve25519 code from these but does not report the choice. */
    emit("cpu_sse2", yes_no(sodium_runtime_has_sse2()));
    emit("cpu_ssse3", yes_no(sodium_runtime_has_ssse3()));
    emit("cpu_sse41", yes_no(sodium_runtime_has_sse41()));
    emit("cpu_avx", yes_no(sodium_runtime_has_avx()));
    emit("cpu_avx2", yes_no(sodium_runtime_has_avx2()));
    emit("cpu_avx512f", yes_no(sodium_runtime_has_avx512f()));
    emit("cpu_aesni", yes_no(sodium_runtime_has_aesni()));
    emit("cpu_pclmul", yes_no(sodium_runtime_has_pclmul()));
    emit("cpu_rdrand", yes_no(sodium_runtime_has_rdrand()));
    emit("aes256gcm_available", yes_no(crypto_aead_aes256gcm_is_available()));
    emit("randombytes", randombytes_implementation_name());
    emit("scalarmult_primitive", crypto_scalarmult_primitive());
}

static const char *ls_absent(tb_family fam, int alg)
{
    switch (fam) {
    case TB_FAM_AEAD:
        if (alg == TB_AEAD_AES128GCM) {
            return "libsodium has no AES-128-GCM";
        }
        break;
    case TB_FAM_KEX:
        if (alg == TB_KEX_P256 || alg == TB_KEX_P384) {
            return "libsodium has no NIST curves";
        }
        break;
    case TB_FAM_RSA_KT:
        return "libsodium has no RSA";
    case TB_FAM_SIG:
        if (alg == TB_SIG_RSA_PKCS1_SHA256 || alg == TB_SIG_RSA_PSS_SHA256) {
            return "libsodium has no RSA";
        }
        return "libsodium has no ECDSA";
    default:
        break;
    }
    /* Only reached for a class this backend does provide. */
    return "not in the libsodium backend";
}

const tb_backend tb_backend_impl = {
    .name = "libsodium",
    .version = ls_version,
    .global_init = ls_global_init,
    .describe = ls_describe,
    .aead =
        {
            [TB_AEAD_AES128GCM] = NULL,
            [TB_AEAD_AES256GCM] = &tb_libsodium_aes256gcm,
            [TB_AEAD_CHACHA20POLY1305] = &tb_libsodium_chacha20poly1305,
        },
    .kex =
        {
            [TB_KEX_X25519] = &tb_libsodium_x25519,
            [TB_KEX_P256] = NULL,
            [TB_KEX_P384] = NULL,
        },
    .rsa_kt = NULL,
    .sig =
        {
            [TB_SIG_RSA_PKCS1_SHA256] = NULL,
            [TB_SIG_RSA_PSS_SHA256] = NULL,
            [TB_SIG_ECDSA_P256_SHA256] = NULL,
            [TB_SIG_ECDSA_P384_SHA384] = NULL,
        },
    .prf = &tb_libsodium_prf,
    .hkdf = &tb_libsodium_hkdf,
    .absent = ls_absent,
};
