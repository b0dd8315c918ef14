# tradegraph — the two commands of the README's quick start are `make run`
# and `make test`; the rest are their parts.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

GO        ?= go
BIN       := bin/tradegraph
NEO4J_URI ?= bolt://127.0.0.1:7687
ADDR      ?= 127.0.0.1:8080
FUZZTIME  ?= 10s
SHARED    ?= ../shared
DEV_SET   := testdata/dev

export NEO4J_URI

.PHONY: help
help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

.PHONY: build
build: ## build bin/tradegraph
	$(GO) build -o $(BIN) .

.PHONY: db
db: ## start the local Neo4j (idempotent) and print its Bolt URI
	scripts/db.sh start

.PHONY: db-stop
db-stop: ## stop the local Neo4j
	scripts/db.sh stop

.PHONY: run
run: build db ## build, start Neo4j, load the sample articles, serve the API (Ctrl-C stops both)
	@trap 'scripts/db.sh stop' EXIT; \
	$(BIN) load $(DEV_SET); \
	echo "GraphQL:   http://$(ADDR)/graphql   (GraphiQL at http://$(ADDR)/)"; \
	echo "Exports:   http://$(ADDR)/export/graph.graphml   .gexf   .cyjs"; \
	$(BIN) serve --addr $(ADDR)

.PHONY: test
test: db lint generate-check ## everything CI runs: lint, generated code, tests on the real Neo4j, fuzz smoke
	NEO4J_TEST_URI=$(NEO4J_URI) NEO4J_TEST_REQUIRED=1 $(GO) test -race -p 1 -count=1 ./...
	$(GO) test -count=1 -run 'TestHugeInputMemory' ./loader/extract  # memory is measured without -race
	$(GO) test -count=1 -run 'TestEmbeddedModelIsTrainedOnTheDevSet' ./loader/pairtrain  # training is slow under -race
	FUZZTIME=$(FUZZTIME) scripts/fuzz.sh

.PHONY: lint
lint: ## gofmt, go vet and staticcheck (pinned as a tool in go.mod)
	@unformatted=$$(gofmt -l $$(git ls-files '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt needed:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet ./...
	$(GO) tool staticcheck ./...

.PHONY: generate-check
generate-check: ## go generate must leave the tree unchanged
	$(GO) generate ./...
	@changed=$$(git status --porcelain --untracked-files=all -- graph gqlgen.yml go.mod go.sum); \
	if [ -n "$$changed" ]; then echo "go generate changed files; commit the generated code:"; echo "$$changed"; git diff --stat; exit 1; fi

.PHONY: eval
eval: build ## score extraction on the dev set (needs python3 and ../shared/eval)
	$(BIN) extract $(DEV_SET)/*.txt > /tmp/tradegraph-dev.jsonl
	python3 $(SHARED)/eval/score.py $(DEV_SET) /tmp/tradegraph-dev.jsonl
	$(BIN) extract $(SHARED)/eval/dev/*.txt > /tmp/tradegraph-seed.jsonl
	python3 $(SHARED)/eval/score.py $(SHARED)/eval/dev /tmp/tradegraph-seed.jsonl | tail -1
	@echo "blind set (never tuned on; do not read its misses):"
	$(BIN) extract testdata/blind/*.txt > /tmp/tradegraph-blind.jsonl
	python3 $(SHARED)/eval/score.py testdata/blind /tmp/tradegraph-blind.jsonl | tail -1

.PHONY: agreement
agreement: ## score a second annotation of 30 dev articles against the dev gold: how far annotators agree
	python3 scripts/agreement.py $(DEV_SET) testdata/agreement /tmp/tradegraph-agreement
	python3 $(SHARED)/eval/score.py /tmp/tradegraph-agreement/gold /tmp/tradegraph-agreement/second.jsonl

.PHONY: pair-model
pair-model: ## retrain the extractor's pair model on the dev set (after changing its features or the dev set)
	$(GO) run . train-pairs

.PHONY: bench
bench: db ## benchmarks: extraction, gazetteer, loading, API (needs the local Neo4j)
	NEO4J_TEST_URI=$(NEO4J_URI) $(GO) test -run '^$$' -bench . -benchmem -p 1 ./...
