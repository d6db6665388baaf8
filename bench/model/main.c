/*
 * tlsbench-model: the handshake cost model of a run. Reads the run's
 * results.csv and the recipes, keeps the measured rows of handshake.csv,
 * and writes handshake.csv again with model and overhead rows, plus the
 * Markdown section of the report. Every input is checked before anything
 * is written; files appear whole or not at all.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "csvread.h"
#include "model.h"

static const char usage[] =
    "usage: tlsbench-model --recipes FILE --results RESULTS.csv --out "
    "HANDSHAKE.csv\n"
    "           [--measured HANDSHAKE.csv] [--markdown FILE] [--depth N]\n"
    "           [--column NAME] [--retimed RESULTS.csv]...\n"
    "       tlsbench-model --recipes FILE --list\n"
    "  --measured  handshake.csv with measured rows to keep (may be the same\n"
    "              file as --out; its old model and overhead rows are\n"
    "              replaced)\n"
    "  --depth     certificate chain depth: signatures the client verifies\n"
    "              (1 to 16, default 1)\n"
    "  --column    the results.csv column of ns per operation to model from\n"
    "              (default ns_per_op)\n"
    "  --retimed   rows of the same run timed again (beside the\n"
    "              handshakes); each primitive is modelled from the lower\n"
    "              of its two values (up to 16 files)\n";

#define RETIMED_MAX 16

typedef struct {
    const char *recipes, *results, *out, *measured, *markdown, *column;
    const char *retimed[RETIMED_MAX];
    size_t n_retimed;
    unsigned depth;
    int list;
} options;

static int bad(const char *fmt, const char *arg)
{
    fprintf(stderr, "tlsbench-model: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\n%s", usage);
    return -1;
}

static int parse_depth(const char *s, unsigned *out)
{
    char *end;
    errno = 0;
    unsigned long v = strtoul(s, &end, 10);
    if (s[0] < '0' || s[0] > '9' || *end != '\0' || errno != 0 || v < 1 ||
        v > TB_DEPTH_MAX) {
        return bad("--depth '%s': a whole number from 1 to 16", s);
    }
    *out = (unsigned)v;
    return 0;
}

static int parse_args(options *o, int argc, char **argv)
{
    memset(o, 0, sizeof(*o));
    o->depth = 1;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char **slot = strcmp(a, "--recipes") == 0    ? &o->recipes
                            : strcmp(a, "--results") == 0  ? &o->results
                            : strcmp(a, "--out") == 0      ? &o->out
                            : strcmp(a, "--measured") == 0 ? &o->measured
                            : strcmp(a, "--markdown") == 0 ? &o->markdown
                            : strcmp(a, "--column") == 0   ? &o->column
                                                           : NULL;
        if (strcmp(a, "--list") == 0) {
            o->list = 1;
        } else if (strcmp(a, "--retimed") == 0) {
            if (i + 1 >= argc || argv[i + 1][0] == '\0') {
                return bad("%s needs a value", a);
            }
            if (o->n_retimed == RETIMED_MAX) {
                return bad("%s is given more than 16 times", a);
            }
            o->retimed[o->n_retimed++] = argv[++i];
        } else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            fputs(usage, stdout);
            exit(0);
        } else if (slot != NULL || strcmp(a, "--depth") == 0) {
            if (i + 1 >= argc || argv[i + 1][0] == '\0') {
                return bad("%s needs a value", a);
            }
            const char *v = argv[++i];
            if (slot == NULL) {
                if (parse_depth(v, &o->depth) != 0) {
                    return -1;
                }
            } else if (*slot != NULL) {
                return bad("%s is given twice", a);
            } else {
                *slot = v;
            }
        } else {
            return bad("unknown argument '%s'", a);
        }
    }
    if (o->recipes == NULL) {
        return bad("%s", "--recipes is needed");
    }
    if (o->column == NULL) {
        o->column = "ns_per_op";
    }
    if (!o->list && (o->results == NULL || o->out == NULL)) {
        return bad("%s", "--results and --out are needed (or --list)");
    }
    return 0;
}

/* The key of a results row: backend, family, alg, op, size, threads. */
static const char *const key_cols[] = {"backend", "family",     "alg", "op",
                                       "size_bytes", "threads", NULL};
#define N_KEY 6
#define KEY_THREADS 5 /* key_cols[KEY_THREADS] is "threads" */

static int same_key(const tb_table *a, size_t i, const long *ka,
                    const tb_table *b, size_t j, const long *kb)
{
    for (int k = 0; k < N_KEY; k++) {
        if (strcmp(tb_table_get(a, i, ka[k]), tb_table_get(b, j, kb[k])) !=
            0) {
            return 0;
        }
    }
    return 1;
}

/* Points each ok threads=1 cell of column in results at the re-timed value
 * where that is lower. The re-timing must be of the same run (run_id). The
 * cells of retimed stay referenced: it must outlive results' use. */
static int take_lower(tb_table *results, const tb_table *retimed,
                      const char *path, const char *column, size_t *n_rows,
                      size_t *n_lower, char *err, size_t err_len)
{
    static const char *const need[] = {"run_id", "backend",    "family",
                                       "alg",    "op",         "size_bytes",
                                       "threads", "status",    NULL};
    long ka[N_KEY], kb[N_KEY];
    if (tb_table_require(retimed, need, err, err_len) != 0 ||
        tb_table_col(retimed, column) < 0) {
        size_t n = strlen(err);
        snprintf(err + n, err_len - n,
                 "%s%s: not a results.csv with a '%s' column (--retimed)",
                 n ? "; " : "", path, column);
        return -1;
    }
    for (int k = 0; k < N_KEY; k++) {
        ka[k] = tb_table_col(results, key_cols[k]);
        kb[k] = tb_table_col(retimed, key_cols[k]);
    }
    long rc = tb_table_col(results, column);
    long tc = tb_table_col(retimed, column);
    long rs = tb_table_col(results, "status");
    long ts = tb_table_col(retimed, "status");
    long tr = tb_table_col(retimed, "run_id");
    long rr = tb_table_col(results, "run_id");
    const char *run = results->rows ? tb_table_get(results, 0, rr) : "";
    for (size_t j = 0; j < retimed->rows; j++) {
        if (strcmp(tb_table_get(retimed, j, tr), run) != 0) {
            snprintf(err, err_len,
                     "%s line %zu: run_id '%s' is not the run_id '%s' of "
                     "results.csv (--retimed must be of the same run)",
                     path, j + 2, tb_table_get(retimed, j, tr), run);
            return -1;
        }
        int64_t v, w;
        if (strcmp(tb_table_get(retimed, j, ts), "ok") != 0 ||
            strcmp(tb_table_get(retimed, j, kb[KEY_THREADS]), "1") != 0) {
            continue;
        }
        if (tb_fx_parse(tb_table_get(retimed, j, tc), &v) != 0 || v < 0) {
            snprintf(err, err_len,
                     "%s line %zu: %s '%s' is not a non-negative number",
                     path, j + 2, column, tb_table_get(retimed, j, tc));
            return -1;
        }
        for (size_t i = 0; i < results->rows; i++) {
            if (!same_key(results, i, ka, retimed, j, kb)) {
                continue;
            }
            if (strcmp(tb_table_get(results, i, rs), "ok") == 0 &&
                tb_fx_parse(tb_table_get(results, i, rc), &w) == 0) {
                (*n_rows)++;
                if (v < w) {
                    results->cells[i * results->cols + (size_t)rc] =
                        retimed->cells[j * retimed->cols + (size_t)tc];
                    (*n_lower)++;
                }
            }
            break;
        }
    }
    return 0;
}

/* The output may only replace the file whose measured rows it keeps:
 * earlier results are never overwritten. */
static int out_allowed(const options *o)
{
    struct stat so, sm;
    if (stat(o->out, &so) != 0) {
        if (errno == ENOENT) {
            return 0;
        }
        fprintf(stderr, "tlsbench-model: --out %s: %s\n", o->out,
                strerror(errno));
        return -1;
    }
    if (o->measured != NULL && stat(o->measured, &sm) == 0 &&
        so.st_dev == sm.st_dev && so.st_ino == sm.st_ino) {
        return 0;
    }
    fprintf(stderr,
            "tlsbench-model: --out %s exists; pass it as --measured too to "
            "rewrite it keeping its measured rows\n",
            o->out);
    return -1;
}

static void list_recipes(const tb_recipes *r)
{
    for (size_t i = 0; i < r->n_stacks; i++) {
        printf("stack\t%s\t%s\t%s\n", r->stacks[i].name, r->stacks[i].backend,
               r->stacks[i].why);
    }
    for (size_t s = 0; s < r->n_scenarios; s++) {
        printf("scenario\t%s\t%s\n", r->scenarios[s].name,
               r->scenarios[s].why);
        for (size_t i = 0; i < r->n_lines; i++) {
            const tb_recipe_line *l = &r->lines[i];
            char count[16];
            snprintf(count, sizeof(count), "%u", l->count);
            if (l->scenario == s) {
                printf("%s\t%s\t%s\t%s\t%s\t%s\n", r->scenarios[s].name,
                       tb_side_names[l->side], l->component,
                       l->per_depth ? "depth" : count, l->row, l->why);
            }
        }
    }
}

static size_t stacks_used(const tb_model *m, const tb_recipes *r)
{
    size_t n = 0;
    for (size_t s = 0; s < r->n_stacks; s++) {
        n += m->stack_used[s] ? 1 : 0;
    }
    return n;
}

static const char *backends_list(const tb_recipes *r, char *out,
                                 size_t out_len)
{
    size_t used = 0;
    out[0] = '\0';
    for (size_t s = 0; s < r->n_stacks && used < out_len; s++) {
        int n = snprintf(out + used, out_len - used, "%s%s", s ? ", " : "",
                         r->stacks[s].backend);
        used += n > 0 ? (size_t)n : 0;
    }
    return out;
}

static int run(const options *o)
{
    char err[1024];
    tb_recipes r;
    if (tb_recipes_load(&r, o->recipes, err, sizeof(err)) != 0) {
        fprintf(stderr, "tlsbench-model: %s\n", err);
        return 2;
    }
    if (o->list) {
        list_recipes(&r);
        tb_recipes_free(&r);
        return 0;
    }
    tb_table results, measured;
    tb_model m;
    int have_measured = o->measured != NULL;
    int rc = 2;
    memset(&measured, 0, sizeof(measured));
    memset(&m, 0, sizeof(m));
    if (tb_table_load(&results, o->results, err, sizeof(err)) != 0) {
        fprintf(stderr, "tlsbench-model: %s\n", err);
        tb_recipes_free(&r);
        return 2;
    }
    tb_table retimed[RETIMED_MAX];
    size_t n_loaded = 0, n_rows = 0, n_lower = 0;
    int retimed_ok = 1;
    for (size_t k = 0; k < o->n_retimed && retimed_ok; k++) {
        if (tb_table_load(&retimed[k], o->retimed[k], err, sizeof(err)) !=
            0) {
            retimed_ok = 0;
            break;
        }
        n_loaded++;
        retimed_ok = take_lower(&results, &retimed[k], o->retimed[k],
                                o->column, &n_rows, &n_lower, err,
                                sizeof(err)) == 0;
    }
    if (!retimed_ok) {
        fprintf(stderr, "tlsbench-model: %s\n", err);
    } else if (have_measured && tb_table_load(&measured, o->measured, err,
                                              sizeof(err)) != 0) {
        fprintf(stderr, "tlsbench-model: %s\n", err);
    } else if (out_allowed(o) != 0) {
        /* message printed */
    } else if (tb_model_build(&m, &r, &results,
                              have_measured ? &measured : NULL, o->depth,
                              o->column, err, sizeof(err)) != 0) {
        fprintf(stderr, "tlsbench-model: %s\n", err);
    } else if (stacks_used(&m, &r) == 0) {
        /* A run without any TLS stack's backend: nothing to write. */
        fprintf(stderr,
                "tlsbench-model: no stack to model: results.csv has no "
                "rows of their backends (%s) and there are no measured "
                "rows; nothing written\n",
                backends_list(&r, err, sizeof(err)));
        rc = 0;
    } else if (tb_model_write_csv(&m, &r, o->out, err, sizeof(err)) != 0 ||
               (o->markdown != NULL &&
                tb_model_write_markdown(&m, &r, o->recipes, n_rows, n_lower,
                                        o->markdown, err, sizeof(err)) != 0)) {
        fprintf(stderr, "tlsbench-model: %s\n", err);
    } else {
        printf("tlsbench-model: %s: %zu stacks x %zu scenarios modelled "
               "(chain depth %u), %zu measured rows kept\n",
               o->out, stacks_used(&m, &r), r.n_scenarios, o->depth,
               m.n_measured);
        rc = 0;
    }
    tb_model_free(&m);
    tb_table_free(&measured);
    tb_table_free(&results);
    for (size_t k = 0; k < n_loaded; k++) {
        tb_table_free(&retimed[k]);
    }
    tb_recipes_free(&r);
    return rc;
}

int main(int argc, char **argv)
{
    options o;
    if (parse_args(&o, argc, argv) != 0) {
        return 2;
    }
    return run(&o);
}
