/*
 * Ciphertext classes for the pre-master-secret timing check, in the style
 * of the Marvin toolkit: each class is a kind of PKCS#1 v1.5 block (valid,
 * or broken in one specific way) that a TLS server's decryption must treat
 * in the same time as a valid 48-byte pre-master secret. Every query gets
 * a fresh random block, encrypted with the raw public operation m^e mod n
 * (GMP; never timed).
 */
#ifndef TLSBENCH_LEAK_CTCLASS_H
#define TLSBENCH_LEAK_CTCLASS_H

#include <stddef.h>
#include <stdint.h>

#include "backend.h"
#include "rng.h"

typedef enum {
    TB_CT_VALID48 = 0, /* the reference: 00 02 PS 00 03 03 <46 random> */
    TB_CT_VALID0,      /* valid padding, empty message */
    TB_CT_VALID47,     /* valid padding, 47-byte message (03 03 first) */
    TB_CT_VALID49,     /* ... 49 bytes */
    TB_CT_VALID112,    /* ... 112 bytes */
    TB_CT_NO_STRUCTURE, /* a random integer below n */
    TB_CT_HEADER_0001, /* 00 01 instead of 00 02, else valid 48 */
    TB_CT_HEADER_0102, /* 01 02 instead of 00 02, else valid 48 */
    TB_CT_ZERO_IN_PS,  /* a zero at padding byte 4 (of the first 8) */
    TB_CT_NO_SEPARATOR, /* 00 02 then only non-zero bytes */
    TB_CT_WRONG_VERSION, /* valid 48, version 03 02 instead of 03 03 */
    TB_CT_COUNT
} tb_ct_class;

/* Short names as written in leakcheck.csv ("valid48", "no_separator"). */
const char *tb_ct_class_name(int cls);
/* What the class is, for the report. */
const char *tb_ct_class_desc(int cls);

/* The client_version every query is decrypted with (TLS 1.2). */
extern const uint8_t tb_ct_client_version[2];

typedef struct tb_ct_gen tb_ct_gen;

/* A generator for key: (n, e) make the ciphertexts; d, when present,
 * only recovers the block of a no_structure ciphertext for checks. NULL
 * when the key is malformed or too small for a 112-byte message (at least
 * 123 bytes of modulus). */
tb_ct_gen *tb_ct_gen_new(const tb_rsa_key *key);
void tb_ct_gen_free(tb_ct_gen *g);
/* The modulus length in bytes (the ciphertext length). */
size_t tb_ct_gen_len(const tb_ct_gen *g);
/*
 * A fresh ciphertext of class cls into ct (tb_ct_gen_len bytes). When
 * block is not NULL it receives the plaintext block m (same length) so
 * that checks can see the structure (for no_structure, c^d mod n, or
 * zeros without d). Returns 0, or -1 when cls is out of
 * range.
 */
int tb_ct_make(tb_ct_gen *g, tb_leak_rng *r, int cls, uint8_t *ct,
               uint8_t *block);
/* Where a valid 48-byte secret would be inside a block: the last 48
 * bytes. */
const uint8_t *tb_ct_tail48(const tb_ct_gen *g, const uint8_t *block);

#endif
