package cases

import "portal/server/calendar"

// Deadlines count working days on the official calendar (DESIGN §4): weekends and public
// holidays off, make-up working days (调休) worked. Site closures do not move a statutory
// deadline, so the calendar is read for no particular site.
const anySite = ""

// Due is the due date of a case accepted on accepted with promised working days, whose clock
// has stopped for paused working days: the (promised+paused)-th working day after the
// acceptance. An instant item (0 days) is due the day it is accepted, or the next working
// day if that was a day off (a Saturday of extended hours).
func Due(cal *calendar.Calendar, accepted calendar.Date, promised, paused int) calendar.Date {
	return cal.AddWorkingDays(anySite, accepted, promised+paused)
}

// PausedDays is how many working days a pause from start to end stopped the clock: the
// working days in (start, end]. The day a pause starts was worked on the case; a pause
// that starts and ends the same day stops nothing.
func PausedDays(cal *calendar.Calendar, start, end calendar.Date) int {
	return cal.WorkingDaysBetween(anySite, start, end)
}

// DaysLeft is the working days from today to due: 0 on the due date, negative when overdue
// (-1 the first working day after it, and on the days off before that).
func DaysLeft(cal *calendar.Calendar, today, due calendar.Date) int {
	if today.After(due) {
		return min(-1, -cal.WorkingDaysBetween(anySite, due, today))
	}
	return cal.WorkingDaysBetween(anySite, today, due)
}

// WarningOf is the warning of a running case with left working days: red when overdue,
// yellow when at most warnDays are left.
func WarningOf(left, warnDays int) string {
	switch {
	case left < 0:
		return "red"
	case left <= warnDays:
		return "yellow"
	}
	return ""
}
