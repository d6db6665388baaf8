/*
 * Reading the project's CSV files (results.csv, samples.csv,
 * handshake.csv): RFC 4180 fields, a header naming the columns. Used by the
 * model, compare and report tools. Strict: a row whose field count differs
 * from the header's, an unterminated quote or a file without a header is an
 * error naming the line.
 */
#ifndef TLSBENCH_CSVREAD_H
#define TLSBENCH_CSVREAD_H

#include <stddef.h>

typedef struct {
    char **cells;   /* rows * cols pointers into one text buffer */
    size_t rows;    /* data rows (the header excluded) */
    size_t cols;
    char **header;  /* cols names */
    char *text;
} tb_table;

/* Parses text (which becomes owned by t, and is modified in place).
 * Returns 0, or -1 with a message in err. */
int tb_table_parse(tb_table *t, char *text, size_t len, char *err,
                   size_t err_len);
/* Reads and parses a file. */
int tb_table_load(tb_table *t, const char *path, char *err, size_t err_len);
void tb_table_free(tb_table *t);
/* The column's index, or -1. */
long tb_table_col(const tb_table *t, const char *name);
/* The cell (never NULL: "" for a missing column). */
const char *tb_table_get(const tb_table *t, size_t row, long col);
/* Checks that every named column exists; NULL-terminated list. Returns 0, or
 * -1 with the first missing name in err. */
int tb_table_require(const tb_table *t, const char *const *names, char *err,
                     size_t err_len);

#endif
