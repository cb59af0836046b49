package pages

import (
	"strings"
	"testing"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"portal/app/api"
	"portal/app/i18n"
)

// The cases pages' keys are in both catalogs, and so are the keys built from API values
// (statuses, views, pause kinds, outcomes, levels, event actions, notice kinds).
func TestCasesKeysInBothCatalogs(t *testing.T) {
	used := literalKeys(t, []string{"case.", "eval.", "rate.", "rect.", "progress.", "nav."},
		"cases.go", "casedetail.go", "casesapplicant.go", "kiosk.go", "rate.go", "rectify.go", "frame.go", "notice.go", "catalog.go")
	built := map[string][]string{
		"apply.status.":      {api.StatusAccepted, api.StatusInProgress, api.StatusPaused, api.StatusCompleted, api.StatusTerminated, "not_accepted"},
		"mat.status.":        {"pending"},
		"case.view.":         caseViews,
		"case.lead.":         caseViews,
		"case.empty.":        caseViews,
		"case.pause.":        pauseKinds,
		"case.outcome.":      {api.OutcomeApproved, api.OutcomeDenied},
		"case.completed_ok_": {api.OutcomeApproved, api.OutcomeDenied},
		"eval.level.":        {"1", "2", "3", "4", "5"},
		"rect.view.":         rectViews,
		"rect.empty.":        rectViews,
		"rect.status.":       {"open", "closed"},
		"notice.kind.":       {"accepted", "completed"},
		"notice.body.":       {"accepted", "completed"},
		"event.": {"accepted", "accepted_pending", "started", "paused", "resumed", "completed", "completed_approved",
			"completed_denied", "pending_supplied", "terminated", "evaluated", "warned_yellow", "warned_red"},
	}
	for prefix, values := range built {
		for _, v := range values {
			used[prefix+v] = "built from an API value"
		}
	}
	for _, k := range caseStepKeys {
		used[k] = "caseStepKeys"
	}
	inBothCatalogs(t, used, 150)
}

func intp(n int) *int { return &n }

func TestDaysLeftText(t *testing.T) {
	b := &base{lang: i18n.ZH}
	for _, c := range []struct {
		status string
		days   *int
		want   string
	}{
		{api.StatusInProgress, intp(3), "还剩 3 个工作日"},
		{api.StatusAccepted, intp(0), "今天到期"},
		{api.StatusInProgress, intp(-2), "已超期 2 个工作日"},
		{api.StatusPaused, intp(4), "暂停计时中（还剩 4 个工作日）"},
		{api.StatusCompleted, nil, ""},
	} {
		if got := b.daysLeftText(c.status, &api.CaseInfo{DaysLeft: c.days}); got != c.want {
			t.Errorf("daysLeftText(%s, %v) = %q, want %q", c.status, c.days, got, c.want)
		}
	}
}

// The warning badge says it in words as well as colour: 即将到期, 已超期.
func TestWarnBadge(t *testing.T) {
	b := &base{lang: i18n.ZH}
	for _, c := range []struct {
		warning string
		days    int
		want    string
		class   string
	}{
		{api.WarningYellow, 1, "即将到期", "badge-amber"},
		{api.WarningRed, -1, "已超期", "badge-red"},
		{"", -1, "已超期", "badge-red"},
		{"", 5, "正常", "badge-green"},
	} {
		html := app.HTMLString(b.warnBadge("w", api.StatusInProgress, &api.CaseInfo{DaysLeft: intp(c.days), Warning: c.warning}))
		if !strings.Contains(html, c.want) || !strings.Contains(html, c.class) {
			t.Errorf("%s/%d: %s", c.warning, c.days, html)
		}
	}
}

func TestCaseStepper(t *testing.T) {
	b := &base{lang: i18n.ZH}
	dates := eventDates([]api.AppEvent{
		{Action: "submitted", At: time.Date(2026, 5, 11, 2, 0, 0, 0, time.UTC)},
		{Action: "correction_requested", At: time.Date(2026, 5, 11, 3, 0, 0, 0, time.UTC)},
		{Action: "resubmitted", At: time.Date(2026, 5, 12, 2, 0, 0, 0, time.UTC)},
		{Action: "submitted", At: time.Date(2026, 5, 12, 2, 0, 0, 0, time.UTC)},
		{Action: "passed", At: time.Date(2026, 5, 12, 3, 0, 0, 0, time.UTC)},
		{Action: "accepted", At: time.Date(2026, 5, 13, 17, 0, 0, 0, time.UTC)}, // 14 May at the centre
	})
	if dates[1] != "2026-05-11" || dates[2] != "2026-05-12" || dates[3] != "2026-05-14" || dates[4] != "" {
		t.Errorf("dates: %v", dates)
	}
	html := app.HTMLString(b.caseStepper("s", api.StatusInProgress, dates))
	if strings.Count(html, "step-done") != 3 || !strings.Contains(html, `aria-current="step"`) {
		t.Errorf("in progress: %s", html)
	}
	html = app.HTMLString(b.caseStepper("s", api.StatusCompleted, map[int]string{5: "2026-05-20"}))
	if strings.Count(html, "step-done") != 5 {
		t.Errorf("completed: %s", html)
	}
	html = app.HTMLString(b.caseStepper("s", "not_accepted", map[int]string{1: "2026-05-11", 2: "2026-05-12", 5: "2026-05-13"}))
	if !strings.Contains(html, "step-stop") || !strings.Contains(html, "不予受理") {
		t.Errorf("not accepted: %s", html)
	}
}

func TestKioskInput(t *testing.T) {
	for in, want := range map[string]string{"2026 0512-000123": "20260512000123", "１２ab34": "34", "123456789012345678": "12345678901234"} {
		if got := digitsOnly(in, 14); got != want {
			t.Errorf("digitsOnly(%q) = %q, want %q", in, got, want)
		}
	}
	if stars(4) != "★★★★☆" || stars(9) != "★★★★★" {
		t.Error("stars")
	}
	if !withdrawable(api.StatusPaused) || withdrawable(api.StatusCompleted) || withdrawable("needs_correction") {
		t.Error("withdrawable")
	}
}

func TestProgressPathCarriesTheCode(t *testing.T) {
	p := progressPath(api.Notice{CaseNo: "20260512000123", Code: "ABCDE23456-FGHIJ234"})
	if p != "/progress?case=20260512000123&code=ABCDE23456-FGHIJ234" {
		t.Errorf("progressPath: %s", p)
	}
}
