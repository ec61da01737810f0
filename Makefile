# Two commands for people (README "Quick start"): `make lab` and `make test`.
# Everything else here is for maintainers.

PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
COURSE := $(VENV)/.course-installed
TESTS  := $(VENV)/.tests-installed
CHROMIUM ?= /usr/bin/chromium
# JupyterLab refuses to start as root (containers, CI machines) unless told it may.
AS_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root)

.PHONY: lab test bench install images navigation notebooks clean

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
	  echo "      Install it with:  $(BIN)/pip install torch==2.13.0   (CI requires it; the course never does)"; \
	  echo ""; }
	GATES_CHROMIUM=$(CHROMIUM) $(BIN)/python -m pytest --nbval --nbval-current-env -p no:cacheprovider -rs tests notebooks

bench: $(TESTS)  ## time every notebook, slider and cell; prints a table, writes benchmarks/results.json
	@$(BIN)/python -c "import torch" 2>/dev/null || echo "NOTE: PyTorch is missing, so the cells are not timed against torch ($(BIN)/pip install torch==2.13.0)."
	$(BIN)/python -m benchmarks

install: $(COURSE)

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null || { echo "$(PYTHON) not found: the course needs Python 3.11 (make PYTHON=/path/to/python3.11)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(COURSE): requirements.txt pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements.txt --editable .
	touch $@

$(TESTS): requirements-test.txt $(COURSE)
	$(BIN)/python -m pip install --quiet -r requirements-test.txt
	touch $@

images: $(COURSE)  ## redraw the diagrams in images/
	$(BIN)/python -m helpers.diagrams

navigation: $(COURSE)  ## regenerate notebook navigation and the README contents
	$(BIN)/python -m helpers.navigation

notebooks: $(COURSE)  ## re-execute every notebook in place, top to bottom, fresh kernel
	for notebook in notebooks/*.ipynb; do \
	  $(BIN)/jupyter nbconvert --to notebook --execute --inplace --ExecutePreprocessor.timeout=300 --ExecutePreprocessor.record_timing=False "$$notebook" || exit 1; \
	done
	$(BIN)/python -m helpers.navigation

clean:
	rm -rf $(VENV) test-artifacts
