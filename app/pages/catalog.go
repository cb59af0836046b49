package pages

import (
	"context"
	"net/url"
	"strconv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"portal/app/api"
)

// cacheKey is where the browser keeps the last catalog it saw, for offline use.
const cacheKey = "catalog-cache"

// cachedCatalog is what is kept for offline use: the items and departments last seen.
type cachedCatalog struct {
	Items       api.ItemList     `json:"items"`
	Departments []api.Department `json:"departments"`
}

// Home is the start page: search, departments, and the catalog. It is prerendered with the
// catalog so a slow phone shows the items before the app has loaded.
type Home struct {
	base
	q           string
	items       api.ItemList
	departments []api.Department
	loaded      bool
}

// OnNav loads the catalog: from the store while prerendering, from the API in the browser,
// and from the device's cache when the network is gone.
func (h *Home) OnNav(ctx app.Context) {
	ctx.Async(func() {
		c := context.Background()
		list, err := catalog().Items(c, url.Values{"limit": {"30"}})
		var deps []api.Department
		if err == nil {
			deps, err = catalog().Departments(c)
		}
		ctx.Dispatch(func(ctx app.Context) {
			h.loaded = true
			if err != nil {
				var cached cachedCatalog
				if !app.IsServer && ctx.LocalStorage().Get(cacheKey, &cached) == nil && cached.Items.Total > 0 {
					h.items, h.departments, h.offline = cached.Items, cached.Departments, true
				}
				return
			}
			h.items, h.departments, h.offline = list, deps, false
			if !app.IsServer {
				ctx.LocalStorage().Set(cacheKey, cachedCatalog{Items: list, Departments: deps})
			}
		})
	})
}

func (h *Home) search(ctx app.Context, e app.Event) {
	e.PreventDefault()
	ctx.Navigate("/items?q=" + url.QueryEscape(h.q))
}

func (h *Home) Render() app.UI {
	return h.frame(tabHome, h.t("home.title"),
		app.Form().Class("search").Role("search").OnSubmit(h.search).Body(
			app.Label().For("q").Class("visually-hidden").Text(h.t("search.label")),
			app.Input().ID("q").Type("search").Class("input").Placeholder(h.t("search.placeholder")).
				Value(h.q).OnInput(h.ValueTo(&h.q)).Attr("enterkeyhint", "search"),
			app.Button().Type("submit").Class("btn btn-primary").ID("search-button").Text(h.t("search.button")),
		),
		app.P().Class("home-links").Body(app.A().Class("back-link").ID("home-progress").Href("/progress").Text(h.t("progress.link"))),
		app.Section().Aria("labelledby", "deps-title").Body(
			app.H2().ID("deps-title").Text(h.t("home.departments")),
			app.Ul().Class("chips").Body(
				app.Range(h.departments).Slice(func(i int) app.UI {
					d := h.departments[i]
					return app.Li().Body(app.A().Class("chip").Href("/items?department=" + d.Code).Text(d.Name))
				}),
			),
		),
		app.Section().Aria("labelledby", "items-title").Body(
			app.H2().ID("items-title").Text(h.t("home.items", h.items.Total)),
			app.If(h.loaded && len(h.items.Items) == 0, func() app.UI {
				return emptyState(h.t("catalog.unavailable"), nil)
			}),
			app.Ul().Class("cards").ID("item-list").Body(
				app.Range(h.items.Items).Slice(func(i int) app.UI { return h.itemCard(h.items.Items[i]) }),
			),
			app.If(h.items.Total > len(h.items.Items), func() app.UI {
				return app.A().Class("btn btn-secondary btn-block").Href("/items").Text(h.t("home.all_items"))
			}),
		),
	)
}

// CatalogPage is the search page (办事): filters by department, site, kind and handling.
type CatalogPage struct {
	base
	q, department, site, kind, handling string
	items                               api.ItemList
	departments                         []api.Department
	sites                               []api.Site
	loaded                              bool
	loadingMore                         bool
	errText                             string
}

const pageSize = 30

func (c *CatalogPage) OnNav(ctx app.Context) {
	v := ctx.Page().URL().Query()
	c.q, c.department, c.site, c.kind, c.handling = v.Get("q"), v.Get("department"), v.Get("site"), v.Get("kind"), v.Get("handling")
	c.load(ctx, 0)
}

func (c *CatalogPage) query(offset int) url.Values {
	v := url.Values{}
	for k, val := range map[string]string{"q": c.q, "department": c.department, "site": c.site, "kind": c.kind, "handling": c.handling} {
		if val != "" {
			v.Set(k, val)
		}
	}
	v.Set("limit", strconv.Itoa(pageSize))
	if offset > 0 {
		v.Set("offset", strconv.Itoa(offset))
	}
	return v
}

func (c *CatalogPage) load(ctx app.Context, offset int) {
	q := c.query(offset)
	ctx.Async(func() {
		bg := context.Background()
		list, err := catalog().Items(bg, q)
		var deps []api.Department
		var sites []api.Site
		if err == nil && offset == 0 {
			deps, _ = catalog().Departments(bg)
			sites, _ = catalog().Sites(bg)
		}
		ctx.Dispatch(func(ctx app.Context) {
			c.loaded, c.loadingMore = true, false
			if err != nil {
				c.errText = c.errorText(err)
				c.offline = !app.IsServer
				return
			}
			c.errText, c.offline = "", false
			if offset == 0 {
				c.items, c.departments, c.sites = list, deps, sites
				return
			}
			c.items.Items = append(c.items.Items, list.Items...)
			c.items.Total = list.Total
		})
	})
}

// apply puts the filters into the URL, so the result can be shared and the back button works.
func (c *CatalogPage) apply(ctx app.Context) {
	q := c.query(0)
	q.Del("limit")
	u := "/items"
	if len(q) > 0 {
		u += "?" + q.Encode()
	}
	ctx.Navigate(u)
}

func (c *CatalogPage) onSelect(dst *string) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		*dst = ctx.JSSrc().Get("value").String()
		c.apply(ctx)
	}
}

func (c *CatalogPage) Render() app.UI {
	opt := func(value, label, current string) app.UI {
		return app.Option().Value(value).Selected(value == current).Text(label)
	}
	return c.frame(tabItems, c.t("catalog.title"),
		app.Form().Class("search").Role("search").OnSubmit(func(ctx app.Context, e app.Event) {
			e.PreventDefault()
			c.apply(ctx)
		}).Body(
			app.Label().For("catalog-q").Class("visually-hidden").Text(c.t("search.label")),
			app.Input().ID("catalog-q").Type("search").Class("input").Placeholder(c.t("search.placeholder")).
				Value(c.q).OnInput(c.ValueTo(&c.q)).Attr("enterkeyhint", "search"),
			app.Button().Type("submit").Class("btn btn-primary").ID("catalog-search").Text(c.t("search.button")),
		),
		app.Div().Class("filters").Body(
			app.Div().Class("field").Body(
				app.Label().For("f-department").Text(c.t("catalog.department")),
				app.Select().ID("f-department").Class("input").OnChange(c.onSelect(&c.department)).Body(
					opt("", c.t("catalog.all"), c.department),
					app.Range(c.departments).Slice(func(i int) app.UI {
						return opt(c.departments[i].Code, c.departments[i].Name, c.department)
					}),
				),
			),
			app.Div().Class("field").Body(
				app.Label().For("f-site").Text(c.t("catalog.site")),
				app.Select().ID("f-site").Class("input").OnChange(c.onSelect(&c.site)).Body(
					opt("", c.t("catalog.all"), c.site),
					app.Range(c.sites).Slice(func(i int) app.UI { return opt(c.sites[i].Code, c.sites[i].Name, c.site) }),
				),
			),
			app.Div().Class("field").Body(
				app.Label().For("f-kind").Text(c.t("catalog.kind")),
				app.Select().ID("f-kind").Class("input").OnChange(c.onSelect(&c.kind)).Body(
					opt("", c.t("catalog.all"), c.kind),
					opt("licensing", c.t("kind.licensing"), c.kind),
					opt("other_approval", c.t("kind.other_approval"), c.kind),
					opt("public_service", c.t("kind.public_service"), c.kind),
					opt("convenience", c.t("kind.convenience"), c.kind),
				),
			),
			app.Div().Class("field").Body(
				app.Label().For("f-handling").Text(c.t("catalog.handling")),
				app.Select().ID("f-handling").Class("input").OnChange(c.onSelect(&c.handling)).Body(
					opt("", c.t("catalog.all"), c.handling),
					opt("instant", c.t("item.instant"), c.handling),
					opt("promise", c.t("item.promise"), c.handling),
				),
			),
		),
		app.If(c.errText != "", func() app.UI { return app.P().Class("form-error").Role("alert").Text(c.errText) }),
		app.P().Class("result-count").Aria("live", "polite").ID("result-count").Text(c.t("catalog.count", c.items.Total)),
		app.If(c.loaded && c.items.Total == 0 && c.errText == "", func() app.UI {
			return emptyState(c.t("catalog.none"), app.A().Class("btn btn-secondary").Href("/items").Text(c.t("catalog.clear")))
		}),
		app.Ul().Class("cards").ID("item-list").Body(
			app.Range(c.items.Items).Slice(func(i int) app.UI { return c.itemCard(c.items.Items[i]) }),
		),
		app.If(len(c.items.Items) < c.items.Total, func() app.UI {
			return app.Button().Class("btn btn-secondary btn-block").ID("load-more").Disabled(c.loadingMore).
				Text(c.t("catalog.more")).OnClick(func(ctx app.Context, e app.Event) {
				c.loadingMore = true
				c.load(ctx, len(c.items.Items))
			})
		}),
	)
}
