# The portal's build. `make run` and `make test` are all a newcomer needs (see README.md).
SHELL := /bin/bash
GO    ?= go
WASM  := web/app.wasm
APP_SOURCES := $(shell find app -name '*.go' -not -name '*_test.go') go.mod go.sum
SERVER_SOURCES := $(shell find server app -name '*.go' -not -path 'server/bench/*' -not -name '*_test.go') go.mod go.sum $(wildcard server/store/migrations/*/*.sql) server/httpapi/openapi.json
# The wasm is small only when stripped; -trimpath keeps machine paths out of it.
WASM_FLAGS := -trimpath -ldflags="-s -w"

.PHONY: build run test test-short bench vet clean

build: bin/portal $(WASM).br

$(WASM): $(APP_SOURCES)
	GOOS=js GOARCH=wasm $(GO) build $(WASM_FLAGS) -o $@ ./app/wasm

# Brotli at its best level takes about half a minute; it is redone only when the wasm changes.
$(WASM).br: $(WASM)
	$(GO) run ./server/cmd/precompress $(WASM)

# The version is the wasm's hash: the same build gives every replica the same version.
bin/portal: $(SERVER_SOURCES) $(WASM)
	$(GO) build -trimpath -ldflags="-X main.version=$$(sha256sum $(WASM) | cut -c1-12)" -o $@ ./server/cmd/portal

run: build
	PORTAL_DEMO=1 ./bin/portal

vet:
	gofmt -l . | (! grep .) || (echo "gofmt needed on the files above"; exit 1)
	$(GO) vet ./...
	GOOS=js GOARCH=wasm $(GO) vet ./app/...

# All tests: store on SQLite and PostgreSQL, auth, API, and the browser journeys in
# headless Chromium against the built server.
test: build vet
	PORTAL_TEST_BINARY=$(CURDIR)/bin/portal PORTAL_TEST_WEB=$(CURDIR)/web $(GO) test -count=1 -timeout 30m ./...

bench: build
	$(GO) run ./server/bench -binary $(CURDIR)/bin/portal -web $(CURDIR)/web

clean:
	rm -rf bin $(WASM) $(WASM).br $(WASM).gz
