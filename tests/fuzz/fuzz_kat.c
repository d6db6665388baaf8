/*
 * libFuzzer target: the known-answer vector files (bench/kat.c, "Key =
 * value" blocks). The loader reads files, so each input is written to one
 * temporary file; it is validated (tb_kat_validate) and, when valid, run on
 * the null backend (tb_kat_file), which exercises every block handler
 * without a library. Property checked besides memory safety: validation and
 * running agree on whether the file is usable.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "backend.h"
#include "kat.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char path[64];

static void remove_file(void)
{
    unlink(path);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    const char *dir = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
    snprintf(path, sizeof(path), "%s/tlsbench-fuzz-kat-XXXXXX", dir);
    int fd = mkstemp(path);
    if (fd < 0) {
        perror("mkstemp");
        exit(1);
    }
    close(fd);
    atexit(remove_file);
    /* Refusals are explained on stderr; see fuzz_opts.c. */
    FILE *null = fopen("/dev/null", "w");
    if (null != NULL) {
        stderr = null;
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    int fd = open(path, O_WRONLY | O_TRUNC);
    if (fd < 0) {
        return 0;
    }
    size_t done = 0;
    while (done < size) {
        ssize_t n = write(fd, data + done, size - done);
        if (n <= 0) {
            close(fd);
            return 0;
        }
        done += (size_t)n;
    }
    close(fd);
    char err[200];
    err[0] = '\0';
    int valid = tb_kat_validate(path, err, sizeof(err)) == 0;
    if (!valid && err[0] == '\0') {
        __builtin_trap(); /* a refusal always says why */
    }
    tb_kat_result r;
    memset(&r, 0, sizeof(r));
    int ran = tb_kat_file(&tb_backend_impl, path, &r) == 0;
    if (ran != valid) {
        __builtin_trap();
    }
    return 0;
}
