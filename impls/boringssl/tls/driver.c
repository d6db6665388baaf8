/*
 * The BoringSSL handshake driver. BoringSSL keeps OpenSSL's libssl API, so
 * the OpenSSL driver serves both: compiled here against BoringSSL's headers
 * (which define OPENSSL_IS_BORINGSSL), it takes BoringSSL's branches where
 * the two differ (no TLS 1.3 suite setting, SSL_get_curve_id, no psk_ke).
 */
#include "../../openssl/tls/driver.c"
