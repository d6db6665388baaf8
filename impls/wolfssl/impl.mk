# wolfSSL (wolfCrypt) as Debian ships it: libwolfssl-dev, pkg-config wolfssl.
# Debian's build has no WOLFSSL_AESNI / USE_INTEL_SPEEDUP (see describe).
wolfssl_PKGS := libwolfssl-dev
wolfssl_CFLAGS := $(shell pkg-config --cflags wolfssl 2>/dev/null)
wolfssl_LIBS := $(or $(shell pkg-config --libs wolfssl 2>/dev/null),-lwolfssl)
wolfssl_FOUND := $(if $(wildcard /usr/include/wolfssl/options.h),yes)
