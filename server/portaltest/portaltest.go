// Package portaltest runs the portal's server binary for tests that need a real process
// (browser journeys, several replicas, storage outages). Only tests import it.
package portaltest

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// RepoRoot is the directory of the go.mod of module portal above the test's working
// directory.
func RepoRoot(t testing.TB) string {
	t.Helper()
	root, err := repoRoot()
	if err != nil {
		t.Fatal(err)
	}
	return root
}

func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for d := dir; ; d = filepath.Dir(d) {
		if b, err := os.ReadFile(filepath.Join(d, "go.mod")); err == nil {
			first, _, _ := strings.Cut(string(b), "\n")
			if strings.TrimSpace(first) == "module portal" {
				return d, nil
			}
		}
		if filepath.Dir(d) == d {
			return "", fmt.Errorf("no go.mod of module portal above %s", dir)
		}
	}
}

var (
	buildOnce sync.Once
	buildDir  string
	built     string
	buildErr  error
)

// Binary is PORTAL_TEST_BINARY (the Makefile's bin/portal), or the server built once from
// this checkout into a temporary directory that Cleanup removes.
func Binary(t testing.TB) string {
	t.Helper()
	if p := os.Getenv("PORTAL_TEST_BINARY"); p != "" {
		abs, err := filepath.Abs(p)
		if err == nil {
			_, err = os.Stat(abs)
		}
		if err != nil {
			t.Fatalf("PORTAL_TEST_BINARY=%s: %v (run `make build`)", p, err)
		}
		return abs
	}
	buildOnce.Do(func() {
		root, err := repoRoot()
		if err != nil {
			buildErr = err
			return
		}
		if buildDir, buildErr = os.MkdirTemp("", "portal-test-bin-"); buildErr != nil {
			return
		}
		built = filepath.Join(buildDir, "portal")
		cmd := exec.Command("go", "build", "-o", built, "./server/cmd/portal")
		cmd.Dir = root
		if out, err := cmd.CombinedOutput(); err != nil {
			buildErr = fmt.Errorf("go build ./server/cmd/portal: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatalf("building the server (PORTAL_TEST_BINARY unset): %v", buildErr)
	}
	t.Logf("PORTAL_TEST_BINARY unset: using %s built from this checkout", built)
	return built
}

// Cleanup removes a server binary Binary built; call it from TestMain after the tests.
func Cleanup() {
	if buildDir != "" {
		os.RemoveAll(buildDir)
	}
}

// FreeAddr is a loopback address with a port nobody listens on right now.
func FreeAddr(t testing.TB) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("finding a free port: %v", err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// Tail keeps the last bytes of a child's output, for failure reports.
type Tail struct {
	mu  sync.Mutex
	max int
	buf []byte
}

// NewTail keeps the last max bytes.
func NewTail(max int) *Tail { return &Tail{max: max} }

func (w *Tail) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf = append(w.buf, p...)
	if over := len(w.buf) - w.max; over > 0 {
		w.buf = append(w.buf[:0], w.buf[over:]...)
	}
	return len(p), nil
}

func (w *Tail) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return string(w.buf)
}

// Process is a running portal server.
type Process struct {
	URL string
	Out *Tail // the last 32 KiB of its output
}

// Start runs the binary on a free loopback port with its own data and web directories
// and the given PORTAL_* settings (the test's own PORTAL_* environment is not passed on),
// and waits until /healthz answers. stderr, if not nil, also gets the process's standard
// error (its log). The process is interrupted when the test ends; its output is printed if
// the test failed.
func Start(t testing.TB, bin, name string, stderr io.Writer, settings ...string) *Process {
	t.Helper()
	addr := FreeAddr(t)
	env := []string{}
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "PORTAL_") {
			env = append(env, kv)
		}
	}
	env = append(env, "PORTAL_ADDR="+addr, "PORTAL_DATA_DIR="+t.TempDir(), "PORTAL_WEB_DIR="+t.TempDir(), "PORTAL_LOG_LEVEL=warn")
	env = append(env, settings...)
	p := &Process{URL: "http://" + addr, Out: NewTail(32 << 10)}
	cmd := exec.Command(bin)
	cmd.Env = env
	cmd.Stdout = p.Out
	cmd.Stderr = p.Out
	if stderr != nil {
		cmd.Stderr = io.MultiWriter(p.Out, stderr)
	}
	if err := cmd.Start(); err != nil {
		t.Fatalf("start %s: %v", name, err)
	}
	exited := make(chan struct{})
	go func() { cmd.Wait(); close(exited) }()
	t.Cleanup(func() {
		cmd.Process.Signal(os.Interrupt)
		select {
		case <-exited:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
			<-exited
		}
		if t.Failed() {
			t.Logf("%s output (tail):\n%s", name, p.Out)
		}
	})
	client := &http.Client{Timeout: 2 * time.Second, Transport: &http.Transport{Proxy: nil}}
	defer client.CloseIdleConnections()
	deadline := time.Now().Add(90 * time.Second)
	for {
		resp, err := client.Get(p.URL + "/healthz")
		if err == nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return p
			}
		}
		select {
		case <-exited:
			t.Fatalf("%s exited before it was healthy:\n%s", name, p.Out)
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s not healthy after 90s (%v):\n%s", name, err, p.Out)
		}
	}
}
