#include "kat.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "kat_builtin.h"
#include "tls13.h"
#include "util.h"

#define MAX_FIELDS 24
#define MAX_VALUE 4096

typedef struct {
    const char *key[MAX_FIELDS];
    const char *val[MAX_FIELDS];
    size_t val_len[MAX_FIELDS];
    int n;
    int line; /* first line of the block */
} block;

/* Text-valued keys; every other key holds hex. */
static int is_text_key(const char *k)
{
    static const char *const text[] = {
        "Op",    "Name",          "Alg",        "Source", "Label", "Id",
        "Hash",  "InputMessages", "Length",     "Iterations"};
    for (size_t i = 0; i < sizeof(text) / sizeof(text[0]); i++) {
        if (strcmp(k, text[i]) == 0) {
            return 1;
        }
    }
    return 0;
}

static const char *get(const block *b, const char *key, size_t *len)
{
    for (int i = 0; i < b->n; i++) {
        if (strcmp(b->key[i], key) == 0) {
            if (len) {
                *len = b->val_len[i];
            }
            return b->val[i];
        }
    }
    return NULL;
}

/* Decodes a hex field; -1 if absent or not hex. */
static long hex(const block *b, const char *key, uint8_t *out, size_t max)
{
    size_t len;
    const char *v = get(b, key, &len);
    return v ? tb_hex_decode(out, max, v, len) : -1;
}

typedef struct {
    char *text;  /* the file, modified in place (keys and values NUL-ended) */
    block *blocks;
    int n;
} vec_file;

static void vec_free(vec_file *f)
{
    free(f->text);
    free(f->blocks);
    memset(f, 0, sizeof(*f));
}

static const char *const known_ops[] = {
    "AEAD",  "X25519",  "X25519-Iterate", "X25519-DH",
    "ChaCha20-Poly1305-OneTimeKey",        "HKDF-Extract",
    "HKDF-Expand-Label", "HMAC-SHA256",    "SHA256",
    "Message"};

/* Splits text into blocks and checks every line and value. */
static int vec_parse(vec_file *f, char *text, char *err, size_t err_len)
{
    memset(f, 0, sizeof(*f));
    f->text = text;
    int cap = 0, line = 0;
    block *cur = NULL;
    for (char *p = text; *p;) {
        char *eol = strchr(p, '\n');
        if (eol) {
            *eol = '\0';
        }
        line++;
        size_t len = strlen(p);
        if (len > 0 && p[len - 1] == '\r') {
            p[--len] = '\0';
        }
        if (len == 0) {
            cur = NULL;
        } else if (p[0] != '#') {
            char *eq = strstr(p, " =");
            if (eq == NULL || eq == p || (eq[2] != '\0' && eq[2] != ' ')) {
                snprintf(err, err_len, "line %d: expected 'Key = value'",
                         line);
                return -1;
            }
            *eq = '\0';
            char *v = eq[2] ? eq + 3 : eq + 2;
            if (cur == NULL) {
                if (f->n == cap) {
                    cap = cap ? 2 * cap : 64;
                    block *nb = realloc(f->blocks, (size_t)cap * sizeof(*nb));
                    if (nb == NULL) {
                        snprintf(err, err_len, "out of memory");
                        return -1;
                    }
                    f->blocks = nb;
                }
                cur = &f->blocks[f->n++];
                memset(cur, 0, sizeof(*cur));
                cur->line = line;
            }
            if (cur->n == MAX_FIELDS) {
                snprintf(err, err_len, "line %d: too many fields in a block",
                         line);
                return -1;
            }
            size_t vl = strlen(v);
            if (!is_text_key(p)) {
                uint8_t tmp[MAX_VALUE];
                if (tb_hex_decode(tmp, sizeof(tmp), v, vl) < 0) {
                    snprintf(err, err_len,
                             "line %d: %s is not even-length hex (or longer "
                             "than %d bytes)",
                             line, p, MAX_VALUE);
                    return -1;
                }
            }
            cur->key[cur->n] = p;
            cur->val[cur->n] = v;
            cur->val_len[cur->n] = vl;
            cur->n++;
        }
        if (eol == NULL) {
            break;
        }
        p = eol + 1;
    }
    for (int i = 0; i < f->n; i++) {
        const block *b = &f->blocks[i];
        const char *op = get(b, "Op", NULL);
        if (op == NULL) {
            if (!get(b, "Hash", NULL) || !get(b, "Secret", NULL) ||
                !get(b, "Label", NULL) || !get(b, "Seed", NULL) ||
                !get(b, "Output", NULL)) {
                snprintf(err, err_len,
                         "line %d: a block needs Op, or the PRF fields Hash, "
                         "Secret, Label, Seed and Output",
                         b->line);
                return -1;
            }
            continue;
        }
        size_t k = 0;
        while (k < sizeof(known_ops) / sizeof(known_ops[0]) &&
               strcmp(op, known_ops[k]) != 0) {
            k++;
        }
        if (k == sizeof(known_ops) / sizeof(known_ops[0])) {
            snprintf(err, err_len,
                     "line %d: unknown Op '%s' (valid: AEAD, X25519, "
                     "X25519-Iterate, X25519-DH, HKDF-Extract, "
                     "HKDF-Expand-Label, HMAC-SHA256, SHA256, Message, "
                     "ChaCha20-Poly1305-OneTimeKey)",
                     b->line, op);
            return -1;
        }
    }
    return 0;
}

static char *read_all(const char *path, char *err, size_t err_len)
{
    FILE *fp = fopen(path, "rb");
    if (fp == NULL) {
        snprintf(err, err_len, "cannot open: %s", strerror(errno));
        return NULL;
    }
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    size_t got;
    while (buf && (got = fread(buf + n, 1, cap - n - 1, fp)) > 0) {
        n += got;
        if (n + 1 == cap) {
            cap *= 2;
            char *nb = realloc(buf, cap);
            if (nb == NULL) {
                free(buf);
                buf = NULL;
            }
            buf = nb;
        }
    }
    fclose(fp);
    if (buf == NULL) {
        snprintf(err, err_len, "out of memory");
        return NULL;
    }
    buf[n] = '\0';
    if (strlen(buf) != n) {
        snprintf(err, err_len, "binary data (a NUL byte) in a text file");
        free(buf);
        return NULL;
    }
    return buf;
}

int tb_kat_validate(const char *path, char *err, size_t err_len)
{
    vec_file f;
    char *text = read_all(path, err, err_len);
    if (text == NULL) {
        return -1;
    }
    int rc = vec_parse(&f, text, err, err_len);
    vec_free(&f);
    return rc;
}

/* ------------------------------------------------------------ running */

static void record(tb_kat_result *r, const block *b, tb_family fam, int alg,
                   int ok, const char *what)
{
    const char *name = get(b, "Name", NULL);
    if (name == NULL) {
        name = get(b, "Id", NULL);
    }
    if (ok) {
        r->passed++;
    } else {
        r->failed++;
        if (alg >= 0 && alg < 4) {
            r->family_failed[fam] |= 1 << alg;
            snprintf(r->family_why[fam][alg], sizeof(r->family_why[fam][alg]),
                     "known answer %s failed (%s)", name ? name : "?", what);
        }
    }
    if (r->log) {
        fprintf(r->log, "%s %s: %s\n", ok ? "pass" : "FAIL",
                name ? name : "?", what);
    }
}

static void skip(tb_kat_result *r, const block *b, const char *why)
{
    const char *name = get(b, "Name", NULL);
    if (name == NULL) {
        name = get(b, "Id", NULL);
    }
    r->skipped++;
    if (r->log) {
        fprintf(r->log, "skip %s: %s\n", name ? name : "?", why);
    }
}

static void run_aead(const tb_backend *be, const block *b, tb_kat_result *r)
{
    static const char *const names[TB_AEAD_COUNT] = {
        "AES-128-GCM", "AES-256-GCM", "CHACHA20-POLY1305"};
    const char *alg = get(b, "Alg", NULL);
    int a = 0;
    while (a < TB_AEAD_COUNT && (alg == NULL || strcmp(alg, names[a]) != 0)) {
        a++;
    }
    if (a == TB_AEAD_COUNT) {
        skip(r, b, "unknown Alg");
        return;
    }
    const tb_aead_class *cls = be->aead[a];
    if (cls == NULL) {
        skip(r, b, "backend has no such AEAD");
        return;
    }
    static uint8_t key[64], iv[64], ad[MAX_VALUE], pt[MAX_VALUE],
        ct[MAX_VALUE], out[MAX_VALUE], tag[64], mytag[16];
    long kl = hex(b, "Key", key, sizeof(key));
    long il = hex(b, "IV", iv, sizeof(iv));
    long al = hex(b, "AAD", ad, sizeof(ad));
    long pl = hex(b, "Plaintext", pt, sizeof(pt));
    long cl = hex(b, "Ciphertext", ct, sizeof(ct));
    long tl = hex(b, "Tag", tag, sizeof(tag));
    if (kl != (long)cls->key_len || il != TB_AEAD_NONCE_LEN || al < 0 ||
        pl < 0 || cl != pl || tl != TB_AEAD_TAG_LEN) {
        skip(r, b, "sizes not those of TLS (key, 12-byte IV, 16-byte tag)");
        return;
    }
    const tb_aead_class **ctx = tb_ctx_new(cls, cls->context_size);
    tb_why why;
    tb_status st = cls->init(ctx, key, &why);
    if (st != TB_OK) {
        free(ctx);
        skip(r, b, st == TB_UNSUPPORTED ? "unsupported here" : "init failed");
        return;
    }
    int ok = cls->seal(ctx, out, mytag, iv, ad, (size_t)al, pt, (size_t)pl) ==
                 0 &&
             memcmp(out, ct, (size_t)cl) == 0 && memcmp(mytag, tag, 16) == 0;
    record(r, b, TB_FAM_AEAD, a, ok, "seal");
    ok = cls->open(ctx, out, tag, iv, ad, (size_t)al, ct, (size_t)cl) == 0 &&
         memcmp(out, pt, (size_t)pl) == 0;
    record(r, b, TB_FAM_AEAD, a, ok, "open");
    tag[15] ^= 0x80;
    ok = cls->open(ctx, out, tag, iv, ad, (size_t)al, ct, (size_t)cl) != 0;
    record(r, b, TB_FAM_AEAD, a, ok, "forged tag rejected");
    cls->cleanup(ctx);
    free(ctx);
}

/* X25519(scalar, u) with the backend's class; 0 or -1. */
static int x25519(const tb_kex_class **ctx, uint8_t out[32],
                  const uint8_t scalar[32], const uint8_t u[32],
                  uint8_t share[32])
{
    return (*ctx)->set_private(ctx, scalar, share) == 0 &&
                   (*ctx)->set_peer(ctx, u, 32) == 0 &&
                   (*ctx)->derive(ctx, out) == 0
               ? 0
               : -1;
}

static void run_x25519(const tb_backend *be, const block *b, const char *op,
                       tb_kat_result *r)
{
    const tb_kex_class *cls = be->kex[TB_KEX_X25519];
    if (cls == NULL) {
        skip(r, b, "backend has no X25519");
        return;
    }
    const tb_kex_class **ctx = tb_ctx_new(cls, cls->context_size);
    tb_why why;
    if (cls->init(ctx, &why) != TB_OK) {
        free(ctx);
        skip(r, b, "X25519 init failed or unsupported");
        return;
    }
    uint8_t k[32], u[32], want[32], got[32], share[32], own[32];
    int ok = 0;
    if (strcmp(op, "X25519") == 0) {
        int rfc8448 = get(b, "Private", NULL) != NULL;
        ok = hex(b, rfc8448 ? "Private" : "Scalar", k, 32) == 32 &&
             hex(b, rfc8448 ? "Public" : "UCoordinate", u, 32) == 32 &&
             hex(b, "Output", want, 32) == 32 &&
             x25519(ctx, got, k, u, share) == 0 && memcmp(got, want, 32) == 0;
        if (ok && get(b, "OwnPublic", NULL)) {
            ok = hex(b, "OwnPublic", own, 32) == 32 &&
                 memcmp(own, share, 32) == 0;
        }
        record(r, b, TB_FAM_KEX, TB_KEX_X25519, ok, "X25519");
    } else if (strcmp(op, "X25519-DH") == 0) {
        uint8_t ap[32], bp[32], bpub[32], apub[32];
        ok = hex(b, "AlicePrivate", ap, 32) == 32 &&
             hex(b, "AlicePublic", apub, 32) == 32 &&
             hex(b, "BobPrivate", bp, 32) == 32 &&
             hex(b, "BobPublic", bpub, 32) == 32 &&
             hex(b, "Shared", want, 32) == 32 &&
             x25519(ctx, got, ap, bpub, share) == 0 &&
             memcmp(share, apub, 32) == 0 && memcmp(got, want, 32) == 0 &&
             x25519(ctx, got, bp, apub, share) == 0 &&
             memcmp(share, bpub, 32) == 0 && memcmp(got, want, 32) == 0;
        record(r, b, TB_FAM_KEX, TB_KEX_X25519, ok, "X25519 DH");
    } else {
        const char *it = get(b, "Iterations", NULL);
        long n = it ? strtol(it, NULL, 10) : -1;
        if (n < 1 || n > 1000) {
            skip(r, b, "more than 1000 iterations (slow)");
        } else {
            memset(k, 0, 32);
            k[0] = 9;
            memcpy(u, k, 32);
            ok = hex(b, "Output", want, 32) == 32;
            for (long i = 0; ok && i < n; i++) {
                ok = x25519(ctx, got, k, u, share) == 0;
                memcpy(u, k, 32);
                memcpy(k, got, 32);
            }
            ok = ok && memcmp(k, want, 32) == 0;
            record(r, b, TB_FAM_KEX, TB_KEX_X25519, ok, "X25519 iterated");
        }
    }
    cls->cleanup(ctx);
    free(ctx);
}

static const tb_hkdf_class **hkdf_sha256(const tb_backend *be)
{
    const tb_hkdf_class *cls = be->hkdf;
    if (cls == NULL) {
        return NULL;
    }
    const tb_hkdf_class **ctx = tb_ctx_new(cls, cls->context_size);
    tb_why why;
    if (cls->init(ctx, TB_HASH_SHA256, &why) != TB_OK) {
        free(ctx);
        return NULL;
    }
    return ctx;
}

static void run_hkdf(const tb_backend *be, const block *b, const char *op,
                     tb_kat_result *r)
{
    const tb_hkdf_class **ctx = hkdf_sha256(be);
    if (ctx == NULL) {
        skip(r, b, "backend has no HKDF/HMAC with SHA-256");
        return;
    }
    static uint8_t x[MAX_VALUE], y[MAX_VALUE], want[MAX_VALUE], got[MAX_VALUE];
    long wl = hex(b, "Output", want, sizeof(want));
    int ok = 0;
    if (strcmp(op, "HKDF-Extract") == 0) {
        long sl = hex(b, "Salt", x, sizeof(x)), il = hex(b, "IKM", y, sizeof(y));
        ok = sl >= 0 && il >= 0 && wl == 32 &&
             (*ctx)->extract(ctx, got, x, (size_t)sl, y, (size_t)il) == 0 &&
             memcmp(got, want, 32) == 0;
    } else if (strcmp(op, "HMAC-SHA256") == 0) {
        long kl = hex(b, "Key", x, sizeof(x)), il = hex(b, "Input", y, sizeof(y));
        ok = kl >= 0 && il >= 0 && wl == 32 &&
             (*ctx)->hmac(ctx, got, x, (size_t)kl, y, (size_t)il) == 0 &&
             memcmp(got, want, 32) == 0;
    } else {
        long sl = hex(b, "Secret", x, sizeof(x));
        long cl = hex(b, "Context", y, sizeof(y));
        const char *label = get(b, "Label", NULL);
        const char *len = get(b, "Length", NULL);
        long n = len ? strtol(len, NULL, 10) : -1;
        ok = sl >= 0 && cl >= 0 && label && n == wl && n > 0 &&
             tb_expand_label(ctx, got, (size_t)n, x, (size_t)sl, label, y,
                             (size_t)cl) == 0 &&
             memcmp(got, want, (size_t)n) == 0;
    }
    record(r, b, TB_FAM_HKDF, TB_HASH_SHA256, ok, op);
    (*ctx)->cleanup(ctx);
    free(ctx);
}

static void run_prf(const tb_backend *be, const block *b, tb_kat_result *r)
{
    const char *h = get(b, "Hash", NULL);
    tb_hash hash = strcmp(h, "SHA384") == 0 ? TB_HASH_SHA384 : TB_HASH_SHA256;
    if (strcmp(h, "SHA256") != 0 && strcmp(h, "SHA384") != 0) {
        skip(r, b, "hash other than SHA256/SHA384");
        return;
    }
    const tb_prf_class *cls = be->prf;
    if (cls == NULL) {
        skip(r, b, "backend has no TLS 1.2 PRF");
        return;
    }
    const tb_prf_class **ctx = tb_ctx_new(cls, cls->context_size);
    tb_why why;
    if (cls->init(ctx, hash, &why) != TB_OK) {
        free(ctx);
        skip(r, b, "PRF with this hash unsupported here");
        return;
    }
    static uint8_t secret[MAX_VALUE], seed[MAX_VALUE], want[MAX_VALUE],
        got[MAX_VALUE];
    const char *label = get(b, "Label", NULL);
    long sl = hex(b, "Secret", secret, sizeof(secret));
    long dl = hex(b, "Seed", seed, sizeof(seed));
    long wl = hex(b, "Output", want, sizeof(want));
    int ok = sl >= 0 && dl >= 0 && wl > 0 &&
             (*ctx)->prf(ctx, got, (size_t)wl, secret, (size_t)sl,
                         (const uint8_t *)label, strlen(label), seed,
                         (size_t)dl) == 0 &&
             memcmp(got, want, (size_t)wl) == 0;
    record(r, b, TB_FAM_PRF, hash, ok, "PRF");
    cls->cleanup(ctx);
    free(ctx);
}

static void run_file(const tb_backend *be, const vec_file *f,
                     tb_kat_result *r)
{
    for (int i = 0; i < f->n; i++) {
        const block *b = &f->blocks[i];
        const char *op = get(b, "Op", NULL);
        if (op == NULL) {
            run_prf(be, b, r);
        } else if (strcmp(op, "AEAD") == 0) {
            run_aead(be, b, r);
        } else if (strncmp(op, "X25519", 6) == 0) {
            run_x25519(be, b, op, r);
        } else if (strncmp(op, "HKDF", 4) == 0 ||
                   strcmp(op, "HMAC-SHA256") == 0) {
            run_hkdf(be, b, op, r);
        } else if (strcmp(op, "SHA256") == 0 || strcmp(op, "Message") == 0) {
            skip(r, b, "hash/transcript data: no hash operation in the "
                       "interface");
        } else {
            skip(r, b, "not an operation of the interface");
        }
    }
}

void tb_kat_builtin(const tb_backend *be, tb_kat_result *r)
{
    vec_file f;
    char err[200];
    char *text = strdup(tb_kat_builtin_text);
    if (text == NULL || vec_parse(&f, text, err, sizeof(err)) != 0) {
        fprintf(stderr, "tlsbench: built-in vectors: %s\n", err);
        abort(); /* a defect of the program itself */
    }
    run_file(be, &f, r);
    vec_free(&f);
}

int tb_kat_file(const tb_backend *be, const char *path, tb_kat_result *r)
{
    vec_file f;
    char err[200];
    char *text = read_all(path, err, sizeof(err));
    if (text == NULL || vec_parse(&f, text, err, sizeof(err)) != 0) {
        fprintf(stderr, "tlsbench: %s: %s\n", path, err);
        if (text != NULL) {
            vec_free(&f);
        }
        return -1;
    }
    run_file(be, &f, r);
    vec_free(&f);
    return 0;
}
