package pages

import (
	"strings"
	"testing"

	"portal/app/api"
	"portal/app/i18n"
)

// The pre-review pages' keys are in both catalogs, and so are the keys built from API
// values (statuses, notice kinds, history actions, decisions).
func TestPreReviewKeysInBothCatalogs(t *testing.T) {
	used := literalKeys(t, []string{"apply.", "apps.", "mat.", "review.", "notice.", "verify.", "event.", "common.", "desk.", "nav.", "guide."})
	built := map[string][]string{
		"apply.status.":   {"draft", "pre_review", "needs_correction", "passed", "not_accepted", "withdrawn"},
		"mat.status.":     {"missing", "uploaded", "ok", "deficient"},
		"notice.kind.":    {"correction", "pass", "not_accepted"},
		"notice.body.":    {"correction", "pass", "not_accepted"},
		"review.decided_": {"pass", "correct", "reject"},
		"event.": {"created", "uploaded", "removed", "reused", "submitted", "resubmitted", "passed",
			"correction_requested", "not_accepted", "withdrawn"},
		"inbox.": {"prereview_pass", "prereview_correct", "prereview_reject"},
	}
	for prefix, values := range built {
		for _, v := range values {
			used[prefix+v] = "built from an API value"
		}
	}
	inBothCatalogs(t, used, 150)
}

func TestPreReviewInbox(t *testing.T) {
	b := &base{lang: i18n.ZH}
	for _, kind := range []string{"prereview_pass", "prereview_correct", "prereview_reject"} {
		n := api.Notification{Kind: kind, Params: map[string]string{"case_no": "YS20260512-0001", "item": "公司设立登记"}}
		got := b.inboxText(n, nil)
		if !strings.Contains(got, "YS20260512-0001") || !strings.Contains(got, "公司设立登记") || strings.Contains(got, "{") {
			t.Errorf("%s reads %q", kind, got)
		}
		if got == i18n.T(i18n.ZH, "inbox.other") {
			t.Errorf("%s falls back to the generic message", kind)
		}
	}
}

func TestUploadHelpers(t *testing.T) {
	if got := acceptFor([]string{"pdf"}); got != ".pdf,application/pdf" {
		t.Errorf("accept for PDF only: %q", got)
	}
	if got := acceptFor([]string{"pdf", "jpg", "png"}); got != ".pdf,application/pdf,.jpg,.jpeg,image/jpeg,.png,image/png" {
		t.Errorf("accept for all: %q", got)
	}
	if takesImages([]string{"pdf"}) || !takesImages([]string{"pdf", "png"}) {
		t.Error("takesImages")
	}
	for _, c := range []struct{ name, typ, want string }{
		{"a.pdf", "application/pdf", "application/pdf"},
		{"IMG_0001.JPG", "", "image/jpeg"},
		{"scan.png", "", "image/png"},
		{"photo.jpeg", "image/jpg", "image/jpeg"},
		{"x.heic", "image/heic", "image/heic"},
		{"noext", "", ""},
	} {
		if got := contentTypeOf(c.name, c.typ); got != c.want {
			t.Errorf("contentTypeOf(%q, %q) = %q, want %q", c.name, c.typ, got, c.want)
		}
	}
	if !acceptsFormat([]string{"pdf", "jpg"}, "jpg") || acceptsFormat([]string{"pdf"}, "png") || acceptsFormat([]string{"pdf"}, "") {
		t.Error("acceptsFormat")
	}
	if s3Code.FindStringSubmatch("<Error><Code>EntityTooLarge</Code></Error>")[1] != "EntityTooLarge" {
		t.Error("the storage's error code is not read")
	}
}

func TestWaited(t *testing.T) {
	b := &base{lang: i18n.ZH}
	for in, want := range map[int]string{0: "不到1分钟", 1: "1分钟", 59: "59分钟", 61: "1小时1分钟", 24*60 + 125: "1天2小时"} {
		if got := b.waited(in); got != want {
			t.Errorf("waited(%d) = %q, want %q", in, got, want)
		}
	}
}

func TestNormalCode(t *testing.T) {
	if got := normalCode(" abcde23456 - fghij234 "); got != "ABCDE23456-FGHIJ234" {
		t.Errorf("normalCode: %q", got)
	}
}

func TestFormatBytes(t *testing.T) {
	for n, want := range map[int64]string{5 << 20: "5 MB", 3<<20 + 700: "3.0 MB", 3355443: "3.2 MB", 604: "604 B", 1536: "2 KB", 10 << 10: "10 KB"} {
		if got := formatBytes(n); got != want {
			t.Errorf("formatBytes(%d) = %q, want %q", n, got, want)
		}
	}
}
