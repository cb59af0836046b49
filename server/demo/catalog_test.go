package demo

import (
	"regexp"
	"strings"
	"testing"

	"portal/server/portal"
)

var itemCode = regexp.MustCompile(`^[A-Z0-9-]{3,40}$`)

func TestSites(t *testing.T) {
	sites := Sites()
	if len(sites) < 5 {
		t.Fatalf("want the county centre and at least 4 township centres, got %d sites", len(sites))
	}
	if sites[0].Code != "county" || sites[0].Kind != "county" {
		t.Errorf("first site = %q (%s), want the county centre", sites[0].Code, sites[0].Kind)
	}
	seen := map[string]bool{}
	for i, s := range sites {
		if seen[s.Code] {
			t.Errorf("duplicate site code %q", s.Code)
		}
		seen[s.Code] = true
		if s.Position != i+1 {
			t.Errorf("site %s: position %d, want %d", s.Code, s.Position, i+1)
		}
		if s.Name == "" || s.Address == "" || s.Hours == "" || s.Phone == "" {
			t.Errorf("site %s: name, address, hours and phone must all be set", s.Code)
		}
		if i > 0 {
			if s.Kind != "township" {
				t.Errorf("site %s: kind %q, want township", s.Code, s.Kind)
			}
			if !strings.HasPrefix(s.Code, "t-") {
				t.Errorf("township site code %q should start with t-", s.Code)
			}
		}
	}
}

func TestDepartments(t *testing.T) {
	deps := Departments()
	if len(deps) < 12 {
		t.Fatalf("want at least 12 departments, got %d", len(deps))
	}
	seen := map[string]bool{}
	for i, d := range deps {
		if d.Code == "" || d.Name == "" {
			t.Errorf("department %d: code and name must be set", i)
		}
		if seen[d.Code] {
			t.Errorf("duplicate department code %q", d.Code)
		}
		seen[d.Code] = true
		if d.Code != strings.ToLower(d.Code) {
			t.Errorf("department code %q should be lower case", d.Code)
		}
		if d.Position != i+1 {
			t.Errorf("department %s: position %d, want %d", d.Code, d.Position, i+1)
		}
	}
}

func TestItems(t *testing.T) {
	depts := map[string]bool{}
	for _, d := range Departments() {
		depts[d.Code] = true
	}
	sites := map[string]bool{}
	for _, s := range Sites() {
		sites[s.Code] = true
	}
	okFormat := map[string]bool{"pdf": true, "jpg": true, "png": true}

	items := Items()
	codes := map[string]bool{}
	activePerDept := map[string]int{}
	statuses := map[portal.ItemStatus]int{}
	active := 0
	for _, it := range items {
		if !itemCode.MatchString(it.Code) {
			t.Errorf("item code %q does not match %s", it.Code, itemCode)
		}
		if codes[it.Code] {
			t.Errorf("duplicate item code %q", it.Code)
		}
		codes[it.Code] = true
		if prefix := strings.ToUpper(it.DepartmentCode) + "-"; !strings.HasPrefix(it.Code, prefix) {
			t.Errorf("item %s: code should start with %q", it.Code, prefix)
		}
		if it.Name == "" || it.Conditions == "" || it.LegalBasis == "" || it.Fee == "" || it.Keywords == "" {
			t.Errorf("item %s: name, conditions, legal basis, fee and keywords must be set", it.Code)
		}
		if !depts[it.DepartmentCode] {
			t.Errorf("item %s: unknown department %q", it.Code, it.DepartmentCode)
		}
		if len(it.Sites) == 0 {
			t.Errorf("item %s: no site handles it", it.Code)
		}
		seenSite := map[string]bool{}
		for _, s := range it.Sites {
			if !sites[s] {
				t.Errorf("item %s: unknown site %q", it.Code, s)
			}
			if seenSite[s] {
				t.Errorf("item %s: site %q listed twice", it.Code, s)
			}
			seenSite[s] = true
		}
		if !it.Kind.Valid() {
			t.Errorf("item %s: invalid kind %q", it.Code, it.Kind)
		}
		if !it.Status.Valid() {
			t.Errorf("item %s: invalid status %q", it.Code, it.Status)
		}
		statuses[it.Status]++
		if it.Status == portal.ItemActive {
			active++
			activePerDept[it.DepartmentCode]++
		}
		if it.Version != 1 {
			t.Errorf("item %s: version %d, want 1", it.Code, it.Version)
		}
		if !it.UpdatedAt.IsZero() {
			t.Errorf("item %s: UpdatedAt should be left to the store", it.Code)
		}
		if it.Trips < 0 || it.Trips > 2 {
			t.Errorf("item %s: %d trips, want 0, 1 or 2", it.Code, it.Trips)
		}
		if it.LegalDays < 0 {
			t.Errorf("item %s: negative legal days", it.Code)
		}
		switch it.Handling {
		case portal.HandlingInstant:
			if it.PromisedDays != 0 {
				t.Errorf("item %s: instant item with %d promised days", it.Code, it.PromisedDays)
			}
		case portal.HandlingPromise:
			if it.PromisedDays <= 0 || it.PromisedDays > it.LegalDays {
				t.Errorf("item %s: promise item needs 0 < promised (%d) <= legal (%d)", it.Code, it.PromisedDays, it.LegalDays)
			}
		default:
			t.Errorf("item %s: invalid handling %q", it.Code, it.Handling)
		}
		if it.Fee != free && it.FeeBasis == "" {
			t.Errorf("item %s: a fee (%s) needs its basis", it.Code, it.Fee)
		}

		required := 0
		names := map[string]bool{}
		for _, m := range it.Materials {
			if m.Name == "" {
				t.Errorf("item %s: material without a name", it.Code)
			}
			if names[m.Name] {
				t.Errorf("item %s: material %q listed twice", it.Code, m.Name)
			}
			names[m.Name] = true
			if m.ID != "" {
				t.Errorf("item %s: material %q has an ID; the store assigns it", it.Code, m.Name)
			}
			if m.Required {
				required++
			}
			if !m.Form.Valid() {
				t.Errorf("item %s: material %q: invalid form %q", it.Code, m.Name, m.Form)
			}
			if m.Copies < 1 {
				t.Errorf("item %s: material %q: %d copies", it.Code, m.Name, m.Copies)
			}
			if it.OnlinePreview && len(m.Formats) == 0 {
				t.Errorf("item %s is pre-reviewed online but material %q accepts no format", it.Code, m.Name)
			}
			for _, f := range m.Formats {
				if !okFormat[f] {
					t.Errorf("item %s: material %q: format %q not in pdf/jpg/png", it.Code, m.Name, f)
				}
			}
			if len(m.Formats) > 0 && m.MaxBytes <= 0 {
				t.Errorf("item %s: material %q accepts files but has no size limit", it.Code, m.Name)
			}
		}
		if n := len(it.Materials); n < 2 || n > 7 {
			t.Errorf("item %s: %d materials, want 2 to 7", it.Code, n)
		}
		if required == 0 {
			t.Errorf("item %s: no required material", it.Code)
		}
	}

	materials := 0
	for _, it := range items {
		materials += len(it.Materials)
	}
	t.Logf("%d items (%d active), %d materials", len(items), active, materials)
	if active < 40 {
		t.Errorf("want at least 40 active items, got %d", active)
	}
	for _, s := range []portal.ItemStatus{portal.ItemCancelled, portal.ItemAdjusted, portal.ItemDelegated} {
		if statuses[s] == 0 {
			t.Errorf("want at least one %s item to show the catalog clean-up", s)
		}
	}
	for code := range depts {
		if activePerDept[code] < 2 {
			t.Errorf("department %s has %d active items, want at least 2", code, activePerDept[code])
		}
	}
}

// TestItemsFresh checks that callers get their own copies: the seeder or a test may change an
// item without changing what the next caller sees.
func TestItemsFresh(t *testing.T) {
	a := Items()
	a[0].Sites[0] = "changed"
	a[0].Materials[0].Formats[0] = "changed"
	b := Items()
	if b[0].Sites[0] == "changed" || b[0].Materials[0].Formats[0] == "changed" {
		t.Fatal("Items shares slices between calls")
	}
}

// TestPromisedSpeedUp keeps the catalog's promised speed-up (DESIGN §4) in the range the
// source documents report, so the statistics pages show believable figures.
func TestPromisedSpeedUp(t *testing.T) {
	var legal, promised, n float64
	for _, it := range Items() {
		if it.Status != portal.ItemActive || it.Handling != portal.HandlingPromise {
			continue
		}
		legal += float64(it.LegalDays)
		promised += float64(it.PromisedDays)
		n++
	}
	if n == 0 {
		t.Fatal("no active promise items")
	}
	speedUp := (legal/n - promised/n) / (legal / n)
	if speedUp < 0.4 || speedUp > 0.8 {
		t.Errorf("promised speed-up %.1f%%, want between 40%% and 80%%", speedUp*100)
	}
	t.Logf("%d promise items: avg legal %.2f, avg promised %.2f, speed-up %.2f%%", int(n), legal/n, promised/n, speedUp*100)
}
