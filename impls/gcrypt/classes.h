/* The libgcrypt backend's classes (one definition per family file). */
#ifndef TLSBENCH_GCRYPT_CLASSES_H
#define TLSBENCH_GCRYPT_CLASSES_H

#include "backend.h"

extern const tb_aead_class tb_gcrypt_aes128gcm;
extern const tb_aead_class tb_gcrypt_aes256gcm;
extern const tb_aead_class tb_gcrypt_chacha20poly1305;

extern const tb_kex_class tb_gcrypt_x25519;
extern const tb_kex_class tb_gcrypt_p256;
extern const tb_kex_class tb_gcrypt_p384;

extern const tb_rsa_kt_class tb_gcrypt_rsa_kt;

extern const tb_sig_class tb_gcrypt_rsa_pkcs1_sha256;
extern const tb_sig_class tb_gcrypt_rsa_pss_sha256;
extern const tb_sig_class tb_gcrypt_ecdsa_p256_sha256;
extern const tb_sig_class tb_gcrypt_ecdsa_p384_sha384;

extern const tb_prf_class tb_gcrypt_prf;
extern const tb_hkdf_class tb_gcrypt_hkdf;

#endif
