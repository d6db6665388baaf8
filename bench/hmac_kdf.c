#include "hmac_kdf.h"

#include <string.h>

int tb_p_hash(tb_hmac_fn hmac, void *arg, size_t hash_len, uint8_t *out,
              size_t out_len, const uint8_t *secret, size_t secret_len,
              const uint8_t *label, size_t label_len, const uint8_t *seed,
              size_t seed_len)
{
    /* buf = A(i) || label || seed; A(0) = label || seed. */
    uint8_t buf[TB_HASH_MAX + TB_KDF_MAX_INPUT];
    uint8_t block[TB_HASH_MAX];
    if (hash_len > TB_HASH_MAX || label_len > TB_KDF_MAX_INPUT ||
        seed_len > TB_KDF_MAX_INPUT - label_len) {
        return -1;
    }
    size_t ls_len = label_len + seed_len;
    if (label_len > 0) {
        memcpy(buf + hash_len, label, label_len);
    }
    if (seed_len > 0) {
        memcpy(buf + hash_len + label_len, seed, seed_len);
    }
    /* A(1) = HMAC(secret, A(0)) */
    if (hmac(arg, buf, secret, secret_len, buf + hash_len, ls_len) != 0) {
        return -1;
    }
    size_t done = 0;
    while (done < out_len) {
        if (hmac(arg, block, secret, secret_len, buf, hash_len + ls_len) !=
            0) {
            return -1;
        }
        size_t n = out_len - done < hash_len ? out_len - done : hash_len;
        memcpy(out + done, block, n);
        done += n;
        if (done < out_len &&
            hmac(arg, buf, secret, secret_len, buf, hash_len) != 0) {
            return -1;
        }
    }
    return 0;
}

int tb_hkdf_extract_hmac(tb_hmac_fn hmac, void *arg, size_t hash_len,
                         uint8_t *prk, const uint8_t *salt, size_t salt_len,
                         const uint8_t *ikm, size_t ikm_len)
{
    static const uint8_t zeros[TB_HASH_MAX];
    if (hash_len > TB_HASH_MAX) {
        return -1;
    }
    if (salt_len == 0) {
        salt = zeros;
        salt_len = hash_len;
    }
    return hmac(arg, prk, salt, salt_len, ikm, ikm_len);
}

int tb_hkdf_expand_hmac(tb_hmac_fn hmac, void *arg, size_t hash_len,
                        uint8_t *out, size_t out_len, const uint8_t *prk,
                        size_t prk_len, const uint8_t *info, size_t info_len)
{
    /* T(i) = HMAC(PRK, T(i-1) || info || i) */
    uint8_t buf[TB_HASH_MAX + TB_KDF_MAX_INPUT + 1];
    uint8_t block[TB_HASH_MAX];
    if (hash_len > TB_HASH_MAX || info_len > TB_KDF_MAX_INPUT ||
        out_len > 255 * hash_len) {
        return -1;
    }
    size_t done = 0, prev = 0;
    for (unsigned i = 1; done < out_len; i++) {
        if (info_len > 0) {
            memcpy(buf + prev, info, info_len);
        }
        buf[prev + info_len] = (uint8_t)i;
        if (hmac(arg, block, prk, prk_len, buf, prev + info_len + 1) != 0) {
            return -1;
        }
        size_t n = out_len - done < hash_len ? out_len - done : hash_len;
        memcpy(out + done, block, n);
        done += n;
        memcpy(buf, block, hash_len);
        prev = hash_len;
    }
    return 0;
}
