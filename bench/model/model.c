/* Computing the model: look each recipe row up in results.csv (threads=1)
 * and add count x ns_per_op per (stack, scenario, side); read the measured
 * rows of handshake.csv for the overhead. */
#include "model.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const tb_status_names[3] = {"ok", "unsupported", "failed"};

const char *const tb_hs_columns[TB_HS_NCOLS] = {
    "schema_version", "run_id",    "backend", "scenario", "side",
    "source",         "component", "ns",      "median_us", "p99_us",
    "handshakes_per_s", "count",   "status",  "note"};

enum {
    HS_SCHEMA, HS_RUN, HS_BACKEND, HS_SCENARIO, HS_SIDE, HS_SOURCE,
    HS_COMPONENT, HS_NS, HS_MEDIAN, HS_P99, HS_HPS, HS_COUNT, HS_STATUS,
    HS_NOTE
};

/* The results.csv columns the model reads. */
enum { R_RUN, R_BACKEND, R_FAMILY, R_ALG, R_OP, R_SIZE, R_THREADS, R_NS,
       R_STATUS, R_NOTE, R_NCOLS };
static const char *const results_cols[R_NCOLS + 1] = {
    "run_id", "backend", "family", "alg", "op", "size_bytes", "threads",
    "ns_per_op", "status", "note", NULL};

typedef struct {
    const tb_table *t;
    long col[R_NCOLS];
} results_view;

__attribute__((format(printf, 3, 4))) static int fail(char *err,
                                                      size_t err_len,
                                                      const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, err_len, fmt, ap);
    va_end(ap);
    return -1;
}

static int status_parse(const char *s)
{
    for (int i = 0; i < 3; i++) {
        if (strcmp(s, tb_status_names[i]) == 0) {
            return i;
        }
    }
    return -1;
}

static const char *rget(const results_view *v, size_t row, int col)
{
    return tb_table_get(v->t, row, v->col[col]);
}

/* Every row: one run id, a known status, a number where ok. */
static int results_check(const results_view *v, char *run_id, size_t id_len,
                         char *err, size_t err_len)
{
    if (v->t->rows == 0) {
        return fail(err, err_len, "results.csv has no rows");
    }
    const char *first = rget(v, 0, R_RUN);
    if (first[0] == '\0' || strlen(first) >= id_len) {
        return fail(err, err_len, "results.csv line 2: bad run_id");
    }
    snprintf(run_id, id_len, "%s", first);
    for (size_t i = 0; i < v->t->rows; i++) {
        int64_t ns;
        int st = status_parse(rget(v, i, R_STATUS));
        if (strcmp(rget(v, i, R_RUN), first) != 0) {
            return fail(err, err_len,
                        "results.csv line %zu: run_id '%s' differs from "
                        "'%s' (one run per file)",
                        i + 2, rget(v, i, R_RUN), first);
        }
        if (st < 0) {
            return fail(err, err_len,
                        "results.csv line %zu: status '%s' (valid: ok, "
                        "unsupported, failed)",
                        i + 2, rget(v, i, R_STATUS));
        }
        if (st == TB_ST_OK &&
            (tb_fx_parse(rget(v, i, R_NS), &ns) != 0 || ns < 0)) {
            return fail(err, err_len,
                        "results.csv line %zu: %s '%s' is not a "
                        "non-negative number",
                        i + 2, v->t->header[v->col[R_NS]], rget(v, i, R_NS));
        }
    }
    return 0;
}

static int backend_present(const results_view *v, const char *backend)
{
    for (size_t i = 0; i < v->t->rows; i++) {
        if (strcmp(rget(v, i, R_BACKEND), backend) == 0) {
            return 1;
        }
    }
    return 0;
}

/* The row of backend for line at threads=1: its index, -1 when there is
 * none, -2 when there are two. */
static long find_row(const results_view *v, const char *backend,
                     const tb_recipe_line *l)
{
    long found = -1;
    for (size_t i = 0; i < v->t->rows; i++) {
        if (strcmp(rget(v, i, R_BACKEND), backend) == 0 &&
            strcmp(rget(v, i, R_THREADS), "1") == 0 &&
            strcmp(rget(v, i, R_FAMILY), l->family) == 0 &&
            strcmp(rget(v, i, R_ALG), l->alg) == 0 &&
            strcmp(rget(v, i, R_OP), l->op) == 0 &&
            strcmp(rget(v, i, R_SIZE), l->size) == 0) {
            if (found >= 0) {
                return -2;
            }
            found = (long)i;
        }
    }
    return found;
}

/* One component: count x the row's ns_per_op. Returns 0, or -1 for bad
 * input (a duplicate row, an overflow). */
static int part_compute(tb_model_part *p, const results_view *v,
                        const char *backend, const tb_recipe_line *l,
                        unsigned depth, char *err, size_t err_len)
{
    p->line = l;
    p->count = l->per_depth ? depth : l->count;
    long row = find_row(v, backend, l);
    if (row == -2) {
        return fail(err, err_len,
                    "results.csv has two rows %s threads=1 for %s", l->row,
                    backend);
    }
    if (row < 0) {
        p->status = TB_ST_UNSUPPORTED;
        snprintf(p->note, sizeof(p->note),
                 "missing row %s (threads=1) of %s in results.csv: %s",
                 l->row, backend, l->why);
        return 0;
    }
    p->status = (tb_row_status)status_parse(rget(v, (size_t)row, R_STATUS));
    if (p->status != TB_ST_OK) {
        snprintf(p->note, sizeof(p->note), "row %s of %s is %s (%s): %s",
                 l->row, backend, tb_status_names[p->status],
                 rget(v, (size_t)row, R_NOTE), l->why);
        return 0;
    }
    tb_fx_parse(rget(v, (size_t)row, R_NS), &p->ns_per_op);
    if (tb_fx_mul(p->ns_per_op, (int64_t)p->count, &p->ns) != 0) {
        return fail(err, err_len, "%s of %s: value too large", l->row,
                    backend);
    }
    char per[48];
    const char *col = v->t->header[v->col[R_NS]];
    int other = strcmp(col, "ns_per_op") != 0;
    tb_fx_format(per, sizeof(per), p->ns_per_op);
    snprintf(p->note, sizeof(p->note), "%u x %s of %s at %s ns%s%s%s: %s",
             p->count, l->row, backend, per, other ? " (" : "",
             other ? col : "", other ? ")" : "", l->why);
    return 0;
}

/* The sum of the parts, or the worst status with the rows named. */
static int total_compute(tb_model_total *t, const tb_recipe_stack *stack,
                         unsigned depth, char *err, size_t err_len)
{
    t->status = TB_ST_OK;
    t->ns = 0;
    char missing[400] = "";
    size_t used = 0;
    for (size_t i = 0; i < t->n_parts; i++) {
        const tb_model_part *p = &t->parts[i];
        if (p->status != TB_ST_OK) {
            if (p->status > t->status) {
                t->status = p->status;
            }
            if (used < sizeof(missing)) {
                int n = snprintf(missing + used, sizeof(missing) - used,
                                 "%s%s (%s)", used ? ", " : "", p->line->row,
                                 tb_status_names[p->status]);
                used += n > 0 ? (size_t)n : 0;
            }
        } else if (tb_fx_add(t->ns, p->ns, &t->ns) != 0) {
            return fail(err, err_len, "model total too large");
        }
    }
    if (t->status == TB_ST_OK) {
        snprintf(t->note, sizeof(t->note),
                 "sum of %zu components from the %s rows; chain depth %u",
                 t->n_parts, stack->backend, depth);
    } else {
        t->ns = 0;
        snprintf(t->note, sizeof(t->note),
                 "not modelled: no usable %s row for %s", stack->backend,
                 missing);
    }
    return 0;
}

static int measured_side(const char *s)
{
    for (int i = 0; i < TB_SIDE_COUNT; i++) {
        if (strcmp(s, tb_side_names[i]) == 0) {
            return i;
        }
    }
    return -1;
}

static void names_list(const tb_recipes *r, int stacks, char *out,
                       size_t out_len)
{
    size_t used = 0, n = stacks ? r->n_stacks : r->n_scenarios;
    out[0] = '\0';
    for (size_t i = 0; i < n && used < out_len; i++) {
        int k = snprintf(out + used, out_len - used, "%s%s", i ? ", " : "",
                         stacks ? r->stacks[i].name : r->scenarios[i].name);
        used += k > 0 ? (size_t)k : 0;
    }
}

/* Checks one measured row and fills mr; -1 with err for bad input. */
static int measured_row(tb_measured *mr, const tb_recipes *r,
                        const tb_table *t, size_t i, char *err,
                        size_t err_len)
{
    char list[600];
    size_t line = i + 2;
    for (int c = 0; c < TB_HS_NCOLS; c++) {
        mr->cells[c] = tb_table_get(t, i, c);
    }
    long st = tb_recipes_stack(r, mr->cells[HS_BACKEND]);
    long sc = tb_recipes_scenario(r, mr->cells[HS_SCENARIO]);
    int side = measured_side(mr->cells[HS_SIDE]);
    int status = status_parse(mr->cells[HS_STATUS]);
    if (st < 0) {
        names_list(r, 1, list, sizeof(list));
        return fail(err, err_len,
                    "handshake.csv line %zu: stack '%s' has no recipe "
                    "(valid: %s)",
                    line, mr->cells[HS_BACKEND], list);
    }
    if (sc < 0) {
        names_list(r, 0, list, sizeof(list));
        return fail(err, err_len,
                    "handshake.csv line %zu: scenario '%s' has no recipe "
                    "(valid: %s)",
                    line, mr->cells[HS_SCENARIO], list);
    }
    if (side < 0 || status < 0) {
        return fail(err, err_len,
                    "handshake.csv line %zu: side '%s' / status '%s' (valid: "
                    "client, server / ok, unsupported, failed)",
                    line, mr->cells[HS_SIDE], mr->cells[HS_STATUS]);
    }
    mr->stack = (size_t)st;
    mr->scenario = (size_t)sc;
    mr->side = side;
    mr->status = (tb_row_status)status;
    mr->ns = 0;
    if (status == TB_ST_OK &&
        (tb_fx_parse(mr->cells[HS_NS], &mr->ns) != 0 || mr->ns < 0)) {
        return fail(err, err_len,
                    "handshake.csv line %zu: ns '%s' is not a non-negative "
                    "number",
                    line, mr->cells[HS_NS]);
    }
    return 0;
}

/* The measurement notes the chain depth it used ("chain depth N"); a model
 * of another depth would make the overhead meaningless. */
static int depth_check(const tb_measured *mr, unsigned depth, size_t line,
                       char *err, size_t err_len)
{
    const char *p = strstr(mr->cells[HS_NOTE], "chain depth ");
    if (p == NULL) {
        return 0;
    }
    char *end;
    unsigned long d = strtoul(p + strlen("chain depth "), &end, 10);
    if (end == p + strlen("chain depth ") || d == depth) {
        return 0;
    }
    return fail(err, err_len,
                "handshake.csv line %zu: measured with chain depth %lu, but "
                "the model's depth is %u (give both stages the same "
                "CHAIN_DEPTH)",
                line, d, depth);
}

/* Keeps the measured rows (model and overhead rows are made again). */
static int measured_load(tb_model *m, const tb_recipes *r, tb_table *t,
                         char *err, size_t err_len)
{
    if (t->cols != TB_HS_NCOLS) {
        return fail(err, err_len,
                    "handshake.csv has %zu columns, not the %d of its "
                    "header (schema_version,...,note)",
                    t->cols, TB_HS_NCOLS);
    }
    for (int c = 0; c < TB_HS_NCOLS; c++) {
        if (strcmp(t->header[c], tb_hs_columns[c]) != 0) {
            return fail(err, err_len,
                        "handshake.csv column %d is '%s', expected '%s'",
                        c + 1, t->header[c], tb_hs_columns[c]);
        }
    }
    m->measured = calloc(t->rows ? t->rows : 1, sizeof(*m->measured));
    if (m->measured == NULL) {
        return fail(err, err_len, "out of memory");
    }
    for (size_t i = 0; i < t->rows; i++) {
        const char *src = tb_table_get(t, i, HS_SOURCE);
        if (strcmp(src, "model") == 0 || strcmp(src, "overhead") == 0) {
            continue;
        }
        if (strcmp(src, "measured") != 0) {
            return fail(err, err_len,
                        "handshake.csv line %zu: source '%s' (valid: "
                        "measured, model, overhead)",
                        i + 2, src);
        }
        if (strcmp(tb_table_get(t, i, HS_RUN), m->run_id) != 0) {
            return fail(err, err_len,
                        "handshake.csv line %zu: run_id '%s' is not the "
                        "run_id '%s' of results.csv (files of two runs)",
                        i + 2, tb_table_get(t, i, HS_RUN), m->run_id);
        }
        tb_measured *mr = &m->measured[m->n_measured];
        if (measured_row(mr, r, t, i, err, err_len) != 0 ||
            depth_check(mr, m->depth, i + 2, err, err_len) != 0) {
            return -1;
        }
        for (size_t j = 0; j < m->n_measured; j++) {
            const tb_measured *o = &m->measured[j];
            if (o->stack == mr->stack && o->scenario == mr->scenario &&
                o->side == mr->side &&
                strcmp(o->cells[HS_COMPONENT], mr->cells[HS_COMPONENT]) ==
                    0) {
                return fail(err, err_len,
                            "handshake.csv line %zu: a second measured row "
                            "for %s %s %s",
                            i + 2, mr->cells[HS_BACKEND],
                            mr->cells[HS_SCENARIO], mr->cells[HS_SIDE]);
            }
        }
        m->n_measured++;
    }
    return 0;
}

static int model_compute(tb_model *m, const tb_recipes *r,
                         const results_view *v, char *err, size_t err_len)
{
    size_t n_sides = r->n_scenarios * TB_SIDE_COUNT;
    m->n_totals = r->n_stacks * n_sides;
    m->totals = calloc(m->n_totals, sizeof(*m->totals));
    m->n_parts = r->n_stacks * r->n_lines;
    m->parts = calloc(m->n_parts ? m->n_parts : 1, sizeof(*m->parts));
    if (m->totals == NULL || m->parts == NULL) {
        return fail(err, err_len, "out of memory");
    }
    tb_model_part *next = m->parts;
    for (size_t s = 0; s < r->n_stacks; s++) {
        for (size_t k = 0; k < n_sides; k++) {
            tb_model_total *t = &m->totals[s * n_sides + k];
            t->stack = s;
            t->scenario = k / TB_SIDE_COUNT;
            t->side = (int)(k % TB_SIDE_COUNT);
            t->parts = next;
            for (size_t i = 0; i < r->n_lines; i++) {
                const tb_recipe_line *l = &r->lines[i];
                if (l->scenario != t->scenario || l->side != t->side ||
                    !m->stack_used[s]) {
                    continue;
                }
                if (part_compute(&t->parts[t->n_parts++], v,
                                 r->stacks[s].backend, l, m->depth, err,
                                 err_len) != 0) {
                    return -1;
                }
            }
            next += t->n_parts;
            if (m->stack_used[s] &&
                total_compute(t, &r->stacks[s], m->depth, err, err_len) !=
                    0) {
                return -1;
            }
        }
    }
    return 0;
}

int tb_model_build(tb_model *m, const tb_recipes *r, const tb_table *results,
                   tb_table *measured, unsigned depth, const char *column,
                   char *err, size_t err_len)
{
    memset(m, 0, sizeof(*m));
    m->depth = depth;
    results_view v = {results, {0}};
    for (int c = 0; c < R_NCOLS; c++) {
        v.col[c] = tb_table_col(results, results_cols[c]);
    }
    if (tb_table_require(results, results_cols, err, err_len) != 0) {
        char msg[200];
        snprintf(msg, sizeof(msg), "results.csv: %s (not a results.csv)",
                 err);
        return fail(err, err_len, "%s", msg);
    }
    /* Another column of the same unit may stand in for ns_per_op (e.g. a
     * CPU-time column, steadier on a loaded machine). */
    if (strlen(column) >= sizeof(m->column) ||
        (v.col[R_NS] = tb_table_col(results, column)) < 0) {
        return fail(err, err_len,
                    "results.csv has no column '%s' (--column names a "
                    "column of nanoseconds per operation, e.g. ns_per_op "
                    "or ns_min)",
                    column);
    }
    snprintf(m->column, sizeof(m->column), "%s", column);
    if (results_check(&v, m->run_id, sizeof(m->run_id), err, err_len) !=
        0) {
        return -1;
    }
    if (measured != NULL &&
        measured_load(m, r, measured, err, err_len) != 0) {
        return -1;
    }
    m->stack_used = calloc(r->n_stacks, sizeof(int));
    if (m->stack_used == NULL) {
        return fail(err, err_len, "out of memory");
    }
    for (size_t s = 0; s < r->n_stacks; s++) {
        m->stack_used[s] = backend_present(&v, r->stacks[s].backend);
    }
    for (size_t i = 0; i < m->n_measured; i++) {
        m->stack_used[m->measured[i].stack] = 1;
    }
    return model_compute(m, r, &v, err, err_len);
}

const tb_model_total *tb_model_find(const tb_model *m, size_t stack,
                                    size_t scenario, int side)
{
    for (size_t i = 0; i < m->n_totals; i++) {
        const tb_model_total *t = &m->totals[i];
        if (t->stack == stack && t->scenario == scenario && t->side == side) {
            return m->stack_used[stack] ? t : NULL;
        }
    }
    return NULL;
}

void tb_model_free(tb_model *m)
{
    free(m->parts);
    free(m->totals);
    free(m->stack_used);
    free(m->measured);
    memset(m, 0, sizeof(*m));
}
