package e2e

// The harness: the server binary as a child process, headless Chromium with a phone
// viewport, waiting for the go-app runtime, screenshots and axe-core.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"portal/server/portaltest"
)

const (
	chromiumPath = "/usr/bin/chromium"
	// stepTimeout bounds one journey step: a page load with the wasm start, or a wait for
	// what a click changes. The wasm is compiled on the first load of each browser.
	stepTimeout = 60 * time.Second
	// healthTimeout bounds the server's start (migrations and demo seed included).
	healthTimeout = 30 * time.Second
)

func TestMain(m *testing.M) {
	code := m.Run()
	portaltest.Cleanup()
	os.Exit(code)
}

// inCI reports whether missing tools must fail the tests rather than skip them.
func inCI() bool {
	v := strings.TrimSpace(os.Getenv("CI"))
	return strings.EqualFold(v, "true") || v == "1"
}

// webDir is PORTAL_TEST_WEB or the repository's web/, which must hold a built app.wasm.
func webDir(t testing.TB, root string) string {
	t.Helper()
	dir := os.Getenv("PORTAL_TEST_WEB")
	if dir == "" {
		dir = filepath.Join(root, "web")
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		t.Fatalf("web dir: %v", err)
	}
	if _, err := os.Stat(filepath.Join(abs, "app.wasm")); err != nil {
		t.Fatalf("web dir %s has no app.wasm (run `make build`): %v", abs, err)
	}
	return abs
}

// portalServer is the server binary running as a child process with demo data.
type portalServer struct {
	URL  string
	Root string
	// DataDir is the server's data directory (its SQLite database is DataDir/portal.db),
	// for tests that must set up a state no API call can reach, such as an appointment
	// today when bookings start tomorrow.
	DataDir string
	// Stop ends the server before the test does (the offline journey pulls the plug).
	Stop func()
}

// startServer starts the portal on a free port with a fresh data dir and the demo data,
// and waits until /healthz answers 200. It is stopped when the test ends; the output
// tail is printed when the test failed.
func startServer(t *testing.T) *portalServer {
	t.Helper()
	root := portaltest.RepoRoot(t)
	bin := portaltest.Binary(t)
	web := webDir(t, root)
	data := t.TempDir() // removed after the server is stopped (cleanups run last-in first-out)
	addr := portaltest.FreeAddr(t)

	env := []string{}
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "PORTAL_") { // no database URL or MinIO of the caller's shell
			env = append(env, kv)
		}
	}
	env = append(env,
		"PORTAL_ADDR="+addr,
		"PORTAL_DATA_DIR="+data,
		"PORTAL_WEB_DIR="+web,
		"PORTAL_DEMO=1",
		"PORTAL_LOG_LEVEL=warn",
	)
	stdout, stderr := portaltest.NewTail(16<<10), portaltest.NewTail(64<<10)
	cmd := exec.Command(bin)
	cmd.Dir = root
	cmd.Env = env
	cmd.Stdout, cmd.Stderr = stdout, stderr
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting %s: %v", bin, err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	var stopOnce sync.Once
	stop := func() {
		stopOnce.Do(func() {
			select {
			case err := <-exited:
				exited <- err
			default:
				cmd.Process.Signal(os.Interrupt)
				select {
				case err := <-exited:
					exited <- err
				case <-time.After(5 * time.Second):
					cmd.Process.Kill()
					exited <- <-exited
				}
			}
		})
	}
	t.Cleanup(func() {
		stop()
		if t.Failed() {
			t.Logf("server stdout (tail):\n%s", stdout)
			t.Logf("server stderr (tail):\n%s", stderr)
		}
	})

	s := &portalServer{URL: "http://" + addr, Root: root, DataDir: data, Stop: stop}
	client := &http.Client{Timeout: 2 * time.Second}
	deadline := time.Now().Add(healthTimeout)
	for {
		select {
		case err := <-exited:
			exited <- err // for the cleanup
			t.Fatalf("server exited before it was healthy: %v\nstdout:\n%s\nstderr:\n%s", err, stdout, stderr)
		default:
		}
		resp, err := client.Get(s.URL + "/healthz")
		if err == nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return s
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("server not healthy after %v (last error %v)\nstderr:\n%s", healthTimeout, err, stderr)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// apiLogin signs in through the API (for checks behind the person's back, never for the
// person's own steps) and returns the access token.
func (s *portalServer) apiLogin(t testing.TB, login, password string) string {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"login": login, "password": password})
	resp, err := http.Post(s.URL+"/api/v1/auth/login", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatalf("API login %s: %v", login, err)
	}
	defer resp.Body.Close()
	var out struct {
		AccessToken string `json:"access_token"`
	}
	if resp.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(resp.Body)
		t.Fatalf("API login %s: %s %s", login, resp.Status, b)
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		t.Fatalf("API login %s: %v", login, err)
	}
	return out.AccessToken
}

// apiGet GETs an API path (with a token when not empty) and decodes the JSON answer.
func (s *portalServer) apiGet(t testing.TB, token, path string, out any) {
	t.Helper()
	req, _ := http.NewRequest("GET", s.URL+"/api/v1"+path, nil)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(resp.Body)
		t.Fatalf("GET %s: %s %s", path, resp.Status, b)
	}
	if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
}

// apiCall sends a JSON request to an API path (with a token when not empty, and extra
// headers), decodes the answer into out (may be nil) and returns the status.
func (s *portalServer) apiCall(t testing.TB, method, token, path string, headers map[string]string, in, out any) int {
	t.Helper()
	var body io.Reader
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			t.Fatalf("%s %s: %v", method, path, err)
		}
		body = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, s.URL+"/api/v1"+path, body)
	if in != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if out != nil && resp.StatusCode < 300 {
		if err := json.Unmarshal(b, out); err != nil {
			t.Fatalf("%s %s: %v (%s)", method, path, err, b)
		}
	}
	if resp.StatusCode >= 300 {
		t.Logf("%s %s: %s %s", method, path, resp.Status, b)
	}
	return resp.StatusCode
}

// journey is one person's trip through the portal in one browser tab.
type journey struct {
	t      *testing.T
	name   string // screenshot prefix
	srv    *portalServer
	ctx    context.Context // the tab
	shots  string          // screenshot folder
	step   int
	axeSrc string // axe.min.js; empty: the check is skipped
	view   viewport

	consoleMu sync.Mutex
	console   []string // warnings, errors and exceptions of the page, for failure reports
}

// The phone: 390×844 CSS pixels at device scale 1, with mobile emulation.
const phoneWidth, phoneHeight = 390, 844

func phoneViewport(width, height int64) chromedp.Action[chromedp.Void] {
	return chromedp.EmulateViewport(width, height, chromedp.EmulateMobile, chromedp.EmulatePortrait, chromedp.EmulateScale(1))
}

// viewport is the screen a journey's browser emulates.
type viewport struct {
	width, height int64
	mobile        bool
}

// phone is the applicant's phone; desk is a window's screen (a small laptop or a tablet
// held sideways), for staff journeys that want one.
var (
	phone = viewport{phoneWidth, phoneHeight, true}
	desk  = viewport{1024, 768, false}
)

// emulate sets the viewport at the given height (the full page's, for a long screenshot).
func (v viewport) emulate(height int64) chromedp.Action[chromedp.Void] {
	if v.mobile {
		return phoneViewport(v.width, height)
	}
	return chromedp.EmulateViewport(v.width, height, chromedp.EmulateScale(1))
}

// newJourney checks the tools, starts a server and a browser with a phone viewport.
func newJourney(t *testing.T, name string) *journey {
	t.Helper()
	checkChromium(t)
	srv := startServer(t)
	return newBrowser(t, name, srv, phone)
}

func checkChromium(t *testing.T) {
	t.Helper()
	if _, err := os.Stat(chromiumPath); err != nil {
		if inCI() {
			t.Fatalf("Chromium is required in CI: %v", err)
		}
		t.Skipf("skipping the browser journeys: %s not found (%v)", chromiumPath, err)
	}
}

// newBrowser starts a browser of its own (its own process and profile: cookies and the
// session are not shared) on a running server, with the given viewport. Journeys with two
// people, such as an applicant and window staff, open one browser each on one server.
func newBrowser(t *testing.T, name string, srv *portalServer, view viewport) *journey {
	t.Helper()
	checkChromium(t)
	j := &journey{t: t, name: name, srv: srv, view: view}
	root := portaltest.RepoRoot(t)
	j.axeSrc = loadAxe(t, root)
	j.shots = os.Getenv("PORTAL_SCREENSHOTS")
	if j.shots == "" {
		j.shots = filepath.Join(root, "screenshots")
	}
	if abs, err := filepath.Abs(j.shots); err == nil {
		j.shots = abs
	}
	if err := os.MkdirAll(j.shots, 0o755); err != nil {
		t.Fatalf("screenshot folder: %v", err)
	}
	t.Logf("screenshots go to %s", j.shots)

	profile, err := os.MkdirTemp("", "portal-e2e-chromium-")
	if err != nil {
		t.Fatalf("browser profile dir: %v", err)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromiumPath),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(profile),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelTab := chromedp.NewContext(allocCtx)
	t.Cleanup(func() {
		cancelTab()
		cancelAlloc() // waits for the browser to exit
		if err := os.RemoveAll(profile); err != nil {
			t.Logf("removing the browser profile: %v", err)
		}
	})
	j.ctx = ctx

	// The first action starts the browser; it must run on the context without a deadline.
	if err := chromedp.Do(ctx, view.emulate(view.height)); err != nil {
		t.Fatalf("starting Chromium with a %dx%d viewport: %v", view.width, view.height, err)
	}
	go j.collectConsole()
	t.Cleanup(func() {
		if t.Failed() {
			j.consoleMu.Lock()
			defer j.consoleMu.Unlock()
			if len(j.console) > 0 {
				t.Logf("browser console (warnings and errors):\n%s", strings.Join(j.console, "\n"))
			}
		}
	})
	return j
}

func (j *journey) collectConsole() {
	for m, err := range chromedp.Console(j.ctx) {
		if err != nil {
			return
		}
		switch m.Type {
		case chromedp.ConsoleWarning, chromedp.ConsoleError, chromedp.ConsoleException:
			j.consoleMu.Lock()
			if len(j.console) < 200 {
				j.console = append(j.console, string(m.Type)+": "+m.String())
			}
			j.consoleMu.Unlock()
		}
	}
}

// loadAxe reads axe.min.js from PORTAL_AXE or <repo>/.cache/node_modules/axe-core.
func loadAxe(t *testing.T, root string) string {
	t.Helper()
	p := os.Getenv("PORTAL_AXE")
	if p == "" {
		p = filepath.Join(root, ".cache", "node_modules", "axe-core", "axe.min.js")
	}
	b, err := os.ReadFile(p)
	if err != nil {
		if inCI() {
			t.Fatalf("axe-core is required in CI (set PORTAL_AXE, or `npm install axe-core@4` in <repo>/.cache): %v", err)
		}
		t.Logf("axe-core not found, the accessibility checks are skipped: %v", err)
		return ""
	}
	return string(b)
}

// run runs actions as one step with the step timeout, and fails the test with what the
// page looked like when they fail.
func (j *journey) run(what string, actions ...chromedp.Action[chromedp.Void]) {
	j.t.Helper()
	ctx, cancel := context.WithTimeout(j.ctx, stepTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		j.fail(what, err)
	}
}

// eval evaluates a JavaScript expression and decodes its value.
func eval[T any](j *journey, expr string, opts ...chromedp.EvaluateOption) T {
	j.t.Helper()
	ctx, cancel := context.WithTimeout(j.ctx, stepTimeout)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, opts...))
	if err != nil {
		j.fail("evaluating "+abbrev(expr, 80), err)
	}
	return v
}

// fail saves a screenshot of the moment and stops the test.
func (j *journey) fail(what string, err error) {
	j.t.Helper()
	ctx, cancel := context.WithTimeout(j.ctx, 10*time.Second)
	defer cancel()
	where, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`location.href`))
	body, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body ? document.body.innerText : ''`))
	if buf, e := capture(ctx, j.view); e == nil {
		name := fmt.Sprintf("%s-FAILED.png", j.name)
		if os.WriteFile(filepath.Join(j.shots, name), buf, 0o644) == nil {
			j.t.Logf("screenshot of the failure: %s", filepath.Join(j.shots, name))
		}
	}
	j.t.Fatalf("%s: %v\n  at %s\n  page text: %s", what, err, where, abbrev(strings.Join(strings.Fields(body), " "), 600))
}

func abbrev(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

// liveJS is true once the go-app runtime runs: app.js removes the loader after go.run has
// started the program, and the program has replaced app.js's placeholder goappNav with a
// Go function (its wrapper hands the call to the Go scheduler through _pendingEvent).
const liveJS = `!document.getElementById('app-wasm-loader') &&
	typeof window.goappNav === 'function' && String(window.goappNav).includes('_pendingEvent')`

// waitLive waits until the wasm has started and taken over the prerendered page.
func (j *journey) waitLive() {
	j.t.Helper()
	ctx, cancel := context.WithTimeout(j.ctx, stepTimeout)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.Poll[chromedp.Void](liveJS,
		chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(stepTimeout))); err != nil {
		label, _ := chromedp.Run(ctx, chromedp.Evaluate[string](
			`(document.getElementById('app-wasm-loader-label') || {}).innerText || ''`))
		j.fail("waiting for the app to start (loader says "+label+")", err)
	}
}

// open loads a page as a person typing the address would, and waits for the app.
func (j *journey) open(path string) {
	j.t.Helper()
	j.run("opening "+path, chromedp.Navigate(j.srv.URL+path))
	j.waitLive()
}

// waitFor polls a JavaScript function of args until it returns a truthy value.
func (j *journey) waitFor(what, fn string, args ...any) {
	j.t.Helper()
	ctx, cancel := context.WithTimeout(j.ctx, stepTimeout)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.PollFunction[chromedp.Void](fn,
		chromedp.WithPollingArgs(args...),
		chromedp.WithPollingInterval(50*time.Millisecond),
		chromedp.WithPollingTimeout(stepTimeout))); err != nil {
		j.fail("waiting for "+what, err)
	}
}

// visibleJS is a JS helper: the element is rendered with a box (fixed bars included).
const visibleJS = `const visible = (el) => !!el && el.getClientRects().length > 0 &&
	getComputedStyle(el).visibility !== 'hidden';`

// waitText waits until the element that selector finds is visible and its text contains want.
func (j *journey) waitText(selector, want string) {
	j.t.Helper()
	j.waitFor(fmt.Sprintf("%s to show %q", selector, want),
		`(sel, want) => { `+visibleJS+` const el = document.querySelector(sel);
			return visible(el) && el.textContent.includes(want); }`, selector, want)
}

// waitVisible waits until the element that selector finds is visible.
func (j *journey) waitVisible(selector string) {
	j.t.Helper()
	j.waitFor(selector+" to be visible",
		`(sel) => { `+visibleJS+` return visible(document.querySelector(sel)); }`, selector)
}

// waitPath waits until the app has navigated to path.
func (j *journey) waitPath(path string) {
	j.t.Helper()
	j.waitFor("the address to become "+path, `(p) => location.pathname === p`, path)
}

// waitValue waits until the input that selector finds has a non-empty value and returns it.
func (j *journey) waitValue(selector string) string {
	j.t.Helper()
	j.waitFor(selector+" to have a value",
		`(sel) => { const el = document.querySelector(sel); return !!el && el.value !== ''; }`, selector)
	return j.value(selector)
}

func (j *journey) value(selector string) string {
	j.t.Helper()
	return eval[string](j, fmt.Sprintf(`document.querySelector(%s).value`, jsString(selector)))
}

func (j *journey) text(selector string) string {
	j.t.Helper()
	return eval[string](j, fmt.Sprintf(`document.querySelector(%s).textContent`, jsString(selector)))
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// click clicks what selector finds (it must be visible).
func (j *journey) click(selector string) {
	j.t.Helper()
	j.run("clicking "+selector, chromedp.Click(chromedp.CSS(selector)))
}

// clickTo clicks a link that leads to path, again if the first click was lost: a list
// that re-renders as search results arrive can replace the link under the pointer.
func (j *journey) clickTo(selector, path string) {
	j.t.Helper()
	for try := 0; ; try++ {
		j.click(selector)
		ctx, cancel := context.WithTimeout(j.ctx, 5*time.Second)
		_, err := chromedp.Run(ctx, chromedp.PollFunction[chromedp.Void](`(p) => location.pathname === p`,
			chromedp.WithPollingArgs(path), chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(5*time.Second)))
		cancel()
		if err == nil {
			return
		}
		if try == 2 {
			j.fail("clicking "+selector+" to reach "+path, err)
		}
		j.waitVisible(selector)
	}
}

// typeInto types text into the field that selector finds, key by key.
func (j *journey) typeInto(selector, text string) {
	j.t.Helper()
	j.run(fmt.Sprintf("typing %q into %s", text, selector), chromedp.SendKeys(chromedp.CSS(selector), text))
}

// shot saves a full-page screenshot as <journey>-<nn>-<label>.png.
func (j *journey) shot(label string) {
	j.t.Helper()
	j.step++
	name := fmt.Sprintf("%s-%02d-%s.png", j.name, j.step, label)
	ctx, cancel := context.WithTimeout(j.ctx, stepTimeout)
	defer cancel()
	buf, err := capture(ctx, j.view)
	if err != nil {
		j.t.Fatalf("screenshot %s: %v", name, err)
	}
	if err := os.WriteFile(filepath.Join(j.shots, name), buf, 0o644); err != nil {
		j.t.Fatalf("screenshot %s: %v", name, err)
	}
}

// capture takes a full-page PNG. A capture beyond the viewport leaves fixed bars (the
// bottom tab bar) where the phone's screen ends, mid-page; like a long phone screenshot, the
// viewport is stretched to the page for the capture, then set back.
func capture(ctx context.Context, view viewport) ([]byte, error) {
	height, err := chromedp.Run(ctx, chromedp.Evaluate[int64](
		`Math.ceil(Math.max(document.documentElement.scrollHeight, document.body ? document.body.scrollHeight : 0))`))
	if err != nil {
		return nil, err
	}
	// From the top, so the sticky top bar is at the top of the picture; then back.
	scrolled, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`(() => { const y = window.scrollY; window.scrollTo(0, 0); return y; })()`))
	if err != nil {
		return nil, err
	}
	defer chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`window.scrollTo(0, %f)`, scrolled)))
	if err := chromedp.Do(ctx, view.emulate(max(height, view.height))); err != nil {
		return nil, err
	}
	buf, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err2 := chromedp.Do(ctx, view.emulate(view.height)); err == nil {
		err = err2
	}
	return buf, err
}

// axeViolation is what the tests report of one axe-core rule that failed.
type axeViolation struct {
	ID      string   `json:"id"`
	Impact  string   `json:"impact"`
	Help    string   `json:"help"`
	HelpURL string   `json:"helpUrl"`
	Nodes   int      `json:"nodes"`
	Targets []string `json:"targets"`
	HTML    string   `json:"html"`
	Summary string   `json:"summary"`
}

const axeRunJS = `axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})
	.then(r => r.violations.map(v => ({
		id: v.id, impact: v.impact || '', help: v.help, helpUrl: v.helpUrl, nodes: v.nodes.length,
		targets: v.nodes.slice(0, 3).map(n => JSON.stringify(n.target)),
		html: v.nodes.length ? String(v.nodes[0].html || '').slice(0, 300) : '',
		summary: v.nodes.length ? String(v.nodes[0].failureSummary || '').slice(0, 500) : '',
	})))`

// axe injects axe-core into the page (once per document) and fails the test for every
// serious or critical WCAG 2.1 A/AA violation; milder ones are logged.
func (j *journey) axe(page string) {
	j.t.Helper()
	if j.axeSrc == "" {
		j.t.Logf("axe check of %s skipped: axe-core not installed", page)
		return
	}
	if !eval[bool](j, `typeof window.axe === 'object' && typeof window.axe.run === 'function'`) {
		eval[chromedp.Void](j, j.axeSrc+"\n;void 0")
	}
	violations := eval[[]axeViolation](j, axeRunJS, chromedp.EvalAwaitPromise)
	serious := 0
	for _, v := range violations {
		msg := fmt.Sprintf("axe on %s: [%s] %s: %s (%d elements, first: %s)\n    html: %s\n    %s\n    %s",
			page, v.Impact, v.ID, v.Help, v.Nodes, strings.Join(v.Targets, " "), v.HTML,
			strings.ReplaceAll(v.Summary, "\n", "\n    "), v.HelpURL)
		if v.Impact == "serious" || v.Impact == "critical" {
			serious++
			j.t.Error(msg)
		} else {
			j.t.Log(msg)
		}
	}
	j.t.Logf("axe on %s: %d violations, %d serious or critical", page, len(violations), serious)
}
