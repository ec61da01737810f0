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

clean:
	rm -rf $(VENV) test-artifacts
