#include "measure.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tsc.h"

static double wall_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

int tb_leak_selfcheck(const tb_rsa_kt_class **ctx, tb_ct_gen *g,
                      tb_leak_rng *r, int baseline, char *note,
                      size_t note_len)
{
    size_t k = tb_ct_gen_len(g);
    uint8_t *ct = malloc(k), *block = malloc(k);
    uint8_t pms[TB_PMS_LEN];
    int rc = 0;
    size_t used = 0;
    note[0] = '\0';
    if (ct == NULL || block == NULL) {
        snprintf(note, note_len, "out of memory");
        rc = -1;
        goto out;
    }
    for (int c = 0; c < TB_CT_COUNT && !baseline; c++) {
        tb_ct_make(g, r, c, ct, block);
        if ((*ctx)->decrypt_pms(ctx, pms, ct, k, tb_ct_client_version) != 0) {
            snprintf(note, note_len, "decrypt_pms failed on a %s ciphertext",
                     tb_ct_class_name(c));
            rc = -1;
            goto out;
        }
        const uint8_t *tail = tb_ct_tail48(g, block);
        int same_tail = memcmp(pms, tail, TB_PMS_LEN) == 0;
        if (c == TB_CT_VALID48 && !same_tail) {
            snprintf(note, note_len,
                     "decrypt_pms did not return the secret of a valid "
                     "ciphertext");
            rc = -1;
            goto out;
        }
        /* A valid block of another length has its message right after
         * the first zero byte following the header. */
        const uint8_t *msg = memchr(block + 2, 0, k - 2);
        int same_msg = msg != NULL && (size_t)(block + k - (msg + 1)) >=
                                          TB_PMS_LEN &&
                       memcmp(pms, msg + 1, TB_PMS_LEN) == 0;
        if (c != TB_CT_VALID48 && (same_tail || same_msg) &&
            used + 40 < note_len) {
            int n = snprintf(note + used, note_len - used,
                             "%s%s accepted as valid", used ? "; " : "",
                             tb_ct_class_name(c));
            used += n > 0 ? (size_t)n : 0;
        }
    }
out:
    free(ct);
    free(block);
    return rc;
}

static int grow(tb_leak_samples *s)
{
    if (s->blocks < s->cap) {
        return 0;
    }
    size_t cap = s->cap ? s->cap * 2 : 4096;
    double *t = realloc(s->t, cap * TB_CT_COUNT * sizeof(*t));
    if (t == NULL) {
        return -1;
    }
    s->t = t;
    s->cap = cap;
    return 0;
}

/*
 * One block: a fresh ciphertext per class (made first, untimed), then the
 * classes in a random order, each call between two counter reads. Returns
 * 1 when the block is kept, 0 when the thread changed core inside it, -1
 * when a call failed.
 */
static int one_block(const tb_rsa_kt_class **ctx, tb_ct_gen *g,
                     tb_leak_rng *r, uint8_t *cts, double *row,
                     tb_leak_samples *s)
{
    size_t k = tb_ct_gen_len(g);
    size_t order[TB_CT_COUNT];
    uint64_t ticks[TB_CT_COUNT];
    uint8_t pms[TB_PMS_LEN];
    int moved = 0, bad = -1;
    for (int c = 0; c < TB_CT_COUNT; c++) {
        tb_ct_make(g, r, c, cts + (size_t)c * k, NULL);
    }
    tb_leak_rng_shuffle(r, order, TB_CT_COUNT);
    for (size_t i = 0; i < TB_CT_COUNT; i++) {
        size_t c = order[i];
        const uint8_t *ct = cts + c * k;
        unsigned core0, core1;
        uint64_t t0 = tb_leak_clock_start(&core0);
        int rc = (*ctx)->decrypt_pms(ctx, pms, ct, k, tb_ct_client_version);
        uint64_t t1 = tb_leak_clock_stop(&core1);
        ticks[c] = t1 - t0;
        moved |= core0 != core1;
        if (rc != 0 && bad < 0) {
            bad = (int)c;
        }
    }
    if (bad >= 0) {
        s->failed_class = bad;
        return -1;
    }
    if (moved) {
        return 0;
    }
    for (int c = 0; c < TB_CT_COUNT; c++) {
        row[c] = (double)ticks[c];
    }
    return 1;
}

int tb_leak_measure(const tb_rsa_kt_class **ctx, tb_ct_gen *g,
                    tb_leak_rng *r, const tb_leak_plan *plan,
                    tb_leak_samples *s)
{
    memset(s, 0, sizeof(*s));
    s->failed_class = -1;
    size_t k = tb_ct_gen_len(g);
    uint8_t *cts = malloc(k * TB_CT_COUNT);
    double row[TB_CT_COUNT];
    if (cts == NULL) {
        return -1;
    }
    double start = wall_s(), deadline = start + plan->seconds;
    /* Warm-up (5% of the budget, at most 1 s, at least 3 blocks): the
     * first calls fill the caches and settle the clock speed; their times
     * are dropped. */
    double warm = plan->seconds * 0.05 > 1.0 ? 1.0 : plan->seconds * 0.05;
    int rc = 0;
    for (int i = 0; i < 3 || wall_s() - start < warm; i++) {
        if (one_block(ctx, g, r, cts, row, s) < 0) {
            rc = -1;
            goto out;
        }
    }
    while (s->blocks < plan->max_blocks && wall_s() < deadline) {
        int kept = one_block(ctx, g, r, cts, row, s);
        if (kept < 0) {
            rc = -1;
            break;
        }
        if (kept == 0) {
            s->moved++;
            continue;
        }
        if (grow(s) != 0) {
            rc = -1;
            break;
        }
        memcpy(s->t + s->blocks * TB_CT_COUNT, row, sizeof(row));
        if (plan->raw != NULL) {
            for (int c = 0; c < TB_CT_COUNT; c++) {
                fprintf(plan->raw, "%u,%zu,%s,%.1f\n", plan->bits, s->blocks,
                        tb_ct_class_name(c), row[c] / plan->ghz);
            }
        }
        s->blocks++;
    }
    s->capped = s->blocks >= plan->max_blocks;
out:
    free(cts);
    return rc;
}

void tb_leak_samples_free(tb_leak_samples *s)
{
    free(s->t);
    memset(s, 0, sizeof(*s));
}
