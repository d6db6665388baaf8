#include "common.h"

#include <limits.h>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/param_build.h>

void tb_openssl_why(tb_why *why, const char *what)
{
    unsigned long err = ERR_peek_last_error();
    if (err == 0) {
        tb_why_set(why, "%s failed", what);
    } else {
        char text[160];
        ERR_error_string_n(err, text, sizeof(text));
        tb_why_set(why, "%s: %s", what, text);
    }
    ERR_clear_error();
}

/* Builds a key of `type` from params (selection says which parts). */
static EVP_PKEY *pkey_fromdata(const char *type, int selection,
                               OSSL_PARAM_BLD *bld, tb_why *why)
{
    OSSL_PARAM *params = OSSL_PARAM_BLD_to_param(bld);
    EVP_PKEY_CTX *pctx = EVP_PKEY_CTX_new_from_name(NULL, type, NULL);
    EVP_PKEY *pkey = NULL;
    if (params == NULL || pctx == NULL || EVP_PKEY_fromdata_init(pctx) != 1 ||
        EVP_PKEY_fromdata(pctx, &pkey, selection, params) != 1) {
        tb_openssl_why(why, "EVP_PKEY_fromdata");
        EVP_PKEY_free(pkey);
        pkey = NULL;
    }
    EVP_PKEY_CTX_free(pctx);
    OSSL_PARAM_free(params);
    return pkey;
}

/* Pushes a big-endian integer; BN_bin2bn takes an int length. */
static int push_bn(OSSL_PARAM_BLD *bld, const char *name, const uint8_t *v,
                   size_t len, BIGNUM **bn)
{
    if (len > INT_MAX) {
        return 0;
    }
    *bn = BN_bin2bn(v, (int)len, NULL);
    return *bn != NULL && OSSL_PARAM_BLD_push_BN(bld, name, *bn) == 1;
}

EVP_PKEY *tb_openssl_rsa_pkey(const tb_rsa_key *key, tb_why *why)
{
    const char *const names[] = {
        OSSL_PKEY_PARAM_RSA_N,         OSSL_PKEY_PARAM_RSA_E,
        OSSL_PKEY_PARAM_RSA_D,         OSSL_PKEY_PARAM_RSA_FACTOR1,
        OSSL_PKEY_PARAM_RSA_FACTOR2,   OSSL_PKEY_PARAM_RSA_EXPONENT1,
        OSSL_PKEY_PARAM_RSA_EXPONENT2, OSSL_PKEY_PARAM_RSA_COEFFICIENT1,
    };
    const tb_bytes *parts[] = {&key->n, &key->e,  &key->d,  &key->p,
                               &key->q, &key->dp, &key->dq, &key->qinv};
    enum { N_PARTS = sizeof(parts) / sizeof(parts[0]) };
    BIGNUM *bn[N_PARTS] = {NULL};
    int has_private = key->d.len != 0;
    /* Public only: n and e. With d, every CRT part present too, so the
     * library uses its CRT path as it would with a key loaded from PEM. */
    size_t count = has_private ? N_PARTS : 2;
    EVP_PKEY *pkey = NULL;
    OSSL_PARAM_BLD *bld = OSSL_PARAM_BLD_new();
    int ok = bld != NULL && key->n.len != 0 && key->e.len != 0;
    for (size_t i = 0; ok && i < count; i++) {
        if (parts[i]->len != 0) {
            ok = push_bn(bld, names[i], parts[i]->ptr, parts[i]->len, &bn[i]);
        }
    }
    if (ok) {
        pkey = pkey_fromdata(
            "RSA", has_private ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY, bld,
            why);
    } else {
        tb_openssl_why(why, "RSA key components");
    }
    for (size_t i = 0; i < N_PARTS; i++) {
        BN_clear_free(bn[i]);
    }
    OSSL_PARAM_BLD_free(bld);
    return pkey;
}

EVP_PKEY *tb_openssl_ec_pkey(const char *type, const char *group,
                             const uint8_t *priv, size_t priv_len,
                             const uint8_t *pub, size_t pub_len, tb_why *why)
{
    BIGNUM *bn = NULL;
    EVP_PKEY *pkey = NULL;
    OSSL_PARAM_BLD *bld = OSSL_PARAM_BLD_new();
    int ok = bld != NULL;
    if (ok && group != NULL) {
        ok = OSSL_PARAM_BLD_push_utf8_string(bld, OSSL_PKEY_PARAM_GROUP_NAME,
                                             group, 0) == 1;
    }
    if (ok && priv != NULL) {
        /* EC takes the scalar as an integer, X25519 as raw bytes. */
        ok = group != NULL
                 ? push_bn(bld, OSSL_PKEY_PARAM_PRIV_KEY, priv, priv_len, &bn)
                 : OSSL_PARAM_BLD_push_octet_string(
                       bld, OSSL_PKEY_PARAM_PRIV_KEY, priv, priv_len) == 1;
    }
    if (ok && pub != NULL) {
        ok = OSSL_PARAM_BLD_push_octet_string(bld, OSSL_PKEY_PARAM_PUB_KEY, pub,
                                              pub_len) == 1;
    }
    if (ok) {
        pkey = pkey_fromdata(
            type, priv != NULL ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY, bld,
            why);
    } else {
        tb_openssl_why(why, "EC key parameters");
    }
    BN_clear_free(bn);
    OSSL_PARAM_BLD_free(bld);
    return pkey;
}
