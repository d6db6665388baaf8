/* Unit tests of the harness helpers: hex, lists, DER, CSV, the TLS 1.3
 * label encoding. Prints one line per check and "N passed, N failed". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csv.h"
#include "der.h"
#include "opts.h"
#include "util.h"

static int passed, failed;

static void check(int ok, const char *what)
{
    printf("%s unit: %s\n", ok ? "pass" : "FAIL", what);
    ok ? passed++ : failed++;
}

static void test_hex(void)
{
    uint8_t b[4];
    check(tb_hex_decode(b, 4, "00ff7A", 6) == 3 && b[1] == 0xff && b[2] == 0x7a,
          "hex decodes mixed case");
    check(tb_hex_decode(b, 4, "abc", 3) == -1, "odd-length hex rejected");
    check(tb_hex_decode(b, 4, "zz", 2) == -1, "non-hex rejected");
    check(tb_hex_decode(b, 2, "000000", 6) == -1, "hex longer than room rejected");
    char s[9];
    tb_hex_encode(s, (const uint8_t *)"\x01\xab", 2);
    check(strcmp(s, "01ab") == 0, "hex encodes");
}

static void test_lists(void)
{
    long v[8];
    char err[160];
    check(tb_parse_list("1,2,16", 1, 100, v, 8, err, sizeof(err)) == 3 &&
              v[2] == 16,
          "list parses");
    const char *bad[] = {"", ",", "1,", ",1", "1,,2", "a", "1,a", "-1", "0",
                         "101", "1,1", "1 2", "99999999999999999999"};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        char what[80];
        snprintf(what, sizeof(what), "list '%s' rejected", bad[i]);
        check(tb_parse_list(bad[i], 1, 100, v, 8, err, sizeof(err)) == -1 &&
                  err[0] != '\0',
              what);
    }
}

static void test_der(void)
{
    uint8_t r[32], s[32], r2[32], s2[32], der[80];
    size_t len;
    memset(r, 0, 32);
    r[31] = 5; /* small r: minimal encoding */
    memset(s, 0xff, 32); /* top bit set: needs a 00 pad */
    check(tb_ecdsa_sig_to_der(der, &len, r, s, 32) == 0 && len == 2 + 3 + 35,
          "DER encodes minimal integers");
    check(tb_ecdsa_sig_from_der(r2, s2, 32, der, len) == 0 &&
              memcmp(r, r2, 32) == 0 && memcmp(s, s2, 32) == 0,
          "DER round trip");
    check(tb_ecdsa_sig_from_der(r2, s2, 32, der, len - 1) == -1,
          "truncated DER rejected");
    uint8_t extra[81];
    memcpy(extra, der, len);
    extra[len] = 0;
    check(tb_ecdsa_sig_from_der(r2, s2, 32, extra, len + 1) == -1,
          "trailing byte rejected");
    uint8_t nonmin[] = {0x30, 0x07, 0x02, 0x02, 0x00, 0x05, 0x02, 0x01, 0x01};
    check(tb_ecdsa_sig_from_der(r2, s2, 32, nonmin, sizeof(nonmin)) == -1,
          "non-minimal integer rejected");
    uint8_t neg[] = {0x30, 0x06, 0x02, 0x01, 0x85, 0x02, 0x01, 0x01};
    check(tb_ecdsa_sig_from_der(r2, s2, 32, neg, sizeof(neg)) == -1,
          "negative integer rejected");
}

static void test_csv(void)
{
    char path[] = "/tmp/tlsbench-unit-XXXXXX";
    int fd = mkstemp(path);
    close(fd);
    tb_csv_file f;
    check(tb_csv_open(&f, path) == 0, "csv opens a temporary file");
    tb_csv_field(f.f, 0, "plain");
    tb_csv_field(f.f, ',', "a,b");
    tb_csv_field(f.f, ',', "say \"hi\"");
    tb_csv_field(f.f, ',', NULL);
    tb_csv_num(f.f, "%.1f", -1);
    tb_csv_num(f.f, "%.1f", 2.5);
    fputc('\n', f.f);
    FILE *before = fopen(path, "r");
    int c = before ? fgetc(before) : 'x';
    check(c == EOF, "nothing is visible before commit");
    if (before) {
        fclose(before);
    }
    check(tb_csv_commit(&f) == 0, "csv commits");
    char buf[200] = {0};
    FILE *in = fopen(path, "r");
    if (in) {
        if (fgets(buf, sizeof(buf), in) == NULL) {
            buf[0] = 0;
        }
        fclose(in);
    }
    check(strcmp(buf, "plain,\"a,b\",\"say \"\"hi\"\"\",,,2.5\n") == 0,
          "csv quotes per RFC 4180 and leaves n/a empty");
    check(tb_csv_open(&f, "/nonexistent-dir/x.csv") == -1,
          "csv reports an unwritable path");
    remove(path);
}

int main(void)
{
    test_hex();
    test_lists();
    test_der();
    test_csv();
    printf("unit: %d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
