package pages

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"portal/app/i18n"
)

// literalKeys finds the message keys the pages name literally under the given prefixes
// (ones the i18n package's own scan does not know), in files (all non-test files of the
// package when none are named), and says where each is used.
func literalKeys(t *testing.T, prefixes []string, files ...string) map[string]string {
	t.Helper()
	if len(files) == 0 {
		all, _ := filepath.Glob("*.go")
		for _, f := range all {
			if !strings.HasSuffix(f, "_test.go") {
				files = append(files, f)
			}
		}
	}
	used := map[string]string{}
	fset := token.NewFileSet()
	for _, f := range files {
		file, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(file, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			s, _ := strconv.Unquote(lit.Value)
			for _, p := range prefixes {
				// Literals ending in "." or "_" are prefixes of built keys, not keys.
				if strings.HasPrefix(s, p) && len(s) > len(p) && !strings.HasSuffix(s, ".") && !strings.HasSuffix(s, "_") &&
					!strings.ContainsAny(s, " /%?=") {
					used[s] = f
				}
			}
			return true
		})
	}
	return used
}

// inBothCatalogs fails for every key missing from either catalog; fewer than min keys means
// the scan itself is broken.
func inBothCatalogs(t *testing.T, used map[string]string, min int) {
	t.Helper()
	if len(used) < min {
		t.Fatalf("found only %d keys: the scan is broken", len(used))
	}
	for k, where := range used {
		for _, l := range []i18n.Lang{i18n.ZH, i18n.EN} {
			if !i18n.Has(l, k) {
				t.Errorf("%s (used in %s) is missing from the %s catalog", k, where, l)
			}
		}
	}
}
