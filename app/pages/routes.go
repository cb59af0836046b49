package pages

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// Routes registers every page. Both the wasm entry and the server call it: go-app answers
// 404 for a path that was not registered, and the server prerenders what it knows.
func Routes() {
	app.Route("/", func() app.Composer { return &Home{} })
	app.Route("/items", func() app.Composer { return &CatalogPage{} })
	app.RouteWithRegexp(`^/items/[A-Za-z0-9-]{1,40}$`, func() app.Composer { return &Guide{} })
	app.Route("/login", func() app.Composer { return &Login{} })
	app.Route("/register", func() app.Composer { return &Register{} })
	app.Route("/home", func() app.Composer { return &Desk{} })
	app.Route("/admin/items", func() app.Composer { return &AdminItems{} })
	app.RouteWithRegexp(`^/admin/items/[A-Za-z0-9-]{1,40}$`, func() app.Composer { return &AdminItem{} })
	app.Route("/admin/users", func() app.Composer { return &AdminUsers{} })
	app.Route("/admin/slots", func() app.Composer { return &AdminSlots{} })
	app.Route("/admin/calendar", func() app.Composer { return &AdminCalendar{} })
	app.Route("/book", func() app.Composer { return &Book{} })
	app.Route("/appointments", func() app.Composer { return &Appointments{} })
	app.RouteWithRegexp(`^/appointments/[A-Za-z0-9_-]{1,64}$`, func() app.Composer { return &AppointmentPage{} })
	app.Route("/home-visit", func() app.Composer { return &HomeVisitPage{} })
	app.Route("/home-visits", func() app.Composer { return &HomeVisitPage{} })
	app.Route("/staff/day", func() app.Composer { return &StaffDay{} })
	app.Route("/applications", func() app.Composer { return &Applications{} })
	app.Route("/inbox", func() app.Composer { return &Inbox{} })
	app.RouteWithRegexp(`^/applications/[A-Za-z0-9_-]{1,64}$`, func() app.Composer { return &ApplicationPage{} })
	app.Route("/review", func() app.Composer { return &ReviewQueue{} })
	app.RouteWithRegexp(`^/review/[A-Za-z0-9_-]{1,64}$`, func() app.Composer { return &ReviewPage{} })
	app.RouteWithRegexp(`^/notices/[A-Za-z0-9_-]{1,64}$`, func() app.Composer { return &NoticePage{} })
	app.Route("/verify", func() app.Composer { return &VerifyPage{} })
	app.RouteWithRegexp(`^/verify/[^/]{1,80}$`, func() app.Composer { return &VerifyPage{} })
	app.Route("/cases", func() app.Composer { return &CasesPage{} })
	app.RouteWithRegexp(`^/cases/[A-Za-z0-9_-]{1,64}$`, func() app.Composer { return &CasePage{} })
	app.Route("/progress", func() app.Composer { return &ProgressPage{} })
	app.Route("/desk/rate", func() app.Composer { return &DeskRate{} })
	app.Route("/rectifications", func() app.Composer { return &Rectifications{} })
	app.Route("/tickets", func() app.Composer { return &Tickets{} })
	app.Route("/tickets/view", func() app.Composer { return &TicketPage{} }) // ?id=, as the inbox links
}
