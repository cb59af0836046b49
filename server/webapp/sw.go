package webapp

// serviceWorker replaces go-app's default worker, whose fetch handler answers every request
// from the cache first. Ours:
//   - never touches /api/ (answers must be live; the app keeps its own offline copy of the
//     catalog),
//   - serves page navigations from the network, falling back to the cached app shell ("/")
//     when offline, so any page opens offline and shows the saved catalog,
//   - serves the app's static resources cache-first, as go-app does; a new version gets a
//     new cache and the old one is deleted on activation.
const serviceWorker = `
const cacheName = "app-" + "{{.Version}}";
const resourcesToCache = {{.ResourcesToCache}};

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(cacheName);
    await cache.addAll(resourcesToCache);
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    const keys = await caches.keys();
    await Promise.all(keys.filter((k) => k !== cacheName).map((k) => caches.delete(k)));
    // No clients.claim(): go-app reports "update available" when a worker activates while
    // a page is controlled, and a first visit is not an update. Navigations reach this
    // worker anyway, controlled page or not.
  })());
});

self.addEventListener("fetch", (event) => {
  const req = event.request;
  if (req.method !== "GET") {
    return;
  }
  const url = new URL(req.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith("/api/") ||
      url.pathname === "/healthz" || url.pathname === "/readyz" || url.pathname === "/metrics") {
    return;
  }
  if (req.mode === "navigate") {
    event.respondWith((async () => {
      try {
        return await fetch(req);
      } catch (err) {
        const shell = await caches.match("/");
        if (shell) {
          return shell;
        }
        throw err;
      }
    })());
    return;
  }
  event.respondWith((async () => {
    const cached = await caches.match(req);
    return cached || fetch(req);
  })());
});
`
