# `make test` and `make demo` work from a fresh clone: they create .venv and install what they need.
VENV ?= .venv
PYTHON := $(VENV)/bin/python
STAMP := $(VENV)/.kgan-installed

.PHONY: install test test-tensorflow test-jax benchmark clean

$(PYTHON):
	python3 -m venv $(VENV)
	$(PYTHON) -m pip install -q --upgrade pip

$(STAMP): setup.cfg pyproject.toml | $(PYTHON)
	$(PYTHON) -m pip install -q -e ".[cpu,jax,test,demo]"
	touch $(STAMP)

install: $(STAMP)

test: install
	$(MAKE) test-tensorflow
	$(MAKE) test-jax

test-tensorflow: install
	KERAS_BACKEND=tensorflow TF_CPP_MIN_LOG_LEVEL=3 $(PYTHON) -m pytest -q tests

test-jax: install
	KERAS_BACKEND=jax TF_CPP_MIN_LOG_LEVEL=3 $(PYTHON) -m pytest -q -m "not tensorflow_only" tests

benchmark: install
	KERAS_BACKEND=tensorflow TF_CPP_MIN_LOG_LEVEL=3 $(PYTHON) benchmarks/train_throughput.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
