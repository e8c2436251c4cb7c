# rocket-sim: `make help` lists the targets. Docker targets drive the compose profile `sim` (the
# legacy worker's targets, same names and meaning); the others run the CLI from this checkout,
# with .env loaded when it exists (Node's --env-file; the shell's variables win).

COMPOSE ?= docker compose
# --env-file only when .env exists: Node's --env-file-if-exists prints ".env not found" on every target
ROCKET_SIM ?= $(strip node $(if $(wildcard .env),--env-file=.env) bin/rocket-sim.js)
# make load SCENARIO=gameplay ARGS="--duration 120"; make report RESULTS=reports/<run>/results.json
SCENARIO ?=
RESULTS ?=
ARGS ?=

.DEFAULT_GOAL := help
.PHONY: help sim-up sim-bootstrap sim-down sim-logs sim-logs-follow build self-test load-smoke load report health local

help: ## List the targets
	@echo 'usage: make <target> [SCENARIO=name] [RESULTS=file] [ARGS="extra CLI flags"]'
	@awk 'BEGIN { FS = ":.*## " } /^[a-z][a-z0-9-]*:.*## / { printf "  %-16s %s\n", $$1, $$2 }' $(MAKEFILE_LIST)

sim-up: ## Build the image and start the soak simulator (compose profile sim) in the background
	$(COMPOSE) --profile sim up -d --build rocket-sim

sim-bootstrap: ## One-shot: seed the managed wallet pool (import env keys, generate to target) and exit
	$(COMPOSE) --profile sim run --rm rocket-sim pool bootstrap

sim-down: ## Stop and remove the simulator container (other services and the reports volume stay)
	$(COMPOSE) --profile sim rm --stop --force rocket-sim

sim-logs: ## Print the simulator's recent logs
	$(COMPOSE) --profile sim logs --tail=200 rocket-sim

sim-logs-follow: ## Follow the simulator's logs
	$(COMPOSE) --profile sim logs --follow --tail=200 rocket-sim

build: ## Bundle the CLI, processor and plugin into dist/ (npm run build)
	npm run build

dist/cli.js:
	npm run build

self-test: dist/cli.js ## Offline self-test: keys, signing, pool encryption, configuration
	$(ROCKET_SIM) self-test

load-smoke: dist/cli.js ## The CI gate: smoke scenario against the embedded local stack (about 1.5 min)
	$(ROCKET_SIM) run smoke $(ARGS)

load: dist/cli.js ## Run a scenario: make load SCENARIO=gameplay [ARGS="-e staging --duration 600"]
	@test -n "$(SCENARIO)" || { echo 'usage: make load SCENARIO=<name> [ARGS="..."]; scenarios:' $$(ls scenarios | sed 's/\.yml$$//') >&2; exit 2; }
	$(ROCKET_SIM) run $(SCENARIO) $(ARGS)

report: dist/cli.js ## Rebuild a report: make report RESULTS=reports/<run>/results.json [ARGS="--baseline b.json"]
	@test -n "$(RESULTS)" || { echo 'usage: make report RESULTS=reports/<run>/results.json' >&2; exit 2; }
	$(ROCKET_SIM) report $(RESULTS) $(ARGS)

health: dist/cli.js ## Post-run health checks against SUPABASE_URL (needs the service-role key)
	$(ROCKET_SIM) health $(ARGS)

local: dist/cli.js ## Run the embedded local stack in the foreground (http://127.0.0.1:54321)
	$(ROCKET_SIM) local $(ARGS)
