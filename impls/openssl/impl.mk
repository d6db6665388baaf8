# OpenSSL (libcrypto only: the adapter uses no libssl API).
# OPENSSL_DIR=/prefix points at a build from source.
openssl_PKGS := libssl-dev
ifdef OPENSSL_DIR
openssl_CFLAGS := -I$(OPENSSL_DIR)/include
openssl_LIBS := -L$(OPENSSL_DIR)/lib64 -L$(OPENSSL_DIR)/lib -Wl,-rpath,$(OPENSSL_DIR)/lib64 -Wl,-rpath,$(OPENSSL_DIR)/lib -lcrypto
openssl_FOUND := $(if $(wildcard $(OPENSSL_DIR)/include/openssl/evp.h),yes)
else
openssl_CFLAGS := $(shell pkg-config --cflags libcrypto 2>/dev/null)
openssl_LIBS := $(or $(shell pkg-config --libs libcrypto 2>/dev/null),-lcrypto)
openssl_FOUND := $(if $(wildcard /usr/include/openssl/evp.h),yes)
endif
