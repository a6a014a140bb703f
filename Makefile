# lawtool — the two commands of the README's quick start, and a few more.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: site site-corpus site-serve lint test bench bench-site-corpus bench-site-weight corpus corpus-all validate clean system-deps reports

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# The main job: publish the site (lawtool publish: law/ and bills/ → pages → mkdocs-material in
# strict mode → every internal link checked) into public/.
site: $(STAMP)
	$(VENV)/bin/lawtool publish
	@echo "lawtool: the site is in public/ — serve it with 'make site-serve' and open http://127.0.0.1:8000/"

# The site with every text of the whole imported corpus (build/corpus, made by make corpus-all) beside
# law/ and bills/, with its browse pages: about 13,000 pages, minutes (docs/site.md).
CORPUS_DIR ?= build/corpus
site-corpus: $(STAMP)
	$(VENV)/bin/lawtool publish --corpus $(CORPUS_DIR)

# Build the site, then serve public/ on http://127.0.0.1:8000/ until Ctrl-C.
site-serve: $(STAMP)
	$(VENV)/bin/lawtool publish --serve

# Debian packages the tests need: hunspell-ar (the independent spell check of the importer),
# chromium (the browser tests of the site, and --format pdf) and poppler-utils (pdftotext, the PDF
# tests). Installed with apt-get when missing (CI runs as root).
system-deps:
	@missing=""; \
	  { command -v hunspell >/dev/null && test -f /usr/share/hunspell/ar.dic; } || missing="hunspell hunspell-ar"; \
	  test -x /usr/bin/chromium || missing="$$missing chromium"; \
	  command -v pdftotext >/dev/null || missing="$$missing poppler-utils"; \
	  if [ -n "$$missing" ]; then \
	    echo "lawtool: installing Debian packages:$$missing"; \
	    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; } >/dev/null \
	      || { echo "lawtool: install Debian's $$missing (apt-get install $$missing)"; exit 1; }; \
	  fi

# ruff (lint rules and formatting) and mypy, configured in pyproject.toml; `make test` runs them first.
lint: $(STAMP)
	$(VENV)/bin/ruff check lawtool tests bench
	$(VENV)/bin/ruff format --check lawtool tests bench
	$(VENV)/bin/mypy

test: lint system-deps
	$(PY) -m pytest

corpus: $(STAMP)
	$(VENV)/bin/lawtool corpus build

# The whole Adala development corpus (3,597 texts) → build/corpus/akn/*.xml with report.json and
# report.md (incremental: only changed sources, or all after a change to lawtool, are imported again).
# Exit 1 means some texts were refused (empty, or not text): named in the report; the target goes on.
SHARED ?= ../shared
corpus-all: $(STAMP) system-deps
	$(VENV)/bin/lawtool corpus import-all $(SHARED)/sources/adala/corpus --out build/corpus || [ $$? -eq 1 ]

# The generated gap and penalty reports (reports/, inputs in reports/reports.yaml).
reports: $(STAMP)
	$(VENV)/bin/lawtool reports

bench: $(STAMP)
	$(PY) bench/run.py

# The whole-corpus site alone (publish --corpus build/corpus, cold): wall time, pages, size, peak memory
# → bench/results/site-corpus.md (a benchmark, never a CI test; run it on an idle machine).
bench-site-corpus: $(STAMP)
	$(PY) bench/run.py --site-corpus

# What a reader downloads on a first visit, measured in Chromium (home, an article page, one search,
# the heaviest page, the corpus sample's pages) → bench/results/site-weight.md.
bench-site-weight: $(STAMP) system-deps
	$(PY) bench/site_weight.py --corpus

clean:
	rm -rf $(VENV) build public .pytest_cache .mypy_cache .ruff_cache
