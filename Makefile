# Two commands do all the set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Debian packages, installed by scripts/ensure-debian-packages only when missing.
# PDF letters (WeasyPrint): Pango and the letter fonts. Browser tests: Chromium too.
SYSTEM_PDF := libpango-1.0-0 libpangoft2-1.0-0 fonts-liberation2 fonts-dejavu-core
SYSTEM_TEST := $(SYSTEM_PDF) chromium
# axe-core for the browser tests, at the version and checksum in its package-lock.json.
AXE := tests/browser/node_modules/axe-core/axe.min.js
# Interface catalogs: the .po files are committed, the .mo files are built from them.
PO := $(wildcard translations/*/LC_MESSAGES/messages.po)
MO := $(PO:.po=.mo)

.PHONY: setup run test bench clean system-pdf system-test translations

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
	$(BIN)/pybabel update -i translations/messages.pot -d translations --no-location \
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

test: setup system-test $(AXE)
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) .pytest_cache
