# The two commands: `make run` and `make test`. Everything else is a step of theirs.
SHELL := /bin/bash
PRESET ?= dev
BUILD_DIR := build/$(PRESET)
OKR := $(BUILD_DIR)/okr
DEMO_DB ?= demo.db
LISTEN ?= 127.0.0.1:8080

.PHONY: run test bench fuzz deps build configure web-deps format clean screenshots

run: build
	@if [ ! -f "$(DEMO_DB)" ]; then $(OKR) --db "$(DEMO_DB)" demo; fi
	@$(OKR) --db "$(DEMO_DB)" status
	@$(OKR) --db "$(DEMO_DB)" serve --listen "$(LISTEN)"

# The tests leave the source tree as they found it (whatever it held before: a clean
# clone in CI, work in progress at a desk): anything they write goes under build/.
# Outside a git checkout there is nothing to compare, and nothing is said.
test: build
	@echo "ctest --preset $(PRESET) -j2"; before=$$(scripts/tree-state); \
	ctest --preset $(PRESET) -j2; status=$$?; \
	after=$$(scripts/tree-state); \
	if [ "$$before" != "$$after" ]; then \
	  echo "make test: the tests changed the source tree (they should write under $(BUILD_DIR)):" >&2; \
	  diff <(echo "$$before") <(echo "$$after") | sed -n 's/^[<>] /  /p' | cut -f1 | sort -u >&2; \
	  exit 1; \
	fi; \
	exit $$status

# The dashboard's screenshots for the README and docs: the browser tests take them
# under the build folder; this copies them into docs/screenshots/.
screenshots: build
	ctest --preset $(PRESET) -R '^e2e\.dashboard$$'
	mkdir -p docs/screenshots
	cp $(BUILD_DIR)/screenshots/*.png docs/screenshots/

# Benchmarks (never part of make test): the core's, then the server under wrk at
# each scale, every figure beside a baseline of the same run; then the same on
# PostgreSQL, with one server and with two. SCALES="small" PG_SCALES="small" for a
# quick look; docs/performance.md holds the figures.
SCALES ?= small medium large
PG_SCALES ?= small medium
bench: build
	$(BUILD_DIR)/bench/scoring_bench --benchmark_min_time=0.5
	$(BUILD_DIR)/bench/coach_bench --benchmark_min_time=0.5
	bench/server.sh $(OKR) "$(SCALES)" 10
	OKR_BIN=$(OKR) node bench/pages.mjs large 5
	bench/postgres.sh $(OKR) "$(PG_SCALES)" 10

# Fuzzing (never part of make test): each parser of untrusted input under libFuzzer
# with the sanitizers for FUZZ_SECONDS. New inputs that reach new code go to
# build/fuzz/corpus/; a crash stops its fuzzer and leaves the input in
# build/fuzz/crashes/: copy it into fuzz/corpus/<target>/ so make test replays it.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= okr_yaml csv work_items lint_config coach
fuzz: deps
	@cmake --preset fuzz >/dev/null
	@cmake --build --preset fuzz
	@mkdir -p build/fuzz/crashes
	@for t in $(FUZZ_TARGETS); do \
	  mkdir -p build/fuzz/corpus/$$t; \
	  echo "== fuzzing $$t for $(FUZZ_SECONDS) s"; \
	  build/fuzz/fuzz/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -print_final_stats=1 \
	    -artifact_prefix=build/fuzz/crashes/$$t- build/fuzz/corpus/$$t fuzz/corpus/$$t 2>&1 | \
	    grep -E "^(stat::number_of_executed_units|stat::peak_rss_mb|==[0-9]+==ERROR|SUMMARY)|Test unit written" ; \
	  test $${PIPESTATUS[0]} -eq 0 || exit 1; \
	done

# The web dashboard's packages and tooling, exactly as locked in web/package-lock.json.
web-deps: deps
	@if [ ! -d web/node_modules ] || [ web/package-lock.json -nt web/node_modules/.package-lock.json ]; then \
	  cd web && npm ci --no-audit --no-fund; fi

deps:
	@./scripts/install-deps

# A build folder copied or moved from another checkout names that checkout's path in
# its CMake cache, which CMake refuses with a wall of text: say what to do instead.
configure: deps
	@if [ -f "$(BUILD_DIR)/CMakeCache.txt" ]; then \
	  was=$$(sed -n 's/^CMAKE_HOME_DIRECTORY:INTERNAL=//p' "$(BUILD_DIR)/CMakeCache.txt"); \
	  if [ -n "$$was" ] && [ "$$was" != "$(CURDIR)" ]; then \
	    echo "make: $(BUILD_DIR) was configured for the checkout at $$was, not this one;" \
	         "run 'make clean' (it removes build/) and make again" >&2; \
	    exit 1; \
	  fi; \
	fi
	@cmake --preset $(PRESET) >/dev/null

build: configure web-deps
	@cmake --build --preset $(PRESET)

format:
	@clang-format -i $$(git ls-files '*.h' '*.cc')

clean:
	rm -rf build
