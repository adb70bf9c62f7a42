# Every target bootstraps what it needs: a .venv with the PyPI packages, and Debian packages (as root).
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
SYSDEPS := .venv/.sysdeps
DEMO    := demo-output

.PHONY: demo test test-quick bench venv sysdeps clean wheel-check windows-bundle windows-lock

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $@

$(SYSDEPS): scripts/install-system-deps.sh
	bash scripts/install-system-deps.sh
	mkdir -p $(VENV) && touch $@

venv: $(STAMP)
sysdeps: $(SYSDEPS)

demo: $(STAMP) $(SYSDEPS)
	bash scripts/demo.sh $(DEMO)

test: $(STAMP) $(SYSDEPS)
	$(BIN)/ruff check --quiet .
	$(BIN)/python -m pytest -n auto --dist loadfile

# a quick local run: everything but the tests that start LibreOffice (CI and `make test` run all)
test-quick: $(STAMP)
	$(BIN)/ruff check --quiet .
	$(BIN)/python -m pytest -n auto --dist loadfile -m "not libreoffice"

bench: $(STAMP) $(SYSDEPS)
	$(BIN)/python -m benchmarks

# the wheel alone in a fresh venv, no extras: addin build, report, merge, guide (scripts/check-wheel.sh)
wheel-check: $(STAMP)
	PY=$(BIN)/python bash scripts/check-wheel.sh

# dist/ITA-Toolkit-windows-<version>.zip: wheel, win_amd64 wheelhouse (3.11-3.13), ITA.xlam, installer
# (devkit/windows_bundle.py; the wheels are cached in build/wheelhouse, so only the first build downloads)
windows-bundle: $(STAMP)
	$(BIN)/python -m devkit.windows_bundle

# re-pin the wheelhouse after a dependency change (release/windows/wheels.lock.json; needs the network)
windows-lock: $(STAMP)
	$(BIN)/python -m devkit.wheelhouse lock

clean:
	rm -rf $(VENV) $(DEMO) .pytest_cache
