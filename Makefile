# Two commands do all the set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Debian packages, installed by scripts/ensure-debian-packages only when missing.
# PDF letters (WeasyPrint): Pango and the letter fonts (Amiri for the Arabic courtesy copies).
# Browser tests: Chromium too. The shared rate-limit store's test starts its own redis-server on
# 127.0.0.1, and the clinic workspace's tests their own PostgreSQL server (tests/workspace/conftest.py).
SYSTEM_PDF := libpango-1.0-0 libpangoft2-1.0-0 fonts-liberation2 fonts-dejavu-core fonts-hosny-amiri
# Reading a photographed or scanned notification: Tesseract, its French and orientation models.
SYSTEM_OCR := tesseract-ocr tesseract-ocr-fra tesseract-ocr-osd
SYSTEM_RUN := $(SYSTEM_PDF) $(SYSTEM_OCR)
SYSTEM_TEST := $(SYSTEM_RUN) chromium redis-server postgresql
# axe-core for the browser tests, at the version and checksum in its package-lock.json.
AXE := tests/browser/node_modules/axe-core/axe.min.js
# The official consolidated codes (LEGI) every cited article is checked against, pinned likewise.
LEGI := tests/legal/node_modules/@socialgouv/legi-data/package.json
# Interface catalogs: the .po files are committed, the .mo files are built from them.
PO := $(wildcard translations/*/LC_MESSAGES/messages.po)
MO := $(PO:.po=.mo)

.PHONY: setup run serve workspace clinic test lint bench clean system-pdf system-run system-test translations lock schemas

setup: $(STAMP) $(MO)

# Exact versions and hashes from the lock file, then the project itself (editable, built
# without fetching anything: setuptools and Babel are in the lock).
$(STAMP): requirements-dev.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-dev.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

# Update the pins: edit the ranges in pyproject.toml, then `make lock` rewrites both lock
# files with the newest versions that fit (and their hashes); review the diff, `make test`.
lock:
	$(PYTHON) -m venv $(VENV)-lock
	$(VENV)-lock/bin/python -m pip install --quiet pip-tools==7.6.2
	$(VENV)-lock/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	    --no-emit-index-url --no-emit-find-links -o requirements.lock pyproject.toml
	$(VENV)-lock/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	    --no-emit-index-url --no-emit-find-links --extra dev --extra workspace -c requirements.lock \
	    -o requirements-dev.lock pyproject.toml
	rm -rf $(VENV)-lock

# The JSON Schemas editors use to check letters/data, after a change to catalogue/schema.py.
schemas: setup
	$(BIN)/python -m letters.catalogue.jsonschema

# Compile each catalog; a fuzzy or broken entry stops the build rather than showing French.
translations/%/LC_MESSAGES/messages.mo: translations/%/LC_MESSAGES/messages.po $(STAMP)
	$(BIN)/pybabel compile --statistics -i $< -o $@ -l $*

# After changing an interface string: extract, merge into each catalog, then translate the
# new entries (tests/test_translations.py lists what is missing) and `make setup`.
translations: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext --add-comments=TRANSLATORS: \
	    --no-location --sort-output --project=Recours -o translations/messages.pot .
	$(BIN)/pybabel update -i translations/messages.pot -d translations \
	    --no-fuzzy-matching --ignore-obsolete --no-wrap

system-pdf:
	sh scripts/ensure-debian-packages $(SYSTEM_PDF)

system-run:
	sh scripts/ensure-debian-packages $(SYSTEM_RUN)

system-test:
	sh scripts/ensure-debian-packages $(SYSTEM_TEST)
	command -v npm >/dev/null 2>&1 || sh scripts/ensure-debian-packages npm

$(AXE): tests/browser/package.json tests/browser/package-lock.json | system-test
	npm ci --prefix tests/browser --no-audit --no-fund
	touch $@

$(LEGI): tests/legal/package.json tests/legal/package-lock.json | system-test
	npm ci --prefix tests/legal --no-audit --no-fund --ignore-scripts
	touch $@

run: setup system-run
	$(BIN)/flask --app app run --host 127.0.0.1 --port 5000

# The clinic workspace on this machine, in one command: the same app with /espace on, an SQLite
# file in instance/, and keys made once in instance/ (mode 600). In production set
# RECOURS_DATA_KEY and RECOURS_SECRET_KEY in the environment instead, the data key kept apart
# from the database's backups (README, "The clinic workspace"). `make clinic ARGS="…"` runs a
# clinic command with the same settings, e.g. ARGS="add-user you@asso.fr --password-stdin --role admin".
WORKSPACE_ENV = RECOURS_WORKSPACE=1 RECOURS_DATA_KEY="$${RECOURS_DATA_KEY:-$$(cat instance/data-key)}" \
	RECOURS_SECRET_KEY="$${RECOURS_SECRET_KEY:-$$(cat instance/secret-key)}"

instance/data-key: | $(STAMP)
	mkdir -p instance
	umask 077 && $(BIN)/flask --app app clinic new-key > $@

instance/secret-key: | $(STAMP)
	mkdir -p instance
	umask 077 && $(BIN)/python -c "import secrets; print(secrets.token_urlsafe(48))" > $@

workspace: setup system-run instance/data-key instance/secret-key
	env $(WORKSPACE_ENV) $(BIN)/flask --app app clinic init-db
	env $(WORKSPACE_ENV) $(BIN)/flask --app app run --host 127.0.0.1 --port 5000

clinic: setup instance/data-key instance/secret-key
	env $(WORKSPACE_ENV) $(BIN)/flask --app app clinic $(ARGS)

# Production server: gunicorn, one worker per core, on 127.0.0.1:8000 behind a reverse proxy.
# Settings in gunicorn.conf.py; RECOURS_BIND, WEB_CONCURRENCY... override them (README, "Production").
serve: setup system-run
	$(BIN)/gunicorn --config gunicorn.conf.py app:app

# Speed and load figures (bench/run.py): in process, then gunicorn on 127.0.0.1 under `hey`
# (a Debian package; without it, a slower Python load generator). About four minutes.
bench: setup system-run
	sh scripts/ensure-debian-packages hey || echo "hey not installed: using the Python load generator"
	$(BIN)/python -m bench.run $(BENCH_ARGS)

# Lint first: ruff (rules in pyproject.toml), mypy (strict on letters/ and workspace/) and
# bandit, which fails on any medium or high finding.
lint: setup
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/bandit -c pyproject.toml -q -r . --severity-level medium

# One test process per core (pytest-xdist): every service a test starts takes a free port and
# a folder of its own, so the processes never share one.
test: setup lint system-test $(AXE) $(LEGI)
	$(BIN)/python -m pytest -n auto

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info
