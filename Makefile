# Two entry points, both self-contained on a machine with only python3:
#   make run   – set up .venv, validate the bundled corpus, list the frugality measures, print the report
#   make test  – set up .venv with the dev tools, then lint, type-check, run the whole test suite and
#                check the quotes against ../shared/seeds when that directory exists
# Both install the locked versions (requirements/*.txt, with hashes), never whatever is newest.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
LOCK_RUN := requirements/run.txt
LOCK_DEV := requirements/dev.txt
# The locked set exactly: every package pinned and hashed, none pulled in besides; iafr itself is
# installed from this tree by the locked setuptools (no isolated build fetching the newest one).
LOCKED_INSTALL := $(BIN)/python -m pip install --quiet --require-hashes --no-deps -r
SELF_INSTALL := $(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .

.PHONY: run test lint typecheck browser pytest check-sources bench lock lock-upgrade test-latest golden locale clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# The tool alone for 'run'; the test and lint tools (and Datasette, for its test) for 'test'.
$(BIN)/.installed: $(LOCK_RUN) pyproject.toml | $(BIN)/python
	$(LOCKED_INSTALL) $(LOCK_RUN)
	$(SELF_INSTALL)
	touch $@

$(BIN)/.installed-dev: $(LOCK_DEV) pyproject.toml | $(BIN)/python
	$(LOCKED_INSTALL) $(LOCK_DEV)
	$(SELF_INSTALL)
	touch $@ $(BIN)/.installed

run: $(BIN)/.installed
	$(BIN)/iafr check
	$(BIN)/iafr measures --axis frugalite
	$(BIN)/iafr report

lint: $(BIN)/.installed-dev
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: $(BIN)/.installed-dev
	$(BIN)/mypy

pytest: $(BIN)/.installed-dev
	$(BIN)/python -m pytest

# The shipped corpus's quotes against the texts of its sources, when they are beside the
# repository (the seeds are never copied into it; CI puts shared/ next to its fresh clone).
QUOTE_SOURCES ?= ../shared/seeds
check-sources: $(BIN)/.installed-dev
	@if [ -d "$(QUOTE_SOURCES)" ]; then \
		echo "$(BIN)/iafr check --strict --data data --sources $(QUOTE_SOURCES)"; \
		$(BIN)/iafr check --strict --data data --sources "$(QUOTE_SOURCES)"; \
	else \
		echo "check-sources: skipped: $(QUOTE_SOURCES) does not exist, so the quotes were not checked against their sources"; \
	fi

# The browser tests (the HTML report at 390 and 1280 px, printed to PDF; Datasette's pages) need
# Chromium. Where it is missing and the distribution's packages can be installed (root with
# apt-get, as on a fresh CI machine), this installs Debian's chromium and a font; elsewhere it says
# so, and the tests skip, except under CI=true where a missing browser fails them.
BROWSER_PACKAGES := chromium fonts-dejavu-core
browser:
	@if command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 \
		|| command -v google-chrome >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "browser: installing $(BROWSER_PACKAGES) from the distribution's packages"; \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $(BROWSER_PACKAGES) >/dev/null \
		|| { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive \
			apt-get install -y -q --no-install-recommends $(BROWSER_PACKAGES) >/dev/null; }; \
	else \
		echo "browser: no Chromium and no way to install it here: the browser tests will skip (fail under CI=true)"; \
	fi

test: lint typecheck browser pytest check-sources

# Rewrite tests/golden/ (every command at 60, 100, 140 columns) and the README's examples from the
# shipped corpus; read 'git diff tests/golden README.md' before committing: a changed golden is a
# changed answer.
golden: $(BIN)/.installed-dev
	$(BIN)/python -m tests.goldens

# The message catalogues: extract every marked message from the sources into iafr.pot, merge it
# into each language's .po (new messages come in untranslated, changed ones fuzzy: translate them,
# then run this again), and compile the .mo files the package reads. Commit all of them;
# tests/test_i18n.py fails when the French catalogue lacks a message or keeps a fuzzy one.
LOCALE := src/iafr/locale
BABEL := $(BIN)/pybabel
locale: $(BIN)/.installed-dev
	$(BABEL) --quiet extract -F babel.cfg --no-location --sort-output --no-wrap --omit-header \
		-k N_ -k ngettext:1,2 -k pgettext:1c,2 -k NP_:1c,2 -o $(LOCALE)/iafr.pot src/iafr
	for lang in fr en; do \
		if [ -f $(LOCALE)/$$lang/LC_MESSAGES/iafr.po ]; then \
			$(BABEL) --quiet update --no-wrap --ignore-obsolete -D iafr -l $$lang -i $(LOCALE)/iafr.pot -d $(LOCALE); \
		else \
			$(BABEL) --quiet init --no-wrap -D iafr -l $$lang -i $(LOCALE)/iafr.pot -d $(LOCALE); \
		fi; \
	done
	$(BABEL) --quiet compile --statistics -D iafr -d $(LOCALE)

bench: $(BIN)/.installed-dev
	$(BIN)/python bench/latency.py
	$(BIN)/python bench/scale.py
	$(BIN)/python bench/quotes.py

# The lock from pyproject's ranges, with pip-tools in a venv of its own: 'make lock' keeps every
# pin that still satisfies them and adds what is new (one new dependency changes one entry);
# 'make lock-upgrade' moves every pin to the newest release allowed. Commit both files;
# tests/test_lock.py fails when they disagree with pyproject. (LOCK_COMPILE, not PIP_COMPILE: pip
# reads PIP_* variables from the environment as its own options, and make exports overrides.)
LOCK_COMPILE := .venv-lock/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	--no-emit-index-url --no-emit-find-links
.venv-lock/bin/pip-compile:
	$(PYTHON) -m venv .venv-lock && .venv-lock/bin/pip install --quiet 'pip-tools==7.6.2'
lock: .venv-lock/bin/pip-compile
	$(LOCK_COMPILE) --extra dev -o $(LOCK_DEV) pyproject.toml requirements/build.in
	$(LOCK_COMPILE) --extra serve -c $(LOCK_DEV) -o $(LOCK_RUN) pyproject.toml requirements/build.in
lock-upgrade: .venv-lock/bin/pip-compile
	$(LOCK_COMPILE) --upgrade --extra dev -o $(LOCK_DEV) pyproject.toml requirements/build.in
	$(LOCK_COMPILE) --upgrade --extra serve -c $(LOCK_DEV) -o $(LOCK_RUN) pyproject.toml requirements/build.in

# The suite against the newest releases pyproject's ranges allow, in a venv of its own: drift is
# seen here before 'make lock' takes it into CI. Not part of .ci/run.
test-latest:
	rm -rf .venv-latest
	$(PYTHON) -m venv .venv-latest
	.venv-latest/bin/python -m pip install --quiet --upgrade pip
	.venv-latest/bin/python -m pip install --quiet --upgrade -e '.[dev]'
	IAFR_UNLOCKED=1 .venv-latest/bin/python -m pytest

clean:
	rm -rf $(VENV) .venv-lock .venv-latest build dist src/*.egg-info
