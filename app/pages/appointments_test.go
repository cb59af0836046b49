package pages

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"portal/app/api"
	"portal/app/i18n"
)

// The appointment pages' keys (prefixes the i18n package's own scan does not know) are in
// both catalogs, and so are the keys the pages build from API values.
func TestAppointmentKeysInBothCatalogs(t *testing.T) {
	used := literalKeys(t, []string{"appt.", "appts.", "book.", "slot.", "inbox.", "visit.", "staff.", "date.", "weekday.", "nav.", "guide.", "login."})
	for _, v := range []string{"booked", "checked_in", "cancelled", "no_show"} {
		used["appt.status."+v] = "appointment status"
	}
	for _, v := range []string{"requested", "accepted", "scheduled", "declined"} {
		used["visit.status."+v] = "home visit status"
	}
	for _, k := range summaryKeys {
		used["staff.sum."+k] = "day summary"
	}
	for _, k := range []string{"waitlist_booked", "reminder_day_before", "reminder_two_hours", "booking_suspended",
		"schedule_changed", "site_closed", "home_visit_accepted", "home_visit_scheduled", "home_visit_declined", "other",
		"prereview_pass", "prereview_correct", "prereview_reject"} {
		used["inbox."+k] = "notification kind"
	}
	for d := range 7 {
		used["weekday."+strconv.Itoa(d)] = "weekday"
	}
	inBothCatalogs(t, used, 100)
}

func TestInboxText(t *testing.T) {
	b := &base{lang: i18n.ZH}
	n := api.Notification{Kind: "waitlist_booked", Params: map[string]string{
		"code": "ABCD2345", "date": "2026-05-12", "time": "2026-05-12T01:30:00Z"}}
	got := b.inboxText(n, nil)
	for _, want := range []string{"ABCD2345", "2026年5月12日（周二）", "09:30"} {
		if !strings.Contains(got, want) {
			t.Errorf("waitlist_booked reads %q, want it to contain %q", got, want)
		}
	}
	n = api.Notification{Kind: "reminder_day_before", Params: map[string]string{"code": "X", "date": "2026-05-12", "time": "09:00", "item": "SCJGJ-001"}}
	got = b.inboxText(n, map[string]string{"SCJGJ-001": "设立登记"})
	if !strings.Contains(got, "设立登记") || strings.Contains(got, "{") {
		t.Errorf("reminder reads %q", got)
	}
	n = api.Notification{Kind: "home_visit_declined", Params: map[string]string{"item": "A"}}
	if got := b.inboxText(n, nil); strings.Contains(got, "{") {
		t.Errorf("a missing param is shown raw: %q", got)
	}
	if got := b.inboxText(api.Notification{Kind: "something_new"}, nil); got != i18n.T(i18n.ZH, "inbox.other") {
		t.Errorf("unknown kind reads %q", got)
	}
	en := &base{lang: i18n.EN}
	if got := en.dayLong("2026-05-12"); got != "Tue 12 May 2026" {
		t.Errorf("English long date %q", got)
	}
}

func TestSafeNext(t *testing.T) {
	for in, want := range map[string]string{
		"/book?item=SCJGJ-001": "/book?item=SCJGJ-001",
		"/appointments":        "/appointments",
		"//evil.example/x":     "",
		"/\\evil.example":      "",
		"https://evil.example": "",
		"javascript:alert(1)":  "",
		"":                     "",
	} {
		if got := safeNext(in); got != want {
			t.Errorf("safeNext(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSortAppointments(t *testing.T) {
	now := time.Date(2026, 5, 10, 12, 0, 0, 0, centreZone)
	at := func(days int) time.Time { return now.AddDate(0, 0, days) }
	list := []api.Appointment{
		{Code: "PAST", Status: "checked_in", Start: at(-3), End: at(-3).Add(30 * time.Minute)},
		{Code: "LATER", Status: "booked", Start: at(4), End: at(4).Add(30 * time.Minute)},
		{Code: "CANCELLED", Status: "cancelled", Start: at(2), End: at(2).Add(30 * time.Minute)},
		{Code: "SOON", Status: "booked", Start: at(1), End: at(1).Add(30 * time.Minute)},
	}
	var got []string
	for _, a := range sortAppointments(list, now) {
		got = append(got, a.Code)
	}
	if strings.Join(got, " ") != "SOON LATER CANCELLED PAST" {
		t.Errorf("order %v", got)
	}
}
