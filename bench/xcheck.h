/*
 * Cross-backend agreement. `--emit FILE` writes what this backend produces
 * (AEAD records, key-exchange shares with their secrets, RSA-encrypted
 * pre-master secrets, signatures, PRF and HKDF outputs); `--consume FILE`
 * checks another backend's file: it opens the records and seals them again,
 * derives the same secrets from the shares, decrypts, verifies, and compares
 * the KDF outputs. Both print one line per check and a count.
 */
#ifndef TLSBENCH_XCHECK_H
#define TLSBENCH_XCHECK_H

#include "backend.h"

int tb_xcheck_emit(const tb_backend *be, const char *path);
int tb_xcheck_consume(const tb_backend *be, const char *path);

#endif
