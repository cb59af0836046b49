package appointments

import (
	"context"
	"time"

	"portal/server/calendar"
	"portal/server/portal"
	"portal/server/store"
)

func admin(a portal.Actor) error {
	if !a.Is(portal.RoleAdmin) {
		return portal.Errorf(portal.EForbidden, "%s may not configure booking", a.Role)
	}
	return nil
}

// Templates lists slot templates for admins.
func (s *Service) Templates(ctx context.Context, a portal.Actor, site string) ([]portal.SlotTemplate, error) {
	if err := admin(a); err != nil {
		return nil, err
	}
	return s.DB.ListTemplates(ctx, site)
}

// SaveTemplate creates or changes a template and regenerates its free future slots.
// Booked slots stay as they are; their people are told the schedule changed and their
// appointment stands.
func (s *Service) SaveTemplate(ctx context.Context, a portal.Actor, t portal.SlotTemplate) (portal.SlotTemplate, error) {
	if err := admin(a); err != nil {
		return t, err
	}
	if err := checkTemplate(t); err != nil {
		return t, err
	}
	if err := s.checkPlace(ctx, t.SiteCode, t.DepartmentCode); err != nil {
		return t, err
	}
	if t.ID != "" {
		if _, err := s.DB.Template(ctx, t.ID); err != nil {
			return t, err
		}
	}
	if err := s.DB.PutTemplate(ctx, &t); err != nil {
		return t, err
	}
	kept, err := s.DB.DeleteFreeSlots(ctx, t.ID, s.today().AddDays(1).String())
	if err != nil {
		return t, err
	}
	if _, err := s.GenerateSlots(ctx); err != nil {
		return t, err
	}
	for _, sl := range kept {
		list, err := s.DB.DayAppointments(ctx, sl.SiteCode, sl.DepartmentCode, sl.Date)
		if err != nil {
			return t, err
		}
		for _, ap := range list {
			if ap.SlotID == sl.ID && ap.Status == portal.ApptBooked {
				s.DB.Notify(ctx, portal.Notification{UserID: ap.UserID, Kind: "schedule_changed",
					Params: map[string]string{"code": ap.Code, "date": ap.Date, "time": ap.Start.In(s.Loc).Format("15:04")},
					Link:   "/appointments/" + ap.ID})
			}
		}
	}
	return t, nil
}

func checkTemplate(t portal.SlotTemplate) error {
	fields := map[string]string{}
	sh, sm, ok1 := parseClock(t.Start)
	eh, em, ok2 := parseClock(t.End)
	if !ok1 {
		fields["start"] = "field.clock"
	}
	if !ok2 {
		fields["end"] = "field.clock"
	}
	if ok1 && ok2 && eh*60+em <= sh*60+sm {
		fields["end"] = "field.end_after_start"
	}
	if (t.BreakStart == "") != (t.BreakEnd == "") {
		fields["break_end"] = "field.break_pair"
	} else if t.BreakStart != "" {
		bh, bm, ok3 := parseClock(t.BreakStart)
		ch, cm, ok4 := parseClock(t.BreakEnd)
		switch {
		case !ok3:
			fields["break_start"] = "field.clock"
		case !ok4:
			fields["break_end"] = "field.clock"
		case ch*60+cm <= bh*60+bm:
			fields["break_end"] = "field.end_after_start"
		case ok1 && ok2 && (bh*60+bm < sh*60+sm || ch*60+cm > eh*60+em):
			fields["break_start"] = "field.break_inside"
		}
	}
	seen := map[time.Weekday]bool{}
	for _, d := range t.Weekdays {
		if seen[d] || d < time.Sunday || d > time.Saturday {
			fields["weekdays"] = "field.weekdays"
		}
		seen[d] = true
	}
	if !t.Kind.Valid() {
		fields["kind"] = "field.oneof"
	}
	if len(t.Weekdays) == 0 {
		fields["weekdays"] = "field.required"
	}
	if len(fields) > 0 {
		return &portal.Error{Code: portal.EInvalid, Fields: fields}
	}
	return nil
}

// checkPlace makes sure a site (and a department, when given) exist, so a typo is a
// field error and not a foreign-key failure.
func (s *Service) checkPlace(ctx context.Context, site, dept string) error {
	sites, err := s.DB.ListSites(ctx)
	if err != nil {
		return err
	}
	fields := map[string]string{}
	found := false
	for _, x := range sites {
		found = found || x.Code == site
	}
	if !found {
		fields["site_code"] = "field.site"
	}
	if dept != "" {
		deps, err := s.DB.ListDepartments(ctx)
		if err != nil {
			return err
		}
		found = false
		for _, d := range deps {
			found = found || d.Code == dept
		}
		if !found {
			fields["department_code"] = "field.department"
		}
	}
	if len(fields) > 0 {
		return &portal.Error{Code: portal.EInvalid, Fields: fields}
	}
	return nil
}

// CalendarYear lists the calendar exceptions and closures for admins.
func (s *Service) CalendarDays(ctx context.Context, a portal.Actor) ([]store.CalendarDay, []store.Closure, error) {
	if !a.Is(portal.RoleAdmin, portal.RoleSupervisor) {
		return nil, nil, portal.Errorf(portal.EForbidden, "%s may not read the calendar setup", a.Role)
	}
	days, err := s.DB.ListCalendarDays(ctx)
	if err != nil {
		return nil, nil, err
	}
	closures, err := s.DB.ListClosures(ctx)
	return days, closures, err
}

// PutCalendarDay adds or changes a holiday or make-up working day.
func (s *Service) PutCalendarDay(ctx context.Context, a portal.Actor, d store.CalendarDay) error {
	if err := admin(a); err != nil {
		return err
	}
	if _, err := calendar.ParseDate(d.Date); err != nil {
		return portal.FieldError("date", "field.date")
	}
	if err := s.DB.PutCalendarDay(ctx, d, false); err != nil {
		return err
	}
	_, err := s.GenerateSlots(ctx)
	return err
}

// DeleteCalendarDay makes a date follow the weekday rule again, and opens its slots when it
// becomes a working day.
func (s *Service) DeleteCalendarDay(ctx context.Context, a portal.Actor, date string) error {
	if err := admin(a); err != nil {
		return err
	}
	found, err := s.DB.DeleteCalendarDay(ctx, date)
	if err != nil {
		return err
	}
	if !found {
		return portal.Errorf(portal.ENotFound, "no calendar entry on %s", date)
	}
	_, err = s.GenerateSlots(ctx)
	return err
}

// ReopenSite lifts a site closure.
func (s *Service) ReopenSite(ctx context.Context, a portal.Actor, site, date string) error {
	if err := admin(a); err != nil {
		return err
	}
	found, err := s.DB.DeleteClosure(ctx, site, date)
	if err != nil {
		return err
	}
	if !found {
		return portal.Errorf(portal.ENotFound, "site %s is not closed on %s", site, date)
	}
	_, err = s.GenerateSlots(ctx)
	return err
}

// CloseSite closes a site for a day. Slots already generated for that day stay so booked
// people are not silently dropped; they are told.
func (s *Service) CloseSite(ctx context.Context, a portal.Actor, c store.Closure) error {
	if err := admin(a); err != nil {
		return err
	}
	if _, err := calendar.ParseDate(c.Date); err != nil {
		return portal.FieldError("date", "field.date")
	}
	if err := s.checkPlace(ctx, c.SiteCode, ""); err != nil {
		return portal.Errorf(portal.ENotFound, "site %s", c.SiteCode)
	}
	if err := s.DB.PutClosure(ctx, c); err != nil {
		return err
	}
	templates, err := s.DB.ListTemplates(ctx, c.SiteCode)
	if err != nil {
		return err
	}
	for _, t := range templates {
		list, err := s.DB.DayAppointments(ctx, c.SiteCode, t.DepartmentCode, c.Date)
		if err != nil {
			return err
		}
		for _, ap := range list {
			if ap.Status == portal.ApptBooked {
				s.DB.Notify(ctx, portal.Notification{UserID: ap.UserID, Kind: "site_closed",
					Params: map[string]string{"code": ap.Code, "date": ap.Date, "reason": c.Reason}, Link: "/appointments/" + ap.ID})
			}
		}
	}
	return nil
}

// Rules returns a site's booking rules.
func (s *Service) Rules(ctx context.Context, site string) (portal.BookingRules, error) {
	if err := s.checkPlace(ctx, site, ""); err != nil {
		return portal.BookingRules{}, portal.Errorf(portal.ENotFound, "site %s", site)
	}
	return s.DB.BookingRules(ctx, site)
}

// PutRules changes a site's booking rules.
func (s *Service) PutRules(ctx context.Context, a portal.Actor, r portal.BookingRules) error {
	if err := admin(a); err != nil {
		return err
	}
	if err := s.checkPlace(ctx, r.SiteCode, ""); err != nil {
		return portal.Errorf(portal.ENotFound, "site %s", r.SiteCode)
	}
	return s.DB.PutBookingRules(ctx, r)
}

// RequestHomeVisit files a door-to-door request for an applicant who cannot come.
func (s *Service) RequestHomeVisit(ctx context.Context, a portal.Actor, v portal.HomeVisit) (portal.HomeVisit, error) {
	if !a.Is(portal.RoleApplicant) {
		return v, portal.Errorf(portal.EForbidden, "%s may not request home visits", a.Role)
	}
	item, err := s.DB.Item(ctx, v.ItemCode)
	if err != nil || item.Status != portal.ItemActive {
		return v, portal.FieldError("item_code", "field.item_unknown")
	}
	if v.SiteCode == "" {
		v.SiteCode = "county"
	}
	if !contains(item.Sites, v.SiteCode) {
		return v, portal.FieldError("site_code", "field.site_not_for_item")
	}
	v.UserID, v.DepartmentCode = a.UserID, item.DepartmentCode
	return v, s.DB.CreateHomeVisit(ctx, &v)
}

// HomeVisits lists the caller's requests, or their window's for staff.
func (s *Service) HomeVisits(ctx context.Context, a portal.Actor) ([]portal.HomeVisit, error) {
	switch {
	case a.Is(portal.RoleApplicant):
		return s.DB.HomeVisits(ctx, a.UserID, "", "")
	case a.Is(portal.RoleStaff, portal.RoleChief):
		return s.DB.HomeVisits(ctx, "", a.DepartmentCode, a.SiteCode)
	}
	return nil, portal.Errorf(portal.EForbidden, "%s has no home visits", a.Role)
}

// DecideHomeVisit lets window staff accept, schedule or decline (with a reason) a request
// addressed to their window.
func (s *Service) DecideHomeVisit(ctx context.Context, a portal.Actor, id, decision string, at *time.Time, note string) (portal.HomeVisit, error) {
	if !a.Is(portal.RoleStaff, portal.RoleChief) {
		return portal.HomeVisit{}, portal.Errorf(portal.EForbidden, "%s has no window", a.Role)
	}
	v, err := s.DB.HomeVisit(ctx, id)
	if err != nil {
		return v, err
	}
	if v.DepartmentCode != a.DepartmentCode || v.SiteCode != a.SiteCode {
		return portal.HomeVisit{}, portal.Errorf(portal.ENotFound, "home visit %s belongs to another window", id)
	}
	next := portal.HomeVisit{StaffNote: note, HandledBy: a.UserID}
	var from []string
	switch decision {
	case "accept":
		next.Status, from = portal.VisitAccepted, []string{portal.VisitRequested}
	case "schedule":
		if at == nil || !at.After(s.now()) {
			return v, portal.FieldError("scheduled_at", "field.future_time")
		}
		next.Status, next.ScheduledAt, from = portal.VisitScheduled, at, []string{portal.VisitRequested, portal.VisitAccepted, portal.VisitScheduled}
	case "decline":
		if note == "" {
			return v, portal.FieldError("note", "field.reason_required")
		}
		next.Status, from = portal.VisitDeclined, []string{portal.VisitRequested, portal.VisitAccepted}
	default:
		return v, portal.FieldError("decision", "field.oneof")
	}
	return s.DB.DecideHomeVisit(ctx, id, from, next, func(v portal.HomeVisit) map[string]string {
		p := map[string]string{"item": v.ItemCode, "note": v.StaffNote}
		if it, err := s.DB.Item(ctx, v.ItemCode); err == nil {
			p["item"] = it.Name
		}
		if v.ScheduledAt != nil {
			local := v.ScheduledAt.In(s.Loc)
			p["date"], p["time"] = local.Format("2006-01-02"), local.Format("15:04")
		}
		return p
	})
}
