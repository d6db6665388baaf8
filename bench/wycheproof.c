#include "wycheproof.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "der.h"
#include "util.h"

/* ------------------------------------------------------------ helpers */

/* Allocations of one test or group, freed together. */
#define ARENA_MAX 24
typedef struct {
    void *p[ARENA_MAX];
    int n;
} arena;

static void *arena_alloc(arena *a, size_t len)
{
    if (a->n == ARENA_MAX) {
        /* A defect of this file (a fixed number of fields per test). */
        fprintf(stderr, "tlsbench: wycheproof: arena full\n");
        abort();
    }
    void *p = tb_xalloc(len + 1); /* never a zero-length buffer */
    a->p[a->n++] = p;
    return p;
}

static void arena_free(arena *a)
{
    for (int i = 0; i < a->n; i++) {
        free(a->p[i]);
    }
    a->n = 0;
}

/* The value at a dotted path ("publicKey.modulus"); alternatives separated
 * by '|' name the same field in older file layouts. */
static json_t *lookup(const json_t *obj, const char *path)
{
    const char *p = path;
    while (*p != '\0') {
        size_t n = strcspn(p, "|");
        char buf[96];
        if (n >= sizeof(buf)) {
            n = sizeof(buf) - 1; /* paths are this file's constants */
        }
        memcpy(buf, p, n);
        buf[n] = '\0';
        json_t *v = (json_t *)obj;
        char *save = NULL;
        for (char *tok = strtok_r(buf, ".", &save); tok != NULL && v != NULL;
             tok = strtok_r(NULL, ".", &save)) {
            v = json_is_object(v) ? json_object_get(v, tok) : NULL;
        }
        if (v != NULL) {
            return v;
        }
        p += n;
        if (*p == '|') {
            p++;
        }
    }
    return NULL;
}

/* The first name of a path, for messages. */
static void path_name(char *out, size_t out_len, const char *path)
{
    snprintf(out, out_len, "%.*s", (int)strcspn(path, "|"), path);
}

static const char *sval(const json_t *obj, const char *path)
{
    const char *s = json_string_value(lookup(obj, path));
    return s ? s : "";
}

static long long ival(const json_t *obj, const char *path)
{
    return json_integer_value(lookup(obj, path));
}

/* Decodes a hex field (checked when the file was loaded). */
static tb_bytes hexv(arena *a, const json_t *obj, const char *path)
{
    json_t *v = lookup(obj, path);
    const char *s = json_string_value(v);
    size_t len = s ? json_string_length(v) : 0;
    uint8_t *out = arena_alloc(a, len / 2);
    long n = s ? tb_hex_decode(out, len / 2, s, len) : 0;
    tb_bytes b = {out, n > 0 ? (size_t)n : 0};
    return b;
}

/* A big-endian integer without its leading zero bytes (Wycheproof BigInt
 * fields are two's complement, so a leading 00 marks a set top bit). */
static tb_bytes strip(tb_bytes b)
{
    while (b.len > 0 && b.ptr[0] == 0) {
        b.ptr++;
        b.len--;
    }
    return b;
}

static unsigned bit_length(tb_bytes b)
{
    b = strip(b);
    if (b.len == 0) {
        return 0;
    }
    unsigned bits = (unsigned)(b.len - 1) * 8;
    for (uint8_t top = b.ptr[0]; top != 0; top >>= 1) {
        bits++;
    }
    return bits;
}

static int same(tb_bytes a, const uint8_t *b, size_t b_len)
{
    return a.len == b_len && (b_len == 0 || memcmp(a.ptr, b, b_len) == 0);
}

/* ------------------------------------------------------------ schemas */

typedef struct run_ctx run_ctx;

/* A field every group or test of a schema has: a path (see lookup) and its
 * type: 'h' hex string, 'i' whole number, 's' string. */
typedef struct {
    const char *path;
    char type;
} field;

#define MAX_SPEC 10

typedef struct schema_s schema_t;

struct tb_wp_file {
    char *name;
    json_t *root;
    const schema_t *sc; /* NULL: unknown schema */
    int n_tests;
};

/* Skip reasons and notes, gathered per file: the same reason once, with a
 * count and the first few tcIds. */
#define MAX_REASONS 40
#define REASON_IDS 8
typedef struct {
    char text[200];
    int count;
    long long ids[REASON_IDS];
} reason;

struct run_ctx {
    const tb_backend *be;
    const tb_wp_file *f;
    FILE *log;
    tb_wp_counts c;
    reason skips[MAX_REASONS], notes[MAX_REASONS];
    int n_skips, n_notes;
};

static const char *file_alg(const run_ctx *r)
{
    return sval(r->f->root, "algorithm");
}

static const char *absent_why(const tb_backend *be, tb_family fam, int alg)
{
    const char *why = be->absent ? be->absent(fam, alg) : NULL;
    return why ? why : "the backend has no such class";
}

static void add_reason(reason *list, int *n, const char *text, long long id)
{
    reason *x = NULL;
    for (int i = 0; i < *n; i++) {
        if (strcmp(list[i].text, text) == 0) {
            x = &list[i];
            break;
        }
    }
    if (x == NULL) {
        if (*n == MAX_REASONS) {
            x = &list[MAX_REASONS - 1];
            snprintf(x->text, sizeof(x->text), "(other reasons)");
        } else {
            x = &list[(*n)++];
            snprintf(x->text, sizeof(x->text), "%s", text);
        }
    }
    if (x->count < REASON_IDS) {
        x->ids[x->count] = id;
    }
    x->count++;
}

static long long tc_id(const json_t *t)
{
    return ival(t, "tcId");
}

/* "[Flag1,Flag2]" */
static void flags_text(char *out, size_t len, const json_t *t)
{
    size_t i, used = 0;
    json_t *v;
    out[0] = '\0';
    json_array_foreach(json_object_get(t, "flags"), i, v)
    {
        int k = snprintf(out + used, len - used, "%s%s", i ? "," : "",
                         json_string_value(v));
        if (k < 0 || (size_t)k >= len - used) {
            break;
        }
        used += (size_t)k;
    }
}

static int has_flag(const json_t *t, const char *flag)
{
    size_t i;
    json_t *v;
    json_array_foreach(json_object_get(t, "flags"), i, v)
    {
        if (strcmp(json_string_value(v), flag) == 0) {
            return 1;
        }
    }
    return 0;
}

typedef enum { EXP_VALID, EXP_INVALID, EXP_ACCEPTABLE } expect;

static expect expected(const json_t *t)
{
    const char *s = sval(t, "result");
    return strcmp(s, "valid") == 0     ? EXP_VALID
           : strcmp(s, "invalid") == 0 ? EXP_INVALID
                                       : EXP_ACCEPTABLE;
}

static const char *const expect_name[] = {"valid", "invalid", "acceptable"};

static void report_fail(run_ctx *r, const json_t *t, expect e,
                        const char *what)
{
    char flags[200];
    flags_text(flags, sizeof(flags), t);
    r->c.failed++;
    fprintf(r->log, "FAIL %s tcId %lld [%s] \"%s\" (%s): %s\n", r->f->name,
            tc_id(t), flags, sval(t, "comment"), expect_name[e], what);
}

static void skip_test(run_ctx *r, const json_t *t, const char *why)
{
    r->c.skipped++;
    add_reason(r->skips, &r->n_skips, why, tc_id(t));
}

static void skip_group(run_ctx *r, const json_t *g, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void skip_group(run_ctx *r, const json_t *g, const char *fmt, ...)
{
    char why[200];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, sizeof(why), fmt, ap);
    va_end(ap);
    size_t i;
    json_t *t;
    json_array_foreach(json_object_get(g, "tests"), i, t)
    {
        skip_test(r, t, why);
    }
}

static void fail_group(run_ctx *r, const json_t *g, const char *what)
{
    size_t i;
    json_t *t;
    json_array_foreach(json_object_get(g, "tests"), i, t)
    {
        report_fail(r, t, expected(t), what);
    }
}

/* A class's init for one test: 1 when it is usable; otherwise the test
 * is skipped (unsupported) or failed, and 0. */
static int test_init_ok(run_ctx *r, const json_t *t, expect e, tb_status st,
                        const tb_why *why)
{
    if (st == TB_UNSUPPORTED) {
        skip_test(r, t, why->text);
    } else if (st != TB_OK) {
        char what[260];
        snprintf(what, sizeof(what), "init failed: %s", why->text);
        report_fail(r, t, e, what);
    }
    return st == TB_OK;
}

/* The same for a group's key: its tests skipped or failed, step naming
 * what init refused. */
static int group_init_ok(run_ctx *r, const json_t *g, tb_status st,
                         const tb_why *why, const char *step)
{
    if (st == TB_UNSUPPORTED) {
        skip_group(r, g, "%s", why->text);
    } else if (st != TB_OK) {
        char what[260];
        snprintf(what, sizeof(what), "%s: %s", step, why->text);
        fail_group(r, g, what);
    }
    return st == TB_OK;
}

/*
 * The verdict on one test, given what the backend did: `accepted` (it took
 * the input and produced a result) and `match` (that result is the
 * expected one; 1 where there is nothing to compare). `what` says what
 * happened, for the report.
 *
 *   valid       pass when accepted with the expected result
 *   invalid     pass when rejected
 *   acceptable  pass when accepted with the expected result, or rejected
 *               (the rejection is listed as a note)
 */
static void judge_as(run_ctx *r, const json_t *t, expect e, int accepted,
                     int match, const char *what)
{
    int ok;
    switch (e) {
    case EXP_VALID:
        ok = accepted && match;
        break;
    case EXP_INVALID:
        ok = !accepted;
        break;
    default:
        ok = !accepted || match;
        if (ok && !accepted) {
            char flags[200], note[200];
            flags_text(flags, sizeof(flags), t);
            snprintf(note, sizeof(note), "acceptable [%.80s] rejected: %.90s",
                     flags, what);
            add_reason(r->notes, &r->n_notes, note, tc_id(t));
            r->c.rejected_acceptable++;
        }
        break;
    }
    if (ok) {
        r->c.passed++;
    } else {
        report_fail(r, t, e, what);
    }
}

static void judge(run_ctx *r, const json_t *t, int accepted, int match,
                  const char *what)
{
    judge_as(r, t, expected(t), accepted, match, what);
}

/* ---------------------------------------------------------------- AEAD */

/* A hex field's length in bits must be the group's size field. */
static int check_bits(const json_t *g, const json_t *t, const char *name,
                      const char *size_name, char *err, size_t err_len)
{
    size_t bits = json_string_length(json_object_get(t, name)) * 4;
    if ((long long)bits != ival(g, size_name)) {
        snprintf(err, err_len, "a %zu-bit %s in a group of %s %lld", bits,
                 name, size_name, ival(g, size_name));
        return -1;
    }
    return 0;
}

static int aead_check(const json_t *g, const json_t *t, char *err,
                      size_t err_len)
{
    if (t == NULL) {
        return 0;
    }
    if (check_bits(g, t, "key", "keySize", err, err_len) != 0 ||
        check_bits(g, t, "iv", "ivSize", err, err_len) != 0) {
        return -1;
    }
    if (expected(t) != EXP_VALID) {
        return 0; /* a modified tag may have any length */
    }
    if (check_bits(g, t, "tag", "tagSize", err, err_len) != 0) {
        return -1;
    }
    if (json_string_length(json_object_get(t, "msg")) !=
        json_string_length(json_object_get(t, "ct"))) {
        snprintf(err, err_len, "a valid test whose ct and msg lengths differ");
        return -1;
    }
    return 0;
}

static void aead_test(run_ctx *r, const tb_aead_class *cls, const json_t *t)
{
    arena a = {0};
    tb_bytes key = hexv(&a, t, "key"), iv = hexv(&a, t, "iv");
    tb_bytes ad = hexv(&a, t, "aad"), msg = hexv(&a, t, "msg");
    tb_bytes ct = hexv(&a, t, "ct"), tag = hexv(&a, t, "tag");
    expect e = expected(t);
    if (key.len != cls->key_len) {
        skip_test(r, t, "key length differs from the class's");
        arena_free(&a);
        return;
    }
    if (tag.len != TB_AEAD_TAG_LEN) {
        /* The interface takes 16-byte tags; a TLS record too short to hold
         * one is refused before any AEAD call. */
        skip_test(r, t, "a tag that is not 16 bytes (the interface takes 16)");
        arena_free(&a);
        return;
    }
    const tb_aead_class **ctx = tb_ctx_new(cls, cls->context_size);
    tb_why why = {{0}};
    tb_status st = cls->init(ctx, key.ptr, &why);
    if (test_init_ok(r, t, e, st, &why)) {
        size_t n = ct.len > msg.len ? ct.len : msg.len;
        uint8_t *out = arena_alloc(&a, n), mytag[TB_AEAD_TAG_LEN];
        int accepted = 1, match = 1;
        const char *what = "open rejected the input";
        if (e != EXP_INVALID) {
            if (cls->seal(ctx, out, mytag, iv.ptr, ad.ptr, ad.len, msg.ptr,
                          msg.len) != 0) {
                accepted = 0;
                what = "seal failed";
            } else if (!same(ct, out, msg.len) ||
                       memcmp(mytag, tag.ptr, TB_AEAD_TAG_LEN) != 0) {
                match = 0;
                what = "seal: ciphertext or tag differs";
            }
        }
        if (accepted && match) {
            if (cls->open(ctx, out, tag.ptr, iv.ptr, ad.ptr, ad.len, ct.ptr,
                          ct.len) != 0) {
                accepted = 0;
                what = "open rejected the ciphertext";
            } else if (!same(msg, out, ct.len)) {
                match = 0;
                what = "open: plaintext differs";
            } else {
                what = "open accepted the ciphertext and tag";
            }
        }
        judge(r, t, accepted, match, what);
    }
    cls->cleanup(ctx);
    free(ctx);
    arena_free(&a);
}

static void run_aead(run_ctx *r, const json_t *g)
{
    const char *alg = file_alg(r);
    long long ks = ival(g, "keySize"), ivs = ival(g, "ivSize");
    long long tgs = ival(g, "tagSize");
    int id;
    if (strcmp(alg, "AES-GCM") == 0) {
        if (ks != 128 && ks != 256) {
            skip_group(r, g, "%lld-bit AES keys: TLS uses AES-128 and AES-256",
                       ks);
            return;
        }
        id = ks == 128 ? TB_AEAD_AES128GCM : TB_AEAD_AES256GCM;
    } else if (strcmp(alg, "CHACHA20-POLY1305") == 0 && ks == 256) {
        id = TB_AEAD_CHACHA20POLY1305;
    } else {
        skip_group(r, g,
                   "%s with %lld-bit keys: not an AEAD of the interface "
                   "(AES-128/256-GCM, ChaCha20-Poly1305)",
                   alg, ks);
        return;
    }
    if (ivs != 96) {
        skip_group(r, g, "an IV other than 96 bits: TLS nonces are 96 bits");
        return;
    }
    if (tgs != 128) {
        skip_group(r, g, "a tag other than 128 bits: TLS tags are 128 bits");
        return;
    }
    const tb_aead_class *cls = r->be->aead[id];
    if (cls == NULL) {
        skip_group(r, g, "%s", absent_why(r->be, TB_FAM_AEAD, id));
        return;
    }
    size_t i;
    json_t *t;
    json_array_foreach(json_object_get(g, "tests"), i, t)
    {
        aead_test(r, cls, t);
    }
}

/* ------------------------------------------------------- key exchange */

typedef struct {
    const char *name;
    tb_kex_alg alg;
    size_t scalar_len;
} curve_info;

static const curve_info curves[] = {
    {"secp256r1", TB_KEX_P256, 32},
    {"secp384r1", TB_KEX_P384, 48},
};

static const curve_info *find_curve(const char *name)
{
    for (size_t i = 0; i < sizeof(curves) / sizeof(curves[0]); i++) {
        if (strcmp(name, curves[i].name) == 0) {
            return &curves[i];
        }
    }
    return NULL;
}

/* Hex digits of a BigInt without leading "00" pairs. */
static size_t bigint_len(const json_t *v)
{
    const char *s = json_string_value(v);
    size_t len = json_string_length(v);
    while (len >= 2 && s[0] == '0' && s[1] == '0') {
        s += 2;
        len -= 2;
    }
    return len / 2;
}

static int xdh_check(const json_t *g, const json_t *t, char *err,
                     size_t err_len)
{
    if (t == NULL || strcmp(sval(g, "curve"), "curve25519") != 0) {
        return 0;
    }
    size_t priv = json_string_length(json_object_get(t, "private")) / 2;
    size_t pub = json_string_length(json_object_get(t, "public")) / 2;
    size_t shared = json_string_length(json_object_get(t, "shared")) / 2;
    if (priv != 32) {
        snprintf(err, err_len, "an X25519 private key of %zu bytes (not 32)",
                 priv);
        return -1;
    }
    if (expected(t) == EXP_VALID && (pub != 32 || shared != 32)) {
        snprintf(err, err_len,
                 "a valid X25519 test with a %zu-byte public key or a "
                 "%zu-byte shared secret (not 32)",
                 pub, shared);
        return -1;
    }
    return 0;
}

static int ecdh_check(const json_t *g, const json_t *t, char *err,
                      size_t err_len)
{
    const curve_info *c = find_curve(sval(g, "curve"));
    if (t == NULL || c == NULL) {
        return 0;
    }
    size_t priv = bigint_len(json_object_get(t, "private"));
    size_t shared = json_string_length(json_object_get(t, "shared")) / 2;
    if (priv > c->scalar_len) {
        snprintf(err, err_len, "a %s private key of %zu bytes (more than %zu)",
                 c->name, priv, c->scalar_len);
        return -1;
    }
    if (expected(t) == EXP_VALID && shared != c->scalar_len) {
        snprintf(err, err_len,
                 "a valid %s test with a %zu-byte shared secret (not %zu)",
                 c->name, shared, c->scalar_len);
        return -1;
    }
    return 0;
}

/* One key agreement: our private key, the peer's public key (raw share or
 * SubjectPublicKeyInfo), then derive. */
static void kex_test(run_ctx *r, const tb_kex_class *cls, const json_t *t,
                     int spki, int zero_must_fail)
{
    arena a = {0};
    tb_bytes priv = strip(hexv(&a, t, "private"));
    tb_bytes pub = hexv(&a, t, "public"), shared = hexv(&a, t, "shared");
    expect e = expected(t);
    /* RFC 8446 7.4.2 and backend.h: an all-zero X25519 secret must make
     * derive fail, so those "acceptable" tests must be rejected here. */
    if (zero_must_fail && e == EXP_ACCEPTABLE &&
        has_flag(t, "ZeroSharedSecret")) {
        e = EXP_INVALID;
    }
    uint8_t *scalar = arena_alloc(&a, cls->scalar_len);
    uint8_t *share = arena_alloc(&a, cls->share_len);
    uint8_t *secret = arena_alloc(&a, cls->secret_len);
    if (cls->alg == TB_KEX_X25519) {
        memcpy(scalar, hexv(&a, t, "private").ptr, cls->scalar_len);
    } else {
        /* big-endian, left-padded to the scalar length (checked on load) */
        memcpy(scalar + cls->scalar_len - priv.len, priv.ptr, priv.len);
    }
    const tb_kex_class **ctx = tb_ctx_new(cls, cls->context_size);
    tb_why why = {{0}};
    tb_status st = cls->init(ctx, &why);
    if (test_init_ok(r, t, e, st, &why)) {
        int accepted = 0, match = 0;
        const char *what;
        if (cls->set_private(ctx, scalar, share) != 0) {
            what = "set_private refused the private key";
        } else if ((spki ? cls->set_peer_spki(ctx, pub.ptr, pub.len)
                         : cls->set_peer(ctx, pub.ptr, pub.len)) != 0) {
            what = spki ? "set_peer_spki refused the public key"
                        : "set_peer refused the public key";
        } else if (cls->derive(ctx, secret) != 0) {
            what = "derive failed";
        } else {
            accepted = 1;
            match = same(shared, secret, cls->secret_len);
            what = match ? "derive gave the expected secret"
                         : "derive gave a different secret";
        }
        judge_as(r, t, e, accepted, match, what);
    }
    cls->cleanup(ctx);
    free(ctx);
    arena_free(&a);
}

static void run_xdh(run_ctx *r, const json_t *g)
{
    const char *curve = sval(g, "curve");
    if (strcmp(curve, "curve25519") != 0) {
        skip_group(r, g, "curve %s: the interface has X25519 only", curve);
        return;
    }
    const tb_kex_class *cls = r->be->kex[TB_KEX_X25519];
    if (cls == NULL) {
        skip_group(r, g, "%s", absent_why(r->be, TB_FAM_KEX, TB_KEX_X25519));
        return;
    }
    if (cls->scalar_len != 32 || cls->secret_len != 32) {
        skip_group(r, g, "the class's X25519 sizes are not 32 bytes");
        return;
    }
    size_t i;
    json_t *t;
    json_array_foreach(json_object_get(g, "tests"), i, t)
    {
        kex_test(r, cls, t, 0, 1);
    }
}

static void run_ecdh_any(run_ctx *r, const json_t *g, int spki)
{
    const char *name = sval(g, "curve");
    const curve_info *c = find_curve(name);
    if (c == NULL) {
        skip_group(r, g, "curve %s: the interface has P-256 and P-384", name);
        return;
    }
    const tb_kex_class *cls = r->be->kex[c->alg];
    if (cls == NULL) {
        skip_group(r, g, "%s", absent_why(r->be, TB_FAM_KEX, (int)c->alg));
        return;
    }
    if (cls->scalar_len != c->scalar_len) {
        skip_group(r, g, "the class's scalar length is not %zu bytes",
                   c->scalar_len);
        return;
    }
    if (spki && cls->set_peer_spki == NULL) {
        skip_group(r, g, "the adapter has no set_peer_spki (DER "
                         "SubjectPublicKeyInfo input)");
        return;
    }
    size_t i;
    json_t *t;
    json_array_foreach(json_object_get(g, "tests"), i, t)
    {
        kex_test(r, cls, t, spki, 0);
    }
}

static void run_ecdh_point(run_ctx *r, const json_t *g)
{
    run_ecdh_any(r, g, 0);
}

static void run_ecdh_spki(run_ctx *r, const json_t *g)
{
    run_ecdh_any(r, g, 1);
}

/* ---------------------------------------------------------------- RSA */

static const char *const rsa_parts[] = {
    "privateKey.modulus",   "privateKey.publicExponent",
    "privateKey.privateExponent", "privateKey.prime1",
    "privateKey.prime2",    "privateKey.exponent1",
    "privateKey.exponent2", "privateKey.coefficient"};

static int check_hex(const json_t *v, const char *name, char *err,
                     size_t err_len);

static int rsaes_check(const json_t *g, const json_t *t, char *err,
                       size_t err_len)
{
    if (t != NULL || json_object_get(g, "privateKey") == NULL) {
        return 0; /* older layout: the group is skipped when run */
    }
    for (size_t i = 0; i < sizeof(rsa_parts) / sizeof(rsa_parts[0]); i++) {
        if (check_hex(lookup(g, rsa_parts[i]), rsa_parts[i], err, err_len) !=
            0) {
            return -1;
        }
    }
    return 0;
}

static void run_rsaes(run_ctx *r, const json_t *g)
{
    const tb_rsa_kt_class *cls = r->be->rsa_kt;
    if (cls == NULL) {
        skip_group(r, g, "%s", absent_why(r->be, TB_FAM_RSA_KT, 0));
        return;
    }
    if (cls->decrypt == NULL) {
        skip_group(r, g, "the adapter has no generic PKCS#1 v1.5 decrypt "
                         "(decrypt_pms answers a random secret for bad "
                         "padding, by design)");
        return;
    }
    if (json_object_get(g, "privateKey") == NULL) {
        skip_group(r, g, "a key without CRT parameters (older file layout)");
        return;
    }
    arena a = {0};
    tb_bytes part[8];
    for (int i = 0; i < 8; i++) {
        part[i] = strip(hexv(&a, g, rsa_parts[i]));
    }
    tb_rsa_key key = {.bits = bit_length(part[0]),
                      .n = part[0],
                      .e = part[1],
                      .d = part[2],
                      .p = part[3],
                      .q = part[4],
                      .dp = part[5],
                      .dq = part[6],
                      .qinv = part[7]};
    const tb_rsa_kt_class **ctx = tb_ctx_new(cls, cls->context_size);
    tb_why why = {{0}};
    tb_status st = cls->init(ctx, &key, &why);
    if (group_init_ok(r, g, st, &why, "init refused the group's key")) {
        size_t mod_len = (key.bits + 7) / 8, i;
        json_t *t;
        json_array_foreach(json_object_get(g, "tests"), i, t)
        {
            arena ta = {0};
            tb_bytes ct = hexv(&ta, t, "ct"), msg = hexv(&ta, t, "msg");
            uint8_t *out =
                arena_alloc(&ta, (ct.len > mod_len ? ct.len : mod_len) + 16);
            size_t out_len = 0;
            int accepted = cls->decrypt(ctx, out, &out_len, ct.ptr, ct.len) ==
                           0;
            int match = accepted && same(msg, out, out_len);
            char what[160];
            if (!accepted) {
                snprintf(what, sizeof(what), "decrypt reported bad padding");
            } else {
                snprintf(what, sizeof(what), "decrypt returned %zu bytes%s",
                         out_len,
                         match ? " (the expected message)"
                               : " that differ from the expected message");
            }
            judge(r, t, accepted, match, what);
            arena_free(&ta);
        }
    }
    cls->cleanup(ctx);
    free(ctx);
    arena_free(&a);
}

/* ---------------------------------------------------------- signatures */

/* Verifies every test of a group with one context made from key. */
static void verify_group(run_ctx *r, const json_t *g, const tb_sig_class *cls,
                         const tb_sig_key *key, size_t p1363_n_len)
{
    const tb_sig_class **ctx = tb_ctx_new(cls, cls->context_size);
    tb_why why = {{0}};
    tb_status st = cls->init(ctx, key, &why);
    if (group_init_ok(r, g, st, &why,
                      "init refused the group's public key")) {
        size_t i;
        json_t *t;
        json_array_foreach(json_object_get(g, "tests"), i, t)
        {
            arena a = {0};
            tb_bytes msg = hexv(&a, t, "msg"), sig = hexv(&a, t, "sig");
            int accepted;
            char what[120];
            if (p1363_n_len > 0 && sig.len != 2 * p1363_n_len) {
                /* r||s has a fixed length: anything else is invalid */
                accepted = 0;
                snprintf(what, sizeof(what),
                         "a %zu-byte P1363 signature (not %zu): rejected "
                         "before verify",
                         sig.len, 2 * p1363_n_len);
            } else {
                if (p1363_n_len > 0) {
                    uint8_t *der = arena_alloc(&a, 2 * p1363_n_len + 9);
                    size_t der_len = 0;
                    tb_ecdsa_sig_to_der(der, &der_len, sig.ptr,
                                        sig.ptr + p1363_n_len, p1363_n_len);
                    sig.ptr = der;
                    sig.len = der_len;
                }
                accepted = cls->verify(ctx, sig.ptr, sig.len, msg.ptr,
                                       msg.len) == 0;
                snprintf(what, sizeof(what), "verify %s the signature",
                         accepted ? "accepted" : "rejected");
            }
            judge(r, t, accepted, 1, what);
            arena_free(&a);
        }
    }
    cls->cleanup(ctx);
    free(ctx);
}

static void run_rsa_sig(run_ctx *r, const json_t *g, int pss)
{
    const char *sha = sval(g, "sha");
    long long bits = ival(g, "keySize|keysize");
    if (strcmp(sha, "SHA-256") != 0) {
        skip_group(r, g, "%s: the RSA signature classes hash with SHA-256",
                   sha);
        return;
    }
    if (pss && (strcmp(sval(g, "mgf"), "MGF1") != 0 ||
                strcmp(sval(g, "mgfSha"), "SHA-256") != 0 ||
                ival(g, "sLen") != 32)) {
        skip_group(r, g,
                   "%s with %s and a %lld-byte salt: the PSS class uses "
                   "MGF1 with SHA-256 and a 32-byte salt (TLS 1.3 "
                   "rsa_pss_rsae_sha256)",
                   sval(g, "mgf"), sval(g, "mgfSha"), ival(g, "sLen"));
        return;
    }
    if (bits != 2048) {
        skip_group(r, g,
                   "a %lld-bit key: the signature classes are checked with "
                   "2048-bit keys",
                   bits);
        return;
    }
    int id = pss ? TB_SIG_RSA_PSS_SHA256 : TB_SIG_RSA_PKCS1_SHA256;
    const tb_sig_class *cls = r->be->sig[id];
    if (cls == NULL) {
        skip_group(r, g, "%s", absent_why(r->be, TB_FAM_SIG, id));
        return;
    }
    arena a = {0};
    tb_rsa_key key = {0};
    key.n = strip(hexv(&a, g, "publicKey.modulus|n"));
    key.e = strip(hexv(&a, g, "publicKey.publicExponent|e"));
    key.bits = bit_length(key.n);
    tb_sig_key sk = {.rsa = &key};
    verify_group(r, g, cls, &sk, 0);
    arena_free(&a);
}

static void run_rsa_pkcs1(run_ctx *r, const json_t *g)
{
    run_rsa_sig(r, g, 0);
}

static void run_rsa_pss(run_ctx *r, const json_t *g)
{
    run_rsa_sig(r, g, 1);
}

#define EC_KEY "publicKey.uncompressed|key.uncompressed"
#define EC_CURVE "publicKey.curve|key.curve"

static int ecdsa_check(const json_t *g, const json_t *t, char *err,
                       size_t err_len)
{
    const curve_info *c = find_curve(sval(g, EC_CURVE));
    if (t != NULL || c == NULL) {
        return 0;
    }
    json_t *v = lookup(g, EC_KEY);
    size_t len = json_string_length(v) / 2;
    const char *s = json_string_value(v);
    if (len != 1 + 2 * c->scalar_len || strncmp(s, "04", 2) != 0) {
        snprintf(err, err_len,
                 "a %s public key of %zu bytes (an uncompressed point "
                 "04||x||y has %zu)",
                 c->name, len, 1 + 2 * c->scalar_len);
        return -1;
    }
    return 0;
}

static void run_ecdsa_any(run_ctx *r, const json_t *g, int p1363)
{
    const char *name = sval(g, EC_CURVE), *sha = sval(g, "sha");
    const curve_info *c = find_curve(name);
    if (c == NULL) {
        skip_group(r, g, "curve %s: the interface has P-256 and P-384", name);
        return;
    }
    int id = c->alg == TB_KEX_P256 ? TB_SIG_ECDSA_P256_SHA256
                                   : TB_SIG_ECDSA_P384_SHA384;
    const char *want = c->alg == TB_KEX_P256 ? "SHA-256" : "SHA-384";
    if (strcmp(sha, want) != 0) {
        skip_group(r, g,
                   "%s with %s: the classes pair P-256 with SHA-256 and "
                   "P-384 with SHA-384, as TLS does",
                   name, sha);
        return;
    }
    const tb_sig_class *cls = r->be->sig[id];
    if (cls == NULL) {
        skip_group(r, g, "%s", absent_why(r->be, TB_FAM_SIG, id));
        return;
    }
    arena a = {0};
    tb_sig_key sk = {.ec_pub = hexv(&a, g, EC_KEY)};
    verify_group(r, g, cls, &sk, p1363 ? c->scalar_len : 0);
    arena_free(&a);
}

static void run_ecdsa(run_ctx *r, const json_t *g)
{
    run_ecdsa_any(r, g, 0);
}

static void run_ecdsa_p1363(run_ctx *r, const json_t *g)
{
    run_ecdsa_any(r, g, 1);
}

/* -------------------------------------------------------- HKDF and HMAC */

#define MAX_HKDF_SIZE (1 << 20)

static int hkdf_check(const json_t *g, const json_t *t, char *err,
                      size_t err_len)
{
    (void)g;
    if (t == NULL) {
        return 0;
    }
    long long size = ival(t, "size");
    size_t okm = json_string_length(json_object_get(t, "okm")) / 2;
    if (size > MAX_HKDF_SIZE) {
        snprintf(err, err_len, "size %lld is more than %d", size,
                 MAX_HKDF_SIZE);
        return -1;
    }
    if (expected(t) == EXP_VALID && (long long)okm != size) {
        snprintf(err, err_len, "a valid test with size %lld but %zu bytes "
                               "of okm",
                 size, okm);
        return -1;
    }
    return 0;
}

/* The hash of an HKDF or HMAC file's algorithm, or -1. */
static int alg_hash(const char *alg, const char *sha256, const char *sha384)
{
    return strcmp(alg, sha256) == 0   ? TB_HASH_SHA256
           : strcmp(alg, sha384) == 0 ? TB_HASH_SHA384
                                      : -1;
}

static const tb_hkdf_class **hkdf_ctx(run_ctx *r, const json_t *g, int hash)
{
    const tb_hkdf_class *cls = r->be->hkdf;
    if (cls == NULL) {
        skip_group(r, g, "%s", absent_why(r->be, TB_FAM_HKDF, 0));
        return NULL;
    }
    const tb_hkdf_class **ctx = tb_ctx_new(cls, cls->context_size);
    tb_why why = {{0}};
    tb_status st = cls->init(ctx, (tb_hash)hash, &why);
    if (!group_init_ok(r, g, st, &why, "init failed")) {
        cls->cleanup(ctx);
        free(ctx);
        return NULL;
    }
    return ctx;
}

static void run_hkdf(run_ctx *r, const json_t *g)
{
    int hash = alg_hash(file_alg(r), "HKDF-SHA-256", "HKDF-SHA-384");
    if (hash < 0) {
        skip_group(r, g, "%s: the class has HKDF with SHA-256 and SHA-384",
                   file_alg(r));
        return;
    }
    const tb_hkdf_class **ctx = hkdf_ctx(r, g, hash);
    if (ctx == NULL) {
        return;
    }
    size_t i, hlen = tb_hash_len((tb_hash)hash);
    json_t *t;
    json_array_foreach(json_object_get(g, "tests"), i, t)
    {
        arena a = {0};
        tb_bytes ikm = hexv(&a, t, "ikm"), salt = hexv(&a, t, "salt");
        tb_bytes info = hexv(&a, t, "info"), okm = hexv(&a, t, "okm");
        size_t size = (size_t)ival(t, "size");
        uint8_t prk[64], *out = arena_alloc(&a, size);
        int accepted = 0, match = 0;
        const char *what;
        if ((*ctx)->extract(ctx, prk, salt.ptr, salt.len, ikm.ptr, ikm.len) !=
            0) {
            what = "extract failed";
        } else if ((*ctx)->expand(ctx, out, size, prk, hlen, info.ptr,
                                  info.len) != 0) {
            what = "expand refused the size";
        } else {
            accepted = 1;
            match = same(okm, out, size);
            what = match ? "expand gave the expected output"
                         : "the output differs";
        }
        judge(r, t, accepted, match, what);
        arena_free(&a);
    }
    (*ctx)->cleanup(ctx);
    free(ctx);
}

static int mac_check(const json_t *g, const json_t *t, char *err,
                     size_t err_len)
{
    if (t == NULL) {
        return 0;
    }
    return check_bits(g, t, "key", "keySize", err, err_len) != 0 ||
                   (expected(t) == EXP_VALID &&
                    check_bits(g, t, "tag", "tagSize", err, err_len) != 0)
               ? -1
               : 0;
}

static void run_mac(run_ctx *r, const json_t *g)
{
    int hash = alg_hash(file_alg(r), "HMACSHA256", "HMACSHA384");
    if (hash < 0) {
        skip_group(r, g, "%s: the class has HMAC with SHA-256 and SHA-384",
                   file_alg(r));
        return;
    }
    size_t i, hlen = tb_hash_len((tb_hash)hash);
    long long tag_bits = ival(g, "tagSize");
    if (tag_bits <= 0 || tag_bits % 8 != 0 || (size_t)tag_bits > 8 * hlen) {
        skip_group(r, g, "a %lld-bit tag: HMAC-%s tags are whole bytes, "
                         "at most %zu",
                   tag_bits, tb_hash_name((tb_hash)hash), 8 * hlen);
        return;
    }
    const tb_hkdf_class **ctx = hkdf_ctx(r, g, hash);
    if (ctx == NULL) {
        return;
    }
    json_t *t;
    json_array_foreach(json_object_get(g, "tests"), i, t)
    {
        arena a = {0};
        tb_bytes key = hexv(&a, t, "key"), msg = hexv(&a, t, "msg");
        tb_bytes tag = hexv(&a, t, "tag");
        uint8_t out[64];
        if ((*ctx)->hmac(ctx, out, key.ptr, key.len, msg.ptr, msg.len) != 0) {
            report_fail(r, t, expected(t), "hmac failed");
        } else {
            /* A truncated tag is compared on its length, which must be the
             * group's tag size. */
            int ok = tag.len * 8 == (size_t)tag_bits &&
                     memcmp(out, tag.ptr, tag.len) == 0;
            judge(r, t, ok, 1, ok ? "the tag matches" : "the tag differs");
        }
        arena_free(&a);
    }
    (*ctx)->cleanup(ctx);
    free(ctx);
}

/* ------------------------------------------------------ schema table */

/* A schema: the fields its groups and tests must have, extra checks, and
 * the function that runs one group. */
struct schema_s {
    const char *name; /* without "_v1" and ".json" */
    int needs_algorithm;
    field group[MAX_SPEC];
    field test[MAX_SPEC];
    int (*check)(const json_t *group, const json_t *test, char *err,
                 size_t err_len);
    void (*run)(run_ctx *r, const json_t *group);
};

static const schema_t schemas[] = {
    {"aead_test_schema", 1,
     {{"keySize", 'i'}, {"ivSize", 'i'}, {"tagSize", 'i'}},
     {{"key", 'h'}, {"iv", 'h'}, {"aad", 'h'}, {"msg", 'h'}, {"ct", 'h'},
      {"tag", 'h'}},
     aead_check, run_aead},
    {"xdh_comp_schema", 0,
     {{"curve", 's'}},
     {{"public", 'h'}, {"private", 'h'}, {"shared", 'h'}},
     xdh_check, run_xdh},
    {"ecdh_ecpoint_test_schema", 0,
     {{"curve", 's'}},
     {{"public", 'h'}, {"private", 'h'}, {"shared", 'h'}},
     ecdh_check, run_ecdh_point},
    {"ecdh_test_schema", 0,
     {{"curve", 's'}},
     {{"public", 'h'}, {"private", 'h'}, {"shared", 'h'}},
     ecdh_check, run_ecdh_spki},
    {"rsaes_pkcs1_decrypt_schema", 0,
     {{"privateKey.modulus|n", 'h'}},
     {{"ct", 'h'}, {"msg", 'h'}},
     rsaes_check, run_rsaes},
    {"rsassa_pkcs1_verify_schema", 0,
     {{"publicKey.modulus|n", 'h'},
      {"publicKey.publicExponent|e", 'h'},
      {"keySize|keysize", 'i'},
      {"sha", 's'}},
     {{"msg", 'h'}, {"sig", 'h'}},
     NULL, run_rsa_pkcs1},
    {"rsassa_pss_verify_schema", 0,
     {{"publicKey.modulus|n", 'h'},
      {"publicKey.publicExponent|e", 'h'},
      {"keySize|keysize", 'i'},
      {"sha", 's'},
      {"mgf", 's'},
      {"mgfSha", 's'},
      {"sLen", 'i'}},
     {{"msg", 'h'}, {"sig", 'h'}},
     NULL, run_rsa_pss},
    {"ecdsa_verify_schema", 0,
     {{EC_KEY, 'h'}, {EC_CURVE, 's'}, {"sha", 's'}},
     {{"msg", 'h'}, {"sig", 'h'}},
     ecdsa_check, run_ecdsa},
    {"ecdsa_p1363_verify_schema", 0,
     {{EC_KEY, 'h'}, {EC_CURVE, 's'}, {"sha", 's'}},
     {{"msg", 'h'}, {"sig", 'h'}},
     ecdsa_check, run_ecdsa_p1363},
    {"hkdf_test_schema", 1,
     {{NULL, 0}},
     {{"ikm", 'h'}, {"salt", 'h'}, {"info", 'h'}, {"size", 'i'}, {"okm", 'h'}},
     hkdf_check, run_hkdf},
    {"mac_test_schema", 1,
     {{"keySize", 'i'}, {"tagSize", 'i'}},
     {{"key", 'h'}, {"msg", 'h'}, {"tag", 'h'}},
     mac_check, run_mac},
};

#define N_SCHEMAS (sizeof(schemas) / sizeof(schemas[0]))

/* "aead_test_schema_v1.json" -> the entry for "aead_test_schema". */
static const schema_t *find_schema(const char *s)
{
    char base[96];
    snprintf(base, sizeof(base), "%s", s);
    size_t len = strlen(base);
    if (len > 5 && strcmp(base + len - 5, ".json") == 0) {
        base[len -= 5] = '\0';
    }
    if (len > 3 && strcmp(base + len - 3, "_v1") == 0) {
        base[len - 3] = '\0';
    }
    for (size_t i = 0; i < N_SCHEMAS; i++) {
        if (strcmp(base, schemas[i].name) == 0) {
            return &schemas[i];
        }
    }
    return NULL;
}

/* ------------------------------------------------------------ loading */

static int check_hex(const json_t *v, const char *name, char *err,
                     size_t err_len)
{
    if (v == NULL) {
        snprintf(err, err_len, "missing field '%s'", name);
        return -1;
    }
    const char *s = json_string_value(v);
    if (s == NULL) {
        snprintf(err, err_len, "field '%s' is not a string of hex digits",
                 name);
        return -1;
    }
    size_t len = json_string_length(v);
    if (len % 2 != 0) {
        snprintf(err, err_len, "field '%s' has an odd number (%zu) of hex "
                               "digits",
                 name, len);
        return -1;
    }
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
              (c >= 'A' && c <= 'F'))) {
            snprintf(err, err_len, "field '%s' is not hex (character %zu)",
                     name, i + 1);
            return -1;
        }
    }
    return 0;
}

static int check_fields(const json_t *obj, const field *spec, char *err,
                        size_t err_len)
{
    for (int i = 0; i < MAX_SPEC && spec[i].path != NULL; i++) {
        char name[64];
        path_name(name, sizeof(name), spec[i].path);
        json_t *v = lookup(obj, spec[i].path);
        if (spec[i].type == 'h') {
            if (check_hex(v, name, err, err_len) != 0) {
                return -1;
            }
        } else if (v == NULL) {
            snprintf(err, err_len, "missing field '%s'", name);
            return -1;
        } else if (spec[i].type == 'i' &&
                   (!json_is_integer(v) || json_integer_value(v) < 0 ||
                    json_integer_value(v) > (1LL << 30))) {
            snprintf(err, err_len,
                     "field '%s' is not a whole number from 0 to 2^30", name);
            return -1;
        } else if (spec[i].type == 's' && !json_is_string(v)) {
            snprintf(err, err_len, "field '%s' is not a string", name);
            return -1;
        }
    }
    return 0;
}

/* The fields every test of every schema has. */
static int check_test_common(const json_t *t, char *err, size_t err_len)
{
    json_t *id = json_object_get(t, "tcId");
    if (!json_is_integer(id)) {
        snprintf(err, err_len, "a test without a whole-number tcId");
        return -1;
    }
    const char *res = json_string_value(json_object_get(t, "result"));
    if (res == NULL || (strcmp(res, "valid") != 0 &&
                        strcmp(res, "invalid") != 0 &&
                        strcmp(res, "acceptable") != 0)) {
        snprintf(err, err_len, "tcId %lld: 'result' is not valid, invalid or "
                               "acceptable",
                 (long long)json_integer_value(id));
        return -1;
    }
    json_t *c = json_object_get(t, "comment");
    if (c != NULL && !json_is_string(c)) {
        snprintf(err, err_len, "tcId %lld: 'comment' is not a string",
                 (long long)json_integer_value(id));
        return -1;
    }
    json_t *flags = json_object_get(t, "flags"), *fl;
    size_t i;
    if (flags != NULL && !json_is_array(flags)) {
        snprintf(err, err_len, "tcId %lld: 'flags' is not a list",
                 (long long)json_integer_value(id));
        return -1;
    }
    json_array_foreach(flags, i, fl)
    {
        if (!json_is_string(fl)) {
            snprintf(err, err_len, "tcId %lld: a flag that is not a string",
                     (long long)json_integer_value(id));
            return -1;
        }
    }
    return 0;
}

/* Checks everything the run needs; counts the tests. */
static int check_file(tb_wp_file *f, char *err, size_t err_len)
{
    json_t *root = f->root;
    char msg[240];
    if (!json_is_object(root)) {
        snprintf(err, err_len, "not a JSON object");
        return -1;
    }
    const char *sc = json_string_value(json_object_get(root, "schema"));
    if (sc == NULL) {
        snprintf(err, err_len, "missing field 'schema' (a string)");
        return -1;
    }
    json_t *groups = json_object_get(root, "testGroups");
    if (!json_is_array(groups)) {
        snprintf(err, err_len, "missing field 'testGroups' (a list)");
        return -1;
    }
    json_t *alg = json_object_get(root, "algorithm");
    if (alg != NULL && !json_is_string(alg)) {
        snprintf(err, err_len, "field 'algorithm' is not a string");
        return -1;
    }
    f->sc = find_schema(sc);
    if (f->sc != NULL && f->sc->needs_algorithm && alg == NULL) {
        snprintf(err, err_len, "missing field 'algorithm'");
        return -1;
    }
    size_t gi, ti;
    json_t *g, *t;
    json_array_foreach(groups, gi, g)
    {
        json_t *tests = json_object_get(g, "tests");
        if (!json_is_object(g) || !json_is_array(tests)) {
            snprintf(err, err_len, "testGroups[%zu]: not an object with a "
                                   "'tests' list",
                     gi);
            return -1;
        }
        if (f->sc != NULL &&
            (check_fields(g, f->sc->group, msg, sizeof(msg)) != 0 ||
             (f->sc->check && f->sc->check(g, NULL, msg, sizeof(msg)) != 0))) {
            snprintf(err, err_len, "testGroups[%zu]: %s", gi, msg);
            return -1;
        }
        json_array_foreach(tests, ti, t)
        {
            if (!json_is_object(t) ||
                check_test_common(t, msg, sizeof(msg)) != 0) {
                snprintf(err, err_len, "testGroups[%zu].tests[%zu]: %s", gi,
                         ti, json_is_object(t) ? msg : "not an object");
                return -1;
            }
            if (f->sc != NULL &&
                (check_fields(t, f->sc->test, msg, sizeof(msg)) != 0 ||
                 (f->sc->check &&
                  f->sc->check(g, t, msg, sizeof(msg)) != 0))) {
                snprintf(err, err_len, "testGroups[%zu] tcId %lld: %s", gi,
                         tc_id(t), msg);
                return -1;
            }
            f->n_tests++;
        }
    }
    json_t *n = json_object_get(root, "numberOfTests");
    if (n != NULL &&
        (!json_is_integer(n) || json_integer_value(n) != f->n_tests)) {
        snprintf(err, err_len,
                 "numberOfTests says %lld but the file has %d tests "
                 "(truncated or edited?)",
                 (long long)json_integer_value(n), f->n_tests);
        return -1;
    }
    return 0;
}

static tb_wp_file *finish_load(const char *name, json_t *root,
                               const json_error_t *jerr, char *err,
                               size_t err_len)
{
    if (root == NULL && jerr->line < 0) {
        snprintf(err, err_len, "cannot read: %s", jerr->text); /* no file */
        return NULL;
    }
    if (root == NULL) {
        snprintf(err, err_len, "not valid JSON: line %d, column %d: %s",
                 jerr->line, jerr->column, jerr->text);
        return NULL;
    }
    tb_wp_file *f = calloc(1, sizeof(*f));
    char *nm = strdup(name);
    if (f == NULL || nm == NULL) {
        free(f);
        free(nm);
        json_decref(root);
        snprintf(err, err_len, "out of memory");
        return NULL;
    }
    f->name = nm;
    f->root = root;
    if (check_file(f, err, err_len) != 0) {
        tb_wp_free(f);
        return NULL;
    }
    return f;
}

tb_wp_file *tb_wp_load(const char *path, char *err, size_t err_len)
{
    json_error_t jerr;
    json_t *root = json_load_file(path, JSON_REJECT_DUPLICATES, &jerr);
    const char *base = strrchr(path, '/');
    return finish_load(base ? base + 1 : path, root, &jerr, err, err_len);
}

tb_wp_file *tb_wp_load_buffer(const char *name, const char *buf, size_t len,
                              char *err, size_t err_len)
{
    json_error_t jerr;
    json_t *root = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &jerr);
    return finish_load(name, root, &jerr, err, err_len);
}

void tb_wp_free(tb_wp_file *f)
{
    if (f == NULL) {
        return;
    }
    json_decref(f->root);
    free(f->name);
    free(f);
}

/* ------------------------------------------------------------ running */

static void print_reasons(FILE *log, const char *kind, const reason *list,
                          int n)
{
    for (int i = 0; i < n; i++) {
        fprintf(log, "  %s %d: %s (tcId", kind, list[i].count, list[i].text);
        int shown = list[i].count < REASON_IDS ? list[i].count : REASON_IDS;
        for (int k = 0; k < shown; k++) {
            fprintf(log, "%s%lld", k ? ", " : " ", list[i].ids[k]);
        }
        fprintf(log, "%s)\n", list[i].count > shown ? ", ..." : "");
    }
}

void tb_wp_run(const tb_backend *be, const tb_wp_file *f, tb_wp_counts *c,
               FILE *log)
{
    /* The reason lists are large: keep them off the stack. */
    run_ctx *r = calloc(1, sizeof(*r));
    if (r == NULL) {
        fprintf(stderr, "tlsbench: out of memory\n");
        exit(2);
    }
    r->be = be;
    r->f = f;
    r->log = log;
    const char *sc = sval(f->root, "schema");
    fprintf(log, "== %s: %s (%s, %s, %d tests)\n", be->name, f->name, sc,
            sval(f->root, "algorithm"), f->n_tests);
    json_t *groups = json_object_get(f->root, "testGroups"), *g;
    size_t i;
    if (f->sc == NULL) {
        fprintf(log,
                "FAIL %s: unknown schema '%s': none of its %d tests ran "
                "(known: aead_test, xdh_comp, ecdh_ecpoint_test, ecdh_test, "
                "rsaes_pkcs1_decrypt, rsassa_pkcs1_verify, "
                "rsassa_pss_verify, ecdsa_verify, ecdsa_p1363_verify, "
                "hkdf_test, mac_test)\n",
                f->name, sc, f->n_tests);
        r->c.failed++;
    } else if (be->baseline) {
        json_array_foreach(groups, i, g)
        {
            skip_group(r, g, "the %s backend is the overhead baseline: its "
                             "operations do nothing",
                       be->name);
        }
    } else {
        json_array_foreach(groups, i, g)
        {
            f->sc->run(r, g);
        }
    }
    fprintf(log, "%s %s: %d passed, %d failed, %d skipped\n", be->name,
            f->name, r->c.passed, r->c.failed, r->c.skipped);
    print_reasons(log, "skip", r->skips, r->n_skips);
    print_reasons(log, "note", r->notes, r->n_notes);
    c->passed += r->c.passed;
    c->failed += r->c.failed;
    c->skipped += r->c.skipped;
    c->rejected_acceptable += r->c.rejected_acceptable;
    free(r);
}

int tb_wp_main(const tb_backend *be, const char *const *paths, int n)
{
    tb_wp_file **files = calloc((size_t)n + 1, sizeof(*files));
    if (files == NULL) {
        fprintf(stderr, "tlsbench: out of memory\n");
        return 2;
    }
    int bad = 0;
    for (int i = 0; i < n; i++) {
        char err[400];
        files[i] = tb_wp_load(paths[i], err, sizeof(err));
        if (files[i] == NULL) {
            fprintf(stderr, "tlsbench: %s: %s\n", paths[i], err);
            bad++;
        }
    }
    tb_wp_counts total = {0};
    if (bad == 0) {
        for (int i = 0; i < n; i++) {
            tb_wp_run(be, files[i], &total, stdout);
        }
        printf("%s: %d passed, %d failed, %d skipped (%d files; %d "
               "acceptable inputs rejected, counted as passed)\n",
               be->name, total.passed, total.failed, total.skipped, n,
               total.rejected_acceptable);
    } else {
        fprintf(stderr,
                "tlsbench: %d of %d vector files are not usable Wycheproof "
                "files; no test ran\n",
                bad, n);
    }
    for (int i = 0; i < n; i++) {
        tb_wp_free(files[i]);
    }
    free(files);
    return bad ? 2 : total.failed ? 1 : 0;
}
