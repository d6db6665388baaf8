/*
 * ECDSA signatures in DER (ECDSA-Sig-Value, as TLS carries them) to and from
 * fixed-length big-endian r and s, for libraries whose API takes raw values.
 * No allocation.
 */
#ifndef TLSBENCH_DER_H
#define TLSBENCH_DER_H

#include <stddef.h>
#include <stdint.h>

/* r and s are n_len bytes each, big-endian. out has room for 2*n_len + 9
 * bytes. Returns 0, or -1 for n_len > 66. */
int tb_ecdsa_sig_to_der(uint8_t *out, size_t *out_len, const uint8_t *r,
                        const uint8_t *s, size_t n_len);

/* Strict DER parse (minimal lengths and integers, positive, no trailing
 * bytes); r and s receive n_len bytes each, left-padded with zeros. Returns
 * 0, or -1 for anything malformed or an integer longer than n_len. */
int tb_ecdsa_sig_from_der(uint8_t *r, uint8_t *s, size_t n_len,
                          const uint8_t *der, size_t der_len);

#endif
