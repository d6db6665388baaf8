# GNU Nettle (symmetric) and hogweed (public key, on GMP). NETTLE_DIR=/prefix
# points at a build from source. GMP is named explicitly because the adapter
# calls it (mpz_t import/export) and pkg-config keeps it in Libs.private.
nettle_PKGS := nettle-dev libgmp-dev
ifdef NETTLE_DIR
nettle_CFLAGS := -I$(NETTLE_DIR)/include
nettle_LIBS := -L$(NETTLE_DIR)/lib64 -L$(NETTLE_DIR)/lib -Wl,-rpath,$(NETTLE_DIR)/lib64 -Wl,-rpath,$(NETTLE_DIR)/lib -lhogweed -lnettle -lgmp
nettle_FOUND := $(if $(wildcard $(NETTLE_DIR)/include/nettle/rsa.h),yes)
else
nettle_CFLAGS := $(shell pkg-config --cflags hogweed nettle 2>/dev/null)
nettle_LIBS := $(or $(shell pkg-config --libs hogweed nettle 2>/dev/null),-lhogweed -lnettle) -lgmp
nettle_FOUND := $(if $(wildcard /usr/include/nettle/rsa.h),yes)
endif
