/*
 * Helpers shared by the libgcrypt adapter files. Everything here is static
 * inline so that the backend exports nothing but its classes.
 */
#ifndef TLSBENCH_GCRYPT_COMMON_H
#define TLSBENCH_GCRYPT_COMMON_H

#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <gcrypt.h>

#include "backend.h"

/* Writes a non-negative MPI as exactly len big-endian bytes (left-padded
 * with zeros); -1 if it does not fit. */
static inline int tb_gcry_mpi_to_fixed(uint8_t *out, size_t len, gcry_mpi_t a)
{
    size_t written = 0;
    if (gcry_mpi_print(GCRYMPI_FMT_USG, out, len, &written, a) != 0 ||
        written > len) {
        return -1;
    }
    memmove(out + (len - written), out, written);
    memset(out, 0, len - written);
    return 0;
}

/* Finds "(token value)" in sexp and writes the value as a len-byte
 * big-endian integer. */
static inline int tb_gcry_sexp_to_fixed(uint8_t *out, size_t len,
                                        gcry_sexp_t sexp, const char *token)
{
    gcry_sexp_t list = gcry_sexp_find_token(sexp, token, 0);
    if (list == NULL) {
        return -1;
    }
    gcry_mpi_t a = gcry_sexp_nth_mpi(list, 1, GCRYMPI_FMT_USG);
    gcry_sexp_release(list);
    if (a == NULL) {
        return -1;
    }
    int r = tb_gcry_mpi_to_fixed(out, len, a);
    gcry_mpi_release(a);
    return r;
}

/* "%b" in gcry_sexp_build takes an int length. */
static inline int tb_gcry_len_ok(const tb_bytes *b)
{
    return b->len > 0 && b->len <= INT_MAX;
}

/*
 * Builds the public and (when d is present) private key S-expressions.
 * libgcrypt's CRT wants p < q and u = p^-1 mod q, while tb_rsa_key (like
 * PKCS#1) has qinv = q^-1 mod p: so libgcrypt's p is our q and vice versa.
 * libgcrypt takes no dp/dq (it reduces a blinded d itself).
 */
static inline tb_status tb_gcry_rsa_sexps(const tb_rsa_key *key,
                                          gcry_sexp_t *pub, gcry_sexp_t *priv,
                                          tb_why *why)
{
    *pub = NULL;
    *priv = NULL;
    if (!tb_gcry_len_ok(&key->n) || !tb_gcry_len_ok(&key->e)) {
        tb_why_set(why, "RSA key without n or e");
        return TB_ERROR;
    }
    gcry_error_t err = gcry_sexp_build(pub, NULL,
                                       "(public-key (rsa (n %b) (e %b)))",
                                       (int)key->n.len, key->n.ptr,
                                       (int)key->e.len, key->e.ptr);
    if (err != 0) {
        tb_why_set(why, "gcry_sexp_build(public-key): %s", gcry_strerror(err));
        return TB_ERROR;
    }
    if (key->d.len == 0) {
        return TB_OK;
    }
    if (!tb_gcry_len_ok(&key->d)) {
        tb_why_set(why, "RSA private exponent too long");
        return TB_ERROR;
    }
    if (tb_gcry_len_ok(&key->p) && tb_gcry_len_ok(&key->q) &&
        tb_gcry_len_ok(&key->qinv)) {
        err = gcry_sexp_build(
            priv, NULL,
            "(private-key (rsa (n %b) (e %b) (d %b) (p %b) (q %b) (u %b)))",
            (int)key->n.len, key->n.ptr, (int)key->e.len, key->e.ptr,
            (int)key->d.len, key->d.ptr, (int)key->q.len, key->q.ptr,
            (int)key->p.len, key->p.ptr, (int)key->qinv.len, key->qinv.ptr);
    } else {
        err = gcry_sexp_build(priv, NULL,
                              "(private-key (rsa (n %b) (e %b) (d %b)))",
                              (int)key->n.len, key->n.ptr, (int)key->e.len,
                              key->e.ptr, (int)key->d.len, key->d.ptr);
    }
    if (err != 0) {
        tb_why_set(why, "gcry_sexp_build(private-key): %s",
                   gcry_strerror(err));
        return TB_ERROR;
    }
    /* Catches a wrong CRT mapping once, here, rather than as bad output. */
    err = gcry_pk_testkey(*priv);
    if (err != 0) {
        tb_why_set(why, "gcry_pk_testkey: %s", gcry_strerror(err));
        return TB_ERROR;
    }
    return TB_OK;
}

/* An HMAC handle opened once in init; the key is set per call. */
typedef struct {
    gcry_mac_hd_t hd;
    size_t len;
} tb_gcry_mac;

static inline tb_status tb_gcry_mac_open(tb_gcry_mac *m, tb_hash hash,
                                         tb_why *why)
{
    int algo;
    switch (hash) {
    case TB_HASH_SHA256:
        algo = GCRY_MAC_HMAC_SHA256;
        break;
    case TB_HASH_SHA384:
        algo = GCRY_MAC_HMAC_SHA384;
        break;
    default:
        tb_why_set(why, "unknown hash %d", (int)hash);
        return TB_ERROR;
    }
    m->hd = NULL;
    m->len = gcry_mac_get_algo_maclen(algo);
    gcry_error_t err = gcry_mac_open(&m->hd, algo, 0, NULL);
    if (err != 0) {
        m->hd = NULL;
        tb_why_set(why, "gcry_mac_open(%s): %s", gcry_mac_algo_name(algo),
                   gcry_strerror(err));
        return gcry_err_code(err) == GPG_ERR_DIGEST_ALGO ? TB_UNSUPPORTED
                                                         : TB_ERROR;
    }
    return TB_OK;
}

/* A tb_hmac_fn: arg is a tb_gcry_mac. out may alias msg (tb_p_hash does
 * that): the message is absorbed before the tag is written. */
static inline int tb_gcry_hmac(void *arg, uint8_t *out, const uint8_t *key,
                               size_t key_len, const uint8_t *msg,
                               size_t msg_len)
{
    tb_gcry_mac *m = arg;
    size_t out_len = m->len;
    /* setkey also resets the handle's state for the new message. */
    if (gcry_mac_setkey(m->hd, key, key_len) != 0 ||
        gcry_mac_write(m->hd, msg, msg_len) != 0 ||
        gcry_mac_read(m->hd, out, &out_len) != 0 || out_len != m->len) {
        return -1;
    }
    return 0;
}

#endif
