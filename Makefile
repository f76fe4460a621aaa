# Every target creates .venv first when it is missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SHARED ?= ../shared/corpus

.PHONY: install extract test lint eval eval-folds clean bench bench-identity patterns chromium

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

# The report tests open the report in a headless Chromium: Debian's `chromium`
# package, installed here when it is missing and this user may install packages
# (root, or passwordless sudo). CHROMIUM names the browser to look for.
CHROMIUM ?= chromium
chromium:
	@command -v $(CHROMIUM) >/dev/null 2>&1 && exit 0; \
	if [ "$$(id -u)" = 0 ]; then sudo=; \
	elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo="sudo -n"; \
	else echo "make test: $(CHROMIUM) is missing and this user cannot install it; run 'apt-get install chromium' as root" >&2; exit 1; fi; \
	command -v apt-get >/dev/null 2>&1 || { echo "make test: $(CHROMIUM) is missing and there is no apt-get to install it; install Chromium by hand" >&2; exit 1; }; \
	echo "make test: installing Debian's chromium package for the report tests" >&2; \
	$$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq chromium >/dev/null; \
	command -v $(CHROMIUM) >/dev/null 2>&1 || { echo "make test: installed Debian's chromium, but $(CHROMIUM) is still not on PATH" >&2; exit 1; }

test: $(VENV)/.trf-installed chromium
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

# The corpus step alone (identity + corpus pass) on synthetic tables of IDENTITY_ROWS
# officials rows (and a quarter and half of it): seconds and peak RSS.
IDENTITY_ROWS ?= 200000
bench-identity: install
	$(BIN)/python scripts/bench_identity.py --rows $(IDENTITY_ROWS) --docs $$(($(IDENTITY_ROWS) / 10)) --out bench/identity.json

# Each set alone, then all three in one run (file names do not collide): identity
# across the sets' documents too.
eval: install
	for set in seeds dev dev2; do \
		$(BIN)/coopnlp extract $(SHARED)/$$set/docs -o eval/$$set --quiet && \
		$(BIN)/coopnlp evaluate $(SHARED)/$$set/gold.jsonl eval/$$set --persons $(SHARED)/persons.jsonl || exit 1; \
	done
	rm -rf eval/all-docs && mkdir -p eval/all-docs
	for set in seeds dev dev2; do cp $(SHARED)/$$set/docs/* eval/all-docs/; done
	cat $(SHARED)/seeds/gold.jsonl $(SHARED)/dev/gold.jsonl $(SHARED)/dev2/gold.jsonl > eval/all-gold.jsonl
	$(BIN)/coopnlp extract eval/all-docs -o eval/all --quiet
	$(BIN)/coopnlp evaluate eval/all-gold.jsonl eval/all --persons $(SHARED)/persons.jsonl
	$(MAKE) eval-folds

# dev2 split in two by file order (scripts/fold.py): the open fold is read while
# writing rules, the held-out fold never; the gap estimates unseen articles.
eval-folds: install
	for fold in open held; do \
		$(BIN)/python scripts/fold.py $(SHARED)/dev2 eval/dev2-$$fold-set --fold $$fold && \
		$(BIN)/coopnlp extract eval/dev2-$$fold-set/docs -o eval/dev2-$$fold --quiet && \
		$(BIN)/coopnlp evaluate eval/dev2-$$fold-set/gold.jsonl eval/dev2-$$fold || exit 1; \
	done

clean:
	rm -rf eval data/processed/*.parquet data/processed/*.csv
