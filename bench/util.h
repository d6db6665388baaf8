/* Small shared helpers: hex, fatal errors, a deterministic test-data PRNG. */
#ifndef TLSBENCH_UTIL_H
#define TLSBENCH_UTIL_H

#include <stddef.h>
#include <stdint.h>

#include "backend.h"

/* Decodes hex (upper or lower case, even length) into out (room for
 * out_max). Returns the byte count, or -1 for odd length, a non-hex
 * character or too little room. */
long tb_hex_decode(uint8_t *out, size_t out_max, const char *hex,
                   size_t hex_len);
/* Writes 2*len hex digits and a NUL into out. */
void tb_hex_encode(char *out, const uint8_t *in, size_t len);

/* Deterministic bytes for test inputs (splitmix64 of seed and position). */
void tb_fill(uint8_t *out, size_t len, uint64_t seed);

/* Aligned allocation that exits with a message on failure (setup only). */
void *tb_xalloc(size_t len);

/* A zeroed adapter context whose first member (the class pointer) is
 * already set to cls; init may rely on it. Setup only. */
void *tb_ctx_new(const void *cls, size_t context_size);

/* Inline: the timed HKDF loops call it per operation. */
static inline size_t tb_hash_len(tb_hash hash)
{
    return hash == TB_HASH_SHA384 ? 48 : 32;
}
const char *tb_hash_name(tb_hash hash);

#endif
