# Real handshakes: bin/tlshs-<stack> = bench/hs/*.c + impls/<stack>/tls/*.c
# for every TLS stack whose impls/<stack>/tls/tls.mk finds its library.
# A tls.mk sets <stack>_TLS_CFLAGS, <stack>_TLS_LIBS, <stack>_TLS_FOUND (yes
# when present) and <stack>_TLS_PKGS (its Debian packages).
#
#   make handshake    builds every tlshs-<stack> that can be built

HS_STACKS_ALL := openssl boringssl wolfssl mbedtls gnutls
include $(wildcard $(HS_STACKS_ALL:%=impls/%/tls/tls.mk))
HS_STACKS := $(foreach s,$(HS_STACKS_ALL),$(if $(and $(wildcard impls/$(s)/tls/*.c),$(filter yes,$($(s)_TLS_FOUND))),$(s)))
HS_MISSING := $(filter-out $(HS_STACKS),$(HS_STACKS_ALL))

HS_OBJS := $(patsubst bench/hs/%.c,$(BUILD)/hs/%.o,$(wildcard bench/hs/*.c))
# tb_parse_list, the CSV writer and tb_why_set come from the shared harness.
# From an archive the linker takes only the members they need.
HS_LIB := $(BUILD)/hs/libharness.a
HS_LIB_OBJS := $(filter-out $(BUILD)/harness/main.o,$(HARNESS_OBJS))
HS_CFLAGS := -Ibench/hs

$(BUILD)/hs/%.o: bench/hs/%.c $(BUILD)/.flags
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(CFLAGS_BASE) $(HS_CFLAGS) -c $< -o $@

$(HS_LIB): $(HS_LIB_OBJS)
	@mkdir -p $(dir $@)
	$(Q)rm -f $@ && ar rcs $@ $^

# The stack's flags are not in $(BUILD)/.flags: a file per stack makes its
# objects rebuild when they change.
define hs_rules
$(1)_TLS_OBJS := $$(patsubst impls/$(1)/tls/%.c,$(BUILD)/hs/$(1)/%.o,$$(wildcard impls/$(1)/tls/*.c))
$(BUILD)/hs/$(1)/.flags: FORCE
	@mkdir -p $$(dir $$@)
	@echo '$$($(1)_TLS_CFLAGS) $$($(1)_TLS_LIBS)' | cmp -s - $$@ || echo '$$($(1)_TLS_CFLAGS) $$($(1)_TLS_LIBS)' > $$@
$(BUILD)/hs/$(1)/%.o: impls/$(1)/tls/%.c $(BUILD)/.flags $(BUILD)/hs/$(1)/.flags
	@mkdir -p $$(dir $$@)
	@$$(if $(Q),echo "  CC      $$<")
	$(Q)$$(CC) $$(CFLAGS_BASE) $(HS_CFLAGS) $$($(1)_TLS_CFLAGS) -c $$< -o $$@
$(BIN)/tlshs-$(1): $(HS_OBJS) $$($(1)_TLS_OBJS) $(HS_LIB)
	@mkdir -p $$(dir $$@)
	@$$(if $(Q),echo "  LINK    $$@")
	$(Q)$$(CXX) $$(LDFLAGS_BASE) -o $$@ $(HS_OBJS) $$($(1)_TLS_OBJS) $(HS_LIB) $$($(1)_TLS_LIBS) $$(GBENCH_LIBS)
endef
$(foreach s,$(HS_STACKS),$(eval $(call hs_rules,$(s))))

PART_EXES += $(HS_STACKS:%=$(BIN)/tlshs-%)
PART_PKGS += $(foreach s,$(HS_STACKS_ALL),$($(s)_TLS_PKGS))

.PHONY: handshake
handshake: $(HS_STACKS:%=$(BIN)/tlshs-%)
	@$(if $(HS_MISSING),echo "handshake drivers not built (no driver, or library not found): $(HS_MISSING)";) true
