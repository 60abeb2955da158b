# The course's commands. `make lab` opens the course; `make test` runs the whole test suite.
# Both create a virtual environment in .venv on first use (about a minute) and reuse it afterwards.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# JupyterLab refuses to run as root without this flag (containers, CI).
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)
# Extra options for JupyterLab, e.g. make lab LAB_ARGS="--no-browser --port=8899"
LAB_ARGS ?=
# Extra options for pytest, e.g. make test PYTEST_ARGS="-k claims"
PYTEST_ARGS ?=

.PHONY: lab test build mine bench setup clean

lab: $(STAMP)
	$(BIN)/jupyter lab $(ROOT_FLAG) --ServerApp.root_dir="$(CURDIR)" $(LAB_ARGS) notebooks/00_course_guide.ipynb

test: $(STAMP)
	$(BIN)/pytest $(PYTEST_ARGS)

# Regenerate everything derived: data/datapackage.json, exercises/, stored outputs, README table, environment.yml.
build: $(STAMP)
	$(BIN)/python -m tools build

# Copy the lessons and worksheets into my-work/ to work on (never overwrites your files there).
mine: $(STAMP)
	$(BIN)/python -m tools mine

# Measure the course's speed on this machine and write docs/benchmark.md (minutes; not part of the tests).
bench: $(STAMP)
	$(BIN)/python -m tools bench

setup: $(STAMP)

$(STAMP): requirements.txt pyproject.toml tools/lab_overrides.json
	@$(PYTHON) -c 'import sys; v = sys.version_info[:2]; v == (3, 11) or print(f"warning: the course is pinned for Python 3.11; this is {v[0]}.{v[1]}")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	# The course runs offline: JupyterLab must not fetch news, update checks or extension listings.
	mkdir -p $(VENV)/share/jupyter/lab/settings
	cp tools/lab_overrides.json $(VENV)/share/jupyter/lab/settings/overrides.json
	touch $(STAMP)

clean:
	rm -rf $(VENV) build src/*.egg-info
