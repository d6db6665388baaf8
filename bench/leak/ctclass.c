#include "ctclass.h"

#include <gmp.h>
#include <stdlib.h>
#include <string.h>

const uint8_t tb_ct_client_version[2] = {3, 3};

static const char *const names[TB_CT_COUNT] = {
    "valid48",      "valid0",       "valid47",         "valid49",
    "valid112",     "no_structure", "header_00_01",    "header_01_02",
    "zero_in_padding", "no_separator", "wrong_version"};

static const char *const descs[TB_CT_COUNT] = {
    "valid PKCS#1 v1.5, 48-byte secret starting 03 03 (the reference)",
    "valid padding, empty message",
    "valid padding, 47-byte message",
    "valid padding, 49-byte message",
    "valid padding, 112-byte message",
    "a random integer below n (no structure)",
    "first bytes 00 01 instead of 00 02",
    "first bytes 01 02 instead of 00 02",
    "a zero byte at padding byte 4 (fewer than 8 padding bytes)",
    "no zero byte after the padding",
    "48-byte secret with version 03 02 instead of 03 03"};

const char *tb_ct_class_name(int cls)
{
    return cls >= 0 && cls < TB_CT_COUNT ? names[cls] : "?";
}

const char *tb_ct_class_desc(int cls)
{
    return cls >= 0 && cls < TB_CT_COUNT ? descs[cls] : "?";
}

struct tb_ct_gen {
    size_t k; /* modulus bytes */
    mpz_t n, e, d, m, c;
    int have_d; /* the private exponent, for the blocks of no_structure */
    uint8_t *buf;
};

/* A 112-byte message needs 3 + 8 + 112 bytes of block. */
#define MIN_MODULUS_BYTES 123

tb_ct_gen *tb_ct_gen_new(const tb_rsa_key *key)
{
    if (key->n.len < MIN_MODULUS_BYTES || key->n.ptr[0] == 0 ||
        key->e.len == 0) {
        return NULL;
    }
    tb_ct_gen *g = calloc(1, sizeof(*g));
    if (g == NULL) {
        return NULL;
    }
    g->k = key->n.len;
    g->buf = malloc(g->k);
    if (g->buf == NULL) {
        free(g);
        return NULL;
    }
    mpz_inits(g->n, g->e, g->d, g->m, g->c, NULL);
    mpz_import(g->n, key->n.len, 1, 1, 0, 0, key->n.ptr);
    mpz_import(g->e, key->e.len, 1, 1, 0, 0, key->e.ptr);
    if (key->d.len != 0) {
        mpz_import(g->d, key->d.len, 1, 1, 0, 0, key->d.ptr);
        g->have_d = 1;
    }
    return g;
}

void tb_ct_gen_free(tb_ct_gen *g)
{
    if (g != NULL) {
        mpz_clears(g->n, g->e, g->d, g->m, g->c, NULL);
        free(g->buf);
        free(g);
    }
}

size_t tb_ct_gen_len(const tb_ct_gen *g)
{
    return g->k;
}

const uint8_t *tb_ct_tail48(const tb_ct_gen *g, const uint8_t *block)
{
    return block + g->k - TB_PMS_LEN;
}

/* Big-endian bytes of x, left-padded with zeros to k bytes (x < 256^k). */
static void export_fixed(uint8_t *out, size_t k, const mpz_t x)
{
    size_t count = 0;
    memset(out, 0, k);
    size_t need = (mpz_sizeinbase(x, 2) + 7) / 8;
    if (mpz_sgn(x) != 0) {
        mpz_export(out + (k - need), &count, 1, 1, 0, 0, x);
    }
}

/*
 * 00 02 PS 00 M with M of msg_len bytes: PS is random non-zero and fills
 * the rest (at least 8 bytes, which the callers' lengths guarantee). The
 * message starts 03 03 (TLS 1.2 client_version) when it has two bytes, so
 * that the classes of other lengths differ from the reference only in
 * their length.
 */
static void valid_block(tb_ct_gen *g, tb_leak_rng *r, uint8_t *b,
                        size_t msg_len)
{
    size_t k = g->k, ps_len = k - 3 - msg_len;
    b[0] = 0x00;
    b[1] = 0x02;
    tb_leak_rng_nonzero(r, b + 2, ps_len);
    b[2 + ps_len] = 0x00;
    uint8_t *msg = b + 3 + ps_len;
    tb_leak_rng_bytes(r, msg, msg_len);
    if (msg_len >= 2) {
        msg[0] = tb_ct_client_version[0];
        msg[1] = tb_ct_client_version[1];
    }
}

int tb_ct_make(tb_ct_gen *g, tb_leak_rng *r, int cls, uint8_t *ct,
               uint8_t *block)
{
    size_t k = g->k;
    uint8_t *b = g->buf;
    switch (cls) {
    case TB_CT_VALID48:
        valid_block(g, r, b, TB_PMS_LEN);
        break;
    case TB_CT_VALID0:
        valid_block(g, r, b, 0);
        break;
    case TB_CT_VALID47:
        valid_block(g, r, b, 47);
        break;
    case TB_CT_VALID49:
        valid_block(g, r, b, 49);
        break;
    case TB_CT_VALID112:
        valid_block(g, r, b, 112);
        break;
    case TB_CT_NO_STRUCTURE:
        /* RSA permutes [0, n): a random c is the encryption of a random
         * m, so c is drawn directly (rejection keeps it below n). */
        do {
            tb_leak_rng_bytes(r, ct, k);
            mpz_import(g->c, k, 1, 1, 0, 0, ct);
        } while (mpz_cmp(g->c, g->n) >= 0);
        if (block != NULL) {
            /* Only the self-check and the tests ask for this block;
             * without the private exponent it is left zero. */
            if (g->have_d) {
                mpz_powm(g->m, g->c, g->d, g->n);
                export_fixed(block, k, g->m);
            } else {
                memset(block, 0, k);
            }
        }
        return 0;
    case TB_CT_HEADER_0001:
        valid_block(g, r, b, TB_PMS_LEN);
        b[1] = 0x01;
        break;
    case TB_CT_HEADER_0102:
        /* Below n: the modulus' top byte is at least 0x80 (full length). */
        valid_block(g, r, b, TB_PMS_LEN);
        b[0] = 0x01;
        break;
    case TB_CT_ZERO_IN_PS:
        valid_block(g, r, b, TB_PMS_LEN);
        b[2 + 4] = 0x00;
        break;
    case TB_CT_NO_SEPARATOR:
        b[0] = 0x00;
        b[1] = 0x02;
        tb_leak_rng_nonzero(r, b + 2, k - 2);
        break;
    case TB_CT_WRONG_VERSION:
        valid_block(g, r, b, TB_PMS_LEN);
        b[k - TB_PMS_LEN + 1] = 0x02;
        break;
    default:
        return -1;
    }
    if (block != NULL) {
        memcpy(block, b, k);
    }
    mpz_import(g->m, k, 1, 1, 0, 0, b);
    /* The public exponent is public: mpz_powm's timing reveals nothing,
     * and this is outside the timed region anyway. */
    mpz_powm(g->c, g->m, g->e, g->n);
    export_fixed(ct, k, g->c);
    return 0;
}
