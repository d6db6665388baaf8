/*
 * bin/tlshs-<stack>: real TLS handshakes, client and server in this process
 * over memory, with one TLS stack (the driver linked in).
 *
 *   --info               the stack, its version and the backend of its model
 *   --list               the scenarios (name, version, key exchange,
 *                        certificate, mode, suite, group), tab-separated
 *   --csv FILE           run: one row per scenario and side
 *     [--samples FILE] [--scenarios LIST] [--count N] [--warmup N]
 *     [--chain-depth D] [--certs DIR] [--run-id ID]
 *
 * Every handshake (warm-up ones too) is checked before its time counts:
 * version, cipher suite, group, and resumed for resumption scenarios, not
 * resumed for full ones. A failed check fails the scenario and stops it.
 * Exit status: 0 done, 1 done with failed scenarios, 2 bad input (nothing
 * run), 3 the output could not be written.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "hs.h"
#include "opts.h"

#define SCHEMA_VERSION "1"
#define MAX_SCENARIOS 64
#define PROG "tlshs"

static const char *const usage =
    "usage: tlshs-<stack> --info | --list\n"
    "       tlshs-<stack> --csv FILE [--samples FILE] [--scenarios LIST]\n"
    "           [--count N] [--warmup N] [--chain-depth D] [--certs DIR]\n"
    "           [--run-id ID]\n"
    "  --scenarios   comma-separated names (default: all; --list shows "
    "them)\n"
    "  --count       measured handshakes per scenario, 1 to 100000 "
    "(default 300)\n"
    "  --warmup      unmeasured handshakes first, 0 to 10000 (default 10)\n"
    "  --chain-depth signatures in the server's chain, 1 to 3 (default 1: "
    "the leaf\n"
    "                signed by the root; 2 and 3 add intermediates)\n"
    "  --certs       the folder made by scripts/gencerts.sh (default "
    "bench/hs/certs)\n";

static const char *const csv_header =
    "schema_version,run_id,backend,scenario,side,source,component,ns,"
    "median_us,p99_us,handshakes_per_s,count,status,note\n";
static const char *const samples_header =
    "run_id,backend,scenario,i,client_ns,server_ns\n";

typedef enum { MODE_RUN = 0, MODE_INFO, MODE_LIST } run_mode;

typedef struct {
    run_mode mode;
    const char *csv, *samples, *run_id, *certs_dir;
    long count, warmup, chain_depth;
    size_t sel[MAX_SCENARIOS]; /* indices into tb_hs_scenarios */
    size_t n_sel;
} hs_opts;

/* The certificate file names of scripts/gencerts.sh, per key type. */
static const char *const cert_prefix[TB_HS_CERT_COUNT] = {"rsa2048", "p256",
                                                          "p384"};

typedef struct {
    char leaf[4096], key[4096], chain[4096], ca[4096];
} cert_paths;

static void list_valid_scenarios(FILE *f)
{
    fputs("valid scenarios:", f);
    for (size_t i = 0; i < tb_hs_n_scenarios; i++) {
        fprintf(f, "%s%s", i ? "," : " ", tb_hs_scenarios[i].name);
    }
    fputc('\n', f);
}

/* A single whole number in [lo, hi] (tb_parse_list does the checks; a
 * list of one). */
static int parse_num(const char *opt, const char *v, long lo, long hi,
                     long *out)
{
    char err[160];
    long val[1];
    if (tb_parse_list(v, lo, hi, val, 1, err, sizeof(err)) != 1) {
        fprintf(stderr, PROG ": %s needs a whole number from %ld to %ld, "
                        "not '%s'\n",
                opt, lo, hi, v);
        return -1;
    }
    *out = val[0];
    return 0;
}

static int parse_scenarios(hs_opts *o, const char *v)
{
    const char *p = v;
    o->n_sel = 0;
    if (*v == '\0') {
        fprintf(stderr, PROG ": --scenarios needs a comma-separated list of "
                        "scenario names\n");
        list_valid_scenarios(stderr);
        return -1;
    }
    for (;;) {
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        size_t found = tb_hs_n_scenarios;
        for (size_t i = 0; i < tb_hs_n_scenarios; i++) {
            if (strlen(tb_hs_scenarios[i].name) == len &&
                strncmp(tb_hs_scenarios[i].name, p, len) == 0) {
                found = i;
            }
        }
        if (len == 0) {
            fprintf(stderr, PROG ": --scenarios '%s' has an empty name (a "
                            "comma-separated list, no spaces)\n",
                    v);
            list_valid_scenarios(stderr);
            return -1;
        }
        if (found == tb_hs_n_scenarios) {
            fprintf(stderr, PROG ": --scenarios: '%.*s' is not a "
                            "scenario\n",
                    (int)len, p);
            list_valid_scenarios(stderr);
            return -1;
        }
        for (size_t j = 0; j < o->n_sel; j++) {
            if (o->sel[j] == found) {
                fprintf(stderr, PROG ": --scenarios: %.*s is named twice\n",
                        (int)len, p);
                return -1;
            }
        }
        o->sel[o->n_sel++] = found;
        if (end == NULL) {
            return 0;
        }
        p = end + 1;
    }
}

static int parse_opts(hs_opts *o, int argc, char **argv)
{
    memset(o, 0, sizeof(*o));
    o->run_id = "";
    o->certs_dir = "bench/hs/certs";
    o->count = 300;
    o->warmup = 10;
    o->chain_depth = 1;
    for (size_t i = 0; i < tb_hs_n_scenarios && i < MAX_SCENARIOS; i++) {
        o->sel[o->n_sel++] = i;
    }
    int mode_set = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        int takes_value = strcmp(a, "--csv") == 0 ||
                          strcmp(a, "--samples") == 0 ||
                          strcmp(a, "--scenarios") == 0 ||
                          strcmp(a, "--count") == 0 ||
                          strcmp(a, "--warmup") == 0 ||
                          strcmp(a, "--chain-depth") == 0 ||
                          strcmp(a, "--certs") == 0 ||
                          strcmp(a, "--run-id") == 0;
        if (takes_value) {
            if (v == NULL) {
                fprintf(stderr, PROG ": %s needs a value\n%s", a, usage);
                return -1;
            }
            i++;
        }
        if (strcmp(a, "--info") == 0 || strcmp(a, "--list") == 0) {
            if (mode_set) {
                fprintf(stderr, PROG ": only one of --info and --list\n");
                return -1;
            }
            mode_set = 1;
            o->mode = a[2] == 'i' ? MODE_INFO : MODE_LIST;
        } else if (strcmp(a, "--csv") == 0 || strcmp(a, "--samples") == 0) {
            if (*v == '\0') {
                fprintf(stderr, PROG ": %s needs a file name\n", a);
                return -1;
            }
            *(a[2] == 'c' ? &o->csv : &o->samples) = v;
        } else if (strcmp(a, "--scenarios") == 0) {
            if (parse_scenarios(o, v) != 0) {
                return -1;
            }
        } else if (strcmp(a, "--count") == 0) {
            if (parse_num(a, v, 1, 100000, &o->count) != 0) {
                return -1;
            }
        } else if (strcmp(a, "--warmup") == 0) {
            if (parse_num(a, v, 0, 10000, &o->warmup) != 0) {
                return -1;
            }
        } else if (strcmp(a, "--chain-depth") == 0) {
            if (parse_num(a, v, 1, 3, &o->chain_depth) != 0) {
                return -1;
            }
        } else if (strcmp(a, "--certs") == 0) {
            if (*v == '\0') {
                fprintf(stderr, PROG ": --certs needs a folder\n");
                return -1;
            }
            o->certs_dir = v;
        } else if (strcmp(a, "--run-id") == 0) {
            o->run_id = v;
        } else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            fputs(usage, stdout);
            exit(0);
        } else {
            fprintf(stderr, PROG ": unknown option '%s'\n%s", a, usage);
            return -1;
        }
    }
    if (o->mode == MODE_RUN && o->csv == NULL) {
        fprintf(stderr, PROG ": --csv FILE is needed to run handshakes\n%s",
                usage);
        return -1;
    }
    if (o->csv != NULL && o->samples != NULL &&
        strcmp(o->csv, o->samples) == 0) {
        fprintf(stderr, PROG ": --csv and --samples name the same file\n");
        return -1;
    }
    return 0;
}

static int cert_files(const hs_opts *o, tb_hs_cert c, cert_paths *p)
{
    const char *k = cert_prefix[c];
    const char *d = o->certs_dir;
    long n = o->chain_depth;
    int w = 0;
    w |= snprintf(p->leaf, sizeof(p->leaf), "%s/%s-leaf%ld.pem", d, k, n) >=
         (int)sizeof(p->leaf);
    w |= snprintf(p->key, sizeof(p->key), "%s/%s-leaf.key", d, k) >=
         (int)sizeof(p->key);
    w |= snprintf(p->chain, sizeof(p->chain), "%s/%s-chain%ld.pem", d, k,
                  n) >= (int)sizeof(p->chain);
    w |= snprintf(p->ca, sizeof(p->ca), "%s/%s-root.pem", d, k) >=
         (int)sizeof(p->ca);
    if (w) {
        fprintf(stderr, PROG ": --certs: the folder name is too long\n");
        return -1;
    }
    const char *files[] = {p->leaf, p->key, p->chain, p->ca};
    for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
        FILE *f = fopen(files[i], "r");
        if (f == NULL) {
            fprintf(stderr, PROG ": cannot read %s: %s (the certificates "
                            "are made by scripts/gencerts.sh; --certs names "
                            "their folder)\n",
                    files[i], strerror(errno));
            return -1;
        }
        fclose(f);
    }
    return 0;
}

static const char *kx_name(tb_hs_kx kx)
{
    switch (kx) {
    case TB_HS_KX_RSA:
        return "rsa";
    case TB_HS_KX_X25519:
        return "x25519";
    case TB_HS_KX_P256:
        return "p256";
    case TB_HS_KX_P384:
        return "p384";
    }
    return "?";
}

static const char *mode_name(tb_hs_mode m)
{
    switch (m) {
    case TB_HS_FULL:
        return "full";
    case TB_HS_RESUME_TICKET:
        return "ticket";
    case TB_HS_PSK_DHE:
        return "psk_dhe_ke";
    case TB_HS_PSK_ONLY:
        return "psk_ke";
    }
    return "?";
}

static void run_list(const hs_opts *o)
{
    for (size_t j = 0; j < o->n_sel; j++) {
        const tb_hs_scenario *sc = &tb_hs_scenarios[o->sel[j]];
        printf("%s\t1.%d\t%s\t%s\t%s\t0x%04x\t%u\n", sc->name,
               sc->version - 10, kx_name(sc->kx), cert_prefix[sc->cert],
               mode_name(sc->mode), sc->cipher_suite, sc->group);
    }
}

/* Checks one handshake's result against the scenario; sets *no_group when
 * the stack could not say which group it used. */
static int check_result(const tb_hs_scenario *sc, const tb_hs_result *r,
                        int *no_group, char *err, size_t err_len)
{
    int want_resumed = sc->mode != TB_HS_FULL;
    /* Resumption first: a resumption that fell back to a full handshake
     * would otherwise show up as an unexpected group. */
    if ((r->resumed != 0) != want_resumed) {
        snprintf(err, err_len, "%s", want_resumed
                                         ? "the session was not resumed"
                                         : "a full handshake resumed a "
                                           "session");
        return -1;
    }
    if (r->version != sc->version) {
        snprintf(err, err_len, "negotiated TLS 1.%d, expected TLS 1.%d",
                 r->version - 10, sc->version - 10);
        return -1;
    }
    if (r->cipher_suite != sc->cipher_suite) {
        snprintf(err, err_len, "negotiated cipher suite 0x%04x, expected "
                               "0x%04x",
                 r->cipher_suite, sc->cipher_suite);
        return -1;
    }
    if (sc->group == 0 && r->group != 0) {
        snprintf(err, err_len, "negotiated group %u where none was expected",
                 r->group);
        return -1;
    }
    if (sc->group != 0 && r->group == 0) {
        *no_group = 1;
    } else if (r->group != sc->group) {
        snprintf(err, err_len, "negotiated group %u, expected %u", r->group,
                 sc->group);
        return -1;
    }
    if (r->client_ns == 0 || r->server_ns == 0) {
        snprintf(err, err_len, "a side's time is zero (the driver timed "
                               "nothing)");
        return -1;
    }
    return 0;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

typedef struct {
    double median, p99;
} side_stats;

/* Median, and p99 by the nearest-rank method (the smallest value with at
 * least 99% of the handshakes at or below it). Sorts v. */
static side_stats summarise(uint64_t *v, size_t n)
{
    side_stats s;
    qsort(v, n, sizeof(v[0]), cmp_u64);
    s.median = n % 2 ? (double)v[n / 2]
                     : ((double)v[n / 2 - 1] + (double)v[n / 2]) / 2;
    size_t rank = (size_t)ceil(0.99 * (double)n);
    s.p99 = (double)v[rank > 0 ? rank - 1 : 0];
    return s;
}

typedef struct {
    FILE *f;
    const char *run_id, *backend;
} out_ctx;

static void write_row(const out_ctx *out, const char *scenario,
                      const char *side, const side_stats *s, long count,
                      const char *status, const char *note)
{
    FILE *f = out->f;
    tb_csv_field(f, 0, SCHEMA_VERSION);
    tb_csv_field(f, ',', out->run_id);
    tb_csv_field(f, ',', out->backend);
    tb_csv_field(f, ',', scenario);
    tb_csv_field(f, ',', side);
    tb_csv_field(f, ',', "measured");
    tb_csv_field(f, ',', "total");
    if (s != NULL) {
        tb_csv_num(f, "%.0f", s->median);
        tb_csv_num(f, "%.3f", s->median / 1e3);
        tb_csv_num(f, "%.3f", s->p99 / 1e3);
        tb_csv_num(f, "%.1f", 1e9 / s->median);
        fprintf(f, ",%ld", count);
    } else {
        fputs(",,,,,", f);
    }
    tb_csv_field(f, ',', status);
    tb_csv_field(f, ',', note);
    fputc('\n', f);
}

typedef struct {
    uint64_t *client, *server; /* room for count */
} sample_buf;

/* Runs one scenario and writes its two rows (and samples). Returns 0 ok or
 * unsupported, 1 failed. */
static int run_scenario(const tb_hs_driver *drv, const hs_opts *o,
                        const tb_hs_scenario *sc, const out_ctx *out,
                        FILE *samples, sample_buf *buf)
{
    cert_paths paths;
    if (cert_files(o, sc->cert, &paths) != 0) {
        return 1; /* checked before any work; cannot happen here */
    }
    tb_hs_certs certs = {paths.leaf, paths.key, paths.chain, paths.ca,
                         (int)o->chain_depth};
    tb_why why;
    memset(&why, 0, sizeof(why));
    void *st = NULL;
    char err[512] = "";
    char note[512] = "";
    int no_group = 0;
    tb_status s = drv->setup(&st, sc, &certs, &why);
    if (s != TB_OK) {
        const char *status = s == TB_UNSUPPORTED ? "unsupported" : "failed";
        snprintf(note, sizeof(note), "%s%s",
                 s == TB_UNSUPPORTED ? "" : "setup failed: ",
                 why.text[0] ? why.text : "no reason given");
        write_row(out, sc->name, "client", NULL, 0, status, note);
        write_row(out, sc->name, "server", NULL, 0, status, note);
        fprintf(stderr, "[%s] %s: %s: %s\n", drv->name, sc->name, status,
                note);
        if (st != NULL) {
            drv->teardown(st);
        }
        return s == TB_UNSUPPORTED ? 0 : 1;
    }
    long total = o->warmup + o->count;
    long done = 0;
    int failed = 0;
    for (long i = 0; i < total; i++) {
        tb_hs_result r;
        memset(&r, 0, sizeof(r));
        char herr[400] = "";
        if (drv->handshake(st, &r, herr, sizeof(herr)) != 0) {
            snprintf(err, sizeof(err), "handshake %ld: %s", i + 1,
                     herr[0] ? herr : "failed (no message)");
            failed = 1;
            break;
        }
        if (check_result(sc, &r, &no_group, herr, sizeof(herr)) != 0) {
            snprintf(err, sizeof(err), "handshake %ld: %s", i + 1, herr);
            failed = 1;
            break;
        }
        if (i >= o->warmup) {
            buf->client[done] = r.client_ns;
            buf->server[done] = r.server_ns;
            done++;
        }
    }
    const char *dnote = drv->note != NULL ? drv->note(st) : NULL;
    drv->teardown(st);
    if (failed) {
        write_row(out, sc->name, "client", NULL, 0, "failed", err);
        write_row(out, sc->name, "server", NULL, 0, "failed", err);
        fprintf(stderr, "[%s] %s: failed: %s\n", drv->name, sc->name, err);
        return 1;
    }
    if (samples != NULL) {
        for (long i = 0; i < done; i++) {
            tb_csv_field(samples, 0, out->run_id);
            tb_csv_field(samples, ',', drv->name);
            tb_csv_field(samples, ',', sc->name);
            fprintf(samples, ",%ld,%llu,%llu\n", i,
                    (unsigned long long)buf->client[i],
                    (unsigned long long)buf->server[i]);
        }
    }
    size_t k = 0;
    if (sc->mode == TB_HS_FULL) {
        k += (size_t)snprintf(note + k, sizeof(note) - k, "chain depth %ld",
                              o->chain_depth);
    }
    if (no_group && k < sizeof(note)) {
        k += (size_t)snprintf(note + k, sizeof(note) - k,
                              "%sthe stack does not report the group",
                              k ? "; " : "");
    }
    if (dnote != NULL && dnote[0] != '\0' && k < sizeof(note)) {
        snprintf(note + k, sizeof(note) - k, "%s%s", k ? "; " : "", dnote);
    }
    side_stats cs = summarise(buf->client, (size_t)done);
    side_stats ss = summarise(buf->server, (size_t)done);
    write_row(out, sc->name, "client", &cs, done, "ok", note);
    write_row(out, sc->name, "server", &ss, done, "ok", note);
    fprintf(stderr, "[%s] %s: client %.1f us, server %.1f us (median of "
                    "%ld)\n",
            drv->name, sc->name, cs.median / 1e3, ss.median / 1e3, done);
    return 0;
}

static int run(const tb_hs_driver *drv, const hs_opts *o)
{
    /* Every certificate file is checked before any work. */
    for (size_t j = 0; j < o->n_sel; j++) {
        cert_paths p;
        if (cert_files(o, tb_hs_scenarios[o->sel[j]].cert, &p) != 0) {
            return 2;
        }
    }
    tb_csv_file csv, smp;
    if (tb_csv_open(&csv, o->csv) != 0) {
        fprintf(stderr, PROG ": cannot write %s: %s\n", o->csv,
                strerror(errno));
        return 2;
    }
    if (o->samples != NULL && tb_csv_open(&smp, o->samples) != 0) {
        fprintf(stderr, PROG ": cannot write %s: %s\n", o->samples,
                strerror(errno));
        tb_csv_abort(&csv);
        return 2;
    }
    sample_buf buf;
    buf.client = calloc((size_t)o->count, sizeof(uint64_t));
    buf.server = calloc((size_t)o->count, sizeof(uint64_t));
    if (buf.client == NULL || buf.server == NULL) {
        fprintf(stderr, PROG ": out of memory\n");
        free(buf.client);
        free(buf.server);
        tb_csv_abort(&csv);
        if (o->samples != NULL) {
            tb_csv_abort(&smp);
        }
        return 3;
    }
    fputs(csv_header, csv.f);
    if (o->samples != NULL) {
        fputs(samples_header, smp.f);
    }
    out_ctx out = {csv.f, o->run_id, drv->name};
    int failed = 0;
    for (size_t j = 0; j < o->n_sel; j++) {
        failed |= run_scenario(drv, o, &tb_hs_scenarios[o->sel[j]], &out,
                               o->samples != NULL ? smp.f : NULL, &buf);
    }
    free(buf.client);
    free(buf.server);
    int werr = ferror(csv.f) || (o->samples != NULL && ferror(smp.f));
    if (werr || tb_csv_commit(&csv) != 0 ||
        (o->samples != NULL && tb_csv_commit(&smp) != 0)) {
        fprintf(stderr, PROG ": could not write %s%s%s\n", o->csv,
                o->samples ? " or " : "", o->samples ? o->samples : "");
        if (werr) {
            tb_csv_abort(&csv);
        }
        if (o->samples != NULL) {
            tb_csv_abort(&smp);
        }
        return 3;
    }
    return failed ? 1 : 0;
}

int main(int argc, char **argv)
{
    const tb_hs_driver *drv = &tb_hs_driver_impl;
    hs_opts o;
    if (parse_opts(&o, argc, argv) != 0) {
        return 2;
    }
    switch (o.mode) {
    case MODE_INFO:
        printf("stack=%s\nmodel_backend=%s\nversion=%s\n", drv->name,
               drv->model_backend, drv->version ? drv->version() : "");
        return 0;
    case MODE_LIST:
        run_list(&o);
        return 0;
    default:
        return run(drv, &o);
    }
}
