// Command hello is a go-app hello world. `make bench` builds it with the same flags as the
// portal's wasm so the portal's size can be read against go-app's own floor.
package main

import "github.com/maxence-charriere/go-app/v10/pkg/app"

type hello struct{ app.Compo }

func (h *hello) Render() app.UI { return app.H1().Text("Hello, world") }

func main() {
	app.Route("/", func() app.Composer { return &hello{} })
	app.RunWhenOnBrowser()
}
