/* The libsodium backend's class objects (NULL in the backend table where
 * libsodium has no such primitive). */
#ifndef TLSBENCH_LIBSODIUM_CLASSES_H
#define TLSBENCH_LIBSODIUM_CLASSES_H

#include "backend.h"

extern const tb_aead_class tb_libsodium_aes256gcm;
extern const tb_aead_class tb_libsodium_chacha20poly1305;
extern const tb_kex_class tb_libsodium_x25519;
extern const tb_prf_class tb_libsodium_prf;
extern const tb_hkdf_class tb_libsodium_hkdf;

#endif
