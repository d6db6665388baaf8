/*
 * libFuzzer target: the strict CSV reader the compare, report and plot
 * tools use (tb_table_parse). The text is handed over in a buffer of
 * exactly its length, as the header describes. Properties checked besides
 * memory safety: a table that parses has a header of non-empty names and
 * rows * cols readable cells; lookups outside the table give "".
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csvread.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size > 0 ? size : 1);
    if (text == NULL) {
        return 0;
    }
    memcpy(text, data, size);
    tb_table t;
    char err[200];
    err[0] = '\0';
    if (tb_table_parse(&t, text, size, err, sizeof(err)) == 0) {
        size_t total = 0;
        for (size_t c = 0; c < t.cols; c++) {
            if (t.header[c][0] == '\0' ||
                tb_table_col(&t, t.header[c]) > (long)c) {
                __builtin_trap();
            }
        }
        for (size_t r = 0; r < t.rows; r++) {
            for (size_t c = 0; c < t.cols; c++) {
                total += strlen(tb_table_get(&t, r, (long)c));
            }
        }
        if (total > size || tb_table_get(&t, t.rows, 0)[0] != '\0' ||
            tb_table_get(&t, 0, (long)t.cols)[0] != '\0' ||
            tb_table_get(&t, 0, -1)[0] != '\0') {
            __builtin_trap();
        }
        const char *const need[] = {"backend", "ns_per_op", NULL};
        tb_table_require(&t, need, err, sizeof(err));
    } else if (err[0] == '\0') {
        __builtin_trap(); /* a refusal always says why */
    }
    tb_table_free(&t); /* the table owns the text, parsed or not */
    return 0;
}
