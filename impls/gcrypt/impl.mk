# libgcrypt (GnuPG's crypto library). GCRYPT_DIR=/prefix points at a build
# from source; otherwise pkg-config, then libgcrypt-config.
gcrypt_PKGS := libgcrypt20-dev
ifdef GCRYPT_DIR
gcrypt_CFLAGS := -I$(GCRYPT_DIR)/include
gcrypt_LIBS := -L$(GCRYPT_DIR)/lib -Wl,-rpath,$(GCRYPT_DIR)/lib -lgcrypt -lgpg-error
gcrypt_FOUND := $(if $(wildcard $(GCRYPT_DIR)/include/gcrypt.h),yes)
else
gcrypt_CFLAGS := $(or $(shell pkg-config --cflags libgcrypt 2>/dev/null),$(shell libgcrypt-config --cflags 2>/dev/null))
gcrypt_LIBS := $(or $(shell pkg-config --libs libgcrypt 2>/dev/null),$(shell libgcrypt-config --libs 2>/dev/null),-lgcrypt)
gcrypt_FOUND := $(if $(wildcard /usr/include/gcrypt.h),yes)
endif
