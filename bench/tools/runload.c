#include "runload.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const results_cols[] = {
    "schema_version", "run_id", "backend", "backend_version", "family",
    "alg", "op", "size_bytes", "threads", "repetitions", "iterations",
    "ns_per_op", "ns_min", "ns_max", "cv_percent", "ops_per_s",
    "ops_per_s_per_thread", "mb_per_s", "cycles_per_byte", "cycles_per_op",
    "noisy", "status", "note", NULL};

static const char *const samples_cols[] = {
    "schema_version", "run_id", "backend", "family", "alg", "op",
    "size_bytes", "threads", "repetition", "iterations", "ns_per_op", NULL};

/* A whole-field integer in [lo, hi]. */
static int parse_long(const char *s, long lo, long hi, long *out)
{
    if (s[0] == '\0') {
        return -1;
    }
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno != 0 || *end != '\0' || v < lo || v > hi) {
        return -1;
    }
    *out = v;
    return 0;
}

/* A whole-field finite number; an empty field is NAN when allow_empty. */
static int parse_num(const char *s, int allow_empty, double *out)
{
    if (s[0] == '\0') {
        *out = NAN;
        return allow_empty ? 0 : -1;
    }
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno != 0 || *end != '\0' || !isfinite(v)) {
        return -1;
    }
    *out = v;
    return 0;
}

static int load_table(tb_table *t, const char *dir, const char *file,
                      const char *const *cols, char *err, size_t err_len)
{
    char path[4400], msg[600];
    snprintf(path, sizeof(path), "%s/%s", dir, file);
    FILE *probe = fopen(path, "rb");
    if (probe == NULL && errno == ENOENT) {
        snprintf(err, err_len,
                 "%s is missing: not a run folder made by make bench", path);
        return -1;
    }
    if (probe != NULL) {
        fclose(probe);
    }
    if (tb_table_load(t, path, msg, sizeof(msg)) != 0) {
        snprintf(err, err_len, "%s", msg);
        return -1;
    }
    if (tb_table_require(t, cols, msg, sizeof(msg)) != 0) {
        snprintf(err, err_len,
                 "%s: %s: not a tlsbench %s (its header must name: %s, ...)",
                 path, msg, file, cols[0]);
        return -1;
    }
    if (t->rows == 0) {
        snprintf(err, err_len, "%s: a header and no rows (an empty run)",
                 path);
        return -1;
    }
    return 0;
}

static int same_key(const tb_row *w, const char *backend, const char *family,
                    const char *alg, const char *op, long size, int threads)
{
    return w->size == size && w->threads == threads &&
           strcmp(w->op, op) == 0 && strcmp(w->alg, alg) == 0 &&
           strcmp(w->family, family) == 0 && strcmp(w->backend, backend) == 0;
}

long tb_run_find(const tb_run *r, const char *backend, const char *family,
                 const char *alg, const char *op, long size, int threads)
{
    for (size_t i = 0; i < r->n_rows; i++) {
        if (same_key(&r->rows[i], backend, family, alg, op, size, threads)) {
            return (long)i;
        }
    }
    return -1;
}

/* Fills one row from results.csv line i; returns 0 or -1 (err set). */
static int read_row(tb_run *r, size_t i, tb_row *w, char *err, size_t err_len)
{
    const tb_table *t = &r->res;
    char path[4400];
    snprintf(path, sizeof(path), "%s/results.csv", r->dir);
    w->line = i + 2;
#define CELL(name) tb_table_get(t, i, tb_table_col(t, name))
    const char *sv = CELL("schema_version");
    if (strcmp(sv, "1") != 0) {
        snprintf(err, err_len,
                 "%s line %zu: schema_version '%s' (this tool reads 1)", path,
                 w->line, sv);
        return -1;
    }
    w->backend = CELL("backend");
    w->version = CELL("backend_version");
    w->family = CELL("family");
    w->alg = CELL("alg");
    w->op = CELL("op");
    w->note = CELL("note");
    if (w->backend[0] == '\0' || w->family[0] == '\0' || w->alg[0] == '\0' ||
        w->op[0] == '\0') {
        snprintf(err, err_len, "%s line %zu: empty backend, family, alg or op",
                 path, w->line);
        return -1;
    }
    long v;
    if (parse_long(CELL("size_bytes"), 0, 1L << 40, &w->size) != 0) {
        snprintf(err, err_len, "%s line %zu: size_bytes '%s' is not a size",
                 path, w->line, CELL("size_bytes"));
        return -1;
    }
    if (parse_long(CELL("threads"), 1, 4096, &v) != 0) {
        snprintf(err, err_len,
                 "%s line %zu: threads '%s' is not a thread count", path,
                 w->line, CELL("threads"));
        return -1;
    }
    w->threads = (int)v;
    const char *st = CELL("status");
    if (strcmp(st, "ok") == 0) {
        w->status = TB_ROW_OK;
    } else if (strcmp(st, "unsupported") == 0) {
        w->status = TB_ROW_UNSUPPORTED;
    } else if (strcmp(st, "failed") == 0) {
        w->status = TB_ROW_FAILED;
    } else {
        snprintf(err, err_len,
                 "%s line %zu: status '%s' (valid: ok, unsupported, failed)",
                 path, w->line, st);
        return -1;
    }
    w->ns = w->ns_min = w->ns_max = w->cv = w->ops = NAN;
    w->ops_per_thread = w->mb_per_s = w->cpb = NAN;
    if (w->status != TB_ROW_OK) {
        return 0;
    }
    if (parse_long(CELL("repetitions"), 1, 1000000, &v) != 0) {
        snprintf(err, err_len, "%s line %zu: repetitions '%s' is not a count",
                 path, w->line, CELL("repetitions"));
        return -1;
    }
    w->reps = (int)v;
    static const char *const req[] = {"ns_per_op", "ns_min", "ns_max",
                                      "cv_percent"};
    double *dst[] = {&w->ns, &w->ns_min, &w->ns_max, &w->cv};
    for (size_t k = 0; k < 4; k++) {
        if (parse_num(CELL(req[k]), 0, dst[k]) != 0 || *dst[k] < 0 ||
            (k == 0 && *dst[k] <= 0)) {
            snprintf(err, err_len,
                     "%s line %zu: %s '%s' is not a positive number", path,
                     w->line, req[k], CELL(req[k]));
            return -1;
        }
    }
    static const char *const opt[] = {"ops_per_s", "ops_per_s_per_thread",
                                      "mb_per_s", "cycles_per_byte"};
    double *odst[] = {&w->ops, &w->ops_per_thread, &w->mb_per_s, &w->cpb};
    for (size_t k = 0; k < 4; k++) {
        if (parse_num(CELL(opt[k]), 1, odst[k]) != 0) {
            snprintf(err, err_len, "%s line %zu: %s '%s' is not a number",
                     path, w->line, opt[k], CELL(opt[k]));
            return -1;
        }
    }
    const char *noisy = CELL("noisy");
    if (strcmp(noisy, "0") != 0 && strcmp(noisy, "1") != 0) {
        snprintf(err, err_len, "%s line %zu: noisy '%s' (valid: 0, 1)", path,
                 w->line, noisy);
        return -1;
    }
    w->noisy = noisy[0] == '1';
#undef CELL
    return 0;
}

static int read_samples(tb_run *r, char *err, size_t err_len)
{
    const tb_table *t = &r->smp;
    char path[4400];
    snprintf(path, sizeof(path), "%s/samples.csv", r->dir);
    size_t total = 0;
    for (size_t i = 0; i < r->n_rows; i++) {
        total += r->rows[i].status == TB_ROW_OK ? (size_t)r->rows[i].reps : 0;
    }
    r->sample_buf = calloc(total ? total : 1, sizeof(double));
    if (r->sample_buf == NULL) {
        snprintf(err, err_len, "out of memory");
        return -1;
    }
    /* the round column came with rounds (older runs have none) */
    long c_round = tb_table_col(t, "round");
    if (c_round >= 0) {
        r->round_buf = calloc(total ? total : 1, sizeof(int));
        if (r->round_buf == NULL) {
            snprintf(err, err_len, "out of memory");
            return -1;
        }
    }
    size_t off = 0;
    for (size_t i = 0; i < r->n_rows; i++) {
        if (r->rows[i].status == TB_ROW_OK) {
            r->rows[i].samples = r->sample_buf + off;
            r->rows[i].rounds = r->round_buf ? r->round_buf + off : NULL;
            off += (size_t)r->rows[i].reps;
        }
    }
    long c_be = tb_table_col(t, "backend"), c_fam = tb_table_col(t, "family");
    long c_alg = tb_table_col(t, "alg"), c_op = tb_table_col(t, "op");
    long c_size = tb_table_col(t, "size_bytes");
    long c_thr = tb_table_col(t, "threads"), c_ns = tb_table_col(t, "ns_per_op");
    long c_sv = tb_table_col(t, "schema_version");
    long last = -1; /* samples come grouped by row: try the last one first */
    for (size_t i = 0; i < t->rows; i++) {
        size_t line = i + 2;
        long size, thr;
        double ns;
        if (strcmp(tb_table_get(t, i, c_sv), "1") != 0) {
            snprintf(err, err_len,
                     "%s line %zu: schema_version '%s' (this tool reads 1)",
                     path, line, tb_table_get(t, i, c_sv));
            return -1;
        }
        if (parse_long(tb_table_get(t, i, c_size), 0, 1L << 40, &size) != 0 ||
            parse_long(tb_table_get(t, i, c_thr), 1, 4096, &thr) != 0) {
            snprintf(err, err_len, "%s line %zu: bad size_bytes or threads",
                     path, line);
            return -1;
        }
        if (parse_num(tb_table_get(t, i, c_ns), 0, &ns) != 0 || ns <= 0) {
            snprintf(err, err_len,
                     "%s line %zu: ns_per_op '%s' is not a positive number",
                     path, line, tb_table_get(t, i, c_ns));
            return -1;
        }
        const char *be = tb_table_get(t, i, c_be);
        const char *fam = tb_table_get(t, i, c_fam);
        const char *alg = tb_table_get(t, i, c_alg);
        const char *op = tb_table_get(t, i, c_op);
        long k = last;
        if (k < 0 || !same_key(&r->rows[k], be, fam, alg, op, size, (int)thr)) {
            k = tb_run_find(r, be, fam, alg, op, size, (int)thr);
        }
        if (k < 0 || r->rows[k].status != TB_ROW_OK) {
            snprintf(err, err_len,
                     "%s line %zu: a sample of %s %s/%s/%s/%ld threads=%ld, "
                     "which results.csv has no measured row for",
                     path, line, be, fam, alg, op, size, thr);
            return -1;
        }
        tb_row *w = &r->rows[k];
        long round = 0;
        if (c_round >= 0 &&
            parse_long(tb_table_get(t, i, c_round), 1, 1000, &round) != 0) {
            snprintf(err, err_len,
                     "%s line %zu: round '%s' is not a whole number from 1 "
                     "to 1000",
                     path, line, tb_table_get(t, i, c_round));
            return -1;
        }
        if (w->n_samples >= (size_t)w->reps) {
            snprintf(err, err_len,
                     "%s line %zu: more samples of %s %s/%s/%s/%ld than its "
                     "%d repetitions",
                     path, line, be, fam, alg, op, size, w->reps);
            return -1;
        }
        if (w->rounds != NULL) {
            w->rounds[w->n_samples] = (int)round;
        }
        w->samples[w->n_samples++] = ns;
        last = k;
    }
    for (size_t i = 0; i < r->n_rows; i++) {
        const tb_row *w = &r->rows[i];
        if (w->status == TB_ROW_OK && w->n_samples != (size_t)w->reps) {
            snprintf(err, err_len,
                     "%s: %zu samples of %s %s/%s/%s/%ld threads=%d where "
                     "results.csv line %zu says %d repetitions (truncated?)",
                     path, w->n_samples, w->backend, w->family, w->alg, w->op,
                     w->size, w->threads, w->line, w->reps);
            return -1;
        }
    }
    return 0;
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        return NULL;
    }
    size_t cap = 8192, len = 0, got;
    char *buf = malloc(cap + 1);
    while (buf != NULL && (got = fread(buf + len, 1, cap - len, f)) > 0) {
        len += got;
        if (len == cap) {
            char *nb = realloc(buf, 2 * cap + 1);
            if (nb == NULL) {
                free(buf);
            }
            buf = nb;
            cap *= 2;
        }
    }
    fclose(f);
    if (buf != NULL) {
        buf[len] = '\0';
    }
    return buf;
}

int tb_run_load(tb_run *r, const char *dir, int need_samples, char *err,
                size_t err_len)
{
    memset(r, 0, sizeof(*r));
    size_t dl = strlen(dir);
    while (dl > 1 && dir[dl - 1] == '/') {
        dl--;
    }
    if (dl == 0 || dl >= sizeof(r->dir)) {
        snprintf(err, err_len, "'%s': not a usable folder name", dir);
        return -1;
    }
    memcpy(r->dir, dir, dl);
    r->dir[dl] = '\0';
    const char *base = strrchr(r->dir, '/');
    base = base ? base + 1 : r->dir;
    size_t bl = strlen(base);
    if (bl >= sizeof(r->name)) {
        bl = sizeof(r->name) - 1; /* a label only: cutting it is harmless */
    }
    memcpy(r->name, base, bl);
    r->name[bl] = '\0';
    if (load_table(&r->res, r->dir, "results.csv", results_cols, err,
                   err_len) != 0) {
        tb_run_free(r);
        return -1;
    }
    r->rows = calloc(r->res.rows, sizeof(tb_row));
    if (r->rows == NULL) {
        snprintf(err, err_len, "out of memory");
        tb_run_free(r);
        return -1;
    }
    for (size_t i = 0; i < r->res.rows; i++) {
        tb_row *w = &r->rows[i];
        if (read_row(r, i, w, err, err_len) != 0) {
            tb_run_free(r);
            return -1;
        }
        long dup = tb_run_find(r, w->backend, w->family, w->alg, w->op,
                               w->size, w->threads);
        if (dup >= 0) {
            snprintf(err, err_len,
                     "%s/results.csv line %zu: the row of line %zu again "
                     "(%s %s/%s/%s/%ld threads=%d)",
                     r->dir, w->line, r->rows[dup].line, w->backend,
                     w->family, w->alg, w->op, w->size, w->threads);
            tb_run_free(r);
            return -1;
        }
        r->n_rows++;
    }
    /* the run id names the run (a folder may be a link like latest) */
    const char *id = tb_table_get(&r->res, 0, tb_table_col(&r->res, "run_id"));
    if (id[0] != '\0' && strlen(id) < sizeof(r->name)) {
        strcpy(r->name, id);
    }
    if (need_samples &&
        (load_table(&r->smp, r->dir, "samples.csv", samples_cols, err,
                    err_len) != 0 ||
         read_samples(r, err, err_len) != 0)) {
        tb_run_free(r);
        return -1;
    }
    char path[4400];
    snprintf(path, sizeof(path), "%s/machine.txt", r->dir);
    r->machine = slurp(path);
    return 0;
}

void tb_run_free(tb_run *r)
{
    tb_table_free(&r->res);
    tb_table_free(&r->smp);
    free(r->rows);
    free(r->sample_buf);
    free(r->round_buf);
    free(r->machine);
    r->rows = NULL;
    r->sample_buf = NULL;
    r->round_buf = NULL;
    r->machine = NULL;
    r->n_rows = 0;
}

const char *tb_run_machine(const tb_run *r, const char *key, char *buf,
                           size_t buf_len)
{
    size_t kl = strlen(key);
    for (const char *p = r->machine; p != NULL && *p != '\0';) {
        const char *eol = strchr(p, '\n');
        size_t len = eol ? (size_t)(eol - p) : strlen(p);
        if (len > kl && strncmp(p, key, kl) == 0 && p[kl] == '=') {
            size_t vl = len - kl - 1;
            if (vl >= buf_len) {
                vl = buf_len - 1;
            }
            memcpy(buf, p + kl + 1, vl);
            buf[vl] = '\0';
            return buf;
        }
        p = eol ? eol + 1 : p + len;
    }
    return NULL;
}

const char *tb_row_case(const tb_row *w, char *buf, size_t buf_len)
{
    snprintf(buf, buf_len, "%s/%s/%s/%ld", w->family, w->alg, w->op, w->size);
    return buf;
}

int tb_run_has_backend(const tb_run *r, const char *backend)
{
    for (size_t i = 0; i < r->n_rows; i++) {
        if (strcmp(r->rows[i].backend, backend) == 0) {
            return 1;
        }
    }
    return 0;
}

void tb_run_backends(const tb_run *r, char *buf, size_t buf_len)
{
    size_t len = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < r->n_rows; i++) {
        const char *b = r->rows[i].backend;
        int seen = 0;
        for (size_t j = 0; j < i && !seen; j++) {
            seen = strcmp(r->rows[j].backend, b) == 0;
        }
        if (!seen) {
            int n = snprintf(buf + len, buf_len - len, "%s%s", len ? " " : "",
                             b);
            if (n < 0 || (size_t)n >= buf_len - len) {
                return;
            }
            len += (size_t)n;
        }
    }
}

size_t tb_row_rounds(const tb_row *w)
{
    size_t n = 0;
    for (size_t i = 0; w->rounds != NULL && i < w->n_samples; i++) {
        size_t j = 0;
        while (j < i && w->rounds[j] != w->rounds[i]) {
            j++;
        }
        n += j == i;
    }
    return n;
}

int tb_rows_by_round(const tb_row *a, const tb_row *b)
{
    return tb_row_rounds(a) >= TB_MIN_ROUNDS &&
           tb_row_rounds(b) >= TB_MIN_ROUNDS;
}

int tb_cmp_double(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return (a > b) - (a < b);
}

double *tb_row_test_values(const tb_row *w, int by_round, double scale,
                           size_t *n)
{
    double *out = malloc((w->n_samples + 1) * sizeof(double));
    double *v = malloc((w->n_samples + 1) * sizeof(double));
    if (out == NULL || v == NULL) {
        fprintf(stderr, "tlsbench: out of memory\n");
        exit(2);
    }
    *n = 0;
    for (size_t i = 0; i < w->n_samples; i++) {
        if (!by_round) {
            out[(*n)++] = w->samples[i] / scale;
            continue;
        }
        size_t j = 0, m = 0;
        while (j < i && w->rounds[j] != w->rounds[i]) {
            j++;
        }
        if (j < i) {
            continue; /* its round is done */
        }
        for (j = i; j < w->n_samples; j++) {
            if (w->rounds[j] == w->rounds[i]) {
                v[m++] = w->samples[j];
            }
        }
        qsort(v, m, sizeof(double), tb_cmp_double);
        out[(*n)++] = (m % 2 ? v[m / 2] : (v[m / 2 - 1] + v[m / 2]) / 2) / scale;
    }
    free(v);
    return out;
}
