# Fuzzing with libFuzzer (clang): tests/fuzz/fuzz_<target>.c against the
# harness built with clang and the address and undefined-behaviour
# sanitizers into build-fuzz/ and bin-fuzz/.
#
#   make fuzz-build                   the targets: bin-fuzz/fuzz-<target>
#   make fuzz FUZZ_SECONDS=60         each target for that long (default 60),
#                                     from its seed corpus; FUZZ_TARGETS=a,b
#
# Seeds live in tests/fuzz/corpus/<target>/; the inputs a run adds go to
# build-fuzz/corpus/<target>/. A crash leaves its input in
# build-fuzz/crashes/: fix the bug, then keep the input in
# tests/fuzz/crashes/<target>/ (tests/t_fuzz.sh replays those).

FUZZ_ALL := kat wycheproof opts csv
FUZZ_PKGS := clang libclang-rt-dev
FUZZ_CC ?= clang
FUZZ_CXX ?= clang++
FUZZ_SECONDS ?= 60
FUZZ_BUILD := build-fuzz
FUZZ_BIN := bin-fuzz
FUZZ_SAN := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_CFLAGS := -std=c17 -O1 -g -Wall -Wextra -Werror -D_GNU_SOURCE -Ibench -MMD -MP $(FUZZ_SAN) -fsanitize=fuzzer-no-link
FUZZ_CXXFLAGS := -std=c++17 -O1 -g -Wall -Wextra -Werror -Ibench -MMD -MP $(FUZZ_SAN) -fsanitize=fuzzer-no-link
# The harness without its main, and the null backend (the vector-file
# target runs on it); an archive, so each target links only what it uses.
FUZZ_LIB_OBJS := $(patsubst bench/%.c,$(FUZZ_BUILD)/harness/%.o,$(filter-out bench/main.c,$(wildcard bench/*.c))) \
  $(FUZZ_BUILD)/harness/gbench.o $(FUZZ_BUILD)/null/backend.o
FUZZ_EXES := $(FUZZ_ALL:%=$(FUZZ_BIN)/fuzz-%)

$(FUZZ_BUILD)/harness/%.o: bench/%.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $< (fuzz)")
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) -c $< -o $@
$(FUZZ_BUILD)/harness/gbench.o: bench/gbench.cc
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CXX     $< (fuzz)")
	$(Q)$(FUZZ_CXX) $(FUZZ_CXXFLAGS) -c $< -o $@
$(FUZZ_BUILD)/null/%.o: impls/null/%.c
	@mkdir -p $(dir $@)
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) -c $< -o $@
$(FUZZ_BUILD)/targets/%.o: tests/fuzz/%.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) -c $< -o $@
$(FUZZ_BUILD)/libtlsbench.a: $(FUZZ_LIB_OBJS)
	@rm -f $@
	$(Q)ar rcs $@ $^
$(FUZZ_BIN)/fuzz-%: $(FUZZ_BUILD)/targets/fuzz_%.o $(FUZZ_BUILD)/libtlsbench.a
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(FUZZ_CXX) $(FUZZ_SAN) -fsanitize=fuzzer -o $@ $^ $(GBENCH_LIBS)

-include $(shell find $(FUZZ_BUILD) -name '*.d' 2>/dev/null)

# Which targets: FUZZ_TARGETS=a,b (checked) or all.
fuzz_comma := ,
FUZZ_SEL = $(if $(FUZZ_TARGETS),$(subst $(fuzz_comma), ,$(FUZZ_TARGETS)),$(FUZZ_ALL))

fuzz-check:
	@sh scripts/deps.sh $(FUZZ_PKGS) $(ALL_PKGS)
	@for t in $(FUZZ_SEL); do case " $(FUZZ_ALL) " in *" $$t "*) ;; *) \
	  echo "tlsbench: unknown fuzz target '$$t' (valid: $(FUZZ_ALL))" >&2; exit 2 ;; esac; done
	@case "$(FUZZ_SECONDS)" in ''|*[!0-9]*|0) \
	  echo "tlsbench: FUZZ_SECONDS='$(FUZZ_SECONDS)' is not a whole number of seconds above 0" >&2; exit 2 ;; esac

fuzz-build: fuzz-check
	@$(MAKE) --no-print-directory $(FUZZ_SEL:%=$(FUZZ_BIN)/fuzz-%)

# Each target for FUZZ_SECONDS; every target runs even if one finds a bug.
fuzz: fuzz-build
	@rc=0; for t in $(FUZZ_SEL); do \
	  mkdir -p $(FUZZ_BUILD)/corpus/$$t $(FUZZ_BUILD)/crashes; \
	  dict=""; [ -f tests/fuzz/$$t.dict ] && dict="-dict=tests/fuzz/$$t.dict"; \
	  echo "== fuzz-$$t: $(FUZZ_SECONDS) s"; \
	  $(FUZZ_BIN)/fuzz-$$t -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
	    -artifact_prefix=$(FUZZ_BUILD)/crashes/$$t- $$dict \
	    $(FUZZ_BUILD)/corpus/$$t tests/fuzz/corpus/$$t > $(FUZZ_BUILD)/fuzz-$$t.log 2>&1; st=$$?; \
	  grep -E '^(stat::number_of_executed_units|stat::average_exec_per_sec|stat::peak_rss_mb|SUMMARY|==[0-9]+==ERROR)' $(FUZZ_BUILD)/fuzz-$$t.log | sed 's/^/  /'; \
	  if [ $$st -ne 0 ]; then rc=1; echo "  fuzz-$$t FOUND A BUG (exit $$st): $(FUZZ_BUILD)/fuzz-$$t.log; input in $(FUZZ_BUILD)/crashes/"; \
	  else echo "  fuzz-$$t: no finding"; fi; \
	done; exit $$rc

clean-fuzz:
	rm -rf $(FUZZ_BUILD) $(FUZZ_BIN)

.PHONY: fuzz fuzz-build fuzz-check clean-fuzz
.SECONDARY: $(FUZZ_ALL:%=$(FUZZ_BUILD)/targets/fuzz_%.o)
