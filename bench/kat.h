/*
 * Known-answer tests. The vector files are blocks of "Key = value" lines
 * separated by blank lines, '#' comments allowed (the format of the RFC 7748
 * / RFC 8439 / GCM, TLS 1.2 PRF and RFC 8448 files). A short set is built in
 * (the gate run before timing); whole files can be given too.
 */
#ifndef TLSBENCH_KAT_H
#define TLSBENCH_KAT_H

#include <stdio.h>

#include "backend.h"

typedef struct {
    int passed, failed, skipped;
    /* Per family: a failed known answer excludes the family's cases. */
    int family_failed[TB_FAM_COUNT];
    char family_why[TB_FAM_COUNT][4][160]; /* per family and alg bit */
    FILE *log; /* one line per test when not NULL */
} tb_kat_result;

/* The built-in vectors (always available). */
void tb_kat_builtin(const tb_backend *be, tb_kat_result *r);

/* Runs every block of a vector file. Returns 0, or -1 (with a message on
 * stderr naming the line) if the file cannot be read or is malformed:
 * checked in full before any test runs. */
int tb_kat_file(const tb_backend *be, const char *path, tb_kat_result *r);

/* Parses a vector file without running it (for validation). */
int tb_kat_validate(const char *path, char *err, size_t err_len);

#endif
