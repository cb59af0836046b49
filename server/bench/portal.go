package main

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"time"
)

// portalProcess is the real server binary running as a child of the bench.
type portalProcess struct {
	baseURL string // http://127.0.0.1:port
	dataDir string
	cmd     *exec.Cmd
	log     *tailBuffer // the child's stdout and stderr, last few kB
	exited  chan struct{}
	waitErr error
}

// startPortal starts the binary on a free loopback port with a fresh data directory and
// waits until it serves. databaseURL empty means SQLite in the data directory. The caller
// must call stop, also on error paths.
func startPortal(ctx context.Context, o options, databaseURL string) (*portalProcess, error) {
	dataDir, err := os.MkdirTemp("", "portal-bench-data-")
	if err != nil {
		return nil, err
	}
	// The port is free when we look but the child binds it later: someone else may take it
	// in between. That race is rare; a second and third try cover it.
	for attempt := 1; ; attempt++ {
		p, err := launchPortal(ctx, o, databaseURL, dataDir)
		if err == nil {
			return p, nil
		}
		if p != nil {
			p.stop()
		}
		if attempt == 3 || !strings.Contains(err.Error(), "address already in use") {
			os.RemoveAll(dataDir)
			return nil, err
		}
	}
}

func launchPortal(ctx context.Context, o options, databaseURL, dataDir string) (*portalProcess, error) {
	addr, err := freeLoopbackAddr()
	if err != nil {
		return nil, err
	}
	p := &portalProcess{baseURL: "http://" + addr, dataDir: dataDir, log: &tailBuffer{max: 8 << 10}, exited: make(chan struct{})}
	p.cmd = exec.CommandContext(ctx, o.binary)
	p.cmd.Dir = dataDir
	p.cmd.Env = append(environWithout("PORTAL_"),
		"PORTAL_ADDR="+addr,
		"PORTAL_DATA_DIR="+dataDir,
		"PORTAL_WEB_DIR="+o.web,
		"PORTAL_DATABASE_URL="+databaseURL,
		"PORTAL_DEMO=1",
		"PORTAL_RATE_LIMITS=off", // the API's per-IP limit would turn the load into 429s
		"PORTAL_LOG_LEVEL=warn",  // request logs at info would cost the server as much as the requests
	)
	p.cmd.Stdout = p.log
	p.cmd.Stderr = p.log
	p.cmd.WaitDelay = 5 * time.Second
	if err := p.cmd.Start(); err != nil {
		return nil, fmt.Errorf("start %s: %w", o.binary, err)
	}
	go func() {
		p.waitErr = p.cmd.Wait()
		close(p.exited)
	}()
	if err := p.waitHealthy(ctx, 2*time.Minute); err != nil {
		return p, err
	}
	return p, nil
}

// waitHealthy polls GET /healthz until it answers 200. A fresh database is migrated and
// seeded with the demo catalog before the server listens, which takes a few seconds on
// PostgreSQL.
func (p *portalProcess) waitHealthy(ctx context.Context, timeout time.Duration) error {
	client := &http.Client{Timeout: time.Second, Transport: &http.Transport{Proxy: nil}}
	defer client.CloseIdleConnections()
	deadline := time.Now().Add(timeout)
	for {
		resp, err := client.Get(p.baseURL + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		select {
		case <-p.exited:
			return fmt.Errorf("portal exited before serving (%v); its output:\n%s", p.waitErr, p.log)
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("portal not healthy after %s; its output:\n%s", timeout, p.log)
		}
	}
}

// stop kills the child and waits for it.
func (p *portalProcess) stop() {
	if p.cmd.Process != nil {
		select {
		case <-p.exited:
		default:
			p.cmd.Process.Kill()
			<-p.exited
		}
	}
}

// cleanup stops the child and removes its data directory.
func (p *portalProcess) cleanup() {
	p.stop()
	os.RemoveAll(p.dataDir)
}

// freeLoopbackAddr asks the kernel for a free port on 127.0.0.1.
func freeLoopbackAddr() (string, error) {
	for {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return "", err
		}
		addr := ln.Addr().(*net.TCPAddr)
		ln.Close()
		// 8000 is the portal's default port, which a developer's own server may want.
		if addr.Port != 8000 {
			return net.JoinHostPort("127.0.0.1", strconv.Itoa(addr.Port)), nil
		}
	}
}

// environWithout is the bench's environment without variables starting with prefix: a
// PORTAL_MINIO_ENDPOINT in the developer's shell must not change what is measured.
func environWithout(prefix string) []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, prefix) {
			env = append(env, kv)
		}
	}
	return env
}

// tailBuffer keeps the last max bytes written to it; safe for concurrent writers.
type tailBuffer struct {
	mu    sync.Mutex
	max   int
	buf   []byte
	lines int // lines written in all, kept or not
}

func (t *tailBuffer) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.lines += strings.Count(string(p), "\n")
	t.buf = append(t.buf, p...)
	if over := len(t.buf) - t.max; over > 0 {
		t.buf = append(t.buf[:0], t.buf[over:]...)
	}
	return len(p), nil
}

func (t *tailBuffer) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return string(t.buf)
}

// mark returns how many lines were written so far, to count the lines of a later span.
func (t *tailBuffer) mark() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.lines
}
