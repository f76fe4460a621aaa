# Every target creates .venv first when it is missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SHARED ?= ../shared/corpus

.PHONY: install extract test lint eval clean bench patterns

$(BIN)/coopnlp: pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(BIN)/coopnlp

# The transformer extra (spacy-transformers, torch==2.13.0 CPU) is only needed by
# the tests of the transformer training config, so only `make test` installs it.
$(VENV)/.trf-installed: $(BIN)/coopnlp
	$(BIN)/pip install --quiet -e '.[dev,trf,dask]'
	touch $@

install: $(BIN)/coopnlp

extract: install
	$(BIN)/coopnlp extract data/raw -o data/processed

test: $(VENV)/.trf-installed
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check src tests scripts
	$(BIN)/ruff format --check src tests scripts

# The span ruler's pattern files from their data files (docs/resources.md);
# `$(BIN)/python -m scripts.patterns.build --check` only reports stale files.
patterns: install
	$(BIN)/python -m scripts.patterns.build

# Throughput figures (bare spaCy vs. extract, 1 and all cores): BENCH_DOCS=N to resize,
# BENCH_REPEAT=R rounds (fastest counts), BENCH_SCALE=M to compare peak RSS at M articles.
BENCH_DOCS ?= 2000
BENCH_REPEAT ?= 3
BENCH_SCALE ?= 0
bench: install
	$(BIN)/python scripts/bench.py --docs $(BENCH_DOCS) --repeat $(BENCH_REPEAT) --scale-docs $(BENCH_SCALE)

eval: install
	$(BIN)/coopnlp extract $(SHARED)/seeds/docs -o eval/seeds --quiet
	$(BIN)/coopnlp evaluate $(SHARED)/seeds/gold.jsonl eval/seeds
	$(BIN)/coopnlp extract $(SHARED)/dev/docs -o eval/dev --quiet
	$(BIN)/coopnlp evaluate $(SHARED)/dev/gold.jsonl eval/dev
	$(BIN)/coopnlp extract $(SHARED)/dev2/docs -o eval/dev2 --quiet
	$(BIN)/coopnlp evaluate $(SHARED)/dev2/gold.jsonl eval/dev2

clean:
	rm -rf eval data/processed/*.parquet data/processed/*.csv
