/* The one-shot HMAC-SHA-256 that prf.c and hkdf.c build on (as the
 * tb_hmac_fn of bench/hmac_kdf.h). static inline so that it is written once
 * yet stays file-local in each user. */
#ifndef TLSBENCH_LIBSODIUM_HMAC_SHA256_H
#define TLSBENCH_LIBSODIUM_HMAC_SHA256_H

#include <limits.h>
#include <stddef.h>
#include <stdint.h>

#include <sodium.h>

/* libsodium takes message lengths as unsigned long long. */
_Static_assert(SIZE_MAX <= ULLONG_MAX, "size_t must fit unsigned long long");

/* crypto_auth_hmacsha256() fixes the key at 32 bytes; the streaming API
 * takes any key length (longer than 64 bytes is hashed, as RFC 2104 says).
 * The state lives on the stack (no allocation); final() wipes it. arg is
 * unused. */
static inline int tb_libsodium_hmac_sha256(void *arg, uint8_t *out,
                                           const uint8_t *key, size_t key_len,
                                           const uint8_t *msg, size_t msg_len)
{
    static const uint8_t empty[1];
    crypto_auth_hmacsha256_state st;
    (void)arg;
    /* The streaming calls are declared nonnull. */
    if (key == NULL) {
        key = empty;
    }
    if (crypto_auth_hmacsha256_init(&st, key, key_len) != 0 ||
        crypto_auth_hmacsha256_update(&st, msg, msg_len) != 0 ||
        crypto_auth_hmacsha256_final(&st, out) != 0) {
        return -1;
    }
    return 0;
}

#endif
