/*
 * Real TLS handshakes in one process over memory (no sockets), one driver
 * per TLS stack. The shared harness (bench/hs/main.c) picks the scenarios,
 * runs warm-up and measured handshakes, and writes the rows; a driver
 * (impls/<stack>/tls/driver.c) sets up client and server for a scenario and
 * runs one handshake, timing each side's own calls separately.
 */
#ifndef TLSBENCH_HS_H
#define TLSBENCH_HS_H

#include <stddef.h>
#include <stdint.h>

#include "backend.h"

typedef enum {
    TB_HS_KX_RSA = 0,  /* TLS 1.2 RSA key transport */
    TB_HS_KX_X25519,
    TB_HS_KX_P256,
    TB_HS_KX_P384
} tb_hs_kx;

typedef enum {
    TB_HS_CERT_RSA2048 = 0,
    TB_HS_CERT_P256,
    TB_HS_CERT_P384,
    TB_HS_CERT_COUNT
} tb_hs_cert;

typedef enum {
    TB_HS_FULL = 0,
    TB_HS_RESUME_TICKET, /* TLS 1.2 session ticket (RFC 5077) */
    TB_HS_PSK_DHE,       /* TLS 1.3 resumption, psk_dhe_ke */
    TB_HS_PSK_ONLY       /* TLS 1.3 resumption, psk_ke */
} tb_hs_mode;

typedef struct {
    const char *name;   /* "tls13-x25519-ecdsa-p256" */
    int version;        /* 12 or 13 */
    tb_hs_kx kx;        /* the (EC)DHE group, or RSA key transport */
    tb_hs_cert cert;    /* server certificate key */
    /* TLS 1.3 CertificateVerify / TLS 1.2 ServerKeyExchange signature:
     * RSA certificates sign with RSA-PSS-SHA256 in TLS 1.3 and PKCS#1 v1.5
     * SHA-256 in TLS 1.2 (rsa_pkcs1_sha256); ECDSA with the curve's hash. */
    tb_hs_mode mode;
    /* The cipher suite: TLS 1.3 TLS_AES_128_GCM_SHA256 (0x1301), TLS 1.2
     * ECDHE-*-AES128-GCM-SHA256 (0xc02f / 0xc02b) or AES128-GCM-SHA256
     * (0x009c) for RSA key transport. */
    uint16_t cipher_suite;
    /* The IANA group id the driver must see negotiated (0 for RSA kt):
     * x25519 29, secp256r1 23, secp384r1 24. */
    uint16_t group;
} tb_hs_scenario;

extern const tb_hs_scenario tb_hs_scenarios[];
extern const size_t tb_hs_n_scenarios;

/* PEM files made once by scripts/gencerts.sh (bench/hs/certs/). The chain
 * is the leaf followed by chain_depth - 1 intermediates; the client trusts
 * ca (the root) and verifies the whole chain. */
typedef struct {
    const char *leaf_cert;  /* path, PEM */
    const char *leaf_key;   /* path, PEM (PKCS#8) */
    const char *chain;      /* path, PEM: leaf then intermediates */
    const char *ca;         /* path, PEM: the root */
    int chain_depth;        /* signatures the client verifies, >= 1 */
} tb_hs_certs;

/* One handshake's result. */
typedef struct {
    uint64_t client_ns, server_ns; /* time spent inside each side's calls */
    int resumed;                   /* the stack reports a resumed session */
    int version;                   /* 12 or 13, as negotiated */
    uint16_t cipher_suite;         /* as negotiated */
    uint16_t group;                /* as negotiated (0 if the stack can't
                                      say: then note it) */
} tb_hs_result;

typedef struct tb_hs_driver {
    const char *name; /* "openssl": the handshake rows' backend */
    /* The primitive backend whose rows model this stack ("nettle" for
     * gnutls, else the same name). */
    const char *model_backend;
    const char *(*version)(void);
    /* Builds client and server contexts for the scenario (certificates,
     * versions, groups, suite; session tickets OFF for full handshakes,
     * ON for resumption). TB_UNSUPPORTED with a reason where the stack
     * cannot do the scenario. */
    tb_status (*setup)(void **state, const tb_hs_scenario *sc,
                       const tb_hs_certs *certs, tb_why *why);
    /* One handshake: full, or resumed from the session of a full handshake
     * made (untimed) in setup or on the first call. Times each side with
     * tb_hs_now_ns() around that side's own calls only; fills res. Returns
     * 0, or -1 with a message in err. */
    int (*handshake)(void *state, tb_hs_result *res, char *err,
                     size_t err_len);
    void (*teardown)(void *state);
    /* Optional (NULL: nothing to say): after a scenario ran, what its rows'
     * note should add about how the stack did it, e.g. a setting that
     * changes the work; NULL or "" when there is nothing. Called before
     * teardown. */
    const char *(*note)(void *state);
} tb_hs_driver;

extern const tb_hs_driver tb_hs_driver_impl;

/* Scenario modes a TLS version cannot have (ticket resumption is TLS 1.2,
 * the PSK modes TLS 1.3): TB_OK, or TB_UNSUPPORTED with the reason. */
tb_status tb_hs_mode_fits(const tb_hs_scenario *sc, tb_why *why);

/* Copies version, suite, group and resumed from the client's view into res
 * when both sides agree; otherwise -1 with the disagreement in err. */
int tb_hs_agree(const tb_hs_result *client, const tb_hs_result *server,
                tb_hs_result *res, char *err, size_t err_len);

/* Monotonic nanoseconds (CLOCK_MONOTONIC). */
uint64_t tb_hs_now_ns(void);

/* An in-memory byte pipe between the two sides (no allocation after
 * init). */
typedef struct {
    uint8_t *buf;
    size_t cap, head, tail;
} tb_hs_pipe;
int tb_hs_pipe_init(tb_hs_pipe *p, size_t cap);
void tb_hs_pipe_free(tb_hs_pipe *p);
void tb_hs_pipe_reset(tb_hs_pipe *p);
/* Writes up to len bytes; returns the count written (0 when full). */
size_t tb_hs_pipe_write(tb_hs_pipe *p, const uint8_t *data, size_t len);
/* Reads up to len bytes; returns the count read (0 when empty). */
size_t tb_hs_pipe_read(tb_hs_pipe *p, uint8_t *out, size_t len);
size_t tb_hs_pipe_pending(const tb_hs_pipe *p);

#endif
