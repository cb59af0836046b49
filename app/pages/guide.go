package pages

import (
	"context"
	"net/url"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"portal/app/api"
	"portal/app/client"
)

// Guide is an item's guide (办事指南): everything a one-time notice needs, so nobody
// travels to the hall to learn what to bring.
type Guide struct {
	base
	code     string
	item     api.Item
	loaded   bool
	notFound bool
	errText  string
	applying bool   // an online pre-review is being started
	applyErr string // why it could not start
	autoDone bool   // ?apply=1 (back from signing in) has been acted on
}

// OnMount starts the online pre-review the person asked for before signing in, once the
// session is known.
func (g *Guide) OnMount(ctx app.Context) {
	g.mountBase(ctx)
	ctx.ObserveState(stateUser, &g.user).OnChange(func() { g.autoApply(ctx) })
}

// codeFromPath returns the last path segment (/items/{code}); go-app has no path parameters.
func codeFromPath(u *url.URL) string {
	p := strings.TrimSuffix(u.Path, "/")
	code, _ := url.PathUnescape(p[strings.LastIndex(p, "/")+1:])
	return code
}

func (g *Guide) OnNav(ctx app.Context) {
	g.code = codeFromPath(ctx.Page().URL())
	code := g.code
	ctx.Async(func() {
		it, err := catalog().Item(context.Background(), code)
		ctx.Dispatch(func(ctx app.Context) {
			g.loaded = true
			g.notFound = client.IsStatus(err, 404) || (err != nil && app.IsServer)
			if err != nil && !g.notFound {
				g.errText = g.errorText(err)
				return
			}
			g.item, g.errText = it, ""
			if err == nil {
				ctx.Page().SetTitle(it.Name)
			}
			g.autoApply(ctx)
		})
	})
}

// autoApply acts on ?apply=1, the address the sign-in page comes back to: the person
// pressed 网上预审 before signing in. The parameter is dropped from the address first, so
// going back to the guide does not start another application.
func (g *Guide) autoApply(ctx app.Context) {
	if app.IsServer || g.autoDone || g.user == nil || g.item.Code == "" || !g.canApply() {
		return
	}
	u := *ctx.Page().URL()
	q := u.Query()
	if q.Get("apply") != "1" {
		return
	}
	g.autoDone = true
	q.Del("apply")
	u.RawQuery = q.Encode()
	ctx.Page().ReplaceURL(&u)
	g.apply(ctx, app.Event{})
}

// canApply: the item takes online pre-review and the person is not window staff (who
// review, not apply).
func (g *Guide) canApply() bool {
	if !g.item.OnlinePreview || g.item.Status != "active" {
		return false
	}
	return g.user == nil || g.user.Role == "applicant" || g.user.Role == "agent"
}

// apply starts the online pre-review (or opens the person's draft of it) and goes there.
func (g *Guide) apply(ctx app.Context, e app.Event) {
	if g.applying {
		return
	}
	if g.user == nil {
		ctx.Navigate(loginFor("/items/" + url.PathEscape(g.item.Code) + "?apply=1"))
		return
	}
	g.applying, g.applyErr = true, ""
	startApplication(g.live, g.item.Code, func(ctx app.Context, err error) {
		g.applying = false
		g.applyErr = g.errorText(err)
		for _, msg := range fieldErrors(err) {
			g.applyErr = msg
		}
	})
}

func (g *Guide) Render() app.UI {
	if g.notFound {
		return g.frame(tabItems, g.t("guide.not_found"),
			emptyState(g.t("guide.not_found_text"), app.A().Class("btn btn-primary").Href("/items").Text(g.t("home.all_items"))))
	}
	if g.item.Code == "" {
		return g.frame(tabItems, g.t("guide.loading"),
			app.If(g.errText != "", func() app.UI { return app.P().Class("form-error").Role("alert").Text(g.errText) }))
	}
	it := g.item
	row := func(label string, value app.UI) app.UI {
		return app.Div().Class("kv").Body(app.Dt().Text(label), app.Dd().Body(value))
	}
	text := func(s string) app.UI { return app.Text(s) }
	days := func(n int) string { return g.t("item.working_days", n) }
	promised := g.t("item.instant")
	if it.Handling == "promise" {
		promised = days(it.PromisedDays)
	}
	fee := it.Fee
	if fee == "" {
		fee = g.t("guide.free")
	}
	return g.frame(tabItems, it.Name,
		app.P().Class("subtitle").Body(
			app.Span().Text(it.DepartmentName),
			app.Span().Class("code").Text(" · "+g.t("guide.code")+" "+it.Code),
		),
		g.itemBadges(it.ItemSummary),
		g.bookActions(it),
		app.Section().Class("panel").Aria("labelledby", "basic-title").Body(
			app.H2().ID("basic-title").Text(g.t("guide.basic")),
			app.Dl().Class("kvs").Body(
				row(g.t("guide.department"), text(it.DepartmentName)),
				row(g.t("guide.kind"), text(g.t("kind."+it.Kind))),
				row(g.t("guide.handling"), text(g.t("item."+it.Handling))),
				row(g.t("guide.legal_days"), text(g.legalDays(it))),
				row(g.t("guide.promised_days"), app.Strong().Text(promised)),
				row(g.t("guide.trips"), text(g.t("item.trips_n", it.Trips))),
				row(g.t("guide.fee"), text(fee)),
				app.If(it.FeeBasis != "", func() app.UI { return row(g.t("guide.fee_basis"), text(it.FeeBasis)) }),
				row(g.t("guide.online"), text(g.yesNo(it.OnlinePreview))),
				row(g.t("guide.booking"), text(g.yesNo(it.Bookable))),
			),
		),
		app.If(it.Conditions != "", func() app.UI {
			return app.Section().Class("panel").Aria("labelledby", "cond-title").Body(
				app.H2().ID("cond-title").Text(g.t("guide.conditions")),
				app.P().Class("prose").Text(it.Conditions),
			)
		}),
		app.Section().Class("panel").Aria("labelledby", "mat-title").Body(
			app.H2().ID("mat-title").Text(g.t("guide.materials", len(it.Materials))),
			app.Ol().Class("materials").ID("materials").Body(
				app.Range(it.Materials).Slice(func(i int) app.UI { return g.material(it.Materials[i]) }),
			),
		),
		app.Section().Class("panel").Aria("labelledby", "where-title").Body(
			app.H2().ID("where-title").Text(g.t("guide.where")),
			app.Ul().Class("plain").Body(
				app.Range(it.Sites).Slice(func(i int) app.UI {
					s := it.Sites[i]
					return app.Li().Class("site").Body(
						app.Strong().Text(s.Name),
						app.P().Text(s.Address),
						app.P().Class("muted").Text(s.Hours),
						app.If(s.Phone != "", func() app.UI {
							return app.A().Href("tel:" + s.Phone).Text(g.t("guide.phone") + " " + s.Phone)
						}),
					)
				}),
			),
		),
		app.If(it.LegalBasis != "", func() app.UI {
			return app.Section().Class("panel").Aria("labelledby", "basis-title").Body(
				app.H2().ID("basis-title").Text(g.t("guide.legal_basis")),
				app.P().Class("prose").Text(it.LegalBasis),
			)
		}),
		app.P().Class("muted").Text(g.t("guide.updated", it.UpdatedAt.Format("2006-01-02"))),
	)
}

// bookActions offers an appointment at the window (预约办理) when the item takes bookings,
// and door-to-door service (上门服务) for people who cannot come. Someone not signed in
// goes through the sign-in page and comes back to the booking.
func (g *Guide) bookActions(it api.Item) app.UI {
	book := "/book?item=" + url.QueryEscape(it.Code)
	visit := "/home-visit?item=" + url.QueryEscape(it.Code)
	if g.user == nil {
		book, visit = loginFor(book), loginFor(visit)
	}
	return app.Div().Class("actions guide-actions").Body(
		app.If(g.canApply(), func() app.UI {
			label := g.t("guide.apply_online")
			if g.applying {
				label = g.t("guide.applying")
			}
			return app.Button().Type("button").Class("btn btn-primary").ID("apply-online").Disabled(g.applying).
				Aria("describedby", "apply-online-hint").Text(label).OnClick(g.apply)
		}),
		app.If(g.canApply(), func() app.UI {
			return app.P().Class("muted small guide-apply-hint").ID("apply-online-hint").Text(g.t("guide.apply_online_hint"))
		}),
		app.If(g.applyErr != "", func() app.UI {
			return app.P().Class("form-error guide-apply-hint").ID("apply-error").Role("alert").Text(g.applyErr)
		}),
		app.If(it.Bookable && it.Status == "active", func() app.UI {
			cls := "btn btn-primary"
			if g.canApply() {
				cls = "btn btn-secondary" // one primary action: applying online saves the trip
			}
			return app.A().Class(cls).ID("book-link").Href(book).Text(g.t("guide.book"))
		}),
		app.If(it.Status == "active", func() app.UI {
			return app.A().Class("btn btn-secondary").ID("home-visit-link").Href(visit).Text(g.t("guide.home_visit"))
		}),
	)
}

func (g *Guide) material(m api.Material) app.UI {
	req := badge("badge-red", g.t("material.required"))
	if !m.Required {
		req = badge("badge-grey", g.t("material.optional"))
	}
	form := g.t("form." + m.Form)
	if m.Copies > 1 {
		form += " " + g.t("material.copies", m.Copies)
	}
	var formats []string
	for _, f := range m.Formats {
		formats = append(formats, strings.ToUpper(f))
	}
	return app.Li().Class("material").Body(
		app.Div().Class("material-head").Body(app.Strong().Text(m.Name), req),
		app.P().Class("muted").Text(form),
		app.If(len(formats) > 0, func() app.UI {
			return app.P().Class("muted").Text(g.t("material.online", strings.Join(formats, " / "), formatBytes(m.MaxBytes)))
		}),
		app.If(m.Notes != "", func() app.UI { return app.P().Text(m.Notes) }),
		app.If(m.Sample != "", func() app.UI { return app.P().Class("muted").Text(g.t("material.sample") + m.Sample) }),
	)
}

// legalDays says "on the spot" rather than "0 working days" for items the law wants done at
// once.
func (g *Guide) legalDays(it api.Item) string {
	if it.LegalDays == 0 {
		return g.t("guide.legal_on_spot")
	}
	return g.t("item.working_days", it.LegalDays)
}

func (g *Guide) yesNo(v bool) string {
	if v {
		return g.t("common.yes")
	}
	return g.t("common.no")
}
