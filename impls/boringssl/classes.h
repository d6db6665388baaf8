/* The BoringSSL backend's classes (defined in aead.c, kex.c, rsa.c, sig.c,
 * prf.c and hkdf.c; collected in backend.c). */
#ifndef TLSBENCH_BORINGSSL_CLASSES_H
#define TLSBENCH_BORINGSSL_CLASSES_H

#include "backend.h"

/* Fail the build when the system OpenSSL headers were picked up instead. */
#include <openssl/opensslv.h> /* exists in OpenSSL too, so the check runs */
#ifndef OPENSSL_IS_BORINGSSL
#error "impls/boringssl needs BoringSSL's headers (-I/usr/include/android or BORINGSSL_DIR)"
#endif

extern const tb_aead_class tb_boringssl_aes128gcm;
extern const tb_aead_class tb_boringssl_aes256gcm;
extern const tb_aead_class tb_boringssl_chacha20poly1305;

extern const tb_kex_class tb_boringssl_x25519;
extern const tb_kex_class tb_boringssl_p256;
extern const tb_kex_class tb_boringssl_p384;

extern const tb_rsa_kt_class tb_boringssl_rsa_kt;

extern const tb_sig_class tb_boringssl_rsa_pkcs1_sha256;
extern const tb_sig_class tb_boringssl_rsa_pss_sha256;
extern const tb_sig_class tb_boringssl_ecdsa_p256_sha256;
extern const tb_sig_class tb_boringssl_ecdsa_p384_sha384;

extern const tb_prf_class tb_boringssl_prf;
extern const tb_hkdf_class tb_boringssl_hkdf;

#endif
