package pages

import (
	"context"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"portal/app/api"
)

// AdminCalendar (/admin/calendar) keeps the year's exceptions to the Monday-to-Friday
// week: public holidays (休) and make-up working days (班), and the days a centre closes.
// Admins change them; supervisors read them.
type AdminCalendar struct {
	base
	year    int
	list    api.CalendarList
	sites   []api.Site
	loaded  bool
	errText string

	listOK   string
	listErr  string
	deleting string // the date whose deletion is being asked about
	delBusy  bool

	day       api.CalendarDay
	dayFields map[string]string
	dayOK     string
	dayErr    string
	dayBusy   bool

	closure     api.Closure
	closeFields map[string]string
	closeOK     string
	closeErr    string
	closeBusy   bool

	// page is the component's own context. Work that outlives the element whose handler
	// started it (the confirm box goes away once the day is deleted) runs from here: go-app
	// drops a Dispatch or Defer whose element is no longer on the page.
	page app.Context
}

func (a *AdminCalendar) OnMount(ctx app.Context) {
	a.mountBase(ctx)
	a.page = ctx
	if a.year == 0 {
		a.year = time.Now().In(centreZone).Year()
	}
	if a.day.Kind == "" {
		a.day.Kind = "holiday"
	}
	ctx.ObserveState(stateUser, &a.user).OnChange(func() { a.load(ctx) })
	a.load(ctx)
}

func (a *AdminCalendar) canRead() bool {
	r := a.role()
	return r == "admin" || r == "supervisor"
}

func (a *AdminCalendar) isAdmin() bool { return a.role() == "admin" }

func (a *AdminCalendar) load(ctx app.Context) {
	if !a.canRead() {
		return
	}
	year := a.year
	ctx.Async(func() {
		c := context.Background()
		var list api.CalendarList
		err := remote().Do(c, "GET", "/admin/calendar?year="+strconv.Itoa(year), nil, &list)
		sites, serr := catalog().Sites(c)
		ctx.Dispatch(func(ctx app.Context) {
			if serr == nil {
				a.sites = sites
				if a.closure.SiteCode == "" && len(sites) > 0 {
					a.closure.SiteCode = sites[0].Code
				}
			}
			if a.year != year { // another year was chosen meanwhile
				return
			}
			a.loaded = true
			if err != nil {
				a.errText = a.errorText(err)
				return
			}
			a.list, a.errText = list, ""
		})
	})
}

func (a *AdminCalendar) chooseYear(ctx app.Context, e app.Event) {
	y, err := strconv.Atoi(ctx.JSSrc().Get("value").String())
	if err != nil || y == a.year {
		return
	}
	a.year, a.loaded, a.deleting, a.listOK, a.listErr = y, false, "", "", ""
	a.list = api.CalendarList{}
	a.load(ctx)
}

// showYear switches the lists to the year of a date just saved, so it can be seen there.
func (a *AdminCalendar) showYear(ctx app.Context, date string) {
	if y, err := strconv.Atoi(date[:min(4, len(date))]); err == nil && y != a.year {
		a.year, a.deleting = y, ""
	}
	a.load(ctx)
}

func (a *AdminCalendar) siteName(code string) string {
	for _, s := range a.sites {
		if s.Code == code {
			return s.Name
		}
	}
	return code
}

func (a *AdminCalendar) kindBadge(kind string) app.UI {
	if kind == "workday" {
		return app.Span().Class("badge badge-grey cal-kind").Title(a.t("cal.kind_workday_long")).Text(a.t("cal.kind.workday"))
	}
	return app.Span().Class("badge badge-red cal-kind").Title(a.t("cal.kind_holiday_long")).Text(a.t("cal.kind.holiday"))
}

func (a *AdminCalendar) kindLong(kind string) string {
	if kind == "workday" {
		return a.t("cal.kind_workday_long")
	}
	return a.t("cal.kind_holiday_long")
}

// weekdayOf names the weekday of a date (周四), or nothing for a date it cannot read.
func (a *AdminCalendar) weekdayOf(date string) string {
	d, err := time.ParseInLocation(time.DateOnly, date, centreZone)
	if err != nil {
		return ""
	}
	return a.weekday(d.Weekday())
}

func (a *AdminCalendar) dayLabel(d api.CalendarDay) string {
	if d.Name == "" {
		return d.Date
	}
	return d.Date + " " + d.Name
}

// The handlers below look the day up by its date when they run (the list changes under
// rows that go-app keeps), and carry the date as their scope.

func (a *AdminCalendar) askDelete(ctx app.Context, date string) {
	a.deleting, a.listOK, a.listErr = date, "", ""
	focusLater(a.page, "delete-question")
}

func (a *AdminCalendar) keep(ctx app.Context, e app.Event) {
	date := a.deleting
	a.deleting = ""
	focusLater(a.page, "delete-"+date)
}

func (a *AdminCalendar) remove(ctx app.Context, e app.Event) {
	if a.delBusy || a.deleting == "" {
		return
	}
	date := a.deleting
	label := date
	for _, d := range a.list.Days {
		if d.Date == date {
			label = a.dayLabel(d)
		}
	}
	a.delBusy = true
	ctx.Async(func() {
		err := remote().Do(context.Background(), "DELETE", "/admin/calendar/"+url.PathEscape(date), nil, nil)
		ctx.Dispatch(func(ctx app.Context) {
			a.delBusy, a.deleting = false, ""
			if err != nil {
				a.listErr = a.errorText(err)
				return
			}
			a.listOK = a.t("cal.deleted", label)
			a.load(a.page)
		})
	})
}

func (a *AdminCalendar) editDay(ctx app.Context, date string) {
	for _, d := range a.list.Days {
		if d.Date == date {
			a.day, a.dayFields, a.dayOK, a.dayErr = d, nil, "", ""
			if d.Name == "" {
				clearInputs("day-name")
			}
			focusLater(a.page, "day-title")
			return
		}
	}
}

func (a *AdminCalendar) saveDay(ctx app.Context, e app.Event) {
	e.PreventDefault()
	if a.dayBusy {
		return
	}
	a.dayOK, a.dayErr = "", ""
	d := api.CalendarDay{Date: strings.TrimSpace(a.day.Date), Kind: a.day.Kind, Name: strings.TrimSpace(a.day.Name)}
	if d.Date == "" {
		a.dayFields, a.dayErr = map[string]string{"date": a.t("field.required")}, a.t("slots.fix_fields")
		return
	}
	a.dayBusy, a.dayFields = true, nil
	ctx.Async(func() {
		var out api.CalendarDay
		err := remote().Do(context.Background(), "PUT", "/admin/calendar/"+url.PathEscape(d.Date), d, &out)
		ctx.Dispatch(func(ctx app.Context) {
			a.dayBusy = false
			if err != nil {
				a.dayErr, a.dayFields = a.errorText(err), fieldErrors(err)
				return
			}
			a.dayOK = a.t("cal.saved", a.dayLong(d.Date), d.Name, a.kindLong(d.Kind))
			a.day = api.CalendarDay{Kind: d.Kind}
			clearInputs("day-date", "day-name")
			a.showYear(a.page, d.Date)
		})
	})
}

func (a *AdminCalendar) saveClosure(ctx app.Context, e app.Event) {
	e.PreventDefault()
	if a.closeBusy {
		return
	}
	a.closeOK, a.closeErr = "", ""
	c := api.Closure{SiteCode: a.closure.SiteCode, Date: strings.TrimSpace(a.closure.Date), Reason: strings.TrimSpace(a.closure.Reason)}
	fields := map[string]string{}
	if c.Date == "" {
		fields["date"] = a.t("field.required")
	}
	if c.Reason == "" {
		fields["reason"] = a.t("field.required")
	}
	if len(fields) > 0 {
		a.closeFields, a.closeErr = fields, a.t("slots.fix_fields")
		return
	}
	a.closeBusy, a.closeFields = true, nil
	ctx.Async(func() {
		err := remote().Do(context.Background(), "POST", "/admin/sites/"+url.PathEscape(c.SiteCode)+"/closures", c, nil)
		ctx.Dispatch(func(ctx app.Context) {
			a.closeBusy = false
			if err != nil {
				a.closeErr, a.closeFields = a.errorText(err), fieldErrors(err)
				return
			}
			a.closeOK = a.t("cal.closure_saved", a.siteName(c.SiteCode), a.dayLong(c.Date))
			a.closure.Date, a.closure.Reason = "", ""
			clearInputs("closure-date", "closure-reason")
			a.showYear(a.page, c.Date)
		})
	})
}

func (a *AdminCalendar) Render() app.UI {
	title := a.t("cal.title")
	if a.user == nil {
		return a.frame("admin-calendar", title, signInFirst(&a.base))
	}
	if !a.canRead() {
		return a.frame("admin-calendar", title, emptyState(a.t("cal.no_access"),
			app.A().Class("btn btn-primary").Href("/home").Text(a.t("nav.desk"))))
	}
	admin := a.isAdmin()
	return a.frame("admin-calendar", title,
		messages("cal-messages", "", a.errText),
		app.If(!admin, func() app.UI {
			return app.P().Class("notice-block notice-warn").ID("read-only").Text(a.t("cal.read_only"))
		}),
		a.yearPicker(),
		a.dayList(admin),
		app.If(admin, func() app.UI { return a.dayForm() }),
		a.closureList(),
		app.If(admin, func() app.UI { return a.closureForm() }),
	)
}

func (a *AdminCalendar) yearPicker() app.UI {
	now := time.Now().In(centreZone).Year()
	var years []int
	for y := now - 1; y <= now+2; y++ {
		years = append(years, y)
	}
	if a.year < now-1 || a.year > now+2 {
		years = append(years, a.year)
	}
	jump := func(id, label, target string) app.UI {
		return app.Button().Type("button").Class("btn btn-secondary").ID(id).Text(label).
			OnClick(func(ctx app.Context, e app.Event) { focusLater(a.page, target) }, app.EventScope(target))
	}
	return app.Div().Class("toolbar").Body(
		field("cal-year", a.t("cal.year"), "", "",
			app.Select().ID("cal-year").Class("input input-short").OnChange(a.chooseYear).Body(
				app.Range(years).Slice(func(i int) app.UI {
					y := years[i]
					return app.Option().Value(strconv.Itoa(y)).Selected(y == a.year).Text(a.t("cal.year_n", y))
				}),
			)),
		app.Div().Class("actions").Body(
			app.If(a.isAdmin(), func() app.UI { return jump("to-day-form", a.t("cal.form_title"), "day-title") }),
			jump("to-closures", a.t("cal.jump_closures"), "closures-title"),
		),
	)
}

func (a *AdminCalendar) dayList(admin bool) app.UI {
	days := a.list.Days
	return app.Section().Class("panel").ID("cal-days-panel").Aria("labelledby", "cal-days-title").Body(
		app.H2().ID("cal-days-title").Text(a.t("cal.days", a.year, len(days))),
		messages("days-messages", a.listOK, a.listErr),
		app.If(!a.loaded, func() app.UI { return app.P().Role("status").Text(a.t("desk.loading")) }),
		app.If(a.loaded && len(days) == 0, func() app.UI { return emptyState(a.t("cal.days_none"), nil) }),
		app.Ul().Class("cal-list").ID("cal-days").Body(
			app.Range(days).Slice(func(i int) app.UI { return a.dayRow(days[i], admin) }),
		),
	)
}

func (a *AdminCalendar) dayRow(d api.CalendarDay, admin bool) app.UI {
	date := d.Date
	asking := admin && a.deleting == date
	return app.Li().Class("cal-row").ID("day-"+date).DataSet("kind", d.Kind).Body(
		app.Div().Class("cal-main").Body(
			app.Div().Class("cal-when").Body(
				app.Span().Class("cal-date mono").Text(date),
				app.Span().Class("cal-wd").Text(a.weekdayOf(date)),
			),
			app.Div().Class("cal-what").Body(
				a.kindBadge(d.Kind),
				app.Span().Class("cal-name").Text(d.Name),
			),
		),
		app.If(admin && !asking, func() app.UI {
			return app.Div().Class("cal-actions").Body(
				app.Button().Type("button").Class("btn btn-ghost btn-small").ID("edit-"+date).
					Aria("label", a.t("cal.edit_named", a.dayLabel(d))).Text(a.t("cal.edit")).
					OnClick(func(ctx app.Context, e app.Event) { a.editDay(ctx, date) }, app.EventScope(date)),
				app.Button().Type("button").Class("btn btn-danger btn-small").ID("delete-"+date).
					Aria("label", a.t("cal.delete_named", a.dayLabel(d))).Text(a.t("cal.delete")).
					OnClick(func(ctx app.Context, e app.Event) { a.askDelete(ctx, date) }, app.EventScope(date)),
			)
		}),
		app.If(asking, func() app.UI {
			return app.Div().Class("confirm-box").ID("delete-box").Role("group").Aria("labelledby", "delete-question").Body(
				app.P().Class("confirm-question").ID("delete-question").TabIndex(-1).
					Text(a.t("cal.delete_question", a.dayLabel(d), a.kindLong(d.Kind))),
				app.Div().Class("actions actions-2").Body(
					app.Button().Type("button").Class("btn btn-danger").ID("delete-yes").Disabled(a.delBusy).
						Text(a.t(map[bool]string{true: "cal.deleting", false: "cal.delete_yes"}[a.delBusy])).OnClick(a.remove),
					app.Button().Type("button").Class("btn btn-secondary").ID("delete-no").Text(a.t("cal.delete_no")).OnClick(a.keep),
				),
			)
		}),
	)
}

func (a *AdminCalendar) dayForm() app.UI {
	errs := a.dayFields
	opt := func(v, label string) app.UI { return app.Option().Value(v).Selected(v == a.day.Kind).Text(label) }
	return app.Section().Class("panel").ID("day-panel").Aria("labelledby", "day-title").Body(
		app.H2().ID("day-title").TabIndex(-1).Text(a.t("cal.form_title")),
		app.P().Class("muted").Text(a.t("cal.form_note")),
		messages("day-messages", a.dayOK, a.dayErr),
		app.Form().Class("form").ID("day-form").OnSubmit(a.saveDay).Attr("novalidate", true).Body(
			app.Div().Class("fields-2").Body(
				field("day-date", a.t("cal.date"), "", errs["date"],
					textInput(&a.Compo, "day-date", "date", &a.day.Date, errs["date"], "off", false)),
				field("day-kind", a.t("cal.kind"), "", errs["kind"],
					app.Select().ID("day-kind").Class("input").OnChange(a.ValueTo(&a.day.Kind)).Body(
						opt("holiday", a.t("cal.kind_holiday_long")),
						opt("workday", a.t("cal.kind_workday_long")),
					)),
			),
			field("day-name", a.t("cal.name"), a.t("cal.name_hint"), errs["name"],
				textInput(&a.Compo, "day-name", "text", &a.day.Name, errs["name"], "off", true).MaxLength(40)),
			app.Button().Type("submit").Class("btn btn-primary").ID("day-save").Disabled(a.dayBusy).
				Text(a.t(map[bool]string{true: "slots.saving", false: "cal.save"}[a.dayBusy])),
		),
	)
}

func (a *AdminCalendar) closureList() app.UI {
	list := a.list.Closures
	return app.Section().Class("panel").ID("closures-panel").Aria("labelledby", "closures-title").Body(
		app.H2().ID("closures-title").TabIndex(-1).Text(a.t("cal.closures", a.year, len(list))),
		app.If(a.loaded && len(list) == 0, func() app.UI { return emptyState(a.t("cal.closures_none"), nil) }),
		app.Ul().Class("cal-list").ID("closures").Body(
			app.Range(list).Slice(func(i int) app.UI {
				c := list[i]
				return app.Li().Class("cal-row").ID("closure-"+c.SiteCode+"-"+c.Date).Body(
					app.Div().Class("cal-main").Body(
						app.Div().Class("cal-when").Body(
							app.Span().Class("cal-date mono").Text(c.Date),
							app.Span().Class("cal-wd").Text(a.weekdayOf(c.Date)),
						),
						app.Strong().Class("cal-site").Text(a.siteName(c.SiteCode)),
					),
					app.P().Class("cal-reason").Text(c.Reason),
				)
			}),
		),
	)
}

func (a *AdminCalendar) closureForm() app.UI {
	errs := a.closeFields
	return app.Section().Class("panel").ID("closure-panel").Aria("labelledby", "closure-title").Body(
		app.H2().ID("closure-title").Text(a.t("cal.closure_title")),
		app.P().Class("muted").Text(a.t("cal.closure_note")),
		messages("closure-messages", a.closeOK, a.closeErr),
		app.Form().Class("form").ID("closure-form").OnSubmit(a.saveClosure).Attr("novalidate", true).Body(
			field("closure-site", a.t("cal.site"), "", errs["site_code"],
				app.Select().ID("closure-site").Class("input").OnChange(a.ValueTo(&a.closure.SiteCode)).Body(
					app.Range(a.sites).Slice(func(i int) app.UI {
						s := a.sites[i]
						return app.Option().Value(s.Code).Selected(s.Code == a.closure.SiteCode).Text(s.Name)
					}),
				)),
			field("closure-date", a.t("cal.date"), "", errs["date"],
				textInput(&a.Compo, "closure-date", "date", &a.closure.Date, errs["date"], "off", false)),
			field("closure-reason", a.t("cal.reason"), a.t("cal.reason_hint"), errs["reason"],
				textInput(&a.Compo, "closure-reason", "text", &a.closure.Reason, errs["reason"], "off", true).MaxLength(100)),
			app.Button().Type("submit").Class("btn btn-primary").ID("closure-save").Disabled(a.closeBusy).
				Text(a.t(map[bool]string{true: "slots.saving", false: "cal.closure_save"}[a.closeBusy])),
		),
	)
}
