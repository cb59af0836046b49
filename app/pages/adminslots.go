package pages

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"portal/app/api"
)

// weekOrder is the order the pages show the days of the week in: Monday first.
var weekOrder = []int{1, 2, 3, 4, 5, 6, 0}

// tplForm is the slot template being added or changed. Numbers are kept as typed, so a
// field the person is clearing is not refilled under their fingers; they are read on saving.
type tplForm struct {
	ID         string
	Department string
	Days       [7]bool // by time.Weekday: 0 is Sunday
	Start, End string
	BreakStart string
	BreakEnd   string
	Minutes    string
	Capacity   string
	Kind       string
	Active     bool
}

func newTplForm(dept string) tplForm {
	f := tplForm{Department: dept, Start: "09:00", End: "17:00", Minutes: "30", Capacity: "1", Kind: "regular", Active: true}
	for d := 1; d <= 5; d++ {
		f.Days[d] = true
	}
	return f
}

func tplFormOf(t api.SlotTemplate) tplForm {
	f := tplForm{ID: t.ID, Department: t.DepartmentCode, Start: t.Start, End: t.End, BreakStart: t.BreakStart,
		BreakEnd: t.BreakEnd, Minutes: strconv.Itoa(t.SlotMinutes), Capacity: strconv.Itoa(t.Capacity), Kind: t.Kind, Active: t.Active}
	for _, d := range t.Weekdays {
		if d >= 0 && d <= 6 {
			f.Days[d] = true
		}
	}
	return f
}

// rulesForm holds a site's six booking rules as typed.
type rulesForm struct {
	DaysAhead, CancelBefore, Grace, NoShowLimit, NoShowWindow, Suspend string
}

func rulesFormOf(r api.BookingRules) rulesForm {
	return rulesForm{strconv.Itoa(r.DaysAhead), strconv.Itoa(r.CancelBeforeMinutes), strconv.Itoa(r.GraceMinutes),
		strconv.Itoa(r.NoShowLimit), strconv.Itoa(r.NoShowWindowDays), strconv.Itoa(r.SuspendDays)}
}

// AdminSlots (/admin/slots) sets up a site's booking: its slot templates, grouped by
// department, one form that adds a template or changes the one chosen, and the site's
// booking rules. Admins only.
type AdminSlots struct {
	base
	sites       []api.Site
	departments []api.Department
	site        string
	templates   []api.SlotTemplate
	loaded      bool
	errText     string
	lastSaved   string          // the template saved last, marked in the list
	open        map[string]bool // departments whose templates are shown

	form      tplForm
	tplFields map[string]string
	tplOK     string
	tplErr    string
	tplBusy   bool

	rules       rulesForm
	rulesFields map[string]string
	rulesOK     string
	rulesErr    string
	rulesBusy   bool

	// page is the component's own context, for work that outlives the element whose
	// handler started it (see AdminCalendar.page).
	page app.Context
}

func (a *AdminSlots) OnMount(ctx app.Context) {
	a.mountBase(ctx)
	a.page = ctx
	if a.site == "" {
		a.site = "county"
	}
	ctx.ObserveState(stateUser, &a.user).OnChange(func() { a.load(ctx) })
	a.load(ctx)
}

func (a *AdminSlots) isAdmin() bool { return a.role() == "admin" }

// load reads the names, then the chosen site's templates and rules.
func (a *AdminSlots) load(ctx app.Context) {
	if !a.isAdmin() {
		return
	}
	site := a.site
	ctx.Async(func() {
		c := context.Background()
		deps, err := catalog().Departments(c)
		var sites []api.Site
		if err == nil {
			sites, err = catalog().Sites(c)
		}
		ctx.Dispatch(func(ctx app.Context) {
			if err != nil {
				a.errText = a.errorText(err)
				return
			}
			a.departments, a.sites = deps, sites
			if a.form.Department == "" && len(deps) > 0 {
				a.form = newTplForm(deps[0].Code)
			}
			if a.site != site {
				return
			}
			a.loadTemplates(ctx)
			a.loadRules(ctx)
		})
	})
}

func (a *AdminSlots) loadTemplates(ctx app.Context) {
	site := a.site
	ctx.Async(func() {
		var list api.SlotTemplateList
		err := remote().Do(context.Background(), "GET", "/admin/slot-templates?"+url.Values{"site": {site}}.Encode(), nil, &list)
		ctx.Dispatch(func(ctx app.Context) {
			if a.site != site { // another site was chosen meanwhile
				return
			}
			a.loaded = true
			if err != nil {
				a.errText = a.errorText(err)
				return
			}
			a.templates, a.errText = list.Templates, ""
		})
	})
}

func (a *AdminSlots) loadRules(ctx app.Context) {
	site := a.site
	ctx.Async(func() {
		var r api.BookingRules
		err := remote().Do(context.Background(), "GET", "/sites/"+url.PathEscape(site)+"/booking-rules", nil, &r)
		ctx.Dispatch(func(ctx app.Context) {
			if a.site != site {
				return
			}
			if err != nil {
				a.rulesErr = a.errorText(err)
				return
			}
			a.rules = rulesFormOf(r)
		})
	})
}

func (a *AdminSlots) chooseSite(ctx app.Context, e app.Event) {
	site := ctx.JSSrc().Get("value").String()
	if site == a.site {
		return
	}
	a.site, a.templates, a.loaded, a.lastSaved, a.open = site, nil, false, "", nil
	a.resetForm()
	a.tplOK, a.tplErr, a.rulesOK, a.rulesErr, a.rulesFields = "", "", "", "", nil
	a.loadTemplates(ctx)
	a.loadRules(ctx)
}

// resetForm makes the form add a new template for the same department.
func (a *AdminSlots) resetForm() {
	a.form, a.tplFields = newTplForm(a.form.Department), nil
	clearInputs("tpl-break-start", "tpl-break-end")
}

func (a *AdminSlots) newTemplate(ctx app.Context, e app.Event) {
	a.resetForm()
	a.tplOK, a.tplErr = "", ""
	focusLater(a.page, "tpl-title")
}

// editTemplate loads the template with this id into the form. It looks the template up
// when it runs: go-app keeps a list button's first handler while the list changes.
func (a *AdminSlots) editTemplate(ctx app.Context, id string) {
	for _, t := range a.templates {
		if t.ID == id {
			a.form, a.tplFields, a.tplOK, a.tplErr = tplFormOf(t), nil, "", ""
			if t.BreakStart == "" {
				clearInputs("tpl-break-start", "tpl-break-end")
			}
			focusLater(a.page, "tpl-title")
			return
		}
	}
}

// focusLater moves the focus (and the view) to an element once the page shows the change.
func focusLater(ctx app.Context, id string) {
	ctx.Defer(func(app.Context) {
		if app.IsServer {
			return
		}
		if el := app.Window().GetElementByID(id); el.Truthy() {
			el.Call("focus")
		}
	})
}

// atoi reads a number field; a field that is not a whole number gets its error.
func (a *AdminSlots) atoi(fields map[string]string, key, s string) int {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		fields[key] = a.t("field.number")
	}
	return n
}

func (a *AdminSlots) saveTemplate(ctx app.Context, e app.Event) {
	e.PreventDefault()
	if a.tplBusy {
		return
	}
	a.tplOK, a.tplErr = "", ""
	f := a.form
	fields := map[string]string{}
	t := api.SlotTemplate{ID: f.ID, SiteCode: a.site, DepartmentCode: f.Department, Start: f.Start, End: f.End,
		BreakStart: f.BreakStart, BreakEnd: f.BreakEnd, Kind: f.Kind, Active: f.Active, Weekdays: []int{}}
	for d, on := range f.Days {
		if on {
			t.Weekdays = append(t.Weekdays, d)
		}
	}
	t.SlotMinutes = a.atoi(fields, "slot_minutes", f.Minutes)
	t.Capacity = a.atoi(fields, "capacity", f.Capacity)
	if len(fields) > 0 {
		a.tplFields, a.tplErr = fields, a.t("slots.fix_fields")
		return
	}
	a.tplBusy, a.tplFields = true, nil
	method, path := "POST", "/admin/slot-templates"
	if t.ID != "" {
		method, path = "PUT", "/admin/slot-templates/"+url.PathEscape(t.ID)
	}
	ctx.Async(func() {
		var out api.SlotTemplate
		err := remote().Do(context.Background(), method, path, t, &out)
		ctx.Dispatch(func(ctx app.Context) {
			a.tplBusy = false
			if err != nil {
				a.tplErr, a.tplFields = a.errorText(err), templateFieldErrors(err)
				return
			}
			key := "slots.saved"
			if method == "POST" {
				key = "slots.created"
			}
			a.tplOK = a.t(key, a.departmentName(out.DepartmentCode), a.weekdaysText(out.Weekdays), out.Start+"–"+out.End)
			a.lastSaved = out.ID
			a.setOpen(out.DepartmentCode, true)
			a.resetForm()
			a.loadTemplates(a.page)
		})
	})
}

// templateFieldErrors folds the per-day errors (weekdays[2]) into the days' field.
func templateFieldErrors(err error) map[string]string {
	fields := fieldErrors(err)
	for k, v := range fields {
		if strings.HasPrefix(k, "weekdays[") {
			fields["weekdays"] = v
		}
	}
	return fields
}

func (a *AdminSlots) saveRules(ctx app.Context, e app.Event) {
	e.PreventDefault()
	if a.rulesBusy {
		return
	}
	a.rulesOK, a.rulesErr = "", ""
	f := a.rules
	fields := map[string]string{}
	r := api.BookingRules{
		SiteCode:            a.site,
		DaysAhead:           a.atoi(fields, "days_ahead", f.DaysAhead),
		CancelBeforeMinutes: a.atoi(fields, "cancel_before_minutes", f.CancelBefore),
		GraceMinutes:        a.atoi(fields, "grace_minutes", f.Grace),
		NoShowLimit:         a.atoi(fields, "no_show_limit", f.NoShowLimit),
		NoShowWindowDays:    a.atoi(fields, "no_show_window_days", f.NoShowWindow),
		SuspendDays:         a.atoi(fields, "suspend_days", f.Suspend),
	}
	if len(fields) > 0 {
		a.rulesFields, a.rulesErr = fields, a.t("slots.fix_fields")
		return
	}
	a.rulesBusy, a.rulesFields = true, nil
	site := a.site
	ctx.Async(func() {
		var out api.BookingRules
		err := remote().Do(context.Background(), "PUT", "/admin/sites/"+url.PathEscape(site)+"/booking-rules", r, &out)
		ctx.Dispatch(func(ctx app.Context) {
			a.rulesBusy = false
			if a.site != site {
				return
			}
			if err != nil {
				a.rulesErr, a.rulesFields = a.errorText(err), fieldErrors(err)
				return
			}
			a.rules = rulesFormOf(out)
			a.rulesOK = a.t("slots.rules_saved", a.siteName(site))
		})
	})
}

func (a *AdminSlots) departmentName(code string) string {
	for _, d := range a.departments {
		if d.Code == code {
			return d.Name
		}
	}
	return code
}

func (a *AdminSlots) siteName(code string) string {
	for _, s := range a.sites {
		if s.Code == code {
			return s.Name
		}
	}
	return code
}

// weekdaysText shows the days a template opens, Monday first: 一二三四五, Mon Tue Wed.
func (a *AdminSlots) weekdaysText(days []int) string {
	on := map[int]bool{}
	for _, d := range days {
		on[d] = true
	}
	var names []string
	for _, d := range weekOrder {
		if on[d] {
			names = append(names, a.t(fmt.Sprintf("weekday.short.%d", d)))
		}
	}
	return strings.Join(names, a.t("slots.day_sep"))
}

// kindBadge names every kind of slot, the regular one too.
func (a *AdminSlots) kindBadge(kind string) app.UI {
	if k := a.slotKind(kind); k != nil {
		return k
	}
	return badge("badge-grey", a.t("slot.kind.regular"))
}

func (a *AdminSlots) setOpen(dept string, open bool) {
	if a.open == nil {
		a.open = map[string]bool{}
	}
	a.open[dept] = open
}

type tplGroup struct {
	code, name string
	list       []api.SlotTemplate
}

// groups puts the templates under their departments, in the hall's order.
func (a *AdminSlots) groups() []tplGroup {
	byDept := map[string][]api.SlotTemplate{}
	for _, t := range a.templates {
		byDept[t.DepartmentCode] = append(byDept[t.DepartmentCode], t)
	}
	var out []tplGroup
	for _, d := range a.departments {
		if list := byDept[d.Code]; len(list) > 0 {
			out = append(out, tplGroup{d.Code, d.Name, list})
			delete(byDept, d.Code)
		}
	}
	for _, t := range a.templates { // departments the list of names does not know
		if list, ok := byDept[t.DepartmentCode]; ok {
			out = append(out, tplGroup{t.DepartmentCode, t.DepartmentCode, list})
			delete(byDept, t.DepartmentCode)
		}
	}
	return out
}

func (a *AdminSlots) Render() app.UI {
	title := a.t("slots.title")
	if a.user == nil {
		return a.frame("admin-slots", title, signInFirst(&a.base))
	}
	if !a.isAdmin() {
		return a.frame("admin-slots", title, emptyState(a.t("slots.admin_only"),
			app.A().Class("btn btn-primary").Href("/home").Text(a.t("nav.desk"))))
	}
	return a.frame("admin-slots", title,
		messages("slots-messages", "", a.errText),
		app.Div().Class("toolbar").Body(
			field("slots-site", a.t("slots.site"), a.t("slots.site_hint"), "",
				app.Select().ID("slots-site").Class("input").Aria("describedby", "slots-site-hint").OnChange(a.chooseSite).Body(
					app.Range(a.sites).Slice(func(i int) app.UI {
						s := a.sites[i]
						return app.Option().Value(s.Code).Selected(s.Code == a.site).Text(s.Name)
					}),
				)),
			app.Div().Class("actions").Body(
				app.Button().Type("button").Class("btn btn-primary").ID("new-template").Text(a.t("slots.new")).OnClick(a.newTemplate),
				app.Button().Type("button").Class("btn btn-secondary").ID("to-rules").Text(a.t("slots.jump_rules")).
					OnClick(func(ctx app.Context, e app.Event) { focusLater(a.page, "rules-title") }),
			),
		),
		a.templateList(),
		a.templateForm(),
		a.rulesPanel(),
	)
}

func (a *AdminSlots) templateList() app.UI {
	groups := a.groups()
	return app.Section().Class("panel").ID("templates").Aria("labelledby", "templates-title").Body(
		app.H2().ID("templates-title").Text(a.t("slots.list", len(a.templates))),
		app.P().Class("hint").Text(map[bool]string{true: a.t("slots.open_hint"), false: ""}[len(groups) > 0]),
		app.If(!a.loaded, func() app.UI { return app.P().Role("status").Text(a.t("desk.loading")) }),
		app.If(a.loaded && len(a.templates) == 0, func() app.UI { return emptyState(a.t("slots.none"), nil) }),
		// One fold per department keeps a centre with many windows short on a phone.
		app.Range(groups).Slice(func(i int) app.UI {
			g := groups[i]
			code := g.code
			var hours []string
			for _, t := range g.list {
				hours = append(hours, t.Start+"–"+t.End)
			}
			return app.Details().Class("tpl-group").ID("dept-"+g.code).Open(a.open[g.code]).
				OnToggle(func(ctx app.Context, e app.Event) { a.setOpen(code, ctx.JSSrc().Get("open").Bool()) }, app.EventScope(code)).Body(
				app.Summary().Class("tpl-dept").ID("dept-"+g.code+"-summary").Body(
					app.Span().Class("tpl-dept-name").Text(g.name),
					app.Span().Class("tpl-dept-count").Text(a.t("slots.count", len(g.list))),
					app.Span().Class("tpl-dept-hours").Text(strings.Join(hours, a.t("slots.hours_sep"))),
				),
				app.Ul().Class("cards").Body(app.Range(g.list).Slice(func(j int) app.UI { return a.templateCard(g.name, g.list[j]) })),
			)
		}),
	)
}

func (a *AdminSlots) templateCard(dept string, t api.SlotTemplate) app.UI {
	hours := t.Start + "–" + t.End
	brk := a.t("slots.no_break")
	if t.BreakStart != "" {
		brk = a.t("slots.break", t.BreakStart, t.BreakEnd)
	}
	active := badge("badge-green", a.t("slots.active"))
	if !t.Active {
		active = badge("badge-red", a.t("slots.inactive"))
	}
	cls := "card tpl-card"
	if t.ID == a.lastSaved {
		cls += " tpl-card-saved"
	}
	id := t.ID
	return app.Li().Class(cls).ID("tpl-"+t.ID).DataSet("department", t.DepartmentCode).Body(
		app.Div().Class("tpl-head").Body(
			app.Strong().Class("tpl-hours").Text(hours),
			a.kindBadge(t.Kind),
			active,
			app.Button().Type("button").Class("btn btn-secondary btn-small tpl-edit").ID("edit-"+t.ID).
				Aria("label", a.t("slots.edit_named", dept, hours)).Text(a.t("slots.edit")).
				OnClick(func(ctx app.Context, e app.Event) { a.editTemplate(ctx, id) }, app.EventScope(id)),
		),
		app.P().Class("tpl-days").Body(
			app.Span().Class("muted").Text(a.t("slots.days")+" "),
			app.Span().Class("tpl-weekdays").Text(a.weekdaysText(t.Weekdays)),
		),
		app.P().Class("tpl-meta").Text(strings.Join([]string{brk, a.t("slots.every", t.SlotMinutes), a.t("slots.capacity_n", t.Capacity)}, " · ")),
	)
}

// numberInput is a whole-number field bound to the text the person typed.
func numberInput(c *app.Compo, id string, v *string, errText string, hint bool, min, max int) app.HTMLInput {
	return textInput(c, id, "number", v, errText, "off", hint).Attr("inputmode", "numeric").Min(min).Max(max)
}

func (a *AdminSlots) templateForm() app.UI {
	f := &a.form
	editing := f.ID != ""
	title, note := a.t("slots.new"), a.t("slots.new_note")
	if editing {
		title = a.t("slots.edit_title")
		note = a.t("slots.editing", a.departmentName(f.Department), f.Start+"–"+f.End)
	}
	errs := a.tplFields
	opt := func(v, label, cur string) app.UI { return app.Option().Value(v).Selected(v == cur).Text(label) }
	daysErr := errs["weekdays"]
	return app.Section().Class("panel").ID("tpl-panel").Aria("labelledby", "tpl-title").Body(
		app.H2().ID("tpl-title").TabIndex(-1).Text(title),
		app.P().Class("muted").ID("tpl-note").Text(note),
		messages("tpl-messages", a.tplOK, a.tplErr),
		app.Form().Class("form").ID("tpl-form").OnSubmit(a.saveTemplate).Attr("novalidate", true).Body(
			field("tpl-department", a.t("slots.department"), "", errs["department_code"],
				app.Select().ID("tpl-department").Class("input").OnChange(a.ValueTo(&f.Department)).Body(
					app.Range(a.departments).Slice(func(i int) app.UI {
						d := a.departments[i]
						return opt(d.Code, d.Name, f.Department)
					}),
				)),
			app.FieldSet().ID("tpl-weekdays").Aria("describedby", map[bool]string{true: "tpl-weekdays-error", false: ""}[daysErr != ""]).Body(
				app.Legend().Text(a.t("slots.weekdays")),
				app.If(daysErr != "", func() app.UI {
					return app.P().Class("field-error").ID("tpl-weekdays-error").Role("alert").Text(daysErr)
				}),
				app.Div().Class("weekday-checks").Body(
					app.Range(weekOrder).Slice(func(i int) app.UI {
						d := weekOrder[i]
						id := fmt.Sprintf("tpl-wd-%d", d)
						return app.Label().Class("check").For(id).Body(
							app.Input().ID(id).Type("checkbox").Checked(f.Days[d]).OnChange(func(ctx app.Context, e app.Event) {
								a.form.Days[d] = ctx.JSSrc().Get("checked").Bool()
							}, app.EventScope(id)),
							app.Span().Text(a.weekday(time.Weekday(d))),
						)
					}),
				),
			),
			app.Div().Class("grid-2").Body(
				field("tpl-start", a.t("slots.start"), "", errs["start"],
					textInput(&a.Compo, "tpl-start", "time", &f.Start, errs["start"], "off", false)),
				field("tpl-end", a.t("slots.end"), "", errs["end"],
					textInput(&a.Compo, "tpl-end", "time", &f.End, errs["end"], "off", false)),
			),
			app.FieldSet().ID("tpl-break").Aria("describedby", "tpl-break-hint").Body(
				app.Legend().Text(a.t("slots.break_legend")),
				app.P().Class("hint").ID("tpl-break-hint").Text(a.t("slots.break_hint")),
				app.Div().Class("grid-2").Body(
					field("tpl-break-start", a.t("slots.break_start"), "", errs["break_start"],
						textInput(&a.Compo, "tpl-break-start", "time", &f.BreakStart, errs["break_start"], "off", false).
							Aria("describedby", strings.TrimSpace("tpl-break-hint "+describedBy("tpl-break-start", false, errs["break_start"])))),
					field("tpl-break-end", a.t("slots.break_end"), "", errs["break_end"],
						textInput(&a.Compo, "tpl-break-end", "time", &f.BreakEnd, errs["break_end"], "off", false).
							Aria("describedby", strings.TrimSpace("tpl-break-hint "+describedBy("tpl-break-end", false, errs["break_end"])))),
				),
			),
			app.Div().Class("fields-2").Body(
				field("tpl-minutes", a.t("slots.minutes"), a.t("slots.minutes_hint"), errs["slot_minutes"],
					numberInput(&a.Compo, "tpl-minutes", &f.Minutes, errs["slot_minutes"], true, 5, 240).Step(5)),
				field("tpl-capacity", a.t("slots.capacity"), a.t("slots.capacity_hint"), errs["capacity"],
					numberInput(&a.Compo, "tpl-capacity", &f.Capacity, errs["capacity"], true, 1, 500)),
			),
			field("tpl-kind", a.t("slots.kind"), a.t("slots.kind_hint"), errs["kind"],
				app.Select().ID("tpl-kind").Class("input").Aria("describedby", "tpl-kind-hint").OnChange(a.ValueTo(&f.Kind)).Body(
					opt("regular", a.t("slot.kind.regular"), f.Kind),
					opt("extended", a.t("slot.kind.extended"), f.Kind),
					opt("green_channel", a.t("slot.kind.green_channel"), f.Kind),
				)),
			app.Label().Class("check").For("tpl-active").Body(
				app.Input().ID("tpl-active").Type("checkbox").Checked(f.Active).OnChange(func(ctx app.Context, e app.Event) {
					a.form.Active = ctx.JSSrc().Get("checked").Bool()
				}),
				app.Span().Text(a.t("slots.active_label")),
			),
			app.If(errs["site_code"] != "", func() app.UI {
				return app.P().Class("field-error").Role("alert").Text(a.t("slots.site") + ": " + errs["site_code"])
			}),
			app.Div().Class("actions").Body(
				app.Button().Type("submit").Class("btn btn-primary").ID("tpl-save").Disabled(a.tplBusy).
					Text(a.t(map[bool]string{true: "slots.saving", false: "slots.save"}[a.tplBusy])),
				app.If(editing, func() app.UI {
					return app.Button().Type("button").Class("btn btn-secondary").ID("tpl-cancel").Text(a.t("slots.cancel_edit")).OnClick(a.newTemplate)
				}),
			),
		),
	)
}

func (a *AdminSlots) rulesPanel() app.UI {
	f := &a.rules
	errs := a.rulesFields
	num := func(id, key, label, hint string, v *string, min, max int) app.UI {
		return field(id, a.t(label), a.t(hint), errs[key], numberInput(&a.Compo, id, v, errs[key], true, min, max))
	}
	return app.Section().Class("panel").ID("rules-panel").Aria("labelledby", "rules-title").Body(
		app.H2().ID("rules-title").TabIndex(-1).Text(a.t("slots.rules_title", a.siteName(a.site))),
		app.P().Class("muted").Text(a.t("slots.rules_note")),
		messages("rules-messages", a.rulesOK, a.rulesErr),
		app.Form().Class("form").ID("rules-form").OnSubmit(a.saveRules).Attr("novalidate", true).Body(
			app.Div().Class("fields-2").Body(
				num("rule-days-ahead", "days_ahead", "slots.days_ahead", "slots.days_ahead_hint", &f.DaysAhead, 1, 30),
				num("rule-cancel-before", "cancel_before_minutes", "slots.cancel_before", "slots.cancel_before_hint", &f.CancelBefore, 0, 2880),
				num("rule-grace", "grace_minutes", "slots.grace", "slots.grace_hint", &f.Grace, 0, 240),
				num("rule-no-show-limit", "no_show_limit", "slots.no_show_limit", "slots.no_show_limit_hint", &f.NoShowLimit, 1, 20),
				num("rule-no-show-window", "no_show_window_days", "slots.no_show_window", "slots.no_show_window_hint", &f.NoShowWindow, 1, 365),
				num("rule-suspend", "suspend_days", "slots.suspend_days", "slots.suspend_days_hint", &f.Suspend, 0, 365),
			),
			app.Button().Type("submit").Class("btn btn-primary").ID("rules-save").Disabled(a.rulesBusy).
				Text(a.t(map[bool]string{true: "slots.saving", false: "slots.rules_save"}[a.rulesBusy])),
		),
	)
}
