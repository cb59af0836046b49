package e2e

import (
	"fmt"
	"slices"
	"strconv"
	"testing"
	"time"

	"portal/app/api"
	"portal/app/i18n"
)

// setField gives a control a value as the browser's own picker would (time, date and select
// controls look different in every locale, so keys cannot be typed into them reliably) and
// fires the input and change events the picker fires.
func (j *journey) setField(selector, value string) {
	j.t.Helper()
	ok := eval[bool](j, fmt.Sprintf(`((sel, v) => {
		const el = document.querySelector(sel);
		if (!el) return false;
		el.focus();
		const proto = el instanceof HTMLSelectElement ? HTMLSelectElement.prototype : HTMLInputElement.prototype;
		Object.getOwnPropertyDescriptor(proto, 'value').set.call(el, v);
		el.dispatchEvent(new Event('input', {bubbles: true}));
		el.dispatchEvent(new Event('change', {bubbles: true}));
		return el.value === v;
	})(%s, %s)`, jsString(selector), jsString(value)))
	if !ok {
		j.fail("setting "+selector+" to "+value, fmt.Errorf("the control is missing or refused the value"))
	}
}

// retype empties a field and types text into it, key by key.
func (j *journey) retype(selector, text string) {
	j.t.Helper()
	j.setField(selector, "")
	j.typeInto(selector, text)
	if got := j.value(selector); got != text {
		j.t.Fatalf("%s holds %q after typing, want %q", selector, got, text)
	}
}

// freeWeekday is the first Monday-to-Friday date from start on that the calendar does not
// list yet.
func freeWeekday(t *testing.T, start time.Time, taken func(string) bool) string {
	t.Helper()
	for d := start; d.Before(start.AddDate(0, 2, 0)); d = d.AddDate(0, 0, 1) {
		if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday && !taken(d.Format(time.DateOnly)) {
			return d.Format(time.DateOnly)
		}
	}
	t.Fatalf("no free weekday after %s", start.Format(time.DateOnly))
	return ""
}

// checkFieldError checks that a field's error sits in the field's box and is tied to the
// control (aria-invalid, aria-describedby).
func (j *journey) checkFieldError(id string) {
	j.t.Helper()
	ok := eval[bool](j, fmt.Sprintf(`((id) => {
		const input = document.getElementById(id), err = document.getElementById(id + '-error');
		return !!input && !!err && input.closest('.field') === err.closest('.field') &&
			input.getAttribute('aria-invalid') === 'true' &&
			(input.getAttribute('aria-describedby') || '').split(' ').includes(id + '-error');
	})(%s)`, jsString(id)))
	if !ok {
		j.t.Errorf("the %s error is not next to its field or not tied to it (aria-invalid, aria-describedby)", id)
	}
}

func attrSel(attr, value string) string { return fmt.Sprintf("[%s=%s]", attr, jsString(value)) }

// TestAdminConfiguresBooking: the administrator opens 时段管理 from the side menu, adds a
// slot template for the 水利局 window and changes it, lets people book 7 working days ahead
// at the county centre, then on 节假日 adds a holiday next year, closes a township centre
// for a day, and deletes the holiday after confirming once. The API confirms each change.
func TestAdminConfiguresBooking(t *testing.T) {
	began := time.Now()
	zh := func(key string, args ...any) string { return i18n.T(i18n.ZH, key, args...) }
	j := newJourney(t, "admin-booking")
	token := j.srv.apiLogin(t, "admin", demoPassword)

	// Sign in through the form.
	j.open("/login")
	j.waitVisible("#login-form")
	j.typeInto("#login", "admin")
	j.typeInto("#password", demoPassword)
	j.click("#login-submit")
	j.waitPath("/home")
	j.waitText("main h1.page-title", zh("desk.title.admin"))
	j.waitVisible("#manage-slots")
	j.waitVisible("#manage-calendar")

	// 时段管理 from the side menu: the county centre's templates, grouped by department.
	j.waitText("#menu-admin-slots", zh("nav.admin_slots"))
	j.click("#menu-admin-slots")
	j.waitPath("/admin/slots")
	j.waitText("main h1.page-title", zh("slots.title"))
	j.waitText("#dept-slj-summary", "水利局")
	if eval[bool](j, `document.getElementById('dept-slj').open`) {
		t.Error("the departments' templates start unfolded")
	}
	j.click("#dept-slj-summary")
	j.waitVisible("#dept-slj .tpl-card")
	if got := eval[string](j, `document.querySelector('#menu-admin-slots').getAttribute('aria-current') || ''`); got != "page" {
		t.Errorf("the side menu does not mark 时段管理 as the current page (aria-current=%q)", got)
	}
	if got := j.value("#slots-site"); got != "county" {
		t.Errorf("the site picker starts at %q, want county", got)
	}
	j.waitText("#dept-slj .tpl-card", "一二三四五")
	j.waitText("#dept-slj .tpl-card", zh("slot.kind.regular"))
	j.waitValue("#rule-days-ahead")
	j.shot("slots")
	j.axe("admin slots")

	var before api.SlotTemplateList
	j.srv.apiGet(t, token, "/admin/slot-templates?site=county", &before)

	// A new template: 水利局, Monday to Friday, 14:00–16:00, 60-minute slots of 4 people.
	j.click("#new-template")
	j.waitText("#tpl-title", zh("slots.new"))
	j.setField("#tpl-department", "slj")
	for d := 0; d <= 6; d++ { // Monday to Friday are ticked for a new template
		want := d >= 1 && d <= 5
		if got := eval[bool](j, fmt.Sprintf(`document.getElementById('tpl-wd-%d').checked`, d)); got != want {
			t.Errorf("a new template has %s ticked=%v, want %v", zh(fmt.Sprintf("weekday.%d", d)), got, want)
		}
	}
	j.setField("#tpl-start", "14:00")
	j.setField("#tpl-end", "13:00") // a slip: the end before the start
	j.retype("#tpl-minutes", "60")
	j.retype("#tpl-capacity", "4")
	j.click("#tpl-save")
	j.waitText("#tpl-end-error", zh("field.end_after_start"))
	j.waitVisible("#tpl-messages-error")
	j.checkFieldError("tpl-end")
	j.shot("template-error")
	j.setField("#tpl-end", "16:00")
	j.shot("template-form")
	j.click("#tpl-save")
	j.waitText("#tpl-messages-ok", "14:00–16:00")

	// It is listed under 水利局, and the API has it.
	card := `#dept-slj .tpl-card-saved`
	j.waitText(card+" .tpl-hours", "14:00–16:00")
	j.waitText(card, "一二三四五")
	j.waitText(card, zh("slots.every", 60))
	j.waitText(card, zh("slots.capacity_n", 4))
	j.waitText(card, zh("slots.active"))
	j.shot("template-added")

	var after api.SlotTemplateList
	j.srv.apiGet(t, token, "/admin/slot-templates?site=county", &after)
	var added api.SlotTemplate
	for _, tpl := range after.Templates {
		if !slices.ContainsFunc(before.Templates, func(b api.SlotTemplate) bool { return b.ID == tpl.ID }) {
			added = tpl
		}
	}
	if len(after.Templates) != len(before.Templates)+1 || added.ID == "" {
		t.Fatalf("the county centre has %d templates after adding one to %d", len(after.Templates), len(before.Templates))
	}
	if added.DepartmentCode != "slj" || added.Start != "14:00" || added.End != "16:00" || added.SlotMinutes != 60 ||
		added.Capacity != 4 || added.Kind != "regular" || !added.Active || !slices.Equal(added.Weekdays, []int{1, 2, 3, 4, 5}) ||
		added.BreakStart != "" || added.BreakEnd != "" {
		t.Errorf("the template saved is %+v", added)
	}
	if id := eval[string](j, `document.querySelector('#dept-slj .tpl-card-saved').id`); id != "tpl-"+added.ID {
		t.Errorf("the card marked as saved is %q, want tpl-%s", id, added.ID)
	}

	// Change it: Fridays off, 5 people per slot.
	j.click(attrSel("id", "edit-"+added.ID))
	j.waitText("#tpl-title", zh("slots.edit_title"))
	if got := j.value("#tpl-capacity"); got != "4" {
		t.Errorf("the edit form shows capacity %q, want 4", got)
	}
	if got := j.value("#tpl-department"); got != "slj" {
		t.Errorf("the edit form shows department %q, want slj", got)
	}
	j.click("#tpl-wd-5")
	j.retype("#tpl-capacity", "5")
	j.click("#tpl-save")
	j.waitText("#tpl-messages-ok", zh("slots.saved", "水利局", "一二三四", "14:00–16:00"))
	j.waitText(attrSel("id", "tpl-"+added.ID), zh("slots.capacity_n", 5))
	j.waitText(attrSel("id", "tpl-"+added.ID)+" .tpl-weekdays", "一二三四")
	j.waitText("#tpl-title", zh("slots.new"))
	j.srv.apiGet(t, token, "/admin/slot-templates?site=county", &after)
	for _, tpl := range after.Templates {
		if tpl.ID == added.ID && (tpl.Capacity != 5 || !slices.Equal(tpl.Weekdays, []int{1, 2, 3, 4})) {
			t.Errorf("after the change the template is %+v", tpl)
		}
	}

	// The county centre's rules, reached from the button at the top: bookable 7 working days
	// ahead.
	j.click("#to-rules")
	j.waitFor("the rules to take the focus", `() => document.activeElement && document.activeElement.id === 'rules-title'`)
	j.waitText("#rules-title", zh("slots.rules_title", "县政务服务中心"))
	var rules api.BookingRules
	j.srv.apiGet(t, "", "/sites/county/booking-rules", &rules)
	if got := j.value("#rule-days-ahead"); got != strconv.Itoa(rules.DaysAhead) {
		t.Errorf("the rules form shows days ahead %q, the API %d", got, rules.DaysAhead)
	}
	j.waitText("#rules-form", zh("slots.days_ahead"))
	j.waitText("#rules-form", zh("slots.cancel_before"))
	j.waitText("#rules-form", zh("slots.grace"))
	j.waitText("#rules-form", zh("slots.no_show_limit"))
	j.waitText("#rules-form", zh("slots.no_show_window"))
	j.waitText("#rules-form", zh("slots.suspend_days"))
	j.retype("#rule-days-ahead", "0") // below the least the server takes
	j.click("#rules-save")
	j.waitVisible("#rule-days-ahead-error")
	j.checkFieldError("rule-days-ahead")
	j.retype("#rule-days-ahead", "7")
	j.click("#rules-save")
	j.waitText("#rules-messages-ok", zh("slots.rules_saved", "县政务服务中心"))
	j.shot("rules-saved")
	var changed api.BookingRules
	j.srv.apiGet(t, "", "/sites/county/booking-rules", &changed)
	want := rules
	want.DaysAhead = 7
	if changed != want {
		t.Errorf("after saving, the county rules are %+v, want %+v", changed, want)
	}

	// 节假日 from the side menu: this year's holidays and make-up working days.
	j.click("#menu-admin-calendar")
	j.waitPath("/admin/calendar")
	j.waitText("main h1.page-title", zh("cal.title"))
	j.waitFor("the side menu to show its current entry", `() => {
		const r = document.getElementById('menu-admin-calendar').getBoundingClientRect();
		return r.left >= 0 && r.right <= window.innerWidth; }`)
	thisYear := time.Now().In(centre).Year()
	if got := j.value("#cal-year"); got != strconv.Itoa(thisYear) {
		t.Errorf("the year picker starts at %q, want %d", got, thisYear)
	}
	j.waitVisible("#cal-days .cal-row")
	j.waitText("#cal-days", zh("cal.kind.holiday"))
	j.shot("calendar")
	j.axe("admin calendar")

	// A holiday next year.
	next := thisYear + 1
	var nextCal api.CalendarList
	j.srv.apiGet(t, token, fmt.Sprintf("/admin/calendar?year=%d", next), &nextCal)
	taken := func(date string) bool {
		return slices.ContainsFunc(nextCal.Days, func(d api.CalendarDay) bool { return d.Date == date })
	}
	holiday := freeWeekday(t, time.Date(next, 6, 8, 0, 0, 0, 0, centre), taken)
	const holidayName = "县庆日"
	j.click("#to-day-form")
	j.waitFor("the day form to take the focus", `() => document.activeElement && document.activeElement.id === 'day-title'`)
	j.setField("#day-date", holiday)
	if got := j.value("#day-kind"); got != "holiday" {
		t.Errorf("the kind starts at %q, want holiday", got)
	}
	j.typeInto("#day-name", holidayName)
	j.click("#day-save")
	j.waitVisible("#day-messages-ok")
	row := attrSel("id", "day-"+holiday)
	j.waitText(row, holidayName) // the list shows next year now
	if got := j.value("#cal-year"); got != strconv.Itoa(next) {
		t.Errorf("after saving a day in %d the year picker shows %q", next, got)
	}
	hd, _ := time.Parse(time.DateOnly, holiday)
	j.waitText(row+" .cal-wd", zh(fmt.Sprintf("weekday.%d", hd.Weekday())))
	j.waitText(row+" .cal-kind", zh("cal.kind.holiday"))
	if got := j.value("#day-date") + j.value("#day-name"); got != "" {
		t.Errorf("after saving the day form still holds %q", got)
	}
	j.shot("holiday-added")
	j.srv.apiGet(t, token, fmt.Sprintf("/admin/calendar?year=%d", next), &nextCal)
	if !slices.Contains(nextCal.Days, api.CalendarDay{Date: holiday, Kind: "holiday", Name: holidayName}) {
		t.Errorf("the API's %d calendar lacks %s %s", next, holiday, holidayName)
	}

	// A township centre closed for a day.
	closed := freeWeekday(t, time.Date(next, 3, 9, 0, 0, 0, 0, centre), func(string) bool { return false })
	const reason = "停电检修"
	j.setField("#closure-site", "t-donghu")
	j.setField("#closure-date", closed)
	j.typeInto("#closure-reason", reason)
	j.click("#closure-save")
	j.waitVisible("#closure-messages-ok")
	closure := attrSel("id", "closure-t-donghu-"+closed)
	j.waitText(closure, reason)
	j.waitText(closure, "东湖镇便民服务中心")
	j.shot("closure-added")
	j.srv.apiGet(t, token, fmt.Sprintf("/admin/calendar?year=%d", next), &nextCal)
	if !slices.Contains(nextCal.Closures, api.Closure{SiteCode: "t-donghu", Date: closed, Reason: reason}) {
		t.Errorf("the API's %d closures lack t-donghu %s: %+v", next, closed, nextCal.Closures)
	}

	// Delete the holiday: asked once, then gone.
	j.click(attrSel("id", "delete-"+holiday))
	j.waitVisible("#delete-box")
	j.waitText("#delete-question", holidayName)
	if !eval[bool](j, `document.activeElement && document.activeElement.id === 'delete-question'`) {
		t.Error("the delete question does not take the focus")
	}
	j.shot("holiday-delete-confirm")
	j.axe("admin calendar, delete question")
	j.click("#delete-yes")
	j.waitText("#days-messages-ok", holidayName)
	j.waitFor("the deleted holiday to leave the list", `(sel) => !document.querySelector(sel)`, row)
	j.srv.apiGet(t, token, fmt.Sprintf("/admin/calendar?year=%d", next), &nextCal)
	if taken(holiday) {
		t.Errorf("the API still lists %s after it was deleted", holiday)
	}
	j.shot("holiday-deleted")
	t.Logf("the journey took %v", time.Since(began).Round(time.Second))
}

// TestSupervisorReadsCalendar: a supervisor finds 节假日 in the side menu and reads it, with
// nothing to change; the slot setup is for admins.
func TestSupervisorReadsCalendar(t *testing.T) {
	zh := func(key string, args ...any) string { return i18n.T(i18n.ZH, key, args...) }
	j := newJourney(t, "supervisor-calendar")
	j.open("/login")
	j.waitVisible("#login-form")
	j.typeInto("#login", "supervisor")
	j.typeInto("#password", demoPassword)
	j.click("#login-submit")
	j.waitPath("/home")
	if eval[bool](j, `!!document.getElementById('menu-admin-slots')`) {
		t.Error("a supervisor's side menu offers 时段管理")
	}
	j.click("#menu-admin-calendar")
	j.waitPath("/admin/calendar")
	j.waitText("#read-only", zh("cal.read_only"))
	j.waitVisible("#cal-days .cal-row")
	for _, sel := range []string{"#day-form", "#closure-form", "#cal-days button"} {
		if eval[bool](j, fmt.Sprintf(`!!document.querySelector(%s)`, jsString(sel))) {
			t.Errorf("a supervisor sees %s", sel)
		}
	}
	j.shot("calendar")
	j.axe("calendar, read only")

	j.open("/admin/slots")
	j.waitText("main .empty", zh("slots.admin_only"))
	if eval[bool](j, `!!document.getElementById('tpl-form')`) {
		t.Error("a supervisor sees the slot template form")
	}
}
