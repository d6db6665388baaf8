# make compare A=<run>[:backend] B=<run>[:backend]: row-by-row comparison
# of two runs (or two backends) with a Mann-Whitney U test per row, as
# Markdown on the terminal and in results/compare-<UTC>/, with a chart.
# The tools in bench/tools/ share the run reader and the strict CSV reader.

TB_TOOL_OBJS := $(BUILD)/tools/runload.o $(BUILD)/harness/csvread.o

$(BUILD)/tools/%.o: bench/tools/%.c $(BUILD)/.flags
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(CFLAGS_BASE) -c $< -o $@

$(BIN)/tlsbench-compare: $(BUILD)/tools/compare.o $(BUILD)/tools/mwu.o $(TB_TOOL_OBJS)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(LDFLAGS_BASE) -o $@ $^ -lm

PART_EXES += $(BIN)/tlsbench-compare
PART_PKGS += gnuplot-nox fonts-dejavu-core

compare:
	@sh scripts/deps.sh $(ALL_PKGS)
	@$(MAKE) --no-print-directory $(BIN)/tlsbench-compare
	@BIN=$(BIN) sh scripts/compare.sh "$(A)" "$(B)"
