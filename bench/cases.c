#include "cases.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "expected.h"
#include "keys.h"
#include "tls13.h"
#include "util.h"

/*
 * Record sizes: 16 (alerts, tiny application writes), 64, 256, 1024, 1350
 * (a full record inside one 1500-byte Ethernet frame, as TLS stacks that
 * size records to the path MTU send), 4096, 8192 and 16384 (the largest TLS
 * plaintext record, bulk transfer).
 */
const size_t tb_default_aead_sizes[] = {16,   64,   256,  1024,
                                        1350, 4096, 8192, 16384};
const size_t tb_n_default_aead_sizes =
    sizeof(tb_default_aead_sizes) / sizeof(tb_default_aead_sizes[0]);

static const char *const aead_names[TB_AEAD_COUNT] = {
    "AES-128-GCM", "AES-256-GCM", "CHACHA20-POLY1305"};
static const char *const kex_names[TB_KEX_COUNT] = {"X25519", "P-256",
                                                    "P-384"};
static const char *const sig_names[TB_SIG_COUNT] = {
    "RSA-2048-PKCS1-SHA256", "RSA-2048-PSS-SHA256", "ECDSA-P256-SHA256",
    "ECDSA-P384-SHA384"};
static const char *const rsa_names[TB_RSA_KEY_COUNT] = {
    "RSA-1024", "RSA-2048", "RSA-3072", "RSA-4096"};
static const char *const hash_names[TB_HASH_COUNT] = {"SHA256", "SHA384"};

/* The AEAD key is the same for every backend. */
static void aead_key(uint8_t key[32])
{
    tb_fill(key, 32, 0x6b6579);
}

static inline void put_be64(uint8_t *p, uint64_t v)
{
    v = __builtin_bswap64(v); /* little-endian hosts (x86-64, arm64) */
    memcpy(p, &v, 8);
}

/*
 * A fresh nonce per record as TLS 1.3 (RFC 8446 5.3) and the ChaCha20
 * suites of TLS 1.2 (RFC 7905) build it: the 64-bit record sequence number,
 * left-padded, XORed into the 12-byte IV. (TLS 1.2 AES-GCM sends an explicit
 * 8-byte nonce instead; the cost is the same.)
 */
static inline void tls_nonce(uint8_t nonce[12], const uint8_t iv[12],
                             uint64_t seq)
{
    uint64_t tail;
    memcpy(&tail, iv + 4, 8);
    tail ^= __builtin_bswap64(seq);
    memcpy(nonce, iv, 4);
    memcpy(nonce + 4, &tail, 8);
}

/* What changes per record, in the timed loops: the nonce's last 8 bytes
 * (iv_tail, the IV's last 8 bytes, XOR the big-endian sequence number, as
 * tls_nonce) and the additional data's first 8 (the sequence number, as
 * tls12_ad): two 8-byte stores. */
static inline void tls_record_seq(uint8_t nonce[12], uint8_t ad[13],
                                  uint64_t iv_tail, uint64_t seq)
{
    const uint64_t be = __builtin_bswap64(seq);
    const uint64_t tail = iv_tail ^ be;
    memcpy(nonce + 4, &tail, 8);
    memcpy(ad, &be, 8);
}

/* The 13-byte additional data of a TLS 1.2 record (RFC 5246 6.2.3.3):
 * seq_num(8) || type(1) || version(2) || length(2). Per record only the
 * sequence number changes. */
#define TB_TLS12_AD_LEN 13
static inline void tls12_ad(uint8_t ad[13], uint64_t seq, size_t len)
{
    put_be64(ad, seq);
    ad[8] = 23; /* application_data */
    ad[9] = 3;
    ad[10] = 3;
    ad[11] = (uint8_t)(len >> 8);
    ad[12] = (uint8_t)len;
}

/* ------------------------------------------------------------------ AEAD */

typedef struct {
    const tb_aead_class **ctx;
    uint8_t *in, *out;
    uint8_t tag[TB_AEAD_TAG_LEN];
    uint8_t iv[TB_AEAD_NONCE_LEN];
    uint8_t ad[TB_TLS12_AD_LEN];
} aead_env;

static void aead_env_free(aead_env *e)
{
    if (e->ctx != NULL) {
        (*e->ctx)->cleanup(e->ctx);
        free(e->ctx);
    }
    free(e->in);
    free(e->out);
    memset(e, 0, sizeof(*e));
}

static tb_status aead_env_init(aead_env *e, const tb_case *c, tb_why *why)
{
    const tb_aead_class *cls = c->cls;
    uint8_t key[32];
    memset(e, 0, sizeof(*e));
    aead_key(key);
    tb_fill(e->iv, sizeof(e->iv), 0x6976);
    e->ctx = tb_ctx_new(cls, cls->context_size);
    e->in = tb_xalloc(c->size);
    e->out = tb_xalloc(c->size);
    tb_fill(e->in, c->size, 0x70740000u + c->size);
    tb_status st = cls->init(e->ctx, key, why);
    if (st != TB_OK) {
        free(e->ctx);
        e->ctx = NULL;
    }
    return st;
}

/* Seals record 0 into e->out/e->tag. */
static int aead_seal0(aead_env *e, size_t size)
{
    uint8_t nonce[TB_AEAD_NONCE_LEN];
    tls_nonce(nonce, e->iv, 0);
    tls12_ad(e->ad, 0, size);
    return (*e->ctx)->seal(e->ctx, e->out, e->tag, nonce, e->ad,
                           TB_TLS12_AD_LEN, e->in, size);
}

static void aead_seal_fn(tb_gb_state *st, void *arg)
{
    const tb_case *c = arg;
    aead_env e;
    tb_why why;
    if (aead_env_init(&e, c, &why) != TB_OK) {
        tb_gb_skip_with_error(st, "init failed");
        aead_env_free(&e);
        return;
    }
    const tb_aead_class **const ctx = e.ctx;
    uint8_t *const out = e.out;
    const uint8_t *const in = e.in;
    const size_t size = c->size;
    uint8_t nonce[TB_AEAD_NONCE_LEN];
    uint64_t n, seq = 0;
    int bad = 0;
    tls12_ad(e.ad, 0, size);
    tls_nonce(nonce, e.iv, 0);
    uint64_t iv_tail;
    memcpy(&iv_tail, e.iv + 4, 8);
    /* the method is looked up once, as a record layer would hold it */
    int (*const seal_record)(const tb_aead_class **, uint8_t *, uint8_t *,
                             const uint8_t *, const uint8_t *, size_t,
                             const uint8_t *, size_t) = (*ctx)->seal;
    while ((n = tb_gb_next_batch(st)) != 0) {
        const uint64_t end = seq + n;
        do {
            tls_record_seq(nonce, e.ad, iv_tail, seq);
            bad |= seal_record(ctx, out, e.tag, nonce, e.ad, TB_TLS12_AD_LEN,
                               in, size);
            tb_clobber_memory();
        } while (++seq != end);
    }
    if (bad) {
        tb_gb_skip_with_error(st, "seal failed");
    }
    tb_gb_set_bytes_processed(st, (int64_t)(seq * size));
    aead_env_free(&e);
}

/* Opens the same authentic record repeatedly: decryption has no nonce-reuse
 * hazard, and the work is that of a fresh record. The tag is checked. */
static void aead_open_fn(tb_gb_state *st, void *arg)
{
    const tb_case *c = arg;
    aead_env e;
    tb_why why;
    if (aead_env_init(&e, c, &why) != TB_OK || aead_seal0(&e, c->size) != 0) {
        tb_gb_skip_with_error(st, "init failed");
        aead_env_free(&e);
        return;
    }
    memcpy(e.in, e.out, c->size); /* in = ciphertext */
    const tb_aead_class **const ctx = e.ctx;
    uint8_t *const out = e.out;
    const uint8_t *const in = e.in;
    const size_t size = c->size;
    uint8_t nonce[TB_AEAD_NONCE_LEN];
    uint64_t n, done = 0;
    int bad = 0;
    tls12_ad(e.ad, 0, size);
    tls_nonce(nonce, e.iv, 0);
    uint64_t iv_tail;
    memcpy(&iv_tail, e.iv + 4, 8);
    int (*const open_record)(const tb_aead_class **, uint8_t *,
                             const uint8_t *, const uint8_t *,
                             const uint8_t *, size_t, const uint8_t *,
                             size_t) = (*ctx)->open;
    while ((n = tb_gb_next_batch(st)) != 0) {
        for (uint64_t i = 0; i < n; i++) {
            /* the per-record work of seal, for record 0 */
            tls_record_seq(nonce, e.ad, iv_tail, 0);
            bad |= open_record(ctx, out, e.tag, nonce, e.ad, TB_TLS12_AD_LEN,
                               in, size);
            tb_clobber_memory();
        }
        done += n;
    }
    if (bad) {
        tb_gb_skip_with_error(st, "open failed");
    }
    tb_gb_set_bytes_processed(st, (int64_t)(done * size));
    aead_env_free(&e);
}

static tb_case_status aead_check(tb_case *c)
{
    aead_env e;
    tb_why why = {{0}};
    tb_case_status rc = TB_CASE_FAILED;
    tb_status st = aead_env_init(&e, c, &why);
    if (st != TB_OK) {
        snprintf(c->note, sizeof(c->note), "%s", why.text);
        aead_env_free(&e);
        return st == TB_UNSUPPORTED ? TB_CASE_UNSUPPORTED : TB_CASE_FAILED;
    }
    uint8_t nonce[TB_AEAD_NONCE_LEN];
    uint8_t *back = tb_xalloc(c->size);
    tls_nonce(nonce, e.iv, 0);
    if (aead_seal0(&e, c->size) != 0) {
        snprintf(c->note, sizeof(c->note), "seal returned an error");
    } else if (c->size > 0 && memcmp(e.out, e.in, c->size) == 0) {
        snprintf(c->note, sizeof(c->note), "seal did not encrypt");
    } else if ((*e.ctx)->open(e.ctx, back, e.tag, nonce, e.ad,
                              TB_TLS12_AD_LEN, e.out, c->size) != 0 ||
               memcmp(back, e.in, c->size) != 0) {
        snprintf(c->note, sizeof(c->note), "open of a sealed record failed");
    } else {
        e.tag[0] ^= 1;
        if ((*e.ctx)->open(e.ctx, back, e.tag, nonce, e.ad, TB_TLS12_AD_LEN,
                           e.out, c->size) == 0) {
            snprintf(c->note, sizeof(c->note), "a forged tag was accepted");
        } else {
            rc = TB_CASE_OK;
        }
    }
    free(back);
    aead_env_free(&e);
    return rc;
}

/* ---------------------------------------------------------- key exchange */

static const tb_kex_class **kex_new(const tb_kex_class *cls, tb_why *why,
                                    tb_status *st)
{
    const tb_kex_class **ctx = tb_ctx_new(cls, cls->context_size);
    *st = cls->init(ctx, why);
    if (*st != TB_OK) {
        free(ctx);
        return NULL;
    }
    return ctx;
}

static void kex_free(const tb_kex_class **ctx)
{
    if (ctx != NULL) {
        (*ctx)->cleanup(ctx);
        free(ctx);
    }
}

enum { KEX_KEYGEN, KEX_DERIVE, KEX_EXCHANGE };

/*
 * A TLS server meets a fresh peer share in every handshake, so the derive
 * and exchange cases cycle through KEX_PEERS distinct shares: a library
 * that caches per-point tables (wolfSSL's FP_ECC keeps 15) gets no help
 * from seeing one point again and again. The shares come from fixed
 * scalars, the same for every backend.
 */
#define KEX_PEERS 64

static int kex_peer_shares(const tb_kex_class *cls, uint8_t *shares)
{
    tb_why why;
    tb_status s;
    uint8_t scalar[64];
    const tb_kex_class **ctx = kex_new(cls, &why, &s);
    int rc = ctx ? 0 : -1;
    for (int i = 0; rc == 0 && i < KEX_PEERS; i++) {
        tb_fill(scalar, cls->scalar_len, 0x70656572u + (uint64_t)i);
        scalar[0] &= 0x7f; /* below the order of the NIST groups */
        scalar[0] |= 0x01;
        rc = (*ctx)->set_private(ctx, scalar, shares + i * cls->share_len);
    }
    kex_free(ctx);
    return rc;
}

static void kex_fn(tb_gb_state *st, void *arg)
{
    const tb_case *c = arg;
    const tb_kex_class *cls = c->cls;
    const tb_ec_key *own = &tb_ec_sig_keys[c->alg_id];
    tb_why why;
    tb_status s;
    uint8_t share[128], secret[64];
    uint8_t *peers = tb_xalloc(KEX_PEERS * cls->share_len);
    const tb_kex_class **ctx[KEX_PEERS] = {NULL};
    int n_ctx = c->variant == KEX_DERIVE ? KEX_PEERS : 1;
    int bad = kex_peer_shares(cls, peers);
    /* derive: one context per peer, each with the peer already parsed */
    for (int i = 0; !bad && i < n_ctx; i++) {
        ctx[i] = kex_new(cls, &why, &s);
        bad = ctx[i] == NULL ||
              (*ctx[i])->set_private(ctx[i], own->priv.ptr, share) != 0 ||
              (*ctx[i])->set_peer(ctx[i], peers + i * cls->share_len,
                                  cls->share_len) != 0;
    }
    if (bad) {
        tb_gb_skip_with_error(st, "init failed");
    }
    const size_t share_len = cls->share_len;
    uint64_t n, done = 0;
    while (!bad && (n = tb_gb_next_batch(st)) != 0) {
        switch (c->variant) {
        case KEX_KEYGEN:
            for (uint64_t i = 0; i < n; i++) {
                bad |= (*ctx[0])->keygen(ctx[0], share);
            }
            break;
        case KEX_DERIVE:
            for (uint64_t i = 0; i < n; i++) {
                const tb_kex_class **x = ctx[(done + i) % KEX_PEERS];
                bad |= (*x)->derive(x, secret);
            }
            break;
        default: /* the server's whole part: keygen, parse, derive */
            for (uint64_t i = 0; i < n; i++) {
                const uint8_t *peer = peers + ((done + i) % KEX_PEERS) * share_len;
                bad |= (*ctx[0])->keygen(ctx[0], share);
                bad |= (*ctx[0])->set_peer(ctx[0], peer, share_len);
                bad |= (*ctx[0])->derive(ctx[0], secret);
            }
            break;
        }
        done += n;
    }
    tb_do_not_optimize(secret);
    if (bad && done > 0) {
        tb_gb_skip_with_error(st, "key exchange failed");
    }
    tb_gb_set_items_processed(st, (int64_t)done);
    for (int i = 0; i < n_ctx; i++) {
        kex_free(ctx[i]);
    }
    free(peers);
}

static tb_case_status kex_check(tb_case *c)
{
    const tb_kex_class *cls = c->cls;
    const tb_ec_key *own = &tb_ec_sig_keys[c->alg_id];
    const tb_ec_key *peer = &tb_ec_peer_keys[c->alg_id];
    tb_why why = {{0}};
    tb_status s1, s2;
    uint8_t share[128], pshare[128], s_a[64], s_b[64];
    const tb_kex_class **a = kex_new(cls, &why, &s1);
    const tb_kex_class **b = a ? kex_new(cls, &why, &s2) : NULL;
    const char *err = NULL;
    if (a == NULL || b == NULL) {
        snprintf(c->note, sizeof(c->note), "%s", why.text);
        kex_free(a);
        return s1 == TB_UNSUPPORTED ? TB_CASE_UNSUPPORTED : TB_CASE_FAILED;
    }
    /* Known answer: the fixed key's share and its secret with the fixed
     * peer (computed by the openssl command when the keys were made). */
    if ((*a)->set_private(a, own->priv.ptr, share) != 0 ||
        memcmp(share, own->pub.ptr, cls->share_len) != 0) {
        err = "the public share of the fixed key is wrong";
    } else if ((*a)->set_peer(a, peer->pub.ptr, peer->pub.len) != 0 ||
               (*a)->derive(a, s_a) != 0 ||
               memcmp(s_a, tb_kex_shared[c->alg_id].ptr, cls->secret_len) !=
                   0) {
        err = "the shared secret with the fixed peer is wrong";
    } else if ((*a)->keygen(a, share) != 0 ||
               (*b)->set_private(b, peer->priv.ptr, pshare) != 0 ||
               (*b)->set_peer(b, share, cls->share_len) != 0 ||
               (*b)->derive(b, s_b) != 0 ||
               (*a)->set_peer(a, pshare, cls->share_len) != 0 ||
               (*a)->derive(a, s_a) != 0 ||
               memcmp(s_a, s_b, cls->secret_len) != 0) {
        err = "the two sides of a fresh exchange disagree";
    } else if ((*a)->set_peer(a, share, cls->share_len - 1) == 0) {
        err = "a truncated peer share was accepted";
    }
    if (err != NULL) {
        snprintf(c->note, sizeof(c->note), "%s", err);
    }
    kex_free(a);
    kex_free(b);
    return err == NULL ? TB_CASE_OK : TB_CASE_FAILED;
}

/* ------------------------------------------------------------------- RSA */

static const tb_rsa_kt_class **rsa_new(const tb_rsa_kt_class *cls,
                                       const tb_rsa_key *key, tb_why *why,
                                       tb_status *st)
{
    const tb_rsa_kt_class **ctx = tb_ctx_new(cls, cls->context_size);
    *st = cls->init(ctx, key, why);
    if (*st != TB_OK) {
        free(ctx);
        return NULL;
    }
    return ctx;
}

static void rsa_free(const tb_rsa_kt_class **ctx)
{
    if (ctx != NULL) {
        (*ctx)->cleanup(ctx);
        free(ctx);
    }
}

static const uint8_t tls12_version[2] = {3, 3};

static void rsa_fn(tb_gb_state *st, void *arg)
{
    const tb_case *c = arg;
    const tb_bytes *ct = &tb_pms_ct[c->key_idx];
    tb_why why;
    tb_status s;
    const tb_rsa_kt_class **ctx =
        rsa_new(c->cls, &tb_rsa_keys[c->key_idx], &why, &s);
    if (ctx == NULL) {
        tb_gb_skip_with_error(st, "init failed");
        return;
    }
    uint8_t pms[TB_PMS_LEN], out[1024];
    uint64_t n, done = 0;
    int bad = 0;
    while ((n = tb_gb_next_batch(st)) != 0) {
        if (c->variant == 0) {
            for (uint64_t i = 0; i < n; i++) {
                bad |= (*ctx)->decrypt_pms(ctx, pms, ct->ptr, ct->len,
                                           tls12_version);
            }
        } else {
            for (uint64_t i = 0; i < n; i++) {
                bad |= (*ctx)->encrypt_pms(ctx, out, tb_pms);
            }
        }
        done += n;
    }
    tb_do_not_optimize(pms);
    tb_do_not_optimize(out);
    if (bad) {
        tb_gb_skip_with_error(st, "RSA operation failed");
    }
    tb_gb_set_items_processed(st, (int64_t)done);
    rsa_free(ctx);
}

static tb_case_status rsa_check(tb_case *c)
{
    const tb_bytes *ct = &tb_pms_ct[c->key_idx];
    tb_why why = {{0}};
    tb_status s;
    const tb_rsa_kt_class **ctx =
        rsa_new(c->cls, &tb_rsa_keys[c->key_idx], &why, &s);
    if (ctx == NULL) {
        snprintf(c->note, sizeof(c->note), "%s", why.text);
        return s == TB_UNSUPPORTED ? TB_CASE_UNSUPPORTED : TB_CASE_FAILED;
    }
    uint8_t pms[TB_PMS_LEN], bad_ct[1024], mine[1024];
    const char *err = NULL;
    memcpy(bad_ct, ct->ptr, ct->len);
    bad_ct[ct->len / 2] ^= 0x40;
    static const uint8_t tls11[2] = {3, 2};
    if ((*ctx)->decrypt_pms(ctx, pms, ct->ptr, ct->len, tls12_version) != 0 ||
        memcmp(pms, tb_pms, TB_PMS_LEN) != 0) {
        err = "decryption of the fixed ciphertext is wrong";
    } else if ((*ctx)->decrypt_pms(ctx, pms, bad_ct, ct->len,
                                   tls12_version) != 0 ||
               memcmp(pms, tb_pms, TB_PMS_LEN) == 0) {
        err = "a corrupted ciphertext was not replaced by a random secret";
    } else if ((*ctx)->decrypt_pms(ctx, pms, ct->ptr, ct->len, tls11) != 0 ||
               memcmp(pms, tb_pms, TB_PMS_LEN) == 0) {
        err = "a wrong client_version was not rejected";
    } else if ((*ctx)->encrypt_pms(ctx, mine, tb_pms) != 0 ||
               memcmp(mine, ct->ptr, ct->len) == 0 ||
               (*ctx)->decrypt_pms(ctx, pms, mine, ct->len, tls12_version) !=
                   0 ||
               memcmp(pms, tb_pms, TB_PMS_LEN) != 0) {
        err = "encryption does not round-trip (or is not randomised)";
    }
    if (err != NULL) {
        snprintf(c->note, sizeof(c->note), "%s", err);
    }
    rsa_free(ctx);
    return err == NULL ? TB_CASE_OK : TB_CASE_FAILED;
}

/* ------------------------------------------------------------ signatures */

static tb_hash sig_hash(int alg)
{
    return alg == TB_SIG_ECDSA_P384_SHA384 ? TB_HASH_SHA384 : TB_HASH_SHA256;
}

static const tb_sig_class **sig_new(const tb_sig_class *cls, int alg,
                                    tb_why *why, tb_status *st)
{
    tb_sig_key key;
    tb_sig_key_fixed(alg, &key);
    const tb_sig_class **ctx = tb_ctx_new(cls, cls->context_size);
    *st = cls->init(ctx, &key, why);
    if (*st != TB_OK) {
        free(ctx);
        return NULL;
    }
    return ctx;
}

static void sig_free(const tb_sig_class **ctx)
{
    if (ctx != NULL) {
        (*ctx)->cleanup(ctx);
        free(ctx);
    }
}

static void sig_fn(tb_gb_state *st, void *arg)
{
    const tb_case *c = arg;
    const tb_bytes *msg = &tb_sig_msg[sig_hash(c->alg_id)];
    const tb_bytes *ref = &tb_ref_sig[c->alg_id];
    tb_why why;
    tb_status s;
    const tb_sig_class **ctx = sig_new(c->cls, c->alg_id, &why, &s);
    if (ctx == NULL) {
        tb_gb_skip_with_error(st, "init failed");
        return;
    }
    uint8_t sig[TB_SIG_MAX];
    size_t sig_len;
    uint64_t n, done = 0;
    int bad = 0;
    while ((n = tb_gb_next_batch(st)) != 0) {
        if (c->variant == 0) {
            for (uint64_t i = 0; i < n; i++) {
                bad |= (*ctx)->sign(ctx, sig, &sig_len, msg->ptr, msg->len);
            }
        } else {
            for (uint64_t i = 0; i < n; i++) {
                bad |= (*ctx)->verify(ctx, ref->ptr, ref->len, msg->ptr,
                                      msg->len);
            }
        }
        done += n;
    }
    tb_do_not_optimize(sig);
    if (bad) {
        tb_gb_skip_with_error(st, "signature operation failed");
    }
    tb_gb_set_items_processed(st, (int64_t)done);
    sig_free(ctx);
}

static tb_case_status sig_check(tb_case *c)
{
    const tb_bytes *msg = &tb_sig_msg[sig_hash(c->alg_id)];
    const tb_bytes *ref = &tb_ref_sig[c->alg_id];
    tb_why why = {{0}};
    tb_status s;
    const tb_sig_class **ctx = sig_new(c->cls, c->alg_id, &why, &s);
    if (ctx == NULL) {
        snprintf(c->note, sizeof(c->note), "%s", why.text);
        return s == TB_UNSUPPORTED ? TB_CASE_UNSUPPORTED : TB_CASE_FAILED;
    }
    uint8_t sig[TB_SIG_MAX], bad_sig[TB_SIG_MAX];
    size_t sig_len = 0;
    const char *err = NULL;
    memcpy(bad_sig, ref->ptr, ref->len);
    bad_sig[ref->len - 1] ^= 1;
    if ((*ctx)->verify(ctx, ref->ptr, ref->len, msg->ptr, msg->len) != 0) {
        err = "a valid reference signature was rejected";
    } else if ((*ctx)->verify(ctx, bad_sig, ref->len, msg->ptr, msg->len) ==
               0) {
        err = "a corrupted signature was accepted";
    } else if ((*ctx)->sign(ctx, sig, &sig_len, msg->ptr, msg->len) != 0 ||
               sig_len > TB_SIG_MAX ||
               (*ctx)->verify(ctx, sig, sig_len, msg->ptr, msg->len) != 0) {
        err = "a fresh signature does not verify";
    } else if (c->alg_id == TB_SIG_RSA_PKCS1_SHA256 &&
               (sig_len != ref->len || memcmp(sig, ref->ptr, sig_len) != 0)) {
        err = "the PKCS#1 v1.5 signature differs from the known answer";
    }
    if (err != NULL) {
        snprintf(c->note, sizeof(c->note), "%s", err);
    }
    sig_free(ctx);
    return err == NULL ? TB_CASE_OK : TB_CASE_FAILED;
}

/* ------------------------------------------------------------ TLS 1.2 PRF */

enum { PRF_MASTER, PRF_EMS, PRF_KEYBLOCK, PRF_FINISHED, PRF_KIND_COUNT };
static const char *const prf_ops[PRF_KIND_COUNT] = {"master", "ems",
                                                    "keyblock", "finished"};

/* The inputs of one PRF case and where its expected output is. */
typedef struct {
    const uint8_t *secret, *seed;
    size_t secret_len, seed_len, out_len;
    const char *label;
    const tb_bytes *expected;
    uint8_t seed_buf[64];
} prf_input;

static void prf_input_get(prf_input *in, tb_hash hash, int kind)
{
    const tb_expected *x = &tb_expected_by_hash[hash];
    in->secret = tb_prf_pms.ptr;
    in->secret_len = tb_prf_pms.len;
    in->seed = tb_prf_randoms.ptr;
    in->seed_len = tb_prf_randoms.len;
    switch (kind) {
    case PRF_MASTER:
        in->label = "master secret";
        in->expected = &x->master;
        break;
    case PRF_EMS: /* RFC 7627: the seed is the session hash */
        in->label = "extended master secret";
        in->seed = x->session_hash.ptr;
        in->seed_len = x->session_hash.len;
        in->expected = &x->ems;
        break;
    case PRF_KEYBLOCK: /* seed = server_random || client_random */
        in->label = "key expansion";
        in->secret = x->master.ptr;
        in->secret_len = x->master.len;
        memcpy(in->seed_buf, tb_prf_randoms.ptr + 32, 32);
        memcpy(in->seed_buf + 32, tb_prf_randoms.ptr, 32);
        in->seed = in->seed_buf;
        in->expected = &x->key_block;
        break;
    default: /* client Finished verify_data */
        in->label = "client finished";
        in->secret = x->master.ptr;
        in->secret_len = x->master.len;
        in->seed = x->session_hash.ptr;
        in->seed_len = x->session_hash.len;
        in->expected = &x->finished;
        break;
    }
    in->out_len = in->expected->len;
}

static const tb_prf_class **prf_new(const tb_prf_class *cls, tb_hash hash,
                                    tb_why *why, tb_status *st)
{
    const tb_prf_class **ctx = tb_ctx_new(cls, cls->context_size);
    *st = cls->init(ctx, hash, why);
    if (*st != TB_OK) {
        free(ctx);
        return NULL;
    }
    return ctx;
}

static void prf_free(const tb_prf_class **ctx)
{
    if (ctx != NULL) {
        (*ctx)->cleanup(ctx);
        free(ctx);
    }
}

static void prf_fn(tb_gb_state *st, void *arg)
{
    const tb_case *c = arg;
    prf_input in;
    tb_why why;
    tb_status s;
    prf_input_get(&in, c->hash, c->variant);
    const tb_prf_class **ctx = prf_new(c->cls, c->hash, &why, &s);
    if (ctx == NULL) {
        tb_gb_skip_with_error(st, "init failed");
        return;
    }
    const uint8_t *label = (const uint8_t *)in.label;
    size_t label_len = strlen(in.label);
    uint8_t out[128];
    uint64_t n, done = 0;
    int bad = 0;
    while ((n = tb_gb_next_batch(st)) != 0) {
        for (uint64_t i = 0; i < n; i++) {
            bad |= (*ctx)->prf(ctx, out, in.out_len, in.secret, in.secret_len,
                               label, label_len, in.seed, in.seed_len);
        }
        done += n;
    }
    tb_do_not_optimize(out);
    if (bad) {
        tb_gb_skip_with_error(st, "PRF failed");
    }
    tb_gb_set_items_processed(st, (int64_t)done);
    prf_free(ctx);
}

static tb_case_status prf_check(tb_case *c)
{
    prf_input in;
    tb_why why = {{0}};
    tb_status s;
    prf_input_get(&in, c->hash, c->variant);
    const tb_prf_class **ctx = prf_new(c->cls, c->hash, &why, &s);
    if (ctx == NULL) {
        snprintf(c->note, sizeof(c->note), "%s", why.text);
        return s == TB_UNSUPPORTED ? TB_CASE_UNSUPPORTED : TB_CASE_FAILED;
    }
    uint8_t out[128];
    int ok = (*ctx)->prf(ctx, out, in.out_len, in.secret, in.secret_len,
                         (const uint8_t *)in.label, strlen(in.label), in.seed,
                         in.seed_len) == 0 &&
             memcmp(out, in.expected->ptr, in.out_len) == 0;
    if (!ok) {
        snprintf(c->note, sizeof(c->note),
                 "output differs from the known answer");
    }
    prf_free(ctx);
    return ok ? TB_CASE_OK : TB_CASE_FAILED;
}

/* ------------------------------------------------------- TLS 1.3 HKDF */

enum { HKDF_EXTRACT, HKDF_EXPAND_LABEL, HKDF_SCHEDULE };

static size_t tls13_key_len(tb_hash hash)
{
    /* TLS_AES_128_GCM_SHA256 and TLS_AES_256_GCM_SHA384 */
    return hash == TB_HASH_SHA384 ? 32 : 16;
}

static const tb_hkdf_class **hkdf_new(const tb_hkdf_class *cls, tb_hash hash,
                                      tb_why *why, tb_status *st)
{
    const tb_hkdf_class **ctx = tb_ctx_new(cls, cls->context_size);
    *st = cls->init(ctx, hash, why);
    if (*st != TB_OK) {
        free(ctx);
        return NULL;
    }
    return ctx;
}

static void hkdf_free(const tb_hkdf_class **ctx)
{
    if (ctx != NULL) {
        (*ctx)->cleanup(ctx);
        free(ctx);
    }
}

/* One operation of an HKDF case; out receives the case's size in bytes. */
static inline __attribute__((always_inline)) int
hkdf_op(const tb_hkdf_class **ctx, tb_hash hash, int variant, uint8_t *out)
{
    static const uint8_t zeros[64];
    const tb_expected *x = &tb_expected_by_hash[hash];
    size_t L = tb_hash_len(hash);
    switch (variant) {
    case HKDF_EXTRACT: /* the early secret: Extract(0, 0) */
        return (*ctx)->extract(ctx, out, zeros, L, zeros, L);
    case HKDF_EXPAND_LABEL: /* client_handshake_traffic_secret */
        return tb_expand_label(ctx, out, L, x->schedule.ptr + L, L,
                               "c hs traffic", x->transcripts.ptr, L);
    default:
        return tb_tls13_schedule(ctx, L, tls13_key_len(hash), x->ecdhe.ptr,
                                 x->ecdhe.len, x->transcripts.ptr,
                                 x->empty_hash.ptr, out);
    }
}

static void hkdf_fn(tb_gb_state *st, void *arg)
{
    const tb_case *c = arg;
    tb_why why;
    tb_status s;
    const tb_hkdf_class **ctx = hkdf_new(c->cls, c->hash, &why, &s);
    if (ctx == NULL) {
        tb_gb_skip_with_error(st, "init failed");
        return;
    }
    uint8_t out[1024];
    uint64_t n, done = 0;
    int bad = 0;
    /* A loop per variant, so that hkdf_op is inlined with its switch
     * resolved: the variant is not looked up per operation. */
#define HKDF_LOOP(variant)                                                   \
    while ((n = tb_gb_next_batch(st)) != 0) {                                \
        for (uint64_t i = 0; i < n; i++) {                                   \
            bad |= hkdf_op(ctx, c->hash, variant, out);                     \
            tb_clobber_memory();                                             \
        }                                                                    \
        done += n;                                                           \
    }
    switch (c->variant) {
    case HKDF_EXTRACT:
        HKDF_LOOP(HKDF_EXTRACT);
        break;
    case HKDF_EXPAND_LABEL:
        HKDF_LOOP(HKDF_EXPAND_LABEL);
        break;
    default:
        HKDF_LOOP(HKDF_SCHEDULE);
        break;
    }
#undef HKDF_LOOP
    tb_do_not_optimize(out);
    if (bad) {
        tb_gb_skip_with_error(st, "HKDF failed");
    }
    tb_gb_set_items_processed(st, (int64_t)done);
    hkdf_free(ctx);
}

static tb_case_status hkdf_check(tb_case *c)
{
    const tb_expected *x = &tb_expected_by_hash[c->hash];
    tb_why why = {{0}};
    tb_status s;
    const tb_hkdf_class **ctx = hkdf_new(c->cls, c->hash, &why, &s);
    if (ctx == NULL) {
        snprintf(c->note, sizeof(c->note), "%s", why.text);
        return s == TB_UNSUPPORTED ? TB_CASE_UNSUPPORTED : TB_CASE_FAILED;
    }
    uint8_t out[1024];
    const uint8_t *want = c->variant == HKDF_EXTRACT ? x->schedule.ptr
                          : c->variant == HKDF_EXPAND_LABEL
                              ? x->c_hs_traffic.ptr
                              : x->schedule.ptr;
    int ok = hkdf_op(ctx, c->hash, c->variant, out) == 0 &&
             memcmp(out, want, c->size) == 0;
    if (ok && c->variant == HKDF_SCHEDULE) {
        ok = c->size == x->schedule.len;
    }
    if (!ok) {
        snprintf(c->note, sizeof(c->note),
                 "output differs from the known answer");
    }
    hkdf_free(ctx);
    return ok ? TB_CASE_OK : TB_CASE_FAILED;
}

/* ------------------------------------------------------------ the table */

typedef struct {
    tb_case *v;
    size_t n, cap;
    const tb_backend *be;
} case_list;

static tb_case *add(case_list *l, tb_family fam, const char *family,
                    const char *alg, const char *op, size_t size,
                    const void *cls, int alg_id, tb_gb_fn timed)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 64;
        l->v = realloc(l->v, l->cap * sizeof(*l->v));
        if (l->v == NULL) {
            fprintf(stderr, "tlsbench: out of memory\n");
            exit(2);
        }
    }
    tb_case *c = &l->v[l->n++];
    memset(c, 0, sizeof(*c));
    snprintf(c->name, sizeof(c->name), "%s/%s/%s/%zu", family, alg, op, size);
    c->fam = fam;
    c->family = family;
    c->alg = alg;
    c->op = op;
    c->size = size;
    c->cls = cls;
    c->alg_id = alg_id;
    c->timed = timed;
    c->baseline = l->be->baseline;
    if (cls == NULL) {
        const char *why = l->be->absent ? l->be->absent(fam, alg_id) : NULL;
        c->status = TB_CASE_UNSUPPORTED;
        snprintf(c->note, sizeof(c->note), "%s",
                 why ? why : "not provided by this library");
    }
    return c;
}

static void note_path(tb_case *c, const char *note)
{
    if (c->cls != NULL && note != NULL) {
        snprintf(c->note, sizeof(c->note), "%s", note);
    }
}

size_t tb_cases_build(const tb_backend *be, const tb_case_opts *opts,
                      tb_case **out)
{
    case_list l = {NULL, 0, 0, be};
    for (int a = 0; a < TB_AEAD_COUNT; a++) {
        const tb_aead_class *cls = be->aead[a];
        for (int op = 0; op < 2; op++) {
            for (size_t i = 0; i < opts->n_aead_sizes; i++) {
                tb_case *c = add(&l, TB_FAM_AEAD, "aead", aead_names[a],
                                 op ? "open" : "seal", opts->aead_sizes[i],
                                 cls, a, op ? aead_open_fn : aead_seal_fn);
                c->bulk = 1;
                note_path(c, cls ? cls->note : NULL);
            }
        }
    }
    static const char *const kex_ops[] = {"keygen", "derive", "exchange"};
    for (int k = 0; k < TB_KEX_COUNT; k++) {
        const tb_kex_class *cls = be->kex[k];
        for (int op = 0; op < 3; op++) {
            tb_case *c = add(&l, TB_FAM_KEX, "kex", kex_names[k], kex_ops[op],
                             0, cls, k, kex_fn);
            c->variant = op;
            note_path(c, cls ? cls->note : NULL);
        }
    }
    for (int key = TB_RSA2048; key <= TB_RSA4096; key++) {
        for (int op = 0; op < 2; op++) {
            tb_case *c = add(&l, TB_FAM_RSA_KT, "rsa", rsa_names[key],
                             op ? "encrypt" : "decrypt", TB_PMS_LEN,
                             be->rsa_kt, 0, rsa_fn);
            c->key_idx = key;
            c->variant = op;
            note_path(c, be->rsa_kt ? be->rsa_kt->note : NULL);
        }
    }
    for (int s = 0; s < TB_SIG_COUNT; s++) {
        const tb_sig_class *cls = be->sig[s];
        for (int op = 0; op < 2; op++) {
            tb_case *c = add(&l, TB_FAM_SIG, "sig", sig_names[s],
                             op ? "verify" : "sign",
                             tb_sig_msg[sig_hash(s)].len, cls, s, sig_fn);
            c->variant = op;
            note_path(c, cls ? cls->note : NULL);
        }
    }
    for (int h = 0; h < TB_HASH_COUNT; h++) {
        for (int k = 0; k < PRF_KIND_COUNT; k++) {
            prf_input in;
            prf_input_get(&in, (tb_hash)h, k);
            tb_case *c = add(&l, TB_FAM_PRF, "prf", hash_names[h], prf_ops[k],
                             in.out_len, be->prf, 0, prf_fn);
            c->hash = (tb_hash)h;
            c->variant = k;
            note_path(c, be->prf ? be->prf->note : NULL);
        }
    }
    static const char *const hkdf_ops[] = {"extract", "expand_label",
                                           "schedule"};
    for (int h = 0; h < TB_HASH_COUNT; h++) {
        size_t L = tb_hash_len((tb_hash)h);
        for (int k = 0; k < 3; k++) {
            size_t size = k == HKDF_SCHEDULE
                              ? tb_tls13_schedule_len(L, tls13_key_len((tb_hash)h))
                              : L;
            tb_case *c = add(&l, TB_FAM_HKDF, "hkdf", hash_names[h],
                             hkdf_ops[k], size, be->hkdf, 0, hkdf_fn);
            c->hash = (tb_hash)h;
            c->variant = k;
            note_path(c, be->hkdf ? be->hkdf->note : NULL);
        }
    }
    *out = l.v;
    return l.n;
}

tb_case_status tb_case_check(tb_case *c)
{
    if (c->cls == NULL) {
        return c->status = TB_CASE_UNSUPPORTED;
    }
    if (c->baseline) {
        return c->status = TB_CASE_OK; /* does nothing: nothing to check */
    }
    char path[sizeof(c->note)];
    snprintf(path, sizeof(path), "%s", c->note);
    tb_case_status st;
    switch (c->fam) {
    case TB_FAM_AEAD:
        st = aead_check(c);
        break;
    case TB_FAM_KEX:
        st = kex_check(c);
        break;
    case TB_FAM_RSA_KT:
        st = rsa_check(c);
        break;
    case TB_FAM_SIG:
        st = sig_check(c);
        break;
    case TB_FAM_PRF:
        st = prf_check(c);
        break;
    default:
        st = hkdf_check(c);
        break;
    }
    if (st == TB_CASE_OK) {
        snprintf(c->note, sizeof(c->note), "%s", path); /* keep the path */
    }
    return c->status = st;
}
