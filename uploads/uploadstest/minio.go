// Package uploadstest runs a real MinIO server for tests. It is imported only by tests.
//
// The binary is found, in order, at $PORTAL_MINIO_BIN, at $HOME/.cache/portal-tools/minio
// (where .ci/run installs the pinned build), or as "minio" on PATH. Without one a test is
// skipped, unless CI=true: then it fails, so CI never passes by skipping storage.
package uploadstest

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"
)

// MinIOVersion is the pinned MinIO build (go install github.com/minio/minio@MinIOVersion).
const MinIOVersion = "v0.0.0-20260212201848-7aac2a2c5b7c"

// MinIOServer is a MinIO process serving one temporary data directory on loopback.
type MinIOServer struct {
	Endpoint  string // host:port, plain HTTP
	AccessKey string
	SecretKey string
	DataDir   string

	t       testing.TB
	bin     string
	console string
	logPath string

	mu   sync.Mutex
	cmd  *exec.Cmd
	done chan struct{} // closed when cmd exits
}

// URL is "http://" + Endpoint.
func (s *MinIOServer) URL() string { return "http://" + s.Endpoint }

// Binary finds the MinIO binary, "" when there is none.
func Binary() (string, error) {
	if p := os.Getenv("PORTAL_MINIO_BIN"); p != "" {
		if fi, err := os.Stat(p); err != nil || fi.IsDir() {
			return "", fmt.Errorf("PORTAL_MINIO_BIN=%s: not a file", p)
		}
		return p, nil
	}
	if home, err := os.UserHomeDir(); err == nil {
		p := filepath.Join(home, ".cache", "portal-tools", "minio")
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
			return p, nil
		}
	}
	if p, err := exec.LookPath("minio"); err == nil {
		return p, nil
	}
	return "", nil
}

// StartMinIO starts a MinIO server for the test, stopped when the test ends: random root
// credentials, a fresh data directory, free loopback ports, browser and update checks
// off. It returns once /minio/health/live answers 200 without
// "X-Minio-Server-Status: offline" (live is 200 a moment before MinIO serves requests).
func StartMinIO(t testing.TB) *MinIOServer {
	t.Helper()
	bin, err := Binary()
	if err != nil {
		t.Fatal(err)
	}
	if bin == "" {
		msg := "no MinIO binary: set PORTAL_MINIO_BIN or run: GOBIN=$HOME/.cache/portal-tools go install github.com/minio/minio@" + MinIOVersion
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	s := &MinIOServer{
		Endpoint:  "127.0.0.1:" + strconv.Itoa(freePort(t)),
		console:   "127.0.0.1:" + strconv.Itoa(freePort(t)),
		AccessKey: "test" + randHex(t, 8),
		SecretKey: randHex(t, 20),
		DataDir:   t.TempDir(),
		t:         t,
		bin:       bin,
	}
	s.logPath = filepath.Join(t.TempDir(), "minio.log")
	t.Cleanup(func() {
		s.stop()
		if t.Failed() {
			if b, err := os.ReadFile(s.logPath); err == nil {
				t.Logf("MinIO log (%s):\n%s", s.logPath, tail(b, 4000))
			}
		}
	})
	s.Start()
	return s
}

// Start (re)starts the server on the same address with the same data and credentials. It
// is a no-op while the server runs.
func (s *MinIOServer) Start() {
	s.t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cmd != nil {
		return
	}
	logf, err := os.OpenFile(s.logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		s.t.Fatal(err)
	}
	defer logf.Close()
	cmd := exec.Command(s.bin, "server", s.DataDir, "--address", s.Endpoint, "--console-address", s.console, "--quiet")
	cmd.Env = append(os.Environ(),
		"MINIO_ROOT_USER="+s.AccessKey,
		"MINIO_ROOT_PASSWORD="+s.SecretKey,
		"MINIO_BROWSER=off",
		"MINIO_UPDATE=off",
		"MINIO_CI_CD=1",
	)
	cmd.Stdout, cmd.Stderr = logf, logf
	cmd.SysProcAttr = sysProcAttr()
	if err := cmd.Start(); err != nil {
		s.t.Fatalf("start MinIO %s: %v", s.bin, err)
	}
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }()
	s.cmd, s.done = cmd, done

	deadline := time.Now().Add(60 * time.Second)
	client := &http.Client{Timeout: 2 * time.Second}
	for {
		select {
		case <-done:
			b, _ := os.ReadFile(s.logPath)
			s.cmd = nil
			s.t.Fatalf("MinIO exited at start (%v):\n%s", cmd.ProcessState, tail(b, 4000))
		default:
		}
		resp, err := client.Get(s.URL() + "/minio/health/live")
		if err == nil {
			resp.Body.Close()
			// Live answers 200 before the object layer is up; until then it says so in
			// this header and S3 calls fail with 503 XMinioServerNotInitialized.
			if resp.StatusCode == http.StatusOK && resp.Header.Get("X-Minio-Server-Status") != "offline" {
				return
			}
		}
		if time.Now().After(deadline) {
			b, _ := os.ReadFile(s.logPath)
			s.t.Fatalf("MinIO not live after 60s (last: %v):\n%s", err, tail(b, 4000))
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// Stop stops the server (SIGTERM, then SIGKILL after 10 s) and waits until it is gone
// and its port refuses connections. Data stays for Start.
func (s *MinIOServer) Stop() {
	s.t.Helper()
	s.stop()
}

func (s *MinIOServer) stop() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cmd == nil {
		return
	}
	s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.done:
	case <-time.After(10 * time.Second):
		s.cmd.Process.Kill()
		<-s.done
	}
	s.cmd = nil
}

func freePort(t testing.TB) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

func randHex(t testing.TB, n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(b)
}

func tail(b []byte, n int) []byte {
	if len(b) > n {
		b = b[len(b)-n:]
		if i := bytes.IndexByte(b, '\n'); i >= 0 {
			b = b[i+1:]
		}
	}
	return b
}
