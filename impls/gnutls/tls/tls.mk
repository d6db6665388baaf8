# GnuTLS (Debian libgnutls28-dev, pkg-config gnutls) for the handshake
# driver. GnuTLS is a TLS stack only: its cryptography is Nettle's, so the
# nettle primitive backend models it and there is no gnutls impl.mk.
gnutls_TLS_PKGS := libgnutls28-dev
gnutls_TLS_CFLAGS := $(shell pkg-config --cflags gnutls 2>/dev/null)
gnutls_TLS_LIBS := $(or $(shell pkg-config --libs gnutls 2>/dev/null),-lgnutls)
gnutls_TLS_FOUND := $(if $(wildcard /usr/include/gnutls/gnutls.h),yes)
