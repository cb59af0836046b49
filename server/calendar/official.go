package calendar

import (
	"fmt"

	"github.com/6tail/lunar-go/HolidayUtil"
)

// Official returns the State Council's holiday schedule for the years
// [from, to] as Days, in date order, read from github.com/6tail/lunar-go's
// HolidayUtil (which carries the official notices, from 2002 on):
// a holiday entry on a weekday → Holiday; a make-up working day (IsWork) →
// Workday. Holiday entries that fall on a weekend are dropped (a weekend is
// off anyway), and so would be a make-up day on a weekday (a weekday works
// anyway), so every Day returned changes the weekday rule.
//
// A year the library has no data for (e.g. next year before the State
// Council has published it) contributes nothing and so falls back to plain
// Monday–Friday; check OfficialCovers before relying on it.
func Official(from, to int) []Day {
	var out []Day
	for y := max(from, 1); y <= min(to, 9999); y++ {
		if !OfficialCovers(y) {
			continue
		}
		// Day by day rather than GetHolidaysByYear: the library's year query
		// scans its data string and stops at the first record of another
		// year, so it relies on the records being sorted; a day lookup does
		// not (and costs well under a millisecond for a year).
		for d := NewDate(y, 1, 1); d.Year() == y; d = d.AddDays(1) {
			_, m, dd := d.Date()
			l := HolidayUtil.GetHolidays(fmt.Sprintf("%04d%02d%02d", y, int(m), dd))
			for e := l.Front(); e != nil; e = e.Next() {
				h, ok := e.Value.(*HolidayUtil.Holiday)
				if !ok || h == nil || h.GetDay() != d.String() {
					continue
				}
				weekend := !isWeekday(d.n)
				switch {
				case h.IsWork() && weekend:
					out = append(out, Day{Date: d, Kind: Workday, Name: h.GetName()})
				case !h.IsWork() && !weekend:
					out = append(out, Day{Date: d, Kind: Holiday, Name: h.GetName()})
				}
			}
		}
	}
	return out
}

// OfficialCovers reports whether lunar-go has the official schedule for
// year y. The State Council publishes next year's schedule around November,
// so the seed for a year only appears after a library upgrade.
func OfficialCovers(y int) bool {
	if y < 1 || y > 9999 {
		return false
	}
	return HolidayUtil.GetHolidaysByYear(y).Len() > 0
}
