// Package pages is the portal's user interface: one go-app component per route, plus the
// frame they share. The wasm entry and the server both import it, so every route is
// registered on both sides and the server can prerender each page.
package pages

import (
	"context"
	"net/url"
	"strings"
	"sync"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"portal/app/api"
	"portal/app/client"
	"portal/app/i18n"
)

// State keys shared by every page.
const (
	stateLang = "lang" // persisted: the person's language choice stays on the device
	stateUser = "user" // in memory only: who is signed in
	// stateLarge is the large-type mode for elderly users (长辈模式), persisted per device.
	stateLarge = "large"
)

// CatalogSource is what pages read the service catalog from. In the browser it is the HTTP API;
// when the server prerenders a page it is the catalog service itself, so the HTML that
// reaches a phone already lists the items.
type CatalogSource interface {
	Items(ctx context.Context, q url.Values) (api.ItemList, error)
	Item(ctx context.Context, code string) (api.Item, error)
	Sites(ctx context.Context) ([]api.Site, error)
	Departments(ctx context.Context) ([]api.Department, error)
}

var (
	serverCatalog CatalogSource
	apiOnce       sync.Once
	apiClient     *client.Client
)

// SetServerCatalog gives the prerenderer direct access to the catalog. The server calls it
// once at start, before serving.
func SetServerCatalog(c CatalogSource) { serverCatalog = c }

// remote is the API client of the browser, created on first use with the page's origin.
func remote() *client.Client {
	apiOnce.Do(func() {
		base := ""
		if u := app.Window().URL(); u != nil {
			base = u.Scheme + "://" + u.Host
		}
		apiClient = client.New(base)
	})
	return apiClient
}

// catalog returns the catalog source for where the code runs.
func catalog() CatalogSource {
	if app.IsServer {
		return serverCatalog
	}
	return httpCatalog{remote()}
}

type httpCatalog struct{ c *client.Client }

func (h httpCatalog) Items(ctx context.Context, q url.Values) (api.ItemList, error) {
	var out api.ItemList
	path := "/items"
	if len(q) > 0 {
		path += "?" + q.Encode()
	}
	err := h.c.Do(ctx, "GET", path, nil, &out)
	return out, err
}

func (h httpCatalog) Item(ctx context.Context, code string) (api.Item, error) {
	var out api.Item
	err := h.c.Do(ctx, "GET", "/items/"+url.PathEscape(code), nil, &out)
	return out, err
}

func (h httpCatalog) Sites(ctx context.Context) ([]api.Site, error) {
	var out api.SiteList
	err := h.c.Do(ctx, "GET", "/sites", nil, &out)
	return out.Sites, err
}

func (h httpCatalog) Departments(ctx context.Context) ([]api.Department, error) {
	var out api.DepartmentList
	err := h.c.Do(ctx, "GET", "/departments", nil, &out)
	return out.Departments, err
}

// sessionOnce makes the first page that mounts ask the server, through the refresh cookie,
// who is signed in; a reloaded tab thus stays signed in without storing a token.
var sessionOnce sync.Once

// base is embedded by every page: the language, the signed-in user, and the frame.
type base struct {
	app.Compo
	lang     i18n.Lang
	large    bool
	user     *api.User
	checked  bool // the session check has answered
	updating bool // a new version of the app is ready
	offline  bool
	// live is the page component's own context, kept from OnMount. Work that outlives an
	// event (an upload, a call to the API) dispatches its result through it: go-app drops
	// a Dispatch made through the context of an element that has left the page, and a
	// button or input may be replaced while the work runs.
	live app.Context
}

// OnMount binds the page to the shared state. It runs only in the browser.
func (b *base) OnMount(ctx app.Context) {
	b.mountBase(ctx)
}

func (b *base) mountBase(ctx app.Context) {
	b.live = ctx
	ctx.ObserveState(stateLang, &b.lang).OnChange(func() {
		remote().SetLang(string(b.lang))
		setDocumentLang(b.lang)
	})
	if b.lang == "" {
		b.lang = i18n.Default
	}
	remote().SetLang(string(b.lang))
	setDocumentLang(b.lang)
	ctx.ObserveState(stateLarge, &b.large).OnChange(func() { setLargeType(b.large) })
	setLargeType(b.large)
	ctx.ObserveState(stateUser, &b.user)
	b.updating = ctx.AppUpdateAvailable()
	b.checked = b.user != nil
	ctx.Defer(func(app.Context) { revealActiveMenu() })
	sessionOnce.Do(func() {
		if !hasSessionHint() {
			ctx.SetState("session-checked", true)
			return
		}
		ctx.Async(func() {
			err := remote().Refresh(context.Background())
			u := remote().User()
			ctx.Dispatch(func(ctx app.Context) {
				if err == nil && u != nil {
					setUser(ctx, u)
					ctx.Defer(func(app.Context) { revealActiveMenu() })
				}
				ctx.SetState("session-checked", true)
			})
		})
	})
	ctx.ObserveState("session-checked", &b.checked)
}

// hasSessionHint reports whether the server said, through a script-readable cookie, that
// this browser holds a session worth refreshing.
func hasSessionHint() bool {
	for _, c := range strings.Split(app.Window().Get("document").Get("cookie").String(), ";") {
		if strings.TrimSpace(c) == "portal_session=1" {
			return true
		}
	}
	return false
}

// OnAppUpdate offers the new version instead of swapping it under the person's feet.
func (b *base) OnAppUpdate(ctx app.Context) {
	b.updating = ctx.AppUpdateAvailable()
}

// t looks up a message in the page's language.
func (b *base) t(key string, args ...any) string {
	lang := b.lang
	if lang == "" {
		lang = i18n.Default
	}
	return i18n.T(lang, key, args...)
}

func (b *base) role() string {
	if b.user == nil {
		return ""
	}
	return b.user.Role
}

// setLang switches the language and remembers it on this device.
func setLang(ctx app.Context, l i18n.Lang) {
	ctx.SetState(stateLang, l).Persist()
}

func setDocumentLang(l i18n.Lang) {
	if app.IsServer {
		return
	}
	app.Window().Get("document").Get("documentElement").Set("lang", string(l))
}

func setLargeType(on bool) {
	if app.IsServer {
		return
	}
	cl := app.Window().Get("document").Get("documentElement").Get("classList")
	if on {
		cl.Call("add", "large")
	} else {
		cl.Call("remove", "large")
	}
}

// setUser shares who is signed in (nil: nobody). go-app copies a state into each observer's
// field through one pointer indirection, and the fields are *api.User, so the state must
// hold a **api.User: a *api.User would arrive as an api.User and be refused.
func setUser(ctx app.Context, u *api.User) {
	ctx.SetState(stateUser, &u)
}

// signOut ends the session and goes home.
func signOut(ctx app.Context) {
	ctx.Async(func() {
		remote().Logout(context.Background())
		ctx.Dispatch(func(ctx app.Context) {
			setUser(ctx, nil)
			ctx.Navigate("/")
		})
	})
}

// errorText turns an API error into words for the person.
func (b *base) errorText(err error) string {
	if e, ok := err.(*client.Error); ok && e.Message != "" {
		return e.Message
	}
	return b.t("error.network")
}

// fieldErrors returns the per-field messages of an API error.
func fieldErrors(err error) map[string]string {
	if e, ok := err.(*client.Error); ok {
		return e.Fields
	}
	return nil
}
