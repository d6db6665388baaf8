#include <string.h>

#include "keys.h"

void tb_sig_key_fixed(int alg, tb_sig_key *key)
{
    memset(key, 0, sizeof(*key));
    if (alg == TB_SIG_ECDSA_P256_SHA256 || alg == TB_SIG_ECDSA_P384_SHA384) {
        int curve = alg == TB_SIG_ECDSA_P256_SHA256 ? TB_KEX_P256 : TB_KEX_P384;
        key->ec_priv = tb_ec_sig_keys[curve].priv;
        key->ec_pub = tb_ec_sig_keys[curve].pub;
    } else {
        key->rsa = &tb_rsa_keys[TB_RSA2048];
    }
}
