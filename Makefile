# Two commands for people (README "Quick start"): `make lab` and `make test`.
# Everything else here is for maintainers.

# The course runs on Python 3.11, 3.12 or 3.13 (CI uses 3.11). The venv is made with the first of these commands
# that runs and is in that range; `make PYTHON=/path/to/python3.12` picks one by hand.
PYTHON_CANDIDATES := python3.11 python3.12 python3.13 python3
IN_RANGE := import sys; sys.exit(not (3, 11) <= sys.version_info[:2] <= (3, 13))
PYTHON ?= $(firstword $(foreach candidate,$(PYTHON_CANDIDATES),$(shell $(candidate) -c '$(IN_RANGE)' >/dev/null 2>&1 && echo $(candidate))))
VENV   := .venv
BIN    := $(VENV)/bin
COURSE := $(VENV)/.course-installed
TESTS  := $(VENV)/.tests-installed
CHROMIUM ?= /usr/bin/chromium
# JupyterLab refuses to start as root (containers, CI machines) unless told it may.
AS_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root)

.PHONY: lab test bench kernels install lock images navigation notebooks clean

lab: $(COURSE)  ## set up, then open the course in JupyterLab
	$(BIN)/jupyter lab $(AS_ROOT) --ServerApp.root_dir="$(CURDIR)" --LabApp.default_url=/lab/tree/notebooks/00-index.ipynb

test: $(TESTS)  ## set up, then run every test
	@test -x "$(CHROMIUM)" || { \
	  echo ""; \
	  echo "NOTE: Chromium is missing, so the browser tests will be skipped here."; \
	  echo "      Install it with:  sudo apt-get install chromium   (CI requires it)"; \
	  echo ""; }
	@$(BIN)/python -c "import torch" 2>/dev/null || { \
	  echo ""; \
	  echo "NOTE: PyTorch is missing, so the comparisons of the cells with torch will be skipped here."; \
	  echo "      Install it with:  $(BIN)/pip install torch==2.13.0 -c requirements.txt -c requirements-test.txt   (CI requires it; the course never does)"; \
	  echo ""; }
	GATES_CHROMIUM=$(CHROMIUM) $(BIN)/python -m pytest --nbval --nbval-current-env -p no:cacheprovider -rs tests notebooks

bench: $(TESTS)  ## time every notebook, slider and cell; prints a table, writes benchmarks/results.json
	@$(BIN)/python -c "import torch" 2>/dev/null || echo "NOTE: PyTorch is missing, so the cells are not timed against torch ($(BIN)/pip install torch==2.13.0 -c requirements.txt -c requirements-test.txt)."
	$(BIN)/python -m benchmarks

install: $(COURSE)

$(BIN)/python:
	@python="$(PYTHON)"; \
	if [ -z "$$python" ]; then \
	  echo "No Python 3.11, 3.12 or 3.13 found: tried $(PYTHON_CANDIDATES)." >&2; \
	  echo "The course needs one of them. Install it (python.org, your package manager, or pyenv)," >&2; \
	  echo "or name it: make PYTHON=/path/to/python3.12" >&2; \
	  exit 1; \
	fi; \
	command -v "$$python" >/dev/null || { echo "PYTHON=$$python not found: the course needs Python 3.11, 3.12 or 3.13." >&2; exit 1; }; \
	echo "$$python -m venv $(VENV)   # $$("$$python" --version 2>&1)"; \
	"$$python" -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(COURSE): requirements.txt pyproject.toml lab-settings/overrides.json | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements.txt --editable .
	# The slideshow's large type (24 px text, 20 px code), applied only while presenting.
	mkdir -p $(VENV)/share/jupyter/lab/settings && cp lab-settings/overrides.json $(VENV)/share/jupyter/lab/settings/
	touch $@

$(TESTS): requirements-test.txt $(COURSE)
	$(BIN)/python -m pip install --quiet -r requirements-test.txt
	touch $@

# The locks. requirements.in names the course's packages and requirements-test.in the test tools; uv resolves them,
# with all they pull in, into exact pins: requirements.txt, and requirements-test.txt resolved against it so that a
# package both need has one version. --universal writes one lock for Linux, macOS and Windows and every Python from
# 3.11 (the oldest the course runs on) on, with markers where they differ. uv keeps the pins the old lock has unless
# they no longer fit; `make lock LOCK_FLAGS=--upgrade` moves every package to its newest release instead.
# uv is installed beside the venv, not into it: only locked packages may live in the venv (tests/test_environment.py).
UV_VERSION := 0.13.9
UV := $(VENV)/uv-$(UV_VERSION)/bin/uv
COMPILE := $(UV) pip compile --quiet --universal --python-version 3.11 --custom-compile-command "make lock" $(LOCK_FLAGS)

lock: $(UV)  ## refresh requirements.txt, requirements-test.txt and environment.yml from the .in files
	$(COMPILE) requirements.in pyproject.toml --output-file requirements.txt
	$(COMPILE) requirements-test.in --constraint requirements.txt --output-file requirements-test.txt
	# repo2docker caches environment.yml alone, so its pip: list is the lock written out, line for line.
	{ sed '/^  - pip:$$/q' environment.yml; sed -n 's/^[A-Za-z0-9]/      - &/p' requirements.txt; } > environment.yml.new
	mv environment.yml.new environment.yml

$(UV): | $(BIN)/python
	$(BIN)/python -m pip install --quiet --target $(VENV)/uv-$(UV_VERSION) uv==$(UV_VERSION)

images: $(COURSE)  ## redraw the diagrams in images/
	$(BIN)/python -m helpers.diagrams

navigation: $(COURSE)  ## regenerate notebook navigation and the README contents
	$(BIN)/python -m helpers.navigation

notebooks: $(COURSE)  ## re-execute every notebook in place, top to bottom, fresh kernel
	for notebook in notebooks/*.ipynb; do \
	  $(BIN)/jupyter nbconvert --to notebook --execute --inplace --ExecutePreprocessor.timeout=300 --ExecutePreprocessor.record_timing=False --ExecutePreprocessor.store_widget_state=False "$$notebook" || exit 1; \
	done
	$(BIN)/python -m helpers.storage notebooks/*.ipynb  # stored with outputs, without widget state (see the module)
	$(BIN)/python -m helpers.navigation

# Another CPU adds the same numbers in another order: OpenBLAS picks a kernel for the processor (SkylakeX with AVX-512,
# Haswell with AVX2, Sandybridge with AVX) and splits a product over its threads. The stored outputs must not depend on
# it. This re-runs the notebooks (and the stored training run a test re-runs) under each kernel this machine can run,
# with 1 and 2 BLAS threads. Only here: CI and the tests keep the machine's own setting.
KERNELS ?= SkylakeX Haswell Sandybridge
BLAS_IN_USE := import numpy, threadpoolctl; print(*(i["architecture"] + " kernel, " + str(i["num_threads"]) + " thread(s)" for i in threadpoolctl.threadpool_info()))
kernels: $(TESTS)  ## the notebook tests under each OpenBLAS kernel and with 1 and 2 BLAS threads
	@for kernel in $(KERNELS); do for threads in 1 2; do \
	  export OPENBLAS_CORETYPE=$$kernel OPENBLAS_NUM_THREADS=$$threads; \
	  echo "== OPENBLAS_CORETYPE=$$kernel OPENBLAS_NUM_THREADS=$$threads: $$($(BIN)/python -c '$(BLAS_IN_USE)')"; \
	  $(BIN)/python -m pytest -q --nbval --nbval-current-env -p no:cacheprovider notebooks tests/test_lab_cli.py \
	    || exit 1; \
	done; done

clean:
	rm -rf $(VENV) test-artifacts
