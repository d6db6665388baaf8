/*
 * The benchmark cases: what is timed, with which inputs and sizes. One
 * generic function per family and operation drives every backend; the
 * table of cases is built at run time from the backend's classes.
 */
#ifndef TLSBENCH_CASES_H
#define TLSBENCH_CASES_H

#include <stddef.h>

#include "backend.h"
#include "gbench.h"

typedef enum {
    TB_CASE_OK = 0,
    TB_CASE_UNSUPPORTED,
    TB_CASE_FAILED
} tb_case_status;

typedef struct tb_case tb_case;
struct tb_case {
    char name[96];      /* family/alg/op/size: a benchmark name */
    tb_family fam;
    const char *family; /* "aead", "kex", "rsa", "sig", "prf", "hkdf" */
    const char *alg;    /* "AES-128-GCM", "X25519", "RSA-2048", ... */
    const char *op;     /* "seal", "open", "derive", ... */
    size_t size;        /* bytes per operation (see README); 0 if none */
    int bulk;           /* MB/s and cycles/byte are meaningful */
    int alg_id;         /* the family's enum value */
    int key_idx;        /* RSA key index */
    tb_hash hash;       /* PRF/HKDF hash */
    int variant;        /* op-specific (PRF kind, ...) */
    const void *cls;    /* the backend class pointer (NULL if absent) */
    int baseline;       /* the null backend: nothing to check */
    tb_gb_fn timed;     /* the benchmark function */
    tb_case_status status;
    char note[256];     /* code path, or the reason for unsupported/failed */
};

typedef struct {
    const size_t *aead_sizes;
    size_t n_aead_sizes;
} tb_case_opts;

/* All cases for backend be; returns the count (the array is allocated). */
size_t tb_cases_build(const tb_backend *be, const tb_case_opts *opts,
                      tb_case **out);

/* Checks the case's result once against a known answer or a round trip;
 * sets status and note. Returns the status. */
tb_case_status tb_case_check(tb_case *c);

/* The default AEAD record sizes. */
extern const size_t tb_default_aead_sizes[];
extern const size_t tb_n_default_aead_sizes;

#endif
