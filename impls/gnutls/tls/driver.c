/*
 * GnuTLS handshake driver: client and server in one process, joined by two
 * tb_hs_pipes through GnuTLS's push/pull transport functions (no sockets).
 * GnuTLS does its cryptography with Nettle (and GMP for RSA), so the
 * "nettle" primitive backend models it.
 *
 * Each scenario becomes a priority string that allows exactly one version,
 * suite (AES-128-GCM), group and signature scheme on both sides. TLS 1.3
 * resumption modes come from the key-exchange keywords of that string:
 * "+PSK" makes the client offer psk_ke only, "+ECDHE-PSK" psk_dhe_ke only
 * (lib/ext/psk_ke_modes.c in GnuTLS 3.7).
 */
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hs.h"

/* A flight with a three-certificate RSA chain is under 8 KiB; the pipes
 * never need to hold more than one flight. */
#define PIPE_CAP (64u * 1024u)
/* Each round advances at least one flight; a handshake needs a handful. */
#define MAX_ROUNDS 32

typedef struct {
    const tb_hs_scenario *sc;
    gnutls_certificate_credentials_t ccred, scred;
    gnutls_priority_t prio;
    gnutls_datum_t ticket_key; /* server ticket key; empty when OFF */
    gnutls_datum_t session;    /* the client's session data, to resume */
    tb_hs_pipe c2s, s2c;
    const char *note; /* for the rows: what changes the work */
} gnu_state;

/* One side of a handshake in progress: the transport pointer. */
typedef struct {
    gnutls_session_t s;
    tb_hs_pipe *in, *out;
    int done;
} gnu_side;

static const char *gnu_version(void)
{
    return gnutls_check_version(NULL);
}

static ssize_t gnu_push(gnutls_transport_ptr_t ptr, const void *data,
                        size_t len)
{
    gnu_side *side = ptr;
    size_t n = tb_hs_pipe_write(side->out, data, len);
    if (n == 0) {
        gnutls_transport_set_errno(side->s, EAGAIN);
        return -1;
    }
    return (ssize_t)n;
}

static ssize_t gnu_pull(gnutls_transport_ptr_t ptr, void *data, size_t len)
{
    gnu_side *side = ptr;
    size_t n = tb_hs_pipe_read(side->in, data, len);
    if (n == 0) {
        gnutls_transport_set_errno(side->s, EAGAIN);
        return -1;
    }
    return (ssize_t)n;
}

/* Without it GnuTLS would select() on the pointer as if it were a
 * descriptor. */
static int gnu_pull_timeout(gnutls_transport_ptr_t ptr, unsigned ms)
{
    gnu_side *side = ptr;
    (void)ms;
    return tb_hs_pipe_pending(side->in) > 0 ? 1 : 0;
}

static const char *gnu_group(tb_hs_kx kx)
{
    switch (kx) {
    case TB_HS_KX_X25519:
        return ":+GROUP-X25519";
    case TB_HS_KX_P256:
        return ":+GROUP-SECP256R1";
    case TB_HS_KX_P384:
        return ":+GROUP-SECP384R1";
    case TB_HS_KX_RSA:
        break;
    }
    return "";
}

/* Each piece of the priority string starts with its ':'. */

/* TLS 1.2 key exchange; TLS 1.3 negotiates by group and needs none, except
 * the keywords that pick the PSK resumption mode. */
static const char *gnu_kx(const tb_hs_scenario *sc)
{
    if (sc->version == 13) {
        switch (sc->mode) {
        case TB_HS_PSK_ONLY:
            return ":+PSK";
        case TB_HS_PSK_DHE:
            return ":+ECDHE-PSK";
        case TB_HS_FULL:
        case TB_HS_RESUME_TICKET:
            break;
        }
        return "";
    }
    if (sc->kx == TB_HS_KX_RSA) {
        return ":+RSA";
    }
    return sc->cert == TB_HS_CERT_RSA2048 ? ":+ECDHE-RSA" : ":+ECDHE-ECDSA";
}

/* The signature scheme of the server's key: TLS 1.2 ECDSA schemes are not
 * bound to a curve, TLS 1.3 ones are. The priority string needs one even
 * for RSA key transport, where the server signs nothing. */
static gnutls_sign_algorithm_t gnu_sign(const tb_hs_scenario *sc)
{
    int v13 = sc->version == 13;
    switch (sc->cert) {
    case TB_HS_CERT_RSA2048:
        return v13 ? GNUTLS_SIGN_RSA_PSS_RSAE_SHA256 : GNUTLS_SIGN_RSA_SHA256;
    case TB_HS_CERT_P256:
        return v13 ? GNUTLS_SIGN_ECDSA_SECP256R1_SHA256
                   : GNUTLS_SIGN_ECDSA_SHA256;
    case TB_HS_CERT_P384:
        return v13 ? GNUTLS_SIGN_ECDSA_SECP384R1_SHA384
                   : GNUTLS_SIGN_ECDSA_SHA384;
    case TB_HS_CERT_COUNT:
        break;
    }
    return GNUTLS_SIGN_UNKNOWN;
}

static tb_status gnu_priority(gnu_state *st, tb_why *why)
{
    const tb_hs_scenario *sc = st->sc;
    char prio[256];
    const char *suite = NULL;
    gnutls_sign_algorithm_t sign = gnu_sign(sc);
    switch (sc->cipher_suite) {
    case 0x1301: /* TLS_AES_128_GCM_SHA256 */
    case 0xc02f: /* ECDHE_RSA_WITH_AES_128_GCM_SHA256 */
    case 0xc02b: /* ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 */
    case 0x009c: /* RSA_WITH_AES_128_GCM_SHA256 */
        suite = "+AES-128-GCM:+AEAD";
        break;
    default:
        tb_why_set(why, "the driver has no priority string for suite 0x%04x",
                   sc->cipher_suite);
        return TB_UNSUPPORTED;
    }
    if (snprintf(prio, sizeof(prio),
                 "NONE:+VERS-TLS1.%d:%s%s%s:+SIGN-%s:+CTYPE-X509:+COMP-NULL",
                 sc->version == 13 ? 3 : 2, suite, gnu_kx(sc),
                 gnu_group(sc->kx), gnutls_sign_get_name(sign)) >=
        (int)sizeof(prio)) {
        tb_why_set(why, "priority string too long");
        return TB_ERROR;
    }
    const char *at = NULL;
    int r = gnutls_priority_init2(&st->prio, prio, &at, 0);
    if (r < 0) {
        /* A keyword this build does not know: the library lacks it. */
        tb_why_set(why, "GnuTLS %s rejects priority \"%s\" at \"%s\": %s",
                   gnutls_check_version(NULL), prio, at != NULL ? at : "",
                   gnutls_strerror(r));
        return r == GNUTLS_E_INVALID_REQUEST ? TB_UNSUPPORTED : TB_ERROR;
    }
    return TB_OK;
}

static tb_status gnu_credentials(gnu_state *st, const tb_hs_certs *certs,
                                 tb_why *why)
{
    int r = gnutls_certificate_allocate_credentials(&st->scred);
    if (r >= 0) {
        r = gnutls_certificate_set_x509_key_file2(st->scred, certs->chain,
                                                  certs->leaf_key,
                                                  GNUTLS_X509_FMT_PEM, NULL,
                                                  0);
    }
    if (r < 0) {
        tb_why_set(why, "GnuTLS cannot load %s / %s: %s", certs->chain,
                   certs->leaf_key, gnutls_strerror(r));
        return TB_ERROR;
    }
    r = gnutls_certificate_allocate_credentials(&st->ccred);
    if (r >= 0) {
        r = gnutls_certificate_set_x509_trust_file(st->ccred, certs->ca,
                                                   GNUTLS_X509_FMT_PEM);
    }
    if (r <= 0) {
        tb_why_set(why, "GnuTLS cannot load the root %s: %s", certs->ca,
                   r < 0 ? gnutls_strerror(r) : "no certificate");
        return TB_ERROR;
    }
    return TB_OK;
}

/* A session for one side, configured as the scenario says. */
static int gnu_open(gnu_state *st, gnu_side *side, unsigned entity,
                    tb_hs_pipe *in, tb_hs_pipe *out)
{
    const tb_hs_scenario *sc = st->sc;
    memset(side, 0, sizeof(*side));
    side->in = in;
    side->out = out;
    unsigned flags = entity | GNUTLS_NONBLOCK;
    if (sc->mode == TB_HS_FULL) {
        /* No ticket extension from the client, no NewSessionTicket from
         * the server. */
        flags |= GNUTLS_NO_TICKETS;
    }
    if (gnutls_init(&side->s, flags) < 0) {
        side->s = NULL;
        return -1;
    }
    gnutls_session_t s = side->s;
    gnutls_transport_set_ptr(s, side);
    gnutls_transport_set_push_function(s, gnu_push);
    gnutls_transport_set_pull_function(s, gnu_pull);
    gnutls_transport_set_pull_timeout_function(s, gnu_pull_timeout);
    gnutls_handshake_set_timeout(s, 0);
    if (gnutls_priority_set(s, st->prio) < 0) {
        return -1;
    }
    if (entity == GNUTLS_SERVER) {
        if (gnutls_credentials_set(s, GNUTLS_CRD_CERTIFICATE, st->scred) < 0) {
            return -1;
        }
        if (st->ticket_key.size > 0 &&
            gnutls_session_ticket_enable_server(s, &st->ticket_key) < 0) {
            return -1;
        }
        return 0;
    }
    if (gnutls_credentials_set(s, GNUTLS_CRD_CERTIFICATE, st->ccred) < 0) {
        return -1;
    }
    /* Verify the chain against the root during the handshake; no host
     * name (the certificates are the project's own). */
    gnutls_session_set_verify_cert(s, NULL, 0);
    if (st->session.size > 0 &&
        gnutls_session_set_data(s, st->session.data, st->session.size) < 0) {
        return -1;
    }
    return 0;
}

static int gnu_advance(gnu_side *side, uint64_t *ns, const char *who,
                       char *err, size_t err_len)
{
    uint64_t t0 = tb_hs_now_ns();
    int r = gnutls_handshake(side->s);
    *ns += tb_hs_now_ns() - t0;
    if (r == GNUTLS_E_SUCCESS) {
        side->done = 1;
        return 0;
    }
    if (r == GNUTLS_E_AGAIN || r == GNUTLS_E_INTERRUPTED) {
        return 0;
    }
    snprintf(err, err_len, "%s: gnutls_handshake: %s", who,
             gnutls_strerror(r));
    if (r == GNUTLS_E_CERTIFICATE_VERIFICATION_ERROR) {
        gnutls_datum_t out = {NULL, 0};
        unsigned status = gnutls_session_get_verify_cert_status(side->s);
        if (gnutls_certificate_verification_status_print(
                status, GNUTLS_CRT_X509, &out, 0) == 0) {
            size_t used = strlen(err);
            snprintf(err + used, err_len - used, " (%s)", out.data);
            gnutls_free(out.data);
        }
    }
    return -1;
}

/* The IANA id of the negotiated suite, from GnuTLS's suite table. */
static uint16_t gnu_suite_id(gnutls_session_t s, int version)
{
    gnutls_kx_algorithm_t kx = gnutls_kx_get(s);
    gnutls_cipher_algorithm_t cipher = gnutls_cipher_get(s);
    gnutls_mac_algorithm_t mac = gnutls_mac_get(s);
    unsigned char id[2];
    gnutls_kx_algorithm_t tkx;
    gnutls_cipher_algorithm_t tcipher;
    gnutls_mac_algorithm_t tmac;
    gnutls_protocol_t tmin;
    for (size_t i = 0; gnutls_cipher_suite_info(i, id, &tkx, &tcipher, &tmac,
                                                &tmin) != NULL;
         i++) {
        /* TLS 1.3 suites carry no key exchange in the table. */
        int kx_ok = version == 13
                        ? (tkx == GNUTLS_KX_UNKNOWN && tmin == GNUTLS_TLS1_3)
                        : (tkx == kx && tmin != GNUTLS_TLS1_3);
        if (kx_ok && tcipher == cipher && tmac == mac) {
            return (uint16_t)((id[0] << 8) | id[1]);
        }
    }
    return 0;
}

static uint16_t gnu_group_id(gnutls_session_t s)
{
    switch (gnutls_group_get(s)) {
    case GNUTLS_GROUP_X25519:
        return 29;
    case GNUTLS_GROUP_SECP256R1:
        return 23;
    case GNUTLS_GROUP_SECP384R1:
        return 24;
    default:
        return 0;
    }
}

/* What one side says it negotiated. */
static void gnu_side_result(gnutls_session_t s, tb_hs_result *r)
{
    memset(r, 0, sizeof(*r));
    r->resumed = gnutls_session_is_resumed(s) != 0;
    gnutls_protocol_t v = gnutls_protocol_get_version(s);
    r->version = v == GNUTLS_TLS1_3 ? 13 : v == GNUTLS_TLS1_2 ? 12 : 0;
    r->cipher_suite = gnu_suite_id(s, r->version);
    /* A TLS 1.2 resumption agrees no key, but GnuTLS reports the group the
     * session remembers from its first handshake. (After TLS 1.3 psk_ke it
     * reports none by itself.) */
    r->group = r->resumed && r->version == 12 ? 0 : gnu_group_id(s);
}

/* One handshake on fresh sessions. Only the gnutls_handshake calls are
 * timed, per side: making the sessions (gnutls_init, priorities,
 * credentials, gnutls_session_set_data) is setup, as in the other
 * drivers. With
 * save_session the client then takes in the TLS 1.3 ticket and keeps its
 * session data. */
static int gnu_run(gnu_state *st, tb_hs_result *res, int save_session,
                   char *err, size_t err_len)
{
    gnu_side c, s;
    int rc = -1;
    memset(res, 0, sizeof(*res));
    tb_hs_pipe_reset(&st->c2s);
    tb_hs_pipe_reset(&st->s2c);

    int cr = gnu_open(st, &c, GNUTLS_CLIENT, &st->s2c, &st->c2s);
    int sr = gnu_open(st, &s, GNUTLS_SERVER, &st->c2s, &st->s2c);
    if (cr != 0 || sr != 0) {
        snprintf(err, err_len, "GnuTLS session setup failed");
        goto out;
    }
    for (int round = 0; round < MAX_ROUNDS && !(c.done && s.done); round++) {
        if (!c.done &&
            gnu_advance(&c, &res->client_ns, "client", err, err_len) != 0) {
            goto out;
        }
        if (!s.done &&
            gnu_advance(&s, &res->server_ns, "server", err, err_len) != 0) {
            goto out;
        }
    }
    if (!(c.done && s.done)) {
        snprintf(err, err_len, "handshake made no progress after %d rounds",
                 MAX_ROUNDS);
        goto out;
    }
    tb_hs_result cres, sres;
    gnu_side_result(c.s, &cres);
    gnu_side_result(s.s, &sres);
    if (tb_hs_agree(&cres, &sres, res, err, err_len) != 0) {
        goto out;
    }
    /* The server's signature, as the client saw it (none when resumed or
     * with RSA key transport). */
    if (!res->resumed) {
        int want = st->sc->kx == TB_HS_KX_RSA ? GNUTLS_SIGN_UNKNOWN
                                              : (int)gnu_sign(st->sc);
        int got = gnutls_sign_algorithm_get(c.s);
        if (got != want) {
            snprintf(err, err_len, "the server signed with %s, not %s",
                     got > 0 ? gnutls_sign_get_name(got) : "nothing",
                     want > 0 ? gnutls_sign_get_name(want) : "nothing");
            goto out;
        }
    }
    if (save_session) {
        if (res->version == 13) {
            /* The ticket follows the handshake; reading takes it in. */
            uint8_t byte;
            ssize_t r = gnutls_record_recv(c.s, &byte, 1);
            if (r != GNUTLS_E_AGAIN) {
                snprintf(err, err_len, "reading the session ticket: %s",
                         r < 0 ? gnutls_strerror((int)r) : "data");
                goto out;
            }
        }
        int r = gnutls_session_get_data2(c.s, &st->session);
        if (r < 0) {
            snprintf(err, err_len, "gnutls_session_get_data2: %s",
                     gnutls_strerror(r));
            goto out;
        }
        if (!(gnutls_session_get_flags(c.s) & GNUTLS_SFLAGS_SESSION_TICKET)) {
            snprintf(err, err_len, "the server sent no session ticket");
            goto out;
        }
    }
    rc = 0;
out:
    if (c.s != NULL) {
        gnutls_deinit(c.s);
    }
    if (s.s != NULL) {
        gnutls_deinit(s.s);
    }
    return rc;
}

static void gnu_teardown(void *state)
{
    gnu_state *st = state;
    if (st == NULL) {
        return;
    }
    if (st->session.data != NULL) {
        gnutls_free(st->session.data);
    }
    if (st->ticket_key.data != NULL) {
        gnutls_memset(st->ticket_key.data, 0, st->ticket_key.size);
        gnutls_free(st->ticket_key.data);
    }
    if (st->prio != NULL) {
        gnutls_priority_deinit(st->prio);
    }
    if (st->ccred != NULL) {
        gnutls_certificate_free_credentials(st->ccred);
    }
    if (st->scred != NULL) {
        gnutls_certificate_free_credentials(st->scred);
    }
    tb_hs_pipe_free(&st->c2s);
    tb_hs_pipe_free(&st->s2c);
    free(st);
}

static tb_status gnu_setup(void **state, const tb_hs_scenario *sc,
                           const tb_hs_certs *certs, tb_why *why)
{
    *state = NULL;
    if (tb_hs_mode_fits(sc, why) != TB_OK) {
        return TB_UNSUPPORTED;
    }
    gnu_state *st = calloc(1, sizeof(*st));
    if (st == NULL) {
        tb_why_set(why, "out of memory");
        return TB_ERROR;
    }
    st->sc = sc;
    tb_status s = TB_ERROR;
    if (tb_hs_pipe_init(&st->c2s, PIPE_CAP) != 0 ||
        tb_hs_pipe_init(&st->s2c, PIPE_CAP) != 0) {
        tb_why_set(why, "out of memory");
        goto fail;
    }
    s = gnu_priority(st, why);
    if (s != TB_OK) {
        goto fail;
    }
    s = gnu_credentials(st, certs, why);
    if (s != TB_OK) {
        goto fail;
    }
    if (sc->mode != TB_HS_FULL) {
        int r = gnutls_session_ticket_key_generate(&st->ticket_key);
        if (r < 0) {
            tb_why_set(why, "gnutls_session_ticket_key_generate: %s",
                       gnutls_strerror(r));
            s = TB_ERROR;
            goto fail;
        }
        /* The untimed full handshake whose ticket later ones resume. */
        tb_hs_result res;
        char err[TB_WHY_MAX];
        if (gnu_run(st, &res, 1, err, sizeof(err)) != 0) {
            tb_why_set(why, "first handshake: %s", err);
            s = TB_ERROR;
            goto fail;
        }
    }
    if (sc->mode == TB_HS_PSK_DHE) {
        st->note = "the server issues two NewSessionTickets per resumption "
                   "(GnuTLS's default)";
    } else if (sc->mode == TB_HS_PSK_ONLY) {
        /* lib/ext/key_share.c: the client's key share does not depend on
         * the PSK modes it offers; the server ignores it under psk_ke. */
        st->note = "the server issues two NewSessionTickets per resumption "
                   "(GnuTLS's default); GnuTLS clients always send a key "
                   "share, so the client's time includes one unused key "
                   "generation";
    }
    *state = st;
    return TB_OK;
fail:
    gnu_teardown(st);
    return s;
}

static int gnu_handshake(void *state, tb_hs_result *res, char *err,
                         size_t err_len)
{
    return gnu_run(state, res, 0, err, err_len);
}

static const char *gnu_note(void *state)
{
    const gnu_state *st = state;
    return st->note;
}

const tb_hs_driver tb_hs_driver_impl = {
    .name = "gnutls",
    .model_backend = "nettle",
    .version = gnu_version,
    .setup = gnu_setup,
    .handshake = gnu_handshake,
    .teardown = gnu_teardown,
    .note = gnu_note,
};
