package pages

import (
	"context"
	"net/url"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"portal/app/api"
	"portal/app/client"
)

// AdminItems lists every item, retired ones too, for admins (edit) and supervisors (read).
type AdminItems struct {
	base
	q       string
	items   api.ItemList
	loaded  bool
	errText string
}

func (a *AdminItems) OnMount(ctx app.Context) {
	a.mountBase(ctx)
	ctx.ObserveState(stateUser, &a.user).OnChange(func() { a.load(ctx) })
	a.load(ctx)
}

func (a *AdminItems) load(ctx app.Context) {
	if a.user == nil {
		return
	}
	q := url.Values{"limit": {"200"}}
	if a.q != "" {
		q.Set("q", a.q)
	}
	ctx.Async(func() {
		var list api.ItemList
		err := remote().Do(context.Background(), "GET", "/admin/items?"+q.Encode(), nil, &list)
		ctx.Dispatch(func(ctx app.Context) {
			a.loaded = true
			if err != nil {
				a.errText = a.errorText(err)
				return
			}
			a.items, a.errText = list, ""
		})
	})
}

func (a *AdminItems) Render() app.UI {
	if a.user == nil {
		return a.frame("admin-items", a.t("nav.admin_items"), signInFirst(&a.base))
	}
	isAdmin := a.user.Role == "admin"
	return a.frame("admin-items", a.t("nav.admin_items"),
		app.Form().Class("search").Role("search").OnSubmit(func(ctx app.Context, e app.Event) {
			e.PreventDefault()
			a.load(ctx)
		}).Body(
			app.Label().For("admin-q").Class("visually-hidden").Text(a.t("search.label")),
			app.Input().ID("admin-q").Type("search").Class("input").Placeholder(a.t("search.placeholder")).
				Value(a.q).OnInput(a.ValueTo(&a.q)),
			app.Button().Type("submit").Class("btn btn-primary").Text(a.t("search.button")),
		),
		app.If(isAdmin, func() app.UI {
			return app.A().Class("btn btn-secondary").ID("new-item").Href("/admin/items/new").Text(a.t("admin.new_item"))
		}),
		app.If(a.errText != "", func() app.UI { return app.P().Class("form-error").Role("alert").Text(a.errText) }),
		app.P().Class("result-count").Text(a.t("catalog.count", a.items.Total)),
		app.Div().Class("table-wrap").Body(
			app.Table().Class("table").ID("admin-item-table").Body(
				app.Caption().Class("visually-hidden").Text(a.t("nav.admin_items")),
				app.THead().Body(app.Tr().Body(
					app.Th().Scope("col").Text(a.t("admin.col_code")),
					app.Th().Scope("col").Text(a.t("admin.col_name")),
					app.Th().Scope("col").Text(a.t("admin.col_department")),
					app.Th().Scope("col").Text(a.t("admin.col_status")),
				)),
				app.TBody().Body(app.Range(a.items.Items).Slice(func(i int) app.UI {
					it := a.items.Items[i]
					cls := "badge-green"
					if it.Status != "active" {
						cls = "badge-red"
					}
					return app.Tr().Body(
						app.Td().Class("mono").Text(it.Code),
						app.Td().Body(app.A().Href("/admin/items/"+it.Code).ID("edit-"+it.Code).Text(it.Name)),
						app.Td().Text(it.DepartmentName),
						app.Td().Body(badge(cls, a.t("status."+it.Status))),
					)
				})),
			),
		),
	)
}

// signInFirst is shown on pages that need a session before one is known.
func signInFirst(b *base) app.UI {
	if !b.checked {
		return app.P().Role("status").Text(b.t("desk.loading"))
	}
	return emptyState(b.t("desk.signed_out_text"), app.A().Class("btn btn-primary").Href("/login").Text(b.t("nav.login")))
}

// AdminItem edits one item (/admin/items/{code}) or creates one (/admin/items/new).
type AdminItem struct {
	base
	code        string
	isNew       bool
	in          api.ItemInput
	status      string
	statusTo    string
	statusNote  string
	departments []api.Department
	sites       []api.Site
	history     []api.ItemChange
	fields      map[string]string
	errText     string
	okText      string
	busy        bool
	loaded      bool
}

func (a *AdminItem) OnMount(ctx app.Context) {
	a.mountBase(ctx)
	a.code = codeFromPath(ctx.Page().URL())
	a.isNew = a.code == "new"
	ctx.ObserveState(stateUser, &a.user).OnChange(func() { a.load(ctx) })
	a.load(ctx)
}

func (a *AdminItem) load(ctx app.Context) {
	if a.user == nil {
		return
	}
	code, isNew := a.code, a.isNew
	ctx.Async(func() {
		c := context.Background()
		deps, err := catalog().Departments(c)
		var sites []api.Site
		if err == nil {
			sites, err = catalog().Sites(c)
		}
		var it api.Item
		var hist api.ItemHistory
		if err == nil && !isNew {
			err = remote().Do(c, "GET", "/admin/items/"+url.PathEscape(code), nil, &it)
			if err == nil {
				err = remote().Do(c, "GET", "/admin/items/"+url.PathEscape(code)+"/history", nil, &hist)
			}
		}
		ctx.Dispatch(func(ctx app.Context) {
			a.loaded = true
			if err != nil {
				a.errText = a.errorText(err)
				return
			}
			a.departments, a.sites, a.history = deps, sites, hist.Changes
			if isNew {
				a.in = api.ItemInput{Kind: "licensing", Handling: "promise", Trips: 1, Sites: []string{"county"}}
				return
			}
			a.in = inputFromItem(it)
			a.status, a.statusTo = it.Status, it.Status
		})
	})
}

func inputFromItem(it api.Item) api.ItemInput {
	in := api.ItemInput{
		Code: it.Code, Name: it.Name, DepartmentCode: it.DepartmentCode, Kind: it.Kind, Handling: it.Handling,
		LegalDays: it.LegalDays, PromisedDays: it.PromisedDays, Fee: it.Fee, FeeBasis: it.FeeBasis,
		Conditions: it.Conditions, LegalBasis: it.LegalBasis, Trips: it.Trips, OnlinePreview: it.OnlinePreview,
		Bookable: it.Bookable, Keywords: it.Keywords, Version: it.Version,
	}
	for _, s := range it.Sites {
		in.Sites = append(in.Sites, s.Code)
	}
	for _, m := range it.Materials {
		in.Materials = append(in.Materials, api.MaterialInput{ID: m.ID, Name: m.Name, Required: m.Required, Form: m.Form,
			Copies: m.Copies, Formats: m.Formats, MaxBytes: m.MaxBytes, Notes: m.Notes, Sample: m.Sample, TypeCode: m.TypeCode})
	}
	return in
}

func (a *AdminItem) save(ctx app.Context, e app.Event) {
	e.PreventDefault()
	if a.busy {
		return
	}
	a.busy, a.errText, a.okText, a.fields = true, "", "", nil
	in := a.in
	method, path := "PUT", "/admin/items/"+url.PathEscape(a.code)
	if a.isNew {
		method, path = "POST", "/admin/items"
	}
	ctx.Async(func() {
		var it api.Item
		err := remote().Do(context.Background(), method, path, in, &it)
		ctx.Dispatch(func(ctx app.Context) {
			a.busy = false
			if err != nil {
				a.errText, a.fields = a.errorText(err), fieldErrors(err)
				if client.IsStatus(err, 409) {
					a.errText = a.t("admin.stale")
				}
				return
			}
			if a.isNew {
				ctx.Navigate("/admin/items/" + it.Code)
				return
			}
			a.in = inputFromItem(it)
			a.in.Note = ""
			clearInputs("change-note")
			a.okText = a.t("admin.saved", it.Version)
			a.load(ctx)
		})
	})
}

func (a *AdminItem) changeStatus(ctx app.Context, e app.Event) {
	e.PreventDefault()
	if a.busy {
		return
	}
	if strings.TrimSpace(a.statusNote) == "" {
		a.fields = map[string]string{"note": a.t("field.required")}
		return
	}
	a.busy, a.errText, a.okText = true, "", ""
	req := api.ItemStatusRequest{Status: a.statusTo, Note: a.statusNote, Version: a.in.Version}
	ctx.Async(func() {
		var it api.Item
		err := remote().Do(context.Background(), "POST", "/admin/items/"+url.PathEscape(a.code)+"/status", req, &it)
		ctx.Dispatch(func(ctx app.Context) {
			a.busy = false
			if err != nil {
				a.errText, a.fields = a.errorText(err), fieldErrors(err)
				return
			}
			a.status, a.statusNote = it.Status, ""
			clearInputs("status-note")
			a.in.Version = it.Version
			a.okText = a.t("admin.status_saved", a.t("status."+it.Status))
			a.load(ctx)
		})
	})
}

func (a *AdminItem) Render() app.UI {
	title := a.t("admin.edit_item")
	if a.loaded && a.in.Name != "" && !a.isNew {
		title = a.t("admin.edit_item_named", a.in.Name, a.code)
	}
	if a.isNew {
		title = a.t("admin.new_item")
	}
	if a.user == nil {
		return a.frame("admin-items", title, signInFirst(&a.base))
	}
	if !a.loaded {
		return a.frame("admin-items", title, app.P().Role("status").Text(a.t("desk.loading")))
	}
	return a.frame("admin-items", title,
		// The messages sit in a box that is always there: go-app matches children by
		// position, and a message appearing before the forms would remount them, which
		// drops the reload that saving starts from the form's context.
		app.Div().Body(
			app.If(a.okText != "", func() app.UI { return app.P().Class("form-ok").Role("status").ID("save-ok").Text(a.okText) }),
			app.If(a.errText != "", func() app.UI { return app.P().Class("form-error").Role("alert").ID("save-error").Text(a.errText) }),
		),
		app.Form().Class("form").ID("item-form").OnSubmit(a.save).Attr("novalidate", true).Body(
			app.If(a.isNew, func() app.UI {
				return field("code", a.t("admin.col_code"), a.t("admin.code_hint"), a.fields["code"],
					textInput(&a.Compo, "code", "text", &a.in.Code, a.fields["code"], "off", true))
			}),
			field("name", a.t("admin.col_name"), "", a.fields["name"],
				textInput(&a.Compo, "name", "text", &a.in.Name, a.fields["name"], "off", false)),
			field("department", a.t("admin.col_department"), "", a.fields["department_code"],
				app.Select().ID("department").Class("input").OnChange(a.ValueTo(&a.in.DepartmentCode)).Body(
					app.Range(a.departments).Slice(func(i int) app.UI {
						d := a.departments[i]
						return app.Option().Value(d.Code).Selected(d.Code == a.in.DepartmentCode).Text(d.Name)
					}),
				)),
			app.Div().Class("grid-2").Body(
				field("kind", a.t("guide.kind"), "", a.fields["kind"],
					app.Select().ID("kind").Class("input").OnChange(a.ValueTo(&a.in.Kind)).Body(
						a.option("licensing", "kind.licensing", a.in.Kind),
						a.option("other_approval", "kind.other_approval", a.in.Kind),
						a.option("public_service", "kind.public_service", a.in.Kind),
						a.option("convenience", "kind.convenience", a.in.Kind),
					)),
				field("handling", a.t("guide.handling"), "", a.fields["handling"],
					app.Select().ID("handling").Class("input").OnChange(a.ValueTo(&a.in.Handling)).Body(
						a.option("instant", "item.instant", a.in.Handling),
						a.option("promise", "item.promise", a.in.Handling),
					)),
				field("legal_days", a.t("guide.legal_days"), "", a.fields["legal_days"], a.intInput("legal_days", &a.in.LegalDays)),
				field("promised_days", a.t("guide.promised_days"), "", a.fields["promised_days"], a.intInput("promised_days", &a.in.PromisedDays)),
				field("trips", a.t("guide.trips"), "", a.fields["trips"], a.intInput("trips", &a.in.Trips)),
			),
			field("fee", a.t("guide.fee"), "", a.fields["fee"], textInput(&a.Compo, "fee", "text", &a.in.Fee, a.fields["fee"], "off", false)),
			field("fee_basis", a.t("guide.fee_basis"), "", a.fields["fee_basis"], textInput(&a.Compo, "fee_basis", "text", &a.in.FeeBasis, a.fields["fee_basis"], "off", false)),
			field("conditions", a.t("guide.conditions"), "", a.fields["conditions"],
				app.Textarea().ID("conditions").Class("input").Rows(3).Text(a.in.Conditions).OnInput(a.ValueTo(&a.in.Conditions))),
			field("legal_basis", a.t("guide.legal_basis"), "", a.fields["legal_basis"],
				app.Textarea().ID("legal_basis").Class("input").Rows(2).Text(a.in.LegalBasis).OnInput(a.ValueTo(&a.in.LegalBasis))),
			field("keywords", a.t("admin.keywords"), a.t("admin.keywords_hint"), a.fields["keywords"],
				textInput(&a.Compo, "keywords", "text", &a.in.Keywords, a.fields["keywords"], "off", true)),
			app.FieldSet().Body(
				app.Legend().Text(a.t("admin.services")),
				a.checkbox("online_prereview", a.t("guide.online"), &a.in.OnlinePreview),
				a.checkbox("bookable", a.t("guide.booking"), &a.in.Bookable),
			),
			app.FieldSet().ID("sites").Body(
				app.Legend().Text(a.t("guide.where")),
				app.If(a.fields["sites"] != "", func() app.UI { return app.P().Class("field-error").Role("alert").Text(a.fields["sites"]) }),
				app.Range(a.sites).Slice(func(i int) app.UI { return a.siteBox(a.sites[i]) }),
			),
			app.FieldSet().Body(
				app.Legend().Text(a.t("guide.materials", len(a.in.Materials))),
				app.Ol().Class("materials").Body(
					app.Range(a.in.Materials).Slice(func(i int) app.UI { return a.materialRow(i) }),
				),
				app.Button().Type("button").Class("btn btn-secondary").ID("add-material").Text(a.t("admin.add_material")).
					OnClick(func(ctx app.Context, e app.Event) {
						a.in.Materials = append(a.in.Materials, api.MaterialInput{Form: "original", Copies: 1, Required: true,
							Formats: []string{"pdf"}, MaxBytes: 10 << 20})
					}),
			),
			field("change-note", a.t("admin.change_note"), a.t("admin.change_note_hint"), "",
				textInput(&a.Compo, "change-note", "text", &a.in.Note, "", "off", true)),
			app.Button().Type("submit").Class("btn btn-primary btn-block").ID("save-item").Disabled(a.busy).Text(a.t("admin.save")),
		),
		app.If(!a.isNew, func() app.UI { return a.statusForm() }),
		app.If(len(a.history) > 0, func() app.UI {
			return app.Section().Class("panel").Body(
				app.H2().Text(a.t("admin.history")),
				app.Ol().Class("timeline").ID("history").Body(app.Range(a.history).Slice(func(i int) app.UI {
					h := a.history[i]
					return app.Li().Body(
						app.Strong().Text(a.t("action."+h.Action)),
						app.Span().Class("muted").Text(" "+h.At.Local().Format("2006-01-02 15:04")),
						app.If(h.Note != "", func() app.UI { return app.P().Text(h.Note) }),
					)
				})),
			)
		}),
	)
}

func (a *AdminItem) statusForm() app.UI {
	return app.Section().Class("panel").Body(
		app.H2().Text(a.t("admin.status_title")),
		app.P().Body(app.Text(a.t("admin.col_status")+": "), badge("badge-grey", a.t("status."+a.status))),
		app.Form().Class("form").ID("status-form").OnSubmit(a.changeStatus).Attr("novalidate", true).Body(
			field("status-to", a.t("admin.new_status"), "", a.fields["status"],
				app.Select().ID("status-to").Class("input").OnChange(a.ValueTo(&a.statusTo)).Body(
					a.option("active", "status.active", a.statusTo),
					a.option("cancelled", "status.cancelled", a.statusTo),
					a.option("adjusted", "status.adjusted", a.statusTo),
					a.option("delegated", "status.delegated", a.statusTo),
				)),
			field("status-note", a.t("admin.status_note"), "", a.fields["note"],
				textInput(&a.Compo, "status-note", "text", &a.statusNote, a.fields["note"], "off", false)),
			app.Button().Type("submit").Class("btn btn-danger").ID("save-status").Disabled(a.busy).Text(a.t("admin.save_status")),
		),
	)
}

func (a *AdminItem) option(value, key, current string) app.UI {
	return app.Option().Value(value).Selected(value == current).Text(a.t(key))
}

func (a *AdminItem) intInput(id string, v *int) app.UI {
	return app.Input().ID(id).Type("number").Class("input").Attr("inputmode", "numeric").Min(0).
		Value(strconv.Itoa(*v)).OnInput(func(ctx app.Context, e app.Event) {
		n, err := strconv.Atoi(ctx.JSSrc().Get("value").String())
		if err == nil {
			*v = n
		}
	})
}

func (a *AdminItem) checkbox(id, label string, v *bool) app.UI {
	return app.Label().Class("check").For(id).Body(
		app.Input().ID(id).Type("checkbox").Checked(*v).OnChange(func(ctx app.Context, e app.Event) {
			*v = ctx.JSSrc().Get("checked").Bool()
		}),
		app.Span().Text(label),
	)
}

func (a *AdminItem) siteBox(s api.Site) app.UI {
	on := false
	for _, c := range a.in.Sites {
		on = on || c == s.Code
	}
	id := "site-" + s.Code
	return app.Label().Class("check").For(id).Body(
		app.Input().ID(id).Type("checkbox").Checked(on).OnChange(func(ctx app.Context, e app.Event) {
			var next []string
			for _, c := range a.in.Sites {
				if c != s.Code {
					next = append(next, c)
				}
			}
			if ctx.JSSrc().Get("checked").Bool() {
				next = append(next, s.Code)
			}
			a.in.Sites = next
		}),
		app.Span().Text(s.Name),
	)
}

// materialRow edits material i. Its handlers look the row up when they run instead of
// holding a pointer into the slice: adding, removing or reloading materials gives the slice a
// new array, and go-app keeps a row's first handlers as long as their code is the same.
func (a *AdminItem) materialRow(i int) app.UI {
	m := a.in.Materials[i]
	id := func(s string) string { return "m" + strconv.Itoa(i) + "-" + s }
	errFor := func(s string) string { return a.fields["materials["+strconv.Itoa(i)+"]."+s] }
	set := func(f func(m *api.MaterialInput, ctx app.Context)) app.EventHandler {
		return func(ctx app.Context, e app.Event) {
			if i < len(a.in.Materials) {
				f(&a.in.Materials[i], ctx)
			}
		}
	}
	value := func(ctx app.Context) string { return ctx.JSSrc().Get("value").String() }
	input := func(name, v string) app.HTMLInput {
		in := app.Input().ID(id(name)).Type("text").Class("input").Value(v).Attr("autocomplete", "off")
		if errFor(name) != "" {
			in = in.Aria("invalid", "true").Aria("describedby", id(name)+"-error")
		}
		return in
	}
	return app.Li().Class("material-edit").Body(
		field(id("name"), a.t("admin.material_name"), "", errFor("name"),
			input("name", m.Name).OnInput(set(func(m *api.MaterialInput, ctx app.Context) { m.Name = value(ctx) }))),
		app.Label().Class("check").For(id("required")).Body(
			app.Input().ID(id("required")).Type("checkbox").Checked(m.Required).
				OnChange(set(func(m *api.MaterialInput, ctx app.Context) { m.Required = ctx.JSSrc().Get("checked").Bool() })),
			app.Span().Text(a.t("material.required")),
		),
		field(id("form"), a.t("admin.material_form"), "", errFor("form"),
			app.Select().ID(id("form")).Class("input").
				OnChange(set(func(m *api.MaterialInput, ctx app.Context) { m.Form = value(ctx) })).Body(
				a.option("original", "form.original", m.Form),
				a.option("copy", "form.copy", m.Form),
				a.option("original_and_copy", "form.original_and_copy", m.Form),
				a.option("electronic", "form.electronic", m.Form),
			)),
		field(id("notes"), a.t("admin.material_notes"), "", errFor("notes"),
			input("notes", m.Notes).OnInput(set(func(m *api.MaterialInput, ctx app.Context) { m.Notes = value(ctx) }))),
		app.Button().Type("button").Class("btn btn-ghost btn-small").Text(a.t("admin.remove_material")).
			Aria("label", a.t("admin.remove_material_named", m.Name)).
			OnClick(func(ctx app.Context, e app.Event) {
				if i < len(a.in.Materials) {
					a.in.Materials = append(a.in.Materials[:i:i], a.in.Materials[i+1:]...)
				}
			}),
	)
}
