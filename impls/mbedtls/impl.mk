# Mbed TLS 2.28 (Debian libmbedtls-dev). It ships no pkg-config file, so the
# libraries are named directly: the TLS 1.2 PRF lives in libmbedtls, which
# itself needs libmbedx509 and libmbedcrypto. MBEDTLS_DIR=/prefix points at a
# build from source instead. The adapter uses the 2.x API; 3.x renamed
# config.h to mbedtls_config.h, so config.h marks a usable install.
mbedtls_PKGS := libmbedtls-dev
ifdef MBEDTLS_DIR
mbedtls_CFLAGS := -I$(MBEDTLS_DIR)/include
mbedtls_LIBS := -L$(MBEDTLS_DIR)/lib -Wl,-rpath,$(MBEDTLS_DIR)/lib -lmbedtls -lmbedx509 -lmbedcrypto
mbedtls_FOUND := $(if $(wildcard $(MBEDTLS_DIR)/include/mbedtls/config.h),yes)
else
mbedtls_CFLAGS :=
mbedtls_LIBS := -lmbedtls -lmbedx509 -lmbedcrypto
mbedtls_FOUND := $(if $(wildcard /usr/include/mbedtls/config.h),yes)
endif
