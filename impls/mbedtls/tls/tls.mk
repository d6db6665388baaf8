# Mbed TLS 2.28's TLS stack (Debian libmbedtls-dev) for the handshake
# driver. No pkg-config file: the libraries are named directly, libmbedtls
# needing libmbedx509 and libmbedcrypto. MBEDTLS_DIR=/prefix points at a
# build from source, as for the primitive backend. The driver uses the 2.x
# API; 3.x renamed config.h, so config.h marks a usable install.
mbedtls_TLS_PKGS := libmbedtls-dev
ifdef MBEDTLS_DIR
mbedtls_TLS_CFLAGS := -I$(MBEDTLS_DIR)/include
mbedtls_TLS_LIBS := -L$(MBEDTLS_DIR)/lib -Wl,-rpath,$(MBEDTLS_DIR)/lib -lmbedtls -lmbedx509 -lmbedcrypto
mbedtls_TLS_FOUND := $(if $(wildcard $(MBEDTLS_DIR)/include/mbedtls/config.h),yes)
else
mbedtls_TLS_CFLAGS :=
mbedtls_TLS_LIBS := -lmbedtls -lmbedx509 -lmbedcrypto
mbedtls_TLS_FOUND := $(if $(wildcard /usr/include/mbedtls/config.h),yes)
endif
