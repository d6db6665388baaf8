/* Reading the recipe file: stacks, scenarios and, per scenario and side,
 * the primitive rows a handshake needs. Every directive carries a comment
 * saying why; the comment is kept and goes into the rows' notes. */
#include "model.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const tb_side_names[TB_SIDE_COUNT] = {"client", "server"};

#define MAX_TOKENS 8

typedef struct {
    tb_recipes *r;
    const char *path;
    size_t line_no;
    char *err;
    size_t err_len;
} parser;

__attribute__((format(printf, 2, 3))) static int fail(parser *p,
                                                      const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    snprintf(p->err, p->err_len, "%s:%zu: %s", p->path, p->line_no, msg);
    return -1;
}

/* Every character of s is a lower-case letter, a digit or one of extra. */
static int name_ok(const char *s, const char *extra)
{
    if (*s == '\0' || strlen(s) >= TB_NAME_MAX) {
        return 0;
    }
    for (; *s; s++) {
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
              strchr(extra, *s) != NULL)) {
            return 0;
        }
    }
    return 1;
}

static void *grow(void *v, size_t n, size_t elem)
{
    /* Doubling at powers of two: n is the count before adding one. */
    if (n != 0 && (n & (n - 1)) != 0) {
        return v;
    }
    void *nv = realloc(v, (n ? 2 * n : 1) * elem);
    if (nv == NULL) {
        fprintf(stderr, "tlsbench-model: out of memory\n");
        exit(2);
    }
    return nv;
}

long tb_recipes_stack(const tb_recipes *r, const char *name)
{
    for (size_t i = 0; i < r->n_stacks; i++) {
        if (strcmp(r->stacks[i].name, name) == 0) {
            return (long)i;
        }
    }
    return -1;
}

long tb_recipes_scenario(const tb_recipes *r, const char *name)
{
    for (size_t i = 0; i < r->n_scenarios; i++) {
        if (strcmp(r->scenarios[i].name, name) == 0) {
            return (long)i;
        }
    }
    return -1;
}

static void scenario_list(const tb_recipes *r, char *out, size_t out_len)
{
    size_t used = 0;
    out[0] = '\0';
    for (size_t i = 0; i < r->n_scenarios && used < out_len; i++) {
        int n = snprintf(out + used, out_len - used, "%s%s", i ? ", " : "",
                         r->scenarios[i].name);
        used += n > 0 ? (size_t)n : 0;
    }
    if (r->n_scenarios == 0) {
        snprintf(out, out_len, "none yet");
    }
}

static int parse_stack(parser *p, char **tok, int n, const char *why)
{
    if (n != 3) {
        return fail(p, "expected 'stack NAME BACKEND  # why'");
    }
    if (!name_ok(tok[1], "-_") || !name_ok(tok[2], "-_")) {
        return fail(p, "stack and backend names are lower-case letters, "
                       "digits, '-' and '_'");
    }
    if (tb_recipes_stack(p->r, tok[1]) >= 0) {
        return fail(p, "stack '%s' is declared twice", tok[1]);
    }
    tb_recipes *r = p->r;
    r->stacks = grow(r->stacks, r->n_stacks, sizeof(*r->stacks));
    tb_recipe_stack *s = &r->stacks[r->n_stacks++];
    snprintf(s->name, sizeof(s->name), "%s", tok[1]);
    snprintf(s->backend, sizeof(s->backend), "%s", tok[2]);
    snprintf(s->why, sizeof(s->why), "%s", why);
    return 0;
}

static int parse_scenario(parser *p, char **tok, int n, const char *why)
{
    if (n != 2) {
        return fail(p, "expected 'scenario NAME  # description'");
    }
    if (!name_ok(tok[1], "-")) {
        return fail(p, "scenario names are lower-case letters, digits "
                       "and '-'");
    }
    if (tb_recipes_scenario(p->r, tok[1]) >= 0) {
        return fail(p, "scenario '%s' is declared twice", tok[1]);
    }
    tb_recipes *r = p->r;
    r->scenarios = grow(r->scenarios, r->n_scenarios, sizeof(*r->scenarios));
    tb_recipe_scenario *s = &r->scenarios[r->n_scenarios++];
    snprintf(s->name, sizeof(s->name), "%s", tok[1]);
    snprintf(s->why, sizeof(s->why), "%s", why);
    return 0;
}

/* "family/alg/op/size": four non-empty parts, the size a number. */
static int split_row(parser *p, tb_recipe_line *l, const char *row)
{
    if (strlen(row) >= sizeof(l->row)) {
        return fail(p, "row name too long");
    }
    snprintf(l->row, sizeof(l->row), "%s", row);
    char buf[sizeof(l->row)];
    snprintf(buf, sizeof(buf), "%s", row);
    char *part[5];
    int n = 0;
    char *s = buf;
    for (;;) {
        if (n == 5) {
            break;
        }
        part[n++] = s;
        char *slash = strchr(s, '/');
        if (slash == NULL) {
            break;
        }
        *slash = '\0';
        s = slash + 1;
    }
    int bad = n != 4;
    for (int i = 0; i < n && !bad; i++) {
        bad = part[i][0] == '\0' || strlen(part[i]) >= TB_NAME_MAX;
    }
    for (const char *c = bad ? "" : part[3]; *c; c++) {
        bad |= *c < '0' || *c > '9';
    }
    if (bad) {
        return fail(p, "'%s' is not a primitive row name "
                       "family/alg/op/size (e.g. rsa/RSA-2048/decrypt/48)",
                    row);
    }
    snprintf(l->family, sizeof(l->family), "%s", part[0]);
    snprintf(l->alg, sizeof(l->alg), "%s", part[1]);
    snprintf(l->op, sizeof(l->op), "%s", part[2]);
    snprintf(l->size, sizeof(l->size), "%s", part[3]);
    return 0;
}

static int parse_count(parser *p, tb_recipe_line *l, const char *s)
{
    if (strcmp(s, "depth") == 0) {
        l->per_depth = 1;
        l->count = 0;
        return 0;
    }
    char *end;
    errno = 0;
    unsigned long v = strtoul(s, &end, 10);
    if (s[0] < '0' || s[0] > '9' || *end != '\0' || errno != 0 || v < 1 ||
        v > 64) {
        return fail(p, "count '%s' must be 1 to 64 or 'depth' (the "
                       "certificate chain depth)",
                    s);
    }
    l->count = (unsigned)v;
    return 0;
}

static int parse_recipe(parser *p, char **tok, int n, const char *why)
{
    tb_recipes *r = p->r;
    if (n != 5) {
        return fail(p, "expected 'SCENARIO SIDE COMPONENT COUNT "
                       "family/alg/op/size  # why' (or 'stack', 'scenario')");
    }
    long sc = tb_recipes_scenario(r, tok[0]);
    if (sc < 0) {
        char list[512];
        scenario_list(r, list, sizeof(list));
        return fail(p, "scenario '%s' is not declared above (declared: %s)",
                    tok[0], list);
    }
    int side = strcmp(tok[1], "client") == 0   ? TB_SIDE_CLIENT
               : strcmp(tok[1], "server") == 0 ? TB_SIDE_SERVER
                                               : -1;
    if (side < 0) {
        return fail(p, "side '%s' must be client or server", tok[1]);
    }
    if (!name_ok(tok[2], "_")) {
        return fail(p, "component names are lower-case letters, digits "
                       "and '_'; 'total' is reserved");
    }
    if (strcmp(tok[2], "total") == 0) {
        return fail(p, "component name 'total' is reserved for the sum");
    }
    for (size_t i = 0; i < r->n_lines; i++) {
        const tb_recipe_line *o = &r->lines[i];
        if (o->scenario == (size_t)sc && o->side == side &&
            strcmp(o->component, tok[2]) == 0) {
            return fail(p, "%s %s: component '%s' is listed twice (line %zu)",
                        tok[0], tok[1], tok[2], o->line_no);
        }
    }
    tb_recipe_line l;
    memset(&l, 0, sizeof(l));
    l.scenario = (size_t)sc;
    l.side = side;
    l.line_no = p->line_no;
    snprintf(l.component, sizeof(l.component), "%s", tok[2]);
    snprintf(l.why, sizeof(l.why), "%s", why);
    if (parse_count(p, &l, tok[3]) != 0 || split_row(p, &l, tok[4]) != 0) {
        return -1;
    }
    r->lines = grow(r->lines, r->n_lines, sizeof(*r->lines));
    r->lines[r->n_lines++] = l;
    return 0;
}

static int parse_line(parser *p, char *line)
{
    char *hash = strchr(line, '#');
    const char *why = "";
    if (hash != NULL) {
        *hash = '\0';
        char *w = hash + 1;
        while (*w == ' ' || *w == '\t') {
            w++;
        }
        size_t n = strlen(w);
        while (n > 0 && (w[n - 1] == ' ' || w[n - 1] == '\t' ||
                         w[n - 1] == '\n' || w[n - 1] == '\r')) {
            w[--n] = '\0';
        }
        why = w;
    }
    char *tok[MAX_TOKENS], *save = NULL;
    int n = 0;
    for (char *t = strtok_r(line, " \t\r\n", &save); t != NULL;
         t = strtok_r(NULL, " \t\r\n", &save)) {
        if (n == MAX_TOKENS) {
            return fail(p, "too many fields");
        }
        tok[n++] = t;
    }
    if (n == 0) {
        return 0; /* blank or a comment line */
    }
    if (why[0] == '\0') {
        return fail(p, "every directive needs a comment saying why "
                       "('... # why')");
    }
    if (strlen(why) >= TB_WHY_TEXT_MAX) {
        return fail(p, "comment longer than %d characters",
                    TB_WHY_TEXT_MAX - 1);
    }
    if (strcmp(tok[0], "stack") == 0) {
        return parse_stack(p, tok, n, why);
    }
    if (strcmp(tok[0], "scenario") == 0) {
        return parse_scenario(p, tok, n, why);
    }
    return parse_recipe(p, tok, n, why);
}

/* Every scenario has work on both sides, and there is a stack. */
static int check_complete(parser *p)
{
    tb_recipes *r = p->r;
    if (r->n_stacks == 0 || r->n_scenarios == 0) {
        return fail(p, "no %s declared", r->n_stacks ? "scenario" : "stack");
    }
    for (size_t s = 0; s < r->n_scenarios; s++) {
        int seen[TB_SIDE_COUNT] = {0, 0};
        for (size_t i = 0; i < r->n_lines; i++) {
            if (r->lines[i].scenario == s) {
                seen[r->lines[i].side] = 1;
            }
        }
        for (int side = 0; side < TB_SIDE_COUNT; side++) {
            if (!seen[side]) {
                return fail(p, "scenario '%s' has no %s lines",
                            r->scenarios[s].name, tb_side_names[side]);
            }
        }
    }
    return 0;
}

int tb_recipes_load(tb_recipes *r, const char *path, char *err,
                    size_t err_len)
{
    memset(r, 0, sizeof(*r));
    parser p = {r, path, 0, err, err_len};
    FILE *f = fopen(path, "r");
    if (f == NULL) {
        snprintf(err, err_len, "%s: %s", path, strerror(errno));
        return -1;
    }
    char *line = NULL;
    size_t cap = 0;
    int rc = 0;
    ssize_t got;
    while (rc == 0 && (got = getline(&line, &cap, f)) >= 0) {
        p.line_no++;
        if (strlen(line) != (size_t)got) {
            rc = fail(&p, "binary data");
        } else {
            rc = parse_line(&p, line);
        }
    }
    free(line);
    fclose(f);
    if (rc == 0) {
        rc = check_complete(&p);
    }
    if (rc != 0) {
        tb_recipes_free(r);
    }
    return rc;
}

void tb_recipes_free(tb_recipes *r)
{
    free(r->stacks);
    free(r->scenarios);
    free(r->lines);
    memset(r, 0, sizeof(*r));
}
