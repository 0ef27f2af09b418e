# One target per habit. Everything installs itself into .venv on first use: uv installs the pinned set
# (about 6 s where pip took about 55 s of a fresh clone's `make test`); pip does it if uv cannot.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
STAMP := $(VENV)/.installed
PACKAGES := -e 'shared[dev]' -e services/intake -e services/dispatch -e services/tracking -e services/notify -e services/community -e clients
TOOLS := pytest pytest-asyncio pytest-xdist cloudevents openapi-python-client hypothesis schemathesis testcontainers ruff mypy playwright kubernetes-validate

.PHONY: install run test test-unit test-integration test-e2e lint format bench bench-more schemas client clean browser reliability

$(STAMP): constraints.txt shared/pyproject.toml services/*/pyproject.toml clients/pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -q -c constraints.txt uv
	$(PY) -m uv pip install -q --python $(PY) -c constraints.txt $(PACKAGES) $(TOOLS) \
	  || $(PIP) install -q -c constraints.txt $(PACKAGES) $(TOOLS)
	touch $(STAMP)

install: $(STAMP)

## Start PostgreSQL, the broker (embedded unless DATABASE_URL / KAFKA_BOOTSTRAP_SERVERS are set) and every service.
run: install
	$(VENV)/bin/chuishao run

## The whole suite at once: the unit and integration tiers share $(TEST_WORKERS) xdist workers, one module per unit of
## work and the longest first (tests/support/scheduling.py), while the e2e tier (the fault suite, on its
## own PostgreSQL and broker) runs beside them on two workers; its report follows theirs (and stays in
## test-artifacts/e2e.log). The tiers wait on services as much as they compute, so together they fill
## the two cores that one after the other left idle. The 20 slowest tests are printed for each run.
## Bytecode is written even where the environment says not to (PYTHONDONTWRITEBYTECODE): otherwise every
## xdist worker and every service process a test starts compiles the sources and rewrites the test
## modules' asserts again (about 1.5 s of CPU per process importing the services, 8 s per worker).
## The benchmark's smoke run (one test of two and a half minutes, mostly waiting on the processes it
## starts) goes with the e2e tier: on its own the e2e tier ended four minutes before the other.
TEST_WORKERS ?= 4
PYTEST_TIER := PYTHONDONTWRITEBYTECODE= $(PY) -m pytest -q --durations=20 --durations-min=1
BESIDE_E2E := tests/integration/bench/test_bench_smoke.py
test: install browser
	@mkdir -p test-artifacts
	@CHUISHAO_REQUIRE_BROWSER=1 $(PYTEST_TIER) tests/e2e $(BESIDE_E2E) -n 2 --dist worksteal > test-artifacts/e2e.log 2>&1 & \
	faults=$$!; \
	CHUISHAO_REQUIRE_BROWSER=1 $(PYTEST_TIER) tests/unit tests/integration --ignore=$(BESIDE_E2E) -n $(TEST_WORKERS) --longest-first; \
	rest=$$?; wait $$faults; e2e=$$?; \
	echo "---- tests/e2e, run beside the tiers above (test-artifacts/e2e.log):"; cat test-artifacts/e2e.log; \
	test $$rest -eq 0 && test $$e2e -eq 0

## Pure tests: nothing but the virtual environment (no database, broker, browser or promtool).
test-unit: install
	$(PYTEST_TIER) tests/unit -n 2

test-integration: install browser
	CHUISHAO_REQUIRE_BROWSER=1 $(PYTEST_TIER) tests/integration -n $(TEST_WORKERS) --longest-first

test-e2e: install browser
	CHUISHAO_REQUIRE_BROWSER=1 $(PYTEST_TIER) tests/e2e -n 2 --dist worksteal

## Debian's Chromium and a CJK font for the board page tests, and promtool for the Prometheus config.
browser:
	bash tests/system-packages.sh

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy shared/chuishao_shared $(foreach s,dispatch intake tracking notify community,services/$(s)/chuishao_$(s)/domain services/$(s)/chuishao_$(s)/service_layer)

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

## City scale (issue 15): bench/results/latest.json and latest.png, about 5 minutes; then the escalation
## week simulated (issue 25): bench/results/escalation_week.json, a second (docs/benchmarks.md).
bench: install
	bash bench/system-packages.sh
	$(PY) bench/city.py
	$(PY) bench/escalation_week.py
	$(PY) bench/reference_dry_run.py

## The earlier, narrower benchmarks (intake ratio, drain, time to ready, board, notify, console), then
## the sustained step (issue 26): 30 minutes at 50 reports/s, memory per service each minute
## (bench/results/sustained.json; about 31 minutes).
bench-more: install
	$(PY) bench/run.py
	$(PY) services/tracking/bench/board_bench.py
	$(PY) bench/notify_bench.py
	$(PY) bench/console_latency.py
	$(PY) bench/city.py --sustained 30 --sustained-rate 50

## The fault suite (also part of `make test`) and a deeper API fuzz than make test runs, then
## docs/reliability.md written from the fault suite's figures.
reliability: install
	rm -f test-artifacts/reliability.json
	CHUISHAO_FAULT_FULL_SIZE=1 $(PY) -m pytest tests/e2e/test_faults.py -q
	CHUISHAO_SCHEMATHESIS_EXAMPLES=4 $(PY) -m pytest tests/integration/security/test_schemathesis.py -q
	$(PY) bench/reliability_doc.py

## Regenerate the published JSON Schemas and AsyncAPI document from the event contracts.
schemas: install
	$(PY) -m chuishao_shared.events.schemas docs/events

## The typed Python clients (openapi-python-client) from the three OpenAPI documents, into clients/.
client: install
	$(PY) clients/generate.py

clean:
	rm -rf .run test-artifacts
