/*
 * Set-up helpers shared by the adapter's files: a seeded CTR-DRBG (Mbed TLS
 * wants an RNG for key generation and for blinding private-key operations),
 * curve loading and RSA key import. static inline so that the backend
 * exports nothing but its classes; used only from init, never timed.
 */
#ifndef TLSBENCH_MBEDTLS_COMMON_H
#define TLSBENCH_MBEDTLS_COMMON_H

#include <string.h>

#include <mbedtls/bignum.h>
#include <mbedtls/ctr_drbg.h>
#include <mbedtls/ecp.h>
#include <mbedtls/entropy.h>
#include <mbedtls/rsa.h>
#include <mbedtls/version.h>

#include "backend.h"
#include "util.h"

#if MBEDTLS_VERSION_MAJOR != 2
#error "the mbedtls adapter is written for the Mbed TLS 2.x API"
#endif
#if !defined(MBEDTLS_CTR_DRBG_C) || !defined(MBEDTLS_ENTROPY_C)
#error "the mbedtls adapter needs MBEDTLS_CTR_DRBG_C and MBEDTLS_ENTROPY_C"
#endif

/* The largest RSA modulus the adapter's stack buffers hold (bytes). */
#define TB_MBEDTLS_RSA_MAX 1024

typedef struct {
    mbedtls_entropy_context entropy;
    mbedtls_ctr_drbg_context drbg;
} tb_mbedtls_rng;

/* Makes rng safe to free; call first in every init that owns one. */
static inline void tb_mbedtls_rng_init(tb_mbedtls_rng *rng)
{
    mbedtls_entropy_init(&rng->entropy);
    mbedtls_ctr_drbg_init(&rng->drbg);
}

/* Seeds the DRBG from the platform entropy source; the personalisation
 * string keeps contexts seeded in the same instant apart. */
static inline tb_status tb_mbedtls_rng_seed(tb_mbedtls_rng *rng,
                                            const char *pers, tb_why *why)
{
    int ret = mbedtls_ctr_drbg_seed(&rng->drbg, mbedtls_entropy_func,
                                    &rng->entropy, (const uint8_t *)pers,
                                    strlen(pers));
    if (ret != 0) {
        tb_why_set(why, "mbedtls_ctr_drbg_seed: -0x%04x", (unsigned)-ret);
        return TB_ERROR;
    }
    return TB_OK;
}

static inline void tb_mbedtls_rng_free(tb_mbedtls_rng *rng)
{
    mbedtls_ctr_drbg_free(&rng->drbg);
    mbedtls_entropy_free(&rng->entropy);
}

#if defined(MBEDTLS_ECP_C)
/* Loads a curve; a curve left out of this build is "unsupported". */
static inline tb_status tb_mbedtls_group_load(mbedtls_ecp_group *grp,
                                              mbedtls_ecp_group_id id,
                                              const char *name, tb_why *why)
{
    int ret = mbedtls_ecp_group_load(grp, id);
    if (ret == MBEDTLS_ERR_ECP_FEATURE_UNAVAILABLE) {
        tb_why_set(why, "%s is not enabled in this Mbed TLS build", name);
        return TB_UNSUPPORTED;
    }
    if (ret != 0) {
        tb_why_set(why, "mbedtls_ecp_group_load(%s): -0x%04x", name,
                   (unsigned)-ret);
        return TB_ERROR;
    }
    return TB_OK;
}
#endif

/* 0 when the big-endian bytes b equal x (an empty b always matches: the
 * part was not given). */
static inline int tb_mbedtls_mpi_matches(const mbedtls_mpi *x, tb_bytes b)
{
    if (b.len == 0) {
        return 0;
    }
    mbedtls_mpi y;
    mbedtls_mpi_init(&y);
    int ret = mbedtls_mpi_read_binary(&y, b.ptr, b.len);
    if (ret == 0 && mbedtls_mpi_cmp_mpi(x, &y) != 0) {
        ret = -1;
    }
    mbedtls_mpi_free(&y);
    return ret;
}

/*
 * Imports key into rsa (already mbedtls_rsa_init'ed). Mbed TLS 2.28 takes
 * N, P, Q, D, E and derives DP, DQ and QP itself in mbedtls_rsa_complete
 * (there is no API to import them), so the given CRT parts are checked
 * against the derived ones instead. *has_private says whether the private
 * half is present.
 */
static inline tb_status tb_mbedtls_rsa_import(mbedtls_rsa_context *rsa,
                                              const tb_rsa_key *key,
                                              int *has_private, tb_why *why)
{
    int priv = key->d.len != 0 && key->p.len != 0 && key->q.len != 0;
    if (key->n.len == 0 || key->e.len == 0 ||
        key->n.len > TB_MBEDTLS_RSA_MAX) {
        tb_why_set(why, "RSA key without modulus/exponent or over %d bytes",
                   TB_MBEDTLS_RSA_MAX);
        return TB_ERROR;
    }
    int ret = mbedtls_rsa_import_raw(
        rsa, key->n.ptr, key->n.len, priv ? key->p.ptr : NULL,
        priv ? key->p.len : 0, priv ? key->q.ptr : NULL, priv ? key->q.len : 0,
        priv ? key->d.ptr : NULL, priv ? key->d.len : 0, key->e.ptr,
        key->e.len);
    if (ret == 0) {
        ret = mbedtls_rsa_complete(rsa);
    }
    if (ret == 0) {
        ret = priv ? mbedtls_rsa_check_privkey(rsa)
                   : mbedtls_rsa_check_pubkey(rsa);
    }
    if (ret != 0) {
        tb_why_set(why, "RSA key import (mbedtls_rsa_import_raw/complete): "
                        "-0x%04x", (unsigned)-ret);
        return TB_ERROR;
    }
    if (priv) {
        mbedtls_mpi dp, dq, qp;
        mbedtls_mpi_init(&dp);
        mbedtls_mpi_init(&dq);
        mbedtls_mpi_init(&qp);
        ret = mbedtls_rsa_export_crt(rsa, &dp, &dq, &qp);
        if (ret == 0 && (tb_mbedtls_mpi_matches(&dp, key->dp) != 0 ||
                         tb_mbedtls_mpi_matches(&dq, key->dq) != 0 ||
                         tb_mbedtls_mpi_matches(&qp, key->qinv) != 0)) {
            ret = -1;
        }
        mbedtls_mpi_free(&dp);
        mbedtls_mpi_free(&dq);
        mbedtls_mpi_free(&qp);
        if (ret != 0) {
            tb_why_set(why, "the key's CRT parts differ from those "
                            "mbedtls_rsa_complete derived");
            return TB_ERROR;
        }
    }
    *has_private = priv;
    return TB_OK;
}

#endif
