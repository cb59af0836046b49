package e2e

import (
	"database/sql"
	"fmt"
	"math/rand/v2"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp/kb"
	_ "modernc.org/sqlite"

	"portal/app/api"
	"portal/app/i18n"
)

const (
	applicantLogin = "13800000001" // server/demo/seed.go
	staffLogin     = "staff"       // window staff of scjgj at the county centre
	bookableItem   = "SCJGJ-001"   // 公司设立登记, county centre, bookable
)

// centre is the service centre's zone (Asia/Shanghai, UTC+8 all year).
var centre = time.FixedZone("CST", 8*3600)

var codePattern = regexp.MustCompile(`^[A-Z2-9]{8}$`)

// TestApplicantBooksAndCancels: an applicant signs in, finds an item, books a slot from its
// guide on a phone, sees the code, the QR and the calendar file, finds the appointment in
// the 预约 tab, and cancels it after confirming once.
func TestApplicantBooksAndCancels(t *testing.T) {
	zh := func(key string, args ...any) string { return i18n.T(i18n.ZH, key, args...) }
	j := newJourney(t, "booking")

	// Sign in through the form.
	j.open("/login")
	j.waitVisible("#login-form")
	j.typeInto("#login", applicantLogin)
	j.typeInto("#password", demoPassword)
	j.click("#login-submit")
	j.waitPath("/home")
	j.waitVisible("#logout")

	// The item's guide, found by searching from the 办事 tab.
	j.click("#tab-items")
	j.waitPath("/items")
	j.waitVisible("#catalog-q")
	j.click("#catalog-q")
	j.typeInto("#catalog-q", "公司设立登记\n")
	itemLink := fmt.Sprintf(`#item-list a[href="/items/%s"]`, bookableItem)
	j.waitVisible(itemLink)
	j.clickTo(itemLink, "/items/"+bookableItem)
	j.waitText("#book-link", zh("guide.book"))
	j.waitVisible("#home-visit-link")
	if href := eval[string](j, `document.getElementById('book-link').getAttribute('href')`); href != "/book?item="+bookableItem {
		t.Errorf("the signed-in guide's booking link goes to %q", href)
	}
	j.shot("guide")

	// Choose the first day and see its slots.
	j.click("#book-link")
	j.waitPath("/book")
	j.waitVisible("#day-chips button")
	j.shot("book-days")
	firstDay := eval[string](j, `document.querySelector('#day-chips button').id`)
	j.click("#" + firstDay)
	j.waitFor("the first day to be chosen", `(id) => document.getElementById(id).getAttribute('aria-pressed') === 'true'`, firstDay)
	j.waitVisible("#slot-list .slot-btn")
	slotID := strings.TrimPrefix(eval[string](j, `document.querySelector('#slot-list .slot-btn').id`), "slot-")
	var window api.SlotList
	j.srv.apiGet(t, "", "/slots?item="+bookableItem, &window)
	left := 0
	for _, s := range window.Slots {
		if s.ID == slotID {
			left = s.Remaining
		}
	}
	if left < 2 {
		t.Fatalf("the first slot has %d places left, want at least 2 for this journey", left)
	}
	if before := j.text("#slot-" + slotID); !strings.Contains(before, zh("slot.remaining", left)) {
		t.Errorf("the slot reads %q, want it to show %q", before, zh("slot.remaining", left))
	}
	j.shot("book-slots")
	j.axe("book page")

	// Someone else takes a place in that slot; the open page shows it within its refresh.
	other := registerApplicant(t, j.srv)
	var taken api.Appointment
	if st := j.srv.apiCall(t, "POST", other, "/appointments", nil, api.BookRequest{SlotID: slotID, ItemCode: bookableItem}, &taken); st != 201 {
		t.Fatalf("another applicant booking the slot: status %d", st)
	}
	j.waitText("#slot-"+slotID, zh("slot.remaining", left-1))
	j.shot("book-live-count")

	// Choose the slot and confirm.
	j.click("#slot-" + slotID)
	j.waitVisible("#confirm-book")
	j.waitText("#confirm", zh("book.confirm_title"))
	j.shot("book-confirm")
	j.axe("book confirm step")
	j.click("#confirm-book")
	j.waitFor("the appointment page", `() => location.pathname.startsWith('/appointments/')`)
	j.waitVisible("#appt-code")
	code := strings.TrimSpace(j.text("#appt-code"))
	if !codePattern.MatchString(code) {
		t.Errorf("the appointment code is %q, want 8 letters and digits", code)
	}
	apptPath := eval[string](j, `location.pathname`)
	j.waitText("#appt-status", zh("appt.status.booked"))
	j.waitFor("the QR code image to load", `() => { const img = document.getElementById('appt-qr');
		return !!img && img.complete && img.naturalWidth > 0; }`)
	if alt := eval[string](j, `document.getElementById('appt-qr').alt`); !strings.Contains(alt, code) {
		t.Errorf("the QR image's alt text %q does not name the code %s", alt, code)
	}
	j.waitVisible("#bring-list li")

	// The calendar file.
	j.waitVisible("#ics-link")
	href := eval[string](j, `document.getElementById('ics-link').getAttribute('href')`)
	const prefix = "data:text/calendar;charset=utf-8,"
	if !strings.HasPrefix(href, prefix) {
		t.Fatalf("the calendar link is %q…, want a %s URL", abbrev(href, 60), prefix)
	}
	ics, err := url.PathUnescape(strings.TrimPrefix(href, prefix))
	if err != nil {
		t.Fatalf("the calendar link does not decode: %v", err)
	}
	if !strings.Contains(ics, "BEGIN:VCALENDAR") || !strings.Contains(ics, code) {
		t.Errorf("the calendar file does not hold BEGIN:VCALENDAR and the code %s:\n%s", code, ics)
	}
	if dl := eval[string](j, `document.getElementById('ics-link').getAttribute('download')`); dl != "appointment-"+code+".ics" {
		t.Errorf("the calendar link downloads as %q", dl)
	}
	j.shot("appointment")
	j.axe("appointment page")

	// One confirm tap made one appointment.
	token := j.srv.apiLogin(t, applicantLogin, demoPassword)
	var mine api.AppointmentList
	j.srv.apiGet(t, token, "/appointments", &mine)
	booked := 0
	for _, a := range mine.Appointments {
		if a.Status == "booked" {
			booked++
		}
	}
	if booked != 1 {
		t.Errorf("the applicant holds %d booked appointments after one confirmation, want 1", booked)
	}

	// The 预约 tab lists it.
	j.click("#tab-appts")
	j.waitPath("/appointments")
	j.waitVisible("#appt-" + code)
	j.waitText("#status-"+code, zh("appt.status.booked"))
	j.shot("appointments-tab")
	j.axe("appointments list")

	// Open it and cancel, confirming once.
	j.click("#appt-" + code)
	j.waitPath(apptPath)
	j.waitVisible("#cancel-button")
	j.click("#cancel-button")
	j.waitVisible("#cancel-confirm")
	j.waitText("#cancel-title", clockOf(t, mine, code))
	j.shot("cancel-confirm")
	j.click("#cancel-confirm")
	j.waitText("#appt-status", zh("appt.status.cancelled"))
	j.waitVisible("#appt-cancelled-note")
	if eval[bool](j, `!!document.getElementById('cancel-button') || !!document.getElementById('appt-qr')`) {
		t.Error("a cancelled appointment still offers cancelling or shows its QR code")
	}
	j.shot("cancelled")

	var after api.Appointment
	j.srv.apiGet(t, token, apptPath, &after)
	if after.Status != "cancelled" {
		t.Errorf("after cancelling, the API says the appointment is %q", after.Status)
	}
}

// clockOf is the start time (HH:MM at the centre) of the appointment with code.
func clockOf(t *testing.T, list api.AppointmentList, code string) string {
	t.Helper()
	for _, a := range list.Appointments {
		if a.Code == code {
			return a.Start.In(centre).Format("15:04")
		}
	}
	t.Fatalf("appointment %s is not in the applicant's list", code)
	return ""
}

// registerApplicant creates another applicant through the API and returns their token.
func registerApplicant(t *testing.T, s *portalServer) string {
	t.Helper()
	phone := fmt.Sprintf("137%08d", rand.IntN(100000000))
	password := fmt.Sprintf("Other%06dx", rand.IntN(1000000))
	if st := s.apiCall(t, "POST", "", "/auth/register", nil, api.RegisterRequest{Phone: phone, Name: "赵其他", Password: password}, nil); st != 201 {
		t.Fatalf("registering another applicant: status %d", st)
	}
	return s.apiLogin(t, phone, password)
}

// TestStaffChecksInByCode: window staff open today's appointments and check a person in by
// typing the code. Bookings start the next working day, so the precondition (an
// appointment today) is set up behind the scenes: the applicant books through the API and
// the test moves the appointment to today in the test server's database.
func TestStaffChecksInByCode(t *testing.T) {
	zh := func(key string, args ...any) string { return i18n.T(i18n.ZH, key, args...) }
	j := newJourney(t, "staff-checkin")

	token := j.srv.apiLogin(t, applicantLogin, demoPassword)
	var slots api.SlotList
	j.srv.apiGet(t, token, "/slots?item="+bookableItem, &slots)
	slotID := ""
	for _, s := range slots.Slots {
		if s.Bookable && s.Remaining > 0 && s.Kind == "regular" {
			slotID = s.ID
			break
		}
	}
	if slotID == "" {
		t.Fatalf("no bookable slot for %s among %d", bookableItem, len(slots.Slots))
	}
	var ap api.Appointment
	if st := j.srv.apiCall(t, "POST", token, "/appointments", map[string]string{"Idempotency-Key": "e2e-staff-checkin"},
		api.BookRequest{SlotID: slotID, ItemCode: bookableItem}, &ap); st != 201 {
		t.Fatalf("booking through the API: status %d", st)
	}
	start := time.Now().Add(time.Hour).Truncate(time.Minute)
	moveToToday(t, j.srv, ap.Code, start, start.Add(30*time.Minute))

	// Staff sign in and open the day from the desk.
	j.open("/login")
	j.waitVisible("#login-form")
	j.typeInto("#login", staffLogin)
	j.typeInto("#password", demoPassword)
	j.click("#login-submit")
	j.waitPath("/home")
	j.waitVisible("#staff-day-link")
	j.waitVisible("#menu-staff-day")
	j.click("#staff-day-link")
	j.waitPath("/staff/day")
	row := "#row-" + ap.Code
	j.waitVisible(row)
	j.waitText("#status-"+ap.Code, zh("appt.status.booked"))
	j.waitText(row, start.In(centre).Format("15:04"))
	j.waitText(row, "138****0001") // the person, phone masked
	if eval[bool](j, `document.body.innerText.includes('13800000001')`) {
		t.Error("the window's day shows an applicant's whole phone number")
	}
	j.waitText("#sum-booked .stat-value", "1")
	j.waitText("#sum-checked_in .stat-value", "0")
	if eval[bool](j, `!!document.getElementById('scan-button')`) != eval[bool](j, `'BarcodeDetector' in window`) {
		t.Error("the scan button is shown without BarcodeDetector, or hidden with it")
	}
	j.shot("day")
	j.axe("staff day")

	// Check in by typing the code.
	j.click("#checkin-code")
	j.typeInto("#checkin-code", strings.ToLower(ap.Code)) // typed as it comes; the box reads it in capitals
	j.click("#checkin-submit")
	j.waitText("#checkin-ok", ap.Code)
	j.waitText("#status-"+ap.Code, zh("appt.status.checked_in"))
	j.waitText("#sum-checked_in .stat-value", "1")
	j.waitText("#sum-booked .stat-value", "0")
	if got := j.value("#checkin-code"); got != "" {
		t.Errorf("after the check-in the code box still shows %q", got)
	}
	j.shot("checked-in")
	j.axe("staff day after check-in")

	// The same code again is refused in words.
	j.typeInto("#checkin-code", ap.Code)
	j.click("#checkin-submit")
	j.waitText("#checkin-error", zh("error.invalid_state"))
	j.shot("checkin-again")

	var day api.StaffDay
	j.srv.apiGet(t, j.srv.apiLogin(t, staffLogin, demoPassword), "/staff/appointments", &day)
	if day.Summary["checked_in"] != 1 {
		t.Errorf("the API's day summary says %d checked in, want 1", day.Summary["checked_in"])
	}
}

// moveToToday moves an appointment to today in the test server's SQLite database: the
// only way to have an appointment today, since bookings start the next working day.
func moveToToday(t *testing.T, s *portalServer, code string, start, end time.Time) {
	t.Helper()
	dsn := "file:" + filepath.Join(s.DataDir, "portal.db") + "?_pragma=busy_timeout(10000)"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		t.Fatalf("opening the test database: %v", err)
	}
	defer db.Close()
	today := time.Now().In(centre).Format(time.DateOnly)
	res, err := db.Exec(`UPDATE appointments SET date = ?, start_at = ?, end_at = ? WHERE code = ?`,
		today, start.UTC(), end.UTC(), code)
	if err != nil {
		t.Fatalf("moving appointment %s to today: %v", code, err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		t.Fatalf("moving appointment %s to today changed %d rows", code, n)
	}
}

// TestApplicantWaitsAndReschedules: a visitor taps 预约办理 on a guide and is sent through
// the sign-in page back to the booking; joins the waitlist of a full slot; then moves an
// existing appointment to another day from its page.
func TestApplicantWaitsAndReschedules(t *testing.T) {
	zh := func(key string, args ...any) string { return i18n.T(i18n.ZH, key, args...) }
	j := newJourney(t, "reschedule")

	// Preconditions through the API: the applicant holds an appointment on the first day,
	// and three other people have filled a slot on the last day.
	token := j.srv.apiLogin(t, applicantLogin, demoPassword)
	var slots api.SlotList
	j.srv.apiGet(t, token, "/slots?item="+bookableItem, &slots)
	if len(slots.Days) < 3 {
		t.Fatalf("the booking window has %d days, want at least 3", len(slots.Days))
	}
	firstFree := func(day string) api.Slot {
		for _, s := range slots.Slots {
			if s.Date == day && s.Bookable && s.Kind == "regular" && s.Remaining == s.Capacity {
				return s
			}
		}
		t.Fatalf("no free regular slot on %s", day)
		return api.Slot{}
	}
	mineSlot, fullSlot := firstFree(slots.Days[0]), firstFree(slots.Days[len(slots.Days)-1])
	var ap api.Appointment
	if st := j.srv.apiCall(t, "POST", token, "/appointments", nil, api.BookRequest{SlotID: mineSlot.ID, ItemCode: bookableItem}, &ap); st != 201 {
		t.Fatalf("booking the applicant's appointment: status %d", st)
	}
	for range fullSlot.Capacity {
		if st := j.srv.apiCall(t, "POST", registerApplicant(t, j.srv), "/appointments", nil,
			api.BookRequest{SlotID: fullSlot.ID, ItemCode: bookableItem}, nil); st != 201 {
			t.Fatalf("filling slot %s: status %d", fullSlot.ID, st)
		}
	}

	// Not signed in: booking goes through the sign-in page and comes back.
	j.open("/items/" + bookableItem)
	j.waitVisible("#book-link")
	j.click("#book-link")
	j.waitPath("/login")
	j.waitText("#login-next", zh("login.to_continue"))
	j.shot("login-to-book")
	j.typeInto("#login", applicantLogin)
	j.typeInto("#password", demoPassword)
	j.click("#login-submit")
	j.waitPath("/book")
	if item := eval[string](j, `new URLSearchParams(location.search).get('item')`); item != bookableItem {
		t.Errorf("after signing in the booking page is for %q, want %s", item, bookableItem)
	}

	// The full slot offers the waitlist.
	j.waitVisible("#day-" + fullSlot.Date)
	j.click("#day-" + fullSlot.Date)
	j.waitVisible("#wait-" + fullSlot.ID)
	j.waitText("#slot-list", zh("slot.full"))
	j.shot("full-slot")
	j.click("#wait-" + fullSlot.ID)
	j.waitText("#wait-pos-"+fullSlot.ID, zh("book.waitlist_position", 1))
	j.shot("waitlisted")
	j.axe("book page with a full slot")

	// Move the appointment to the second day.
	j.click("#tab-appts")
	j.waitPath("/appointments")
	j.waitVisible("#appt-" + ap.Code)
	j.click("#appt-" + ap.Code)
	j.waitPath("/appointments/" + ap.ID)
	j.waitVisible("#reschedule-link")
	j.click("#reschedule-link")
	j.waitPath("/book")
	j.waitText("#moving", ap.Code)
	target := slots.Days[1]
	j.waitVisible("#day-" + target)
	j.click("#day-" + target)
	j.waitFor("the second day to be chosen", `(id) => document.getElementById(id).getAttribute('aria-pressed') === 'true'`, "day-"+target)
	j.waitVisible("#slot-list .slot-btn")
	j.click("#slot-list .slot-btn")
	j.waitText("#confirm-book", zh("book.confirm_move"))
	j.shot("reschedule-confirm")
	j.click("#confirm-book")
	j.waitFor("the new appointment's page", `(old) => location.pathname.startsWith('/appointments/') && location.pathname !== old`,
		"/appointments/"+ap.ID)
	j.waitText("#appt-messages-ok", zh("appt.moved_ok"))
	j.waitText("#appt-date", dayLongZH(target))
	j.waitText("#appt-status", zh("appt.status.booked"))
	j.shot("rescheduled")

	var old api.Appointment
	j.srv.apiGet(t, token, "/appointments/"+ap.ID, &old)
	if old.Status != "cancelled" {
		t.Errorf("after the change the old appointment is %q, want cancelled", old.Status)
	}
}

// dayLongZH is how the Chinese pages write a date: 2026年5月12日（周二）.
func dayLongZH(date string) string {
	d, _ := time.ParseInLocation(time.DateOnly, date, centre)
	return i18n.T(i18n.ZH, "date.long", d.Format(i18n.T(i18n.ZH, "date.long_layout")), i18n.T(i18n.ZH, fmt.Sprintf("weekday.%d", d.Weekday())))
}

// TestHomeVisitRequest: an applicant asks for door-to-door service from a guide; the
// window accepts it and arranges a time; the applicant sees the arranged visit and the
// message about it.
func TestHomeVisitRequest(t *testing.T) {
	zh := func(key string, args ...any) string { return i18n.T(i18n.ZH, key, args...) }
	const item = "SCJGJ-002" // 个体工商户设立登记, at every centre
	j := newJourney(t, "home-visit")
	signIn := func(login string) {
		t.Helper()
		j.open("/login")
		j.waitVisible("#login-form")
		j.typeInto("#login", login)
		j.typeInto("#password", demoPassword)
		j.click("#login-submit")
		j.waitPath("/home")
		j.waitVisible("#logout")
	}

	signIn(applicantLogin)
	j.open("/items/" + item)
	j.waitVisible("#logout")
	j.waitFor("the door-to-door link for a signed-in person", `() => {
		const a = document.getElementById('home-visit-link'); return !!a && a.getAttribute('href').startsWith('/home-visit?'); }`)
	j.click("#home-visit-link")
	j.waitPath("/home-visit")
	j.waitVisible("#visit-form")
	if got := j.waitValue("#hv-phone"); got != applicantLogin {
		t.Errorf("the contact number is %q, want the account's %s", got, applicantLogin)
	}
	j.click("#hv-submit") // empty: the errors are next to their fields
	j.waitText("#hv-address-error", zh("field.required"))
	j.waitText("#hv-reason-error", zh("field.required"))
	j.typeInto("#hv-address", "城关镇幸福路12号3单元201")
	j.typeInto("#hv-reason", "八十岁老人，腿脚不便")
	j.shot("request-form")
	j.axe("door-to-door form")
	j.click("#hv-submit")
	j.waitText("#visit-messages-ok", zh("visit.sent"))
	j.waitVisible("#visit-list")
	j.waitText("#visit-list", zh("visit.status.requested"))
	if got := j.value("#hv-address"); got != "" {
		t.Errorf("after sending, the address box still shows %q", got)
	}
	j.shot("requested")

	token := j.srv.apiLogin(t, applicantLogin, demoPassword)
	var visits api.HomeVisitList
	j.srv.apiGet(t, token, "/home-visits", &visits)
	if len(visits.Visits) != 1 {
		t.Fatalf("the applicant has %d door-to-door requests, want 1", len(visits.Visits))
	}
	id := visits.Visits[0].ID

	// The window accepts it and arranges a time tomorrow at 10:30 (centre time).
	j.click("#logout")
	j.waitPath("/")
	signIn(staffLogin)
	j.click("#menu-staff-day")
	j.waitPath("/staff/day")
	j.waitVisible("#hv-" + id)
	j.waitText("#hv-status-"+id, zh("visit.status.requested"))
	j.shot("staff-sees-request")
	j.click("#hv-accept-" + id)
	j.waitText("#hv-status-"+id, zh("visit.status.accepted"))
	when := time.Now().In(centre).AddDate(0, 0, 1)
	when = time.Date(when.Year(), when.Month(), when.Day(), 10, 30, 0, 0, centre)
	// Chromium's date-time field takes the parts from its first one, in its locale's order
	// (en-US here); the year takes up to six digits, so the arrow key moves on to the hour.
	j.typeInto("#hv-when-"+id, when.Format("01022006")+kb.ArrowRight+"1030A")
	if got := j.value("#hv-when-" + id); got != when.Format("2006-01-02T15:04") {
		t.Fatalf("the visit time field holds %q after typing, want %s", got, when.Format("2006-01-02T15:04"))
	}
	j.click("#hv-schedule-" + id)
	j.waitText("#hv-status-"+id, zh("visit.status.scheduled"))
	j.shot("staff-scheduled")
	j.axe("staff day with a door-to-door request")

	// The applicant sees the arranged visit and the message.
	j.click("#logout")
	j.waitPath("/")
	signIn(applicantLogin)
	j.click("#tab-appts")
	j.waitPath("/appointments")
	j.waitText("#visit-status-"+id, zh("visit.status.scheduled"))
	j.waitText("#inbox", "10:30")
	j.shot("applicant-sees-visit")
	j.axe("appointments tab with messages")
}
