/*
 * Set-up helpers shared by the OpenSSL adapter files (key import from the
 * fixed keys, error text). Used only by init functions, never timed.
 */
#ifndef TLSBENCH_OPENSSL_COMMON_H
#define TLSBENCH_OPENSSL_COMMON_H

#include <stddef.h>
#include <stdint.h>

#include <openssl/evp.h>

#include "backend.h"

/* Writes "what: <OpenSSL's last error>" into why and clears the error
 * queue. */
void tb_openssl_why(tb_why *why, const char *what);

/* An RSA key from big-endian components; public only when d is absent. */
EVP_PKEY *tb_openssl_rsa_pkey(const tb_rsa_key *key, tb_why *why);

/*
 * An EC ("EC" with group set) or X25519 (group NULL) key from raw values:
 * priv is the big-endian scalar (EC) or raw 32 bytes (X25519), NULL for a
 * public-only key; pub is the encoded point, NULL to let the library
 * compute it (X25519 only).
 */
EVP_PKEY *tb_openssl_ec_pkey(const char *type, const char *group,
                             const uint8_t *priv, size_t priv_len,
                             const uint8_t *pub, size_t pub_len, tb_why *why);

#endif
