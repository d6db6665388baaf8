# REPORT.md of a run: bin/tlsbench-report writes it, scripts/report.sh
# puts it in the run folder (make bench does so at the end of every run).
# make report RUN=<run> rewrites it, e.g. after make plots RUN=<run>.
# The object rule for bench/tools/ is in mk/compare.mk.

$(BIN)/tlsbench-report: $(BUILD)/tools/report.o $(BUILD)/tools/mwu.o $(BUILD)/tools/runload.o $(BUILD)/harness/csvread.o
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(LDFLAGS_BASE) -o $@ $^ -lm

PART_EXES += $(BIN)/tlsbench-report

.PHONY: report
report:
	@$(MAKE) --no-print-directory $(BIN)/tlsbench-report
	@BIN=$(BIN) sh scripts/report.sh "$(RUN)" --print-path
