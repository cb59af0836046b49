package calendar_test

import (
	"database/sql/driver"
	"encoding/json"
	"math/rand/v2"
	"slices"
	"testing"
	"time"
	_ "time/tzdata" // Asia/Shanghai even on a machine without a zone database

	"github.com/6tail/lunar-go/HolidayUtil"

	"portal/server/calendar"
)

func date(t testing.TB, s string) calendar.Date {
	t.Helper()
	d, err := calendar.ParseDate(s)
	if err != nil {
		t.Fatalf("ParseDate(%q): %v", s, err)
	}
	return d
}

// official is the calendar the pinned expectations below are about:
// lunar-go v1.4.7's schedule for 2025–2027 and no site closures.
func official(t testing.TB) *calendar.Calendar {
	t.Helper()
	return calendar.New(calendar.Official(2025, 2027), nil)
}

// ---- Date ----

func TestParseDate(t *testing.T) {
	for _, s := range []string{
		"2026-2-3", "2026-02-30", "", "2026-02-03T00:00:00Z",
		"2026-02-29", // 2026 is not a leap year
		"2026-13-01", "2026-00-10", "2026-01-00", "2026-01-32", "0000-01-01",
		" 2026-02-03", "2026-02-03 ", "2026/02/03", "20260203", "+026-02-03", "2026-+2-03",
		"２０２６-02-03", // full-width digits
	} {
		if d, err := calendar.ParseDate(s); err == nil {
			t.Errorf("ParseDate(%q) = %v, want error", s, d)
		}
	}
	for _, tc := range []struct {
		s       string
		y       int
		m       time.Month
		d       int
		weekday time.Weekday
	}{
		{"2024-02-29", 2024, time.February, 29, time.Thursday},
		{"2026-10-01", 2026, time.October, 1, time.Thursday},
		{"2026-12-31", 2026, time.December, 31, time.Thursday},
		{"2000-02-29", 2000, time.February, 29, time.Tuesday},
		{"1969-12-31", 1969, time.December, 31, time.Wednesday},
		{"0001-01-01", 1, time.January, 1, time.Monday},
		{"9999-12-31", 9999, time.December, 31, time.Friday},
	} {
		d, err := calendar.ParseDate(tc.s)
		if err != nil {
			t.Errorf("ParseDate(%q): %v", tc.s, err)
			continue
		}
		if y, m, dd := d.Date(); y != tc.y || m != tc.m || dd != tc.d {
			t.Errorf("ParseDate(%q).Date() = %d-%d-%d", tc.s, y, m, dd)
		}
		if d != calendar.NewDate(tc.y, tc.m, tc.d) {
			t.Errorf("ParseDate(%q) != NewDate", tc.s)
		}
		if got := d.String(); got != tc.s {
			t.Errorf("ParseDate(%q).String() = %q", tc.s, got)
		}
		if got := d.Weekday(); got != tc.weekday {
			t.Errorf("%s.Weekday() = %v, want %v", tc.s, got, tc.weekday)
		}
		if d.IsZero() {
			t.Errorf("%s.IsZero()", tc.s)
		}
	}
}

// TestDateAgainstTime walks 1900–2100 and checks the day-number arithmetic
// against the time package.
func TestDateAgainstTime(t *testing.T) {
	tm := time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)
	d := calendar.NewDate(1900, 1, 1)
	for tm.Year() <= 2100 {
		y, m, dd := tm.Date()
		if got := calendar.NewDate(y, m, dd); got != d {
			t.Fatalf("NewDate(%v) = %v, want %v", tm, got, d)
		}
		if d.String() != tm.Format(time.DateOnly) || d.Weekday() != tm.Weekday() ||
			d.Year() != y || d.Month() != m || d.Day() != dd {
			t.Fatalf("%v: got %s %v", tm, d, d.Weekday())
		}
		tm = tm.AddDate(0, 0, 1)
		d = d.AddDays(1)
	}
}

func TestDateMethods(t *testing.T) {
	a, b := date(t, "2026-09-30"), date(t, "2026-10-01")
	if !a.Before(b) || a.After(b) || b.Before(a) || !b.After(a) || a.Before(a) || a.After(a) {
		t.Error("Before/After wrong")
	}
	if a.Compare(b) != -1 || b.Compare(a) != 1 || a.Compare(a) != 0 {
		t.Error("Compare wrong")
	}
	if a.AddDays(1) != b || b.AddDays(-1) != a || b.Sub(a) != 1 || a.AddDays(365).String() != "2027-09-30" {
		t.Error("AddDays/Sub wrong")
	}
	if got := calendar.NewDate(2026, 2, 30); got.String() != "2026-03-02" {
		t.Errorf("NewDate(2026, 2, 30) = %s, want normalised 2026-03-02 like time.Date", got)
	}
	var zero calendar.Date
	if !zero.IsZero() || zero.String() != "" {
		t.Errorf("zero Date: IsZero %v, String %q", zero.IsZero(), zero.String())
	}
}

func TestDateOfAndAt(t *testing.T) {
	sh, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		instant string
		loc     *time.Location
		want    string
	}{
		{"2026-10-01T16:30:00Z", sh, "2026-10-02"}, // 00:30 in Shanghai
		{"2026-10-01T15:59:59Z", sh, "2026-10-01"}, // 23:59:59 in Shanghai
		{"2026-10-01T16:30:00Z", time.UTC, "2026-10-01"},
		{"2026-10-02T00:30:00+08:00", time.UTC, "2026-10-01"},
		{"2026-12-31T16:00:00Z", sh, "2027-01-01"},
	} {
		in, err := time.Parse(time.RFC3339, tc.instant)
		if err != nil {
			t.Fatal(err)
		}
		if got := calendar.DateOf(in, tc.loc).String(); got != tc.want {
			t.Errorf("DateOf(%s, %v) = %s, want %s", tc.instant, tc.loc, got, tc.want)
		}
	}
	at := date(t, "2026-10-02").At(0, 30, sh)
	if want := time.Date(2026, 10, 1, 16, 30, 0, 0, time.UTC); !at.Equal(want) {
		t.Errorf("At(0, 30, Shanghai) = %v, want %v", at, want)
	}
	if got := calendar.DateOf(date(t, "2026-10-02").At(23, 59, sh), sh).String(); got != "2026-10-02" {
		t.Errorf("DateOf(At) = %s", got)
	}
}

func TestDateJSON(t *testing.T) {
	type rec struct {
		Due  calendar.Date  `json:"due"`
		Opt  calendar.Date  `json:"opt"`
		Ptr  *calendar.Date `json:"ptr,omitempty"`
		Keys map[calendar.Date]int
	}
	d := date(t, "2026-10-08")
	b, err := json.Marshal(rec{Due: d, Keys: map[calendar.Date]int{d: 1}})
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"due":"2026-10-08","opt":"","Keys":{"2026-10-08":1}}`; string(b) != want {
		t.Errorf("Marshal = %s, want %s", b, want)
	}
	var back rec
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if back.Due != d || !back.Opt.IsZero() || back.Keys[d] != 1 {
		t.Errorf("round trip = %+v", back)
	}
	for _, bad := range []string{`{"due":"2026-02-30"}`, `{"due":"2026-2-3"}`, `{"due":20261008}`, `{"due":"2026-10-08T00:00:00Z"}`} {
		var r rec
		if err := json.Unmarshal([]byte(bad), &r); err == nil {
			t.Errorf("Unmarshal(%s) accepted: %+v", bad, r)
		}
	}
}

func TestDateSQL(t *testing.T) {
	d := date(t, "2026-10-08")
	if v, err := d.Value(); err != nil || v != driver.Value("2026-10-08") {
		t.Errorf("Value = %v, %v", v, err)
	}
	if v, err := (calendar.Date{}).Value(); err != nil || v != nil {
		t.Errorf("zero Value = %v, %v, want NULL", v, err)
	}
	for _, src := range []any{"2026-10-08", []byte("2026-10-08"), time.Date(2026, 10, 8, 0, 0, 0, 0, time.UTC)} {
		var got calendar.Date
		if err := got.Scan(src); err != nil || got != d {
			t.Errorf("Scan(%#v) = %v, %v", src, got, err)
		}
	}
	got := d
	if err := got.Scan(nil); err != nil || !got.IsZero() {
		t.Errorf("Scan(nil) = %v, %v", got, err)
	}
	if err := got.Scan(int64(20261008)); err == nil {
		t.Error("Scan(int64) accepted")
	}
	if err := got.Scan("2026-02-30"); err == nil {
		t.Error(`Scan("2026-02-30") accepted`)
	}
}

// ---- Official data ----

// TestOfficial2026NationalDay pins what lunar-go v1.4.7 says about autumn
// 2026: 中秋节 Fri 25 – Sun 27 September, 国庆节 1–7 October, make-up working
// days Sunday 20 September and Saturday 10 October.
func TestOfficial2026NationalDay(t *testing.T) {
	c := official(t)
	for _, tc := range []struct {
		day     string
		working bool
		reason  string // DayOff's reason when off
	}{
		{"2026-09-18", true, ""},     // Friday
		{"2026-09-19", false, "周末"},  // Saturday
		{"2026-09-20", true, ""},     // Sunday, 国庆节调休
		{"2026-09-24", true, ""},     // Thursday
		{"2026-09-25", false, "中秋节"}, // Friday
		{"2026-09-26", false, "周末"},  // Saturday inside 中秋节: Official drops weekend entries
		{"2026-09-27", false, "周末"},
		{"2026-09-28", true, ""},
		{"2026-09-30", true, ""},
		{"2026-10-01", false, "国庆节"},
		{"2026-10-02", false, "国庆节"},
		{"2026-10-03", false, "周末"},
		{"2026-10-04", false, "周末"},
		{"2026-10-05", false, "国庆节"},
		{"2026-10-06", false, "国庆节"},
		{"2026-10-07", false, "国庆节"},
		{"2026-10-08", true, ""},
		{"2026-10-09", true, ""},
		{"2026-10-10", true, ""},    // Saturday, 国庆节调休
		{"2026-10-11", false, "周末"}, // Sunday
		{"2026-10-12", true, ""},
	} {
		d := date(t, tc.day)
		if got := c.IsWorkingDay("", d); got != tc.working {
			t.Errorf("IsWorkingDay(%s %v) = %v, want %v", tc.day, d.Weekday(), got, tc.working)
		}
		off, reason := c.DayOff("", d)
		if off == tc.working || reason != tc.reason {
			t.Errorf("DayOff(%s) = %v, %q, want %v, %q", tc.day, off, reason, !tc.working, tc.reason)
		}
	}
	for day := date(t, "2026-10-01"); !day.After(date(t, "2026-10-07")); day = day.AddDays(1) {
		if c.IsWorkingDay("", day) {
			t.Errorf("%s is a working day, want 国庆节 off", day)
		}
	}
}

func TestOfficialSpringFestival(t *testing.T) {
	c := official(t)
	for _, tc := range []struct {
		day     string
		working bool
	}{
		// 2026: 15–23 February off, make-up Saturdays 14 and 28 February.
		{"2026-02-13", true},
		{"2026-02-14", true}, // Saturday make-up
		{"2026-02-16", false},
		{"2026-02-17", false}, // 正月初一
		{"2026-02-20", false},
		{"2026-02-23", false}, // Monday
		{"2026-02-24", true},
		{"2026-02-28", true}, // Saturday make-up
		// 2027: 5–13 February off, make-up Sundays 31 January and 14 February.
		{"2027-01-31", true},
		{"2027-02-04", true},
		{"2027-02-05", false}, // Friday
		{"2027-02-08", false},
		{"2027-02-12", false},
		{"2027-02-14", true}, // Sunday make-up
		{"2027-02-15", true},
		// 2025: 28 January – 4 February, make-up 26 January and 8 February.
		{"2025-01-26", true},
		{"2025-01-28", false},
		{"2025-02-04", false},
		{"2025-02-08", true},
	} {
		if got := c.IsWorkingDay("", date(t, tc.day)); got != tc.working {
			t.Errorf("IsWorkingDay(%s) = %v, want %v", tc.day, got, tc.working)
		}
	}
	names := map[int]int{}
	for _, d := range calendar.Official(2025, 2027) {
		if d.Kind == calendar.Holiday && d.Name == "春节" {
			names[d.Date.Year()]++
		}
	}
	for _, y := range []int{2025, 2026, 2027} {
		if names[y] == 0 {
			t.Errorf("no 春节 Holiday in %d", y)
		}
	}
}

func TestOfficialShape(t *testing.T) {
	days := calendar.Official(2025, 2027)
	if len(days) < 60 {
		t.Fatalf("Official(2025, 2027) has %d days, want the three years' schedules", len(days))
	}
	for i, d := range days {
		weekend := d.Date.Weekday() == time.Saturday || d.Date.Weekday() == time.Sunday
		switch {
		case d.Kind == calendar.Holiday && weekend:
			t.Errorf("Holiday on a weekend: %+v", d)
		case d.Kind == calendar.Workday && !weekend:
			t.Errorf("Workday on a weekday: %+v", d)
		case !d.Kind.Valid():
			t.Errorf("bad kind: %+v", d)
		case d.Name == "":
			t.Errorf("no name: %+v", d)
		case d.Date.Year() < 2025 || d.Date.Year() > 2027:
			t.Errorf("outside 2025–2027: %+v", d)
		case i > 0 && !days[i-1].Date.Before(d.Date):
			t.Errorf("not in strict date order at %d: %+v after %+v", i, d, days[i-1])
		}
	}
	if got := calendar.Official(2027, 2025); len(got) != 0 {
		t.Errorf("Official(2027, 2025) = %v, want none", got)
	}
	if got := calendar.Official(2026, 2026); len(got) == 0 || got[0].Date.Year() != 2026 || got[len(got)-1].Date.Year() != 2026 {
		t.Errorf("Official(2026, 2026) = %v", got)
	}
	for y, want := range map[int]bool{2002: true, 2025: true, 2026: true, 2027: true, 1999: false, 0: false, 10000: false} {
		if got := calendar.OfficialCovers(y); got != want {
			t.Errorf("OfficialCovers(%d) = %v, want %v", y, got, want)
		}
	}
}

// TestOfficialAgainstLibrary checks every day of 2025–2027 against
// lunar-go directly, so that dropping weekend entries lost nothing.
func TestOfficialAgainstLibrary(t *testing.T) {
	c := official(t)
	for d := date(t, "2025-01-01"); d.Year() <= 2027; d = d.AddDays(1) {
		want := d.Weekday() != time.Saturday && d.Weekday() != time.Sunday
		if h := HolidayUtil.GetHoliday(d.String()); h != nil {
			want = h.IsWork()
		}
		if got := c.IsWorkingDay("", d); got != want {
			t.Errorf("%s %v: IsWorkingDay = %v, lunar-go says working = %v", d, d.Weekday(), got, want)
		}
	}
}

// ---- Working-day arithmetic ----

func TestAddWorkingDays(t *testing.T) {
	c := official(t)
	for _, tc := range []struct {
		from string
		n    int
		want string
	}{
		{"2026-09-24", 1, "2026-09-28"},  // Thu → Fri 中秋节, weekend → Mon
		{"2026-09-30", 1, "2026-10-08"},  // Wed → over 国庆节
		{"2026-09-30", 2, "2026-10-09"},  //
		{"2026-09-30", 3, "2026-10-10"},  // the Saturday make-up day
		{"2026-09-30", 4, "2026-10-12"},  // Sunday 11 is off
		{"2026-09-18", 1, "2026-09-20"},  // Fri → Sunday make-up day
		{"2026-09-18", 2, "2026-09-21"},  //
		{"2026-09-18", 10, "2026-10-09"}, // 20–24, 28–30 Sep are 8; 8 Oct is 9th
		{"2026-10-01", 1, "2026-10-08"},  // from a holiday
		{"2026-10-03", 1, "2026-10-08"},
		{"2026-10-10", 1, "2026-10-12"},
		{"2026-12-31", 1, "2027-01-04"}, // 元旦 Fri 1 Jan 2027, then the weekend
		// n == 0: d itself if working, else the next working day.
		{"2026-09-30", 0, "2026-09-30"},
		{"2026-09-20", 0, "2026-09-20"}, // Sunday make-up day counts as itself
		{"2026-09-19", 0, "2026-09-20"},
		{"2026-10-01", 0, "2026-10-08"},
		{"2026-10-11", 0, "2026-10-12"},
		// n < 0: counting backwards, d itself never counts.
		{"2026-10-08", -1, "2026-09-30"},
		{"2026-10-01", -1, "2026-09-30"},
		{"2026-09-28", -1, "2026-09-24"},
		{"2026-09-21", -1, "2026-09-20"},
		{"2026-09-21", -2, "2026-09-18"},
		{"2026-10-12", -1, "2026-10-10"},
		{"2026-10-12", -4, "2026-09-30"},
	} {
		got := c.AddWorkingDays("", date(t, tc.from), tc.n)
		if got.String() != tc.want {
			t.Errorf("AddWorkingDays(%s, %+d) = %s %v, want %s", tc.from, tc.n, got, got.Weekday(), tc.want)
		}
	}
}

func TestWorkingDaysBetween(t *testing.T) {
	c := official(t)
	for _, tc := range []struct {
		from, to string
		want     int
	}{
		{"2026-09-30", "2026-10-10", 3}, // 8, 9, 10 October
		{"2026-09-18", "2026-09-30", 8}, // 20–24, 28–30 September
		{"2026-09-30", "2026-10-07", 0}, // all 国庆节
		{"2026-09-30", "2026-09-30", 0}, // empty interval
		{"2026-10-10", "2026-09-30", 0}, // to before from
		{"2026-09-29", "2026-09-30", 1}, // to counts
		{"2026-09-30", "2026-10-01", 0}, // from does not
		// 2026: 261 weekdays − 19 weekday holidays + 6 make-up days = 248,
		// and 1 January (excluded) is a holiday anyway.
		{"2026-01-01", "2026-12-31", 248},
	} {
		got := c.WorkingDaysBetween("", date(t, tc.from), date(t, tc.to))
		if got != tc.want {
			t.Errorf("WorkingDaysBetween(%s, %s) = %d, want %d", tc.from, tc.to, got, tc.want)
		}
	}
}

func TestWorkingDays(t *testing.T) {
	c := official(t)
	got := c.WorkingDays("", date(t, "2026-09-24"), 6)
	want := []string{"2026-09-28", "2026-09-29", "2026-09-30", "2026-10-08", "2026-10-09", "2026-10-10"}
	if len(got) != len(want) {
		t.Fatalf("WorkingDays = %v, want %v", got, want)
	}
	for i := range want {
		if got[i].String() != want[i] {
			t.Errorf("WorkingDays[%d] = %s, want %s", i, got[i], want[i])
		}
	}
	if got := c.WorkingDays("", date(t, "2026-09-24"), 0); got != nil {
		t.Errorf("WorkingDays(0) = %v", got)
	}
	if got := c.WorkingDays("", date(t, "2026-09-24"), -3); got != nil {
		t.Errorf("WorkingDays(-3) = %v", got)
	}
}

func TestClosures(t *testing.T) {
	days := calendar.Official(2025, 2027)
	c := calendar.New(days, []calendar.Closure{
		{Site: "城东分中心", Date: date(t, "2026-09-22"), Reason: "停电"},
		{Site: "城东分中心", Date: date(t, "2026-09-22"), Reason: "搬迁"},
		{Site: "城东分中心", Date: date(t, "2026-10-01"), Reason: "搬迁"}, // already a holiday
		{Site: "城东分中心", Date: date(t, "2026-10-10"), Reason: ""},   // a make-up Saturday
		{Site: "", Date: date(t, "2026-09-23"), Reason: "系统升级"},    // every named site
	})
	tue, wed := date(t, "2026-09-22"), date(t, "2026-09-23")
	for _, tc := range []struct {
		site    string
		d       calendar.Date
		working bool
		reason  string
	}{
		{"城东分中心", tue, false, "停电；搬迁"},
		{"本部", tue, true, ""},
		{"", tue, true, ""}, // centre-wide ignores closures
		{"城东分中心", wed, false, "系统升级"},
		{"本部", wed, false, "系统升级"},
		{"", wed, true, ""},
		{"城东分中心", date(t, "2026-10-01"), false, "国庆节"}, // the holiday is the reason
		{"城东分中心", date(t, "2026-10-10"), false, "暂停办公"},
		{"本部", date(t, "2026-10-10"), true, ""},
	} {
		if got := c.IsWorkingDay(tc.site, tc.d); got != tc.working {
			t.Errorf("IsWorkingDay(%q, %s) = %v, want %v", tc.site, tc.d, got, tc.working)
		}
		off, reason := c.DayOff(tc.site, tc.d)
		if off == tc.working || reason != tc.reason {
			t.Errorf("DayOff(%q, %s) = %v, %q, want %v, %q", tc.site, tc.d, off, reason, !tc.working, tc.reason)
		}
	}
	mon := date(t, "2026-09-21")
	if got := c.AddWorkingDays("城东分中心", mon, 1).String(); got != "2026-09-24" {
		t.Errorf("AddWorkingDays at the closed site = %s, want 2026-09-24", got)
	}
	if got := c.AddWorkingDays("", mon, 1).String(); got != "2026-09-22" {
		t.Errorf("AddWorkingDays centre-wide = %s, want 2026-09-22", got)
	}
	if got := c.NextWorkingDay("本部", mon).String(); got != "2026-09-22" {
		t.Errorf("NextWorkingDay at another site = %s, want 2026-09-22", got)
	}
	if a, b := c.WorkingDaysBetween("城东分中心", mon, date(t, "2026-09-30")), c.WorkingDaysBetween("", mon, date(t, "2026-09-30")); a != b-2 {
		t.Errorf("WorkingDaysBetween: site %d, centre %d; want 2 fewer at the site", a, b)
	}
	want := []calendar.Closure{
		{Site: "城东分中心", Date: tue, Reason: "停电；搬迁"},
		{Site: "", Date: wed, Reason: "系统升级"},
		{Site: "城东分中心", Date: date(t, "2026-10-01"), Reason: "搬迁"},
		{Site: "城东分中心", Date: date(t, "2026-10-10"), Reason: ""},
	}
	if got := c.Closures(); !slices.Equal(got, want) {
		t.Errorf("Closures() = %+v", got)
	}
}

func TestOverridesAndZeroValue(t *testing.T) {
	fri := date(t, "2026-09-25") // 中秋节 in the official data
	sat := date(t, "2026-09-26")
	days := append(calendar.Official(2026, 2026),
		calendar.Day{Date: fri, Kind: calendar.Workday, Name: "本县不放假"}, // admin cancels
		calendar.Day{Date: sat, Kind: calendar.Holiday, Name: "中秋节"},   // harmless, names the day
		calendar.Day{Date: date(t, "2026-09-29"), Kind: "bogus"},       // ignored
		calendar.Day{Kind: calendar.Holiday},                           // zero date: ignored
	)
	c := calendar.New(days, nil)
	if !c.IsWorkingDay("", fri) {
		t.Error("a later Workday entry did not override the official Holiday")
	}
	if off, reason := c.DayOff("", sat); !off || reason != "中秋节" {
		t.Errorf("DayOff(Saturday Holiday) = %v, %q", off, reason)
	}
	if !c.IsWorkingDay("", date(t, "2026-09-29")) {
		t.Error("an entry with an invalid Kind was applied")
	}
	if got := c.Days(); len(got) != len(calendar.Official(2026, 2026))+1 {
		t.Errorf("Days() has %d entries", len(got))
	}

	// The zero Calendar and a nil *Calendar: Monday–Friday, nothing else.
	var zero calendar.Calendar
	var nilCal *calendar.Calendar
	for _, c := range []*calendar.Calendar{&zero, nilCal, calendar.New(nil, nil)} {
		for d := date(t, "2026-09-28"); d.Before(date(t, "2026-10-12")); d = d.AddDays(1) {
			want := d.Weekday() != time.Saturday && d.Weekday() != time.Sunday
			if got := c.IsWorkingDay("某场所", d); got != want {
				t.Errorf("zero calendar IsWorkingDay(%s) = %v", d, got)
			}
			if off, reason := c.DayOff("", d); off == want || (off && reason != "周末") {
				t.Errorf("zero calendar DayOff(%s) = %v, %q", d, off, reason)
			}
		}
		if got := c.AddWorkingDays("", date(t, "2026-10-02"), 1).String(); got != "2026-10-05" {
			t.Errorf("zero calendar Fri +1 = %s", got)
		}
		if got := c.WorkingDaysBetween("", date(t, "2026-09-27"), date(t, "2026-10-11")); got != 10 {
			t.Errorf("zero calendar two weeks = %d", got)
		}
		if len(c.Days()) != 0 {
			t.Errorf("zero calendar Days() = %v", c.Days())
		}
	}
}

// TestNoWorkingDayTerminates: a calendar with every day off for longer than
// MaxGap must give up rather than loop for ever.
func TestNoWorkingDayTerminates(t *testing.T) {
	start := date(t, "2026-01-01")
	var days []calendar.Day
	for i := range 2 * calendar.MaxGap {
		days = append(days, calendar.Day{Date: start.AddDays(i), Kind: calendar.Holiday, Name: "停"})
	}
	c := calendar.New(days, nil)
	d := start.AddDays(calendar.MaxGap / 2)
	if got, want := c.NextWorkingDay("", d), d.AddDays(calendar.MaxGap); got != want {
		t.Errorf("NextWorkingDay = %s, want %s", got, want)
	}
	if got, want := c.AddWorkingDays("", d, 5), d.AddDays(calendar.MaxGap); got != want {
		t.Errorf("AddWorkingDays(+5) = %s, want %s", got, want)
	}
	if got, want := c.AddWorkingDays("", d, 0), d.AddDays(calendar.MaxGap); got != want {
		t.Errorf("AddWorkingDays(0) = %s, want %s", got, want)
	}
	// Backwards the previous working day is within reach (2025-12-31).
	if got := c.AddWorkingDays("", d, -1).String(); got != "2025-12-31" {
		t.Errorf("AddWorkingDays(-1) = %s, want 2025-12-31", got)
	}
	if got := c.AddWorkingDays("", start, -3).String(); got != "2025-12-29" {
		t.Errorf("AddWorkingDays(-3) = %s, want 2025-12-29", got)
	}
	if got := c.WorkingDays("", d, 3); len(got) != 0 {
		t.Errorf("WorkingDays = %v, want none", got)
	}
	// Two found, then the gap: it returns what it has.
	if got := c.WorkingDays("", date(t, "2025-12-29"), 3); len(got) != 2 || got[1].String() != "2025-12-31" {
		t.Errorf("WorkingDays before the gap = %v, want 2025-12-30 and 2025-12-31", got)
	}
	// Forward from just before the gap: one found, then give up MaxGap days
	// past it.
	if got, want := c.AddWorkingDays("", date(t, "2025-12-30"), 2), date(t, "2025-12-31").AddDays(calendar.MaxGap); got != want {
		t.Errorf("AddWorkingDays(+2) = %s, want %s", got, want)
	}
}

// TestProperties checks AddWorkingDays, NextWorkingDay, WorkingDaysBetween
// and WorkingDays against each other on random dates in 2025–2027, at the
// centre and at a site with closures.
func TestProperties(t *testing.T) {
	first, last := date(t, "2025-01-01"), date(t, "2027-12-31")
	var closures []calendar.Closure
	for d := first; !d.After(last); d = d.AddDays(17) {
		closures = append(closures, calendar.Closure{Site: "A", Date: d, Reason: "检修"})
	}
	c := calendar.New(calendar.Official(2025, 2027), closures)
	rng := rand.New(rand.NewPCG(2026, 10))
	for i := range 10000 {
		d := first.AddDays(rng.IntN(last.Sub(first) + 1))
		n := rng.IntN(31)
		site := []string{"", "A", "B"}[i%3]

		r := c.AddWorkingDays(site, d, n)
		if !c.IsWorkingDay(site, r) {
			t.Fatalf("AddWorkingDays(%q, %s, %d) = %s, not a working day", site, d, n, r)
		}
		if n == 0 {
			want := d
			if !c.IsWorkingDay(site, d) {
				want = c.NextWorkingDay(site, d)
			}
			if r != want {
				t.Fatalf("AddWorkingDays(%q, %s, 0) = %s, want %s", site, d, r, want)
			}
			continue
		}
		if !r.After(d) {
			t.Fatalf("AddWorkingDays(%q, %s, %d) = %s, not after", site, d, n, r)
		}
		if got := c.WorkingDaysBetween(site, d, r); got != n {
			t.Fatalf("WorkingDaysBetween(%q, %s, %s) = %d, want %d", site, d, r, got, n)
		}
		if next := c.NextWorkingDay(site, d); next != c.AddWorkingDays(site, d, 1) {
			t.Fatalf("NextWorkingDay(%q, %s) = %s != AddWorkingDays(1)", site, d, next)
		}
		if ws := c.WorkingDays(site, d, n); len(ws) != n || ws[n-1] != r || !slices.IsSortedFunc(ws, calendar.Date.Compare) {
			t.Fatalf("WorkingDays(%q, %s, %d) = %v, want ending at %s", site, d, n, ws, r)
		}
		// Backwards: b is the n-th working day before d, so n-1 working
		// days lie strictly between, and counting n forward from b lands on
		// d or the first working day after it.
		b := c.AddWorkingDays(site, d, -n)
		if !c.IsWorkingDay(site, b) || !b.Before(d) {
			t.Fatalf("AddWorkingDays(%q, %s, %d) = %s", site, d, -n, b)
		}
		if got := c.WorkingDaysBetween(site, b, d.AddDays(-1)); got != n-1 {
			t.Fatalf("WorkingDaysBetween(%q, %s, %s) = %d, want %d", site, b, d.AddDays(-1), got, n-1)
		}
		if got, want := c.AddWorkingDays(site, b, n), c.AddWorkingDays(site, d, 0); got != want {
			t.Fatalf("AddWorkingDays(%q, %s, %d) = %s, want %s", site, b, n, got, want)
		}
	}
}

func BenchmarkAddWorkingDays(b *testing.B) {
	c := calendar.New(calendar.Official(2025, 2027), []calendar.Closure{{Site: "A", Date: calendar.NewDate(2026, 9, 22)}})
	d := calendar.NewDate(2026, 9, 1)
	for i := 0; b.Loop(); i++ {
		c.AddWorkingDays("A", d.AddDays(i%365), 20)
	}
}
