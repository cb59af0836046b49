package e2e

import (
	"testing"

	"github.com/chromedp/chromedp"

	"portal/app/i18n"
)

// A phone that loses its connection still opens the portal and shows the catalog it saw
// last, with a notice that it is offline. The test pulls the plug by stopping the server.
func TestOfflineCatalog(t *testing.T) {
	j := newJourney(t, "offline")
	j.open("/")
	j.waitVisible("#item-list .item-card .card-title")
	first := j.text("#item-list .item-card .card-title")

	// The service worker has cached the app shell (it installs in the background, so wait
	// for it inside the page), and the app has kept the catalog.
	cached := eval[bool](j, `(async () => {
		await navigator.serviceWorker.ready;
		for (let i = 0; i < 200; i++) {
			if (await caches.match('/') && await caches.match('/web/app.wasm')) return true;
			await new Promise(r => setTimeout(r, 50));
		}
		return false;
	})()`, chromedp.EvalAwaitPromise)
	if !cached {
		t.Fatal("the service worker did not cache the app shell within 10 s")
	}
	j.waitFor("the catalog to be kept on the device", `() => !!localStorage.getItem('catalog-cache')`)

	j.srv.Stop()

	// Opening the portal again, with the server gone.
	j.open("/")
	j.waitText(".notice-warn", i18n.T(i18n.ZH, "app.offline"))
	j.waitText("#item-list .item-card .card-title", first)
	j.shot("offline-home")
	j.axe("offline home")
}
