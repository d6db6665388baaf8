/*
 * The backend interface: one class (a const struct of function pointers and
 * sizes) per primitive family, in the style of BearSSL's classes. Every
 * adapter context starts with a pointer to its class, and every call takes
 * `ctx`, the address of that pointer.
 *
 * Conventions for every class:
 *  - `init` does all setup: key import, key schedule, allocation. It is never
 *    timed. It returns TB_UNSUPPORTED (with a reason in `why`) where the
 *    library has the primitive but not in this build or on this CPU, and
 *    TB_ERROR when something went wrong.
 *  - The timed calls (seal, open, keygen, set_peer, derive, decrypt_pms,
 *    sign, verify, prf, extract, expand, hmac) must not allocate, parse
 *    configuration, fetch algorithms or print. They return 0 on success and
 *    -1 on failure.
 *  - The harness allocates a zeroed context of `context_size` bytes and
 *    sets its first member (the class pointer) before calling `init`;
 *    `init` may set it again.
 *  - `cleanup` frees what a successful `init` made. An `init` that fails
 *    frees what it made itself: the harness does not call `cleanup` then.
 *  - A backend table leaves a class NULL where the library has no such
 *    primitive at all; `absent` then gives the reason.
 */
#ifndef TLSBENCH_BACKEND_H
#define TLSBENCH_BACKEND_H

#include <stddef.h>
#include <stdint.h>

typedef enum {
    TB_OK = 0,
    TB_UNSUPPORTED = 1,
    TB_ERROR = 2
} tb_status;

#define TB_WHY_MAX 200

/* A reason, written by init when it does not return TB_OK. */
typedef struct {
    char text[TB_WHY_MAX];
} tb_why;

/* printf-style; defined in bench/util.c. */
void tb_why_set(tb_why *why, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

typedef struct {
    const uint8_t *ptr;
    size_t len;
} tb_bytes;

typedef enum {
    TB_HASH_SHA256 = 0,
    TB_HASH_SHA384 = 1,
    TB_HASH_COUNT
} tb_hash;

/* ------------------------------------------------------------------ AEAD */

typedef enum {
    TB_AEAD_AES128GCM = 0,
    TB_AEAD_AES256GCM = 1,
    TB_AEAD_CHACHA20POLY1305 = 2,
    TB_AEAD_COUNT
} tb_aead_alg;

#define TB_AEAD_NONCE_LEN 12
#define TB_AEAD_TAG_LEN 16

typedef struct tb_aead_class tb_aead_class;
struct tb_aead_class {
    size_t context_size;
    tb_aead_alg alg;
    size_t key_len; /* 16 or 32 */
    /* The code path used, for the row's note (may be NULL). */
    const char *note;
    tb_status (*init)(const tb_aead_class **ctx, const uint8_t *key,
                      tb_why *why);
    /* out receives in_len bytes of ciphertext, tag 16 bytes. out == in is
     * allowed (in-place); otherwise they do not overlap. */
    int (*seal)(const tb_aead_class **ctx, uint8_t *out,
                uint8_t tag[TB_AEAD_TAG_LEN],
                const uint8_t nonce[TB_AEAD_NONCE_LEN], const uint8_t *ad,
                size_t ad_len, const uint8_t *in, size_t in_len);
    /* Returns 0 when the tag is authentic, -1 otherwise (out is then
     * unspecified). */
    int (*open)(const tb_aead_class **ctx, uint8_t *out,
                const uint8_t tag[TB_AEAD_TAG_LEN],
                const uint8_t nonce[TB_AEAD_NONCE_LEN], const uint8_t *ad,
                size_t ad_len, const uint8_t *in, size_t in_len);
    void (*cleanup)(const tb_aead_class **ctx);
};

/* ---------------------------------------------------------- key exchange */

typedef enum {
    TB_KEX_X25519 = 0,
    TB_KEX_P256 = 1,
    TB_KEX_P384 = 2,
    TB_KEX_COUNT
} tb_kex_alg;

/*
 * Shares are in TLS wire format: X25519 the 32-byte u-coordinate (RFC 7748),
 * NIST curves the uncompressed X9.62 point 04||x||y. The shared secret is
 * what TLS uses: 32 bytes for X25519, the x-coordinate for NIST curves.
 */
typedef struct tb_kex_class tb_kex_class;
struct tb_kex_class {
    size_t context_size;
    tb_kex_alg alg;
    size_t scalar_len; /* 32, 32, 48 */
    size_t share_len;  /* 32, 65, 97 */
    size_t secret_len; /* 32, 32, 48 */
    const char *note;
    tb_status (*init)(const tb_kex_class **ctx, tb_why *why);
    /* A fresh ephemeral key pair from the library's RNG; writes our share. */
    int (*keygen)(const tb_kex_class **ctx, uint8_t *share);
    /* A fixed private key (tests, known answers): X25519 the 32-byte scalar
     * as in RFC 7748 (the library clamps), NIST curves the big-endian
     * scalar of scalar_len bytes. Writes our share. */
    int (*set_private)(const tb_kex_class **ctx, const uint8_t *scalar,
                       uint8_t *share);
    /* Parse and validate the peer's share (any length: invalid ones are
     * rejected with -1). */
    int (*set_peer)(const tb_kex_class **ctx, const uint8_t *share,
                    size_t share_len);
    /* The same from a DER SubjectPublicKeyInfo (test vectors only); may be
     * NULL. */
    int (*set_peer_spki)(const tb_kex_class **ctx, const uint8_t *der,
                         size_t der_len);
    /* The shared secret of our private key and the peer's share; -1 on
     * failure (for X25519, an all-zero result is a failure). */
    int (*derive)(const tb_kex_class **ctx, uint8_t *secret);
    void (*cleanup)(const tb_kex_class **ctx);
};

/* ------------------------------------------------------------------- RSA */

/* Big-endian unsigned integers without leading zero bytes. The private
 * parts (d onwards) may be absent (len 0) for public-only use. */
typedef struct {
    unsigned bits;
    tb_bytes n, e, d, p, q, dp, dq, qinv;
} tb_rsa_key;

#define TB_PMS_LEN 48

/* RSA key transport of the TLS 1.2 pre-master secret (RFC 5246 7.4.7.1). */
typedef struct tb_rsa_kt_class tb_rsa_kt_class;
struct tb_rsa_kt_class {
    size_t context_size;
    /* The decryption path used, e.g. "EVP_PKEY RSA_PKCS1_WITH_TLS_PADDING
     * (constant time, version check)". */
    const char *note;
    tb_status (*init)(const tb_rsa_kt_class **ctx, const tb_rsa_key *key,
                      tb_why *why);
    /* Client: PKCS#1 v1.5 encryption of the 48-byte pre-master secret;
     * out receives the modulus length in bytes. */
    int (*encrypt_pms)(const tb_rsa_kt_class **ctx, uint8_t *out,
                       const uint8_t pms[TB_PMS_LEN]);
    /* Server, as a TLS server does it: decrypt; if the padding is invalid,
     * the length is not 48 or the first two bytes differ from
     * client_version, the output is a random 48-byte value instead, chosen
     * without a data-dependent branch where the library allows. Returns 0
     * in both cases; -1 only for an internal error. */
    int (*decrypt_pms)(const tb_rsa_kt_class **ctx, uint8_t pms[TB_PMS_LEN],
                       const uint8_t *in, size_t in_len,
                       const uint8_t client_version[2]);
    /* Generic PKCS#1 v1.5 decryption (test vectors): returns 0 and sets
     * *out_len, or -1 on invalid padding. out has room for the modulus
     * length. May be NULL. */
    int (*decrypt)(const tb_rsa_kt_class **ctx, uint8_t *out, size_t *out_len,
                   const uint8_t *in, size_t in_len);
    void (*cleanup)(const tb_rsa_kt_class **ctx);
};

/* ------------------------------------------------------------ signatures */

typedef enum {
    TB_SIG_RSA_PKCS1_SHA256 = 0, /* TLS 1.2 ServerKeyExchange, certs */
    TB_SIG_RSA_PSS_SHA256 = 1,   /* TLS 1.3 CertificateVerify; salt 32 */
    TB_SIG_ECDSA_P256_SHA256 = 2,
    TB_SIG_ECDSA_P384_SHA384 = 3,
    TB_SIG_COUNT
} tb_sig_alg;

typedef struct {
    const tb_rsa_key *rsa; /* RSA algorithms */
    tb_bytes ec_priv;      /* ECDSA: big-endian scalar; len 0 = verify only */
    tb_bytes ec_pub;       /* ECDSA: uncompressed X9.62 point */
} tb_sig_key;

#define TB_SIG_MAX 1024

typedef struct tb_sig_class tb_sig_class;
struct tb_sig_class {
    size_t context_size;
    tb_sig_alg alg;
    const char *note;
    tb_status (*init)(const tb_sig_class **ctx, const tb_sig_key *key,
                      tb_why *why);
    /* Hashes msg and signs. ECDSA signatures are DER (as in TLS). sig has
     * room for TB_SIG_MAX bytes. */
    int (*sign)(const tb_sig_class **ctx, uint8_t *sig, size_t *sig_len,
                const uint8_t *msg, size_t msg_len);
    /* 0 when valid, -1 otherwise. */
    int (*verify)(const tb_sig_class **ctx, const uint8_t *sig,
                  size_t sig_len, const uint8_t *msg, size_t msg_len);
    void (*cleanup)(const tb_sig_class **ctx);
};

/* ------------------------------------------------------- TLS 1.2 PRF */

typedef struct tb_prf_class tb_prf_class;
struct tb_prf_class {
    size_t context_size;
    /* e.g. "native: EVP_KDF TLS1-PRF" or "P_hash built on HMAC". */
    const char *note;
    tb_status (*init)(const tb_prf_class **ctx, tb_hash hash, tb_why *why);
    /* PRF(secret, label, seed) of RFC 5246 section 5, out_len bytes. */
    int (*prf)(const tb_prf_class **ctx, uint8_t *out, size_t out_len,
               const uint8_t *secret, size_t secret_len, const uint8_t *label,
               size_t label_len, const uint8_t *seed, size_t seed_len);
    void (*cleanup)(const tb_prf_class **ctx);
};

/* ------------------------------------------------------- HKDF and HMAC */

typedef struct tb_hkdf_class tb_hkdf_class;
struct tb_hkdf_class {
    size_t context_size;
    const char *note;
    tb_status (*init)(const tb_hkdf_class **ctx, tb_hash hash, tb_why *why);
    /* RFC 5869 Extract; prk receives the hash length. */
    int (*extract)(const tb_hkdf_class **ctx, uint8_t *prk,
                   const uint8_t *salt, size_t salt_len, const uint8_t *ikm,
                   size_t ikm_len);
    /* RFC 5869 Expand; -1 when out_len > 255 * hash length. */
    int (*expand)(const tb_hkdf_class **ctx, uint8_t *out, size_t out_len,
                  const uint8_t *prk, size_t prk_len, const uint8_t *info,
                  size_t info_len);
    /* HMAC with the context's hash; out receives the hash length. */
    int (*hmac)(const tb_hkdf_class **ctx, uint8_t *out, const uint8_t *key,
                size_t key_len, const uint8_t *msg, size_t msg_len);
    void (*cleanup)(const tb_hkdf_class **ctx);
};

/* ------------------------------------------------------------ backend */

typedef enum {
    TB_FAM_AEAD = 0,
    TB_FAM_KEX,
    TB_FAM_RSA_KT,
    TB_FAM_SIG,
    TB_FAM_PRF,
    TB_FAM_HKDF,
    TB_FAM_COUNT
} tb_family;

typedef struct {
    const char *name; /* "openssl", as in bin/tlsbench-<name> */
    /* The library's version as it reports itself at run time. */
    const char *(*version)(void);
    /* One-time library set-up; may be NULL. */
    tb_status (*global_init)(tb_why *why);
    /* Writes "key=value" lines about the build and the code paths the
     * library picked (CPU features, ...) with `emit`; may be NULL. */
    void (*describe)(void (*emit)(const char *key, const char *value));
    const tb_aead_class *aead[TB_AEAD_COUNT];
    const tb_kex_class *kex[TB_KEX_COUNT];
    const tb_rsa_kt_class *rsa_kt;
    const tb_sig_class *sig[TB_SIG_COUNT];
    const tb_prf_class *prf;
    const tb_hkdf_class *hkdf;
    /* Why a NULL class is missing (alg is the family's enum value, 0 for
     * families without one). Must not return NULL for a NULL class. */
    const char *(*absent)(tb_family fam, int alg);
    /* 1 for the null backend: its operations do nothing, so its results
     * are not checked; its rows are the harness overhead. */
    int baseline;
} tb_backend;

/* Each backend executable links exactly one of these. */
extern const tb_backend tb_backend_impl;

#endif /* TLSBENCH_BACKEND_H */
