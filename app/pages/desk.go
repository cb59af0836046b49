package pages

import (
	"context"
	"fmt"
	"net/url"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"portal/app/api"
)

// Desk is the signed-in start page (/home). Each role starts somewhere else: an applicant
// at their own account, window staff at their department's items, an agent at the project
// approval items, a supervisor at catalog figures, an admin at catalog and account upkeep.
type Desk struct {
	base
	place   string // department and site names of window staff
	items   api.ItemList
	apps    []api.Application // an applicant's online pre-reviews, latest first
	waiting int               // applications waiting for pre-review at the staff's window
	loaded  bool
	errText string
}

// OnMount loads what the role's start page shows, once the session is known.
func (d *Desk) OnMount(ctx app.Context) {
	d.mountBase(ctx)
	ctx.ObserveState(stateUser, &d.user).OnChange(func() { d.load(ctx) })
	d.load(ctx)
}

func (d *Desk) load(ctx app.Context) {
	if d.user == nil {
		return
	}
	q := url.Values{"limit": {"200"}}
	path := "/items"
	switch d.user.Role {
	case "staff", "chief":
		q.Set("department", d.user.DepartmentCode)
		if d.user.SiteCode != "" {
			q.Set("site", d.user.SiteCode)
		}
	case "agent":
		q.Set("kind", "licensing")
	case "supervisor", "admin":
		path = "/admin/items"
	case "applicant":
		ctx.Async(func() {
			list, err := myApplications(context.Background())
			ctx.Dispatch(func(ctx app.Context) {
				d.loaded = true
				if err != nil {
					d.errText = d.errorText(err)
					return
				}
				d.apps, d.errText = list, ""
			})
		})
		return
	}
	dept, site := d.user.DepartmentCode, d.user.SiteCode
	window := d.user.Role == "staff" || d.user.Role == "chief"
	ctx.Async(func() {
		c := context.Background()
		var list api.ItemList
		err := remote().Do(c, "GET", path+"?"+q.Encode(), nil, &list)
		place := ""
		if dept != "" {
			place = placeName(c, dept, site)
		}
		var queue api.ApplicationList
		if window {
			remote().Do(c, "GET", "/review/queue", nil, &queue)
		}
		ctx.Dispatch(func(ctx app.Context) {
			d.loaded, d.place = true, place
			d.waiting = len(queue.Applications)
			if err != nil {
				d.errText = d.errorText(err)
				return
			}
			d.items, d.errText = list, ""
		})
	})
}

func (d *Desk) Render() app.UI {
	if d.user == nil {
		if !d.checked {
			return d.frame(tabMine, d.t("desk.loading"))
		}
		return d.frame(tabMine, d.t("desk.signed_out"),
			emptyState(d.t("desk.signed_out_text"), app.A().Class("btn btn-primary").Href("/login").Text(d.t("nav.login"))))
	}
	u := d.user
	var body app.UI
	switch u.Role {
	case "applicant":
		body = d.applicant()
	case "staff", "chief":
		body = d.window()
	case "agent":
		body = d.agent()
	case "supervisor":
		body = d.supervisor()
	case "admin":
		body = d.admin()
	}
	return d.frame(map[bool]string{true: "desk", false: tabMine}[d.deskRole()], d.t("desk.title."+u.Role),
		app.P().Class("greeting").ID("greeting").Text(d.t("desk.hello", u.Name)),
		app.If(d.errText != "", func() app.UI { return app.P().Class("form-error").Role("alert").Text(d.errText) }),
		body,
	)
}

func (d *Desk) applicant() app.UI {
	return app.Div().Body(
		app.Section().Class("panel").Body(
			app.H2().Text(d.t("desk.account")),
			app.Dl().Class("kvs").Body(
				app.Div().Class("kv").Body(app.Dt().Text(d.t("register.name")), app.Dd().Text(d.user.Name)),
				app.Div().Class("kv").Body(app.Dt().Text(d.t("register.phone")), app.Dd().Text(maskPhone(d.user.Phone))),
			),
		),
		app.Div().Class("actions").Body(
			app.A().Class("btn btn-secondary").ID("my-appointments").Href("/appointments").Text(d.t("nav.my_appointments")),
			app.A().Class("btn btn-secondary").ID("my-applications").Href("/applications").Text(d.t("nav.my_applications")),
			app.A().Class("btn btn-secondary").ID("my-tickets").Href("/tickets").Text(d.t("nav.my_tickets")),
			app.A().Class("btn btn-secondary").ID("my-inbox").Href("/inbox").Text(d.t("inbox.title")),
		),
		app.Section().Class("panel").Aria("labelledby", "cases-title").Body(
			app.H2().ID("cases-title").Text(d.t("desk.my_cases")),
			app.If(d.loaded && len(d.apps) == 0, func() app.UI {
				return emptyState(d.t("desk.no_cases"), app.A().Class("btn btn-primary").Href("/items").Text(d.t("desk.find_item")))
			}),
			app.If(len(d.apps) > 0, func() app.UI {
				shown := d.apps[:min(len(d.apps), 3)]
				return app.Div().Body(
					app.Ul().Class("cards").ID("desk-apps").Body(
						app.Range(shown).Slice(func(i int) app.UI { return d.appCard(shown[i]) }),
					),
					app.P().Body(app.A().Class("back-link").ID("all-applications").Href("/applications").
						Text(d.t("desk.all_applications", len(d.apps)))),
				)
			}),
		),
	)
}

func (d *Desk) itemTable(caption string) app.UI {
	return app.Section().Class("panel").Body(
		app.H2().Text(caption),
		app.Div().Class("table-wrap").Body(
			app.Table().Class("table").Body(
				app.Caption().Class("visually-hidden").Text(caption),
				app.THead().Body(app.Tr().Body(
					app.Th().Scope("col").Text(d.t("admin.col_code")),
					app.Th().Scope("col").Text(d.t("admin.col_name")),
					app.Th().Scope("col").Text(d.t("guide.handling")),
					app.Th().Scope("col").Text(d.t("guide.promised_days")),
				)),
				app.TBody().Body(app.Range(d.items.Items).Slice(func(i int) app.UI {
					it := d.items.Items[i]
					days := d.t("item.instant")
					if it.Handling == "promise" {
						days = d.t("item.working_days", it.PromisedDays)
					}
					return app.Tr().Body(
						app.Td().Class("mono").Text(it.Code),
						app.Td().Body(app.A().Href("/items/"+it.Code).Text(it.Name)),
						app.Td().Text(d.t("item."+it.Handling)),
						app.Td().Text(days),
					)
				})),
			),
		),
	)
}

func (d *Desk) window() app.UI {
	return app.Div().Body(
		app.P().Class("muted").ID("workplace").Text(d.place),
		app.Div().Class("actions").Body(
			app.A().Class("btn btn-primary").ID("review-link").Href("/review").Text(d.t("desk.review_waiting", d.waiting)),
			app.A().Class("btn btn-secondary").ID("staff-day-link").Href("/staff/day").Text(d.t("nav.staff_day")),
		),
		d.itemTable(d.t("desk.window_items", d.items.Total)),
	)
}

func (d *Desk) agent() app.UI {
	return d.itemTable(d.t("desk.agent_items", d.items.Total))
}

// catalogFigures are the catalog's own supervision figures: how many items, how many done
// on the spot, and the promised speed-up of DESIGN §4 over active promise items.
type catalogFigures struct {
	active, retired, instant, promise int
	avgLegal, avgPromised, speedUp    float64
}

func figures(items []api.ItemSummary) catalogFigures {
	var f catalogFigures
	var legal, promised int
	for _, it := range items {
		if it.Status != "active" {
			f.retired++
			continue
		}
		f.active++
		if it.Handling == "instant" {
			f.instant++
			continue
		}
		f.promise++
		legal += it.LegalDays
		promised += it.PromisedDays
	}
	if f.promise > 0 {
		f.avgLegal = float64(legal) / float64(f.promise)
		f.avgPromised = float64(promised) / float64(f.promise)
		if f.avgLegal > 0 {
			f.speedUp = (f.avgLegal - f.avgPromised) / f.avgLegal
		}
	}
	return f
}

func (d *Desk) supervisor() app.UI {
	f := figures(d.items.Items)
	stat := func(id, label, value string) app.UI {
		return app.Div().Class("stat").ID(id).Body(app.Span().Class("stat-value").Text(value), app.Span().Class("stat-label").Text(label))
	}
	return app.Div().Body(
		app.Div().Class("stats").Body(
			stat("stat-active", d.t("stats.active_items"), fmt.Sprint(f.active)),
			stat("stat-instant", d.t("stats.instant_items"), fmt.Sprint(f.instant)),
			stat("stat-retired", d.t("stats.retired_items"), fmt.Sprint(f.retired)),
			stat("stat-speedup", d.t("stats.promised_speedup"), fmt.Sprintf("%.2f%%", f.speedUp*100)),
		),
		app.P().Class("muted").Text(d.t("stats.speedup_note", f.avgLegal, f.avgPromised)),
		app.Div().Class("actions").Body(
			app.A().Class("btn btn-secondary").Href("/admin/items").Text(d.t("nav.catalog_review")),
			app.A().Class("btn btn-secondary").ID("view-calendar").Href("/admin/calendar").Text(d.t("nav.admin_calendar")),
		),
	)
}

func (d *Desk) admin() app.UI {
	f := figures(d.items.Items)
	return app.Div().Body(
		app.Div().Class("stats").Body(
			app.Div().Class("stat").Body(app.Span().Class("stat-value").Text(fmt.Sprint(f.active)), app.Span().Class("stat-label").Text(d.t("stats.active_items"))),
			app.Div().Class("stat").Body(app.Span().Class("stat-value").Text(fmt.Sprint(f.retired)), app.Span().Class("stat-label").Text(d.t("stats.retired_items"))),
		),
		app.Div().Class("actions").Body(
			app.A().Class("btn btn-primary").ID("manage-items").Href("/admin/items").Text(d.t("nav.admin_items")),
			app.A().Class("btn btn-secondary").Href("/admin/users").Text(d.t("nav.admin_users")),
			app.A().Class("btn btn-secondary").ID("manage-slots").Href("/admin/slots").Text(d.t("nav.admin_slots")),
			app.A().Class("btn btn-secondary").ID("manage-calendar").Href("/admin/calendar").Text(d.t("nav.admin_calendar")),
		),
	)
}

// placeName names a department and a site ("市场监督管理局 · 县政务服务中心") from their codes.
func placeName(ctx context.Context, dept, site string) string {
	name := dept
	if deps, err := catalog().Departments(ctx); err == nil {
		for _, d := range deps {
			if d.Code == dept {
				name = d.Name
			}
		}
	}
	if sites, err := catalog().Sites(ctx); err == nil {
		for _, s := range sites {
			if s.Code == site {
				name += " · " + s.Name
			}
		}
	}
	return name
}

// maskPhone shows 138****0001.
func maskPhone(p string) string {
	if len(p) != 11 {
		return p
	}
	return p[:3] + "****" + p[7:]
}
