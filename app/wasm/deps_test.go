package main

import (
	"os/exec"
	"strings"
	"testing"
)

// The wasm is downloaded by every phone and runs in the browser: it must not link database
// drivers, object storage, JWT signing or any server package (DESIGN §5). The list is what
// the Go toolchain says the wasm entry imports.
func TestWasmLinksNoServerCode(t *testing.T) {
	cmd := exec.Command("go", "list", "-deps", ".")
	cmd.Env = append(cmd.Environ(), "GOOS=js", "GOARCH=wasm")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list (js/wasm): %v", err)
	}
	deps := strings.Fields(string(out))
	if len(deps) < 20 || !contains(deps, "portal/app/pages") {
		t.Fatalf("implausible dependency list (%d packages): %v", len(deps), deps)
	}
	forbidden := []string{
		"portal/server/", "portal/uploads",
		// database/sql/driver alone is fine: go-app's uuid dependency implements its
		// interfaces. database/sql itself, or a driver, is not.
		"database/sql/", "modernc.org/sqlite", "github.com/jackc/pgx", "github.com/lib/pq",
		"github.com/minio/", "github.com/golang-jwt/", "github.com/pressly/goose",
		"github.com/riverqueue/", "golang.org/x/crypto", "github.com/go-playground/validator",
		"github.com/prometheus/",
	}
	for _, d := range deps {
		for _, f := range forbidden {
			if d == strings.TrimSuffix(f, "/") || (strings.HasPrefix(d, f) && d != "database/sql/driver") {
				t.Errorf("the wasm links %s", d)
			}
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
