/*
 * The handshake cost model: per TLS stack, scenario and side, the crypto
 * cost of one handshake as a sum of named parts, each a count times the
 * ns_per_op of one primitive row of the same run. Which rows and how many
 * times is data (bench/model/recipes.txt); this code only reads it, looks
 * the rows up and adds.
 *
 * Times are kept in fixed point (millionths of a nanosecond) so that the
 * sums are exact: results.csv prints ns_per_op with three decimals, and a
 * test can check the arithmetic to the last digit.
 */
#ifndef TLSBENCH_MODEL_H
#define TLSBENCH_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "csvread.h"

/* ------------------------------------------------------------ fixed point */

#define TB_FX_ONE 1000000 /* units per nanosecond */

/* Parses "[-]digits[.digits]" (at most 10 integer and 6 decimal digits)
 * into millionths of a nanosecond. Returns 0, or -1 for anything else
 * (empty, exponent, sign only, stray characters). */
int tb_fx_parse(const char *s, int64_t *out);
/* Formats with three decimals when that is exact, else six. */
void tb_fx_format(char *out, size_t out_len, int64_t v);
/* a * b and a + b; -1 on overflow. */
int tb_fx_mul(int64_t a, int64_t b, int64_t *out);
int tb_fx_add(int64_t a, int64_t b, int64_t *out);

/* --------------------------------------------------------------- recipes */

#define TB_NAME_MAX 64
#define TB_WHY_TEXT_MAX 240
#define TB_DEPTH_MAX 16

enum { TB_SIDE_CLIENT = 0, TB_SIDE_SERVER = 1, TB_SIDE_COUNT };
extern const char *const tb_side_names[TB_SIDE_COUNT];

/* "stack gnutls nettle  # why": a TLS stack and the primitive backend whose
 * rows model it. */
typedef struct {
    char name[TB_NAME_MAX];
    char backend[TB_NAME_MAX];
    char why[TB_WHY_TEXT_MAX];
} tb_recipe_stack;

/* "scenario tls12-rsa  # description" */
typedef struct {
    char name[TB_NAME_MAX];
    char why[TB_WHY_TEXT_MAX];
} tb_recipe_scenario;

/* "tls12-rsa server rsa_decrypt_pms 1 rsa/RSA-2048/decrypt/48  # why" */
typedef struct {
    size_t scenario; /* index into scenarios */
    int side;
    char component[TB_NAME_MAX];
    unsigned count;  /* times the row's cost; unused when per_depth */
    int per_depth;   /* count is the certificate chain depth */
    char row[2 * TB_NAME_MAX]; /* family/alg/op/size as written */
    char family[TB_NAME_MAX], alg[TB_NAME_MAX], op[TB_NAME_MAX],
        size[TB_NAME_MAX];
    char why[TB_WHY_TEXT_MAX];
    size_t line_no;
} tb_recipe_line;

typedef struct {
    tb_recipe_stack *stacks;
    size_t n_stacks;
    tb_recipe_scenario *scenarios;
    size_t n_scenarios;
    tb_recipe_line *lines;
    size_t n_lines;
} tb_recipes;

/* Reads and checks a recipe file. Returns 0, or -1 with "path:line: what"
 * in err. */
int tb_recipes_load(tb_recipes *r, const char *path, char *err,
                    size_t err_len);
void tb_recipes_free(tb_recipes *r);
/* Index of a stack or scenario by name, or -1. */
long tb_recipes_stack(const tb_recipes *r, const char *name);
long tb_recipes_scenario(const tb_recipes *r, const char *name);

/* --------------------------------------------------------------- results */

typedef enum {
    TB_ST_OK = 0,
    TB_ST_UNSUPPORTED = 1,
    TB_ST_FAILED = 2
} tb_row_status;
extern const char *const tb_status_names[3];

/* One component of one (stack, scenario, side). */
typedef struct {
    const tb_recipe_line *line;
    unsigned count;
    tb_row_status status;
    int64_t ns;          /* count * ns_per_op, when ok */
    int64_t ns_per_op;   /* the row's value, when ok */
    char note[512];
} tb_model_part;

/* The model of one (stack, scenario, side). */
typedef struct {
    size_t stack, scenario;
    int side;
    tb_model_part *parts; /* into tb_model.parts */
    size_t n_parts;
    tb_row_status status;
    int64_t ns;           /* the total, when ok */
    char note[512];
} tb_model_total;

/* A measured row of handshake.csv (cells kept as read). */
typedef struct {
    const char *cells[14];
    size_t stack, scenario;
    int side;
    tb_row_status status;
    int64_t ns; /* median, when ok */
} tb_measured;

typedef struct {
    char run_id[128];
    char column[TB_NAME_MAX]; /* the results.csv column modelled from */
    unsigned depth;
    tb_model_part *parts;
    size_t n_parts;
    tb_model_total *totals; /* stack-major, then scenario, then side */
    size_t n_totals;
    int *stack_used;        /* per recipe stack: has model rows */
    tb_measured *measured;
    size_t n_measured;
} tb_model;

/* The columns of handshake.csv, in order. */
extern const char *const tb_hs_columns[14];
#define TB_HS_NCOLS 14

/* Computes the model of every stack whose primitive backend has rows in
 * results (or which has measured rows), from the results.csv column named
 * column (normally ns_per_op). measured (a handshake.csv, may be NULL) must
 * outlive m: its measured rows are kept by pointer. Returns 0, or -1 with a
 * message in err. */
int tb_model_build(tb_model *m, const tb_recipes *r, const tb_table *results,
                   tb_table *measured, unsigned depth, const char *column,
                   char *err, size_t err_len);
void tb_model_free(tb_model *m);
/* The total of (stack, scenario, side), or NULL when the stack is not
 * modelled. */
const tb_model_total *tb_model_find(const tb_model *m, size_t stack,
                                    size_t scenario, int side);

/* Writes handshake.csv: the measured rows, then the model rows, then the
 * overhead rows (measured minus model). Atomic; 0 or -1 with err. */
int tb_model_write_csv(const tb_model *m, const tb_recipes *r,
                       const char *path, char *err, size_t err_len);
/* Writes the Markdown section for REPORT.md; n_retimed rows were timed
 * again beside the handshakes (--retimed), n_lowered of them lower than in
 * results.csv (0 and 0 without a re-timing). Atomic; 0 or -1 with err. */
int tb_model_write_markdown(const tb_model *m, const tb_recipes *r,
                            const char *recipes_path, size_t n_retimed,
                            size_t n_lowered, const char *path, char *err,
                            size_t err_len);

#endif
