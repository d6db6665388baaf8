/* The OpenSSL adapter's classes, one per primitive, defined in the family
 * files of impls/openssl/. */
#ifndef TLSBENCH_OPENSSL_CLASSES_H
#define TLSBENCH_OPENSSL_CLASSES_H

#include "backend.h"

extern const tb_aead_class tb_openssl_aes128gcm;
extern const tb_aead_class tb_openssl_aes256gcm;
extern const tb_aead_class tb_openssl_chacha20poly1305;

extern const tb_kex_class tb_openssl_x25519;
extern const tb_kex_class tb_openssl_p256;
extern const tb_kex_class tb_openssl_p384;

extern const tb_rsa_kt_class tb_openssl_rsa_kt;

extern const tb_sig_class tb_openssl_rsa_pkcs1_sha256;
extern const tb_sig_class tb_openssl_rsa_pss_sha256;
extern const tb_sig_class tb_openssl_ecdsa_p256_sha256;
extern const tb_sig_class tb_openssl_ecdsa_p384_sha384;

extern const tb_prf_class tb_openssl_prf;
extern const tb_hkdf_class tb_openssl_hkdf;

#endif
