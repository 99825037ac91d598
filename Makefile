# The two commands: `make run` and `make test`. Everything else is a step of theirs.
PRESET ?= dev
BUILD_DIR := build/$(PRESET)
OKR := $(BUILD_DIR)/okr
DEMO_DB ?= demo.db
LISTEN ?= 127.0.0.1:8080

.PHONY: run test deps build configure demo format clean

run: build
	@if [ ! -f "$(DEMO_DB)" ]; then $(OKR) --db "$(DEMO_DB)" demo; fi
	@$(OKR) --db "$(DEMO_DB)" status

test: build
	ctest --preset $(PRESET) -j2

deps:
	@./scripts/install-deps

configure: deps
	@cmake --preset $(PRESET) >/dev/null

build: configure
	@cmake --build --preset $(PRESET)

format:
	@clang-format -i $$(git ls-files '*.h' '*.cc')

clean:
	rm -rf build
