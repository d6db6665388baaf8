/* Writing the model out: handshake.csv (measured rows kept, model and
 * overhead rows added) and the Markdown section of the run's report. */
#include "model.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"

enum { C_SCHEMA, C_RUN, C_BACKEND, C_SCENARIO, C_SIDE, C_SOURCE,
       C_COMPONENT, C_NS, C_MEDIAN, C_P99, C_HPS, C_COUNT, C_STATUS,
       C_NOTE };

#define SCHEMA_VERSION "1"

static void write_row(FILE *f, const char *const cells[TB_HS_NCOLS])
{
    for (int c = 0; c < TB_HS_NCOLS; c++) {
        tb_csv_field(f, c ? ',' : 0, cells[c]);
    }
    fputc('\n', f);
}

/* The cells every model or overhead row shares. */
static void row_init(const char *cells[TB_HS_NCOLS], const tb_model *m,
                     const tb_recipes *r, const tb_model_total *t,
                     const char *source)
{
    for (int c = 0; c < TB_HS_NCOLS; c++) {
        cells[c] = "";
    }
    cells[C_SCHEMA] = SCHEMA_VERSION;
    cells[C_RUN] = m->run_id;
    cells[C_BACKEND] = r->stacks[t->stack].name;
    cells[C_SCENARIO] = r->scenarios[t->scenario].name;
    cells[C_SIDE] = tb_side_names[t->side];
    cells[C_SOURCE] = source;
}

static void write_model_rows(FILE *f, const tb_model *m, const tb_recipes *r,
                             const tb_model_total *t)
{
    const char *cells[TB_HS_NCOLS];
    char ns[48], count[16];
    for (size_t i = 0; i < t->n_parts; i++) {
        const tb_model_part *p = &t->parts[i];
        row_init(cells, m, r, t, "model");
        cells[C_COMPONENT] = p->line->component;
        tb_fx_format(ns, sizeof(ns), p->ns);
        snprintf(count, sizeof(count), "%u", p->count);
        cells[C_NS] = p->status == TB_ST_OK ? ns : "";
        cells[C_COUNT] = count;
        cells[C_STATUS] = tb_status_names[p->status];
        cells[C_NOTE] = p->note;
        write_row(f, cells);
    }
    row_init(cells, m, r, t, "model");
    cells[C_COMPONENT] = "total";
    tb_fx_format(ns, sizeof(ns), t->ns);
    cells[C_NS] = t->status == TB_ST_OK ? ns : "";
    cells[C_STATUS] = tb_status_names[t->status];
    cells[C_NOTE] = t->note;
    write_row(f, cells);
}

/* The measured total of (stack, scenario, side), or NULL. */
static const tb_measured *measured_total(const tb_model *m, size_t stack,
                                         size_t scenario, int side)
{
    for (size_t i = 0; i < m->n_measured; i++) {
        const tb_measured *mr = &m->measured[i];
        if (mr->stack == stack && mr->scenario == scenario &&
            mr->side == side && strcmp(mr->cells[C_COMPONENT], "total") == 0) {
            return mr;
        }
    }
    return NULL;
}

/* measured minus model, with its status and a note. */
static void write_overhead_row(FILE *f, const tb_model *m,
                               const tb_recipes *r, const tb_measured *mr,
                               const tb_model_total *t)
{
    const char *cells[TB_HS_NCOLS];
    char ns[48], note[700], a[48], b[48];
    int64_t d;
    row_init(cells, m, r, t, "overhead");
    cells[C_COMPONENT] = "total";
    if (mr->status != TB_ST_OK) {
        cells[C_STATUS] = tb_status_names[mr->status];
        snprintf(note, sizeof(note), "not measured: %s", mr->cells[C_NOTE]);
    } else if (t->status != TB_ST_OK) {
        cells[C_STATUS] = tb_status_names[t->status];
        snprintf(note, sizeof(note), "no model: %s", t->note);
    } else if (tb_fx_add(mr->ns, -t->ns, &d) != 0) {
        cells[C_STATUS] = "failed";
        snprintf(note, sizeof(note), "measured minus model: out of range");
    } else {
        tb_fx_format(ns, sizeof(ns), d);
        tb_fx_format(a, sizeof(a), mr->ns);
        tb_fx_format(b, sizeof(b), t->ns);
        double share = mr->ns > 0 ? 100.0 * (double)t->ns / (double)mr->ns
                                  : 0.0;
        snprintf(note, sizeof(note),
                 "measured median %s ns minus model %s ns; %s%.1f%% of the "
                 "measured time",
                 a, b,
                 d < 0 ? "NEGATIVE: the model exceeds the measurement, "
                         "model = "
                       : "the model is ",
                 share);
        cells[C_NS] = ns;
        cells[C_STATUS] = "ok";
    }
    cells[C_NOTE] = note;
    write_row(f, cells);
}

/* Commits out (written whole) or, on any write error, removes it. */
static int finish(tb_csv_file *out, const char *path, char *err,
                  size_t err_len)
{
    if (ferror(out->f) || tb_csv_commit(out) != 0) {
        snprintf(err, err_len, "%s: write failed: %s", path,
                 strerror(errno));
        tb_csv_abort(out); /* removes the file unless commit did */
        return -1;
    }
    return 0;
}

int tb_model_write_csv(const tb_model *m, const tb_recipes *r,
                       const char *path, char *err, size_t err_len)
{
    tb_csv_file out;
    if (tb_csv_open(&out, path) != 0) {
        snprintf(err, err_len, "%s: cannot write: %s", path,
                 strerror(errno));
        return -1;
    }
    FILE *f = out.f;
    write_row(f, tb_hs_columns);
    for (size_t i = 0; i < m->n_measured; i++) {
        write_row(f, m->measured[i].cells);
    }
    for (size_t i = 0; i < m->n_totals; i++) {
        if (m->stack_used[m->totals[i].stack]) {
            write_model_rows(f, m, r, &m->totals[i]);
        }
    }
    for (size_t i = 0; i < m->n_totals; i++) {
        const tb_model_total *t = &m->totals[i];
        const tb_measured *mr =
            m->stack_used[t->stack]
                ? measured_total(m, t->stack, t->scenario, t->side)
                : NULL;
        if (mr != NULL) {
            write_overhead_row(f, m, r, mr, t);
        }
    }
    return finish(&out, path, err, err_len);
}

/* ------------------------------------------------------------ Markdown */

static double us(int64_t fx)
{
    return (double)fx / (1000.0 * TB_FX_ONE);
}

/* The largest component and its share of the total. */
static void largest_part(char *out, size_t out_len, const tb_model_total *t)
{
    const tb_model_part *best = NULL;
    for (size_t i = 0; i < t->n_parts; i++) {
        if (best == NULL || t->parts[i].ns > best->ns) {
            best = &t->parts[i];
        }
    }
    if (best == NULL || t->ns <= 0) {
        snprintf(out, out_len, "-");
        return;
    }
    snprintf(out, out_len, "%s %.1f (%.0f%%)", best->line->component,
             us(best->ns), 100.0 * (double)best->ns / (double)t->ns);
}

/* A number cell of the measured row, rounded for reading; as it is when it
 * is not a number. */
static void cell_number(FILE *f, const char *cell, const char *fmt)
{
    char *end;
    double v = strtod(cell, &end);
    if (cell[0] != '\0' && *end == '\0') {
        fputc(' ', f);
        fprintf(f, fmt, v);
        fputs(" |", f);
    } else {
        fprintf(f, " %s |", cell);
    }
}

static void md_scenario(FILE *f, const tb_model *m, const tb_recipes *r,
                        size_t sc)
{
    fprintf(f, "\n### %s\n\n%s\n\n", r->scenarios[sc].name,
            r->scenarios[sc].why);
    fprintf(f, "| stack | side | model µs | largest part µs | measured "
               "median µs | p99 µs | handshakes/s | overhead µs | model / "
               "measured |\n");
    fprintf(f, "|---|---|--:|---|--:|--:|--:|--:|--:|\n");
    for (size_t s = 0; s < r->n_stacks; s++) {
        for (int side = 0; side < TB_SIDE_COUNT; side++) {
            const tb_model_total *t = tb_model_find(m, s, sc, side);
            if (t == NULL) {
                continue;
            }
            const tb_measured *mr = measured_total(m, s, sc, side);
            char model[64], part[128];
            if (t->status == TB_ST_OK) {
                snprintf(model, sizeof(model), "%.1f", us(t->ns));
                largest_part(part, sizeof(part), t);
            } else {
                snprintf(model, sizeof(model), "%s",
                         tb_status_names[t->status]);
                snprintf(part, sizeof(part), "%s", "-");
            }
            fprintf(f, "| %s | %s | %s | %s |", r->stacks[s].name,
                    tb_side_names[side], model, part);
            if (mr == NULL || mr->status != TB_ST_OK) {
                fprintf(f, " %s | | | | |\n",
                        mr ? tb_status_names[mr->status] : "not measured");
                continue;
            }
            fprintf(f, " %.1f |", us(mr->ns));
            cell_number(f, mr->cells[C_P99], "%.1f");
            cell_number(f, mr->cells[C_HPS], "%.0f");
            if (t->status == TB_ST_OK && mr->ns > 0) {
                fprintf(f, " %.1f | %.0f%% |\n", us(mr->ns - t->ns),
                        100.0 * (double)t->ns / (double)mr->ns);
            } else {
                fprintf(f, " | |\n");
            }
        }
    }
    for (size_t s = 0; s < r->n_stacks; s++) {
        for (int side = 0; side < TB_SIDE_COUNT; side++) {
            const tb_model_total *t = tb_model_find(m, s, sc, side);
            if (t != NULL && t->status != TB_ST_OK) {
                fprintf(f, "\n- %s %s: %s", r->stacks[s].name,
                        tb_side_names[side], t->note);
            }
        }
    }
    fputc('\n', f);
}

/* A measurement below the model by less than this fraction is within the
 * noise of two timings taken apart on a shared machine. */
#define FLOOR_NOISE 0.03

/* Target: the model is a floor (measured >= model). */
static void md_floor(FILE *f, const tb_model *m, const tb_recipes *r)
{
    size_t n = 0, below = 0, noise = 0;
    for (size_t i = 0; i < m->n_measured; i++) {
        const tb_measured *mr = &m->measured[i];
        const tb_model_total *t =
            tb_model_find(m, mr->stack, mr->scenario, mr->side);
        if (strcmp(mr->cells[C_COMPONENT], "total") != 0 || t == NULL ||
            mr->status != TB_ST_OK || t->status != TB_ST_OK) {
            continue;
        }
        n++;
        if (mr->ns < t->ns) {
            double gap = 1.0 - (double)mr->ns / (double)t->ns;
            if (below++ == 0) {
                fprintf(f, "- Measured below the model (the model is "
                           "meant as a floor):\n");
            }
            noise += gap < FLOOR_NOISE;
            fprintf(f, "  - %s %s %s: measured %.1f µs < model %.1f µs "
                       "(%.1f%% below%s)\n",
                    r->stacks[mr->stack].name,
                    r->scenarios[mr->scenario].name, tb_side_names[mr->side],
                    us(mr->ns), us(t->ns), 100 * gap,
                    gap < FLOOR_NOISE ? ", within the noise" : "");
        }
    }
    fprintf(f, "- Model as a floor: measured >= model in %zu of %zu "
               "(stack, scenario, side) cases with both figures",
            n - below, n);
    if (below > 0) {
        fprintf(f, "; %zu more within %.0f%% of it (noise), %zu further "
                   "below",
                noise, 100 * FLOOR_NOISE, below - noise);
    }
    fputs(".\n", f);
    if (below > 0) {
        /* The usual cause, worth saying where the reader sees it. */
        fprintf(f, "- Where the model exceeds the measurement: the "
                   "adapters make the same library calls as the stacks, "
                   "so the cause is timing, not work. The model and the "
                   "handshakes are timed at different moments, and a "
                   "shared machine's speed drifts between them; where the "
                   "protocol's own work is a few percent of a handshake "
                   "side (RSA and NIST-curve sides of the slower "
                   "libraries), that drift can put the median below the "
                   "model. A row with a high cv_percent or noisy=1 is "
                   "suspect too (machine.txt: stability_warnings).\n");
    }
}

/* Target: resumed TLS 1.2 at least 5 times cheaper than full RSA
 * (client + server medians). */
static void md_resume(FILE *f, const tb_model *m, const tb_recipes *r)
{
    long full = tb_recipes_scenario(r, "tls12-rsa");
    long res = tb_recipes_scenario(r, "tls12-resume");
    if (full < 0 || res < 0) {
        return;
    }
    for (size_t s = 0; s < r->n_stacks; s++) {
        int64_t a = 0, b = 0;
        int ok = 1;
        for (int side = 0; side < TB_SIDE_COUNT; side++) {
            const tb_measured *x = measured_total(m, s, (size_t)full, side);
            const tb_measured *y = measured_total(m, s, (size_t)res, side);
            ok &= x && y && x->status == TB_ST_OK && y->status == TB_ST_OK;
            a += ok ? x->ns : 0;
            b += ok ? y->ns : 0;
        }
        if (ok && b > 0) {
            double ratio = (double)a / (double)b;
            fprintf(f, "- %s: full tls12-rsa %.1f µs, tls12-resume %.1f µs "
                       "(client + server): %.1fx cheaper (target >= 5x: "
                       "%s)\n",
                    r->stacks[s].name, us(a), us(b), ratio,
                    ratio >= 5.0 ? "met" : "NOT met");
        }
    }
}

int tb_model_write_markdown(const tb_model *m, const tb_recipes *r,
                            const char *recipes_path, size_t n_retimed,
                            size_t n_lowered, const char *path, char *err,
                            size_t err_len)
{
    tb_csv_file out;
    if (tb_csv_open(&out, path) != 0) {
        snprintf(err, err_len, "%s: cannot write: %s", path,
                 strerror(errno));
        return -1;
    }
    FILE *f = out.f;
    fprintf(f,
            "## Handshakes: model and measurement\n\n"
            "Model: the crypto of one handshake as the sum of this run's "
            "primitive costs (%s, threads=1) per the recipes in "
            "`%s`; certificate chain depth %u. GnuTLS is modelled with the "
            "Nettle rows. Measured: the median (and p99) of real in-memory "
            "handshakes, each side's own calls timed. Overhead = measured "
            "median - model: the protocol work the model leaves out "
            "(building and parsing messages, transcript hashes, record "
            "protection, certificate parsing, allocation, copies). "
            "Parts: ecdhe = key exchange, ske = ServerKeyExchange "
            "signature, cv = CertificateVerify signature, cert_verify = "
            "the certificate's signature, pms = pre-master secret, "
            "finished_hmac = the Finished MACs, binder = the PSK binder, "
            "ticket_open = session ticket decryption.\n",
            m->column, recipes_path, m->depth);
    if (n_retimed > 0) {
        fprintf(f,
                "\nThe model's rows were timed twice: in the primitive "
                "pass and again right after each stack's handshakes; each "
                "is modelled from the lower value (%zu rows re-timed, %zu "
                "lower the second time). On a shared machine the speed "
                "drifts between the two stages of a run: a model from one "
                "stage alone can come out above handshakes run in a faster "
                "phase.\n",
                n_retimed, n_lowered);
    }
    for (size_t sc = 0; sc < r->n_scenarios; sc++) {
        md_scenario(f, m, r, sc);
    }
    fprintf(f, "\n### Targets\n\n");
    if (m->n_measured == 0) {
        fprintf(f, "No measured handshake rows in this run: only the "
                   "model.\n");
    } else {
        md_floor(f, m, r);
        md_resume(f, m, r);
    }
    return finish(&out, path, err, err_len);
}
