/* The Mbed TLS adapter's class objects, one per primitive (see backend.h). */
#ifndef TLSBENCH_MBEDTLS_CLASSES_H
#define TLSBENCH_MBEDTLS_CLASSES_H

#include "backend.h"

extern const tb_aead_class tb_mbedtls_aes128gcm;
extern const tb_aead_class tb_mbedtls_aes256gcm;
extern const tb_aead_class tb_mbedtls_chacha20poly1305;

extern const tb_kex_class tb_mbedtls_x25519;
extern const tb_kex_class tb_mbedtls_p256;
extern const tb_kex_class tb_mbedtls_p384;

extern const tb_rsa_kt_class tb_mbedtls_rsa_kt;

extern const tb_sig_class tb_mbedtls_rsa_pkcs1_sha256;
extern const tb_sig_class tb_mbedtls_rsa_pss_sha256;
extern const tb_sig_class tb_mbedtls_ecdsa_p256_sha256;
extern const tb_sig_class tb_mbedtls_ecdsa_p384_sha384;

extern const tb_prf_class tb_mbedtls_prf;
extern const tb_hkdf_class tb_mbedtls_hkdf;

#endif
