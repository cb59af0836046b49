package httpapi_test

import (
	"encoding/json"
	"os"
	"sort"
	"strings"
	"testing"

	"portal/server/store"
)

// The API reference must list exactly the routes the server has: a route missing from
// openapi.json, or documented but gone, fails the build.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	raw, err := os.ReadFile("openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		OpenAPI string                                `json:"openapi"`
		Paths   map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Errorf("openapi version %q", doc.OpenAPI)
	}
	documented := map[string]bool{}
	for path, ops := range doc.Paths {
		for method := range ops {
			switch method {
			case "get", "put", "post", "delete", "patch", "head", "options":
				documented[strings.ToUpper(method)+" "+path] = true
			}
		}
	}
	e := newEnv(t, store.SQLite, true)
	served := map[string]bool{}
	for _, r := range e.api.Routes() {
		served[r.Method+" "+r.Path] = true
	}
	var missing, stale []string
	for k := range served {
		if !documented[k] {
			missing = append(missing, k)
		}
	}
	for k := range documented {
		if !served[k] {
			stale = append(stale, k)
		}
	}
	sort.Strings(missing)
	sort.Strings(stale)
	if len(missing) > 0 {
		t.Errorf("routes missing from openapi.json: %v", missing)
	}
	if len(stale) > 0 {
		t.Errorf("openapi.json documents routes the server does not have: %v", stale)
	}
	// The served copy is the file.
	r := e.do("GET", "/openapi.json", nil, nil)
	if r.status != 200 || string(r.body) != string(raw) {
		t.Errorf("served reference differs from the file: %d", r.status)
	}
}
