/* The measurement of one key: a self-check of every class, then blocks of
 * one fresh ciphertext per class in a random order, each decrypt_pms call
 * timed on its own. */
#ifndef TLSBENCH_LEAK_MEASURE_H
#define TLSBENCH_LEAK_MEASURE_H

#include <stddef.h>
#include <stdio.h>

#include "backend.h"
#include "ctclass.h"
#include "rng.h"

typedef struct {
    double seconds;      /* wall-clock budget, warm-up included */
    size_t max_blocks;   /* stop earlier when this many are kept */
    double ghz;          /* counter ticks per ns (for the raw file) */
    unsigned bits;       /* for the raw file */
    FILE *raw;           /* "key_bits,block,class,ns" rows; may be NULL */
} tb_leak_plan;

typedef struct {
    double *t;           /* blocks x TB_CT_COUNT times in counter ticks,
                          * row-major */
    size_t blocks, cap;
    size_t moved;        /* blocks dropped: the thread changed core */
    int capped;          /* stopped at max_blocks, before the budget */
    int failed_class;    /* -1, or the class decrypt_pms returned -1 for */
} tb_leak_samples;

/*
 * Decrypts one fresh ciphertext of every class and checks the result: the
 * valid class must give its secret back, every other class a substitute
 * (neither the block's last 48 bytes nor its message). A backend that
 * takes a broken block as valid is noted (a finding in itself, and the
 * timing check still runs); a wrong valid result is a failure (-1).
 * baseline skips the checks (the null backend does no work). note
 * receives what was seen, or "".
 */
int tb_leak_selfcheck(const tb_rsa_kt_class **ctx, tb_ct_gen *g,
                      tb_leak_rng *r, int baseline, char *note,
                      size_t note_len);

/* Measures until the budget or max_blocks; 0, or -1 when decrypt_pms
 * failed (s->failed_class) or memory ran out. */
int tb_leak_measure(const tb_rsa_kt_class **ctx, tb_ct_gen *g,
                    tb_leak_rng *r, const tb_leak_plan *plan,
                    tb_leak_samples *s);
void tb_leak_samples_free(tb_leak_samples *s);

#endif
