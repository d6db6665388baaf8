/*
 * The TLS 1.2 PRF (RFC 5246 section 5) and HKDF (RFC 5869) built on a
 * library's one-shot HMAC, for libraries without native ones. Rows that use
 * these say so in their note. No allocation: label and seed together, and
 * info, are limited to TB_KDF_MAX_INPUT bytes.
 */
#ifndef TLSBENCH_HMAC_KDF_H
#define TLSBENCH_HMAC_KDF_H

#include <stddef.h>
#include <stdint.h>

#define TB_KDF_MAX_INPUT 512
#define TB_HASH_MAX 64

/* out receives hash_len bytes; returns 0 or -1. */
typedef int (*tb_hmac_fn)(void *arg, uint8_t *out, const uint8_t *key,
                          size_t key_len, const uint8_t *msg, size_t msg_len);

int tb_p_hash(tb_hmac_fn hmac, void *arg, size_t hash_len, uint8_t *out,
              size_t out_len, const uint8_t *secret, size_t secret_len,
              const uint8_t *label, size_t label_len, const uint8_t *seed,
              size_t seed_len);

/* Extract: an empty salt means hash_len zero bytes (RFC 5869 2.2). */
int tb_hkdf_extract_hmac(tb_hmac_fn hmac, void *arg, size_t hash_len,
                         uint8_t *prk, const uint8_t *salt, size_t salt_len,
                         const uint8_t *ikm, size_t ikm_len);

int tb_hkdf_expand_hmac(tb_hmac_fn hmac, void *arg, size_t hash_len,
                        uint8_t *out, size_t out_len, const uint8_t *prk,
                        size_t prk_len, const uint8_t *info, size_t info_len);

#endif
