/* The BoringSSL backend table, its version string and its build facts. */
#include "classes.h" /* first: it checks for BoringSSL headers */

#include <stdio.h>

#include <openssl/aead.h>
#include <openssl/crypto.h>
#include <openssl/rand.h>

/* BoringSSL has no release numbers: OpenSSL_version() says "BoringSSL" and
 * OpenSSL_version_num() the OpenSSL API level it mimics; the API version
 * (BORINGSSL_API_VERSION) is the closest to a version it has. */
static const char *bssl_version(void)
{
    static char text[128];
    snprintf(text, sizeof(text), "%s (API %d, OpenSSL-compatible 0x%08lx)",
             OpenSSL_version(OPENSSL_VERSION), BORINGSSL_API_VERSION,
             OpenSSL_version_num());
    return text;
}

static tb_status bssl_global_init(tb_why *why)
{
    uint8_t seed[16];
    CRYPTO_library_init(); /* CPU feature detection, where not static */
    if (!RAND_bytes(seed, sizeof(seed))) {
        tb_why_set(why, "RAND_bytes failed");
        return TB_ERROR;
    }
    return TB_OK;
}

static void bssl_describe(void (*emit)(const char *key, const char *value))
{
    char num[32];
#ifdef TB_BORINGSSL_DEBIAN_ANDROID
    emit("build", "Android BoringSSL from Debian (android-libboringssl-dev, "
                  "/usr/include/android)");
    /* Not visible at run time; from Debian's debian/libcrypto.mk. */
    emit("build_flags", "-DOPENSSL_SMALL (Debian packaging): P-256 on fiat C, "
                        "not the nistz256 asm; small curve25519 tables");
#else
    emit("build", "BoringSSL from BORINGSSL_DIR");
#endif
    emit("version_text", OpenSSL_version(OPENSSL_VERSION));
    snprintf(num, sizeof(num), "%d", BORINGSSL_API_VERSION);
    emit("api_version", num);
    snprintf(num, sizeof(num), "0x%08lx", OpenSSL_version_num());
    emit("openssl_version_num", num);
    /* CRYPTO_has_asm: 0 only for OPENSSL_NO_ASM builds (C everywhere). */
    emit("asm", CRYPTO_has_asm() ? "yes" : "no (OPENSSL_NO_ASM)");
    /* EVP_has_aes_hardware: the CPU check BoringSSL uses to pick AES-NI and
     * carry-less-multiply GHASH for AES-GCM (otherwise vpaes or C). */
    emit("aes_hardware", EVP_has_aes_hardware() ? "yes (AES-NI + CLMUL)"
                                                : "no");
    emit("fips_mode", FIPS_mode() ? "yes" : "no");
    /* OPENSSL_ia32cap_P is a hidden symbol in this libcrypto, so the other
     * CPU bits it detected (AVX, ADX, ...) cannot be read from outside. */
    emit("cpu_caps", "not exported by libcrypto (OPENSSL_ia32cap_P hidden)");
}

static const char *bssl_absent(tb_family fam, int alg)
{
    (void)fam;
    (void)alg;
    return "not provided by the BoringSSL adapter";
}

const tb_backend tb_backend_impl = {
    .name = "boringssl",
    .version = bssl_version,
    .global_init = bssl_global_init,
    .describe = bssl_describe,
    .aead =
        {
            [TB_AEAD_AES128GCM] = &tb_boringssl_aes128gcm,
            [TB_AEAD_AES256GCM] = &tb_boringssl_aes256gcm,
            [TB_AEAD_CHACHA20POLY1305] = &tb_boringssl_chacha20poly1305,
        },
    .kex =
        {
            [TB_KEX_X25519] = &tb_boringssl_x25519,
            [TB_KEX_P256] = &tb_boringssl_p256,
            [TB_KEX_P384] = &tb_boringssl_p384,
        },
    .rsa_kt = &tb_boringssl_rsa_kt,
    .sig =
        {
            [TB_SIG_RSA_PKCS1_SHA256] = &tb_boringssl_rsa_pkcs1_sha256,
            [TB_SIG_RSA_PSS_SHA256] = &tb_boringssl_rsa_pss_sha256,
            [TB_SIG_ECDSA_P256_SHA256] = &tb_boringssl_ecdsa_p256_sha256,
            [TB_SIG_ECDSA_P384_SHA384] = &tb_boringssl_ecdsa_p384_sha384,
        },
    .prf = &tb_boringssl_prf,
    .hkdf = &tb_boringssl_hkdf,
    .absent = bssl_absent,
};
