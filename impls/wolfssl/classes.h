/* The wolfSSL backend's class objects (one per primitive), used by
 * backend.c to fill tb_backend_impl. */
#ifndef TLSBENCH_WOLFSSL_CLASSES_H
#define TLSBENCH_WOLFSSL_CLASSES_H

#include "backend.h"

extern const tb_aead_class tb_wolfssl_aes128gcm;
extern const tb_aead_class tb_wolfssl_aes256gcm;
extern const tb_aead_class tb_wolfssl_chacha20poly1305;

extern const tb_kex_class tb_wolfssl_x25519;
extern const tb_kex_class tb_wolfssl_p256;
extern const tb_kex_class tb_wolfssl_p384;

extern const tb_rsa_kt_class tb_wolfssl_rsa_kt;

extern const tb_sig_class tb_wolfssl_rsa_pkcs1_sha256;
extern const tb_sig_class tb_wolfssl_rsa_pss_sha256;
extern const tb_sig_class tb_wolfssl_ecdsa_p256_sha256;
extern const tb_sig_class tb_wolfssl_ecdsa_p384_sha384;

extern const tb_prf_class tb_wolfssl_prf;
extern const tb_hkdf_class tb_wolfssl_hkdf;

#endif
