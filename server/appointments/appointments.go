// Package appointments books window appointments: the working-day calendar and slot
// templates decide which slots exist, booking rules decide who may take them, and the
// store enforces capacity and the one-per-day rule inside its transactions. Background work
// (slot generation, reminders, no-shows) is in jobs.go.
package appointments

import (
	"context"
	"fmt"
	"strings"
	"time"

	"portal/server/calendar"
	"portal/server/portal"
	"portal/server/store"
)

// Service is the appointments service.
type Service struct {
	DB  *store.DB
	Loc *time.Location // the centre's zone: business dates are in it
	Now func() time.Time
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

func (s *Service) today() calendar.Date { return calendar.DateOf(s.now(), s.Loc) }

// Calendar loads the working-day calendar: the stored exceptions and site closures.
func (s *Service) Calendar(ctx context.Context) (*calendar.Calendar, error) {
	days, err := s.DB.ListCalendarDays(ctx)
	if err != nil {
		return nil, err
	}
	closures, err := s.DB.ListClosures(ctx)
	if err != nil {
		return nil, err
	}
	var cd []calendar.Day
	for _, d := range days {
		date, err := calendar.ParseDate(d.Date)
		if err != nil {
			continue
		}
		cd = append(cd, calendar.Day{Date: date, Kind: calendar.Kind(d.Kind), Name: d.Name})
	}
	var cc []calendar.Closure
	for _, c := range closures {
		date, err := calendar.ParseDate(c.Date)
		if err != nil {
			continue
		}
		cc = append(cc, calendar.Closure{Site: c.SiteCode, Date: date, Reason: c.Reason})
	}
	return calendar.New(cd, cc), nil
}

// SeedCalendar stores the official holiday schedule of the years around now. Days an admin
// changed are kept.
func (s *Service) SeedCalendar(ctx context.Context) error {
	y := s.now().In(s.Loc).Year()
	for _, d := range calendar.Official(min(y-1, 2025), max(y+1, 2027)) {
		if err := s.DB.PutCalendarDay(ctx, store.CalendarDay{Date: d.Date.String(), Kind: string(d.Kind), Name: d.Name}, true); err != nil {
			return err
		}
	}
	return nil
}

// Window is the range of days a site takes bookings for: from the next working day up to
// DaysAhead working days ahead.
type Window struct {
	First, Last calendar.Date
	Days        []calendar.Date // the working days in the window
}

// Contains reports whether d is inside the window (weekends included, for Saturday
// extended service).
func (w Window) Contains(d calendar.Date) bool { return !d.Before(w.First) && !d.After(w.Last) }

func (s *Service) window(cal *calendar.Calendar, rules portal.BookingRules) Window {
	today := s.today()
	days := cal.WorkingDays(rules.SiteCode, today, rules.DaysAhead)
	if len(days) == 0 {
		return Window{First: today.AddDays(1), Last: today}
	}
	return Window{First: days[0], Last: days[len(days)-1], Days: days}
}

// reminders schedules the two reminders: a day before and two hours before.
func reminders(start time.Time) []store.Reminder {
	return []store.Reminder{
		{Kind: "day_before", DueAt: start.Add(-24 * time.Hour)},
		{Kind: "two_hours", DueAt: start.Add(-2 * time.Hour)},
	}
}

// SlotView is a slot with what the caller may do with it.
type SlotView struct {
	portal.Slot
	Bookable bool
}

// Slots lists the slots of an item at a site between two dates (inclusive; empty means the
// booking window). Green-channel slots are shown to everyone but bookable only by agents
// and staff.
func (s *Service) Slots(ctx context.Context, a portal.Actor, site, itemCode, from, to string) ([]SlotView, []string, error) {
	item, err := s.DB.Item(ctx, itemCode)
	if err != nil || item.Status != portal.ItemActive {
		return nil, nil, portal.FieldError("item", "field.item_unknown")
	}
	if site == "" {
		site = "county"
	}
	if !contains(item.Sites, site) {
		return nil, nil, portal.FieldError("site", "field.site_not_for_item")
	}
	cal, err := s.Calendar(ctx)
	if err != nil {
		return nil, nil, err
	}
	rules, err := s.DB.BookingRules(ctx, site)
	if err != nil {
		return nil, nil, err
	}
	w := s.window(cal, rules)
	first, last := w.First, w.Last
	if from != "" {
		if first, err = calendar.ParseDate(from); err != nil {
			return nil, nil, portal.FieldError("from", "field.date")
		}
	}
	if to != "" {
		if last, err = calendar.ParseDate(to); err != nil {
			return nil, nil, portal.FieldError("to", "field.date")
		}
	}
	if last.Before(first) || last.After(first.AddDays(62)) {
		return nil, nil, portal.FieldError("to", "field.date_range")
	}
	slots, err := s.DB.ListSlots(ctx, store.SlotQuery{SiteCode: site, DepartmentCode: item.DepartmentCode, From: first.String(), To: last.String()})
	if err != nil {
		return nil, nil, err
	}
	now := s.now()
	out := make([]SlotView, 0, len(slots))
	for _, sl := range slots {
		d, _ := calendar.ParseDate(sl.Date)
		ok := item.Bookable && w.Contains(d) && sl.Start.After(now) && s.mayBookKind(a, sl.Kind)
		out = append(out, SlotView{Slot: sl, Bookable: ok})
	}
	var days []string
	for _, d := range w.Days {
		days = append(days, d.String())
	}
	return out, days, nil
}

func (s *Service) mayBookKind(a portal.Actor, k portal.SlotKind) bool {
	if k == portal.SlotGreenChannel {
		return a.Is(portal.RoleAgent, portal.RoleStaff, portal.RoleChief)
	}
	return a.UserID != ""
}

// Book takes a place for the caller. idemKey makes a retried request return the first
// appointment instead of a second one.
func (s *Service) Book(ctx context.Context, a portal.Actor, slotID, itemCode, idemKey string) (portal.Appointment, bool, error) {
	if !a.Is(portal.RoleApplicant, portal.RoleAgent, portal.RoleStaff, portal.RoleChief) {
		return portal.Appointment{}, false, portal.Errorf(portal.EForbidden, "%s may not book", a.Role)
	}
	if until, _, err := s.DB.BookingSuspension(ctx, a.UserID); err != nil {
		return portal.Appointment{}, false, err
	} else if until.After(s.now()) {
		return portal.Appointment{}, false, &portal.Error{Code: portal.EBookingSuspended,
			Detail: "suspended until " + until.Format(time.RFC3339)}
	}
	slot, err := s.DB.Slot(ctx, slotID)
	if err != nil {
		return portal.Appointment{}, false, err
	}
	if err := s.checkSlot(ctx, a, slot, itemCode); err != nil {
		return portal.Appointment{}, false, err
	}
	bookedBy := ""
	if !a.Is(portal.RoleApplicant) {
		bookedBy = a.UserID
	}
	return s.DB.Book(ctx, store.BookRequest{UserID: a.UserID, SlotID: slotID, ItemCode: itemCode, BookedBy: bookedBy,
		IdemKey: idemKey, Reminders: reminders(slot.Start)})
}

// checkSlot says whether the caller may take a place in slot for the item now: the item is
// handled at that window and open for booking, the slot's kind is open to the caller's
// role, and its day is inside the site's booking window.
func (s *Service) checkSlot(ctx context.Context, a portal.Actor, slot portal.Slot, itemCode string) error {
	item, err := s.DB.Item(ctx, itemCode)
	if err != nil {
		return err
	}
	if item.Status != portal.ItemActive || !item.Bookable || item.DepartmentCode != slot.DepartmentCode || !contains(item.Sites, slot.SiteCode) {
		return portal.FieldError("item_code", "field.item_not_in_slot")
	}
	if !s.mayBookKind(a, slot.Kind) {
		return portal.Errorf(portal.EForbidden, "%s may not book %s slots", a.Role, slot.Kind)
	}
	cal, err := s.Calendar(ctx)
	if err != nil {
		return err
	}
	rules, err := s.DB.BookingRules(ctx, slot.SiteCode)
	if err != nil {
		return err
	}
	d, _ := calendar.ParseDate(slot.Date)
	if !s.window(cal, rules).Contains(d) || !slot.Start.After(s.now()) {
		return portal.Errorf(portal.EOutsideWindow, "slot %s on %s is outside the window", slot.ID, slot.Date)
	}
	return nil
}

// messageParams fill the messages about an appointment: its code, day, local start time
// and the item's name.
func (s *Service) messageParams(ap portal.Appointment) map[string]string {
	p := map[string]string{"code": ap.Code, "date": ap.Date, "time": ap.Start.In(s.Loc).Format("15:04"), "item": ap.ItemCode}
	if it, err := s.DB.Item(context.Background(), ap.ItemCode); err == nil {
		p["item"] = it.Name
	}
	return p
}

// owned loads an appointment the caller owns. Someone else's appointment is "not found":
// its existence is nobody else's business.
func (s *Service) owned(ctx context.Context, a portal.Actor, id string) (portal.Appointment, error) {
	ap, err := s.DB.Appointment(ctx, id)
	if err != nil {
		return ap, err
	}
	if ap.UserID != a.UserID {
		return portal.Appointment{}, portal.Errorf(portal.ENotFound, "appointment %s is not %s's", id, a.UserID)
	}
	return ap, nil
}

// Get returns an appointment to its owner, to staff of its window and to supervisors.
func (s *Service) Get(ctx context.Context, a portal.Actor, id string) (portal.Appointment, error) {
	ap, err := s.DB.Appointment(ctx, id)
	if err != nil {
		return ap, err
	}
	if ap.UserID == a.UserID || a.Is(portal.RoleSupervisor) || s.atWindow(a, ap.SiteCode, ap.DepartmentCode) {
		return ap, nil
	}
	return portal.Appointment{}, portal.Errorf(portal.ENotFound, "appointment %s hidden from %s", id, a.UserID)
}

func (s *Service) atWindow(a portal.Actor, site, dept string) bool {
	return a.Is(portal.RoleStaff, portal.RoleChief) && a.SiteCode == site && a.DepartmentCode == dept
}

// CancelUntil is the last moment the appointment can be cancelled or moved.
func (s *Service) CancelUntil(ctx context.Context, ap portal.Appointment) time.Time {
	rules, err := s.DB.BookingRules(ctx, ap.SiteCode)
	if err != nil {
		rules = portal.DefaultBookingRules(ap.SiteCode)
	}
	return ap.Start.Add(-time.Duration(rules.CancelBeforeMinutes) * time.Minute)
}

// Cancel cancels the caller's appointment until the cut-off; the place goes to the first
// waiter in the same transaction.
func (s *Service) Cancel(ctx context.Context, a portal.Actor, id string) error {
	ap, err := s.owned(ctx, a, id)
	if err != nil {
		return err
	}
	rules, err := s.DB.BookingRules(ctx, ap.SiteCode)
	if err != nil {
		return err
	}
	// The cut-off as a condition of the update: an appointment starting before it stays.
	before := s.now().Add(time.Duration(rules.CancelBeforeMinutes) * time.Minute)
	_, err = s.DB.Cancel(ctx, store.CancelRequest{AppointmentID: ap.ID, Before: before, Reminders: reminders, Params: s.messageParams})
	return err
}

// Reschedule moves the caller's appointment to another slot in one transaction: the new
// place is taken and the old one released together, so a full slot leaves the old
// appointment as it was, and the freed place goes to the old slot's first waiter.
func (s *Service) Reschedule(ctx context.Context, a portal.Actor, id, slotID string) (portal.Appointment, error) {
	ap, err := s.owned(ctx, a, id)
	if err != nil {
		return ap, err
	}
	if ap.Status != portal.ApptBooked {
		return ap, portal.Errorf(portal.EInvalidState, "appointment %s is %s", id, ap.Status)
	}
	if slotID == ap.SlotID {
		return ap, nil
	}
	slot, err := s.DB.Slot(ctx, slotID)
	if err != nil {
		return ap, err
	}
	if err := s.checkSlot(ctx, a, slot, ap.ItemCode); err != nil {
		return ap, err
	}
	rules, err := s.DB.BookingRules(ctx, ap.SiteCode)
	if err != nil {
		return ap, err
	}
	before := s.now().Add(time.Duration(rules.CancelBeforeMinutes) * time.Minute)
	return s.DB.Move(ctx, store.MoveRequest{SlotID: slotID, CancelRequest: store.CancelRequest{
		AppointmentID: ap.ID, Before: before, Reminders: reminders, Params: s.messageParams}})
}

// Mine is what a person has booked or is waiting for.
type Mine struct {
	Appointments   []portal.Appointment
	Waiting        []store.WaitEntry
	SuspendedUntil time.Time // zero unless online booking is suspended
}

// Mine lists the caller's appointments and waitlist places and, if booking is suspended,
// until when.
func (s *Service) Mine(ctx context.Context, a portal.Actor) (Mine, error) {
	var m Mine
	var err error
	if m.Appointments, err = s.DB.UserAppointments(ctx, a.UserID); err != nil {
		return m, err
	}
	if m.Waiting, err = s.DB.UserWaitlist(ctx, a.UserID); err != nil {
		return m, err
	}
	if m.SuspendedUntil, _, err = s.DB.BookingSuspension(ctx, a.UserID); m.SuspendedUntil.Before(s.now()) {
		m.SuspendedUntil = time.Time{}
	}
	return m, err
}

// JoinWaitlist puts the caller on a full slot's waitlist and returns their position.
func (s *Service) JoinWaitlist(ctx context.Context, a portal.Actor, slotID, itemCode string) (string, int, error) {
	if !a.Is(portal.RoleApplicant, portal.RoleAgent) {
		return "", 0, portal.Errorf(portal.EForbidden, "%s may not wait for slots", a.Role)
	}
	slot, err := s.DB.Slot(ctx, slotID)
	if err != nil {
		return "", 0, err
	}
	item, err := s.DB.Item(ctx, itemCode)
	if err != nil || item.DepartmentCode != slot.DepartmentCode {
		return "", 0, portal.FieldError("item_code", "field.item_not_in_slot")
	}
	if slot.Remaining() > 0 {
		return "", 0, portal.Errorf(portal.EInvalidState, "slot %s has places; book it", slotID)
	}
	if !s.mayBookKind(a, slot.Kind) || !slot.Start.After(s.now()) {
		return "", 0, portal.Errorf(portal.EOutsideWindow, "slot %s cannot be waited for", slotID)
	}
	id, err := s.DB.JoinWaitlist(ctx, slotID, a.UserID, itemCode)
	if err != nil {
		return "", 0, err
	}
	pos, err := s.DB.WaitlistPosition(ctx, slotID, a.UserID)
	return id, pos, err
}

// StaffDay lists a window's appointments of one day for its staff (a supervisor names the
// window).
func (s *Service) StaffDay(ctx context.Context, a portal.Actor, date string) (string, []portal.Appointment, map[string]int, error) {
	if !a.Is(portal.RoleStaff, portal.RoleChief) {
		return date, nil, nil, portal.Errorf(portal.EForbidden, "%s has no window", a.Role)
	}
	if date == "" {
		date = s.today().String()
	}
	if _, err := calendar.ParseDate(date); err != nil {
		return date, nil, nil, portal.FieldError("date", "field.date")
	}
	list, err := s.DB.DayAppointments(ctx, a.SiteCode, a.DepartmentCode, date)
	if err != nil {
		return date, nil, nil, err
	}
	sum := map[string]int{portal.ApptBooked: 0, portal.ApptCheckedIn: 0, portal.ApptNoShow: 0, portal.ApptCancelled: 0, "walk_in": 0, "total": 0}
	for _, ap := range list {
		// Walk-ins are counted apart from the appointments that were booked.
		if ap.WalkIn {
			sum["walk_in"]++
		} else {
			sum[ap.Status]++
		}
		if ap.Status != portal.ApptCancelled {
			sum["total"]++
		}
	}
	return date, list, sum, nil
}

// windowAppointment finds an appointment by its code for staff of its window; another
// window's code is "not found".
func (s *Service) windowAppointment(ctx context.Context, a portal.Actor, code string) (portal.Appointment, error) {
	if !a.Is(portal.RoleStaff, portal.RoleChief) {
		return portal.Appointment{}, portal.Errorf(portal.EForbidden, "%s has no window", a.Role)
	}
	ap, err := s.DB.AppointmentByCode(ctx, strings.TrimSpace(code))
	if err != nil {
		return ap, err
	}
	if !s.atWindow(a, ap.SiteCode, ap.DepartmentCode) {
		return portal.Appointment{}, portal.Errorf(portal.ENotFound, "appointment %s belongs to another window", code)
	}
	return ap, nil
}

// CheckIn marks the person arrived. Only on the appointment's day.
func (s *Service) CheckIn(ctx context.Context, a portal.Actor, code string) (portal.Appointment, error) {
	ap, err := s.windowAppointment(ctx, a, code)
	if err != nil {
		return ap, err
	}
	if ap.Date != s.today().String() {
		return ap, portal.Errorf(portal.EInvalidState, "appointment %s is on %s, not today", code, ap.Date)
	}
	return s.DB.SetAppointmentStatus(ctx, ap.ID, portal.ApptBooked, portal.ApptCheckedIn)
}

// NoShow records that the person did not come, once the grace period after the start is
// over, and suspends online booking after too many no-shows.
func (s *Service) NoShow(ctx context.Context, a portal.Actor, code string) (portal.Appointment, error) {
	ap, err := s.windowAppointment(ctx, a, code)
	if err != nil {
		return ap, err
	}
	rules, err := s.DB.BookingRules(ctx, ap.SiteCode)
	if err != nil {
		return ap, err
	}
	if s.now().Before(ap.Start.Add(time.Duration(rules.GraceMinutes) * time.Minute)) {
		return ap, portal.Errorf(portal.EGraceNotOver, "grace period of %s not over", code)
	}
	return s.recordNoShow(ctx, ap, rules)
}

func (s *Service) recordNoShow(ctx context.Context, ap portal.Appointment, rules portal.BookingRules) (portal.Appointment, error) {
	ap, err := s.DB.SetAppointmentStatus(ctx, ap.ID, portal.ApptBooked, portal.ApptNoShow)
	if err != nil {
		return ap, err
	}
	since := s.now().AddDate(0, 0, -rules.NoShowWindowDays)
	n, err := s.DB.CountNoShows(ctx, ap.UserID, since)
	if err != nil || n < rules.NoShowLimit {
		return ap, err
	}
	until := s.now().AddDate(0, 0, rules.SuspendDays)
	_, err = s.DB.SuspendBooking(ctx, ap.UserID, s.now(), until, fmt.Sprintf("%d no-shows", n), portal.Notification{
		UserID: ap.UserID, Kind: "booking_suspended", Link: "/appointments",
		Params: map[string]string{"until": calendar.DateOf(until, s.Loc).String(), "count": fmt.Sprint(n)}})
	return ap, err
}

// WalkIn records a person served at the window without an appointment.
func (s *Service) WalkIn(ctx context.Context, a portal.Actor, itemCode, name string) (portal.Appointment, error) {
	if !a.Is(portal.RoleStaff, portal.RoleChief) {
		return portal.Appointment{}, portal.Errorf(portal.EForbidden, "%s has no window", a.Role)
	}
	item, err := s.DB.Item(ctx, itemCode)
	if err != nil || item.DepartmentCode != a.DepartmentCode {
		return portal.Appointment{}, portal.FieldError("item_code", "field.item_not_at_window")
	}
	now := s.now()
	ap := portal.Appointment{UserID: a.UserID, ItemCode: itemCode, SiteCode: a.SiteCode, DepartmentCode: a.DepartmentCode,
		Date: calendar.DateOf(now, s.Loc).String(), Start: now, End: now, BookedBy: a.UserID, VisitorName: strings.TrimSpace(name)}
	return ap, s.DB.WalkIn(ctx, &ap)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
