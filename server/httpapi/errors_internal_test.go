package httpapi

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"testing"

	"portal/app/i18n"
	"portal/server/portal"
)

// Every error code of the domain has a status of its own (only "internal" is a 500) and a
// message in both languages.
func TestEveryErrorCodeHasStatusAndMessage(t *testing.T) {
	var codes []string
	files, _ := filepath.Glob("../portal/*.go")
	for _, file := range files {
		f, err := parser.ParseFile(token.NewFileSet(), file, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if vs, ok := n.(*ast.ValueSpec); ok {
				for i, name := range vs.Names {
					if len(name.Name) > 1 && name.Name[0] == 'E' && i < len(vs.Values) {
						if lit, ok := vs.Values[i].(*ast.BasicLit); ok {
							c, _ := strconv.Unquote(lit.Value)
							codes = append(codes, c)
						}
					}
				}
			}
			return true
		})
	}
	if len(codes) < 20 {
		t.Fatalf("found %d codes in error.go: the scan is broken", len(codes))
	}
	for _, c := range codes {
		if s := statusOf(c); (s == 500) != (c == portal.EInternal) {
			t.Errorf("code %s maps to %d", c, s)
		}
		for _, l := range []i18n.Lang{i18n.ZH, i18n.EN} {
			if !i18n.Has(l, "error."+c) {
				t.Errorf("no %s message for error.%s", l, c)
			}
		}
	}
}
