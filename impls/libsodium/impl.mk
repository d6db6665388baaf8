# libsodium. LIBSODIUM_DIR=/prefix points at a build from source (e.g. a
# release newer than Debian's 1.0.18).
libsodium_PKGS := libsodium-dev
ifdef LIBSODIUM_DIR
libsodium_CFLAGS := -I$(LIBSODIUM_DIR)/include
libsodium_LIBS := -L$(LIBSODIUM_DIR)/lib -Wl,-rpath,$(LIBSODIUM_DIR)/lib -lsodium
libsodium_FOUND := $(if $(wildcard $(LIBSODIUM_DIR)/include/sodium.h),yes)
else
libsodium_CFLAGS := $(shell pkg-config --cflags libsodium 2>/dev/null)
libsodium_LIBS := $(or $(shell pkg-config --libs libsodium 2>/dev/null),-lsodium)
libsodium_FOUND := $(if $(wildcard /usr/include/sodium.h),yes)
endif
