# Two commands for a fresh machine:
#   make demo   set up, load the demo content, create an admin login and serve the site
#   make test   run the whole test suite (SQLite, then PostgreSQL, then the browser tests)
#   make browser-test   install chromium + playwright-core if missing, run the storefront in a browser
#   make client-test    install the pinned npm clients if missing, run them against the API (docs/frontends.md)
#   make bench  benchmarks against wagtail-grapple, Wagtail's REST API and a static floor
#   make lock   regenerate the hashed lock files in requirements/ from pyproject.toml (docs/operations.md: Dependencies)
#   make audit  check the lock files against a vulnerability database (needs network access to one: docs/operations.md)
VENV ?= .venv
# uv and pip-audit live apart from the project (requirements/tools.in).
TOOLS_VENV ?= .venv-tools
PYTHON ?= python3
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
# The demo site's public address: its QR codes and full URLs point there (docs/storefront.md: Themes and QR codes).
DEMO_SITE_URL ?= http://$(HOST):$(PORT)

.PHONY: install messages demo serve worker test browser-test client-test bench postgres elasticsearch lock audit clean

# Everything is installed from the hashed lock files (requirements/*.txt, written by `make lock`):
# pip and setuptools first, then the runtime and `dev` dependencies, then the project itself
# without dependencies and without an isolated build (which would download setuptools unhashed).
# A changed lock or pyproject.toml reinstalls.
$(VENV)/.installed: pyproject.toml requirements/build.txt requirements/dev.txt
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --require-hashes -r requirements/build.txt
	$(VENV)/bin/pip install --quiet --require-hashes -r requirements/dev.txt
	$(VENV)/bin/pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

# The translations: the .po catalogs in git compiled to the .mo files Django reads (only those
# whose .po changed), in Python with Babel, so GNU gettext is not needed (docs/storefront.md: Translations).
messages: $(VENV)/.installed
	$(PY) manage.py compilemessages -v 0

install: $(VENV)/.installed messages

demo: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo --site-url $(DEMO_SITE_URL)
	$(PY) manage.py search_index rebuild
	$(PY) manage.py collectstatic --noinput -v 0
	$(PY) manage.py ensure_admin
	@$(MAKE) --no-print-directory serve

serve: install
	@echo ""
	@echo "  Site (English):  http://$(HOST):$(PORT)/en/"
	@echo "  Site (Italian):  http://$(HOST):$(PORT)/it/"
	@echo "  Admin:           http://$(HOST):$(PORT)/admin/"
	@echo "  GraphQL API:     http://$(HOST):$(PORT)/graphql"
	@echo "  Webhooks and CDN purges are sent by 'make worker' (run it in another terminal)"
	@echo ""
	$(PY) manage.py runserver $(HOST):$(PORT)

# The workers: webhook deliveries and CDN purges, side by side until stopped.
worker: install
	$(PY) manage.py deliver_webhooks & deliver=$$!; $(PY) manage.py purge_cache; kill $$deliver

test: install
	PYTHON=$(PY) bash scripts/test.sh

browser-test: install
	@bash scripts/browser.sh available || bash scripts/browser.sh install
	PYTHON=$(PY) bash scripts/browser.sh test

client-test: install
	@bash scripts/clients.sh available || bash scripts/clients.sh install
	PYTHON=$(PY) bash scripts/clients.sh test

# Our API against wagtail-grapple, Wagtail's REST API v2 and a static floor (docs/benchmarks.md).
# BENCH_ARGS are passed on, e.g. BENCH_ARGS="--rounds 1 --seconds 2" for a quick look.
# requirements/bench.txt is dev.txt plus the `bench` extra, at the same versions.
$(VENV)/.bench-installed: $(VENV)/.installed requirements/bench.txt
	$(VENV)/bin/pip install --quiet --require-hashes -r requirements/bench.txt
	touch $@

bench: $(VENV)/.bench-installed
	@command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
	@bash scripts/varnish.sh available || bash scripts/varnish.sh install
	$(PY) -m benchmarks.peers $(BENCH_ARGS)

postgres:
	@bash scripts/postgres.sh start

# A single-node Elasticsearch on 127.0.0.1 (docs/search.md: Elasticsearch on this machine); prints its URL.
# ES_NODES=3 make elasticsearch starts a three-node cluster and prints the nodes' URLs.
elasticsearch:
	@bash scripts/elasticsearch.sh start

$(TOOLS_VENV)/.installed: requirements/tools.txt
	$(PYTHON) -m venv $(TOOLS_VENV)
	$(TOOLS_VENV)/bin/pip install --quiet --require-hashes -r requirements/tools.txt
	touch $@

# Lock files for CPython 3.11 on Linux (the oldest 3.11, so every 3.11.x can install them),
# whoever runs this and wherever. Pins already in a lock are kept unless pyproject.toml needs
# otherwise; to move them: make lock LOCK_ARGS=--upgrade, or LOCK_ARGS="--upgrade-package django".
UV_COMPILE = $(TOOLS_VENV)/bin/uv pip compile --quiet --generate-hashes --python-version 3.11 \
	--python-platform linux --custom-compile-command "make lock" $(LOCK_ARGS)

lock: $(TOOLS_VENV)/.installed
	$(UV_COMPILE) requirements/build.in -o requirements/build.txt
	$(UV_COMPILE) pyproject.toml --extra dev -o requirements/dev.txt
	$(UV_COMPILE) pyproject.toml --extra dev --extra bench -c requirements/dev.txt -o requirements/bench.txt
	$(UV_COMPILE) requirements/tools.in -o requirements/tools.txt

# pip-audit on every lock file; exits 1 on findings and 2 when no vulnerability service answers
# (scripts/audit.py). AUDIT_SERVICE=pypi, osv or esms picks one; by default the first that
# answers. AUDIT_OSV_URL points at an OSV API of your own.
AUDIT_SERVICE ?= auto
AUDIT_OSV_URL ?= https://api.osv.dev/v1/query
audit: $(TOOLS_VENV)/.installed
	$(TOOLS_VENV)/bin/python scripts/audit.py --service $(AUDIT_SERVICE) --osv-url $(AUDIT_OSV_URL) \
		requirements/build.txt requirements/dev.txt requirements/bench.txt requirements/tools.txt

clean:
	rm -rf $(VENV) $(TOOLS_VENV) db.sqlite3 media staticfiles
