package appointments

import (
	"context"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"portal/server/calendar"
	"portal/server/jobs"
	"portal/server/portal"
	"portal/server/store"
)

// GenerateSlots creates the slots of every active template for the days ahead that the
// booking window can reach. It only adds slots that do not exist, so every replica may run
// it at any time. Regular and green-channel slots open on working days only; extended
// slots (延时服务) also open on weekend days that are not public holidays, which is how the
// centre's Saturday-morning service works.
func (s *Service) GenerateSlots(ctx context.Context) (int, error) {
	cal, err := s.Calendar(ctx)
	if err != nil {
		return 0, err
	}
	days, err := s.DB.ListCalendarDays(ctx)
	if err != nil {
		return 0, err
	}
	holiday := map[string]bool{}
	for _, d := range days {
		if d.Kind == string(calendar.Holiday) {
			holiday[d.Date] = true
		}
	}
	templates, err := s.DB.ListTemplates(ctx, "")
	if err != nil {
		return 0, err
	}
	today := s.today()
	added := 0
	for _, t := range templates {
		if !t.Active {
			continue
		}
		rules, err := s.DB.BookingRules(ctx, t.SiteCode)
		if err != nil {
			return added, err
		}
		// One working day beyond the window, so tomorrow's window is ready before midnight.
		last := cal.AddWorkingDays(t.SiteCode, today, rules.DaysAhead+1)
		var slots []portal.Slot
		for d := today.AddDays(1); !d.After(last); d = d.AddDays(1) {
			if !opens(cal, holiday, t, d) {
				continue
			}
			slots = append(slots, slotsOf(t, d, s.Loc)...)
		}
		n, err := s.DB.InsertSlots(ctx, slots)
		if err != nil {
			return added, err
		}
		added += n
	}
	return added, nil
}

func opens(cal *calendar.Calendar, holiday map[string]bool, t portal.SlotTemplate, d calendar.Date) bool {
	weekend := d.Weekday() == time.Saturday || d.Weekday() == time.Sunday
	if cal.IsWorkingDay(t.SiteCode, d) {
		// A make-up working day (调休) on a weekend is worked like any weekday: windows that
		// open on weekdays open then too.
		if weekend && t.Kind != portal.SlotExtended {
			return opensOnWeekdays(t.Weekdays)
		}
		return hasWeekday(t.Weekdays, d.Weekday())
	}
	if !hasWeekday(t.Weekdays, d.Weekday()) {
		return false
	}
	if t.Kind != portal.SlotExtended || !weekend || inHolidayPeriod(holiday, d) {
		return false
	}
	// A weekend day closed at the site stays closed.
	return cal.IsWorkingDay("", d) == cal.IsWorkingDay(t.SiteCode, d)
}

func hasWeekday(days []time.Weekday, w time.Weekday) bool {
	for _, d := range days {
		if d == w {
			return true
		}
	}
	return false
}

// inHolidayPeriod reports whether a weekend day belongs to a public holiday: the calendar
// stores only the holidays that fall on weekdays (a weekend is off anyway), and official
// holiday periods take in the weekend next to them, so a weekend touching a weekday holiday
// is part of the holiday.
func inHolidayPeriod(holiday map[string]bool, d calendar.Date) bool {
	if holiday[d.String()] {
		return true
	}
	near := []int{-1, 1}
	switch d.Weekday() {
	case time.Saturday:
		near = append(near, 2) // Sunday is off; Monday may be the holiday
	case time.Sunday:
		near = append(near, -2) // Saturday is off; Friday may be the holiday
	}
	for _, n := range near {
		if holiday[d.AddDays(n).String()] {
			return true
		}
	}
	return false
}

func opensOnWeekdays(days []time.Weekday) bool {
	for _, d := range days {
		if d >= time.Monday && d <= time.Friday {
			return true
		}
	}
	return false
}

// slotsOf cuts a template's opening hours on day d into slots, skipping the break.
func slotsOf(t portal.SlotTemplate, d calendar.Date, loc *time.Location) []portal.Slot {
	at := func(clock string) (time.Time, bool) {
		h, m, ok := parseClock(clock)
		return d.At(h, m, loc), ok
	}
	start, ok1 := at(t.Start)
	end, ok2 := at(t.End)
	if !ok1 || !ok2 || t.SlotMinutes <= 0 {
		return nil
	}
	bStart, hasBreak := at(t.BreakStart)
	bEnd, _ := at(t.BreakEnd)
	step := time.Duration(t.SlotMinutes) * time.Minute
	var out []portal.Slot
	for from := start; !from.Add(step).After(end); from = from.Add(step) {
		to := from.Add(step)
		if hasBreak && from.Before(bEnd) && to.After(bStart) {
			continue
		}
		out = append(out, portal.Slot{TemplateID: t.ID, SiteCode: t.SiteCode, DepartmentCode: t.DepartmentCode,
			Date: d.String(), Start: from, End: to, Capacity: t.Capacity, Kind: t.Kind})
	}
	return out
}

// parseClock reads "HH:MM".
func parseClock(s string) (int, int, bool) {
	hh, mm, ok := strings.Cut(s, ":")
	if !ok {
		return 0, 0, false
	}
	h, err1 := strconv.Atoi(hh)
	m, err2 := strconv.Atoi(mm)
	if err1 != nil || err2 != nil || h < 0 || h > 23 || m < 0 || m > 59 || len(hh) != 2 || len(mm) != 2 {
		return 0, 0, false
	}
	return h, m, true
}

// SendReminders delivers the reminders that are due. Each is claimed by one transaction, so
// it is sent once however many replicas run this.
func (s *Service) SendReminders(ctx context.Context) (int, error) {
	sent, err := s.DB.SendDueReminders(ctx, s.now(), 100, func(r store.DueReminder) map[string]string {
		return s.messageParams(r.Appointment)
	})
	return len(sent), err
}

// SweepNoShows records the no-shows whose grace period is over.
func (s *Service) SweepNoShows(ctx context.Context) (int, error) {
	due, err := s.DB.DueNoShows(ctx, s.now(), 0, 200)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, ap := range due {
		rules, err := s.DB.BookingRules(ctx, ap.SiteCode)
		if err != nil {
			return n, err
		}
		if s.now().Before(ap.Start.Add(time.Duration(rules.GraceMinutes) * time.Minute)) {
			continue
		}
		if _, err := s.recordNoShow(ctx, ap, rules); err != nil {
			if portal.ErrorCode(err) == portal.EInvalidState {
				continue // checked in meanwhile
			}
			return n, err
		}
		n++
	}
	return n, nil
}

// Sender delivers outbound copies of inbox messages (SMS gateway, webhook, mail).
type Sender interface {
	Send(ctx context.Context, m store.OutboxMessage) error
}

// LogSender is the development channel: it writes the message to the log.
type LogSender struct{ Log *slog.Logger }

// Send logs m; the person is named by id only (no phone numbers in logs).
func (l LogSender) Send(ctx context.Context, m store.OutboxMessage) error {
	l.Log.InfoContext(ctx, "outbound message", slog.String("user", m.UserID), slog.String("kind", m.Kind), slog.Any("params", m.Params))
	return nil
}

// SendOutbox leases pending outbound messages and sends them.
func (s *Service) SendOutbox(ctx context.Context, sender Sender) (int, error) {
	msgs, err := s.DB.ClaimOutbox(ctx, s.now(), time.Minute, 50)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, m := range msgs {
		err := sender.Send(ctx, m)
		if ferr := s.DB.FinishOutbox(ctx, m.ID, err); ferr != nil {
			return n, ferr
		}
		if err == nil {
			n++
		}
	}
	return n, nil
}

// RunJobs runs the background work until ctx ends: reminders and outbound messages every
// few seconds, no-shows every minute, slot generation every hour.
func (s *Service) RunJobs(ctx context.Context, log *slog.Logger, sender Sender) {
	jobs.Start(ctx, log,
		jobs.Job{Name: "reminders", Every: 10 * time.Second, Run: s.SendReminders},
		jobs.Job{Name: "outbox", Every: 5 * time.Second, Run: func(ctx context.Context) (int, error) { return s.SendOutbox(ctx, sender) }},
		jobs.Job{Name: "no-shows", Every: time.Minute, Run: s.SweepNoShows},
		jobs.Job{Name: "slots", Every: time.Hour, Run: s.GenerateSlots},
	)
}
