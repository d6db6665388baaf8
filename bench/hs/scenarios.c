/* The handshake scenarios every TLS stack is measured with. The cost model
 * keys its recipes on the same names. */
#include "hs.h"

/* IANA values (RFC 8446 section 4.2.7 and B.4; RFC 5288). */
enum {
    GROUP_NONE = 0,
    GROUP_SECP256R1 = 23,
    GROUP_SECP384R1 = 24,
    GROUP_X25519 = 29,
    TLS13_AES_128_GCM_SHA256 = 0x1301,
    TLS12_RSA_AES128_GCM_SHA256 = 0x009c,
    TLS12_ECDHE_ECDSA_AES128_GCM_SHA256 = 0xc02b,
    TLS12_ECDHE_RSA_AES128_GCM_SHA256 = 0xc02f
};

/*
 * A resumption scenario names the full handshake it resumes (kx, cert):
 * the driver makes that full handshake once, untimed, and every measured
 * handshake resumes its session. Its group is what the resumed handshake
 * itself negotiates: none for a TLS 1.2 ticket or TLS 1.3 psk_ke, where no
 * key exchange takes place.
 */
const tb_hs_scenario tb_hs_scenarios[] = {
    {"tls12-rsa", 12, TB_HS_KX_RSA, TB_HS_CERT_RSA2048, TB_HS_FULL,
     TLS12_RSA_AES128_GCM_SHA256, GROUP_NONE},
    {"tls12-ecdhe-rsa-x25519", 12, TB_HS_KX_X25519, TB_HS_CERT_RSA2048,
     TB_HS_FULL, TLS12_ECDHE_RSA_AES128_GCM_SHA256, GROUP_X25519},
    {"tls12-ecdhe-rsa-p256", 12, TB_HS_KX_P256, TB_HS_CERT_RSA2048,
     TB_HS_FULL, TLS12_ECDHE_RSA_AES128_GCM_SHA256, GROUP_SECP256R1},
    {"tls12-ecdhe-ecdsa-p256", 12, TB_HS_KX_P256, TB_HS_CERT_P256,
     TB_HS_FULL, TLS12_ECDHE_ECDSA_AES128_GCM_SHA256, GROUP_SECP256R1},
    {"tls13-x25519-rsapss", 13, TB_HS_KX_X25519, TB_HS_CERT_RSA2048,
     TB_HS_FULL, TLS13_AES_128_GCM_SHA256, GROUP_X25519},
    {"tls13-x25519-ecdsa-p256", 13, TB_HS_KX_X25519, TB_HS_CERT_P256,
     TB_HS_FULL, TLS13_AES_128_GCM_SHA256, GROUP_X25519},
    {"tls13-p256-ecdsa-p256", 13, TB_HS_KX_P256, TB_HS_CERT_P256,
     TB_HS_FULL, TLS13_AES_128_GCM_SHA256, GROUP_SECP256R1},
    {"tls13-p384-ecdsa-p384", 13, TB_HS_KX_P384, TB_HS_CERT_P384,
     TB_HS_FULL, TLS13_AES_128_GCM_SHA256, GROUP_SECP384R1},
    /* Resumes tls12-ecdhe-rsa-x25519. */
    {"tls12-resume", 12, TB_HS_KX_X25519, TB_HS_CERT_RSA2048,
     TB_HS_RESUME_TICKET, TLS12_ECDHE_RSA_AES128_GCM_SHA256, GROUP_NONE},
    /* Resume tls13-x25519-ecdsa-p256; psk_dhe_ke makes a fresh X25519
     * exchange, psk_ke none. */
    {"tls13-psk-dhe", 13, TB_HS_KX_X25519, TB_HS_CERT_P256, TB_HS_PSK_DHE,
     TLS13_AES_128_GCM_SHA256, GROUP_X25519},
    {"tls13-psk-only", 13, TB_HS_KX_X25519, TB_HS_CERT_P256, TB_HS_PSK_ONLY,
     TLS13_AES_128_GCM_SHA256, GROUP_NONE},
};

const size_t tb_hs_n_scenarios =
    sizeof(tb_hs_scenarios) / sizeof(tb_hs_scenarios[0]);
