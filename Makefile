# `make test` and `make demo` work from a fresh clone: they create .venv and install what they need.
VENV ?= .venv
PYTHON := $(VENV)/bin/python
STAMP := $(VENV)/.kgan-installed

.PHONY: install test test-tensorflow test-jax benchmark clean demo

$(PYTHON):
	python3 -m venv $(VENV)
	$(PYTHON) -m pip install -q --upgrade pip

$(STAMP): setup.cfg pyproject.toml | $(PYTHON)
	$(PYTHON) -m pip install -q -e ".[cpu,jax,test,demo]"
	touch $(STAMP)

install: $(STAMP)

# Two pytest-xdist workers, one per core of the 2-core CI machine (`make test PYTEST_WORKERS=` runs serially).
# Work stealing: a worker that runs out takes queued tests from the other, so neither idles at the end.
PYTEST_WORKERS ?= -n 2 --dist worksteal

test: install
	$(MAKE) test-tensorflow
	$(MAKE) test-jax

test-tensorflow: install
	KERAS_BACKEND=tensorflow TF_CPP_MIN_LOG_LEVEL=3 $(PYTHON) -m pytest -q $(PYTEST_WORKERS) --durations=15 tests

# The JAX pass leaves out what only TensorFlow can run and what no backend takes part in (both run in the
# TensorFlow pass). XLA's CPU backend compiles without LLVM optimizations: the tests' tiny programs are
# compile-bound, and this halves their time (tests/models/test_wgan.py: 95 s -> 46 s).
test-jax: install
	KERAS_BACKEND=jax XLA_FLAGS=--xla_backend_optimization_level=0 TF_CPP_MIN_LOG_LEVEL=3 $(PYTHON) -m pytest -q \
		$(PYTEST_WORKERS) --durations=15 -m "not tensorflow_only and not backend_independent" tests

# The conditional DCGAN on the embedded digits: about 2 minutes on 2 CPU cores; a row per digit.
DEMO_DIR ?= runs/demo
KGAN := KERAS_BACKEND=tensorflow TF_CPP_MIN_LOG_LEVEL=3 $(VENV)/bin/kgan

demo: install
	rm -rf $(DEMO_DIR)
	$(KGAN) train cgan --preset cgan_32 --data digits --out $(DEMO_DIR) --epochs 100 --seed 0
	$(KGAN) generate $(DEMO_DIR) --num 100 --seed 0 --out $(DEMO_DIR)/digits.png
	@echo "Digits, one row per class 0-9: $(DEMO_DIR)/digits.png"

benchmark: install
	KERAS_BACKEND=tensorflow TF_CPP_MIN_LOG_LEVEL=3 $(PYTHON) benchmarks/train_throughput.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
