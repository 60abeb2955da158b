# The course's commands. `make lab` opens the course; `make test` runs the whole test suite.
# Both create a virtual environment in .venv on first use (about a minute) and reuse it afterwards:
# `make lab` installs only what the course needs to run (requirements/run.txt); `make test` adds the test
# and build tools (requirements/dev.txt).

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   ?= .venv
BIN    := $(VENV)/bin
RUN    := $(VENV)/.run-installed
DEV    := $(VENV)/.dev-installed
# A fresh environment in which tests/test_launch.py installs the course as a wheel (see its rule below).
WHEEL_ENV := build/wheel-env
# JupyterLab refuses to run as root without this flag (containers, CI).
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)
# Extra options for JupyterLab, e.g. make lab LAB_ARGS="--no-browser --port=8899"
LAB_ARGS ?=
# Extra options for pytest, e.g. make test PYTEST_ARGS="-k claims"
PYTEST_ARGS ?=

.PHONY: lab test build mine student colab site site-assets bench test-versions pins setup clean

lab: $(RUN)
	$(BIN)/jupyter lab $(ROOT_FLAG) --ServerApp.root_dir="$(CURDIR)" $(LAB_ARGS) notebooks/00_course_guide.ipynb

test: $(DEV) $(WHEEL_ENV)/.installed site-assets
	$(BIN)/pytest $(PYTEST_ARGS)

# Regenerate everything derived: data/datapackage.json, exercises/, stored outputs, README table, environment.yml.
build: $(DEV)
	$(BIN)/python -m tools build

# Copy the lessons and worksheets into my-work/ to work on (never overwrites your files there).
mine: $(RUN)
	$(BIN)/python -m tools mine

# The student edition, without solutions or instructors' notes, in build/student/ (see README, "For instructors").
# make student STUDENT_ARGS="--zip --branch student" also writes a zip and commits it to a local branch.
STUDENT_ARGS ?=
student: $(DEV)
	$(BIN)/python -m tools student $(STUDENT_ARGS)

# Colab copies of the lessons and worksheets in build/colab/, each installing the course from the repository
# named in pyproject.toml ([tool.nepcourse]); COLAB_ARGS="--branch colab" also commits them (docs/launch/colab.md).
COLAB_ARGS ?=
colab: $(DEV)
	$(BIN)/python -m tools colab $(COLAB_ARGS)

# The course as a website, with slides and a PDF handout per lesson, in build/site/student/ and
# build/site/instructor/ (see README, "The course as a website, slides and handouts"). Offline once set up:
# reveal.js, the slides' only JavaScript, is installed from the npm registry at set-up (pinned by
# tools/site/package-lock.json) and copied into the site. make site SITE_ARGS=--no-pdf skips the PDFs.
SITE_ARGS ?=
REVEAL := build/npm/node_modules/reveal.js/package.json
site: $(DEV) $(REVEAL)
	$(BIN)/python -m tools.site $(SITE_ARGS)

$(REVEAL): tools/site/package.json tools/site/package-lock.json
	@command -v npm >/dev/null || { echo "the slides need reveal.js, installed with npm: sudo apt-get install npm"; exit 1; }
	mkdir -p build/npm
	cp tools/site/package.json tools/site/package-lock.json build/npm/
	cd build/npm && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $(REVEAL)

# The site's tests need reveal.js; without npm they skip (under CI they fail), and the rest of the suite runs.
site-assets:
	@if command -v npm >/dev/null; then $(MAKE) --no-print-directory $(REVEAL); \
	else echo "npm not found: the site tests will skip (sudo apt-get install npm)"; fi

# Measure the course's speed on this machine and write docs/benchmark.md (minutes; not part of the tests).
bench: $(DEV)
	$(BIN)/python -m tools bench

# Execute every notebook on the lowest versions pyproject.toml declares and on Python 3.13, in throwaway
# environments under build/versions/; writes docs/versions.md (several minutes, needs the package registry).
test-versions: $(DEV)
	$(BIN)/python -m tools versions

# Recompile requirements/run.txt and dev.txt from their .in lists (keeps every pin it can; needs the registry).
pins: $(DEV)
	cd requirements && ../$(BIN)/uv pip compile run.in --python-version 3.11.7 --annotation-style line -o run.txt -q
	cd requirements && ../$(BIN)/uv pip compile dev.in --python-version 3.11.7 --annotation-style line -o dev.txt -q

setup: $(RUN)

$(RUN): requirements/run.txt pyproject.toml tools/lab_overrides.json
	@$(PYTHON) -c 'import sys; v = sys.version_info[:2]; v >= (3, 11) or sys.exit(f"the course needs Python 3.11 or newer; this is {v[0]}.{v[1]}")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements/run.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	# The course runs offline: JupyterLab must not fetch news, update checks or extension listings.
	mkdir -p $(VENV)/share/jupyter/lab/settings
	cp tools/lab_overrides.json $(VENV)/share/jupyter/lab/settings/overrides.json
	touch $(RUN)

# A second, fresh environment for the test that installs the course as a wheel and runs lesson 01 outside the
# checkout (tests/test_launch.py): what the package declares it needs, at the pinned versions, and a kernel;
# no nepcourse (the test installs the wheel it builds), so the checkout's editable install cannot leak in.
$(WHEEL_ENV)/.installed: requirements/run.txt pyproject.toml
	rm -rf $(WHEEL_ENV)
	$(PYTHON) -m venv $(WHEEL_ENV)
	$(WHEEL_ENV)/bin/python -m pip install --quiet --disable-pip-version-check -c requirements/run.txt \
	  ipykernel nbclient $$($(WHEEL_ENV)/bin/python -c 'import tomllib; \
	  print(*tomllib.load(open("pyproject.toml", "rb"))["project"]["dependencies"])')
	touch $@

$(DEV): $(RUN) requirements/dev.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements/dev.txt
	touch $(DEV)

clean:
	rm -rf $(VENV) build src/*.egg-info
