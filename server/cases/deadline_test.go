package cases_test

import (
	"math/rand/v2"
	"testing"

	"portal/server/calendar"
	"portal/server/cases"
)

func official() *calendar.Calendar { return calendar.New(calendar.Official(2025, 2027), nil) }

func day(t *testing.T, s string) calendar.Date {
	t.Helper()
	d, err := calendar.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// Due dates across the 2026 holidays and make-up days, counted by hand from the State
// Council schedule: 春节 Feb 15–23 off with Sat Feb 14 and Sat Feb 28 worked; 国庆/中秋
// Oct 1–7 off with Sun Sep 20 and Sat Oct 10 worked.
func TestDueAcrossHolidays(t *testing.T) {
	cal := official()
	for _, tc := range []struct {
		what             string
		accepted         string
		promised, paused int
		due              string
	}{
		{"into 国庆, over the make-up Saturday", "2026-09-30", 5, 0, "2026-10-13"},    // Oct 8, 9, 10(Sat), 12, 13
		{"7 days over 国庆", "2026-09-30", 7, 0, "2026-10-15"},                        // … 14, 15
		{"the make-up Saturday before 春节 counts", "2026-02-13", 3, 0, "2026-02-25"}, // Feb 14(Sat), 24, 25
		{"the make-up Saturday after 春节 counts", "2026-02-26", 2, 0, "2026-02-28"},  // Feb 27, 28(Sat)
		{"the make-up Sunday before 国庆 counts", "2026-09-18", 1, 0, "2026-09-20"},   // Sep 19 is off, Sep 20 worked
		{"accepted on an extended-hours Saturday", "2026-10-17", 1, 0, "2026-10-19"},
		{"instant item accepted on a holiday is due the next working day", "2026-10-01", 0, 0, "2026-10-08"},
		{"instant item on a working day is due that day", "2026-10-09", 0, 0, "2026-10-09"},
		{"3 paused working days push 7 promised days to the 10th", "2026-09-30", 7, 3, "2026-10-20"},
		{"year end", "2026-12-30", 3, 0, "2027-01-05"}, // Dec 31, (元旦 Jan 1–3 off), Jan 4, 5
	} {
		got := cases.Due(cal, day(t, tc.accepted), tc.promised, tc.paused)
		if got.String() != tc.due {
			t.Errorf("%s: Due(%s, %d, %d) = %s, want %s", tc.what, tc.accepted, tc.promised, tc.paused, got, tc.due)
		}
	}
}

// A pause stops the clock for the working days in (start, end]: the day it starts was
// worked; the days off inside it were not going to count anyway.
func TestPausedDays(t *testing.T) {
	cal := official()
	for _, tc := range []struct {
		start, end string
		days       int
	}{
		{"2026-09-29", "2026-10-09", 3}, // Sep 30, Oct 8, Oct 9
		{"2026-10-09", "2026-10-13", 3}, // Oct 10 (make-up Saturday), 12, 13
		{"2026-10-12", "2026-10-12", 0},
		{"2026-02-13", "2026-02-24", 2}, // Feb 14 (make-up Saturday), Feb 24
	} {
		if got := cases.PausedDays(cal, day(t, tc.start), day(t, tc.end)); got != tc.days {
			t.Errorf("PausedDays(%s, %s) = %d, want %d", tc.start, tc.end, got, tc.days)
		}
	}
}

func TestDaysLeftAndWarnings(t *testing.T) {
	cal := official()
	for _, tc := range []struct {
		today, due string
		left       int
		warning    string
	}{
		{"2026-09-30", "2026-10-15", 7, ""},
		{"2026-10-01", "2026-10-08", 1, "yellow"}, // a holiday: Oct 8 is the next working day
		{"2026-10-15", "2026-10-15", 0, "yellow"}, // the last day
		{"2026-10-16", "2026-10-15", -1, "red"},
		{"2026-10-17", "2026-10-16", -1, "red"}, // overdue on the weekend after a Friday due date
		{"2026-10-19", "2026-10-15", -2, "red"},
	} {
		left := cases.DaysLeft(cal, day(t, tc.today), day(t, tc.due))
		if left != tc.left {
			t.Errorf("DaysLeft(%s, %s) = %d, want %d", tc.today, tc.due, left, tc.left)
		}
		if w := cases.WarningOf(left, 1); w != tc.warning {
			t.Errorf("WarningOf(%d) = %q, want %q", left, w, tc.warning)
		}
	}
	if w := cases.WarningOf(3, 3); w != "yellow" {
		t.Errorf("with 3 warning days, 3 left is %q, want yellow", w)
	}
}

// Property: for random acceptance dates over 2025–2027, promised days and pauses, the due
// date is a working day, and counting day by day the working days from acceptance to the
// due date, less the working days inside pauses, equals the promised days.
func TestDueProperty(t *testing.T) {
	cal := official()
	rng := rand.New(rand.NewPCG(2026, 11))
	first, last := day(t, "2025-01-01"), day(t, "2027-09-30")
	span := last.Sub(first)
	for i := range 20000 {
		accepted := first.AddDays(rng.IntN(span))
		promised := 1 + rng.IntN(40)
		// Pauses one after another while the case runs: each starts on a working day of the
		// case before its current due date and lasts 0–20 calendar days.
		paused := 0
		var pauses [][2]calendar.Date
		cursor := accepted
		for range rng.IntN(4) {
			due := cases.Due(cal, accepted, promised, paused)
			if !cursor.Before(due) {
				break
			}
			start := cursor.AddDays(rng.IntN(due.Sub(cursor) + 1))
			end := start.AddDays(rng.IntN(21))
			pauses = append(pauses, [2]calendar.Date{start, end})
			paused += cases.PausedDays(cal, start, end)
			cursor = end
		}
		due := cases.Due(cal, accepted, promised, paused)
		if !cal.IsWorkingDay("", due) {
			t.Fatalf("case %d: accepted %s, %d days, pauses %v: due %s is not a working day", i, accepted, promised, pauses, due)
		}
		// Count independently, one day at a time.
		worked := 0
		for d := accepted.AddDays(1); !d.After(due); d = d.AddDays(1) {
			if !cal.IsWorkingDay("", d) {
				continue
			}
			inPause := false
			for _, p := range pauses {
				if d.After(p[0]) && !d.After(p[1]) {
					inPause = true
				}
			}
			if !inPause {
				worked++
			}
		}
		if worked != promised {
			t.Fatalf("case %d: accepted %s, %d promised, pauses %v: due %s leaves %d working days outside pauses",
				i, accepted, promised, pauses, due, worked)
		}
	}
}
