# lawtool — the two commands of the README's quick start, and a few more.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: site site-serve test bench corpus validate clean system-deps reports

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

# Build the site, then serve public/ on http://127.0.0.1:8000/ until Ctrl-C.
site-serve: $(STAMP)
	$(VENV)/bin/lawtool publish --serve

# Debian packages the tests need (the independent spell check of the importer).
system-deps:
	@command -v hunspell >/dev/null && test -f /usr/share/hunspell/ar.dic || \
	  { (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hunspell hunspell-ar) >/dev/null \
	    || { echo "lawtool: install Debian's hunspell and hunspell-ar (apt-get install hunspell hunspell-ar)"; exit 1; }; }

test: $(STAMP) system-deps
	$(PY) -m pytest

corpus: $(STAMP)
	$(VENV)/bin/lawtool corpus build

# The generated gap and penalty reports (reports/, inputs in reports/reports.yaml).
reports: $(STAMP)
	$(VENV)/bin/lawtool reports

bench: $(STAMP)
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) build public .pytest_cache
