/*
 * Mbed TLS 2.28 handshake driver: client and server in one process, joined
 * by two tb_hs_pipes through mbedtls_ssl_set_bio callbacks (no sockets).
 *
 * 2.28 speaks TLS 1.2 only: its TLS 1.3 (MBEDTLS_SSL_PROTO_TLS1_3_EXPERIMENTAL)
 * is a prototype that Debian's build leaves off. TLS 1.2 tickets come from
 * mbedtls_ssl_ticket_*; randomness from one CTR-DRBG per scenario.
 */
#include <mbedtls/config.h>
#include <mbedtls/ctr_drbg.h>
#include <mbedtls/ecp.h>
#include <mbedtls/entropy.h>
#include <mbedtls/error.h>
#include <mbedtls/pk.h>
#include <mbedtls/ssl.h>
#include <mbedtls/ssl_ticket.h>
#include <mbedtls/version.h>
#include <mbedtls/x509_crt.h>
/* 2.28 has no public "was this session resumed" nor "which group"; both
 * are read from the handshake parameters while the handshake runs. */
#include <mbedtls/ssl_internal.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hs.h"

/* A flight with a three-certificate RSA chain is under 8 KiB; the pipes
 * never need to hold more than one flight. */
#define PIPE_CAP (64u * 1024u)
/* Each round advances at least one flight; TLS 1.2 needs four. */
#define MAX_ROUNDS 32

typedef struct {
    const tb_hs_scenario *sc;
    mbedtls_entropy_context entropy;
    mbedtls_ctr_drbg_context drbg;
    mbedtls_x509_crt chain, ca;
    mbedtls_pk_context key;
    mbedtls_ssl_ticket_context ticket;
    mbedtls_ssl_config cconf, sconf;
    mbedtls_ssl_session session; /* the client's, for resumption */
    int have_session;
    int suites[2];
    mbedtls_ecp_group_id curves[2];
    int hashes[2];
    tb_hs_pipe c2s, s2c;
} mbed_state;

/* One side of a handshake in progress. */
typedef struct {
    mbedtls_ssl_context ssl;
    tb_hs_pipe *in, *out; /* the bio context: set_bio takes one pointer */
    int done, resumed;
    uint16_t group;
} mbed_side;

static const char *mbed_version(void)
{
    static char text[32];
    mbedtls_version_get_string(text);
    return text;
}

static void mbed_errtext(char *out, size_t out_len, const char *what, int code)
{
    char text[160];
    mbedtls_strerror(code, text, sizeof(text));
    /* A cut message is still a message. */
    if (snprintf(out, out_len, "%s: -0x%04x (%s)", what, (unsigned)-code,
                 text) < 0) {
        out[0] = '\0';
    }
}

/* The bio callbacks; ctx is the side. The return value is an int, so a
 * call moves at most INT_MAX bytes. */
static int mbed_send(void *ctx, const unsigned char *buf, size_t len)
{
    mbed_side *side = ctx;
    size_t n = tb_hs_pipe_write(side->out, buf, len > INT_MAX ? INT_MAX : len);
    return n == 0 ? MBEDTLS_ERR_SSL_WANT_WRITE : (int)n;
}

static int mbed_recv(void *ctx, unsigned char *buf, size_t len)
{
    mbed_side *side = ctx;
    size_t n = tb_hs_pipe_read(side->in, buf, len > INT_MAX ? INT_MAX : len);
    return n == 0 ? MBEDTLS_ERR_SSL_WANT_READ : (int)n;
}

static mbedtls_ecp_group_id mbed_curve(tb_hs_kx kx)
{
    switch (kx) {
    case TB_HS_KX_X25519:
        return MBEDTLS_ECP_DP_CURVE25519;
    case TB_HS_KX_P256:
        return MBEDTLS_ECP_DP_SECP256R1;
    case TB_HS_KX_P384:
        return MBEDTLS_ECP_DP_SECP384R1;
    case TB_HS_KX_RSA:
        break;
    }
    return MBEDTLS_ECP_DP_NONE;
}

/* Version, suite, curve and signature hash, the same on both sides. The
 * client offers only these, so the server can pick nothing else. */
static tb_status mbed_conf(mbed_state *st, mbedtls_ssl_config *conf,
                           int endpoint, tb_why *why)
{
    const tb_hs_scenario *sc = st->sc;
    int r = mbedtls_ssl_config_defaults(conf, endpoint,
                                        MBEDTLS_SSL_TRANSPORT_STREAM,
                                        MBEDTLS_SSL_PRESET_DEFAULT);
    if (r != 0) {
        mbed_errtext(why->text, sizeof(why->text),
                     "mbedtls_ssl_config_defaults", r);
        return TB_ERROR;
    }
    mbedtls_ssl_conf_min_version(conf, MBEDTLS_SSL_MAJOR_VERSION_3,
                                 MBEDTLS_SSL_MINOR_VERSION_3);
    mbedtls_ssl_conf_max_version(conf, MBEDTLS_SSL_MAJOR_VERSION_3,
                                 MBEDTLS_SSL_MINOR_VERSION_3);
    mbedtls_ssl_conf_rng(conf, mbedtls_ctr_drbg_random, &st->drbg);
    mbedtls_ssl_conf_ciphersuites(conf, st->suites);
    if (sc->kx != TB_HS_KX_RSA) {
        mbedtls_ssl_conf_curves(conf, st->curves);
    }
    mbedtls_ssl_conf_sig_hashes(conf, st->hashes);
    return TB_OK;
}

static tb_status mbed_load(mbed_state *st, const tb_hs_certs *certs,
                           tb_why *why)
{
    int r = mbedtls_x509_crt_parse_file(&st->chain, certs->chain);
    if (r != 0) {
        mbed_errtext(why->text, sizeof(why->text), certs->chain, r);
        return TB_ERROR;
    }
    r = mbedtls_x509_crt_parse_file(&st->ca, certs->ca);
    if (r != 0) {
        mbed_errtext(why->text, sizeof(why->text), certs->ca, r);
        return TB_ERROR;
    }
    r = mbedtls_pk_parse_keyfile(&st->key, certs->leaf_key, NULL);
    if (r != 0) {
        mbed_errtext(why->text, sizeof(why->text), certs->leaf_key, r);
        return TB_ERROR;
    }
    return TB_OK;
}

/* What the scenario needs that this build may lack. */
static tb_status mbed_check(const tb_hs_scenario *sc, tb_why *why)
{
    if (sc->version != 12) {
#if defined(MBEDTLS_SSL_PROTO_TLS1_3_EXPERIMENTAL)
        tb_why_set(why, "Mbed TLS %s: the experimental TLS 1.3 of 2.28 "
                   "has no resumption, HelloRetry or interoperable defaults",
                   MBEDTLS_VERSION_STRING);
#else
        tb_why_set(why, "Mbed TLS %s is built without TLS 1.3 "
                   "(MBEDTLS_SSL_PROTO_TLS1_3_EXPERIMENTAL is off; 2.28 "
                   "has only a prototype)", MBEDTLS_VERSION_STRING);
#endif
        return TB_UNSUPPORTED;
    }
    if (sc->mode != TB_HS_FULL && sc->mode != TB_HS_RESUME_TICKET) {
        tb_why_set(why, "PSK resumption modes are TLS 1.3 scenarios");
        return TB_UNSUPPORTED;
    }
    if (mbedtls_ssl_ciphersuite_from_id(sc->cipher_suite) == NULL) {
        tb_why_set(why, "Mbed TLS %s as built has no cipher suite 0x%04x",
                   MBEDTLS_VERSION_STRING, sc->cipher_suite);
        return TB_UNSUPPORTED;
    }
    if (sc->kx != TB_HS_KX_RSA &&
        mbedtls_ecp_curve_info_from_grp_id(mbed_curve(sc->kx)) == NULL) {
        tb_why_set(why, "Mbed TLS %s as built lacks group %u",
                   MBEDTLS_VERSION_STRING, sc->group);
        return TB_UNSUPPORTED;
    }
#if !defined(MBEDTLS_SSL_SESSION_TICKETS) || !defined(MBEDTLS_SSL_TICKET_C)
    if (sc->mode == TB_HS_RESUME_TICKET) {
        tb_why_set(why, "Mbed TLS %s is built without session tickets",
                   MBEDTLS_VERSION_STRING);
        return TB_UNSUPPORTED;
    }
#endif
    return TB_OK;
}

static tb_status mbed_configure(mbed_state *st, const tb_hs_certs *certs,
                                tb_why *why)
{
    const tb_hs_scenario *sc = st->sc;
    static const char pers[] = "tlsbench handshake";
    int r = mbedtls_ctr_drbg_seed(&st->drbg, mbedtls_entropy_func,
                                  &st->entropy, (const unsigned char *)pers,
                                  sizeof(pers) - 1);
    if (r != 0) {
        mbed_errtext(why->text, sizeof(why->text), "mbedtls_ctr_drbg_seed", r);
        return TB_ERROR;
    }
    tb_status s = mbed_load(st, certs, why);
    if (s != TB_OK) {
        return s;
    }
    st->suites[0] = sc->cipher_suite;
    st->suites[1] = 0;
    st->curves[0] = mbed_curve(sc->kx);
    st->curves[1] = MBEDTLS_ECP_DP_NONE;
    /* The one hash the client offers for the server's signature: SHA-384
     * with a P-384 key, as TLS 1.3 pairs them (RFC 8446), else SHA-256.
     * RSA signs with PKCS#1 v1.5 in TLS 1.2, so the scheme is pinned. */
    st->hashes[0] = sc->cert == TB_HS_CERT_P384 ? MBEDTLS_MD_SHA384
                                                : MBEDTLS_MD_SHA256;
    st->hashes[1] = MBEDTLS_MD_NONE;

    s = mbed_conf(st, &st->sconf, MBEDTLS_SSL_IS_SERVER, why);
    if (s != TB_OK) {
        return s;
    }
    r = mbedtls_ssl_conf_own_cert(&st->sconf, &st->chain, &st->key);
    if (r != 0) {
        mbed_errtext(why->text, sizeof(why->text), "mbedtls_ssl_conf_own_cert",
                     r);
        return TB_ERROR;
    }
    /* No session cache is configured on the server, so a resumed
     * handshake can only come from the ticket. */
    if (sc->mode == TB_HS_RESUME_TICKET) {
        r = mbedtls_ssl_ticket_setup(&st->ticket, mbedtls_ctr_drbg_random,
                                     &st->drbg, MBEDTLS_CIPHER_AES_256_GCM,
                                     86400);
        if (r != 0) {
            mbed_errtext(why->text, sizeof(why->text),
                         "mbedtls_ssl_ticket_setup", r);
            return TB_ERROR;
        }
        mbedtls_ssl_conf_session_tickets_cb(&st->sconf, mbedtls_ssl_ticket_write,
                                            mbedtls_ssl_ticket_parse,
                                            &st->ticket);
    }

    s = mbed_conf(st, &st->cconf, MBEDTLS_SSL_IS_CLIENT, why);
    if (s != TB_OK) {
        return s;
    }
    mbedtls_ssl_conf_authmode(&st->cconf, MBEDTLS_SSL_VERIFY_REQUIRED);
    mbedtls_ssl_conf_ca_chain(&st->cconf, &st->ca, NULL);
    /* The client asks for a ticket only when the scenario resumes. */
    mbedtls_ssl_conf_session_tickets(&st->cconf,
                                     sc->mode == TB_HS_RESUME_TICKET
                                         ? MBEDTLS_SSL_SESSION_TICKETS_ENABLED
                                         : MBEDTLS_SSL_SESSION_TICKETS_DISABLED);
    return TB_OK;
}

/* Advances one side as far as the pipe allows, noting from the handshake
 * parameters whether it resumes and which curve it agreed. */
static int mbed_advance(mbed_side *side, uint64_t *ns, const char *who,
                        char *err, size_t err_len)
{
    uint64_t t0 = tb_hs_now_ns();
    int r = 0;
    while (side->ssl.state != MBEDTLS_SSL_HANDSHAKE_OVER) {
        r = mbedtls_ssl_handshake_step(&side->ssl);
        const mbedtls_ssl_handshake_params *hs = side->ssl.handshake;
        if (hs != NULL) {
            side->resumed = hs->resume;
#if defined(MBEDTLS_ECDH_LEGACY_CONTEXT)
            mbedtls_ecp_group_id id = hs->ecdh_ctx.grp.id;
#else
            mbedtls_ecp_group_id id = hs->ecdh_ctx.grp_id;
#endif
            const mbedtls_ecp_curve_info *info =
                mbedtls_ecp_curve_info_from_grp_id(id);
            if (info != NULL) {
                side->group = info->tls_id;
            }
        }
        if (r != 0) {
            break;
        }
    }
    *ns += tb_hs_now_ns() - t0;
    if (side->ssl.state == MBEDTLS_SSL_HANDSHAKE_OVER) {
        side->done = 1;
        return 0;
    }
    if (r == MBEDTLS_ERR_SSL_WANT_READ || r == MBEDTLS_ERR_SSL_WANT_WRITE) {
        return 0;
    }
    mbed_errtext(err, err_len, who, r);
    uint32_t flags = mbedtls_ssl_get_verify_result(&side->ssl);
    if (r == MBEDTLS_ERR_X509_CERT_VERIFY_FAILED && flags != 0 &&
        flags != (uint32_t)-1) {
        char info[160];
        size_t used = strlen(err);
        if (mbedtls_x509_crt_verify_info(info, sizeof(info), "", flags) > 0 &&
            used + 3 < err_len) {
            /* The info ends in a newline: drop it. */
            info[strcspn(info, "\n")] = '\0';
            snprintf(err + used, err_len - used, ": %s", info);
        }
    }
    return -1;
}

static int mbed_open(mbed_state *st, mbed_side *side,
                     const mbedtls_ssl_config *conf, tb_hs_pipe *in,
                     tb_hs_pipe *out, int with_session)
{
    memset(side, 0, sizeof(*side));
    side->in = in;
    side->out = out;
    mbedtls_ssl_init(&side->ssl);
    if (mbedtls_ssl_setup(&side->ssl, conf) != 0) {
        return -1;
    }
    mbedtls_ssl_set_bio(&side->ssl, side, mbed_send, mbed_recv, NULL);
    if (with_session && mbedtls_ssl_set_session(&side->ssl, &st->session) !=
                            0) {
        return -1;
    }
    return 0;
}

/* What one side negotiated. */
static void mbed_side_result(const mbed_side *side, tb_hs_result *r)
{
    memset(r, 0, sizeof(*r));
    r->resumed = side->resumed;
    r->version = strcmp(mbedtls_ssl_get_version(&side->ssl), "TLSv1.2") == 0
                     ? 12
                     : 0;
    const char *suite = mbedtls_ssl_get_ciphersuite(&side->ssl);
    r->cipher_suite =
        suite != NULL ? (uint16_t)mbedtls_ssl_get_ciphersuite_id(suite) : 0;
    /* A resumed TLS 1.2 handshake agrees no key (the handshake parameters
     * then hold no curve either): no group. */
    r->group = side->resumed ? 0 : side->group;
}

/* One handshake on fresh contexts. Only the handshake steps are timed, per
 * side: making the contexts (mbedtls_ssl_setup, mbedtls_ssl_set_session)
 * is setup, as in the other drivers. */
static int mbed_run(mbed_state *st, tb_hs_result *res, int save_session,
                    char *err, size_t err_len)
{
    mbed_side c, s;
    int rc = -1;
    memset(res, 0, sizeof(*res));
    tb_hs_pipe_reset(&st->c2s);
    tb_hs_pipe_reset(&st->s2c);

    int cr = mbed_open(st, &c, &st->cconf, &st->s2c, &st->c2s,
                       st->have_session);
    int sr = mbed_open(st, &s, &st->sconf, &st->c2s, &st->s2c, 0);
    if (cr != 0 || sr != 0) {
        snprintf(err, err_len, "mbedtls_ssl_setup failed");
        goto out;
    }
    for (int round = 0; round < MAX_ROUNDS && !(c.done && s.done); round++) {
        if (!c.done &&
            mbed_advance(&c, &res->client_ns, "client", err, err_len) != 0) {
            goto out;
        }
        if (!s.done &&
            mbed_advance(&s, &res->server_ns, "server", err, err_len) != 0) {
            goto out;
        }
    }
    if (!(c.done && s.done)) {
        snprintf(err, err_len, "handshake made no progress after %d rounds",
                 MAX_ROUNDS);
        goto out;
    }
    tb_hs_result cres, sres;
    mbed_side_result(&c, &cres);
    mbed_side_result(&s, &sres);
    if (tb_hs_agree(&cres, &sres, res, err, err_len) != 0) {
        goto out;
    }
    if (save_session) {
        int r = mbedtls_ssl_get_session(&c.ssl, &st->session);
        if (r != 0) {
            mbed_errtext(err, err_len, "mbedtls_ssl_get_session", r);
            goto out;
        }
        st->have_session = 1;
    }
    rc = 0;
out:
    mbedtls_ssl_free(&c.ssl);
    mbedtls_ssl_free(&s.ssl);
    return rc;
}

static void mbed_teardown(void *state)
{
    mbed_state *st = state;
    if (st == NULL) {
        return;
    }
    mbedtls_ssl_session_free(&st->session);
    mbedtls_ssl_config_free(&st->cconf);
    mbedtls_ssl_config_free(&st->sconf);
    mbedtls_ssl_ticket_free(&st->ticket);
    mbedtls_pk_free(&st->key);
    mbedtls_x509_crt_free(&st->chain);
    mbedtls_x509_crt_free(&st->ca);
    mbedtls_ctr_drbg_free(&st->drbg);
    mbedtls_entropy_free(&st->entropy);
    tb_hs_pipe_free(&st->c2s);
    tb_hs_pipe_free(&st->s2c);
    free(st);
}

static tb_status mbed_setup(void **state, const tb_hs_scenario *sc,
                            const tb_hs_certs *certs, tb_why *why)
{
    *state = NULL;
    tb_status s = mbed_check(sc, why);
    if (s != TB_OK) {
        return s;
    }
    mbed_state *st = calloc(1, sizeof(*st));
    if (st == NULL) {
        tb_why_set(why, "out of memory");
        return TB_ERROR;
    }
    st->sc = sc;
    mbedtls_entropy_init(&st->entropy);
    mbedtls_ctr_drbg_init(&st->drbg);
    mbedtls_x509_crt_init(&st->chain);
    mbedtls_x509_crt_init(&st->ca);
    mbedtls_pk_init(&st->key);
    mbedtls_ssl_ticket_init(&st->ticket);
    mbedtls_ssl_config_init(&st->cconf);
    mbedtls_ssl_config_init(&st->sconf);
    mbedtls_ssl_session_init(&st->session);
    if (tb_hs_pipe_init(&st->c2s, PIPE_CAP) != 0 ||
        tb_hs_pipe_init(&st->s2c, PIPE_CAP) != 0) {
        tb_why_set(why, "out of memory");
        s = TB_ERROR;
        goto fail;
    }
    s = mbed_configure(st, certs, why);
    if (s != TB_OK) {
        goto fail;
    }
    if (sc->mode == TB_HS_RESUME_TICKET) {
        /* The untimed full handshake whose ticket later ones resume. */
        tb_hs_result res;
        char err[TB_WHY_MAX];
        if (mbed_run(st, &res, 1, err, sizeof(err)) != 0) {
            tb_why_set(why, "first handshake: %s", err);
            s = TB_ERROR;
            goto fail;
        }
        if (st->session.ticket == NULL || st->session.ticket_len == 0) {
            tb_why_set(why, "the server sent no session ticket");
            s = TB_ERROR;
            goto fail;
        }
    }
    *state = st;
    return TB_OK;
fail:
    mbed_teardown(st);
    return s;
}

static int mbed_handshake(void *state, tb_hs_result *res, char *err,
                          size_t err_len)
{
    return mbed_run(state, res, 0, err, err_len);
}

const tb_hs_driver tb_hs_driver_impl = {
    .name = "mbedtls",
    .model_backend = "mbedtls",
    .version = mbed_version,
    .setup = mbed_setup,
    .handshake = mbed_handshake,
    .teardown = mbed_teardown,
};
