/* CSV output: RFC 4180 quoting, and files that appear whole or not at all
 * (written to a temporary name, renamed on commit). */
#ifndef TLSBENCH_CSV_H
#define TLSBENCH_CSV_H

#include <stdio.h>

typedef struct {
    FILE *f;
    char path[4096];
    char tmp[4096];
} tb_csv_file;

/* Opens path.tmp.<pid> for writing; returns 0 or -1 (errno set). */
int tb_csv_open(tb_csv_file *out, const char *path);
/* Flushes, syncs and renames into place; returns 0 or -1. */
int tb_csv_commit(tb_csv_file *out);
/* Closes and removes the temporary file. */
void tb_csv_abort(tb_csv_file *out);

/* Writes one field, quoted when it holds a comma, quote, CR or LF. A NULL
 * field is written empty. sep is written first unless it is 0. */
void tb_csv_field(FILE *f, char sep, const char *s);
/* A number field; NaN or negative (for "not applicable") is written empty. */
void tb_csv_num(FILE *f, const char *fmt, double v);

#endif
