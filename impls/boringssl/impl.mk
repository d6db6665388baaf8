# BoringSSL (libcrypto only). Default: the Android build Debian ships in
# android-libboringssl-dev, whose headers live in /usr/include/android so they
# shadow the system OpenSSL ones (-I comes before the system directories).
# BORINGSSL_DIR=/prefix points at a build from source (include/ and lib/).
boringssl_PKGS := android-libboringssl-dev
ifdef BORINGSSL_DIR
boringssl_CFLAGS := -I$(BORINGSSL_DIR)/include
boringssl_LIBS := -L$(BORINGSSL_DIR)/lib64 -L$(BORINGSSL_DIR)/lib -Wl,-rpath,$(BORINGSSL_DIR)/lib64 -Wl,-rpath,$(BORINGSSL_DIR)/lib -lcrypto
boringssl_FOUND := $(if $(wildcard $(BORINGSSL_DIR)/include/openssl/is_boringssl.h),yes)
else
boringssl_LIBDIR := /usr/lib/$(or $(shell dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null),x86_64-linux-gnu)/android
boringssl_CFLAGS := -I/usr/include/android -DTB_BORINGSSL_DEBIAN_ANDROID
boringssl_LIBS := -L$(boringssl_LIBDIR) -Wl,-rpath,$(boringssl_LIBDIR) -lcrypto
boringssl_FOUND := $(if $(wildcard /usr/include/android/openssl/is_boringssl.h),yes)
endif
