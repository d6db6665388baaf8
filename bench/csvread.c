#include "csvread.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Splits one record starting at *pos; fields are NUL-terminated in place
 * (quotes removed, doubled quotes folded). Returns the field count, or -1
 * for an unterminated quote or a quote in the middle of a field. */
static long split_record(char *text, size_t len, size_t *pos, char **fields,
                         size_t max, size_t *line)
{
    size_t p = *pos, n = 0;
    for (;;) {
        char *out = text + p, *start = out;
        if (p < len && text[p] == '"') {
            p++;
            for (;;) {
                if (p >= len) {
                    return -1;
                }
                if (text[p] == '"') {
                    if (p + 1 < len && text[p + 1] == '"') {
                        *out++ = '"';
                        p += 2;
                        continue;
                    }
                    p++;
                    break;
                }
                if (text[p] == '\n') {
                    (*line)++;
                }
                *out++ = text[p++];
            }
            if (p < len && text[p] != ',' && text[p] != '\n' &&
                text[p] != '\r') {
                return -1;
            }
        } else {
            while (p < len && text[p] != ',' && text[p] != '\n' &&
                   text[p] != '\r') {
                if (text[p] == '"') {
                    return -1;
                }
                *out++ = text[p++];
            }
        }
        char sep = p < len ? text[p] : '\n';
        if (sep == '\r') {
            p++;
            sep = p < len ? text[p] : '\n';
        }
        *out = '\0';
        if (n < max) {
            fields[n] = start;
        }
        n++;
        p++; /* past ',' or '\n' (or the end) */
        if (sep != ',') {
            break;
        }
    }
    *pos = p;
    return (long)n;
}

int tb_table_parse(tb_table *t, char *text, size_t len, char *err,
                   size_t err_len)
{
    memset(t, 0, sizeof(*t));
    t->text = text;
    if (len == 0) {
        snprintf(err, err_len, "empty file (no header)");
        return -1;
    }
    if (memchr(text, '\0', len) != NULL) {
        snprintf(err, err_len, "binary data (a NUL byte)");
        return -1;
    }
    /* Fields are NUL-terminated in place, the last one at text[len]: make
     * room for that byte (the table owns text, so it may move). */
    char *room = realloc(text, len + 1);
    if (room == NULL) {
        snprintf(err, err_len, "out of memory");
        return -1;
    }
    t->text = text = room;
    text[len] = '\0';
    size_t pos = 0, line = 1;
    char *tmp[512];
    long n = split_record(text, len, &pos, tmp, 512, &line);
    if (n <= 0 || n > 512) {
        snprintf(err, err_len, "line 1: malformed header");
        return -1;
    }
    t->cols = (size_t)n;
    t->header = malloc(t->cols * sizeof(char *));
    if (t->header == NULL) {
        snprintf(err, err_len, "out of memory");
        return -1;
    }
    memcpy(t->header, tmp, t->cols * sizeof(char *));
    for (size_t i = 0; i < t->cols; i++) {
        if (t->header[i][0] == '\0') {
            snprintf(err, err_len, "line 1: empty column name");
            return -1;
        }
    }
    size_t cap = 0;
    char **row = malloc(t->cols * sizeof(char *));
    if (row == NULL) {
        snprintf(err, err_len, "out of memory");
        return -1;
    }
    while (pos < len) {
        line++;
        if (text[pos] == '\n' || text[pos] == '\r') { /* blank line */
            pos++;
            continue;
        }
        size_t rec_line = line;
        n = split_record(text, len, &pos, row, t->cols, &line);
        if (n < 0) {
            snprintf(err, err_len, "line %zu: bad quoting", rec_line);
            free(row);
            return -1;
        }
        if ((size_t)n != t->cols) {
            snprintf(err, err_len,
                     "line %zu: %ld fields where the header has %zu "
                     "(truncated or malformed)",
                     rec_line, n, t->cols);
            free(row);
            return -1;
        }
        if (t->rows == cap) {
            cap = cap ? 2 * cap : 256;
            char **nc = realloc(t->cells, cap * t->cols * sizeof(char *));
            if (nc == NULL) {
                snprintf(err, err_len, "out of memory");
                free(row);
                return -1;
            }
            t->cells = nc;
        }
        memcpy(t->cells + t->rows * t->cols, row, t->cols * sizeof(char *));
        t->rows++;
    }
    free(row);
    return 0;
}

int tb_table_load(tb_table *t, const char *path, char *err, size_t err_len)
{
    memset(t, 0, sizeof(*t));
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        snprintf(err, err_len, "%s: %s", path, strerror(errno));
        return -1;
    }
    size_t cap = 1 << 16, len = 0, got;
    char *buf = malloc(cap);
    while (buf != NULL && (got = fread(buf + len, 1, cap - len, f)) > 0) {
        len += got;
        if (len == cap) {
            char *nb = realloc(buf, cap * 2);
            if (nb == NULL) {
                free(buf);
            }
            buf = nb;
            cap *= 2;
        }
    }
    fclose(f);
    if (buf == NULL) {
        snprintf(err, err_len, "%s: out of memory", path);
        return -1;
    }
    char msg[200];
    if (tb_table_parse(t, buf, len, msg, sizeof(msg)) != 0) {
        snprintf(err, err_len, "%s: %s", path, msg);
        tb_table_free(t);
        return -1;
    }
    return 0;
}

void tb_table_free(tb_table *t)
{
    free(t->cells);
    free(t->header);
    free(t->text);
    memset(t, 0, sizeof(*t));
}

long tb_table_col(const tb_table *t, const char *name)
{
    for (size_t i = 0; i < t->cols; i++) {
        if (strcmp(t->header[i], name) == 0) {
            return (long)i;
        }
    }
    return -1;
}

const char *tb_table_get(const tb_table *t, size_t row, long col)
{
    if (col < 0 || (size_t)col >= t->cols || row >= t->rows) {
        return "";
    }
    return t->cells[row * t->cols + (size_t)col];
}

int tb_table_require(const tb_table *t, const char *const *names, char *err,
                     size_t err_len)
{
    for (size_t i = 0; names[i] != NULL; i++) {
        if (tb_table_col(t, names[i]) < 0) {
            snprintf(err, err_len, "missing column '%s'", names[i]);
            return -1;
        }
    }
    return 0;
}
