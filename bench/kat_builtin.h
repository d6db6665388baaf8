#ifndef TLSBENCH_KAT_BUILTIN_H
#define TLSBENCH_KAT_BUILTIN_H

/* The gate's vectors, in the vector-file format. */
extern const char tb_kat_builtin_text[];

#endif
