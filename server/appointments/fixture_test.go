package appointments_test

// The fixture of the concurrency tests: real databases (a SQLite file or a fresh PostgreSQL
// database, opened through as many store handles as there are "replicas"), applicants made
// straight in the database with one password hash, tokens minted with the server's key,
// dedicated slots inside the booking window, the API in-process or the real server binary
// as child processes, and a start barrier that lets every request go at once.

import (
	"bytes"
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
	_ "time/tzdata" // the centre's zone, even where the system has no zone database

	"portal/app/api"
	"portal/server/accounts"
	"portal/server/appointments"
	"portal/server/auth"
	"portal/server/calendar"
	"portal/server/catalog"
	"portal/server/demo"
	"portal/server/httpapi"
	"portal/server/portal"
	"portal/server/portaltest"
	"portal/server/store"
	"portal/server/store/storetest"
)

func TestMain(m *testing.M) {
	code := m.Run()
	portaltest.Cleanup()
	os.Exit(code)
}

// site is where every test books: the county centre.
const site = "county"

// clock is a movable "now" shared by the services of one test.
type clock struct{ offset atomic.Int64 }

func (c *clock) Now() time.Time { return time.Now().Add(time.Duration(c.offset.Load())) }

// set moves the clock so that Now is about t.
func (c *clock) set(t time.Time) { c.offset.Store(int64(time.Until(t))) }

// fixture is one database with the demo catalog, the official calendar and a service.
type fixture struct {
	t       *testing.T
	dialect string
	url     string // PORTAL_DATABASE_URL of the database: postgres://… or sqlite:/path
	db      *store.DB
	raw     *sql.DB // for the counts the store has no query for
	svc     *appointments.Service
	clock   *clock
	loc     *time.Location
	key     []byte
	signer  *auth.Signer
	item    portal.Item // a bookable item offered at the county centre
	hash    string      // one argon2 hash shared by every applicant
	users   atomic.Int64
}

// newFixture opens a fresh database of the dialect, migrates it and seeds the demo
// catalog and the official calendar.
func newFixture(t *testing.T, dialect string) *fixture {
	t.Helper()
	url := ""
	if dialect == store.Postgres {
		url = storetest.CreateDatabase(t)
	} else {
		url = "sqlite:" + filepath.Join(t.TempDir(), "portal.db")
	}
	f := openFixture(t, url, randomKey(t))
	if err := f.db.Migrate(context.Background()); err != nil {
		t.Fatalf("migrate: %v", err)
	}
	if _, err := demo.Seed(context.Background(), f.db); err != nil {
		t.Fatalf("demo seed: %v", err)
	}
	f.prepare()
	return f
}

// openFixture connects to a database somebody else migrates and seeds (the server
// processes of the replica tests); call prepare once it is.
func openFixture(t *testing.T, url string, key []byte) *fixture {
	t.Helper()
	ctx := context.Background()
	dialect := store.SQLite
	if strings.HasPrefix(url, "postgres") {
		dialect = store.Postgres
	}
	db, err := store.Open(ctx, url, t.TempDir())
	if err != nil {
		t.Fatalf("open %s: %v", dialect, err)
	}
	t.Cleanup(func() { db.Close() })
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	signer, err := auth.NewSigner(key, nil)
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{t: t, dialect: dialect, url: url, db: db, raw: openRaw(t, url), clock: &clock{}, loc: loc, key: key, signer: signer}
	f.svc = f.service(db)
	return f
}

// prepare seeds the calendar, picks the item and hashes the applicants' password.
func (f *fixture) prepare() {
	t := f.t
	t.Helper()
	ctx := context.Background()
	if err := f.svc.SeedCalendar(ctx); err != nil {
		t.Fatalf("calendar: %v", err)
	}
	f.item = f.bookableItem()
	hash, err := auth.HashPassword("Rush2026pass")
	if err != nil {
		t.Fatal(err)
	}
	f.hash = hash
}

// service is another appointments service on db with the fixture's clock: what a second
// replica runs.
func (f *fixture) service(db *store.DB) *appointments.Service {
	return &appointments.Service{DB: db, Loc: f.loc, Now: f.clock.Now}
}

// replicaHandle opens a second store on the same database, as another replica would.
func (f *fixture) replicaHandle() *store.DB {
	f.t.Helper()
	db, err := store.Open(context.Background(), f.url, f.t.TempDir())
	if err != nil {
		f.t.Fatalf("second handle: %v", err)
	}
	f.t.Cleanup(func() { db.Close() })
	return db
}

func openRaw(t *testing.T, url string) *sql.DB {
	t.Helper()
	var raw *sql.DB
	var err error
	if path, ok := strings.CutPrefix(url, "sqlite:"); ok {
		raw, err = sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)")
	} else {
		raw, err = sql.Open("pgx", url)
	}
	if err != nil {
		t.Fatal(err)
	}
	raw.SetMaxOpenConns(2)
	t.Cleanup(func() { raw.Close() })
	return raw
}

func randomKey(t *testing.T) []byte {
	k := make([]byte, 32)
	if _, err := rand.Read(k); err != nil {
		t.Fatal(err)
	}
	return k
}

// bookableItem is the first active, bookable demo item at the county centre.
func (f *fixture) bookableItem() portal.Item {
	f.t.Helper()
	for _, it := range demo.Items() {
		got, err := f.db.Item(context.Background(), it.Code)
		if err != nil {
			continue
		}
		if got.Status == portal.ItemActive && got.Bookable && contains(got.Sites, site) {
			return got.Item
		}
	}
	f.t.Fatal("no bookable demo item at the county centre")
	return portal.Item{}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// applicants creates n applicants directly in the database.
func (f *fixture) applicants(n int) []portal.User {
	f.t.Helper()
	users := make([]portal.User, n)
	first := f.users.Add(int64(n)) - int64(n)
	errs := make(chan error, n)
	var wg sync.WaitGroup
	sem := make(chan struct{}, 8)
	for i := range users {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			phone := fmt.Sprintf("139%08d", first+int64(i))
			u := portal.User{Login: phone, Phone: phone, Name: fmt.Sprintf("申请人%d", first+int64(i)), Role: portal.RoleApplicant, PasswordHash: f.hash}
			if err := f.db.CreateUser(context.Background(), &u); err != nil {
				errs <- err
				return
			}
			users[i] = u
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		f.t.Fatalf("create applicant: %v", err)
	}
	return users
}

func (f *fixture) token(u portal.User) string {
	f.t.Helper()
	tok, err := f.signer.Issue(u)
	if err != nil {
		f.t.Fatal(err)
	}
	return tok
}

func actor(u portal.User) portal.Actor {
	return portal.Actor{UserID: u.ID, Name: u.Name, Role: u.Role}
}

// windowDays are the working days the county centre takes bookings for, as the service
// computes them at the clock's now: the first is the next working day.
func (f *fixture) windowDays() []calendar.Date {
	f.t.Helper()
	_, days, err := f.svc.Slots(context.Background(), portal.Actor{UserID: "probe", Role: portal.RoleApplicant}, site, f.item.Code, "", "")
	if err != nil {
		f.t.Fatalf("booking window: %v", err)
	}
	if len(days) == 0 {
		f.t.Fatal("the booking window has no working day")
	}
	out := make([]calendar.Date, len(days))
	for i, d := range days {
		if out[i], err = calendar.ParseDate(d); err != nil {
			f.t.Fatal(err)
		}
	}
	return out
}

// slots creates n slots of the given capacity on day d, 10 minutes each from hour:00, under
// a template of their own (inactive, so slot generation never adds to it).
func (f *fixture) slots(d calendar.Date, hour, n, capacity int) []portal.Slot {
	f.t.Helper()
	ctx := context.Background()
	tpl := portal.SlotTemplate{SiteCode: site, DepartmentCode: f.item.DepartmentCode, Weekdays: []time.Weekday{0, 1, 2, 3, 4, 5, 6},
		Start: fmt.Sprintf("%02d:00", hour), End: fmt.Sprintf("%02d:00", hour+4), SlotMinutes: 10, Capacity: capacity,
		Kind: portal.SlotRegular, Active: false}
	if err := f.db.PutTemplate(ctx, &tpl); err != nil {
		f.t.Fatal(err)
	}
	var want []portal.Slot
	for i := range n {
		start := d.At(hour, 0, f.loc).Add(time.Duration(i) * 10 * time.Minute)
		want = append(want, portal.Slot{TemplateID: tpl.ID, SiteCode: site, DepartmentCode: f.item.DepartmentCode,
			Date: d.String(), Start: start, End: start.Add(10 * time.Minute), Capacity: capacity, Kind: portal.SlotRegular})
	}
	if added, err := f.db.InsertSlots(ctx, want); err != nil || added != n {
		f.t.Fatalf("insert %d slots: added %d, %v", n, added, err)
	}
	all, err := f.db.ListSlots(ctx, store.SlotQuery{SiteCode: site, DepartmentCode: f.item.DepartmentCode, From: d.String(), To: d.String()})
	if err != nil {
		f.t.Fatal(err)
	}
	var out []portal.Slot
	for _, s := range all {
		if s.TemplateID == tpl.ID {
			out = append(out, s)
		}
	}
	if len(out) != n {
		f.t.Fatalf("listed %d of the %d new slots", len(out), n)
	}
	return out
}

// slotState is what the database says about a slot after the fact: its counter and its
// active (booked) appointments.
type slotState struct {
	slot   portal.Slot
	booked []portal.Appointment
}

func (f *fixture) slotState(id string) slotState {
	f.t.Helper()
	ctx := context.Background()
	s, err := f.db.Slot(ctx, id)
	if err != nil {
		f.t.Fatal(err)
	}
	day, err := f.db.DayAppointments(ctx, s.SiteCode, s.DepartmentCode, s.Date)
	if err != nil {
		f.t.Fatal(err)
	}
	st := slotState{slot: s}
	for _, a := range day {
		if a.SlotID == id && a.Status == portal.ApptBooked {
			st.booked = append(st.booked, a)
		}
	}
	return st
}

// count runs a COUNT-like query with `?` placeholders on either engine.
func (f *fixture) count(query string, args ...any) int {
	f.t.Helper()
	var n int
	if err := f.raw.QueryRow(rebind(f.dialect, query), args...).Scan(&n); err != nil {
		f.t.Fatalf("%s: %v", query, err)
	}
	return n
}

func rebind(dialect, q string) string {
	if dialect != store.Postgres {
		return q
	}
	var b strings.Builder
	n := 0
	for _, r := range q {
		if r == '?' {
			n++
			fmt.Fprintf(&b, "$%d", n)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// --- HTTP -------------------------------------------------------------------------------

// serve starts the API in-process on the fixture's service (and its clock).
func (f *fixture) serve() string {
	f.t.Helper()
	s := httpapi.New(&httpapi.Server{
		DB: f.db, Accounts: &accounts.Service{DB: f.db, Signer: f.signer}, Catalog: &catalog.Service{DB: f.db},
		Appointments: f.svc, Signer: f.signer,
	}, slog.New(slog.NewTextHandler(io.Discard, nil)), true)
	ts := httptest.NewServer(s)
	f.t.Cleanup(ts.Close)
	return ts.URL
}

// newClient keeps n connections per server alive, so a rush of n requests needs no new
// connection once warmed.
func newClient(n int) *http.Client {
	return &http.Client{
		Timeout: 2 * time.Minute,
		Transport: &http.Transport{
			Proxy:               nil,
			DialContext:         (&net.Dialer{Timeout: 10 * time.Second}).DialContext,
			MaxIdleConns:        2 * n,
			MaxIdleConnsPerHost: n,
			IdleConnTimeout:     time.Minute,
		},
	}
}

// answer is one booking answer.
type answer struct {
	status int
	code   string // the error code, empty on success
	id     string // the appointment id, on success
	err    error  // transport failure
	body   string
}

func (a answer) String() string {
	switch {
	case a.err != nil:
		return "transport error"
	case a.code != "":
		return fmt.Sprintf("%d %s", a.status, a.code)
	}
	return fmt.Sprint(a.status)
}

// book sends POST /api/v1/appointments.
func book(client *http.Client, base, token, slotID, item, idemKey string) answer {
	body, _ := json.Marshal(api.BookRequest{SlotID: slotID, ItemCode: item})
	req, err := http.NewRequest(http.MethodPost, base+api.Base+"/appointments", bytes.NewReader(body))
	if err != nil {
		return answer{err: err}
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+token)
	if idemKey != "" {
		req.Header.Set("Idempotency-Key", idemKey)
	}
	resp, err := client.Do(req)
	if err != nil {
		return answer{err: err}
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	a := answer{status: resp.StatusCode, body: string(b)}
	if resp.StatusCode == http.StatusOK || resp.StatusCode == http.StatusCreated {
		var ap api.Appointment
		if err := json.Unmarshal(b, &ap); err != nil || ap.ID == "" {
			a.err = fmt.Errorf("success without an appointment: %q", b)
		}
		a.id = ap.ID
		return a
	}
	var eb api.ErrorBody
	json.Unmarshal(b, &eb)
	a.code = eb.Error.Code
	return a
}

// warm opens n connections to each base (n concurrent readiness checks, which ping the
// database and so also fill the server's connection pool), so that the rush that follows
// meets warm servers, not TCP and database connection setup.
func warm(t *testing.T, client *http.Client, bases []string, n int) {
	t.Helper()
	var failed atomic.Int64
	together(n*len(bases), func(i int) {
		resp, err := client.Get(bases[i%len(bases)] + "/readyz")
		if err != nil || resp.StatusCode != http.StatusOK {
			failed.Add(1)
			if err == nil {
				resp.Body.Close()
			}
			return
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	})
	if failed.Load() > 0 {
		t.Fatalf("%d readiness checks failed while warming up", failed.Load())
	}
}

// together runs fn(0…n-1) in n goroutines released at once by a start barrier, and waits
// for all of them.
func together(n int, fn func(i int)) {
	var ready, done sync.WaitGroup
	start := make(chan struct{})
	ready.Add(n)
	done.Add(n)
	for i := range n {
		go func() {
			defer done.Done()
			ready.Done()
			<-start
			fn(i)
		}()
	}
	ready.Wait()
	close(start)
	done.Wait()
}

// tally counts answers by kind ("201", "409 slot_full", …).
func tally(answers []answer) map[string]int {
	m := map[string]int{}
	for _, a := range answers {
		m[a.String()]++
	}
	return m
}

func describe(m map[string]int) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s ×%d", k, m[k])
	}
	return strings.Join(parts, ", ")
}

// firstOther returns an answer whose kind is not in want, for the failure message.
func firstOther(answers []answer, want ...string) (answer, bool) {
	for _, a := range answers {
		if !contains(want, a.String()) {
			return a, true
		}
	}
	return answer{}, false
}

// --- the real server as child processes --------------------------------------------------

// replica is the server binary running as a child process.
type replica struct {
	url  string
	out  *portaltest.Tail
	jobs *jobLog
}

// jobLog reads the server's JSON log as it is written and adds up the counts of its
// "job done" lines per job (logged at level info).
type jobLog struct {
	mu      sync.Mutex
	partial []byte
	counts  map[string]int
}

func (l *jobLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.partial = append(l.partial, p...)
	for {
		i := bytes.IndexByte(l.partial, '\n')
		if i < 0 {
			break
		}
		var line struct {
			Msg   string `json:"msg"`
			Job   string `json:"job"`
			Count int    `json:"count"`
		}
		if json.Unmarshal(l.partial[:i], &line) == nil && line.Msg == "job done" {
			l.counts[line.Job] += line.Count
		}
		l.partial = l.partial[i+1:]
	}
	return len(p), nil
}

func (l *jobLog) count(job string) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.counts[job]
}

// webhook receives outbound messages (PORTAL_NOTIFY_WEBHOOK) and remembers each delivery.
type webhook struct {
	url        string
	mu         sync.Mutex
	deliveries []delivery
}

type delivery struct {
	path, id, user, kind, idemKey string
}

func newWebhook(t *testing.T) *webhook {
	h := &webhook{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var m struct {
			ID     string `json:"id"`
			UserID string `json:"user_id"`
			Kind   string `json:"kind"`
		}
		if err := json.NewDecoder(r.Body).Decode(&m); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		h.mu.Lock()
		h.deliveries = append(h.deliveries, delivery{r.URL.Path, m.ID, m.UserID, m.Kind, r.Header.Get("Idempotency-Key")})
		h.mu.Unlock()
		w.WriteHeader(http.StatusNoContent)
	}))
	t.Cleanup(srv.Close)
	h.url = srv.URL
	return h
}

func (h *webhook) byPath(path string) int {
	h.mu.Lock()
	defer h.mu.Unlock()
	n := 0
	for _, d := range h.deliveries {
		if d.path == path {
			n++
		}
	}
	return n
}

// summary returns the distinct messages delivered, the most deliveries of one message, and
// the most distinct messages for one (person, kind).
func (h *webhook) summary() (ids, perMessage, perReminder int) {
	h.mu.Lock()
	defer h.mu.Unlock()
	byID := map[string]int{}
	byReminder := map[string]map[string]bool{}
	for _, d := range h.deliveries {
		byID[d.id]++
		k := d.user + " " + d.kind
		if byReminder[k] == nil {
			byReminder[k] = map[string]bool{}
		}
		byReminder[k][d.id] = true
	}
	for _, n := range byID {
		perMessage = max(perMessage, n)
	}
	for _, m := range byReminder {
		perReminder = max(perReminder, len(m))
	}
	return len(byID), perMessage, perReminder
}

// startReplica starts the binary with the given PORTAL_* settings (see portaltest.Start),
// counting its job log lines.
func startReplica(t *testing.T, bin, name string, settings ...string) *replica {
	t.Helper()
	r := &replica{jobs: &jobLog{counts: map[string]int{}}}
	p := portaltest.Start(t, bin, name, r.jobs, settings...)
	r.url, r.out = p.URL, p.Out
	return r
}

func keySetting(key []byte) string {
	return "PORTAL_JWT_KEY=" + base64.StdEncoding.EncodeToString(key)
}
