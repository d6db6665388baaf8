# BoringSSL's libssl for the handshake driver (mk/handshake.mk). Default:
# Debian's android-libboringssl-dev (headers in /usr/include/android, which
# come before the system OpenSSL ones; libraries in the multiarch android
# folder, found at run time through the rpath). BORINGSSL_DIR=/prefix points
# at a build from source, as for the primitive backend.
boringssl_TLS_PKGS := android-libboringssl-dev
ifdef BORINGSSL_DIR
boringssl_TLS_CFLAGS := -I$(BORINGSSL_DIR)/include
boringssl_TLS_LIBS := -L$(BORINGSSL_DIR)/lib64 -L$(BORINGSSL_DIR)/lib -Wl,-rpath,$(BORINGSSL_DIR)/lib64 -Wl,-rpath,$(BORINGSSL_DIR)/lib -lssl -lcrypto
boringssl_TLS_FOUND := $(if $(wildcard $(BORINGSSL_DIR)/include/openssl/ssl.h),$(if $(wildcard $(BORINGSSL_DIR)/include/openssl/is_boringssl.h),yes))
else
boringssl_TLS_LIBDIR := /usr/lib/$(or $(shell dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null),x86_64-linux-gnu)/android
boringssl_TLS_CFLAGS := -I/usr/include/android
boringssl_TLS_LIBS := -L$(boringssl_TLS_LIBDIR) -Wl,-rpath,$(boringssl_TLS_LIBDIR) -lssl -lcrypto
boringssl_TLS_FOUND := $(if $(wildcard /usr/include/android/openssl/ssl.h),$(if $(wildcard $(boringssl_TLS_LIBDIR)/libssl.so),yes))
endif
