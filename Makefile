# Two commands for a fresh machine:
#   make demo   set up, load the demo content, create an admin login and serve the site
#   make test   run the whole test suite (SQLite, then PostgreSQL)
VENV ?= .venv
PYTHON ?= python3
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install demo serve test postgres elasticsearch clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.installed

demo: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	$(PY) manage.py collectstatic --noinput -v 0
	$(PY) manage.py ensure_admin
	@$(MAKE) --no-print-directory serve

serve: install
	@echo ""
	@echo "  Site (English):  http://$(HOST):$(PORT)/en/"
	@echo "  Site (Italian):  http://$(HOST):$(PORT)/it/"
	@echo "  Admin:           http://$(HOST):$(PORT)/admin/"
	@echo "  GraphQL API:     http://$(HOST):$(PORT)/graphql"
	@echo ""
	$(PY) manage.py runserver $(HOST):$(PORT)

test: install
	PYTHON=$(PY) bash scripts/test.sh

postgres:
	@bash scripts/postgres.sh start

# A single-node Elasticsearch on 127.0.0.1 (README: Elasticsearch on this machine); prints its URL.
elasticsearch:
	@bash scripts/elasticsearch.sh start

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles
