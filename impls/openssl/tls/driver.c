/*
 * Handshake driver for libssl: OpenSSL, and BoringSSL, which keeps the same
 * API (impls/boringssl/tls/driver.c builds this file against its headers;
 * the few differences are marked OPENSSL_IS_BORINGSSL).
 *
 * Client and server are two SSL objects joined by a BIO pair; each
 * handshake steps them in turn with SSL_do_handshake and times only those
 * calls, per side. The per-connection objects (SSL_new, the BIO pair,
 * SSL_set_session) are made and freed outside the timed calls: they are
 * setup, not handshake work.
 */
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hs.h"

#ifdef OPENSSL_IS_BORINGSSL
#define STACK_NAME "boringssl"
#else
#define STACK_NAME "openssl"
#endif

/* IANA SignatureScheme values (RFC 8446 section 4.2.3). */
enum {
    SIGALG_NONE = 0,
    SIGALG_RSA_PKCS1_SHA256 = 0x0401,
    SIGALG_ECDSA_P256_SHA256 = 0x0403,
    SIGALG_ECDSA_P384_SHA384 = 0x0503,
    SIGALG_RSA_PSS_RSAE_SHA256 = 0x0804
};

typedef struct {
    const tb_hs_scenario *sc;
    SSL_CTX *cctx, *sctx;
    SSL_SESSION *session; /* resumption: from the first, full handshake */
    /* ... and serialised: each connection resumes a fresh copy, because
     * using a TLS 1.3 session changes it (OpenSSL then no longer offers
     * it). */
    uint8_t *session_der;
    size_t session_der_len;
    /* psk-only on an OpenSSL without SSL_OP_PREFER_NO_DHE_KEX: the groups
     * the client offers when it resumes (see drv_setup). */
    const char *resume_client_groups;
    const char *note;
} hs_state;

/* Where the client context keeps its state, for the new-session callback. */
static int ctx_index = -1;

static const char *tls12_suite(uint16_t id)
{
    switch (id) {
    case 0x009c:
        return "AES128-GCM-SHA256";
    case 0xc02b:
        return "ECDHE-ECDSA-AES128-GCM-SHA256";
    case 0xc02f:
        return "ECDHE-RSA-AES128-GCM-SHA256";
    default:
        return NULL;
    }
}

static const char *group_list(tb_hs_kx kx)
{
    switch (kx) {
    case TB_HS_KX_P256:
        return "P-256";
    case TB_HS_KX_P384:
        return "P-384";
    default:
        /* X25519, and for RSA key transport (which uses no group) a list
         * that is valid. */
        return "X25519";
    }
}

/* The one signature scheme each scenario allows: RSA certificates sign
 * with PKCS#1 v1.5 in TLS 1.2 and PSS in TLS 1.3, ECDSA with the curve's
 * hash. Pinned because a stack's default would otherwise pick (e.g. RSA-PSS
 * in TLS 1.2). */
static uint16_t scenario_sigalg(const tb_hs_scenario *sc)
{
    if (sc->kx == TB_HS_KX_RSA) {
        return SIGALG_NONE; /* key transport: the server signs nothing */
    }
    switch (sc->cert) {
    case TB_HS_CERT_RSA2048:
        return sc->version == 13 ? SIGALG_RSA_PSS_RSAE_SHA256
                                 : SIGALG_RSA_PKCS1_SHA256;
    case TB_HS_CERT_P256:
        return SIGALG_ECDSA_P256_SHA256;
    default:
        return SIGALG_ECDSA_P384_SHA384;
    }
}

static const char *sigalg_list(const tb_hs_scenario *sc)
{
    switch (scenario_sigalg(sc)) {
    case SIGALG_RSA_PSS_RSAE_SHA256:
        return "RSA-PSS+SHA256";
    case SIGALG_ECDSA_P256_SHA256:
        return "ECDSA+SHA256";
    case SIGALG_ECDSA_P384_SHA384:
        return "ECDSA+SHA384";
    default:
        return "RSA+SHA256";
    }
}

/* The library's error queue (and the certificate verdict) as one line. */
static void lib_error(char *err, size_t err_len, const char *what,
                      const SSL *client)
{
    size_t k = (size_t)snprintf(err, err_len, "%s", what);
    unsigned long e;
    while ((e = ERR_get_error()) != 0 && k + 2 < err_len) {
        char buf[256];
        ERR_error_string_n(e, buf, sizeof(buf));
        k += (size_t)snprintf(err + k, err_len - k, ": %s", buf);
    }
    if (client != NULL && SSL_get_verify_result(client) != X509_V_OK &&
        k + 2 < err_len) {
        snprintf(err + k, err_len - k, " (certificate: %s)",
                 X509_verify_cert_error_string(
                     SSL_get_verify_result(client)));
    }
}

static int on_new_session(SSL *ssl, SSL_SESSION *sess)
{
    hs_state *st = SSL_CTX_get_ex_data(SSL_get_SSL_CTX(ssl), ctx_index);
    if (st == NULL || st->session != NULL) {
        return 0; /* not kept: the library frees it */
    }
    st->session = sess;
    return 1; /* kept: we own the reference */
}

/* Settings both sides share: exactly the scenario's version, suite, group
 * and signature scheme. */
static int ctx_common(SSL_CTX *ctx, const tb_hs_scenario *sc)
{
    uint16_t v = sc->version == 13 ? TLS1_3_VERSION : TLS1_2_VERSION;
    if (!SSL_CTX_set_min_proto_version(ctx, v) ||
        !SSL_CTX_set_max_proto_version(ctx, v) ||
        !SSL_CTX_set1_curves_list(ctx, group_list(sc->kx)) ||
        !SSL_CTX_set1_sigalgs_list(ctx, sigalg_list(sc))) {
        return -1;
    }
    if (sc->version == 12) {
        const char *suite = tls12_suite(sc->cipher_suite);
        if (suite == NULL || !SSL_CTX_set_cipher_list(ctx, suite)) {
            return -1;
        }
    }
#ifndef OPENSSL_IS_BORINGSSL
    /* BoringSSL's TLS 1.3 suites are fixed; the check of each handshake
     * makes sure it chose TLS_AES_128_GCM_SHA256. */
    if (sc->version == 13 &&
        !SSL_CTX_set_ciphersuites(ctx, "TLS_AES_128_GCM_SHA256")) {
        return -1;
    }
#endif
    if (sc->mode == TB_HS_FULL) {
        /* No ticket, no cache: every handshake is a full one and makes no
         * ticket (by default both stacks send two after a TLS 1.3
         * handshake). */
        SSL_CTX_set_options(ctx, SSL_OP_NO_TICKET);
        SSL_CTX_set_num_tickets(ctx, 0);
    } else {
        /* One ticket per handshake, as a server issuing single-use TLS 1.3
         * tickets does; the stacks' defaults differ (two, or one on
         * resumption). */
        SSL_CTX_clear_options(ctx, SSL_OP_NO_TICKET);
        SSL_CTX_set_num_tickets(ctx, 1);
    }
#ifndef OPENSSL_IS_BORINGSSL
    if (sc->mode == TB_HS_PSK_ONLY) {
        /* psk_ke allowed on both sides (BoringSSL has no psk_ke: setup
         * reports the scenario unsupported). */
        SSL_CTX_set_options(ctx, SSL_OP_ALLOW_NO_DHE_KEX);
#ifdef SSL_OP_PREFER_NO_DHE_KEX
        SSL_CTX_set_options(ctx, SSL_OP_PREFER_NO_DHE_KEX);
#endif
    }
#endif
    return 0;
}

static void drv_teardown(void *state)
{
    hs_state *st = state;
    if (st == NULL) {
        return;
    }
    SSL_SESSION_free(st->session);
    OPENSSL_free(st->session_der);
    SSL_CTX_free(st->cctx);
    SSL_CTX_free(st->sctx);
    free(st);
}

/* Steps client and server in turn until both have finished. Only the
 * SSL_do_handshake calls are timed. */
static int drive(SSL *c, SSL *s, tb_hs_result *res, char *err,
                 size_t err_len)
{
    int cdone = 0, sdone = 0;
    for (int round = 0; round < 32 && !(cdone && sdone); round++) {
        if (!cdone) {
            uint64_t t0 = tb_hs_now_ns();
            int rc = SSL_do_handshake(c);
            res->client_ns += tb_hs_now_ns() - t0;
            if (rc == 1) {
                cdone = 1;
            } else {
                int e = SSL_get_error(c, rc);
                if (e != SSL_ERROR_WANT_READ && e != SSL_ERROR_WANT_WRITE) {
                    lib_error(err, err_len, "client", c);
                    return -1;
                }
            }
        }
        if (!sdone) {
            uint64_t t0 = tb_hs_now_ns();
            int rc = SSL_do_handshake(s);
            res->server_ns += tb_hs_now_ns() - t0;
            if (rc == 1) {
                sdone = 1;
            } else {
                int e = SSL_get_error(s, rc);
                if (e != SSL_ERROR_WANT_READ && e != SSL_ERROR_WANT_WRITE) {
                    lib_error(err, err_len, "server", c);
                    return -1;
                }
            }
        }
    }
    if (!(cdone && sdone)) {
        snprintf(err, err_len, "the handshake did not finish in 32 rounds");
        return -1;
    }
    return 0;
}

/* The group of this handshake's own key exchange, as one side saw it; 0
 * when it had none (RSA key transport, a TLS 1.2 abbreviated handshake,
 * TLS 1.3 psk_ke). Stacks report the session's original group after a
 * resumption, so resumption is looked at first. */
static uint16_t side_group(SSL *ssl, int is_client)
{
    if (SSL_session_reused(ssl) && SSL_version(ssl) != TLS1_3_VERSION) {
        return 0;
    }
#ifdef OPENSSL_IS_BORINGSSL
    (void)is_client;
    return SSL_get_curve_id(ssl);
#else
    if (SSL_session_reused(ssl)) {
        /* TLS 1.3: psk_dhe_ke leaves the peer's key share behind; psk_ke
         * has none. */
        EVP_PKEY *peer = NULL;
        if (is_client) {
            if (!SSL_get_peer_tmp_key(ssl, &peer)) {
                return 0;
            }
            EVP_PKEY_free(peer);
        } else if (!SSL_get_tmp_key(ssl, &peer)) {
            return 0;
        } else {
            EVP_PKEY_free(peer);
        }
    }
    switch (SSL_get_negotiated_group(ssl)) {
    case NID_X25519:
        return 29;
    case NID_X9_62_prime256v1:
        return 23;
    case NID_secp384r1:
        return 24;
    default:
        return 0;
    }
#endif
}

/* The signature scheme of the server's signature, as the client saw it. */
static uint16_t peer_sigalg(SSL *c)
{
#ifdef OPENSSL_IS_BORINGSSL
    return SSL_get_peer_signature_algorithm(c);
#else
    int type = 0, md = 0;
    if (!SSL_get_peer_signature_type_nid(c, &type) ||
        !SSL_get_peer_signature_nid(c, &md)) {
        return SIGALG_NONE;
    }
    if (type == EVP_PKEY_RSA_PSS && md == NID_sha256) {
        return SIGALG_RSA_PSS_RSAE_SHA256;
    }
    if (type == EVP_PKEY_RSA && md == NID_sha256) {
        return SIGALG_RSA_PKCS1_SHA256;
    }
    if (type == EVP_PKEY_EC && md == NID_sha256) {
        return SIGALG_ECDSA_P256_SHA256;
    }
    if (type == EVP_PKEY_EC && md == NID_sha384) {
        return SIGALG_ECDSA_P384_SHA384;
    }
    return 0xffff;
#endif
}

/* One connection: full, or resuming st->session when it is set. Reads the
 * client's post-handshake messages (TLS 1.3 tickets) when read_tickets. */
static int connect_once(hs_state *st, tb_hs_result *res, int read_tickets,
                        char *err, size_t err_len)
{
    int rc = -1;
    BIO *cb = NULL, *sb = NULL;
    SSL *c = SSL_new(st->cctx);
    SSL *s = SSL_new(st->sctx);
    /* 64 KiB each way holds a whole flight, chain of three RSA
     * certificates included, so neither side blocks on a full buffer. */
    if (c == NULL || s == NULL || !BIO_new_bio_pair(&cb, 65536, &sb, 65536)) {
        lib_error(err, err_len, "SSL_new or BIO_new_bio_pair failed", NULL);
        SSL_free(c);
        SSL_free(s);
        return -1;
    }
    SSL_set_bio(c, cb, cb);
    SSL_set_bio(s, sb, sb);
    SSL_set_connect_state(c);
    SSL_set_accept_state(s);
    if (st->session_der != NULL) {
        const uint8_t *p = st->session_der;
        SSL_SESSION *copy = d2i_SSL_SESSION(NULL, &p,
                                            (long)st->session_der_len);
        int set = copy != NULL && SSL_set_session(c, copy);
        SSL_SESSION_free(copy); /* c holds its own reference */
        if (!set || (st->resume_client_groups != NULL &&
                     !SSL_set1_curves_list(c, st->resume_client_groups))) {
            lib_error(err, err_len, "restoring the session failed", NULL);
            goto done;
        }
    }
    if (drive(c, s, res, err, err_len) != 0) {
        goto done;
    }
    if (st->sc->mode == TB_HS_FULL &&
        (BIO_ctrl_pending(cb) != 0 ||
         SSL_SESSION_has_ticket(SSL_get_session(c)))) {
        /* Tickets are off: none in the handshake (TLS 1.2), nothing after
         * it (TLS 1.3). */
        snprintf(err, err_len, "the server issued a session ticket in a "
                               "full handshake (%zu bytes left after it)",
                 (size_t)BIO_ctrl_pending(cb));
        goto done;
    }
    if (read_tickets) {
        /* TLS 1.3 tickets come after the handshake: reading processes
         * them (there is no application data, so the read must block). */
        uint8_t byte;
#ifdef OPENSSL_IS_BORINGSSL
        /* BoringSSL writes its TLS 1.3 tickets during the handshake but
         * sends them with the next write: a zero-byte write flushes. */
        if (SSL_write(s, &byte, 0) < 0) {
            lib_error(err, err_len, "flushing the session ticket", NULL);
            goto done;
        }
#endif
        int r = SSL_read(c, &byte, 1);
        if (r > 0 || SSL_get_error(c, r) != SSL_ERROR_WANT_READ) {
            lib_error(err, err_len, "reading the session ticket", c);
            goto done;
        }
    }
    res->version = SSL_version(c) == TLS1_3_VERSION   ? 13
                   : SSL_version(c) == TLS1_2_VERSION ? 12
                                                      : 0;
    const SSL_CIPHER *cc = SSL_get_current_cipher(c);
    const SSL_CIPHER *sc = SSL_get_current_cipher(s);
    uint16_t csuite = cc ? SSL_CIPHER_get_protocol_id(cc) : 0;
    uint16_t ssuite = sc ? SSL_CIPHER_get_protocol_id(sc) : 0;
    uint16_t cgroup = side_group(c, 1), sgroup = side_group(s, 0);
    int creused = SSL_session_reused(c) != 0;
    int sreused = SSL_session_reused(s) != 0;
    if (SSL_version(c) != SSL_version(s) || csuite != ssuite ||
        cgroup != sgroup || creused != sreused) {
        snprintf(err, err_len, "client and server disagree (version %x/%x, "
                               "suite %04x/%04x, group %u/%u, resumed "
                               "%d/%d)",
                 (unsigned)SSL_version(c), (unsigned)SSL_version(s), csuite,
                 ssuite, cgroup, sgroup, creused, sreused);
        goto done;
    }
    res->cipher_suite = csuite;
    res->group = sgroup;
    res->resumed = sreused;
    if (!creused && peer_sigalg(c) != scenario_sigalg(st->sc)) {
        snprintf(err, err_len, "the server signed with scheme 0x%04x, not "
                               "0x%04x",
                 peer_sigalg(c), scenario_sigalg(st->sc));
        goto done;
    }
    rc = 0;
done:
    /* A connection freed without a shutdown marks its session as not
     * resumable in OpenSSL. Handshakes that succeeded are closed quietly
     * (no alert is sent: it would be work outside the handshake). */
    if (rc == 0) {
        SSL_set_shutdown(c, SSL_SENT_SHUTDOWN | SSL_RECEIVED_SHUTDOWN);
        SSL_set_shutdown(s, SSL_SENT_SHUTDOWN | SSL_RECEIVED_SHUTDOWN);
    }
    SSL_free(c);
    SSL_free(s);
    ERR_clear_error();
    return rc;
}

static tb_status drv_setup(void **state, const tb_hs_scenario *sc,
                           const tb_hs_certs *certs, tb_why *why)
{
    *state = NULL;
#ifdef OPENSSL_IS_BORINGSSL
    if (sc->mode == TB_HS_PSK_ONLY) {
        tb_why_set(why, "BoringSSL resumes TLS 1.3 with psk_dhe_ke only "
                        "(it never offers or accepts psk_ke)");
        return TB_UNSUPPORTED;
    }
#endif
    if (ctx_index < 0) {
        ctx_index = SSL_CTX_get_ex_new_index(0, NULL, NULL, NULL, NULL);
        if (ctx_index < 0) {
            tb_why_set(why, "SSL_CTX_get_ex_new_index failed");
            return TB_ERROR;
        }
    }
    hs_state *st = calloc(1, sizeof(*st));
    if (st == NULL) {
        tb_why_set(why, "out of memory");
        return TB_ERROR;
    }
    st->sc = sc;
    st->cctx = SSL_CTX_new(TLS_client_method());
    st->sctx = SSL_CTX_new(TLS_server_method());
    char err[400];
    if (st->cctx == NULL || st->sctx == NULL ||
        ctx_common(st->cctx, sc) != 0 || ctx_common(st->sctx, sc) != 0) {
        lib_error(err, sizeof(err), "configuring the scenario", NULL);
        goto fail;
    }
    /* The client checks the whole chain against the root; the host name
     * is not checked (nothing in the scenarios depends on it). */
    SSL_CTX_set_verify(st->cctx, SSL_VERIFY_PEER, NULL);
    if (!SSL_CTX_load_verify_locations(st->cctx, certs->ca, NULL)) {
        lib_error(err, sizeof(err), certs->ca, NULL);
        goto fail;
    }
    if (SSL_CTX_use_certificate_chain_file(st->sctx, certs->chain) != 1 ||
        SSL_CTX_use_PrivateKey_file(st->sctx, certs->leaf_key,
                                    SSL_FILETYPE_PEM) != 1 ||
        SSL_CTX_check_private_key(st->sctx) != 1) {
        lib_error(err, sizeof(err), certs->chain, NULL);
        goto fail;
    }
    /* The server sends the chain file as it is; without this OpenSSL would
     * try to build a chain from its own store on every handshake. */
    SSL_CTX_set_mode(st->sctx, SSL_MODE_NO_AUTO_CHAIN);
    SSL_CTX_set_session_cache_mode(st->sctx, SSL_SESS_CACHE_OFF);
    if (sc->mode == TB_HS_FULL) {
        SSL_CTX_set_session_cache_mode(st->cctx, SSL_SESS_CACHE_OFF);
    } else {
        /* The client hands its new session to on_new_session and keeps
         * no cache of its own; the server keeps none (tickets only). */
        SSL_CTX_set_session_cache_mode(st->cctx,
                                       SSL_SESS_CACHE_CLIENT |
                                           SSL_SESS_CACHE_NO_INTERNAL_STORE);
        SSL_CTX_sess_set_new_cb(st->cctx, on_new_session);
        if (!SSL_CTX_set_ex_data(st->cctx, ctx_index, st)) {
            snprintf(err, sizeof(err), "SSL_CTX_set_ex_data failed");
            goto fail;
        }
        /* The full handshake whose session every measured one resumes. */
        tb_hs_result r;
        memset(&r, 0, sizeof(r));
        if (connect_once(st, &r, sc->version == 13, err, sizeof(err)) != 0) {
            goto fail;
        }
        if (st->session == NULL || !SSL_SESSION_is_resumable(st->session)) {
            snprintf(err, sizeof(err), "the first handshake gave the client "
                                       "no resumable session");
            goto fail;
        }
        int len = i2d_SSL_SESSION(st->session, NULL);
        uint8_t *p = len > 0 ? OPENSSL_malloc((size_t)len) : NULL;
        st->session_der = p;
        if (p == NULL || i2d_SSL_SESSION(st->session, &p) != len) {
            lib_error(err, sizeof(err), "serialising the session", NULL);
            goto fail;
        }
        st->session_der_len = (size_t)len;
    }
#if !defined(OPENSSL_IS_BORINGSSL) && !defined(SSL_OP_PREFER_NO_DHE_KEX)
    if (sc->mode == TB_HS_PSK_ONLY) {
        /* Before 3.3 an OpenSSL server takes psk_dhe_ke whenever the
         * client's key share is usable, and the client always sends one.
         * A share in a group the server does not accept, with no common
         * group to ask for instead, leaves psk_ke: the server's work is
         * exactly psk_ke, the client's has one key generation more. */
        st->resume_client_groups = "P-256";
        st->note = "OpenSSL before 3.3 selects psk_ke only when the "
                   "client's key share is unusable: the client offers a "
                   "P-256 share the server does not accept, so the "
                   "client's time includes one unused P-256 key generation";
    }
#endif
    *state = st;
    return TB_OK;
fail:
    tb_why_set(why, "%s", err);
    drv_teardown(st);
    return TB_ERROR;
}

static int drv_handshake(void *state, tb_hs_result *res, char *err,
                         size_t err_len)
{
    return connect_once(state, res, 0, err, err_len);
}

static const char *drv_version(void)
{
#ifdef OPENSSL_IS_BORINGSSL
    static char v[96];
    snprintf(v, sizeof(v), "%s (API %d)", OpenSSL_version(OPENSSL_VERSION),
             BORINGSSL_API_VERSION);
    return v;
#else
    return OpenSSL_version(OPENSSL_VERSION);
#endif
}

static const char *drv_note(void *state)
{
    hs_state *st = state;
    return st->note;
}

const tb_hs_driver tb_hs_driver_impl = {
    .name = STACK_NAME,
    .model_backend = STACK_NAME,
    .version = drv_version,
    .setup = drv_setup,
    .handshake = drv_handshake,
    .teardown = drv_teardown,
    .note = drv_note,
};
