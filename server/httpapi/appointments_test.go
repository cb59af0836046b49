package httpapi_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"portal/app/api"
	"portal/server/demo"
	"portal/server/portal"
	"portal/server/store"
)

// firstSlots returns the bookable slots of an item in the booking window.
func (e *env) firstSlots(t *testing.T, token, item string) []api.Slot {
	t.Helper()
	var list api.SlotList
	r := e.do("GET", "/slots?site=county&item="+item, nil, bearer(token))
	r.decode(t, &list)
	var out []api.Slot
	for _, s := range list.Slots {
		if s.Bookable {
			out = append(out, s)
		}
	}
	if r.status != 200 || len(out) < 3 {
		t.Fatalf("slots for %s: %d, %d bookable", item, r.status, len(out))
	}
	return out
}

func (e *env) book(t *testing.T, token, slot, item string) (reply, api.Appointment) {
	t.Helper()
	r := e.do("POST", "/appointments", api.BookRequest{SlotID: slot, ItemCode: item}, bearer(token))
	var a api.Appointment
	if r.status == 201 || r.status == 200 {
		r.decode(t, &a)
	}
	return r, a
}

func (e *env) newApplicant(t *testing.T, phone string) string {
	t.Helper()
	r := e.do("POST", "/auth/register", api.RegisterRequest{Phone: phone, Password: "Qingshan2026", Name: "申请人" + phone[7:]}, nil)
	if r.status != 201 {
		t.Fatalf("register %s: %d %s", phone, r.status, r.body)
	}
	lr, _ := e.login(phone, "Qingshan2026")
	return lr.AccessToken
}

func TestAppointmentsBelongToTheirOwner(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		a, _ := e.login("13800000001", demo.Password)
		b := e.newApplicant(t, "13900000002")
		slots := e.firstSlots(t, a.AccessToken, "SCJGJ-001")

		if r, _ := e.book(t, "", slots[0].ID, "SCJGJ-001"); r.status != 401 {
			t.Errorf("anonymous booking: %d", r.status)
		}
		r, ap := e.book(t, a.AccessToken, slots[0].ID, "SCJGJ-001")
		if r.status != 201 || len(ap.Code) != 8 || ap.QRPNG == "" || ap.ItemName == "" || ap.SiteAddress == "" {
			t.Fatalf("booking: %d %s", r.status, r.body)
		}
		if !strings.HasSuffix(ap.Start.Format(time.RFC3339), "+08:00") {
			t.Errorf("start %s is not in the centre's zone", ap.Start.Format(time.RFC3339))
		}
		for _, p := range []string{"/appointments/" + ap.ID, "/appointments/" + ap.ID + "/ics"} {
			if r := e.do("GET", p, nil, bearer(b)); r.status != 404 {
				t.Errorf("B reads A's %s: %d", p, r.status)
			}
		}
		if r := e.do("POST", "/appointments/"+ap.ID+"/cancel", nil, bearer(b)); r.status != 404 {
			t.Errorf("B cancels A's appointment: %d", r.status)
		}
		var mine api.AppointmentList
		e.do("GET", "/appointments", nil, bearer(b)).decode(t, &mine)
		if len(mine.Appointments) != 0 {
			t.Errorf("B's list shows %d appointments", len(mine.Appointments))
		}
		r = e.do("GET", "/appointments/"+ap.ID+"/ics", nil, bearer(a.AccessToken))
		if r.status != 200 || !strings.Contains(string(r.body), "BEGIN:VCALENDAR") || !strings.Contains(string(r.body), ap.Code) ||
			!strings.HasPrefix(r.header.Get("Content-Type"), "text/calendar") {
			t.Errorf("ics: %d %s", r.status, r.body)
		}
		// The same person, same item, same day, another slot: refused.
		if r, _ := e.book(t, a.AccessToken, slots[1].ID, "SCJGJ-001"); r.status != 409 || r.errBody(t).Code != "already_booked" {
			t.Errorf("second booking that day: %d %s", r.status, r.body)
		}
		// A retry with the same Idempotency-Key returns the first appointment.
		h := bearer(b)
		h["Idempotency-Key"] = "retry-1"
		r1 := e.do("POST", "/appointments", api.BookRequest{SlotID: slots[2].ID, ItemCode: "SCJGJ-001"}, h)
		r2 := e.do("POST", "/appointments", api.BookRequest{SlotID: slots[2].ID, ItemCode: "SCJGJ-001"}, h)
		var x, y api.Appointment
		r1.decode(t, &x)
		r2.decode(t, &y)
		if r1.status != 201 || r2.status != 200 || x.ID != y.ID {
			t.Errorf("idempotent retry: %d %d, %s vs %s", r1.status, r2.status, x.ID, y.ID)
		}
		// The owner cancels; the place is free again.
		if r := e.do("POST", "/appointments/"+ap.ID+"/cancel", nil, bearer(a.AccessToken)); r.status != 200 {
			t.Fatalf("cancel: %d %s", r.status, r.body)
		}
		if r := e.do("POST", "/appointments/"+ap.ID+"/cancel", nil, bearer(a.AccessToken)); r.status != 409 {
			t.Errorf("cancel twice: %d", r.status)
		}
		sl, _ := e.db.Slot(context.Background(), slots[0].ID)
		if sl.Booked != 0 {
			t.Errorf("slot booked = %d after the cancellation", sl.Booked)
		}
	})
}

func TestWindowStaffSeeOnlyTheirWindow(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		applicant, _ := e.login("13800000001", demo.Password)
		staff, _ := e.login("staff", demo.Password) // 市场监督管理局 at the county centre
		admin, _ := e.login("admin", demo.Password)
		other := api.CreateUserRequest{Login: "rsj.window", Password: "Window2026", Name: "人社窗口", Role: "staff", DepartmentCode: "rsj", SiteCode: "county"}
		if r := e.do("POST", "/admin/users", other, bearer(admin.AccessToken)); r.status != 201 {
			t.Fatalf("create staff: %d %s", r.status, r.body)
		}
		otherStaff, _ := e.login("rsj.window", "Window2026")

		slots := e.firstSlots(t, applicant.AccessToken, "SCJGJ-001")
		_, ap := e.book(t, applicant.AccessToken, slots[0].ID, "SCJGJ-001")
		// Check-in happens on the appointment's day: move the service's clock there.
		e.appts.Now = func() time.Time { return ap.Start.Add(-30 * time.Minute) }
		defer func() { e.appts.Now = nil }()

		var day api.StaffDay
		r := e.do("GET", "/staff/appointments?date="+ap.Date, nil, bearer(staff.AccessToken))
		r.decode(t, &day)
		if r.status != 200 || len(day.Appointments) != 1 || day.Appointments[0].Code != ap.Code {
			t.Fatalf("staff day: %d %s", r.status, r.body)
		}
		if p := day.Appointments[0].Person; !strings.Contains(p, "138****0001") || strings.Contains(p, "13800000001") {
			t.Errorf("person shown to staff as %q; want the phone masked", p)
		}
		e.do("GET", "/staff/appointments?date="+ap.Date, nil, bearer(otherStaff.AccessToken)).decode(t, &day)
		if len(day.Appointments) != 0 {
			t.Errorf("another department's staff see %d appointments", len(day.Appointments))
		}
		for _, path := range []string{"/check-in", "/no-show"} {
			if r := e.do("POST", "/staff/appointments/"+ap.Code+path, nil, bearer(otherStaff.AccessToken)); r.status != 404 {
				t.Errorf("other window %s: %d", path, r.status)
			}
			if r := e.do("POST", "/staff/appointments/"+ap.Code+path, nil, bearer(applicant.AccessToken)); r.status != 403 {
				t.Errorf("applicant %s: %d", path, r.status)
			}
		}
		if r := e.do("GET", "/appointments/"+ap.ID, nil, bearer(otherStaff.AccessToken)); r.status != 404 {
			t.Errorf("other window reads the appointment: %d", r.status)
		}
		// Too early for a no-show: the grace period runs from the start.
		if r := e.do("POST", "/staff/appointments/"+ap.Code+"/no-show", nil, bearer(staff.AccessToken)); r.status != 409 || r.errBody(t).Code != "grace_not_over" {
			t.Errorf("no-show before the start: %d %s", r.status, r.body)
		}
		r = e.do("POST", "/staff/appointments/"+strings.ToLower(ap.Code)+"/check-in", nil, bearer(staff.AccessToken))
		var done api.Appointment
		r.decode(t, &done)
		if r.status != 200 || done.Status != "checked_in" {
			t.Fatalf("check-in: %d %s", r.status, r.body)
		}
		if r := e.do("POST", "/staff/appointments/"+ap.Code+"/check-in", nil, bearer(staff.AccessToken)); r.status != 409 {
			t.Errorf("second check-in: %d", r.status)
		}
		// Walk-ins are recorded for the staff member's own department only.
		if r := e.do("POST", "/staff/walk-ins", api.WalkInRequest{ItemCode: "RSJ-001", VisitorName: "王大爷"}, bearer(staff.AccessToken)); r.status != 422 {
			t.Errorf("walk-in for another department's item: %d %s", r.status, r.body)
		}
		if r := e.do("POST", "/staff/walk-ins", api.WalkInRequest{ItemCode: "SCJGJ-002", VisitorName: "王大爷"}, bearer(staff.AccessToken)); r.status != 201 {
			t.Errorf("walk-in: %d %s", r.status, r.body)
		}
		e.do("GET", "/staff/appointments?date="+ap.Date, nil, bearer(staff.AccessToken)).decode(t, &day)
		if day.Summary["checked_in"] != 1 || day.Summary["walk_in"] != 1 {
			t.Errorf("summary %v", day.Summary)
		}
		_ = ctx
	})
}

func TestBookingRules(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		applicant, _ := e.login("13800000001", demo.Password)
		agent, _ := e.login("agent", demo.Password)

		// Green-channel slots: agents may book them, applicants may not.
		var list api.SlotList
		e.do("GET", "/slots?site=county&item=FGJ-001", nil, bearer(applicant.AccessToken)).decode(t, &list)
		var green string
		for _, s := range list.Slots {
			if s.Kind == "green_channel" {
				if s.Bookable {
					t.Errorf("green slot bookable for an applicant")
				}
				green = s.ID
			}
		}
		if green == "" {
			t.Fatal("no green-channel slot for FGJ-001")
		}
		if r, _ := e.book(t, applicant.AccessToken, green, "FGJ-001"); r.status != 403 {
			t.Errorf("applicant books green channel: %d", r.status)
		}
		if r, _ := e.book(t, agent.AccessToken, green, "FGJ-001"); r.status != 201 {
			t.Errorf("agent books green channel: %d %s", r.status, r.body)
		}
		// A slot outside the window (next month) cannot be booked.
		far := time.Now().AddDate(0, 1, 3)
		day := far.Format("2006-01-02")
		if _, err := e.db.InsertSlots(ctx, []portal.Slot{{TemplateID: "far", SiteCode: "county", DepartmentCode: "scjgj", Date: day,
			Start: far, End: far.Add(30 * time.Minute), Capacity: 3, Kind: portal.SlotRegular}}); err != nil {
			t.Fatal(err)
		}
		slots, _ := e.db.ListSlots(ctx, store.SlotQuery{SiteCode: "county", DepartmentCode: "scjgj", From: day, To: day})
		if r, _ := e.book(t, applicant.AccessToken, slots[0].ID, "SCJGJ-001"); r.status != 422 || r.errBody(t).Code != "outside_window" {
			t.Errorf("outside the window: %d %s", r.status, r.body)
		}
		// An item of another department does not fit the slot.
		own := e.firstSlots(t, applicant.AccessToken, "SCJGJ-001")
		if r, _ := e.book(t, applicant.AccessToken, own[0].ID, "RSJ-001"); r.status != 422 {
			t.Errorf("item of another department: %d", r.status)
		}
		// Cancelling closer than two hours before the start is refused.
		r, ap := e.book(t, applicant.AccessToken, own[0].ID, "SCJGJ-001")
		if r.status != 201 {
			t.Fatalf("book: %d %s", r.status, r.body)
		}
		e.appts.Now = func() time.Time { return ap.Start.Add(-90 * time.Minute) }
		if r := e.do("POST", "/appointments/"+ap.ID+"/cancel", nil, bearer(applicant.AccessToken)); r.status != 409 || r.errBody(t).Code != "too_late" {
			t.Errorf("cancel 90 minutes before: %d %s", r.status, r.body)
		}
		e.appts.Now = nil
		// Rescheduling to another day moves the booking and frees the old place.
		var other api.Slot
		for _, s := range own {
			if s.Date != ap.Date {
				other = s
				break
			}
		}
		var moved api.Appointment
		r = e.do("POST", "/appointments/"+ap.ID+"/reschedule", api.RescheduleRequest{SlotID: other.ID}, bearer(applicant.AccessToken))
		r.decode(t, &moved)
		if r.status != 200 || moved.Date != other.Date || moved.ID == ap.ID {
			t.Errorf("reschedule: %d %s", r.status, r.body)
		}
		old, _ := e.db.Appointment(ctx, ap.ID)
		if old.Status != "cancelled" {
			t.Errorf("old appointment is %s", old.Status)
		}
	})
}

func TestHomeVisits(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		applicant, _ := e.login("13800000001", demo.Password)
		staff, _ := e.login("staff", demo.Password)
		admin, _ := e.login("admin", demo.Password)
		e.do("POST", "/admin/users", api.CreateUserRequest{Login: "mzj.window", Password: "Window2026", Name: "民政窗口",
			Role: "staff", DepartmentCode: "mzj", SiteCode: "county"}, bearer(admin.AccessToken))
		otherStaff, _ := e.login("mzj.window", "Window2026")

		req := api.HomeVisitRequest{ItemCode: "SCJGJ-002", Address: "富世镇西湖路12号3单元", Reason: "行动不便，无法到大厅", ContactPhone: "13800000001"}
		r := e.do("POST", "/home-visits", req, bearer(applicant.AccessToken))
		var v api.HomeVisit
		r.decode(t, &v)
		if r.status != 201 || v.Status != "requested" {
			t.Fatalf("request: %d %s", r.status, r.body)
		}
		if r := e.do("POST", "/home-visits", req, bearer(staff.AccessToken)); r.status != 403 {
			t.Errorf("staff files a request: %d", r.status)
		}
		dec := api.HomeVisitDecision{Decision: "decline"}
		if r := e.do("POST", "/staff/home-visits/"+v.ID+"/decision", dec, bearer(otherStaff.AccessToken)); r.status != 404 {
			t.Errorf("other window decides: %d", r.status)
		}
		if r := e.do("POST", "/staff/home-visits/"+v.ID+"/decision", dec, bearer(staff.AccessToken)); r.status != 422 {
			t.Errorf("decline without a reason: %d %s", r.status, r.body)
		}
		at := time.Now().Add(48 * time.Hour)
		sched := api.HomeVisitDecision{Decision: "schedule", ScheduledAt: &at, Note: "工作人员将携带设备上门"}
		if r := e.do("POST", "/staff/home-visits/"+v.ID+"/decision", sched, bearer(staff.AccessToken)); r.status != 200 {
			t.Errorf("schedule: %d %s", r.status, r.body)
		}
		var inbox api.NotificationList
		e.do("GET", "/notifications", nil, bearer(applicant.AccessToken)).decode(t, &inbox)
		if inbox.Unread != 1 || inbox.Notifications[0].Kind != "home_visit_scheduled" {
			t.Errorf("applicant's inbox: %+v", inbox)
		}
		var staffList api.HomeVisitList
		e.do("GET", "/home-visits", nil, bearer(staff.AccessToken)).decode(t, &staffList)
		if len(staffList.Visits) != 1 || staffList.Visits[0].Status != "scheduled" {
			t.Errorf("staff list: %+v", staffList)
		}
		e.do("GET", "/home-visits", nil, bearer(otherStaff.AccessToken)).decode(t, &staffList)
		if len(staffList.Visits) != 0 {
			t.Errorf("other window sees %d requests", len(staffList.Visits))
		}
	})
}

func TestSlotTemplatesAndCalendarAdmin(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		admin, _ := e.login("admin", demo.Password)
		staff, _ := e.login("staff", demo.Password)
		tpl := api.SlotTemplate{SiteCode: "county", DepartmentCode: "slj", Weekdays: []int{1, 2, 3, 4, 5}, Start: "14:00",
			End: "16:00", SlotMinutes: 60, Capacity: 4, Kind: "regular", Active: true}
		if r := e.do("POST", "/admin/slot-templates", tpl, bearer(staff.AccessToken)); r.status != 403 {
			t.Errorf("staff creates a template: %d", r.status)
		}
		bad := tpl
		bad.End = "13:00"
		if r := e.do("POST", "/admin/slot-templates", bad, bearer(admin.AccessToken)); r.status != 422 || r.errBody(t).Fields["end"] == "" {
			t.Errorf("end before start: %d %s", r.status, r.body)
		}
		r := e.do("POST", "/admin/slot-templates", tpl, bearer(admin.AccessToken))
		var saved api.SlotTemplate
		r.decode(t, &saved)
		if r.status != 201 || saved.ID == "" {
			t.Fatalf("create template: %d %s", r.status, r.body)
		}
		var cal api.CalendarList
		e.do("GET", "/admin/calendar?year=2026", nil, bearer(admin.AccessToken)).decode(t, &cal)
		found := false
		for _, d := range cal.Days {
			found = found || (d.Date == "2026-10-01" && d.Kind == "holiday")
		}
		if !found {
			t.Errorf("2026-10-01 not a holiday in the seeded calendar (%d days)", len(cal.Days))
		}
		if r := e.do("PUT", "/admin/calendar/2026-12-24", api.CalendarDay{Date: "2026-12-24", Kind: "holiday", Name: "县庆"}, bearer(admin.AccessToken)); r.status != 200 {
			t.Errorf("add a holiday: %d %s", r.status, r.body)
		}
		if r := e.do("POST", "/admin/sites/county/closures", api.Closure{Date: "2026-12-25", Reason: "停电检修"}, bearer(admin.AccessToken)); r.status != 201 {
			t.Errorf("close a site: %d %s", r.status, r.body)
		}
		if r := e.do("DELETE", "/admin/sites/county/closures/2026-12-25", nil, bearer(admin.AccessToken)); r.status != 204 {
			t.Errorf("reopen: %d %s", r.status, r.body)
		}
		if r := e.do("DELETE", "/admin/sites/county/closures/2026-12-25", nil, bearer(admin.AccessToken)); r.status != 404 {
			t.Errorf("reopen twice: %d", r.status)
		}
		if r := e.do("DELETE", "/admin/calendar/2026-12-23", nil, bearer(admin.AccessToken)); r.status != 404 {
			t.Errorf("delete a day with no entry: %d", r.status)
		}
		for name, tt := range map[string]api.SlotTemplate{
			"unknown site":      {SiteCode: "nowhere", DepartmentCode: "slj", Weekdays: []int{1}, Start: "09:00", End: "10:00", SlotMinutes: 30, Capacity: 1, Kind: "regular"},
			"break outside":     {SiteCode: "county", DepartmentCode: "slj", Weekdays: []int{1}, Start: "09:00", End: "10:00", BreakStart: "11:00", BreakEnd: "12:00", SlotMinutes: 30, Capacity: 1, Kind: "regular"},
			"break backwards":   {SiteCode: "county", DepartmentCode: "slj", Weekdays: []int{1}, Start: "09:00", End: "17:00", BreakStart: "13:00", BreakEnd: "12:00", SlotMinutes: 30, Capacity: 1, Kind: "regular"},
			"repeated weekdays": {SiteCode: "county", DepartmentCode: "slj", Weekdays: []int{1, 1}, Start: "09:00", End: "10:00", SlotMinutes: 30, Capacity: 1, Kind: "regular"},
		} {
			if r := e.do("POST", "/admin/slot-templates", tt, bearer(admin.AccessToken)); r.status != 422 {
				t.Errorf("%s: %d %s", name, r.status, r.body)
			}
		}
		bad = tpl
		bad.Kind = "vip"
		r = e.do("POST", "/admin/slot-templates", bad, bearer(admin.AccessToken))
		if msg := r.errBody(t).Fields["kind"]; r.status != 422 || strings.Contains(msg, "%!") || strings.Contains(msg, "green_channel") {
			t.Errorf("oneof message %q", msg)
		}
		if r := e.do("GET", "/sites/nowhere/booking-rules", nil, nil); r.status != 404 {
			t.Errorf("rules of an unknown site: %d", r.status)
		}
		var rules api.BookingRules
		e.do("GET", "/sites/county/booking-rules", nil, nil).decode(t, &rules)
		if rules.DaysAhead != 5 || rules.CancelBeforeMinutes != 120 || rules.NoShowLimit != 2 {
			t.Errorf("default rules %+v", rules)
		}
	})
}

// Moving within one day: a full target leaves the appointment as it was; a free one moves it
// in one step (the one-per-day rule would refuse holding both).
func TestRescheduleSameDay(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		a, _ := e.login("13800000001", demo.Password)
		slots := e.firstSlots(t, a.AccessToken, "SCJGJ-001")
		var sameDay []api.Slot
		for _, s := range slots {
			if s.Date == slots[0].Date {
				sameDay = append(sameDay, s)
			}
		}
		if len(sameDay) < 3 {
			t.Fatalf("%d slots on %s", len(sameDay), slots[0].Date)
		}
		_, ap := e.book(t, a.AccessToken, sameDay[0].ID, "SCJGJ-001")
		// Fill the second slot with other people.
		for i := 0; i < sameDay[1].Capacity; i++ {
			tok := e.newApplicant(t, "1390000010"+string(rune('0'+i)))
			if r, _ := e.book(t, tok, sameDay[1].ID, "SCJGJ-001"); r.status != 201 {
				t.Fatalf("filling: %d %s", r.status, r.body)
			}
		}
		r := e.do("POST", "/appointments/"+ap.ID+"/reschedule", api.RescheduleRequest{SlotID: sameDay[1].ID}, bearer(a.AccessToken))
		if r.status != 409 || r.errBody(t).Code != "slot_full" {
			t.Errorf("move to a full slot: %d %s", r.status, r.body)
		}
		if cur, _ := e.db.Appointment(ctx, ap.ID); cur.Status != "booked" {
			t.Errorf("after a refused move the appointment is %s", cur.Status)
		}
		var moved api.Appointment
		r = e.do("POST", "/appointments/"+ap.ID+"/reschedule", api.RescheduleRequest{SlotID: sameDay[2].ID}, bearer(a.AccessToken))
		r.decode(t, &moved)
		if r.status != 200 || moved.Slot == nil || moved.Slot.ID != sameDay[2].ID {
			t.Fatalf("same-day move: %d %s", r.status, r.body)
		}
		old, _ := e.db.Slot(ctx, sameDay[0].ID)
		if old.Booked != 0 {
			t.Errorf("old slot still counts %d", old.Booked)
		}
	})
}
