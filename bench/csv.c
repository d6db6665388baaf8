#include "csv.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int tb_csv_open(tb_csv_file *out, const char *path)
{
    memset(out, 0, sizeof(*out));
    if (strlen(path) + 32 > sizeof(out->tmp)) {
        return -1;
    }
    snprintf(out->path, sizeof(out->path), "%s", path);
    snprintf(out->tmp, sizeof(out->tmp), "%s.tmp.%ld", path, (long)getpid());
    out->f = fopen(out->tmp, "w");
    return out->f ? 0 : -1;
}

int tb_csv_commit(tb_csv_file *out)
{
    int rc = 0;
    if (fflush(out->f) != 0 || fsync(fileno(out->f)) != 0) {
        rc = -1;
    }
    if (fclose(out->f) != 0) {
        rc = -1;
    }
    out->f = NULL;
    if (rc == 0 && rename(out->tmp, out->path) != 0) {
        rc = -1;
    }
    if (rc != 0) {
        remove(out->tmp);
    }
    return rc;
}

void tb_csv_abort(tb_csv_file *out)
{
    if (out->f != NULL) {
        fclose(out->f);
        out->f = NULL;
        remove(out->tmp);
    }
}

void tb_csv_field(FILE *f, char sep, const char *s)
{
    if (sep) {
        fputc(sep, f);
    }
    if (s == NULL) {
        return;
    }
    if (strpbrk(s, ",\"\r\n") == NULL) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (const char *p = s; *p; p++) {
        if (*p == '"') {
            fputc('"', f);
        }
        fputc(*p, f);
    }
    fputc('"', f);
}

void tb_csv_num(FILE *f, const char *fmt, double v)
{
    fputc(',', f);
    if (!isnan(v) && v >= 0) {
        fprintf(f, fmt, v);
    }
}
