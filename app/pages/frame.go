package pages

import (
	"fmt"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"portal/app/i18n"
)

// Tabs of the applicant's bottom bar (DESIGN §10).
const (
	tabHome  = "home"
	tabItems = "items"
	tabAppts = "appts" // 预约: the person's appointments
	tabMine  = "mine"
)

// frame lays a page out: skip link, top bar with the language switch, notices, the page's
// own content in <main>, and the navigation for the person's role: a bottom tab bar for
// applicants and visitors, a side menu for staff, agents, supervisors and admins.
func (b *base) frame(active, title string, body ...app.UI) app.UI {
	desk := b.deskRole()
	cls := "layout"
	if desk {
		cls += " layout-desk"
	}
	return app.Div().Class(cls).Body(
		app.A().Class("skip-link").Href("#main").Text(b.t("a11y.skip")),
		b.topBar(),
		app.If(b.updating, func() app.UI {
			return app.Div().Class("notice notice-info").Role("status").Body(
				app.Span().Text(b.t("app.update_ready")),
				app.Button().Class("btn btn-small").Text(b.t("app.update_now")).
					OnClick(func(ctx app.Context, e app.Event) { ctx.Reload() }),
			)
		}),
		app.If(b.offline, func() app.UI {
			return app.Div().Class("notice notice-warn").Role("status").Text(b.t("app.offline"))
		}),
		app.Div().Class("body").Body(
			app.If(desk, func() app.UI { return b.sideMenu(active) }),
			app.Main().ID("main").Class("content").TabIndex(-1).Body(
				app.H1().Class("page-title").Text(title),
				app.Div().Body(body...),
			),
		),
		app.If(!desk, func() app.UI { return b.tabBar(active) }),
	)
}

// deskRole reports whether the person works at a desk (side menu, dense tables).
func (b *base) deskRole() bool {
	switch b.role() {
	case "staff", "chief", "agent", "supervisor", "admin":
		return true
	}
	return false
}

func (b *base) topBar() app.UI {
	// The switch names the other language in that language, as people look for it.
	other := i18n.EN
	if b.lang == i18n.EN {
		other = i18n.ZH
	}
	otherLabel := i18n.T(other, "lang.self")
	return app.Header().Class("topbar").Body(
		app.A().Class("brand").Href("/").Body(
			// go-app drops an empty alt, so the decorative logo says so with its role.
			app.Img().Src("/web/icon.svg").Role("presentation").Width(32).Height(32),
			app.Span().Text(b.t("app.name")),
		),
		app.Div().Class("topbar-actions").Body(
			app.Button().Class("btn btn-ghost").ID("large-switch").
				Aria("pressed", fmt.Sprint(b.large)).
				Text(b.t("app.large_type")).
				OnClick(func(ctx app.Context, e app.Event) { ctx.SetState(stateLarge, !b.large).Persist() }),
			// The visible name ("English") is the accessible name, spoken in its own
			// language; the purpose is the title. The scope makes go-app replace the
			// handler when the target language changes (it compares handlers by code).
			app.Button().Class("btn btn-ghost lang-switch").ID("lang-switch").
				Title(b.t("app.switch_language")).
				Body(app.Span().Lang(string(other)).Text(otherLabel)).
				OnClick(func(ctx app.Context, e app.Event) { setLang(ctx, other) }, app.EventScope(string(other))),
			app.If(b.user != nil, func() app.UI {
				return app.Button().Class("btn btn-ghost").ID("logout").Text(b.t("nav.logout")).
					OnClick(func(ctx app.Context, e app.Event) { signOut(ctx) })
			}).Else(func() app.UI {
				return app.A().Class("btn btn-ghost").ID("login-link").Href("/login").Text(b.t("nav.login"))
			}),
		),
	)
}

func (b *base) tabBar(active string) app.UI {
	mine := "/home"
	if b.user == nil {
		mine = "/login"
	}
	tab := func(id, href, icon, label string) app.UI {
		a := app.A().Class("tab").Href(href).ID("tab-"+id).Body(
			app.Span().Class("tab-icon").Aria("hidden", "true").Text(icon),
			app.Span().Text(label),
		)
		if id == active {
			a = a.Class("tab tab-active").Aria("current", "page")
		}
		return a
	}
	return app.Nav().Class("tabbar").Aria("label", b.t("nav.main")).Body(
		tab(tabHome, "/", "⌂", b.t("nav.home")),
		tab(tabItems, "/items", "☰", b.t("nav.items")),
		tab(tabAppts, "/appointments", "◷", b.t("nav.appointments")),
		tab(tabMine, mine, "☺", b.t("nav.mine")),
	)
}

type menuEntry struct{ id, href, label string }

// revealActiveMenu scrolls the side menu, a single scrolling row on a phone, so the current
// page's entry is in view: an admin's later entries start off the screen's edge.
func revealActiveMenu() {
	if app.IsServer {
		return
	}
	a := app.Window().Get("document").Call("querySelector", ".sidemenu a.active")
	if !a.Truthy() {
		return
	}
	nav := a.Get("parentElement")
	if nav.Get("scrollWidth").Int() <= nav.Get("clientWidth").Int() {
		return
	}
	left := a.Get("offsetLeft").Int() - nav.Get("offsetLeft").Int() - (nav.Get("clientWidth").Int()-a.Get("offsetWidth").Int())/2
	nav.Set("scrollLeft", max(left, 0))
}

func (b *base) sideMenu(active string) app.UI {
	entries := []menuEntry{{"desk", "/home", b.t("nav.desk")}, {"inbox", "/inbox", b.t("inbox.title")}}
	switch b.role() {
	case "staff", "chief":
		entries = append(entries, menuEntry{"review", "/review", b.t("nav.review")},
			menuEntry{"staff-day", "/staff/day", b.t("nav.staff_day")},
			menuEntry{"cases", "/cases", b.t("nav.cases")},
			menuEntry{"desk-rate", "/desk/rate", b.t("nav.desk_rate")},
			menuEntry{"rectifications", "/rectifications", b.t("nav.rectifications")})
	case "admin":
		entries = append(entries, menuEntry{"admin-items", "/admin/items", b.t("nav.admin_items")},
			menuEntry{"admin-users", "/admin/users", b.t("nav.admin_users")},
			menuEntry{"admin-slots", "/admin/slots", b.t("nav.admin_slots")},
			menuEntry{"admin-calendar", "/admin/calendar", b.t("nav.admin_calendar")})
	case "supervisor":
		entries = append(entries, menuEntry{"admin-items", "/admin/items", b.t("nav.catalog_review")},
			menuEntry{"admin-calendar", "/admin/calendar", b.t("nav.admin_calendar")},
			menuEntry{"cases", "/cases?view=warnings", b.t("nav.case_warnings")},
			menuEntry{"rectifications", "/rectifications", b.t("nav.rectifications")})
	}
	if deskTickets(b.role()) { // consultations and complaints (咨询投诉)
		entries = append(entries, menuEntry{"tickets", "/tickets", b.t("nav.tickets")})
	}
	entries = append(entries, menuEntry{"items", "/items", b.t("nav.items")})
	nav := app.Nav().Class("sidemenu").Aria("label", b.t("nav.main"))
	var links []app.UI
	for _, e := range entries {
		a := app.A().Href(e.href).ID("menu-" + e.id).Text(e.label)
		if e.id == active {
			a = a.Class("active").Aria("current", "page")
		}
		links = append(links, a)
	}
	return nav.Body(links...)
}
