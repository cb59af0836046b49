package pages

import (
	"fmt"
	"testing"

	"portal/app/api"
)

// The promised speed-up follows DESIGN §4; the source documents' own figures (20.6 legal
// against 11.74 promised working days on average) give 43.01%.
func TestPromisedSpeedUp(t *testing.T) {
	var items []api.ItemSummary
	add := func(n, legal, promised int) {
		for range n {
			items = append(items, api.ItemSummary{Status: "active", Handling: "promise", LegalDays: legal, PromisedDays: promised})
		}
	}
	// 50 promise items: legal days average (30×21 + 20×20)/50 = 20.6, promised
	// (37×12 + 13×11)/50 = 11.74. Instant and retired items do not count.
	add(30, 21, 12)
	add(7, 20, 12)
	add(13, 20, 11)
	items = append(items,
		api.ItemSummary{Status: "active", Handling: "instant", LegalDays: 5},
		api.ItemSummary{Status: "cancelled", Handling: "promise", LegalDays: 60, PromisedDays: 1},
	)
	f := figures(items)
	if got := fmt.Sprintf("%.2f%%", f.speedUp*100); got != "43.01%" {
		t.Errorf("speed-up = %s (avg legal %.2f, promised %.2f), want 43.01%%", got, f.avgLegal, f.avgPromised)
	}
	if f.active != 51 || f.instant != 1 || f.promise != 50 || f.retired != 1 {
		t.Errorf("counts %+v", f)
	}
	if z := figures(nil); z.speedUp != 0 {
		t.Errorf("no items: %+v", z)
	}
}
