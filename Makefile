# Kreds: `make run` and `make test` are the two commands; the rest are their steps.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c

VENV := .venv
PY := $(VENV)/bin/python
PY_STAMP := $(VENV)/.installed
WEB_STAMP := web/node_modules/.installed
OIDC_STAMP := tests/oidc/node_modules/.installed
WEB_SOURCES := $(shell find web/src web/index.html web/vite.config.ts web/tsconfig.json -type f 2>/dev/null)
CHROMIUM := /usr/bin/chromium

HOST ?= 127.0.0.1
PORT ?= 8000
KREDS_DATA ?= ./var
export HOST PORT KREDS_DATA

.PHONY: setup run test lint types unit property integration robustness fuzz chaos e2e web-test schema schema-check chromium bench clean store cluster-packages cluster cluster-test

## setup: the venv, the npm packages and the web build (only what is missing or stale), and
## the OpenID provider the e2e sign-in test runs (npm's oidc-provider, in tests/oidc)
setup: $(PY_STAMP) $(WEB_STAMP) web/dist/index.html $(OIDC_STAMP)

$(PY_STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $@

$(WEB_STAMP): web/package.json web/package-lock.json
	cd web && npm ci --no-audit --no-fund --loglevel=error
	touch $@

$(OIDC_STAMP): tests/oidc/package.json tests/oidc/package-lock.json
	cd tests/oidc && npm ci --no-audit --no-fund --loglevel=error
	touch $@

web/dist/index.html: $(WEB_STAMP) $(WEB_SOURCES)
	cd web && npm run --silent build

## run: serve Kreds on http://$(HOST):$(PORT) with its data in $(KREDS_DATA)
run: setup
	$(VENV)/bin/kreds serve

## schema: regenerate web/src/schema.gen.ts and docs/protocol.md from shared_schema
schema: $(PY_STAMP) $(WEB_STAMP)
	$(PY) -m shared_schema.export json > web/src/schema.json
	$(PY) -m shared_schema.export markdown > docs/protocol.md
	cd web && npm run --silent gen:schema

schema-check: $(PY_STAMP) $(WEB_STAMP)
	@tmp=$$(mktemp -d); \
	$(PY) -m shared_schema.export json > $$tmp/schema.json; \
	$(PY) -m shared_schema.export markdown > $$tmp/protocol.md; \
	(cd web && node scripts/gen-schema.mjs $$tmp/schema.json $$tmp/schema.gen.ts); \
	for pair in "schema.json web/src/schema.json" "schema.gen.ts web/src/schema.gen.ts" "protocol.md docs/protocol.md"; do \
	  set -- $$pair; \
	  cmp -s $$tmp/$$1 $$2 || { echo "$$2 is stale: run 'make schema' and commit it"; exit 1; }; \
	done; \
	rm -rf $$tmp; echo "schema: generated files are current"

## chromium: Debian's browser for the e2e tests (never a downloaded one), and poppler's
## pdftotext/pdftoppm that read the referat's PDF back, and the Noto fonts for Arabic, Urdu and Tigrinya
chromium:
	@test -x $(CHROMIUM) && test -x /usr/bin/pdftotext && test -d /usr/share/fonts/truetype/noto || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium poppler-utils fonts-noto-core; }

## cluster-packages: Debian's PostgreSQL, Redis and HAProxy for the store and cluster tests
## (started by the tests themselves on loopback, never as system services)
CLUSTER_BINARIES := /usr/lib/postgresql/15/bin/pg_ctl /usr/bin/redis-server /usr/sbin/haproxy
cluster-packages:
	@for binary in $(CLUSTER_BINARIES); do test -x $$binary || missing=1; done; \
	if [ -n "$${missing:-}" ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql redis-server haproxy; fi

## store: the Store contract, against SQLite and a real PostgreSQL
store: $(PY_STAMP) cluster-packages
	$(PY) -m pytest -q tests/store

## cluster-test: two nodes behind HAProxy with PostgreSQL and Redis, started by the tests
cluster-test: $(PY_STAMP) cluster-packages
	$(PY) -m pytest -q tests/cluster

## cluster: two Kreds nodes behind HAProxy on http://127.0.0.1:$(CLUSTER_PORT)/, with PostgreSQL and
## Redis, their data in $(KREDS_DATA)/cluster; SIGTERM (Ctrl+C) stops it all
CLUSTER_PORT ?= 8080
cluster: setup cluster-packages
	PORT=$(CLUSTER_PORT) KREDS_CLUSTER_DIR=$(KREDS_DATA)/cluster exec $(PY) -m server.cluster.local

lint: $(PY_STAMP)
	$(VENV)/bin/ruff check server shared_schema tests e2e bench
	$(VENV)/bin/ruff format --check server shared_schema tests e2e bench

types: $(PY_STAMP) $(WEB_STAMP)
	$(VENV)/bin/mypy
	cd web && npm run --silent typecheck

web-test: $(WEB_STAMP)
	cd web && npm run --silent test

unit: $(PY_STAMP)
	$(PY) -m pytest -q tests/unit

property: $(PY_STAMP)
	$(PY) -m pytest -q tests/property

integration: $(PY_STAMP)
	$(PY) -m pytest -q tests/integration

## robustness: the fuzz and chaos tests on their short budget (part of make test)
robustness: $(PY_STAMP)
	$(PY) -m pytest -q tests/fuzz tests/chaos

## fuzz, chaos: the long runs (not part of make test)
fuzz: $(PY_STAMP)
	KREDS_FUZZ_LONG=1 $(PY) -m pytest -q tests/fuzz

chaos: $(PY_STAMP)
	KREDS_CHAOS_LONG=1 $(PY) -m pytest -q tests/chaos

## bench: the load benchmark (BENCH_SECONDS sets its length); writes bench/results.json
bench: setup
	$(PY) -m bench.run

e2e: setup chromium
	$(PY) -m pytest -q e2e

## test: everything CI runs: lint, types, schema, client tests, unit, property, the store
## contract, integration, the cluster, e2e
test: setup chromium lint types schema-check web-test unit property store integration cluster-test robustness e2e

clean:
	rm -rf $(VENV) web/node_modules web/dist .pytest_cache .mypy_cache .ruff_cache

.PHONY: audit
## audit: known vulnerabilities in the pinned Python and npm dependencies (not part of `make test`:
## it asks the advisory databases of PyPI and npm, so it needs them online). Both run; either fails it.
audit: $(PY_STAMP) $(WEB_STAMP)
	@failed=0; log=$$(mktemp); \
	echo "== pip-audit: the Python packages in $(VENV), against PyPI's advisory database"; \
	status=0; $(VENV)/bin/pip-audit --strict --skip-editable --progress-spinner off >$$log 2>&1 || status=$$?; \
	cat $$log; \
	if [ $$status -ne 0 ] && grep -qE "could not be audited|Connection|Max retries|timed out|HTTPError" $$log; then \
	  echo "make audit: pip-audit could not reach PyPI's advisory database (or it did not know our packages): the Python dependencies were NOT checked. A network or mirror problem, not a finding." >&2; \
	fi; \
	[ $$status -eq 0 ] || failed=1; \
	echo "== npm audit: web/package-lock.json, against npm's advisory database (high and critical fail)"; \
	status=0; (cd web && npm audit --audit-level=high) >$$log 2>&1 || status=$$?; \
	cat $$log; \
	if [ $$status -ne 0 ] && grep -qE "audit endpoint returned an error|ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN|Method Not Allowed" $$log; then \
	  echo "make audit: npm could not reach its advisory database: the web dependencies were NOT checked. A network or registry problem, not a finding." >&2; \
	fi; \
	[ $$status -eq 0 ] || failed=1; \
	rm -f $$log; exit $$failed
