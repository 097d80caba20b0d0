# `make run` and `make test` set everything up on a fresh machine (creating .venv when missing) and then act.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

.PHONY: run test bench setup clean translations

setup: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(PY) main.py $(ARGS)

# Unit tests run in their own process with PySide6 blocked (tests/unit/conftest.py), so the Qt-free
# promise of annotations/ and inference/ is checked on every run.
test: $(STAMP)
	$(PY) -m pytest -p no:pytest-qt tests/unit -q $(PYTEST_ARGS)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest tests/gui -q $(PYTEST_ARGS)

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m bench $(ARGS)

# Update every catalogue in resources/i18n/catalogues.json from its sources (pyside6-lupdate) and compile it
# (pyside6-lrelease); the .ts and .qm files are committed, so running the program needs neither tool.
translations: $(STAMP)
	$(PY) -m app.translations

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
