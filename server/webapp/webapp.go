// Package webapp serves the go-app progressive web app: prerendered pages, the app shell
// (app.js, manifest, service worker) and the static files under /web/, with the wasm sent
// precompressed when the browser accepts it.
package webapp

import (
	"context"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"portal/app/api"
	"portal/app/pages"
	"portal/server/catalog"
	"portal/server/portal"
)

// Options configure the web app.
type Options struct {
	// Dir holds the static files (styles, icons, app.wasm and its .br/.gz siblings).
	Dir string
	// Version identifies the build; go-app compares it to decide that an update is there.
	// It must come from the build, so that replicas and restarts agree.
	Version string
	Catalog *catalog.Service
}

var routesOnce sync.Once

// New returns the handler for everything outside /api/.
func New(o Options) (http.Handler, error) {
	routesOnce.Do(pages.Routes)
	pages.SetServerCatalog(prerenderCatalog{o.Catalog})

	wasmSize := ""
	if fi, err := os.Stat(filepath.Join(o.Dir, "app.wasm")); err == nil {
		wasmSize = strconv.FormatInt(fi.Size(), 10)
	}
	h := &app.Handler{
		Name:            "县政务服务网",
		ShortName:       "政务服务",
		Title:           "县政务服务网 · 政务服务 一网通办",
		Description:     "县政务服务中心网上办事大厅：办事指南、预约、网上预审、办件查询。",
		Lang:            "zh-CN",
		Author:          "县政务服务中心",
		BackgroundColor: "#ffffff",
		ThemeColor:      "#1d4e89",
		LoadingLabel:    "正在加载 {progress}%",
		Icon: app.Icon{
			Default:  "/web/icon-192.png",
			Large:    "/web/icon-512.png",
			Maskable: "/web/icon-512.png",
			SVG:      "/web/icon.svg",
		},
		Styles:                []string{"/web/portal.css"},
		Version:               o.Version,
		WasmContentLength:     wasmSize,
		ServiceWorkerTemplate: serviceWorker,
		Resources:             app.LocalDir(""),
	}
	static := http.StripPrefix("/web/", http.FileServer(http.Dir(o.Dir)))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/web/app.wasm":
			serveWasm(w, r, o.Dir, o.Version)
		case strings.HasPrefix(r.URL.Path, "/web/"):
			w.Header().Set("Cache-Control", "no-cache")
			static.ServeHTTP(w, r)
		default:
			h.ServeHTTP(w, r)
		}
	}), nil
}

// serveWasm sends app.wasm, brotli or gzip compressed when the browser accepts it: 14 MB
// raw is 2–3 MB compressed, which decides whether a phone on a county network waits
// seconds or minutes. Vary tells caches that the body depends on Accept-Encoding.
func serveWasm(w http.ResponseWriter, r *http.Request, dir, version string) {
	h := w.Header()
	h.Set("Content-Type", "application/wasm")
	h.Set("Vary", "Accept-Encoding")
	h.Set("Cache-Control", "no-cache")
	etag := `"` + version + `"`
	accept := r.Header.Get("Accept-Encoding")
	for _, enc := range []struct{ token, ext string }{{"br", ".br"}, {"gzip", ".gz"}} {
		if !acceptsEncoding(accept, enc.token) {
			continue
		}
		f, err := os.Open(filepath.Join(dir, "app.wasm"+enc.ext))
		if err != nil {
			continue
		}
		defer f.Close()
		fi, err := f.Stat()
		if err != nil {
			continue
		}
		h.Set("Content-Encoding", enc.token)
		h.Set("ETag", `"`+version+"-"+enc.token+`"`)
		http.ServeContent(w, r, "", fi.ModTime(), f)
		return
	}
	h.Set("ETag", etag)
	http.ServeFile(w, r, filepath.Join(dir, "app.wasm"))
}

// acceptsEncoding reports whether an Accept-Encoding header allows token (q=0 refuses).
func acceptsEncoding(header, token string) bool {
	for _, part := range strings.Split(header, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if !strings.EqualFold(strings.TrimSpace(name), token) {
			continue
		}
		params = strings.ReplaceAll(params, " ", "")
		return params != "q=0" && params != "q=0.0" && params != "q=0.00" && params != "q=0.000"
	}
	return false
}

// prerenderCatalog lets pages read the catalog while the server prerenders them, as an
// anonymous visitor would see it.
type prerenderCatalog struct{ s *catalog.Service }

func (p prerenderCatalog) Items(ctx context.Context, q url.Values) (api.ItemList, error) {
	limit, _ := strconv.Atoi(q.Get("limit"))
	offset, _ := strconv.Atoi(q.Get("offset"))
	return p.s.Items(ctx, portal.Actor{}, portal.ItemQuery{
		Q: q.Get("q"), DepartmentCode: q.Get("department"), SiteCode: q.Get("site"),
		Kind: portal.ItemKind(q.Get("kind")), Handling: portal.Handling(q.Get("handling")), Limit: limit, Offset: offset,
	})
}

func (p prerenderCatalog) Item(ctx context.Context, code string) (api.Item, error) {
	return p.s.Item(ctx, portal.Actor{}, code)
}

func (p prerenderCatalog) Sites(ctx context.Context) ([]api.Site, error) { return p.s.Sites(ctx) }

func (p prerenderCatalog) Departments(ctx context.Context) ([]api.Department, error) {
	return p.s.Departments(ctx)
}
