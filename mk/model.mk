# The handshake cost model tool: bin/tlsbench-model (bench/model/). It reads
# CSV with the harness's reader and writes it with the harness's writer, and
# needs no crypto library.
MODEL_OBJS := $(patsubst bench/model/%.c,$(BUILD)/model/%.o,$(wildcard bench/model/*.c))

$(BUILD)/model/%.o: bench/model/%.c $(BUILD)/.flags
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(CFLAGS_BASE) -c $< -o $@

$(BIN)/tlsbench-model: $(MODEL_OBJS) $(BUILD)/harness/csvread.o $(BUILD)/harness/csv.o
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(LDFLAGS_BASE) -o $@ $^ -lm

PART_EXES += $(BIN)/tlsbench-model
# gnuplot draws the handshake charts (already in BENCH_PKGS); nothing else.
PART_PKGS +=
