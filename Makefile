# Two commands do all the set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Debian packages, installed by scripts/ensure-debian-packages only when missing.
# PDF letters (WeasyPrint): Pango and the letter fonts. Browser tests: Chromium too.
# The shared rate-limit store's test starts its own redis-server on 127.0.0.1, and the clinic
# workspace's tests their own PostgreSQL server (tests/workspace/conftest.py).
SYSTEM_PDF := libpango-1.0-0 libpangoft2-1.0-0 fonts-liberation2 fonts-dejavu-core
SYSTEM_TEST := $(SYSTEM_PDF) chromium redis-server postgresql
# axe-core for the browser tests, at the version and checksum in its package-lock.json.
AXE := tests/browser/node_modules/axe-core/axe.min.js
# Interface catalogs: the .po files are committed, the .mo files are built from them.
PO := $(wildcard translations/*/LC_MESSAGES/messages.po)
MO := $(PO:.po=.mo)

.PHONY: setup run serve test lint bench clean system-pdf system-test translations

setup: $(STAMP) $(MO)

$(STAMP): requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt -r requirements-dev.txt
	touch $@

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

system-test:
	sh scripts/ensure-debian-packages $(SYSTEM_TEST)
	command -v npm >/dev/null 2>&1 || sh scripts/ensure-debian-packages npm

$(AXE): tests/browser/package.json tests/browser/package-lock.json | system-test
	npm ci --prefix tests/browser --no-audit --no-fund
	touch $@

run: setup system-pdf
	$(BIN)/flask --app app run --host 127.0.0.1 --port 5000

# Production server: gunicorn, one worker per core, on 127.0.0.1:8000 behind a reverse proxy.
# Settings in gunicorn.conf.py; RECOURS_BIND, WEB_CONCURRENCY... override them (README, "Production").
serve: setup system-pdf
	$(BIN)/gunicorn --config gunicorn.conf.py app:app

# Speed and load figures (bench/run.py): in process, then gunicorn on 127.0.0.1 under `hey`
# (a Debian package; without it, a slower Python load generator). About four minutes.
bench: setup system-pdf
	sh scripts/ensure-debian-packages hey || echo "hey not installed: using the Python load generator"
	$(BIN)/python -m bench.run $(BENCH_ARGS)

# Lint first: ruff (rules in pyproject.toml) and bandit, which fails on any medium or high finding.
lint: setup
	$(BIN)/ruff check .
	$(BIN)/bandit -c pyproject.toml -q -r . --severity-level medium

test: setup lint system-test $(AXE)
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) .pytest_cache
