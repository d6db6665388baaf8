# Project Wycheproof vectors (bench/wycheproof.c, libjansson): every backend
# executable has `--vectors FILE...`; `make check-vectors` runs every *.json
# file of VECTORS (default ../shared/vectors/wycheproof) on every built
# backend (or BACKENDS=a,b). Exit status: 0 all passed, 1 a test failed,
# 2 a file was unusable (nothing ran).
GBENCH_LIBS += -ljansson
PART_PKGS += libjansson-dev

VECTORS ?= $(wildcard ../shared/vectors/wycheproof)

check-vectors:
	@sh scripts/deps.sh $(ALL_PKGS)
	@if [ -z "$(VECTORS)" ] || [ ! -d "$(VECTORS)" ]; then \
	  echo "tlsbench: VECTORS='$(VECTORS)' is not a folder (give VECTORS=<folder of Wycheproof *.json files>)" >&2; exit 2; fi
	@set -- "$(VECTORS)"/*.json; if [ ! -f "$$1" ]; then \
	  echo "tlsbench: no *.json file in VECTORS='$(VECTORS)'" >&2; exit 2; fi
	@sel=$$(. scripts/lib.sh && tb_select_backends "$(BACKENDS)" "$(BACKENDS_FOUND)") || exit 2; \
	$(MAKE) --no-print-directory $$(for b in $$sel; do echo "$(BIN)/tlsbench-$$b"; done) || exit 2; \
	rc=0; summary=""; log=$$(mktemp); \
	for b in $$sel; do \
	  "$(BIN)/tlsbench-$$b" --vectors "$(VECTORS)"/*.json > "$$log" 2>&1; st=$$?; \
	  cat "$$log"; [ $$st -gt $$rc ] && rc=$$st; \
	  summary="$$summary  $$(tail -n 1 "$$log")\n"; \
	done; rm -f "$$log"; \
	printf '== check-vectors: %s\n%b' "$(VECTORS)" "$$summary"; \
	exit $$rc

.PHONY: check-vectors
