#include "xcheck.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "keys.h"
#include "util.h"

#define MAXB 20000

static const size_t aead_sizes[] = {0, 13, 1350, 16384};
#define N_AEAD_SIZES (sizeof(aead_sizes) / sizeof(aead_sizes[0]))

static void put_hex(FILE *f, const uint8_t *b, size_t n)
{
    static char buf[2 * MAXB + 1];
    tb_hex_encode(buf, b, n);
    fprintf(f, " %s", n ? buf : "-");
}

/* Inputs of the KDF checks: not those of the benchmark cases. */
static void kdf_inputs(uint8_t secret[48], uint8_t seed[77])
{
    tb_fill(secret, 48, 0x78636b31);
    tb_fill(seed, 77, 0x78636b32);
}

static const char xlabel[] = "tlsbench cross-check";

int tb_xcheck_emit(const tb_backend *be, const char *path)
{
    FILE *f = fopen(path, "w");
    if (f == NULL) {
        fprintf(stderr, "tlsbench: cannot write %s: %s\n", path,
                strerror(errno));
        return 2;
    }
    static uint8_t in[MAXB], out[MAXB];
    uint8_t key[32], nonce[12], ad[13], tag[16];
    tb_why why;
    fprintf(f, "backend %s\n", be->name);
    for (int a = 0; a < TB_AEAD_COUNT; a++) {
        const tb_aead_class *cls = be->aead[a];
        if (cls == NULL) {
            continue;
        }
        const tb_aead_class **ctx = tb_ctx_new(cls, cls->context_size);
        tb_fill(key, 32, 100 + a);
        if (cls->init(ctx, key, &why) == TB_OK) {
            for (size_t i = 0; i < N_AEAD_SIZES; i++) {
                size_t n = aead_sizes[i];
                tb_fill(in, n, 200 + n);
                tb_fill(nonce, 12, 300 + n);
                tb_fill(ad, 13, 400 + n);
                if (cls->seal(ctx, out, tag, nonce, ad, 13, in, n) == 0) {
                    fprintf(f, "aead %d %zu", a, n);
                    put_hex(f, out, n);
                    put_hex(f, tag, 16);
                    fputc('\n', f);
                }
            }
            cls->cleanup(ctx);
        }
        free(ctx);
    }
    for (int k = 0; k < TB_KEX_COUNT; k++) {
        const tb_kex_class *cls = be->kex[k];
        if (cls == NULL) {
            continue;
        }
        const tb_kex_class **ctx = tb_ctx_new(cls, cls->context_size);
        uint8_t share[128], secret[64];
        if (cls->init(ctx, &why) == TB_OK) {
            const tb_ec_key *peer = &tb_ec_peer_keys[k];
            if (cls->keygen(ctx, share) == 0 &&
                cls->set_peer(ctx, peer->pub.ptr, peer->pub.len) == 0 &&
                cls->derive(ctx, secret) == 0) {
                fprintf(f, "kex %d", k);
                put_hex(f, share, cls->share_len);
                put_hex(f, secret, cls->secret_len);
                fputc('\n', f);
            }
            cls->cleanup(ctx);
        }
        free(ctx);
    }
    if (be->rsa_kt != NULL) {
        const tb_rsa_kt_class *cls = be->rsa_kt;
        for (int k = TB_RSA2048; k <= TB_RSA4096; k++) {
            const tb_rsa_kt_class **ctx = tb_ctx_new(cls, cls->context_size);
            if (cls->init(ctx, &tb_rsa_keys[k], &why) == TB_OK) {
                if (cls->encrypt_pms(ctx, out, tb_pms) == 0) {
                    fprintf(f, "rsa %d", k);
                    put_hex(f, out, tb_pms_ct[k].len);
                    fputc('\n', f);
                }
                cls->cleanup(ctx);
            }
            free(ctx);
        }
    }
    for (int s = 0; s < TB_SIG_COUNT; s++) {
        const tb_sig_class *cls = be->sig[s];
        if (cls == NULL) {
            continue;
        }
        tb_sig_key sk;
        tb_sig_key_fixed(s, &sk);
        const tb_sig_class **ctx = tb_ctx_new(cls, cls->context_size);
        size_t len;
        tb_fill(in, 100, 500 + s);
        if (cls->init(ctx, &sk, &why) == TB_OK) {
            if (cls->sign(ctx, out, &len, in, 100) == 0) {
                fprintf(f, "sig %d", s);
                put_hex(f, out, len);
                fputc('\n', f);
            }
            cls->cleanup(ctx);
        }
        free(ctx);
    }
    uint8_t secret[48], seed[77];
    kdf_inputs(secret, seed);
    for (int h = 0; h < TB_HASH_COUNT; h++) {
        if (be->prf != NULL) {
            const tb_prf_class **ctx = tb_ctx_new(be->prf, be->prf->context_size);
            if (be->prf->init(ctx, (tb_hash)h, &why) == TB_OK) {
                if (be->prf->prf(ctx, out, 100, secret, 48,
                                 (const uint8_t *)xlabel, strlen(xlabel),
                                 seed, 77) == 0) {
                    fprintf(f, "prf %d", h);
                    put_hex(f, out, 100);
                    fputc('\n', f);
                }
                be->prf->cleanup(ctx);
            }
            free(ctx);
        }
        if (be->hkdf != NULL) {
            const tb_hkdf_class **ctx = tb_ctx_new(be->hkdf, be->hkdf->context_size);
            if (be->hkdf->init(ctx, (tb_hash)h, &why) == TB_OK) {
                uint8_t prk[64], mac[64];
                size_t L = tb_hash_len((tb_hash)h);
                if (be->hkdf->extract(ctx, prk, seed, 13, secret, 48) == 0 &&
                    be->hkdf->expand(ctx, out, 100, prk, L, seed, 77) == 0 &&
                    be->hkdf->hmac(ctx, mac, secret, 48, seed, 77) == 0) {
                    fprintf(f, "hkdf %d", h);
                    put_hex(f, out, 100);
                    put_hex(f, mac, L);
                    fputc('\n', f);
                }
                be->hkdf->cleanup(ctx);
            }
            free(ctx);
        }
    }
    if (fclose(f) != 0) {
        return 2;
    }
    return 0;
}

typedef struct {
    int passed, failed, skipped;
    const char *from;
} tally;

static void result(tally *t, int ok, const char *what, int alg, size_t n)
{
    if (ok) {
        t->passed++;
    } else {
        t->failed++;
    }
    printf("%s %s %d %zu from %s\n", ok ? "pass" : "FAIL", what, alg, n,
           t->from);
}

static void skipped(tally *t, const char *what, int alg)
{
    t->skipped++;
    printf("skip %s %d from %s: not supported here\n", what, alg, t->from);
}

/* Next hex token into out; returns its byte length or -1. */
static long next_hex(char **save, uint8_t *out, size_t max)
{
    char *tok = strtok_r(NULL, " \n", save);
    if (tok == NULL) {
        return -1;
    }
    if (strcmp(tok, "-") == 0) {
        return 0;
    }
    return tb_hex_decode(out, max, tok, strlen(tok));
}

static int next_int(char **save, long lo, long hi, long *v)
{
    char *tok = strtok_r(NULL, " \n", save), *end;
    if (tok == NULL) {
        return -1;
    }
    *v = strtol(tok, &end, 10);
    return *end == '\0' && *v >= lo && *v <= hi ? 0 : -1;
}

static void consume_aead(const tb_backend *be, char **save, tally *t)
{
    static uint8_t ct[MAXB], pt[MAXB], want[MAXB], again[MAXB];
    uint8_t key[32], nonce[12], ad[13], tag[16], tag2[16];
    long a, n;
    tb_why why;
    if (next_int(save, 0, TB_AEAD_COUNT - 1, &a) || next_int(save, 0, 16384, &n) ||
        next_hex(save, ct, sizeof(ct)) != n || next_hex(save, tag, 16) != 16) {
        result(t, 0, "aead-line", -1, 0);
        return;
    }
    const tb_aead_class *cls = be->aead[a];
    if (cls == NULL) {
        skipped(t, "aead", (int)a);
        return;
    }
    const tb_aead_class **ctx = tb_ctx_new(cls, cls->context_size);
    tb_fill(key, 32, 100 + a);
    if (cls->init(ctx, key, &why) != TB_OK) {
        free(ctx);
        skipped(t, "aead", (int)a);
        return;
    }
    tb_fill(want, (size_t)n, 200 + n);
    tb_fill(nonce, 12, 300 + n);
    tb_fill(ad, 13, 400 + n);
    int ok = cls->open(ctx, pt, tag, nonce, ad, 13, ct, (size_t)n) == 0 &&
             memcmp(pt, want, (size_t)n) == 0;
    result(t, ok, "aead-open", (int)a, (size_t)n);
    ok = cls->seal(ctx, again, tag2, nonce, ad, 13, want, (size_t)n) == 0 &&
         memcmp(again, ct, (size_t)n) == 0 && memcmp(tag2, tag, 16) == 0;
    result(t, ok, "aead-seal-equal", (int)a, (size_t)n);
    cls->cleanup(ctx);
    free(ctx);
}

static void consume_kex(const tb_backend *be, char **save, tally *t)
{
    uint8_t share[256], secret[128], mine[128], own[128];
    long k;
    tb_why why;
    if (next_int(save, 0, TB_KEX_COUNT - 1, &k)) {
        result(t, 0, "kex-line", -1, 0);
        return;
    }
    long sl = next_hex(save, share, sizeof(share));
    long xl = next_hex(save, secret, sizeof(secret));
    const tb_kex_class *cls = be->kex[k];
    if (cls == NULL) {
        skipped(t, "kex", (int)k);
        return;
    }
    const tb_kex_class **ctx = tb_ctx_new(cls, cls->context_size);
    if (cls->init(ctx, &why) != TB_OK) {
        free(ctx);
        skipped(t, "kex", (int)k);
        return;
    }
    int ok = sl == (long)cls->share_len && xl == (long)cls->secret_len &&
             cls->set_private(ctx, tb_ec_peer_keys[k].priv.ptr, own) == 0 &&
             cls->set_peer(ctx, share, (size_t)sl) == 0 &&
             cls->derive(ctx, mine) == 0 &&
             memcmp(mine, secret, cls->secret_len) == 0;
    result(t, ok, "kex-derive", (int)k, 0);
    cls->cleanup(ctx);
    free(ctx);
}

static void consume_rsa(const tb_backend *be, char **save, tally *t)
{
    uint8_t ct[1024], pms[TB_PMS_LEN], out[1024];
    static const uint8_t v12[2] = {3, 3};
    long k;
    tb_why why;
    if (next_int(save, TB_RSA2048, TB_RSA4096, &k)) {
        result(t, 0, "rsa-line", -1, 0);
        return;
    }
    long cl = next_hex(save, ct, sizeof(ct));
    const tb_rsa_kt_class *cls = be->rsa_kt;
    if (cls == NULL) {
        skipped(t, "rsa", (int)k);
        return;
    }
    const tb_rsa_kt_class **ctx = tb_ctx_new(cls, cls->context_size);
    if (cls->init(ctx, &tb_rsa_keys[k], &why) != TB_OK) {
        free(ctx);
        skipped(t, "rsa", (int)k);
        return;
    }
    int ok = cl == (long)tb_pms_ct[k].len &&
             cls->decrypt_pms(ctx, pms, ct, (size_t)cl, v12) == 0 &&
             memcmp(pms, tb_pms, TB_PMS_LEN) == 0;
    result(t, ok, "rsa-decrypt_pms", (int)k, 0);
    if (cls->decrypt != NULL) {
        size_t n = 0;
        ok = cl == (long)tb_pms_ct[k].len &&
             cls->decrypt(ctx, out, &n, ct, (size_t)cl) == 0 &&
             n == TB_PMS_LEN && memcmp(out, tb_pms, TB_PMS_LEN) == 0;
        result(t, ok, "rsa-decrypt", (int)k, 0);
    }
    cls->cleanup(ctx);
    free(ctx);
}

static void consume_sig(const tb_backend *be, char **save, tally *t)
{
    uint8_t sig[TB_SIG_MAX], msg[100];
    long s;
    tb_why why;
    if (next_int(save, 0, TB_SIG_COUNT - 1, &s)) {
        result(t, 0, "sig-line", -1, 0);
        return;
    }
    long len = next_hex(save, sig, sizeof(sig));
    const tb_sig_class *cls = be->sig[s];
    if (cls == NULL) {
        skipped(t, "sig", (int)s);
        return;
    }
    tb_sig_key sk;
    tb_sig_key_fixed((int)s, &sk);
    const tb_sig_class **ctx = tb_ctx_new(cls, cls->context_size);
    if (cls->init(ctx, &sk, &why) != TB_OK) {
        free(ctx);
        skipped(t, "sig", (int)s);
        return;
    }
    tb_fill(msg, 100, 500 + s);
    int ok = len > 0 && cls->verify(ctx, sig, (size_t)len, msg, 100) == 0;
    result(t, ok, "sig-verify", (int)s, 0);
    msg[0] ^= 1;
    ok = len > 0 && cls->verify(ctx, sig, (size_t)len, msg, 100) != 0;
    result(t, ok, "sig-verify-other-message-rejected", (int)s, 0);
    cls->cleanup(ctx);
    free(ctx);
}

static void consume_kdf(const tb_backend *be, int hkdf, char **save,
                        tally *t)
{
    uint8_t want[128], want_mac[64], out[128], prk[64], mac[64];
    uint8_t secret[48], seed[77];
    long h;
    tb_why why;
    kdf_inputs(secret, seed);
    if (next_int(save, 0, TB_HASH_COUNT - 1, &h) ||
        next_hex(save, want, sizeof(want)) != 100) {
        result(t, 0, "kdf-line", -1, 0);
        return;
    }
    size_t L = tb_hash_len((tb_hash)h);
    if (hkdf) {
        const tb_hkdf_class *cls = be->hkdf;
        const tb_hkdf_class **ctx = cls ? tb_ctx_new(cls, cls->context_size) : NULL;
        if (cls == NULL || cls->init(ctx, (tb_hash)h, &why) != TB_OK) {
            free(ctx);
            skipped(t, "hkdf", (int)h);
            return;
        }
        int ok = next_hex(save, want_mac, sizeof(want_mac)) == (long)L &&
                 cls->extract(ctx, prk, seed, 13, secret, 48) == 0 &&
                 cls->expand(ctx, out, 100, prk, L, seed, 77) == 0 &&
                 memcmp(out, want, 100) == 0 &&
                 cls->hmac(ctx, mac, secret, 48, seed, 77) == 0 &&
                 memcmp(mac, want_mac, L) == 0;
        result(t, ok, "hkdf-equal", (int)h, 100);
        cls->cleanup(ctx);
        free(ctx);
    } else {
        const tb_prf_class *cls = be->prf;
        const tb_prf_class **ctx = cls ? tb_ctx_new(cls, cls->context_size) : NULL;
        if (cls == NULL || cls->init(ctx, (tb_hash)h, &why) != TB_OK) {
            free(ctx);
            skipped(t, "prf", (int)h);
            return;
        }
        int ok = cls->prf(ctx, out, 100, secret, 48, (const uint8_t *)xlabel,
                          strlen(xlabel), seed, 77) == 0 &&
                 memcmp(out, want, 100) == 0;
        result(t, ok, "prf-equal", (int)h, 100);
        cls->cleanup(ctx);
        free(ctx);
    }
}

int tb_xcheck_consume(const tb_backend *be, const char *path)
{
    FILE *f = fopen(path, "r");
    if (f == NULL) {
        fprintf(stderr, "tlsbench: cannot read %s: %s\n", path,
                strerror(errno));
        return 2;
    }
    static char line[2 * MAXB + 4096];
    char from[64] = "?";
    tally t = {0, 0, 0, from};
    while (fgets(line, sizeof(line), f) != NULL) {
        char *save = NULL;
        char *kind = strtok_r(line, " \n", &save);
        if (kind == NULL) {
            continue;
        }
        if (strcmp(kind, "backend") == 0) {
            char *name = strtok_r(NULL, " \n", &save);
            snprintf(from, sizeof(from), "%s", name ? name : "?");
        } else if (strcmp(kind, "aead") == 0) {
            consume_aead(be, &save, &t);
        } else if (strcmp(kind, "kex") == 0) {
            consume_kex(be, &save, &t);
        } else if (strcmp(kind, "rsa") == 0) {
            consume_rsa(be, &save, &t);
        } else if (strcmp(kind, "sig") == 0) {
            consume_sig(be, &save, &t);
        } else if (strcmp(kind, "prf") == 0 || strcmp(kind, "hkdf") == 0) {
            consume_kdf(be, kind[0] == 'h', &save, &t);
        } else {
            result(&t, 0, "unknown-line", -1, 0);
        }
    }
    fclose(f);
    printf("%s from %s: %d passed, %d failed, %d skipped\n", be->name, from,
           t.passed, t.failed, t.skipped);
    return t.failed ? 1 : 0;
}
