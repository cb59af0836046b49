// Package e2e holds the browser journey tests: the real server binary is started with the
// demo data, headless Chromium drives the go-app pages on a phone-sized viewport as a person
// would (clicking and typing), each step that matters is saved as a screenshot, and axe-core
// checks the pages for serious WCAG 2.1 AA violations (DESIGN §10).
//
// The tests live in the _test.go files; this file only names the package. Run them with
// `make test`, or:
//
//	PORTAL_TEST_BINARY=$PWD/bin/portal PORTAL_TEST_WEB=$PWD/web go test -count=1 -v ./server/e2e
//
// Settings: PORTAL_TEST_BINARY (server binary; built into a temp dir when unset),
// PORTAL_TEST_WEB (web dir with app.wasm; default <repo>/web), PORTAL_SCREENSHOTS (folder
// for the PNGs; default <repo>/screenshots), PORTAL_AXE (path to axe.min.js; default
// <repo>/.cache/node_modules/axe-core/axe.min.js). With CI=true a missing Chromium or
// axe-core fails the tests instead of skipping.
package e2e
