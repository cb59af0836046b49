package i18n

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

func TestCatalogsHaveTheSameKeys(t *testing.T) {
	for _, pair := range [][2]Lang{{ZH, EN}, {EN, ZH}} {
		var missing []string
		for _, k := range Keys(pair[0]) {
			if !Has(pair[1], k) {
				missing = append(missing, k)
			}
		}
		sort.Strings(missing)
		if len(missing) > 0 {
			t.Errorf("%s lacks keys of %s: %v", pair[1], pair[0], missing)
		}
	}
}

// Format verbs must agree, or one language prints %!d(MISSING).
func TestCatalogsAgreeOnArguments(t *testing.T) {
	verbs := func(s string) string {
		var out []string
		for i := 0; i < len(s)-1; i++ {
			if s[i] == '%' {
				j := i + 1
				for j < len(s) && (s[j] == '.' || (s[j] >= '0' && s[j] <= '9')) {
					j++
				}
				if j < len(s) && s[j] != '%' {
					out = append(out, string(s[j]))
				}
				i = j
			}
		}
		return strings.Join(out, ",")
	}
	for k, v := range zh {
		if e, ok := en[k]; ok && verbs(v) != verbs(e) {
			t.Errorf("%s: zh has %q, en has %q", k, verbs(v), verbs(e))
		}
	}
}

// Every key the code names literally exists; keys built from a prefix are checked against
// the values they are built from.
func TestEveryUsedKeyExists(t *testing.T) {
	used := map[string]string{}
	walkGo(t, "../..", func(path string, f *ast.File) {
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			s, err := strconv.Unquote(lit.Value)
			if err != nil {
				return true
			}
			for _, prefix := range []string{"field.", "error.", "app.", "nav.", "home.", "search.", "catalog.", "item.",
				"guide.", "material.", "lang.", "login.", "register.", "desk.", "stats.", "admin.", "users.", "a11y.", "common.", "form."} {
				// File names like app.wasm are not keys.
				if strings.HasSuffix(s, ".wasm") || strings.HasSuffix(s, ".js") || strings.HasSuffix(s, ".css") {
					continue
				}
				if strings.HasPrefix(s, prefix) && len(s) > len(prefix) && !strings.ContainsAny(s, " /%") {
					if k, _, ok := strings.Cut(s, ":"); ok {
						s = k
					}
					if !strings.HasSuffix(s, ".") && !strings.HasSuffix(s, "_") { // prefixes of built keys
						used[s] = path
					}
				}
			}
			return true
		})
	})
	if len(used) < 50 {
		t.Fatalf("found only %d keys in the code: the scan is broken", len(used))
	}
	for k, where := range used {
		if !Has(ZH, k) {
			t.Errorf("%s (used in %s) is not in the catalog", k, where)
		}
	}
	for prefix, values := range map[string][]string{
		"kind.":       {"licensing", "other_approval", "public_service", "convenience"},
		"item.":       {"instant", "promise"},
		"status.":     {"active", "cancelled", "adjusted", "delegated"},
		"action.":     {"created", "updated", "active", "cancelled", "adjusted", "delegated"},
		"form.":       {"original", "copy", "original_and_copy", "electronic"},
		"role.":       {"applicant", "staff", "chief", "agent", "supervisor", "admin"},
		"desk.title.": {"applicant", "staff", "chief", "agent", "supervisor", "admin"},
		"field.":      {"required", "max", "min", "oneof", "ltefield", "cnmobile", "login", "itemcode", "type", "unknown"},
		// uploads.VerifyError reasons, shown as field.upload_<reason>
		"field.upload_": {"too_large", "empty", "type_mismatch", "format_not_allowed", "content_mismatch", "missing"},
	} {
		for _, v := range values {
			if !Has(ZH, prefix+v) || !Has(EN, prefix+v) {
				t.Errorf("%s%s is missing", prefix, v)
			}
		}
	}
}

// The UI's words live in the catalogs: no Chinese text in the pages' code.
func TestNoChineseLiteralsInPages(t *testing.T) {
	walkGo(t, "../pages", func(path string, f *ast.File) {
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if ok && lit.Kind == token.STRING {
				for _, r := range lit.Value {
					if unicode.Is(unicode.Han, r) {
						t.Errorf("%s: Chinese literal %s; put it in the catalog", path, lit.Value)
						break
					}
				}
			}
			return true
		})
	})
}

func TestParse(t *testing.T) {
	for in, want := range map[string]Lang{"": ZH, "en-US,en;q=0.9": EN, "zh-CN": ZH, "fr-FR, en;q=0.5": EN, "de": ZH, "EN": EN} {
		if got := Parse(in); got != want {
			t.Errorf("Parse(%q) = %s, want %s", in, got, want)
		}
	}
	if got := T(EN, "catalog.count", 3); got != "3 found" {
		t.Errorf("T formats: %q", got)
	}
}

func walkGo(t *testing.T, root string, fn func(string, *ast.File)) {
	t.Helper()
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "node_modules" || strings.HasPrefix(d.Name(), ".")) && path != root {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		fn(path, f)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
