# wolfSSL's TLS stack (Debian libwolfssl-dev, pkg-config wolfssl) for the
# handshake driver; the same library as the wolfssl primitive backend.
wolfssl_TLS_PKGS := libwolfssl-dev
wolfssl_TLS_CFLAGS := $(shell pkg-config --cflags wolfssl 2>/dev/null)
wolfssl_TLS_LIBS := $(or $(shell pkg-config --libs wolfssl 2>/dev/null),-lwolfssl)
wolfssl_TLS_FOUND := $(if $(wildcard /usr/include/wolfssl/options.h),yes)
