# heattwin — the two commands a newcomer types: `make demo` and `make test`.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
export HEATTWIN_CACHE_DIR ?= $(CURDIR)/.numba_cache
export MPLBACKEND ?= Agg

.PHONY: demo demo-kiln test bench lint install clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/heattwin sweep examples/heater_demo_study.toml --store runs/heater_demo.h5 --plots runs/ --overwrite

# The cement-line study (27 scenarios of the 1-D kiln inside the precalciner line): about
# 1 min CPU once compiled, plus ~1 min of compiling on a cold cache; README, "Kiln demo".
demo-kiln: $(STAMP)
	$(BIN)/heattwin sweep examples/kiln_precalciner_study.toml --store runs/kiln_precalciner.h5 --plots runs/kiln_precalciner/ --overwrite

test: $(STAMP)
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python -m benchmarks.run

lint: $(STAMP)
	$(BIN)/ruff check .

clean:
	rm -rf runs .numba_cache .pytest_cache
