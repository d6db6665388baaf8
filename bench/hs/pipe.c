/* The clock of the handshake timings and the in-memory byte pipe that
 * stacks with I/O callbacks use between client and server. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "hs.h"

#include <stdio.h>

uint64_t tb_hs_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* A flat buffer read from head and written at tail: a handshake flight is
 * written whole, then read whole, so the buffer is usually empty again
 * after each read and the data rarely has to move. */
int tb_hs_pipe_init(tb_hs_pipe *p, size_t cap)
{
    memset(p, 0, sizeof(*p));
    if (cap == 0) {
        return -1;
    }
    p->buf = malloc(cap);
    if (p->buf == NULL) {
        return -1;
    }
    p->cap = cap;
    return 0;
}

void tb_hs_pipe_free(tb_hs_pipe *p)
{
    free(p->buf);
    memset(p, 0, sizeof(*p));
}

void tb_hs_pipe_reset(tb_hs_pipe *p)
{
    p->head = 0;
    p->tail = 0;
}

size_t tb_hs_pipe_write(tb_hs_pipe *p, const uint8_t *data, size_t len)
{
    if (p->cap - p->tail < len && p->head > 0) {
        /* Not enough room at the end: move the unread bytes down. */
        memmove(p->buf, p->buf + p->head, p->tail - p->head);
        p->tail -= p->head;
        p->head = 0;
    }
    size_t n = p->cap - p->tail < len ? p->cap - p->tail : len;
    if (n > 0) {
        memcpy(p->buf + p->tail, data, n);
        p->tail += n;
    }
    return n;
}

size_t tb_hs_pipe_read(tb_hs_pipe *p, uint8_t *out, size_t len)
{
    size_t avail = p->tail - p->head;
    size_t n = avail < len ? avail : len;
    if (n > 0) {
        memcpy(out, p->buf + p->head, n);
        p->head += n;
    }
    if (p->head == p->tail) {
        p->head = 0;
        p->tail = 0;
    }
    return n;
}

size_t tb_hs_pipe_pending(const tb_hs_pipe *p)
{
    return p->tail - p->head;
}

tb_status tb_hs_mode_fits(const tb_hs_scenario *sc, tb_why *why)
{
    if (sc->mode == TB_HS_RESUME_TICKET && sc->version != 12) {
        tb_why_set(why, "session-ticket resumption is a TLS 1.2 scenario");
        return TB_UNSUPPORTED;
    }
    if ((sc->mode == TB_HS_PSK_DHE || sc->mode == TB_HS_PSK_ONLY) &&
        sc->version != 13) {
        tb_why_set(why, "PSK resumption modes are TLS 1.3 scenarios");
        return TB_UNSUPPORTED;
    }
    return TB_OK;
}

int tb_hs_agree(const tb_hs_result *c, const tb_hs_result *s,
                tb_hs_result *res, char *err, size_t err_len)
{
    if (c->version != s->version || c->cipher_suite != s->cipher_suite ||
        c->group != s->group || c->resumed != s->resumed) {
        snprintf(err, err_len,
                 "client and server disagree (version %d/%d, suite "
                 "%04x/%04x, group %u/%u, resumed %d/%d)",
                 c->version, s->version, c->cipher_suite, s->cipher_suite,
                 c->group, s->group, c->resumed, s->resumed);
        return -1;
    }
    res->version = c->version;
    res->cipher_suite = c->cipher_suite;
    res->group = c->group;
    res->resumed = c->resumed;
    return 0;
}
