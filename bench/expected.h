/* Fixed inputs of the PRF and key-schedule cases and their expected outputs
 * (bench/expected.c, made by scripts/gen_expected.py with Python's hmac). */
#ifndef TLSBENCH_EXPECTED_H
#define TLSBENCH_EXPECTED_H

#include "backend.h"

typedef struct {
    tb_bytes session_hash; /* seed of EMS and Finished */
    tb_bytes master;       /* PRF(pms, "master secret", randoms), 48 */
    tb_bytes ems;          /* PRF(pms, "extended master secret", hash), 48 */
    tb_bytes key_block;    /* PRF(ms, "key expansion", sr||cr): 40 or 72 */
    tb_bytes finished;     /* PRF(ms, "client finished", hash), 12 */
    tb_bytes ecdhe;        /* TLS 1.3 schedule input: (EC)DHE secret */
    tb_bytes transcripts;  /* three hashes: CH..SH, CH..SF, CH..CF */
    tb_bytes empty_hash;   /* Hash("") */
    tb_bytes schedule;     /* tb_tls13_schedule output, concatenated */
    tb_bytes c_hs_traffic; /* one Expand-Label step */
} tb_expected;

extern const tb_expected tb_expected_by_hash[TB_HASH_COUNT];
extern const tb_bytes tb_prf_randoms; /* client_random || server_random */
extern const tb_bytes tb_prf_pms;

#endif
