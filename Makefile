# The two front doors: `make demo` and `make test`. Everything else supports them.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
STAMP := $(VENV)/.installed-$(shell cat requirements/base.txt requirements/dev.txt pyproject.toml | sha1sum | cut -c1-12)

.PHONY: demo test install messages compilemessages lock vendor totp check lint serve clean

$(STAMP): requirements/base.txt requirements/dev.txt pyproject.toml
	@bash scripts/ensure-system.sh
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes \
		-r requirements/base.txt -r requirements/dev.txt
	@rm -f $(VENV)/.installed-*
	@touch $@

install: $(STAMP)

compilemessages: install
	@if command -v msgfmt >/dev/null 2>&1; then \
		$(MANAGE) compilemessages --ignore=.venv --ignore=node_modules -v0; \
	else echo "msgfmt not found: using the committed .mo files"; fi

## make demo: environment, install, migrate, demo data, server on http://127.0.0.1:$(PORT)
# The demo runs like production (DEBUG off: the product's own error pages, no debug page
# listing every URL), minus what needs HTTPS, which a local server lacks. Static files come
# from whitenoise, straight from the app folders.
PORT ?= 8000
DEMO_ENV := DEBUG=false SITE_URL=http://127.0.0.1:$(PORT) \
	SECURE_SSL_REDIRECT=false SESSION_COOKIE_SECURE=false CSRF_COOKIE_SECURE=false \
	SECURE_HSTS_SECONDS=0 STATICFILES_STORAGE=django.contrib.staticfiles.storage.StaticFilesStorage
demo: compilemessages
	$(DEMO_ENV) $(MANAGE) migrate --no-input -v0
	$(DEMO_ENV) $(MANAGE) load_demo
	@echo ""
	@echo "Inklusiv läuft auf / runs at http://127.0.0.1:$(PORT)  (Strg+C / Ctrl+C to stop)"
	@echo "E-Mails: var/mail/, for staff at http://127.0.0.1:$(PORT)/de/staff/outbox/"
	@# The task worker sends letters in the background; it stops with the server.
	$(DEMO_ENV) $(MANAGE) db_worker --interval 1 --no-reload & worker=$$!; \
		trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
		$(DEMO_ENV) $(MANAGE) runserver --noreload 127.0.0.1:$(PORT)

## make test: the whole suite, browser tests included
test: compilemessages
	@bash scripts/ensure-system.sh --browser
	@# The HTML validity test runs the Nu Html Checker from npm (package.json, lock file).
	@test -f node_modules/vnu-jar/build/dist/vnu.jar || npm ci --no-audit --no-fund --loglevel=error
	@# On every core (pytest-xdist), a module's tests on one worker so a module that loads the
	@# demo once loads it once.
	$(PY) -m pytest -n auto --dist loadscope --durations=8 $(PYTEST_ARGS)

## make totp: the current two-factor code of the demo accounts
totp: install
	@$(MANAGE) demo_totp

check: install
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run
	DEBUG=false SECRET_KEY=$$(head -c 48 /dev/urandom | base64) ALLOWED_HOSTS=inklusiv.example \
		SITE_URL=https://inklusiv.example $(MANAGE) check --deploy --fail-level WARNING

lint: install
	$(VENV)/bin/ruff check .

messages: install
	$(MANAGE) makemessages -l de -l en --ignore=.venv --ignore=node_modules --ignore=tests --ignore=bench
	$(MANAGE) makemessages -d djangojs -l de -l en --ignore=.venv --ignore=node_modules --ignore=tests || true

lock:
	cd requirements && ../$(VENV)/bin/pip-compile -q --strip-extras --generate-hashes --allow-unsafe -o base.txt base.in
	cd requirements && ../$(VENV)/bin/pip-compile -q --strip-extras --generate-hashes --allow-unsafe -o dev.txt dev.in

vendor:
	bash scripts/vendor-assets.sh

clean:
	rm -rf var/ .pytest_cache
