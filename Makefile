# The README names two commands: `make run` and `make test`. Both install what is missing first.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)

# The gateway's build profile: `server` (optimised) for `make run`, `dev` for tests (shares test builds).
GATEWAY_PROFILE ?= dev
GATEWAY_DIR := target/$(if $(filter dev,$(GATEWAY_PROFILE)),debug,$(GATEWAY_PROFILE))
# Ceilings, brotli bytes, that stop growth (README "Size").
# The home page's first load: goal 150 KB; 161 KB before the glue's import names were shortened and the
# scripts bundled, 152 KB after, 128 KB without leptos_router's <Routes>, 131 KB with the page that says
# an area's code cannot come (and the notice while it is slow).
FIRST_LOAD_BUDGET := 133120
# An area's own page when landed on directly (its module and packs preloaded): no larger than the
# area's bundle was before the split (#15: no area's direct landing grows; README "Size"); the reports
# page, newer than the split, under AREA_BUDGET (287 KB now).
AREA_BUDGET := 290816
AREA_PAGE_BUDGETS := thanh-toan.html=194938 dich-vu-cong.html=196701 du-lich.html=212243 hoi-dap.html=223268 \
  tra-cuu.html=232060 ky-nang-so.html=248521 nop-ho-so.html=271250
# A visit through the areas (home page, then every area but payments once, content files included):
# goal 500 KB, 1,499 KB before the split, 719 KB before the chunks were packed, 678 KB after, 559 KB
# with Leptos's components erased, 536 KB with JSON parsed by the browser, 486 KB without <Routes>.
JOURNEY_BUDGET := 491520
# The same visit in a browser that keeps the main module as a compression dictionary (Chromium 130+,
# `dcb`): 452 KB.
DICTIONARY_JOURNEY_BUDGET := 460800

.PHONY: run test build size size-report setup-build setup-test clean faq-eval bench faq-bench bench-gateway lighthouse contract conformance api-contract

## make run: build the app and serve it as a demo city at http://127.0.0.1:8080 (the payment simulator,
## a test VietQR account, an officer credential printed at start, "Bản chạy thử / Demo" on every page).
## Production runs target/server/mytho-gateway with its environment variables instead (README).
run:
	$(MAKE) build GATEWAY_PROFILE=server
	MYTHO_DIST=dist MYTHO_DEMO=1 target/server/mytho-gateway

## make test: unit, property and HTTP tests, the release build and its size budget, browser tests
test: setup-test
	scripts/with-postgres.sh scripts/test-gateway.sh
	cargo run --locked -q -p mytho-core --bin faq-eval -- public/faq.json $(DEV_QUERIES)
	$(MAKE) build
	$(MAKE) size-report
	$(MAKE) contract
	npx playwright test

## make contract: the API contract checks (tests/contract) against the gateway serving the release build
## (schemathesis's seed fixed, so a failure replays exactly: CONTRACT_SEED= for a new one)
CONTRACT_SEED ?= 20261202
contract:
	CONTRACT_SEED=$(CONTRACT_SEED) scripts/contract.sh $(GATEWAY_DIR)/mytho-gateway

## make conformance URL=https://… [OFFICER_TOKEN=…]: the same checks against any server that claims to
## implement the contract; prints what it does not do
conformance:
	@test -n "$(URL)" || { echo "usage: make conformance URL=https://your-backend [OFFICER_TOKEN=…]"; exit 2; }
	MYTHO_CONFORMANCE_OFFICER_TOKEN="$(OFFICER_TOKEN)" scripts/contract.sh "$(URL)"

## make api-contract: write the published contract (tests/contract/openapi.json) and the README's API
## table from the gateway's generated document (tests fail when they differ)
api-contract:
	cargo build --locked -q -p mytho-gateway --bin mytho-gateway
	target/debug/mytho-gateway openapi > tests/contract/openapi.json
	target/debug/mytho-gateway openapi --table > target/api-table.md
	python3 scripts/api-table.py README.md target/api-table.md

setup-build:
	scripts/setup.sh build

setup-test:
	scripts/setup.sh test

build: setup-build
	cargo fetch --locked
	cargo build --locked --profile $(GATEWAY_PROFILE) -p mytho-gateway
	scripts/build-app.sh $(GATEWAY_DIR)/mytho-assets
	$(GATEWAY_DIR)/mytho-assets compress dist

## make size: what the first load of each page and a visit through the areas fetch, raw, gzip and
## brotli, checked against the ceilings
size: build size-report

size-report:
	$(GATEWAY_DIR)/mytho-assets size dist --budget $(FIRST_LOAD_BUDGET) --area-budget $(AREA_BUDGET) $(AREA_PAGE_BUDGETS:%=--area-budget %) --journey-budget $(JOURNEY_BUDGET) --dictionary-journey-budget $(DICTIONARY_JOURNEY_BUDGET)

## make faq-eval QUERIES=file.tsv: FAQ accuracy on a query set (columns query, expected_id)
QUERIES ?= $(DEV_QUERIES)
DEV_QUERIES := ../shared/faq/dev-queries.tsv
faq-eval:
	cargo run --locked -q --release -p mytho-core --bin faq-eval -- public/faq.json $(QUERIES)

## make bench-gateway: dossier submissions/s and p99 on SQLite, PostgreSQL, and two gateways on one
## PostgreSQL (a durable throwaway server), for the README
bench-gateway: setup-test
	cargo build --locked -q --profile server -p mytho-gateway --bin mytho-gateway
	MYTHO_PG_DURABLE=1 scripts/with-postgres.sh cargo run --locked -q --profile server -p mytho-gateway --example bench-gateway -- target/server/mytho-gateway $(or $(N),4000)

## make bench: our FAQ engine beside MiniSearch and Fuse.js (accuracy, latency)
bench faq-bench: setup-build
	cargo run --locked -q --release -p mytho-core --bin faq-eval -- public/faq.json $(QUERIES) --bench 20 > target/faq-ours.json
	node tests/faq/bench.mjs public/faq.json $(QUERIES) target/faq-ours.json

## make lighthouse: Lighthouse mobile on every area's page beside a GOV.UK Frontend page (a report)
lighthouse: build
	scripts/lighthouse.sh $(GATEWAY_DIR)/mytho-gateway $(GATEWAY_DIR)/mytho-assets

clean:
	rm -rf dist target/wasm-opt test-results playwright-report
