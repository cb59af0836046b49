// Package httpapi is the JSON API of DESIGN §7 and the plumbing around it: routing, auth
// middleware, rate limits, logs, metrics and health. Handlers are thin: decode, call a
// service, encode. The services check roles again on their own.
package httpapi

import (
	"context"
	_ "embed"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/go-playground/validator/v10"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"portal/app/api"
	"portal/server/accounts"
	"portal/server/appointments"
	"portal/server/auth"
	"portal/server/cases"
	"portal/server/catalog"
	"portal/server/portal"
	"portal/server/prereview"
	"portal/server/ratelimit"
	"portal/server/store"
	"portal/server/tickets"
)

//go:embed openapi.json
var openAPI []byte

// Server is the HTTP side of the portal.
type Server struct {
	DB       *store.DB
	Accounts *accounts.Service
	Catalog  *catalog.Service
	// Appointments books window appointments.
	Appointments *appointments.Service
	// PreReview runs online pre-review of applications.
	PreReview *prereview.Service
	// Cases runs accepted cases, evaluations and the public progress query.
	Cases *cases.Service
	// Tickets runs consultations and complaints.
	Tickets *tickets.Service
	// Files serves the disk storage's signed upload and download URLs (nil with MinIO),
	// mounted at FilesPrefix.
	Files       http.Handler
	FilesPrefix string
	Signer      *auth.Signer
	// Web serves everything outside /api/ (the go-app pages and static files).
	Web http.Handler
	// SecureCookies marks the refresh cookie Secure even when TLS ends at a proxy.
	SecureCookies bool

	log       *slog.Logger
	validator *validator.Validate
	limits    limits
	metrics   *metrics
	mux       *http.ServeMux
	routes    []Route
}

type limits struct {
	loginIP, loginAccount, registerIP, apiIP, publicIP *ratelimit.Limiter
}

// Route is one endpoint of the API. The route table is also what the OpenAPI test compares
// with the reference.
type Route struct {
	Method string
	Path   string // relative to /api/v1
	// Roles that may call it; empty means anyone, signed in or not.
	Roles   []portal.Role
	handler func(w http.ResponseWriter, r *http.Request) error
}

// signedIn is the role list of endpoints any signed-in person may call.
var signedIn = []portal.Role{portal.RoleApplicant, portal.RoleStaff, portal.RoleChief, portal.RoleAgent, portal.RoleSupervisor, portal.RoleAdmin}

// bookers may book appointments; window staff may act on their own window's day.
var (
	bookers    = []portal.Role{portal.RoleApplicant, portal.RoleAgent, portal.RoleStaff, portal.RoleChief}
	applicants = []portal.Role{portal.RoleApplicant, portal.RoleAgent}
	window     = []portal.Role{portal.RoleStaff, portal.RoleChief}
	// desk may read cases, rectifications and tickets of their scope.
	desk = []portal.Role{portal.RoleStaff, portal.RoleChief, portal.RoleSupervisor}
	// ticketPeople are those on either side of a consultation or complaint.
	ticketPeople = []portal.Role{portal.RoleApplicant, portal.RoleAgent, portal.RoleStaff, portal.RoleChief, portal.RoleSupervisor}
)

// New wires the API. rateLimitsOff disables rate limits (load tests only).
func New(s *Server, log *slog.Logger, rateLimitsOff bool) *Server {
	s.log = log
	s.validator = newValidator()
	s.limits = limits{
		loginIP:      ratelimit.New(3*time.Second, 20, rateLimitsOff),
		loginAccount: ratelimit.New(time.Minute, 5, rateLimitsOff),
		registerIP:   ratelimit.New(time.Minute, 5, rateLimitsOff),
		apiIP:        ratelimit.New(20*time.Millisecond, 100, rateLimitsOff),
		// Public look-ups by code (notices, later cases) are what enumeration would use.
		publicIP: ratelimit.New(2*time.Second, 30, rateLimitsOff),
	}
	s.metrics = newMetrics()
	s.routes = []Route{
		{Method: "POST", Path: "/auth/register", handler: s.register},
		{Method: "POST", Path: "/auth/login", handler: s.login},
		{Method: "POST", Path: "/auth/refresh", handler: s.refresh},
		{Method: "POST", Path: "/auth/logout", handler: s.logout},
		{Method: "GET", Path: "/me", Roles: signedIn, handler: s.me},
		{Method: "GET", Path: "/sites", handler: s.sites},
		{Method: "GET", Path: "/departments", handler: s.departments},
		{Method: "GET", Path: "/items", handler: s.items},
		{Method: "GET", Path: "/items/{code}", handler: s.item},
		{Method: "GET", Path: "/admin/users", Roles: []portal.Role{portal.RoleAdmin}, handler: s.listUsers},
		{Method: "POST", Path: "/admin/users", Roles: []portal.Role{portal.RoleAdmin}, handler: s.createUser},
		{Method: "GET", Path: "/admin/items", Roles: []portal.Role{portal.RoleAdmin, portal.RoleSupervisor}, handler: s.adminItems},
		{Method: "POST", Path: "/admin/items", Roles: []portal.Role{portal.RoleAdmin}, handler: s.createItem},
		{Method: "GET", Path: "/admin/items/{code}", Roles: []portal.Role{portal.RoleAdmin, portal.RoleSupervisor}, handler: s.item},
		{Method: "PUT", Path: "/admin/items/{code}", Roles: []portal.Role{portal.RoleAdmin}, handler: s.updateItem},
		{Method: "POST", Path: "/admin/items/{code}/status", Roles: []portal.Role{portal.RoleAdmin}, handler: s.setItemStatus},
		{Method: "GET", Path: "/admin/items/{code}/history", Roles: []portal.Role{portal.RoleAdmin, portal.RoleSupervisor}, handler: s.itemHistory},
		{Method: "GET", Path: "/slots", handler: s.slots},
		{Method: "POST", Path: "/slots/{id}/waitlist", Roles: []portal.Role{portal.RoleApplicant, portal.RoleAgent}, handler: s.joinWaitlist},
		{Method: "POST", Path: "/appointments", Roles: bookers, handler: s.book},
		{Method: "GET", Path: "/appointments", Roles: signedIn, handler: s.myAppointments},
		{Method: "GET", Path: "/appointments/{id}", Roles: signedIn, handler: s.appointment},
		{Method: "GET", Path: "/appointments/{id}/ics", Roles: signedIn, handler: s.appointmentICS},
		{Method: "POST", Path: "/appointments/{id}/cancel", Roles: signedIn, handler: s.cancelAppointment},
		{Method: "POST", Path: "/appointments/{id}/reschedule", Roles: signedIn, handler: s.rescheduleAppointment},
		{Method: "GET", Path: "/staff/appointments", Roles: window, handler: s.staffDay},
		{Method: "POST", Path: "/staff/appointments/{code}/check-in", Roles: window, handler: s.checkIn},
		{Method: "POST", Path: "/staff/appointments/{code}/no-show", Roles: window, handler: s.noShow},
		{Method: "POST", Path: "/staff/walk-ins", Roles: window, handler: s.walkIn},
		{Method: "POST", Path: "/home-visits", Roles: []portal.Role{portal.RoleApplicant}, handler: s.requestHomeVisit},
		{Method: "GET", Path: "/home-visits", Roles: []portal.Role{portal.RoleApplicant, portal.RoleStaff, portal.RoleChief}, handler: s.homeVisits},
		{Method: "POST", Path: "/staff/home-visits/{id}/decision", Roles: window, handler: s.decideHomeVisit},
		{Method: "GET", Path: "/notifications", Roles: signedIn, handler: s.notifications},
		{Method: "POST", Path: "/notifications/{id}/read", Roles: signedIn, handler: s.readNotification},
		{Method: "GET", Path: "/sites/{code}/booking-rules", handler: s.bookingRules},
		{Method: "PUT", Path: "/admin/sites/{code}/booking-rules", Roles: []portal.Role{portal.RoleAdmin}, handler: s.putBookingRules},
		{Method: "POST", Path: "/admin/sites/{code}/closures", Roles: []portal.Role{portal.RoleAdmin}, handler: s.closeSite},
		{Method: "DELETE", Path: "/admin/sites/{code}/closures/{date}", Roles: []portal.Role{portal.RoleAdmin}, handler: s.reopenSite},
		{Method: "GET", Path: "/admin/calendar", Roles: []portal.Role{portal.RoleAdmin, portal.RoleSupervisor}, handler: s.calendarDays},
		{Method: "PUT", Path: "/admin/calendar/{date}", Roles: []portal.Role{portal.RoleAdmin}, handler: s.putCalendarDay},
		{Method: "DELETE", Path: "/admin/calendar/{date}", Roles: []portal.Role{portal.RoleAdmin}, handler: s.deleteCalendarDay},
		{Method: "GET", Path: "/admin/slot-templates", Roles: []portal.Role{portal.RoleAdmin}, handler: s.templates},
		{Method: "POST", Path: "/admin/slot-templates", Roles: []portal.Role{portal.RoleAdmin}, handler: s.saveTemplate},
		{Method: "PUT", Path: "/admin/slot-templates/{id}", Roles: []portal.Role{portal.RoleAdmin}, handler: s.saveTemplate},
		{Method: "POST", Path: "/applications", Roles: applicants, handler: s.createApplication},
		{Method: "GET", Path: "/applications", Roles: signedIn, handler: s.myApplications},
		{Method: "GET", Path: "/applications/{id}", Roles: signedIn, handler: s.application},
		{Method: "GET", Path: "/applications/{id}/events", Roles: signedIn, handler: s.applicationEvents},
		{Method: "GET", Path: "/applications/{id}/notices", Roles: signedIn, handler: s.applicationNotices},
		{Method: "POST", Path: "/applications/{id}/materials/{material_id}/uploads", Roles: applicants, handler: s.startUpload},
		{Method: "POST", Path: "/applications/{id}/materials/{material_id}/uploads/{upload_id}/complete", Roles: applicants, handler: s.completeUpload},
		{Method: "DELETE", Path: "/applications/{id}/materials/{material_id}", Roles: applicants, handler: s.removeMaterial},
		{Method: "POST", Path: "/applications/{id}/materials/{material_id}/reuse", Roles: applicants, handler: s.reuseMaterial},
		{Method: "GET", Path: "/applications/{id}/materials/{material_id}/download", Roles: signedIn, handler: s.downloadMaterial},
		{Method: "POST", Path: "/applications/{id}/submit", Roles: applicants, handler: s.submitApplication},
		{Method: "POST", Path: "/applications/{id}/withdraw", Roles: applicants, handler: s.withdrawApplication},
		{Method: "GET", Path: "/review/queue", Roles: window, handler: s.reviewQueue},
		{Method: "POST", Path: "/review/applications/{id}/decision", Roles: window, handler: s.decide},
		{Method: "GET", Path: "/notices/{id}", Roles: signedIn, handler: s.notice},
		{Method: "GET", Path: "/verify/{code}", handler: s.verifyNotice},
		{Method: "GET", Path: "/locker", Roles: applicants, handler: s.locker},
		{Method: "GET", Path: "/cases", Roles: desk, handler: s.listCases},
		{Method: "POST", Path: "/cases/{id}/accept", Roles: window, handler: s.acceptCase},
		{Method: "POST", Path: "/cases/{id}/refuse", Roles: window, handler: s.refuseCase},
		{Method: "POST", Path: "/cases/{id}/start", Roles: window, handler: s.startCase},
		{Method: "POST", Path: "/cases/{id}/pause", Roles: window, handler: s.pauseCase},
		{Method: "POST", Path: "/cases/{id}/resume", Roles: window, handler: s.resumeCase},
		{Method: "POST", Path: "/cases/{id}/complete", Roles: window, handler: s.completeCase},
		{Method: "POST", Path: "/cases/{id}/evaluation", Roles: applicants, handler: s.evaluateCase},
		{Method: "POST", Path: "/staff/cases/{id}/evaluation", Roles: window, handler: s.evaluateAtWindow},
		{Method: "GET", Path: "/staff/cases/last-completed", Roles: window, handler: s.lastCompleted},
		{Method: "GET", Path: "/public/cases/{case_no}", handler: s.publicCase},
		{Method: "GET", Path: "/rectifications", Roles: desk, handler: s.rectifications},
		{Method: "POST", Path: "/rectifications/{id}/callback", Roles: desk, handler: s.callback},
		{Method: "POST", Path: "/rectifications/{id}/close", Roles: []portal.Role{portal.RoleChief, portal.RoleSupervisor}, handler: s.closeRectification},
		{Method: "POST", Path: "/tickets", Roles: applicants, handler: s.openTicket},
		{Method: "GET", Path: "/tickets", Roles: ticketPeople, handler: s.listTickets},
		{Method: "GET", Path: "/tickets/{id}", Roles: ticketPeople, handler: s.ticket},
		{Method: "POST", Path: "/tickets/{id}/claim", Roles: desk, handler: s.claimTicket},
		{Method: "POST", Path: "/tickets/{id}/messages", Roles: ticketPeople, handler: s.replyTicket},
		{Method: "POST", Path: "/tickets/{id}/close", Roles: ticketPeople, handler: s.closeTicket},
		{Method: "GET", Path: "/openapi.json", handler: s.openapi},
	}
	mux := http.NewServeMux()
	for _, rt := range s.routes {
		mux.Handle(rt.Method+" "+api.Base+rt.Path, s.endpoint(rt))
	}
	mux.HandleFunc(api.Base+"/", func(w http.ResponseWriter, r *http.Request) {
		s.writeError(w, r, portal.Errorf(portal.ENotFound, "no endpoint %s %s", r.Method, r.URL.Path))
	})
	if s.Files != nil {
		mux.Handle(s.FilesPrefix+"/", s.Files)
	}
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, api.Health{Status: "ok"})
	})
	mux.HandleFunc("GET /readyz", s.readyz)
	mux.Handle("GET /metrics", promhttp.HandlerFor(s.metrics.reg, promhttp.HandlerOpts{}))
	if s.Web != nil {
		mux.Handle("/", s.Web)
	}
	s.mux = mux
	return s
}

// Routes returns the API's route table.
func (s *Server) Routes() []Route { return s.routes }

// ServeHTTP logs and counts every request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
	defer func() {
		if p := recover(); p != nil {
			s.log.ErrorContext(r.Context(), "panic", slog.Any("panic", p), slog.String("path", r.URL.Path))
			if !rec.wrote {
				s.writeError(rec, r, portal.Errorf(portal.EInternal, "panic"))
			}
		}
		route := r.Pattern
		if route == "" {
			route = "unmatched"
		}
		d := time.Since(start)
		s.metrics.observe(route, r.Method, rec.status, d)
		if strings.HasPrefix(r.URL.Path, "/api/") || rec.status >= 500 {
			// Paths only: query strings may carry personal data.
			s.log.InfoContext(r.Context(), "request", slog.String("method", r.Method), slog.String("route", route),
				slog.Int("status", rec.status), slog.Duration("took", d))
		}
	}()
	s.mux.ServeHTTP(rec, r)
}

// endpoint wraps a handler with the rate limit, authentication and the role check.
func (s *Server) endpoint(rt Route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !s.limits.apiIP.Allow(clientIP(r)) {
			s.writeError(w, r, portal.Errorf(portal.ERateLimited, "api rate limit"))
			return
		}
		actor, err := s.authenticate(r)
		if err != nil && len(rt.Roles) > 0 {
			s.writeError(w, r, err)
			return
		}
		// A public endpoint treats a bad token as no token: a stale tab must still read the
		// catalog.
		if len(rt.Roles) > 0 && !actor.Is(rt.Roles...) {
			s.writeError(w, r, portal.Errorf(portal.EForbidden, "role %s may not %s %s", actor.Role, rt.Method, rt.Path))
			return
		}
		r = r.WithContext(withActor(r.Context(), actor))
		if err := rt.handler(w, r); err != nil {
			s.writeError(w, r, err)
		}
	})
}

// authenticate reads the bearer token. No token is not an error (the actor is anonymous);
// a bad one is.
func (s *Server) authenticate(r *http.Request) (portal.Actor, error) {
	h := r.Header.Get("Authorization")
	if h == "" {
		return portal.Actor{}, portal.Errorf(portal.EUnauthorized, "no token")
	}
	token, ok := strings.CutPrefix(h, "Bearer ")
	if !ok {
		return portal.Actor{}, portal.Errorf(portal.ETokenInvalid, "not a bearer token")
	}
	return s.Signer.Verify(strings.TrimSpace(token))
}

type actorKey struct{}

func withActor(ctx context.Context, a portal.Actor) context.Context {
	return context.WithValue(ctx, actorKey{}, a)
}

func actorFrom(ctx context.Context) portal.Actor {
	a, _ := ctx.Value(actorKey{}).(portal.Actor)
	return a
}

// clientIP is the peer address. Behind a proxy every client shares the proxy's address;
// trusting X-Forwarded-For needs a configured proxy list, which this deployment does not have.
func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

func (s *Server) readyz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 3*time.Second)
	defer cancel()
	checks := map[string]string{"database": "ok"}
	status := http.StatusOK
	if err := s.DB.Ping(ctx); err != nil {
		checks["database"] = "down"
		status = http.StatusServiceUnavailable
	}
	if s.PreReview != nil {
		checks["storage"] = "ok"
		if err := s.PreReview.Files.Ping(ctx); err != nil {
			checks["storage"] = "down"
			status = http.StatusServiceUnavailable
		}
	}
	h := api.Health{Status: "ok", Checks: checks}
	if status != http.StatusOK {
		h.Status = "unavailable"
	}
	writeJSON(w, status, h)
}

func (s *Server) openapi(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "public, max-age=300")
	w.Write(openAPI)
	return nil
}

type statusRecorder struct {
	http.ResponseWriter
	status int
	wrote  bool
}

func (r *statusRecorder) WriteHeader(code int) {
	if !r.wrote {
		r.status = code
		r.wrote = true
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *statusRecorder) Write(b []byte) (int, error) {
	r.wrote = true
	return r.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the underlying writer (flush, deadlines).
func (r *statusRecorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

type metrics struct {
	reg      *prometheus.Registry
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
}

func newMetrics() *metrics {
	m := &metrics{reg: prometheus.NewRegistry()}
	m.requests = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "portal_http_requests_total", Help: "HTTP requests by route, method and status.",
	}, []string{"route", "method", "status"})
	m.duration = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name: "portal_http_request_duration_seconds", Help: "HTTP request latency by route.",
		Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5},
	}, []string{"route"})
	m.reg.MustRegister(m.requests, m.duration, collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

func (m *metrics) observe(route, method string, status int, d time.Duration) {
	m.requests.WithLabelValues(route, method, strconv.Itoa(status)).Inc()
	m.duration.WithLabelValues(route).Observe(d.Seconds())
}
