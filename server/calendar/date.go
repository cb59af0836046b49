// Package calendar is the one place in the code that answers "is this a
// working day at this site" and "add N working days" (DESIGN.md §4, §9).
//
// It is pure: no clock, no database, no configuration. Callers turn an
// instant into a business date with DateOf(t, centreZone) and hand in the
// exception days (seeded from Official, edited by an admin) and site closures.
package calendar

import (
	"database/sql/driver"
	"fmt"
	"time"
)

// Date is a calendar date with no time of day and no zone (a business date of the centre).
//
// It is a day number, so it is cheap to copy, compare with == and use as a
// map key. The zero Date (IsZero) means "no date"; it prints and marshals as
// "" and is stored as SQL NULL. Dates are meaningful from 0001-01-01 on.
type Date struct {
	// n counts days so that 0001-01-01 is 1 and the zero value is free to mean
	// "no date". A side effect: n%7 is the weekday, as 0001-01-01
	// (proleptic Gregorian) was a Monday.
	n int
}

const (
	secondsPerDay = 24 * 60 * 60
	// unixShift is n for 1970-01-01: 719162 days from 0001-01-01, plus one.
	unixShift = 719163
)

// NewDate returns the date y-m-d. Like time.Date, out-of-range values are
// normalised: NewDate(2026, 2, 30) is 2026-03-02. Use ParseDate to validate
// input instead.
func NewDate(y int, m time.Month, d int) Date {
	// Midnight UTC is an exact multiple of a day in Unix time, so plain
	// division is exact (also for dates before 1970).
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	return Date{n: int(t.Unix()/secondsPerDay) + unixShift}
}

// ParseDate parses exactly "YYYY-MM-DD" (four-digit year from 0001, two-digit
// month and day). Anything else is rejected, including dates that do not
// exist such as "2026-02-30", single-digit fields, times and the empty string.
func ParseDate(s string) (Date, error) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return Date{}, fmt.Errorf("calendar: invalid date %q: want YYYY-MM-DD", s)
	}
	y, ok1 := digits(s[0:4])
	m, ok2 := digits(s[5:7])
	d, ok3 := digits(s[8:10])
	if !ok1 || !ok2 || !ok3 {
		return Date{}, fmt.Errorf("calendar: invalid date %q: want YYYY-MM-DD", s)
	}
	if y < 1 || m < 1 || m > 12 || d < 1 {
		return Date{}, fmt.Errorf("calendar: invalid date %q: out of range", s)
	}
	// NewDate normalises (Feb 30 → Mar 2); a date that does not come back
	// unchanged did not exist.
	out := NewDate(y, time.Month(m), d)
	if yy, mm, dd := out.Date(); yy != y || int(mm) != m || dd != d {
		return Date{}, fmt.Errorf("calendar: invalid date %q: no such day", s)
	}
	return out, nil
}

// digits parses an all-ASCII-digit string; strconv.Atoi would accept signs.
func digits(s string) (int, bool) {
	v := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + int(c-'0')
	}
	return v, true
}

// DateOf returns the date of instant t in zone loc (for the centre,
// Asia/Shanghai). Like time.Time.In, it panics if loc is nil: silently using
// UTC instead would move every evening instant to the wrong business day.
func DateOf(t time.Time, loc *time.Location) Date {
	y, m, d := t.In(loc).Date()
	return NewDate(y, m, d)
}

// Date returns the year, month and day of d.
func (d Date) Date() (year int, month time.Month, day int) {
	return time.Unix(int64(d.n-unixShift)*secondsPerDay, 0).UTC().Date()
}

// Year returns the year of d.
func (d Date) Year() int { y, _, _ := d.Date(); return y }

// Month returns the month of d.
func (d Date) Month() time.Month { _, m, _ := d.Date(); return m }

// Day returns the day of the month of d.
func (d Date) Day() int { _, _, dd := d.Date(); return dd }

// String returns "2006-01-02", or "" for the zero Date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	y, m, dd := d.Date()
	return fmt.Sprintf("%04d-%02d-%02d", y, int(m), dd)
}

// AddDays returns d moved by n calendar days (n may be negative).
func (d Date) AddDays(n int) Date { return Date{n: d.n + n} }

// Sub returns the number of calendar days from o to d (d - o).
func (d Date) Sub(o Date) int { return d.n - o.n }

// Weekday returns the day of the week of d.
func (d Date) Weekday() time.Weekday {
	w := d.n % 7
	if w < 0 {
		w += 7
	}
	return time.Weekday(w)
}

// Before reports whether d is earlier than o.
func (d Date) Before(o Date) bool { return d.n < o.n }

// After reports whether d is later than o.
func (d Date) After(o Date) bool { return d.n > o.n }

// Compare returns -1, 0 or +1 as d is before, equal to or after o
// (for slices.SortFunc and the like).
func (d Date) Compare(o Date) int {
	switch {
	case d.n < o.n:
		return -1
	case d.n > o.n:
		return 1
	}
	return 0
}

// IsZero reports whether d is the zero Date ("no date").
func (d Date) IsZero() bool { return d.n == 0 }

// At returns the instant of wall-clock time hour:min on d in loc, e.g. the
// start of a 09:00 slot in Asia/Shanghai. It panics if loc is nil, like time.Date.
func (d Date) At(hour, min int, loc *time.Location) time.Time {
	y, m, dd := d.Date()
	return time.Date(y, m, dd, hour, min, 0, 0, loc)
}

// MarshalText encodes d as "YYYY-MM-DD" (so JSON gets a string); the zero
// Date encodes as "".
func (d Date) MarshalText() ([]byte, error) {
	return []byte(d.String()), nil
}

// UnmarshalText decodes "YYYY-MM-DD" strictly (see ParseDate); "" decodes to
// the zero Date so that optional dates round-trip.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// Value implements driver.Valuer: "YYYY-MM-DD" text, which both SQLite (TEXT)
// and PostgreSQL (DATE) accept; the zero Date is NULL.
func (d Date) Value() (driver.Value, error) {
	if d.IsZero() {
		return nil, nil
	}
	return d.String(), nil
}

// Scan implements sql.Scanner for TEXT ("YYYY-MM-DD") and DATE columns.
// A time.Time (as drivers return DATE) is read in its own zone, which for a
// DATE is midnight UTC; NULL scans as the zero Date.
func (d *Date) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*d = Date{}
		return nil
	case string:
		return d.UnmarshalText([]byte(v))
	case []byte:
		return d.UnmarshalText(v)
	case time.Time:
		y, m, dd := v.Date()
		*d = NewDate(y, m, dd)
		return nil
	}
	return fmt.Errorf("calendar: cannot scan %T into Date", src)
}
