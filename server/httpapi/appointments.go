package httpapi

import (
	"context"
	"encoding/base64"
	"net/http"
	"strings"
	"time"

	"github.com/skip2/go-qrcode"

	"portal/app/api"
	"portal/server/accounts"
	"portal/server/portal"
	"portal/server/store"
)

func (s *Server) slots(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	views, days, err := s.Appointments.Slots(r.Context(), actorFrom(r.Context()), q.Get("site"), q.Get("item"), q.Get("from"), q.Get("to"))
	if err != nil {
		return err
	}
	out := api.SlotList{Slots: make([]api.Slot, 0, len(views)), Days: days}
	for _, v := range views {
		sl := s.slotToAPI(v.Slot)
		sl.Bookable = v.Bookable
		out.Slots = append(out.Slots, sl)
	}
	if out.Days == nil {
		out.Days = []string{}
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

// slotToAPI shows a slot with its times in the centre's zone (+08:00), as people read them.
func (s *Server) slotToAPI(sl portal.Slot) api.Slot {
	loc := s.Appointments.Loc
	return api.Slot{ID: sl.ID, Site: sl.SiteCode, Department: sl.DepartmentCode, Date: sl.Date, Start: sl.Start.In(loc),
		End: sl.End.In(loc), Capacity: sl.Capacity, Booked: sl.Booked, Remaining: sl.Remaining(), Kind: string(sl.Kind)}
}

func (s *Server) book(w http.ResponseWriter, r *http.Request) error {
	var req api.BookRequest
	if err := s.decode(w, r, &req); err != nil {
		return err
	}
	key := r.Header.Get("Idempotency-Key")
	if len(key) > 100 {
		return portal.FieldError("Idempotency-Key", "field.too_long")
	}
	ap, replayed, err := s.Appointments.Book(r.Context(), actorFrom(r.Context()), req.SlotID, req.ItemCode, key)
	if err != nil {
		return err
	}
	status := http.StatusCreated
	if replayed {
		status = http.StatusOK
	}
	return s.writeAppointment(w, r, status, ap, true)
}

func (s *Server) myAppointments(w http.ResponseWriter, r *http.Request) error {
	mine, err := s.Appointments.Mine(r.Context(), actorFrom(r.Context()))
	if err != nil {
		return err
	}
	out := api.AppointmentList{Appointments: make([]api.Appointment, 0, len(mine.Appointments))}
	for _, w := range mine.Waiting {
		out.Waitlist = append(out.Waitlist, api.WaitlistInfo{ID: w.ID, SlotID: w.SlotID, Position: w.Position})
	}
	until := mine.SuspendedUntil
	for _, ap := range mine.Appointments {
		a, err := s.appointmentToAPI(r.Context(), ap, false)
		if err != nil {
			return err
		}
		out.Appointments = append(out.Appointments, a)
	}
	if !until.IsZero() {
		out.SuspendedUntil = &until
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

func (s *Server) appointment(w http.ResponseWriter, r *http.Request) error {
	ap, err := s.Appointments.Get(r.Context(), actorFrom(r.Context()), r.PathValue("id"))
	if err != nil {
		return err
	}
	return s.writeAppointment(w, r, http.StatusOK, ap, true)
}

// writeAppointment answers with an appointment; withQR adds its check-in QR code.
func (s *Server) writeAppointment(w http.ResponseWriter, r *http.Request, status int, ap portal.Appointment, withQR bool) error {
	out, err := s.appointmentToAPI(r.Context(), ap, withQR)
	if err != nil {
		return err
	}
	writeJSON(w, status, out)
	return nil
}

func (s *Server) cancelAppointment(w http.ResponseWriter, r *http.Request) error {
	a := actorFrom(r.Context())
	if err := s.Appointments.Cancel(r.Context(), a, r.PathValue("id")); err != nil {
		return err
	}
	ap, err := s.Appointments.Get(r.Context(), a, r.PathValue("id"))
	if err != nil {
		return err
	}
	return s.writeAppointment(w, r, http.StatusOK, ap, false)
}

func (s *Server) rescheduleAppointment(w http.ResponseWriter, r *http.Request) error {
	var req api.RescheduleRequest
	if err := s.decode(w, r, &req); err != nil {
		return err
	}
	ap, err := s.Appointments.Reschedule(r.Context(), actorFrom(r.Context()), r.PathValue("id"), req.SlotID)
	if err != nil {
		return err
	}
	return s.writeAppointment(w, r, http.StatusOK, ap, true)
}

// appointmentICS answers an iCalendar file people add to their phone's calendar.
func (s *Server) appointmentICS(w http.ResponseWriter, r *http.Request) error {
	ap, err := s.Appointments.Get(r.Context(), actorFrom(r.Context()), r.PathValue("id"))
	if err != nil {
		return err
	}
	a, err := s.appointmentToAPI(r.Context(), ap, false)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="appointment-`+ap.Code+`.ics"`)
	w.Write([]byte(ICS(a, time.Now())))
	return nil
}

// ICS renders an appointment as an iCalendar event (RFC 5545) with a reminder two hours
// before.
func ICS(a api.Appointment, now time.Time) string {
	esc := strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\n", `\n`).Replace
	stamp := func(t time.Time) string { return t.UTC().Format("20060102T150405Z") }
	lines := []string{
		"BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//county-portal//appointments//ZH", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
		"BEGIN:VEVENT",
		"UID:" + a.ID + "@portal",
		"DTSTAMP:" + stamp(now),
		"DTSTART:" + stamp(a.Start),
		"DTEND:" + stamp(a.End),
		"SUMMARY:" + esc(a.ItemName+"（"+a.DepartmentName+"）预约 "+a.Code),
		"LOCATION:" + esc(a.SiteName+" "+a.SiteAddress),
		"DESCRIPTION:" + esc("预约码 "+a.Code+"。请携带办事指南所列材料，提前10分钟到达。"),
		"BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:" + esc(a.ItemName), "TRIGGER:-PT2H", "END:VALARM",
		"END:VEVENT", "END:VCALENDAR",
	}
	return strings.Join(lines, "\r\n") + "\r\n"
}

func (s *Server) joinWaitlist(w http.ResponseWriter, r *http.Request) error {
	var req api.WaitlistRequest
	if err := s.decode(w, r, &req); err != nil {
		return err
	}
	id, pos, err := s.Appointments.JoinWaitlist(r.Context(), actorFrom(r.Context()), r.PathValue("id"), req.ItemCode)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, api.WaitlistInfo{ID: id, SlotID: r.PathValue("id"), Position: pos})
	return nil
}

func (s *Server) staffDay(w http.ResponseWriter, r *http.Request) error {
	date, list, sum, err := s.Appointments.StaffDay(r.Context(), actorFrom(r.Context()), r.URL.Query().Get("date"))
	if err != nil {
		return err
	}
	out := api.StaffDay{Date: date, Appointments: make([]api.Appointment, 0, len(list)), Summary: sum}
	for _, ap := range list {
		a, err := s.appointmentToAPI(r.Context(), ap, false)
		if err != nil {
			return err
		}
		a.Person = s.personLabel(r.Context(), ap)
		out.Appointments = append(out.Appointments, a)
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

// personLabel names the person for window staff with the phone masked (个人信息保护法).
func (s *Server) personLabel(ctx context.Context, ap portal.Appointment) string {
	if ap.WalkIn {
		return ap.VisitorName
	}
	u, err := s.DB.UserByID(ctx, ap.UserID)
	if err != nil {
		return ""
	}
	if u.Phone != "" {
		return u.Name + " " + accounts.MaskPhone(u.Phone)
	}
	return u.Name
}

func (s *Server) checkIn(w http.ResponseWriter, r *http.Request) error {
	return s.windowAction(w, r, s.Appointments.CheckIn)
}

func (s *Server) noShow(w http.ResponseWriter, r *http.Request) error {
	return s.windowAction(w, r, s.Appointments.NoShow)
}

func (s *Server) windowAction(w http.ResponseWriter, r *http.Request, act func(context.Context, portal.Actor, string) (portal.Appointment, error)) error {
	ap, err := act(r.Context(), actorFrom(r.Context()), r.PathValue("code"))
	if err != nil {
		return err
	}
	out, err := s.appointmentToAPI(r.Context(), ap, false)
	if err != nil {
		return err
	}
	out.Person = s.personLabel(r.Context(), ap)
	writeJSON(w, http.StatusOK, out)
	return nil
}

func (s *Server) walkIn(w http.ResponseWriter, r *http.Request) error {
	var req api.WalkInRequest
	if err := s.decode(w, r, &req); err != nil {
		return err
	}
	ap, err := s.Appointments.WalkIn(r.Context(), actorFrom(r.Context()), req.ItemCode, req.VisitorName)
	if err != nil {
		return err
	}
	out, err := s.appointmentToAPI(r.Context(), ap, false)
	if err != nil {
		return err
	}
	out.Person = ap.VisitorName
	writeJSON(w, http.StatusCreated, out)
	return nil
}

// appointmentToAPI adds the names people read (item, site, department) and, for the
// detail view, the check-in QR code.
func (s *Server) appointmentToAPI(ctx context.Context, ap portal.Appointment, withQR bool) (api.Appointment, error) {
	out := api.Appointment{
		ID: ap.ID, Code: ap.Code, Status: ap.Status, ItemCode: ap.ItemCode, SiteCode: ap.SiteCode,
		DepartmentCode: ap.DepartmentCode, Date: ap.Date, Start: ap.Start.In(s.Appointments.Loc), End: ap.End.In(s.Appointments.Loc),
		WalkIn: ap.WalkIn, CreatedAt: ap.CreatedAt, CheckedInAt: ap.CheckedInAt,
		CancelUntil: s.Appointments.CancelUntil(ctx, ap).In(s.Appointments.Loc),
	}
	if it, err := s.DB.Item(ctx, ap.ItemCode); err == nil {
		out.ItemName, out.DepartmentName = it.Name, it.DepartmentName
	}
	if sites, err := s.DB.ListSites(ctx); err == nil {
		for _, st := range sites {
			if st.Code == ap.SiteCode {
				out.SiteName, out.SiteAddress = st.Name, st.Address
			}
		}
	}
	if ap.SlotID != "" {
		if sl, err := s.DB.Slot(ctx, ap.SlotID); err == nil {
			v := s.slotToAPI(sl)
			out.Slot = &v
		}
	}
	if withQR && ap.Status == portal.ApptBooked {
		png, err := qrcode.Encode(ap.Code, qrcode.Medium, 256)
		if err != nil {
			return out, err
		}
		out.QRPNG = base64.StdEncoding.EncodeToString(png)
	}
	return out, nil
}

func (s *Server) requestHomeVisit(w http.ResponseWriter, r *http.Request) error {
	var req api.HomeVisitRequest
	if err := s.decode(w, r, &req); err != nil {
		return err
	}
	v, err := s.Appointments.RequestHomeVisit(r.Context(), actorFrom(r.Context()), portal.HomeVisit{
		ItemCode: req.ItemCode, SiteCode: req.SiteCode, Address: strings.TrimSpace(req.Address),
		Reason: strings.TrimSpace(req.Reason), ContactPhone: req.ContactPhone,
	})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, s.visitToAPI(r.Context(), v, true))
	return nil
}

func (s *Server) homeVisits(w http.ResponseWriter, r *http.Request) error {
	a := actorFrom(r.Context())
	list, err := s.Appointments.HomeVisits(r.Context(), a)
	if err != nil {
		return err
	}
	out := api.HomeVisitList{Visits: make([]api.HomeVisit, 0, len(list))}
	for _, v := range list {
		hv := s.visitToAPI(r.Context(), v, v.UserID == a.UserID)
		if v.UserID != a.UserID {
			if u, err := s.DB.UserByID(r.Context(), v.UserID); err == nil {
				hv.Person = u.Name
			}
		}
		out.Visits = append(out.Visits, hv)
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

func (s *Server) decideHomeVisit(w http.ResponseWriter, r *http.Request) error {
	var req api.HomeVisitDecision
	if err := s.decode(w, r, &req); err != nil {
		return err
	}
	v, err := s.Appointments.DecideHomeVisit(r.Context(), actorFrom(r.Context()), r.PathValue("id"), req.Decision, req.ScheduledAt, strings.TrimSpace(req.Note))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, s.visitToAPI(r.Context(), v, false))
	return nil
}

// visitToAPI shows a request; the contact phone is whole for its owner and for the window
// that must call, which is why staff see it (their role needs it to arrange the visit).
func (s *Server) visitToAPI(ctx context.Context, v portal.HomeVisit, own bool) api.HomeVisit {
	out := api.HomeVisit{ID: v.ID, ItemCode: v.ItemCode, SiteCode: v.SiteCode, Address: v.Address, Reason: v.Reason,
		ContactPhone: v.ContactPhone, Status: v.Status, ScheduledAt: v.ScheduledAt, StaffNote: v.StaffNote, CreatedAt: v.CreatedAt}
	if it, err := s.DB.Item(ctx, v.ItemCode); err == nil {
		out.ItemName = it.Name
	}
	return out
}

func (s *Server) notifications(w http.ResponseWriter, r *http.Request) error {
	list, err := s.DB.Notifications(r.Context(), actorFrom(r.Context()).UserID, 100)
	if err != nil {
		return err
	}
	out := api.NotificationList{Notifications: make([]api.Notification, 0, len(list))}
	for _, n := range list {
		out.Notifications = append(out.Notifications, api.Notification{ID: n.ID, Kind: n.Kind, Params: n.Params, Link: n.Link,
			CreatedAt: n.CreatedAt, Read: n.ReadAt != nil})
		if n.ReadAt == nil {
			out.Unread++
		}
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

func (s *Server) readNotification(w http.ResponseWriter, r *http.Request) error {
	if err := s.DB.MarkRead(r.Context(), actorFrom(r.Context()).UserID, r.PathValue("id")); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (s *Server) templates(w http.ResponseWriter, r *http.Request) error {
	list, err := s.Appointments.Templates(r.Context(), actorFrom(r.Context()), r.URL.Query().Get("site"))
	if err != nil {
		return err
	}
	out := api.SlotTemplateList{Templates: make([]api.SlotTemplate, 0, len(list))}
	for _, t := range list {
		out.Templates = append(out.Templates, templateToAPI(t))
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

func templateToAPI(t portal.SlotTemplate) api.SlotTemplate {
	days := make([]int, len(t.Weekdays))
	for i, d := range t.Weekdays {
		days[i] = int(d)
	}
	return api.SlotTemplate{ID: t.ID, SiteCode: t.SiteCode, DepartmentCode: t.DepartmentCode, Weekdays: days, Start: t.Start,
		End: t.End, BreakStart: t.BreakStart, BreakEnd: t.BreakEnd, SlotMinutes: t.SlotMinutes, Capacity: t.Capacity,
		Kind: t.Kind.String(), Active: t.Active}
}

func (s *Server) saveTemplate(w http.ResponseWriter, r *http.Request) error {
	var req api.SlotTemplate
	if err := s.decode(w, r, &req); err != nil {
		return err
	}
	t := portal.SlotTemplate{ID: r.PathValue("id"), SiteCode: req.SiteCode, DepartmentCode: req.DepartmentCode,
		Start: req.Start, End: req.End, BreakStart: req.BreakStart, BreakEnd: req.BreakEnd, SlotMinutes: req.SlotMinutes,
		Capacity: req.Capacity, Kind: portal.SlotKind(req.Kind), Active: req.Active}
	for _, d := range req.Weekdays {
		t.Weekdays = append(t.Weekdays, time.Weekday(d))
	}
	saved, err := s.Appointments.SaveTemplate(r.Context(), actorFrom(r.Context()), t)
	if err != nil {
		return err
	}
	status := http.StatusOK
	if r.PathValue("id") == "" {
		status = http.StatusCreated
	}
	writeJSON(w, status, templateToAPI(saved))
	return nil
}

func (s *Server) calendarDays(w http.ResponseWriter, r *http.Request) error {
	days, closures, err := s.Appointments.CalendarDays(r.Context(), actorFrom(r.Context()))
	if err != nil {
		return err
	}
	out := api.CalendarList{Days: make([]api.CalendarDay, 0, len(days)), Closures: make([]api.Closure, 0, len(closures))}
	year := r.URL.Query().Get("year")
	for _, d := range days {
		if year == "" || strings.HasPrefix(d.Date, year) {
			out.Days = append(out.Days, api.CalendarDay{Date: d.Date, Kind: d.Kind, Name: d.Name})
		}
	}
	for _, c := range closures {
		if year == "" || strings.HasPrefix(c.Date, year) {
			out.Closures = append(out.Closures, api.Closure{SiteCode: c.SiteCode, Date: c.Date, Reason: c.Reason})
		}
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

func (s *Server) putCalendarDay(w http.ResponseWriter, r *http.Request) error {
	var req api.CalendarDay
	if err := s.decode(w, r, &req); err != nil {
		return err
	}
	if req.Date != r.PathValue("date") {
		return portal.FieldError("date", "field.date_mismatch")
	}
	if err := s.Appointments.PutCalendarDay(r.Context(), actorFrom(r.Context()), store.CalendarDay{Date: req.Date, Kind: req.Kind, Name: req.Name}); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, req)
	return nil
}

func (s *Server) deleteCalendarDay(w http.ResponseWriter, r *http.Request) error {
	if err := s.Appointments.DeleteCalendarDay(r.Context(), actorFrom(r.Context()), r.PathValue("date")); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (s *Server) closeSite(w http.ResponseWriter, r *http.Request) error {
	var req api.Closure
	if err := s.decode(w, r, &req); err != nil {
		return err
	}
	req.SiteCode = r.PathValue("code")
	if err := s.Appointments.CloseSite(r.Context(), actorFrom(r.Context()), store.Closure{SiteCode: req.SiteCode, Date: req.Date, Reason: req.Reason}); err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, req)
	return nil
}

func (s *Server) reopenSite(w http.ResponseWriter, r *http.Request) error {
	if err := s.Appointments.ReopenSite(r.Context(), actorFrom(r.Context()), r.PathValue("code"), r.PathValue("date")); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (s *Server) bookingRules(w http.ResponseWriter, r *http.Request) error {
	rules, err := s.Appointments.Rules(r.Context(), r.PathValue("code"))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, rulesToAPI(rules))
	return nil
}

func rulesToAPI(r portal.BookingRules) api.BookingRules {
	return api.BookingRules{SiteCode: r.SiteCode, DaysAhead: r.DaysAhead, CancelBeforeMinutes: r.CancelBeforeMinutes,
		GraceMinutes: r.GraceMinutes, NoShowLimit: r.NoShowLimit, NoShowWindowDays: r.NoShowWindowDays, SuspendDays: r.SuspendDays}
}

func (s *Server) putBookingRules(w http.ResponseWriter, r *http.Request) error {
	var req api.BookingRules
	if err := s.decode(w, r, &req); err != nil {
		return err
	}
	rules := portal.BookingRules{SiteCode: r.PathValue("code"), DaysAhead: req.DaysAhead, CancelBeforeMinutes: req.CancelBeforeMinutes,
		GraceMinutes: req.GraceMinutes, NoShowLimit: req.NoShowLimit, NoShowWindowDays: req.NoShowWindowDays, SuspendDays: req.SuspendDays}
	if err := s.Appointments.PutRules(r.Context(), actorFrom(r.Context()), rules); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, rulesToAPI(rules))
	return nil
}
