# OpenSSL's libssl for the handshake driver (mk/handshake.mk). Same prefix
# as the primitive backend: pkg-config, or OPENSSL_DIR=/prefix for a build
# from source.
openssl_TLS_PKGS := libssl-dev
ifdef OPENSSL_DIR
openssl_TLS_CFLAGS := -I$(OPENSSL_DIR)/include
openssl_TLS_LIBS := -L$(OPENSSL_DIR)/lib64 -L$(OPENSSL_DIR)/lib -Wl,-rpath,$(OPENSSL_DIR)/lib64 -Wl,-rpath,$(OPENSSL_DIR)/lib -lssl -lcrypto
openssl_TLS_FOUND := $(if $(wildcard $(OPENSSL_DIR)/include/openssl/ssl.h),yes)
else
openssl_TLS_CFLAGS := $(shell pkg-config --cflags libssl 2>/dev/null)
openssl_TLS_LIBS := $(or $(shell pkg-config --libs libssl libcrypto 2>/dev/null),-lssl -lcrypto)
openssl_TLS_FOUND := $(if $(wildcard /usr/include/openssl/ssl.h),yes)
endif
