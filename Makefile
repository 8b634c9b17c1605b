# Two commands for a fresh machine:
#   make demo   set up, load the demo content, create an admin login and serve the site
#   make test   run the whole test suite (SQLite, then PostgreSQL, then the browser tests)
#   make browser-test   install chromium + playwright-core if missing, run the storefront in a browser
#   make bench  benchmarks against wagtail-grapple, Wagtail's REST API and a static floor
VENV ?= .venv
PYTHON ?= python3
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install demo serve worker test browser-test bench postgres elasticsearch clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.installed

demo: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
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
	@echo "  Webhooks are sent by 'make worker' (run it in another terminal)"
	@echo ""
	$(PY) manage.py runserver $(HOST):$(PORT)

worker: install
	$(PY) manage.py deliver_webhooks

test: install
	PYTHON=$(PY) bash scripts/test.sh

browser-test: install
	@bash scripts/browser.sh available || bash scripts/browser.sh install
	PYTHON=$(PY) bash scripts/browser.sh test

# Our API against wagtail-grapple, Wagtail's REST API v2 and a static floor (docs/benchmarks.md).
# BENCH_ARGS are passed on, e.g. BENCH_ARGS="--rounds 1 --seconds 2" for a quick look.
$(VENV)/.bench-installed: $(VENV)/.installed
	$(VENV)/bin/pip install --quiet -e ".[dev,bench]"
	touch $@

bench: $(VENV)/.bench-installed
	@command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
	$(PY) -m benchmarks.peers $(BENCH_ARGS)

postgres:
	@bash scripts/postgres.sh start

# A single-node Elasticsearch on 127.0.0.1 (README: Elasticsearch on this machine); prints its URL.
elasticsearch:
	@bash scripts/elasticsearch.sh start

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles
