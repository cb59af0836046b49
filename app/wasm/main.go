// Command wasm is the browser side of the portal, built to web/app.wasm. It links only the
// pages, the API client and the wire types: no database, storage or server code (a test
// checks the dependency list).
package main

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"portal/app/pages"
)

func main() {
	pages.Routes()
	app.RunWhenOnBrowser()
}
