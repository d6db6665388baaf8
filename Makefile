# tlsbench. `make bench` runs the benchmarks, `make test` the tests; both
# install missing Debian packages when run as root (scripts/deps.sh).
# Also: make plots RUN=, make compare A= B=, make report RUN=,
# make leakcheck [LEAK_SECONDS= LEAK_KEYS=], make check-vectors, make fuzz,
# make calibrate.
#
# Knobs: BACKENDS=openssl,boringssl,...  FILTER=<regex>  QUICK=1  REPS=N
#        THREADS=1,2  SIZES=16,1350,16384  INTERLEAVE=1  ROUNDS=4  V=1
#        CHAIN_DEPTH=1..3 (handshakes)  SANITIZE=address,undefined
#        OPENSSL_DIR=  BORINGSSL_DIR=

BACKENDS_ALL := null openssl boringssl libsodium mbedtls wolfssl nettle gcrypt

CC ?= cc
CXX ?= c++
ifeq ($(CC),cc)
CC := gcc
endif
ifeq ($(CXX),c++)
CXX := g++
endif

SAN_FLAGS := $(if $(SANITIZE),-fsanitize=$(SANITIZE) -fno-omit-frame-pointer -fno-sanitize-recover=all)
BUILD := build$(if $(SANITIZE),-san)
BIN := bin$(if $(SANITIZE),-san)

CFLAGS_BASE := -std=c17 -O2 -g -Wall -Wextra -Werror -D_GNU_SOURCE -Ibench -MMD -MP $(SAN_FLAGS)
CXXFLAGS_BASE := -std=c++17 -O2 -g -Wall -Wextra -Werror -Ibench -MMD -MP $(SAN_FLAGS)
LDFLAGS_BASE := $(SAN_FLAGS)
GBENCH_LIBS := -lbenchmark -lpthread -lm

ifeq ($(V),1)
Q :=
else
Q := @
endif

include $(wildcard impls/*/impl.mk)

# Debian packages: to build, to run the benchmarks, and per backend.
BASE_PKGS := make gcc g++ libc6-dev pkg-config libbenchmark-dev libjansson-dev
BENCH_PKGS := gnuplot-nox fonts-dejavu-core
BACKEND_PKGS := $(foreach b,$(BACKENDS_ALL),$($(b)_PKGS))
ALL_PKGS := $(sort $(BASE_PKGS) $(BENCH_PKGS) $(BACKEND_PKGS))

BACKENDS_FOUND := $(foreach b,$(BACKENDS_ALL),$(if $(filter yes,$($(b)_FOUND)),$(b)))
BACKENDS_MISSING := $(filter-out $(BACKENDS_FOUND),$(BACKENDS_ALL))

HARNESS_C := $(wildcard bench/*.c)
HARNESS_OBJS := $(HARNESS_C:bench/%.c=$(BUILD)/harness/%.o) $(BUILD)/harness/gbench.o

EXES := $(BACKENDS_FOUND:%=$(BIN)/tlsbench-%)
TEST_EXES := $(BIN)/test_unit $(BIN)/test_gbench

.PHONY: all bench bench-run test test-run deps calibrate plots compare check-vectors clean distclean list-backends
.DEFAULT_GOAL := all

all: $(EXES) $(TEST_EXES)
	@$(if $(BACKENDS_MISSING),echo "skipped backends (headers not found): $(BACKENDS_MISSING)";) true

# Rebuild everything when the flags change.
FLAGS_ID := $(CC) $(CXX) $(CFLAGS_BASE) $(CXXFLAGS_BASE) $(OPENSSL_DIR) $(BORINGSSL_DIR) $(foreach b,$(BACKENDS_ALL),$($(b)_CFLAGS) $($(b)_LIBS))
$(BUILD)/.flags: FORCE
	@mkdir -p $(BUILD)
	@echo '$(FLAGS_ID)' | cmp -s - $@ || echo '$(FLAGS_ID)' > $@
FORCE:

$(BUILD)/harness/%.o: bench/%.c $(BUILD)/.flags
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(CFLAGS_BASE) -c $< -o $@

$(BUILD)/harness/gbench.o: bench/gbench.cc $(BUILD)/.flags
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CXX     $<")
	$(Q)$(CXX) $(CXXFLAGS_BASE) -c $< -o $@

define backend_rules
$(1)_OBJS := $$(patsubst impls/$(1)/%.c,$(BUILD)/$(1)/%.o,$$(wildcard impls/$(1)/*.c))
$(BUILD)/$(1)/%.o: impls/$(1)/%.c $(BUILD)/.flags
	@mkdir -p $$(dir $$@)
	@$$(if $(Q),echo "  CC      $$<")
	$(Q)$$(CC) $$(CFLAGS_BASE) $$($(1)_CFLAGS) -c $$< -o $$@
$(BIN)/tlsbench-$(1): $$($(1)_OBJS) $$(HARNESS_OBJS)
	@mkdir -p $$(dir $$@)
	@$$(if $(Q),echo "  LINK    $$@")
	$(Q)$$(CXX) $$(LDFLAGS_BASE) -o $$@ $$^ $$($(1)_LIBS) $$(GBENCH_LIBS)
endef
$(foreach b,$(BACKENDS_FOUND),$(eval $(call backend_rules,$(b))))

# Optional parts: each mk/<part>.mk adds its programs to PART_EXES and
# its packages to PART_PKGS.
PART_EXES :=
PART_PKGS :=
include $(wildcard mk/*.mk)
all: $(PART_EXES)
ALL_PKGS := $(sort $(ALL_PKGS) $(PART_PKGS))

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)

deps:
	@sh scripts/deps.sh $(ALL_PKGS)

# The dependencies are checked (and installed as root) before anything is
# built; a sub-make then reads the installed headers and libraries afresh.
bench:
	@sh scripts/deps.sh $(ALL_PKGS)
	@$(MAKE) --no-print-directory bench-run

bench-run:
	@. scripts/lib.sh && tb_select_backends "$(BACKENDS)" "$(BACKENDS_FOUND)" >/dev/null
	@$(MAKE) -s --no-print-directory $(SELECTED:%=$(BIN)/tlsbench-%) $(PART_EXES)
	@BIN=$(BIN) BACKENDS_FOUND="$(BACKENDS_FOUND)" BACKENDS="$(BACKENDS)" \
	  FILTER="$(FILTER)" QUICK="$(QUICK)" REPS="$(REPS)" THREADS="$(THREADS)" \
	  SIZES="$(SIZES)" INTERLEAVE="$(INTERLEAVE)" ROUNDS="$(ROUNDS)" sh scripts/run.sh

test:
	@sh scripts/deps.sh $(ALL_PKGS)
	@$(MAKE) --no-print-directory test-run

test-run: all
	@BIN=$(BIN) BACKENDS_FOUND="$(BACKENDS_FOUND)" sh tests/run.sh

plots:
	@sh scripts/deps.sh $(ALL_PKGS)
	@sh scripts/plots.sh "$(RUN)"

# openssl's rows beside `openssl speed`, in the same sitting.
calibrate:
	@sh scripts/deps.sh $(ALL_PKGS) openssl
	@$(MAKE) -s --no-print-directory $(BIN)/tlsbench-openssl
	@BIN=$(BIN) sh scripts/calibrate.sh $(or $(ROUNDS),3)

list-backends:
	@echo "found: $(BACKENDS_FOUND)"
	@echo "missing: $(BACKENDS_MISSING)"

clean:
	rm -rf build build-san build-fuzz bin bin-san bin-fuzz

distclean: clean

# Test programs: harness helpers and the Google Benchmark wrapper.
TEST_HARNESS_OBJS := $(filter-out $(BUILD)/harness/main.o,$(HARNESS_OBJS))
$(BUILD)/tests/%.o: tests/%.c $(BUILD)/.flags
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(CFLAGS_BASE) -c $< -o $@
$(BIN)/test_unit: $(BUILD)/tests/test_unit.o $(TEST_HARNESS_OBJS) $(null_OBJS)
	@mkdir -p $(dir $@)
	$(Q)$(CXX) $(LDFLAGS_BASE) -o $@ $^ $(GBENCH_LIBS)
$(BIN)/test_gbench: $(BUILD)/tests/test_gbench.o $(BUILD)/harness/gbench.o
	@mkdir -p $(dir $@)
	$(Q)$(CXX) $(LDFLAGS_BASE) -o $@ $^ $(GBENCH_LIBS)
