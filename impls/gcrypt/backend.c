/* The libgcrypt backend table, library set-up and build facts. */
#include <string.h>

#include <gcrypt.h>

#include "classes.h"
#include "util.h"

static const char *gcrypt_version(void)
{
    return gcry_check_version(NULL);
}

static tb_status gcrypt_global_init(tb_why *why)
{
    if (gcry_control(GCRYCTL_INITIALIZATION_FINISHED_P)) {
        return TB_OK;
    }
    /* Also initialises the library; NULL means the run-time library is
     * older than the headers we were built with. */
    if (gcry_check_version(GCRYPT_VERSION) == NULL) {
        tb_why_set(why, "libgcrypt %s is older than its headers (%s)",
                   gcry_check_version(NULL), GCRYPT_VERSION);
        return TB_ERROR;
    }
    /*
     * No secure (mlock'ed) memory pool: nothing here needs key material
     * kept off swap, and the pool's size limit and warnings would only get
     * in the way. Allocations flagged secure (the EC scalars) still carry
     * the flag that selects libgcrypt's constant-time paths.
     */
    gcry_control(GCRYCTL_DISABLE_SECMEM, 0);
    gcry_control(GCRYCTL_INITIALIZATION_FINISHED, 0);
    /* Seed the CSPRNG and the nonce generator (used for RSA blinding) now,
     * so that no timed call pays for it. */
    uint8_t buf[16];
    gcry_randomize(buf, sizeof(buf), GCRY_STRONG_RANDOM);
    gcry_create_nonce(buf, sizeof(buf));
    return TB_OK;
}

/* Emits one gcry_get_config item ("name:f1:f2:...:\n") as key=f1:f2:... */
static void emit_config(void (*emit)(const char *, const char *),
                        const char *key, const char *item)
{
    char *s = gcry_get_config(0, item);
    if (s == NULL) {
        return;
    }
    char *v = s;
    size_t name_len = strlen(item);
    if (strncmp(v, item, name_len) == 0 && v[name_len] == ':') {
        v += name_len + 1;
    }
    size_t len = strlen(v);
    while (len > 0 && (v[len - 1] == '\n' || v[len - 1] == ':')) {
        v[--len] = '\0';
    }
    emit(key, v);
    gcry_free(s);
}

static void gcrypt_describe(void (*emit)(const char *key, const char *value))
{
    emit("library", "libgcrypt");
    emit("header_version", GCRYPT_VERSION);
    /* "version:<gcrypt>:<hex>:<gpg-error>:<hex>": the harness prints the
     * first already; the libgpg-error one is the third field. */
    char *ver = gcry_get_config(0, "version");
    char *field = ver;
    for (int i = 0; i < 3 && field != NULL; i++) {
        field = strchr(field, ':');
        field = field != NULL ? field + 1 : NULL;
    }
    if (field != NULL) {
        field[strcspn(field, ":\n")] = '\0';
        emit("libgpg_error_version", field);
    }
    gcry_free(ver);
    emit_config(emit, "compiler", "cc");
    emit_config(emit, "cpu_arch", "cpu-arch");
    emit_config(emit, "mpi_asm", "mpi-asm");
    emit_config(emit, "rng_type", "rng-type");
    emit_config(emit, "rnd_mod", "rnd-mod");
    emit_config(emit, "fips_mode", "fips-mode");
    /* The CPU features libgcrypt detected; its cipher, hash and MAC code
     * dispatches on this list at run time (it says intel-* on AMD too). */
    emit_config(emit, "hwflist", "hwflist");
    char *hw = gcry_get_config(0, "hwflist");
    static const struct {
        const char *key, *flag;
    } feats[] = {
        {"aes_ni", ":intel-aesni:"},
        {"pclmul", ":intel-pclmul:"},
        {"vaes_vpclmul", ":intel-vaes-vpclmul:"},
        {"avx2", ":intel-avx2:"},
        {"sha_ni", ":intel-shaext:"},
    };
    for (size_t i = 0; i < sizeof(feats) / sizeof(feats[0]); i++) {
        int on = hw != NULL && strstr(hw, feats[i].flag) != NULL;
        emit(feats[i].key, on ? "yes" : "no");
    }
    gcry_free(hw);
    emit("secure_memory", "disabled (GCRYCTL_DISABLE_SECMEM)");
}

static const char *gcrypt_absent(tb_family fam, int alg)
{
    (void)fam;
    (void)alg;
    /* Every class is present; nothing is absent. */
    return "present in libgcrypt";
}

const tb_backend tb_backend_impl = {
    .name = "gcrypt",
    .version = gcrypt_version,
    .global_init = gcrypt_global_init,
    .describe = gcrypt_describe,
    .aead =
        {
            [TB_AEAD_AES128GCM] = &tb_gcrypt_aes128gcm,
            [TB_AEAD_AES256GCM] = &tb_gcrypt_aes256gcm,
            [TB_AEAD_CHACHA20POLY1305] = &tb_gcrypt_chacha20poly1305,
        },
    .kex =
        {
            [TB_KEX_X25519] = &tb_gcrypt_x25519,
            [TB_KEX_P256] = &tb_gcrypt_p256,
            [TB_KEX_P384] = &tb_gcrypt_p384,
        },
    .rsa_kt = &tb_gcrypt_rsa_kt,
    .sig =
        {
            [TB_SIG_RSA_PKCS1_SHA256] = &tb_gcrypt_rsa_pkcs1_sha256,
            [TB_SIG_RSA_PSS_SHA256] = &tb_gcrypt_rsa_pss_sha256,
            [TB_SIG_ECDSA_P256_SHA256] = &tb_gcrypt_ecdsa_p256_sha256,
            [TB_SIG_ECDSA_P384_SHA384] = &tb_gcrypt_ecdsa_p384_sha384,
        },
    .prf = &tb_gcrypt_prf,
    .hkdf = &tb_gcrypt_hkdf,
    .absent = gcrypt_absent,
};
