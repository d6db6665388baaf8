/*
 * Project Wycheproof test vectors (JSON, https://github.com/C2SP/wycheproof)
 * run against a backend's classes: `tlsbench-<backend> --vectors FILE...`.
 *
 * Every file is loaded and checked in full (JSON syntax, the fields its
 * schema needs, hex strings, key and nonce sizes) before any test runs.
 * Known schemas (with or without the "_v1" suffix of the current files):
 * aead_test, xdh_comp, ecdh_ecpoint_test, ecdh_test, rsaes_pkcs1_decrypt,
 * rsassa_pkcs1_verify, rsassa_pss_verify, ecdsa_verify, ecdsa_p1363_verify,
 * hkdf_test and mac_test. A file of another schema loads, but running it is
 * a failure of that file ("unknown schema"), never a silent pass.
 *
 * Tests whose parameters no class implements (an IV size TLS never uses,
 * AES-192, a hash the class does not pair with the curve, ...) are skipped
 * with the reason. "acceptable" results pass whether the backend accepts
 * the input (with the expected output) or rejects it, except where the
 * interface itself requires one outcome (X25519 all-zero shared secrets
 * must be rejected: backend.h, RFC 8446 section 7.4.2).
 */
#ifndef TLSBENCH_WYCHEPROOF_H
#define TLSBENCH_WYCHEPROOF_H

#include <stddef.h>
#include <stdio.h>

#include "backend.h"

typedef struct tb_wp_file tb_wp_file;

typedef struct {
    int passed, failed, skipped;
    int rejected_acceptable; /* passes where an "acceptable" input was refused */
} tb_wp_counts;

/* Loads and checks a file. Returns NULL with a message in err (naming the
 * test group and tcId where there is one) if it cannot be read or is
 * malformed. */
tb_wp_file *tb_wp_load(const char *path, char *err, size_t err_len);

/* The same from memory; name is used in messages. */
tb_wp_file *tb_wp_load_buffer(const char *name, const char *buf, size_t len,
                              char *err, size_t err_len);

/* Runs every test of the file against the backend; writes one FAIL line per
 * failed test, skip and note summaries and the file's totals to log, and
 * adds to *c. */
void tb_wp_run(const tb_backend *be, const tb_wp_file *f, tb_wp_counts *c,
               FILE *log);

void tb_wp_free(tb_wp_file *f);

/* The --vectors mode: loads every file first (exit status 2 and a message
 * if one is bad), then runs them all. Returns 0 when every test passed or
 * was skipped, 1 when one failed. */
int tb_wp_main(const tb_backend *be, const char *const *paths, int n);

#endif
