package webapp

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
)

func TestAcceptsEncoding(t *testing.T) {
	cases := []struct {
		header, token string
		want          bool
	}{
		{"gzip, deflate, br, zstd", "br", true},
		{"gzip, deflate", "br", false},
		{"br;q=0, gzip", "br", false},
		{"br;q=0.5", "br", true},
		{"BR", "br", true},
		{"", "gzip", false},
		{"x-gzip", "gzip", false},
	}
	for _, c := range cases {
		if got := acceptsEncoding(c.header, c.token); got != c.want {
			t.Errorf("acceptsEncoding(%q, %q) = %v", c.header, c.token, got)
		}
	}
}

func TestServeWasmPicksEncoding(t *testing.T) {
	dir := t.TempDir()
	for name, body := range map[string]string{"app.wasm": "raw-bytes", "app.wasm.br": "br-bytes", "app.wasm.gz": "gz-bytes"} {
		os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644)
	}
	get := func(accept string) *httptest.ResponseRecorder {
		r := httptest.NewRequest("GET", "/web/app.wasm", nil)
		if accept != "" {
			r.Header.Set("Accept-Encoding", accept)
		}
		w := httptest.NewRecorder()
		serveWasm(w, r, dir, "v1")
		return w
	}
	for accept, want := range map[string][2]string{
		"gzip, br": {"br", "br-bytes"},
		"gzip":     {"gzip", "gz-bytes"},
		"":         {"", "raw-bytes"},
	} {
		w := get(accept)
		if w.Code != http.StatusOK || w.Header().Get("Content-Encoding") != want[0] || w.Body.String() != want[1] {
			t.Errorf("Accept-Encoding %q: %d %q %q", accept, w.Code, w.Header().Get("Content-Encoding"), w.Body.String())
		}
		if w.Header().Get("Vary") != "Accept-Encoding" || w.Header().Get("Content-Type") != "application/wasm" {
			t.Errorf("Accept-Encoding %q: headers %v", accept, w.Header())
		}
	}
	// Without a precompressed file the raw one is sent, never an error.
	os.Remove(filepath.Join(dir, "app.wasm.br"))
	if w := get("br"); w.Body.String() != "raw-bytes" || w.Header().Get("Content-Encoding") != "" {
		t.Errorf("missing .br: %q %q", w.Header().Get("Content-Encoding"), w.Body.String())
	}
}
