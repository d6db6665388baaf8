/*
 * wolfSSL handshake driver: client and server in one process, joined by two
 * tb_hs_pipes through wolfSSL's I/O callbacks (no sockets).
 *
 * What Debian's build (5.5.4) allows, from <wolfssl/options.h>: TLS 1.2 and
 * 1.3, X25519, P-256, P-384, RSA-PSS, session tickets (HAVE_SESSION_TICKET),
 * TLS 1.3 PSK; no WOLFSSL_STATIC_RSA, so no RSA key-transport suites.
 */
#include <wolfssl/options.h>
#include <wolfssl/ssl.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hs.h"

/* A flight with a three-certificate RSA chain is under 8 KiB; the pipes
 * never need to hold more than one flight. */
#define PIPE_CAP (64u * 1024u)
/* Each call to connect/accept advances at least one flight; a TLS 1.2 or
 * 1.3 handshake takes at most a handful. */
#define MAX_ROUNDS 32

typedef struct {
    const tb_hs_scenario *sc;
    WOLFSSL_CTX *cctx, *sctx;
    tb_hs_pipe c2s, s2c;
    WOLFSSL_SESSION *session; /* the client's session, for resumption */
    int wolf_inited;
    const char *note; /* for the rows: what changes the work */
} wolf_state;

static const char *wolf_version(void)
{
    return wolfSSL_lib_version();
}

/* The I/O callbacks: ctx is the pipe this side reads from or writes to. */
static int wolf_recv(WOLFSSL *ssl, char *buf, int sz, void *ctx)
{
    (void)ssl;
    if (sz <= 0) {
        return 0;
    }
    size_t n = tb_hs_pipe_read(ctx, (uint8_t *)buf, (size_t)sz);
    return n == 0 ? WOLFSSL_CBIO_ERR_WANT_READ : (int)n;
}

static int wolf_send(WOLFSSL *ssl, char *buf, int sz, void *ctx)
{
    (void)ssl;
    if (sz <= 0) {
        return 0;
    }
    size_t n = tb_hs_pipe_write(ctx, (const uint8_t *)buf, (size_t)sz);
    return n == 0 ? WOLFSSL_CBIO_ERR_WANT_WRITE : (int)n;
}

static int wolf_group(tb_hs_kx kx)
{
    switch (kx) {
    case TB_HS_KX_X25519:
        return WOLFSSL_ECC_X25519;
    case TB_HS_KX_P256:
        return WOLFSSL_ECC_SECP256R1;
    case TB_HS_KX_P384:
        return WOLFSSL_ECC_SECP384R1;
    case TB_HS_KX_RSA:
        break;
    }
    return 0;
}

/* The client's signature_algorithms, so that the server signs with the
 * scenario's scheme (wolfSSL would otherwise prefer RSA-PSS in TLS 1.2). */
static const char *wolf_sigalgs(const tb_hs_scenario *sc)
{
    switch (sc->cert) {
    case TB_HS_CERT_RSA2048:
        return sc->version == 13 ? "RSA-PSS+SHA256" : "RSA+SHA256";
    case TB_HS_CERT_P256:
        return "ECDSA+SHA256";
    case TB_HS_CERT_P384:
        return "ECDSA+SHA384";
    case TB_HS_CERT_COUNT:
        break;
    }
    return NULL;
}

static int wolf_tickets(const tb_hs_scenario *sc)
{
    return sc->mode != TB_HS_FULL;
}

/* Settings both sides share: version (by method), suite, groups. */
static tb_status wolf_common(WOLFSSL_CTX *ctx, const tb_hs_scenario *sc,
                             tb_why *why)
{
    const char *suite = wolfSSL_get_cipher_name_from_suite(
        (unsigned char)(sc->cipher_suite >> 8),
        (unsigned char)(sc->cipher_suite & 0xff));
    if (suite == NULL || strcmp(suite, "None") == 0 ||
        wolfSSL_CTX_set_cipher_list(ctx, suite) != WOLFSSL_SUCCESS) {
#ifndef WOLFSSL_STATIC_RSA
        if (sc->kx == TB_HS_KX_RSA) {
            tb_why_set(why, "wolfSSL %s is built without WOLFSSL_STATIC_RSA: "
                       "no RSA key-transport suites (0x%04x)",
                       wolfSSL_lib_version(), sc->cipher_suite);
            return TB_UNSUPPORTED;
        }
#endif
        tb_why_set(why, "wolfSSL %s as built has no cipher suite 0x%04x",
                   wolfSSL_lib_version(), sc->cipher_suite);
        return TB_UNSUPPORTED;
    }
    /* TLS 1.3 key shares and groups; wolfSSL takes this list for TLS 1.3
     * methods only (TLS 1.2 uses the client's supported_groups, below). */
    if (sc->kx != TB_HS_KX_RSA && sc->version == 13) {
        int group = wolf_group(sc->kx);
        if (wolfSSL_CTX_set_groups(ctx, &group, 1) != WOLFSSL_SUCCESS) {
            tb_why_set(why, "wolfSSL %s as built lacks TLS 1.3 group %d",
                       wolfSSL_lib_version(), group);
            return TB_UNSUPPORTED;
        }
    }
    /* Neither side keeps a session cache: full handshakes leave no state
     * behind, and TLS 1.2 resumption can only come from the ticket. */
    wolfSSL_CTX_set_session_cache_mode(ctx, WOLFSSL_SESS_CACHE_OFF);
    wolfSSL_CTX_SetIORecv(ctx, wolf_recv);
    wolfSSL_CTX_SetIOSend(ctx, wolf_send);
    return TB_OK;
}

static tb_status wolf_server_ctx(wolf_state *st, const tb_hs_certs *certs,
                                 tb_why *why)
{
    const tb_hs_scenario *sc = st->sc;
    st->sctx = wolfSSL_CTX_new(sc->version == 13 ? wolfTLSv1_3_server_method()
                                                 : wolfTLSv1_2_server_method());
    if (st->sctx == NULL) {
        tb_why_set(why, "wolfSSL_CTX_new (server) failed");
        return TB_ERROR;
    }
    tb_status s = wolf_common(st->sctx, sc, why);
    if (s != TB_OK) {
        return s;
    }
    if (wolfSSL_CTX_use_certificate_chain_file(st->sctx, certs->chain) !=
            WOLFSSL_SUCCESS ||
        wolfSSL_CTX_use_PrivateKey_file(st->sctx, certs->leaf_key,
                                        WOLFSSL_FILETYPE_PEM) !=
            WOLFSSL_SUCCESS) {
        tb_why_set(why, "wolfSSL cannot load %s / %s", certs->chain,
                   certs->leaf_key);
        return TB_ERROR;
    }
    if (!wolf_tickets(sc)) {
        wolfSSL_CTX_NoTicketTLSv12(st->sctx);
        wolfSSL_CTX_no_ticket_TLSv13(st->sctx);
    }
    if (sc->mode == TB_HS_PSK_ONLY &&
        wolfSSL_CTX_no_dhe_psk(st->sctx) != 0) {
        tb_why_set(why, "wolfSSL_CTX_no_dhe_psk (server) failed");
        return TB_ERROR;
    }
    return TB_OK;
}

static tb_status wolf_client_ctx(wolf_state *st, const tb_hs_certs *certs,
                                 tb_why *why)
{
    const tb_hs_scenario *sc = st->sc;
    st->cctx = wolfSSL_CTX_new(sc->version == 13 ? wolfTLSv1_3_client_method()
                                                 : wolfTLSv1_2_client_method());
    if (st->cctx == NULL) {
        tb_why_set(why, "wolfSSL_CTX_new (client) failed");
        return TB_ERROR;
    }
    tb_status s = wolf_common(st->cctx, sc, why);
    if (s != TB_OK) {
        return s;
    }
    if (sc->kx != TB_HS_KX_RSA && sc->version == 12 &&
        wolfSSL_CTX_UseSupportedCurve(st->cctx, (word16)wolf_group(sc->kx)) !=
            WOLFSSL_SUCCESS) {
        tb_why_set(why, "wolfSSL %s as built lacks TLS 1.2 group %d",
                   wolfSSL_lib_version(), wolf_group(sc->kx));
        return TB_UNSUPPORTED;
    }
    const char *sigalgs = wolf_sigalgs(sc);
    if (sigalgs == NULL ||
        wolfSSL_CTX_set1_sigalgs_list(st->cctx, sigalgs) != WOLFSSL_SUCCESS) {
        tb_why_set(why, "wolfSSL rejects signature algorithms \"%s\"",
                   sigalgs != NULL ? sigalgs : "");
        return TB_ERROR;
    }
    wolfSSL_CTX_set_verify(st->cctx, WOLFSSL_VERIFY_PEER, NULL);
    if (wolfSSL_CTX_load_verify_locations(st->cctx, certs->ca, NULL) !=
        WOLFSSL_SUCCESS) {
        tb_why_set(why, "wolfSSL cannot load the root %s", certs->ca);
        return TB_ERROR;
    }
    if (sc->mode == TB_HS_RESUME_TICKET &&
        wolfSSL_CTX_UseSessionTicket(st->cctx) != WOLFSSL_SUCCESS) {
        tb_why_set(why, "wolfSSL_CTX_UseSessionTicket failed");
        return TB_ERROR;
    }
    if (sc->mode == TB_HS_PSK_ONLY &&
        wolfSSL_CTX_no_dhe_psk(st->cctx) != 0) {
        tb_why_set(why, "wolfSSL_CTX_no_dhe_psk (client) failed");
        return TB_ERROR;
    }
    return TB_OK;
}

static void wolf_err(char *err, size_t err_len, const char *what, int code)
{
    char text[WOLFSSL_MAX_ERROR_SZ];
    wolfSSL_ERR_error_string_n((unsigned long)code, text, sizeof(text));
    snprintf(err, err_len, "%s: %d (%s)", what, code, text);
}

static int wolf_want(int e)
{
    return e == WOLFSSL_ERROR_WANT_READ || e == WOLFSSL_ERROR_WANT_WRITE;
}

static uint16_t wolf_group_id(WOLFSSL *ssl)
{
    /* wolfSSL tells the group only by name. */
    const char *name = wolfSSL_get_curve_name(ssl);
    if (name == NULL) {
        return 0;
    }
    if (strcmp(name, "X25519") == 0) {
        return 29;
    }
    if (strcmp(name, "SECP256R1") == 0) {
        return 23;
    }
    if (strcmp(name, "SECP384R1") == 0) {
        return 24;
    }
    return 0;
}

/* What one side says it negotiated. wolfSSL names no group after a TLS 1.2
 * resumption or TLS 1.3 psk_ke, where none is agreed. */
static void wolf_side_result(WOLFSSL *ssl, tb_hs_result *r)
{
    memset(r, 0, sizeof(*r));
    r->resumed = wolfSSL_session_reused(ssl) != 0;
    int v = wolfSSL_version(ssl);
    r->version = v == TLS1_3_VERSION ? 13 : v == TLS1_2_VERSION ? 12 : 0;
    r->cipher_suite = (uint16_t)wolfSSL_get_current_cipher_suite(ssl);
    r->group = wolf_group_id(ssl);
}

/* One handshake on fresh connection objects. Only the connect/accept
 * calls are timed, per side: making and configuring the objects (wolfSSL_new,
 * wolfSSL_set_session) is setup, as in the other drivers. On success the
 * client connection is returned in *client_out if asked for (the caller
 * frees it), else freed. */
static int wolf_run(wolf_state *st, tb_hs_result *res, WOLFSSL **client_out,
                    char *err, size_t err_len)
{
    int rc = -1;
    memset(res, 0, sizeof(*res));
    WOLFSSL *c = wolfSSL_new(st->cctx);
    WOLFSSL *s = wolfSSL_new(st->sctx);
    if (c == NULL || s == NULL) {
        snprintf(err, err_len, "wolfSSL_new failed");
        goto out;
    }
    wolfSSL_SetIOReadCtx(c, &st->s2c);
    wolfSSL_SetIOWriteCtx(c, &st->c2s);
    wolfSSL_SetIOReadCtx(s, &st->c2s);
    wolfSSL_SetIOWriteCtx(s, &st->s2c);
    if (st->session != NULL &&
        wolfSSL_set_session(c, st->session) != WOLFSSL_SUCCESS) {
        snprintf(err, err_len, "wolfSSL_set_session failed");
        goto out;
    }
    /* wolfSSL would send a key share even when it offers psk_ke alone,
     * paying for a key generation that psk_ke never uses. */
    if (st->sc->mode == TB_HS_PSK_ONLY && st->session != NULL &&
        wolfSSL_NoKeyShares(c) != WOLFSSL_SUCCESS) {
        snprintf(err, err_len, "wolfSSL_NoKeyShares failed");
        goto out;
    }

    int cdone = 0, sdone = 0;
    for (int round = 0; round < MAX_ROUNDS && !(cdone && sdone); round++) {
        if (!cdone) {
            uint64_t t0 = tb_hs_now_ns();
            int r = wolfSSL_connect(c);
            res->client_ns += tb_hs_now_ns() - t0;
            if (r == WOLFSSL_SUCCESS) {
                cdone = 1;
            } else if (!wolf_want(wolfSSL_get_error(c, r))) {
                wolf_err(err, err_len, "wolfSSL_connect",
                         wolfSSL_get_error(c, r));
                goto out;
            }
        }
        if (!sdone) {
            uint64_t t0 = tb_hs_now_ns();
            int r = wolfSSL_accept(s);
            res->server_ns += tb_hs_now_ns() - t0;
            if (r == WOLFSSL_SUCCESS) {
                sdone = 1;
            } else if (!wolf_want(wolfSSL_get_error(s, r))) {
                wolf_err(err, err_len, "wolfSSL_accept",
                         wolfSSL_get_error(s, r));
                goto out;
            }
        }
    }
    if (!(cdone && sdone)) {
        snprintf(err, err_len, "handshake made no progress after %d rounds",
                 MAX_ROUNDS);
        goto out;
    }

    tb_hs_result cres, sres;
    wolf_side_result(c, &cres);
    wolf_side_result(s, &sres);
    if (tb_hs_agree(&cres, &sres, res, err, err_len) != 0) {
        goto out;
    }
    rc = 0;
    if (client_out != NULL) {
        *client_out = c;
        c = NULL;
    }
out:
    wolfSSL_free(c);
    wolfSSL_free(s);
    return rc;
}

/* The untimed full handshake whose session later handshakes resume. In
 * TLS 1.3 the ticket comes after the handshake, so the client reads once
 * to take it in. */
static tb_status wolf_prime(wolf_state *st, tb_why *why)
{
    tb_hs_result res;
    char err[200];
    WOLFSSL *c = NULL;
    tb_hs_pipe_reset(&st->c2s);
    tb_hs_pipe_reset(&st->s2c);
    if (wolf_run(st, &res, &c, err, sizeof(err)) != 0) {
        tb_why_set(why, "first handshake: %s", err);
        return TB_ERROR;
    }
    if (st->sc->version == 13) {
        uint8_t byte;
        int r = wolfSSL_read(c, &byte, 1);
        if (r > 0 || !wolf_want(wolfSSL_get_error(c, r))) {
            tb_why_set(why, "reading the session ticket: %d",
                       wolfSSL_get_error(c, r));
            wolfSSL_free(c);
            return TB_ERROR;
        }
    }
    st->session = wolfSSL_get1_session(c);
    wolfSSL_free(c);
    if (st->session == NULL || !wolfSSL_SESSION_has_ticket(st->session)) {
        tb_why_set(why, "the server sent no session ticket");
        return TB_ERROR;
    }
    return TB_OK;
}

static void wolf_teardown(void *state)
{
    wolf_state *st = state;
    if (st == NULL) {
        return;
    }
    if (st->session != NULL) {
        wolfSSL_SESSION_free(st->session);
    }
    wolfSSL_CTX_free(st->cctx);
    wolfSSL_CTX_free(st->sctx);
    tb_hs_pipe_free(&st->c2s);
    tb_hs_pipe_free(&st->s2c);
    if (st->wolf_inited) {
        wolfSSL_Cleanup();
    }
    free(st);
}

static tb_status wolf_setup(void **state, const tb_hs_scenario *sc,
                            const tb_hs_certs *certs, tb_why *why)
{
    *state = NULL;
    if (tb_hs_mode_fits(sc, why) != TB_OK) {
        return TB_UNSUPPORTED;
    }
    wolf_state *st = calloc(1, sizeof(*st));
    if (st == NULL) {
        tb_why_set(why, "out of memory");
        return TB_ERROR;
    }
    st->sc = sc;
    if (wolfSSL_Init() != WOLFSSL_SUCCESS) {
        free(st);
        tb_why_set(why, "wolfSSL_Init failed");
        return TB_ERROR;
    }
    st->wolf_inited = 1;
    tb_status s = TB_ERROR;
    if (tb_hs_pipe_init(&st->c2s, PIPE_CAP) != 0 ||
        tb_hs_pipe_init(&st->s2c, PIPE_CAP) != 0) {
        tb_why_set(why, "out of memory");
        goto fail;
    }
    s = wolf_server_ctx(st, certs, why);
    if (s != TB_OK) {
        goto fail;
    }
    s = wolf_client_ctx(st, certs, why);
    if (s != TB_OK) {
        goto fail;
    }
    if (sc->mode != TB_HS_FULL) {
        s = wolf_prime(st, why);
        if (s != TB_OK) {
            goto fail;
        }
    }
    if (sc->mode == TB_HS_PSK_DHE) {
        st->note = "the server issues one NewSessionTicket per resumption";
    } else if (sc->mode == TB_HS_PSK_ONLY) {
        st->note = "the server issues one NewSessionTicket per resumption; "
                   "the client sends no key share (wolfSSL_NoKeyShares)";
    }
    *state = st;
    return TB_OK;
fail:
    wolf_teardown(st);
    return s;
}

static int wolf_handshake(void *state, tb_hs_result *res, char *err,
                          size_t err_len)
{
    wolf_state *st = state;
    tb_hs_pipe_reset(&st->c2s);
    tb_hs_pipe_reset(&st->s2c);
    return wolf_run(st, res, NULL, err, err_len);
}

static const char *wolf_note(void *state)
{
    const wolf_state *st = state;
    return st->note;
}

const tb_hs_driver tb_hs_driver_impl = {
    .name = "wolfssl",
    .model_backend = "wolfssl",
    .version = wolf_version,
    .setup = wolf_setup,
    .handshake = wolf_handshake,
    .teardown = wolf_teardown,
    .note = wolf_note,
};
