/* The Nettle backend table, its version and what it can tell about the code
 * paths it runs. */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gmp.h>
#include <nettle/version.h>

#include "classes.h"

#define STR2(x) #x
#define STR(x) STR2(x)

static const char *nettle_version(void)
{
    /* Nettle reports major.minor only; GMP carries hogweed's bignums. */
    static char buf[64];
    snprintf(buf, sizeof(buf), "%d.%d (GMP %s)", nettle_version_major(),
             nettle_version_minor(), gmp_version);
    return buf;
}

static tb_status nettle_global_init(tb_why *why)
{
    /* Headers and library from different releases would mean structs of
     * different layouts. */
    if (nettle_version_major() != NETTLE_VERSION_MAJOR ||
        nettle_version_minor() < NETTLE_VERSION_MINOR) {
        tb_why_set(why, "built against Nettle %d.%d, running %d.%d",
                   NETTLE_VERSION_MAJOR, NETTLE_VERSION_MINOR,
                   nettle_version_major(), nettle_version_minor());
        return TB_ERROR;
    }
    return TB_OK;
}

/*
 * Nettle's fat build picks AES-NI, PCLMUL (GHASH), SHA-NI and SSE2 memxor
 * at load time and keeps the choice in private pointers; no API reports it.
 * With NETTLE_FAT_VERBOSE set, its load-time constructor prints the choice
 * to stderr. The copy already in this process has run, so a second copy is
 * loaded in a fresh link namespace with fd 2 on a pipe, and its report is
 * read back. Same file, CPU and NETTLE_FAT_OVERRIDE, so the same choice.
 * Returns the bytes read (0 when nothing could be learnt).
 */
static size_t fat_report(char *out, size_t out_max, const char **lib_path)
{
    Dl_info info;
    *lib_path = NULL;
    if (dladdr((void *)nettle_version_major, &info) == 0 ||
        info.dli_fname == NULL) {
        return 0;
    }
    *lib_path = info.dli_fname;
    int fds[2];
    if (pipe(fds) != 0) {
        return 0;
    }
    fflush(stderr);
    int saved = dup(STDERR_FILENO);
    if (saved < 0 || dup2(fds[1], STDERR_FILENO) < 0) {
        if (saved >= 0) {
            close(saved);
        }
        close(fds[0]);
        close(fds[1]);
        return 0;
    }
    close(fds[1]);
    const char *old = getenv("NETTLE_FAT_VERBOSE");
    int had_old = old != NULL;
    setenv("NETTLE_FAT_VERBOSE", "1", 1);
    void *h = dlmopen(LM_ID_NEWLM, info.dli_fname, RTLD_NOW | RTLD_LOCAL);
    if (!had_old) {
        unsetenv("NETTLE_FAT_VERBOSE");
    }
    dup2(saved, STDERR_FILENO); /* also closes the pipe's write end */
    close(saved);
    size_t got = 0;
    ssize_t n;
    while (got + 1 < out_max &&
           (n = read(fds[0], out + got, out_max - 1 - got)) > 0) {
        got += (size_t)n;
    }
    close(fds[0]);
    out[got] = '\0';
    if (h != NULL) {
        dlclose(h);
    }
    return got;
}

/* One "libnettle: ..." line as a key=value fact. */
static void emit_fat_line(void (*emit)(const char *, const char *),
                          const char *line)
{
    static const char cpu[] = "cpu features: ";
    static const char sse2[] = "intel SSE2 will ";
    char key[96];
    /* Under the 2048-byte report buffer, so the (int) casts below fit. */
    size_t len = strlen(line);
    if (strncmp(line, cpu, sizeof(cpu) - 1) == 0) {
        emit("nettle.fat.cpu_features", line + sizeof(cpu) - 1);
    } else if (strncmp(line, "using ", 6) == 0 && len > 20 &&
               strcmp(line + len - 14, " instructions.") == 0) {
        snprintf(key, sizeof(key), "nettle.fat.%.*s", (int)(len - 20),
                 line + 6);
        emit(key, "used");
    } else if (strncmp(line, "not using ", 10) == 0 && len > 24 &&
               strcmp(line + len - 14, " instructions.") == 0) {
        snprintf(key, sizeof(key), "nettle.fat.%.*s", (int)(len - 24),
                 line + 10);
        emit(key, "not used");
    } else if (strncmp(line, sse2, sizeof(sse2) - 1) == 0) {
        emit("nettle.fat.memxor_sse2",
             strncmp(line + sizeof(sse2) - 1, "not", 3) == 0 ? "not used"
                                                            : "used");
    } else if (strcmp(line, "fat library initialization.") != 0) {
        emit("nettle.fat.other", line);
    }
}

static void nettle_describe(void (*emit)(const char *key, const char *value))
{
    char buf[96];
    snprintf(buf, sizeof(buf), "%d.%d", nettle_version_major(),
             nettle_version_minor());
    emit("nettle.version", buf);
    emit("nettle.headers", STR(NETTLE_VERSION_MAJOR) "." STR(
                               NETTLE_VERSION_MINOR));
    emit("nettle.mini_gmp", NETTLE_USE_MINI_GMP ? "yes" : "no");
    emit("gmp.version", gmp_version);
    snprintf(buf, sizeof(buf), "%d", (int)GMP_NUMB_BITS);
    emit("gmp.limb_bits", buf);
    const char *ovr = getenv("NETTLE_FAT_OVERRIDE");
    emit("nettle.fat_override", ovr != NULL ? ovr : "(unset)");

    char report[2048];
    const char *path;
    size_t got = fat_report(report, sizeof(report), &path);
    emit("nettle.library", path != NULL ? path : "(unknown)");
    if (got == 0) {
        emit("nettle.fat", "no report (not a fat build, or the probe failed)");
    } else {
        emit("nettle.fat", "yes (choices below are libnettle's own "
                           "NETTLE_FAT_VERBOSE report)");
        emit("nettle.fat.covers",
             "aes: AES rounds (GCM, Yarrow); pclmulqdq: GHASH; sha_ni: "
             "SHA-1/SHA-256 compression (SHA-384 is not dispatched)");
        static const char prefix[] = "libnettle: ";
        for (char *line = report, *next; *line != '\0'; line = next) {
            char *nl = strchr(line, '\n');
            next = nl != NULL ? nl + 1 : line + strlen(line);
            if (nl != NULL) {
                *nl = '\0';
            }
            if (strncmp(line, prefix, sizeof(prefix) - 1) == 0) {
                emit_fat_line(emit, line + sizeof(prefix) - 1);
            }
        }
    }
    emit("nettle.not_reported",
         "ChaCha20, Poly1305, curve and RSA arithmetic are not "
         "dispatched; whether the build uses assembly for them, and GMP's "
         "mpn CPU path, are not reported at run time");
    emit("rng", "Yarrow-256 per context, seeded once from getrandom()");
}

static const char *nettle_absent(tb_family fam, int alg)
{
    (void)fam;
    (void)alg;
    /* Every class is present; the contract still wants a non-NULL text. */
    return "not provided by the nettle backend";
}

const tb_backend tb_backend_impl = {
    .name = "nettle",
    .version = nettle_version,
    .global_init = nettle_global_init,
    .describe = nettle_describe,
    .aead =
        {
            [TB_AEAD_AES128GCM] = &tb_nettle_aes128gcm,
            [TB_AEAD_AES256GCM] = &tb_nettle_aes256gcm,
            [TB_AEAD_CHACHA20POLY1305] = &tb_nettle_chacha20poly1305,
        },
    .kex =
        {
            [TB_KEX_X25519] = &tb_nettle_x25519,
            [TB_KEX_P256] = &tb_nettle_p256,
            [TB_KEX_P384] = &tb_nettle_p384,
        },
    .rsa_kt = &tb_nettle_rsa_kt,
    .sig =
        {
            [TB_SIG_RSA_PKCS1_SHA256] = &tb_nettle_rsa_pkcs1_sha256,
            [TB_SIG_RSA_PSS_SHA256] = &tb_nettle_rsa_pss_sha256,
            [TB_SIG_ECDSA_P256_SHA256] = &tb_nettle_ecdsa_p256_sha256,
            [TB_SIG_ECDSA_P384_SHA384] = &tb_nettle_ecdsa_p384_sha384,
        },
    .prf = &tb_nettle_prf,
    .hkdf = &tb_nettle_hkdf,
    .absent = nettle_absent,
};
