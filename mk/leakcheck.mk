# make leakcheck: does the time of each backend's RSA pre-master-secret
# decryption depend on the ciphertext? (scripts/leakcheck.sh)
# Knobs: BACKENDS=openssl,...  LEAK_SECONDS=100 (per backend)
#        LEAK_KEYS=2048,1024  RUN=<bench run folder whose REPORT.md gets
#        a section>
#
# bin/tlsleak-<backend>: the tool (bench/leak/) with the backend's adapter
# and the harness (without its main); bin/tlsleak-leaky: the same tool
# around a test-only adapter that leaks on purpose (tests/leak/leaky.c);
# bin/test_leakstats: unit tests of the statistics and ciphertext classes.

LEAK_C := $(wildcard bench/leak/*.c)
LEAK_OBJS := $(LEAK_C:bench/leak/%.c=$(BUILD)/leak/%.o)
LEAK_HARNESS_OBJS := $(filter-out $(BUILD)/harness/main.o,$(HARNESS_OBJS))
LEAK_LIBS := -lgmp -lm

$(BUILD)/leak/%.o: bench/leak/%.c $(BUILD)/.flags
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(CFLAGS_BASE) -c $< -o $@

$(BUILD)/leak/tests/%.o: tests/leak/%.c $(BUILD)/.flags
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(CFLAGS_BASE) -c $< -o $@

define leak_rules
$(BIN)/tlsleak-$(1): $$(LEAK_OBJS) $$($(1)_OBJS) $$(LEAK_HARNESS_OBJS)
	@mkdir -p $$(dir $$@)
	@$$(if $(Q),echo "  LINK    $$@")
	$(Q)$$(CXX) $$(LDFLAGS_BASE) -o $$@ $$^ $$($(1)_LIBS) $$(LEAK_LIBS) $$(GBENCH_LIBS)
endef
$(foreach b,$(BACKENDS_FOUND),$(eval $(call leak_rules,$(b))))

$(BIN)/tlsleak-leaky: $(LEAK_OBJS) $(BUILD)/leak/tests/leaky.o $(LEAK_HARNESS_OBJS)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CXX) $(LDFLAGS_BASE) -o $@ $^ $(LEAK_LIBS) $(GBENCH_LIBS)

$(BIN)/test_leakstats: $(BUILD)/leak/tests/test_leakstats.o $(BUILD)/leak/stats.o \
		$(BUILD)/leak/rng.o $(BUILD)/leak/ctclass.o $(BUILD)/harness/keys.o
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(LDFLAGS_BASE) -o $@ $^ $(LEAK_LIBS)

PART_EXES += $(BACKENDS_FOUND:%=$(BIN)/tlsleak-%) $(BIN)/tlsleak-leaky $(BIN)/test_leakstats
PART_PKGS += libgmp-dev

LEAK_ENV = BIN=$(BIN) BACKENDS_FOUND="$(BACKENDS_FOUND)" BACKENDS="$(BACKENDS)" \
	  LEAK_SECONDS="$(LEAK_SECONDS)" LEAK_KEYS="$(LEAK_KEYS)" RUN="$(RUN)"
leak_comma := ,
LEAK_SEL = $(if $(BACKENDS),$(subst $(leak_comma), ,$(BACKENDS)),$(BACKENDS_FOUND))

# The packages first; a sub-make then reads the installed headers afresh.
# The knobs are checked before anything is built.
.PHONY: leakcheck leakcheck-run
leakcheck:
	@sh scripts/deps.sh $(ALL_PKGS)
	@$(MAKE) --no-print-directory leakcheck-run

leakcheck-run:
	@$(LEAK_ENV) sh scripts/leakcheck.sh --check-knobs
	@$(MAKE) --no-print-directory $(LEAK_SEL:%=$(BIN)/tlsleak-%)
	@$(LEAK_ENV) sh scripts/leakcheck.sh
