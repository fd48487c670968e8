# Two commands for a newcomer:  make demo  (install + brief the example corpus)  and  make test.
VENV ?= .venv
PY := $(VENV)/bin/python
EXTRAS ?= dev,web,dask

.PHONY: demo test lint bench clean-venv

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[$(EXTRAS)]'
	touch $@

demo: $(VENV)/.installed
	$(VENV)/bin/storyline brief examples/ --format md

test: $(VENV)/.installed
	$(PY) -m pytest -q

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check src tests benchmarks

clean-venv:
	rm -rf $(VENV)
