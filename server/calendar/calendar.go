package calendar

import (
	"slices"
	"strings"
	"time"
)

// Kind says which way a Day departs from the weekday rule.
type Kind string

const (
	Holiday Kind = "holiday" // a day off on a weekday (法定节假日)
	Workday Kind = "workday" // a make-up working day on a weekend (调休上班)
)

// Valid reports whether k is Holiday or Workday. New ignores Days of any
// other kind, so an admin form should check this before saving.
func (k Kind) Valid() bool { return k == Holiday || k == Workday }

// Day is an exception to the weekday rule.
//
// Its Kind states the outcome for that date whatever weekday it is: a Holiday
// on a weekend is harmless (and names the day in DayOff), and a Workday on a
// weekday is how an admin cancels a Holiday entered earlier in the list
// (see New).
type Day struct {
	Date Date
	Kind Kind
	Name string
}

// Closure closes one site for one day (e.g. power cut, relocation).
//
// An empty Site closes every named site that day. It still does not change
// the centre-wide answer (site ""), which statutory deadlines use; a day the
// whole centre is legally off belongs in the Days as a Holiday.
type Closure struct {
	Site   string
	Date   Date
	Reason string
}

// MaxGap is how many consecutive days off NextWorkingDay, AddWorkingDays and
// WorkingDays look through before giving up. It only matters for a broken
// calendar (e.g. every day marked Holiday): without it they would loop for
// ever. Ten years is far beyond any real run of days off.
const MaxGap = 3660

// Reasons DayOff gives when the data has none of its own.
const (
	reasonWeekend = "周末"
	reasonHoliday = "节假日"
	reasonClosed  = "暂停办公"
)

// Calendar answers working-day questions. The zero value (and a nil
// *Calendar) treats Monday–Friday as working days.
//
// A Calendar is never changed after New, so one value can be shared by any
// number of goroutines. To apply an admin's edit, build a new one (e.g.
// New(append(c.Days(), edit), c.Closures())) and swap the pointer.
type Calendar struct {
	// Both maps are keyed by the Date's day number: deadline loops look up
	// every day they pass, and an int key needs no formatting or hashing of
	// strings.
	days     map[int]Day
	closures map[int]map[string]string // day → site ("" = every site) → reason
}

// New builds a Calendar from exception days (typically Official(...) followed
// by the admin's own entries) and site closures. Later Days win over earlier
// ones for the same date, so admin entries appended after the official seed
// override it. Days with a zero Date or an invalid Kind are ignored. Several
// closures of one site on one day are all kept; their reasons are joined.
// The slices are copied.
func New(days []Day, closures []Closure) *Calendar {
	c := &Calendar{}
	for _, d := range days {
		if d.Date.IsZero() || !d.Kind.Valid() {
			continue
		}
		if c.days == nil {
			c.days = make(map[int]Day, len(days))
		}
		c.days[d.Date.n] = d
	}
	for _, cl := range closures {
		if cl.Date.IsZero() {
			continue
		}
		if c.closures == nil {
			c.closures = make(map[int]map[string]string)
		}
		bySite := c.closures[cl.Date.n]
		if bySite == nil {
			bySite = make(map[string]string, 1)
			c.closures[cl.Date.n] = bySite
		}
		bySite[cl.Site] = joinReason(bySite[cl.Site], cl.Reason)
	}
	return c
}

func joinReason(a, b string) string {
	switch {
	case a == "" || a == b:
		return b
	case b == "":
		return a
	}
	return a + "；" + b
}

// Days returns the exception days in force, in date order (one per date).
func (c *Calendar) Days() []Day {
	if c == nil {
		return nil
	}
	out := make([]Day, 0, len(c.days))
	for _, d := range c.days {
		out = append(out, d)
	}
	slices.SortFunc(out, func(a, b Day) int { return a.Date.Compare(b.Date) })
	return out
}

// Closures returns the closures, in date then site order (one per site and
// date, reasons joined).
func (c *Calendar) Closures() []Closure {
	if c == nil {
		return nil
	}
	var out []Closure
	for n, bySite := range c.closures {
		for site, reason := range bySite {
			out = append(out, Closure{Site: site, Date: Date{n: n}, Reason: reason})
		}
	}
	slices.SortFunc(out, func(a, b Closure) int {
		if x := a.Date.Compare(b.Date); x != 0 {
			return x
		}
		return strings.Compare(a.Site, b.Site)
	})
	return out
}

// working is the hot path shared by every method: one weekday computation
// and at most three map lookups, no allocation. Reading a nil map is legal,
// so the zero Calendar needs no special case; a nil *Calendar does.
func (c *Calendar) working(site string, n int) bool {
	if c == nil {
		return isWeekday(n)
	}
	var open bool
	if x, ok := c.days[n]; ok {
		open = x.Kind == Workday
	} else {
		open = isWeekday(n)
	}
	if !open || site == "" {
		return open
	}
	bySite := c.closures[n]
	if bySite == nil {
		return true
	}
	_, closed := bySite[site]
	_, closedAll := bySite[""]
	return !closed && !closedAll
}

func isWeekday(n int) bool {
	w := Date{n: n}.Weekday()
	return w != time.Saturday && w != time.Sunday
}

// IsWorkingDay reports whether d is a working day at site. Site "" asks the
// centre-wide question (weekends, holidays, make-up days) and ignores
// closures (the usual choice for statutory deadlines).
func (c *Calendar) IsWorkingDay(site string, d Date) bool {
	return c.working(site, d.n)
}

// DayOff reports whether d is not a working day at site, and why, in Chinese:
// the holiday's name, "周末", or the closure's reason. A holiday or weekend
// is reported ahead of a closure on the same day. Note that Official drops
// holiday entries on weekends, so a Saturday inside 国庆节 reads "周末".
func (c *Calendar) DayOff(site string, d Date) (off bool, reason string) {
	if c.working(site, d.n) {
		return false, ""
	}
	if c == nil {
		return true, reasonWeekend
	}
	if x, ok := c.days[d.n]; ok {
		if x.Kind == Holiday {
			if x.Name == "" {
				return true, reasonHoliday
			}
			return true, x.Name
		}
	} else if !isWeekday(d.n) {
		return true, reasonWeekend
	}
	// Open centre-wide, so a closure at this site is what makes it off.
	bySite := c.closures[d.n]
	reason = joinReason(bySite[""], bySite[site])
	if reason == "" {
		reason = reasonClosed
	}
	return true, reason
}

// seek returns the first working day strictly after (dir = 1) or before
// (dir = -1) day n, and false with the last day looked at if MaxGap days in a
// row were off.
func (c *Calendar) seek(site string, n, dir int) (int, bool) {
	for range MaxGap {
		n += dir
		if c.working(site, n) {
			return n, true
		}
	}
	return n, false
}

// NextWorkingDay returns the first working day at site strictly after d.
// If none comes within MaxGap days it gives up and returns d+MaxGap (a date
// ten years away, which is not a working day).
func (c *Calendar) NextWorkingDay(site string, d Date) Date {
	n, _ := c.seek(site, d.n, 1)
	return Date{n: n}
}

// AddWorkingDays counts n working days at site from d; d itself never counts.
//
//   - n > 0: the n-th working day after d, e.g. from Friday 2026-09-18,
//     +1 is Sunday 2026-09-20 (a make-up working day before 国庆节).
//   - n == 0: d itself if it is a working day, else the next working day.
//   - n < 0: the |n|-th working day before d.
//
// If a run of more than MaxGap days off is met, it gives up there and
// returns the day MaxGap days past the last working day found (in the
// direction of travel). Its cost is linear in |n|.
func (c *Calendar) AddWorkingDays(site string, d Date, n int) Date {
	if n == 0 {
		if c.working(site, d.n) {
			return d
		}
		return c.NextWorkingDay(site, d)
	}
	dir := 1
	if n < 0 {
		dir, n = -1, -n
	}
	x := d.n
	for ; n > 0; n-- {
		var ok bool
		if x, ok = c.seek(site, x, dir); !ok {
			break
		}
	}
	return Date{n: x}
}

// WorkingDaysBetween returns the number of working days at site in
// (from, to]: from does not count, to does. It is 0 if to is not after from.
// For n > 0, WorkingDaysBetween(s, d, AddWorkingDays(s, d, n)) == n.
func (c *Calendar) WorkingDaysBetween(site string, from, to Date) int {
	count := 0
	for n := from.n + 1; n <= to.n; n++ {
		if c.working(site, n) {
			count++
		}
	}
	return count
}

// WorkingDays returns the next n working days at site strictly after from,
// in order (e.g. the days a booking window offers). It returns fewer if the
// calendar has a run of more than MaxGap days off, and nil if n <= 0.
func (c *Calendar) WorkingDays(site string, from Date, n int) []Date {
	if n <= 0 {
		return nil
	}
	out := make([]Date, 0, min(n, 366))
	x := from.n
	for range n {
		var ok bool
		if x, ok = c.seek(site, x, 1); !ok {
			break
		}
		out = append(out, Date{n: x})
	}
	return out
}
