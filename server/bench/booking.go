package main

// The booking rush: N applicants book M slots of capacity C through the real server's HTTP
// API, all released at once and sent by the load generator's workers, on SQLite and on
// PostgreSQL. It reports accepted bookings per second, the latency of every booking
// request, the answers, and the overbooking read back from the database afterwards (which
// must be 0), next to the ceiling of the same store in the same run: single-row insert
// transactions (BEGIN; INSERT; COMMIT) through database/sql, sent the same way.

import (
	"bytes"
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	_ "time/tzdata" // the centre's zone, whatever this machine has

	"portal/server/appointments"
	"portal/server/auth"
	"portal/server/calendar"
	"portal/server/demo"
	"portal/server/portal"
	"portal/server/store"
)

// rushOptions are the booking rush's flags.
type rushOptions struct {
	applicants int // N: each sends one booking request
	slots      int // M
	capacity   int // C, places per slot
}

var rush = rushOptions{}

// rushFlags registers the booking rush's flags on the command's flag set.
func rushFlags(fs *flag.FlagSet) {
	fs.IntVar(&rush.applicants, "rush-applicants", 2000, "booking rush: applicants, one booking request each")
	fs.IntVar(&rush.slots, "rush-slots", 20, "booking rush: slots booked")
	fs.IntVar(&rush.capacity, "rush-capacity", 25, "booking rush: places per slot")
}

// rushRow is one line of the booking table.
type rushRow struct {
	label     string
	ceiling   bool
	res       rushResult
	overbook  int    // sum over slots of max(0, appointments - capacity)
	drift     int    // slots whose counter differs from their appointments
	log       string // what the server logged during the rush
	err       error
	engineKey string // rows of one engine compare with that engine's ceiling
}

// rushResult is one rush: every request's latency and answer.
type rushResult struct {
	elapsed time.Duration
	// lastAccepted is when the last 201 answer arrived, from the release: bookings are
	// accepted while places remain, the rest of the rush is refusals.
	lastAccepted time.Duration
	latencies    []time.Duration // of every answered request, sorted
	statuses     map[int]int
	failures     map[string]int // transport failures by kind
}

func (r rushResult) count(status int) int { return r.statuses[status] }

func (r rushResult) answered() int { return len(r.latencies) }

func (r rushResult) perSecond(n int) float64 {
	if r.elapsed <= 0 {
		return 0
	}
	return float64(n) / r.elapsed.Seconds()
}

func (r rushResult) percentile(q float64) time.Duration {
	return loadResult{latencies: r.latencies}.percentile(q)
}

// others counts answers that are neither 201 nor 409, and transport failures.
func (r rushResult) others() int {
	n := 0
	for s, c := range r.statuses {
		if s != http.StatusCreated && s != http.StatusConflict {
			n += c
		}
	}
	for _, c := range r.failures {
		n += c
	}
	return n
}

func (r rushResult) otherSummary() string {
	m := map[string]int{}
	for s, c := range r.statuses {
		if s != http.StatusCreated && s != http.StatusConflict {
			m[fmt.Sprintf("status %d", s)] += c
		}
	}
	for k, c := range r.failures {
		m[k] += c
	}
	return loadResult{errorKinds: m}.errorSummary()
}

// bookingSection runs the rush on each engine.
func bookingSection(ctx context.Context, o options, w io.Writer) error {
	if rush.applicants < 1 || rush.slots < 1 || rush.capacity < 1 || rush.applicants > 100_000 {
		return errors.New("-rush-applicants (1…100000), -rush-slots and -rush-capacity must be positive")
	}
	places := rush.slots * rush.capacity
	fmt.Fprintf(w, "%d applicants, one POST /api/v1/appointments each, for %d slots × %d places (%d places); %d workers, all released at once.\n",
		rush.applicants, rush.slots, rush.capacity, places, o.concurrency)
	fmt.Fprintf(w, "Ceiling: as many single-row insert transactions (BEGIN; INSERT; COMMIT) on the same store, sent the same way.\n")
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		return err
	}
	hash, err := auth.HashPassword("Rush2026pass") // once, shared by every applicant
	if err != nil {
		return err
	}
	var rows []rushRow
	var firstErr error
	for _, e := range engines(o) {
		if e.skipped {
			rows = append(rows, rushRow{label: "portal, " + e.name, err: errPostgresSkipped, engineKey: e.name})
			continue
		}
		got, err := rushEngine(ctx, o, e, key, hash)
		rows = append(rows, got...)
		if err != nil {
			if len(got) == 0 {
				rows = append(rows, rushRow{label: "portal, " + e.name, err: err, engineKey: e.name})
			}
			firstErr = cmpOr(firstErr, fmt.Errorf("%s: %w", e.name, err))
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
	}
	if err := printRushTable(w, rows, places); err != nil {
		return err
	}
	return firstErr
}

func cmpOr(a, b error) error {
	if a != nil {
		return a
	}
	return b
}

// rushEngine starts the portal on a fresh database of engine e, prepares applicants and
// slots in its database, rushes it, reads the slots back, and measures the ceiling.
func rushEngine(ctx context.Context, o options, e engine, key []byte, hash string) (rows []rushRow, err error) {
	dbURL, desc, cleanup, err := e.open(ctx)
	if err != nil {
		return nil, err
	}
	defer func() {
		if cerr := cleanup(); err == nil && cerr != nil {
			err = cerr
		}
	}()
	p, err := startPortalWith(ctx, o, dbURL, "PORTAL_JWT_KEY="+base64.StdEncoding.EncodeToString(key))
	if err != nil {
		return nil, err
	}
	defer p.cleanup()

	storeURL := dbURL
	if storeURL == "" {
		storeURL = "sqlite:" + filepath.Join(p.dataDir, "portal.db")
	}
	db, err := store.Open(ctx, storeURL, p.dataDir)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	raw, err := openRawLikeStore(storeURL)
	if err != nil {
		return nil, err
	}
	defer raw.Close()

	slots, item, err := rushSlots(ctx, db)
	if err != nil {
		return nil, fmt.Errorf("slots: %w", err)
	}
	tokens, err := rushApplicants(ctx, db, key, hash, rush.applicants)
	if err != nil {
		return nil, fmt.Errorf("applicants: %w", err)
	}
	if err := probeToken(ctx, p.baseURL, tokens[0]); err != nil {
		return nil, err
	}

	mark := p.log.mark()
	res, err := rushPortal(ctx, o.concurrency, p.baseURL, tokens, slots, item)
	if err != nil {
		return nil, err
	}
	row := rushRow{label: "portal, " + desc, res: res, engineKey: e.name}
	if n := p.log.mark() - mark; n > 0 {
		row.log = fmt.Sprintf("%d lines, the last ones:\n%s", n, lastLines(p.log.String(), 5))
	}
	row.overbook, row.drift, err = overbooking(ctx, raw, storeURL, slots)
	if err != nil {
		return nil, fmt.Errorf("reading the slots back: %w", err)
	}

	ceil, err := insertCeiling(ctx, raw, storeURL, o.concurrency, rush.applicants)
	ceilRow := rushRow{label: "ceiling: 1-row insert tx, " + desc, ceiling: true, res: ceil, err: err, engineKey: e.name}
	rows = append(rows, ceilRow, row)
	switch {
	case err != nil:
		return rows, fmt.Errorf("ceiling: %w", err)
	case row.overbook > 0 || row.drift > 0:
		return rows, fmt.Errorf("%d places overbooked, %d slot counters wrong", row.overbook, row.drift)
	case res.others() > 0:
		return rows, fmt.Errorf("%d answers neither 201 nor 409: %s", res.others(), res.otherSummary())
	case res.count(http.StatusCreated) != min(rush.applicants, rush.slots*rush.capacity):
		return rows, fmt.Errorf("%d bookings accepted for %d places and %d applicants", res.count(http.StatusCreated),
			rush.slots*rush.capacity, rush.applicants)
	}
	return rows, nil
}

// startPortalWith is startPortal (portal.go) with settings of the rush added: the JWT key
// the bench signs its applicants' tokens with.
func startPortalWith(ctx context.Context, o options, databaseURL string, settings ...string) (*portalProcess, error) {
	dataDir, err := os.MkdirTemp("", "portal-bench-data-")
	if err != nil {
		return nil, err
	}
	for attempt := 1; ; attempt++ {
		addr, err := freeLoopbackAddr()
		if err != nil {
			os.RemoveAll(dataDir)
			return nil, err
		}
		p := &portalProcess{baseURL: "http://" + addr, dataDir: dataDir, log: &tailBuffer{max: 8 << 10}, exited: make(chan struct{})}
		p.cmd = exec.CommandContext(ctx, o.binary)
		p.cmd.Dir = dataDir
		p.cmd.WaitDelay = 5 * time.Second
		p.cmd.Env = append(append(environWithout("PORTAL_"),
			"PORTAL_ADDR="+addr,
			"PORTAL_DATA_DIR="+dataDir,
			"PORTAL_WEB_DIR="+o.web,
			"PORTAL_DATABASE_URL="+databaseURL,
			"PORTAL_DEMO=1",
			"PORTAL_RATE_LIMITS=off", // the API's per-IP limit would turn the rush into 429s
			"PORTAL_LOG_LEVEL=warn",
		), settings...)
		p.cmd.Stdout, p.cmd.Stderr = p.log, p.log
		if err := p.cmd.Start(); err != nil {
			os.RemoveAll(dataDir)
			return nil, fmt.Errorf("start %s: %w", o.binary, err)
		}
		go func() {
			p.waitErr = p.cmd.Wait()
			close(p.exited)
		}()
		err = p.waitHealthy(ctx, 2*time.Minute)
		if err == nil {
			return p, nil
		}
		p.stop()
		if attempt == 3 || !strings.Contains(err.Error(), "address already in use") {
			os.RemoveAll(dataDir)
			return nil, err
		}
	}
}

// rushSlots creates the rush's slots on the first day of the booking window, under a
// template of their own (inactive: slot generation leaves it alone), for a bookable item
// of the demo catalog at the county centre.
func rushSlots(ctx context.Context, db *store.DB) ([]portal.Slot, string, error) {
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		return nil, "", err
	}
	var item store.ItemRow
	for _, it := range demo.Items() {
		got, err := db.Item(ctx, it.Code)
		if err == nil && got.Status == portal.ItemActive && got.Bookable && slices.Contains(got.Sites, "county") {
			item = got
			break
		}
	}
	if item.Code == "" {
		return nil, "", errors.New("no bookable demo item at the county centre: is the demo catalog seeded?")
	}
	svc := &appointments.Service{DB: db, Loc: loc}
	_, days, err := svc.Slots(ctx, portal.Actor{UserID: "bench", Role: portal.RoleApplicant}, "county", item.Code, "", "")
	if err != nil {
		return nil, "", err
	}
	if len(days) == 0 {
		return nil, "", errors.New("the booking window is empty")
	}
	day, err := calendar.ParseDate(days[0])
	if err != nil {
		return nil, "", err
	}
	tpl := portal.SlotTemplate{SiteCode: "county", DepartmentCode: item.DepartmentCode, Weekdays: []time.Weekday{0, 1, 2, 3, 4, 5, 6},
		Start: "07:00", End: "23:00", SlotMinutes: 1, Capacity: rush.capacity, Kind: portal.SlotRegular, Active: false}
	if err := db.PutTemplate(ctx, &tpl); err != nil {
		return nil, "", err
	}
	var want []portal.Slot
	first := day.At(7, 0, loc)
	for i := range rush.slots {
		start := first.Add(time.Duration(i) * time.Minute)
		want = append(want, portal.Slot{TemplateID: tpl.ID, SiteCode: "county", DepartmentCode: item.DepartmentCode,
			Date: day.String(), Start: start, End: start.Add(time.Minute), Capacity: rush.capacity, Kind: portal.SlotRegular})
	}
	if _, err := db.InsertSlots(ctx, want); err != nil {
		return nil, "", err
	}
	all, err := db.ListSlots(ctx, store.SlotQuery{SiteCode: "county", DepartmentCode: item.DepartmentCode, From: day.String(), To: day.String()})
	if err != nil {
		return nil, "", err
	}
	var out []portal.Slot
	for _, s := range all {
		if s.TemplateID == tpl.ID {
			out = append(out, s)
		}
	}
	if len(out) != rush.slots {
		return nil, "", fmt.Errorf("made %d slots, want %d", len(out), rush.slots)
	}
	return out, item.Code, nil
}

// rushApplicants creates n applicants straight in the database, all with one password
// hash, and signs an access token for each with the server's key.
func rushApplicants(ctx context.Context, db *store.DB, key []byte, hash string, n int) ([]string, error) {
	signer, err := auth.NewSigner(key, nil)
	if err != nil {
		return nil, err
	}
	tokens := make([]string, n)
	var next atomic.Int64
	var firstErr error
	var mu sync.Mutex
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= n || ctx.Err() != nil {
					return
				}
				phone := fmt.Sprintf("137%08d", i)
				u := portal.User{Login: phone, Phone: phone, Name: fmt.Sprintf("压测%d", i), Role: portal.RoleApplicant, PasswordHash: hash}
				err := db.CreateUser(ctx, &u)
				if err == nil {
					tokens[i], err = signer.Issue(u)
				}
				if err != nil {
					mu.Lock()
					firstErr = cmpOr(firstErr, err)
					mu.Unlock()
					return
				}
			}
		})
	}
	wg.Wait()
	if firstErr == nil {
		firstErr = ctx.Err()
	}
	return tokens, firstErr
}

// probeToken checks that the server accepts the bench's tokens (same key), so that the
// rush measures bookings, not 401s.
func probeToken(ctx context.Context, baseURL, token string) error {
	client := newLoadClient(1)
	defer client.CloseIdleConnections()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, baseURL+"/api/v1/me", nil)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET /api/v1/me with a bench token: %d %.200s (is PORTAL_JWT_KEY passed?)", resp.StatusCode, body)
	}
	return nil
}

// rushPortal releases the workers at once; each sends booking requests back to back, the
// i-th applicant asking for slot i mod M, until every applicant has asked once.
func rushPortal(ctx context.Context, concurrency int, baseURL string, tokens []string, slots []portal.Slot, item string) (rushResult, error) {
	client := newLoadClient(concurrency)
	defer client.CloseIdleConnections()
	bodies := make([][]byte, len(slots))
	for i, s := range slots {
		bodies[i], _ = json.Marshal(map[string]string{"slot_id": s.ID, "item_code": item})
	}
	url := baseURL + "/api/v1/appointments"
	send := func(i int) (int, time.Duration, error) {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(bodies[i%len(bodies)]))
		if err != nil {
			return 0, 0, benchBug{err}
		}
		if err := requireLoopback(req.URL); err != nil {
			return 0, 0, benchBug{err}
		}
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+tokens[i])
		t0 := time.Now()
		status, err := do(client, req)
		return status, time.Since(t0), err
	}
	// Open the workers' connections first: the rush measures bookings, not TCP setup.
	warmUp(ctx, client, baseURL+"/healthz", concurrency)
	return together(ctx, concurrency, len(tokens), send)
}

// warmUp sends n concurrent health checks so that n connections are open and idle.
func warmUp(ctx context.Context, client *http.Client, url string, n int) {
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
			if err == nil {
				do(client, req)
			}
		})
	}
	wg.Wait()
}

// benchBug is an error of the bench itself (a bad request, a target off the loopback
// interface): it stops the run instead of counting as the target's failure.
type benchBug struct{ error }

// together runs total operations on concurrency workers released at once by a start
// barrier; op returns the answer's HTTP status, its latency, and the failure if there was
// no answer.
func together(ctx context.Context, concurrency, total int, op func(i int) (int, time.Duration, error)) (rushResult, error) {
	type part struct {
		lastAccepted time.Duration
		latencies    []time.Duration
		statuses     map[int]int
		failures     map[string]int
		err          error
	}
	parts := make([]part, concurrency)
	var next atomic.Int64
	var ready, done sync.WaitGroup
	var t0 time.Time // set before the release; the workers read it after
	start := make(chan struct{})
	ready.Add(concurrency)
	done.Add(concurrency)
	for wi := range parts {
		go func() {
			defer done.Done()
			pt := &parts[wi]
			pt.statuses, pt.failures = map[int]int{}, map[string]int{}
			ready.Done()
			<-start
			for ctx.Err() == nil {
				i := int(next.Add(1) - 1)
				if i >= total {
					return
				}
				status, lat, err := op(i)
				var bug benchBug
				if errors.As(err, &bug) {
					pt.err = bug.error
					return
				}
				if err != nil {
					pt.failures[transportErrorKind(err)]++
					continue
				}
				pt.statuses[status]++
				pt.latencies = append(pt.latencies, lat)
				if status == http.StatusCreated {
					pt.lastAccepted = time.Since(t0)
				}
			}
		}()
	}
	ready.Wait()
	t0 = time.Now()
	close(start)
	done.Wait()
	res := rushResult{elapsed: time.Since(t0), statuses: map[int]int{}, failures: map[string]int{}}
	for _, pt := range parts {
		if pt.err != nil {
			return res, pt.err
		}
		res.latencies = append(res.latencies, pt.latencies...)
		res.lastAccepted = max(res.lastAccepted, pt.lastAccepted)
		for s, c := range pt.statuses {
			res.statuses[s] += c
		}
		for k, c := range pt.failures {
			res.failures[k] += c
		}
	}
	slices.Sort(res.latencies)
	return res, ctx.Err()
}

// openRawLikeStore opens database/sql on the store's database with the store's settings
// (store.Open): for SQLite WAL, busy_timeout, synchronous NORMAL and BEGIN IMMEDIATE on 8
// connections; for PostgreSQL pgx on 32.
func openRawLikeStore(storeURL string) (*sql.DB, error) {
	if path, ok := strings.CutPrefix(storeURL, "sqlite:"); ok {
		db, err := sql.Open("sqlite", "file:"+path+"?_pragma=journal_mode(WAL)&_pragma=busy_timeout(10000)"+
			"&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)&_txlock=immediate")
		if err == nil {
			db.SetMaxOpenConns(8)
		}
		return db, err
	}
	db, err := sql.Open("pgx", storeURL)
	if err == nil {
		db.SetMaxOpenConns(32)
		db.SetMaxIdleConns(32)
	}
	return db, err
}

func isPostgres(storeURL string) bool { return strings.HasPrefix(storeURL, "postgres") }

// overbooking reads the rush's slots back: the places taken beyond capacity (appointments
// over capacity, summed over slots), and the slots whose counter is not their number of
// appointments.
func overbooking(ctx context.Context, raw *sql.DB, storeURL string, slots []portal.Slot) (over, drift int, err error) {
	q := `SELECT s.capacity, s.booked, (SELECT COUNT(*) FROM appointments a WHERE a.slot_id = s.id AND a.status = 'booked')
		FROM slots s WHERE s.id = ?`
	if isPostgres(storeURL) {
		q = strings.Replace(q, "?", "$1", 1)
	}
	for _, s := range slots {
		var capacity, booked, appts int
		if err := raw.QueryRowContext(ctx, q, s.ID).Scan(&capacity, &booked, &appts); err != nil {
			return 0, 0, err
		}
		over += max(0, appts-capacity)
		if booked != appts {
			drift++
		}
	}
	return over, drift, nil
}

// insertCeiling measures n single-row insert transactions into a scratch table of the
// same database, on the same number of workers released at once.
func insertCeiling(ctx context.Context, raw *sql.DB, storeURL string, concurrency, n int) (rushResult, error) {
	table := "bench_scratch_" + strings.ToLower(base64.RawURLEncoding.EncodeToString(randomBytes(6)))
	table = strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_' {
			return r
		}
		return 'x'
	}, table)
	if _, err := raw.ExecContext(ctx, `CREATE TABLE `+table+` (id TEXT PRIMARY KEY, n INTEGER NOT NULL, created_at TEXT NOT NULL)`); err != nil {
		return rushResult{}, err
	}
	defer raw.ExecContext(context.Background(), `DROP TABLE `+table)
	insert := `INSERT INTO ` + table + ` (id, n, created_at) VALUES (?, ?, ?)`
	if isPostgres(storeURL) {
		insert = `INSERT INTO ` + table + ` (id, n, created_at) VALUES ($1, $2, $3)`
	}
	// Open the workers' connections first, as the rush's are.
	var wg sync.WaitGroup
	for range concurrency {
		wg.Go(func() { raw.PingContext(ctx) })
	}
	wg.Wait()
	return together(ctx, concurrency, n, func(i int) (int, time.Duration, error) {
		t0 := time.Now()
		err := func() error {
			tx, err := raw.BeginTx(ctx, nil)
			if err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, insert, store.NewID(), i, time.Now().UTC().Format(time.RFC3339Nano)); err != nil {
				tx.Rollback()
				return err
			}
			return tx.Commit()
		}()
		return http.StatusCreated, time.Since(t0), err
	})
}

func randomBytes(n int) []byte {
	b := make([]byte, n)
	rand.Read(b)
	return b
}

// printRushTable prints, per engine, the ceiling and then the portal with its rate as a
// share of the ceiling's.
func printRushTable(w io.Writer, rows []rushRow, places int) error {
	ceilings := map[string]rushRow{}
	for _, r := range rows {
		if r.ceiling && r.err == nil {
			ceilings[r.engineKey] = r
		}
	}
	var t table
	t.add("target", "ops/s", "of ceiling", "accepted/s", "p50 ms", "x ceiling", "p99 ms", "x ceiling", "201", "409", "other", "overbooked")
	for _, r := range rows {
		if r.err != nil && r.res.answered() == 0 {
			t.add(r.label, "-", "-", "-", "-", "-", "-", "-", "-", "-", "-", "-")
			continue
		}
		rate := r.res.perSecond(r.res.answered())
		p50, p99 := r.res.percentile(0.50), r.res.percentile(0.99)
		if r.ceiling {
			t.add(r.label, perSecond(rate), "", "-", ms(p50), "", ms(p99), "", "-", "-", fmt.Sprint(r.res.others()), "-")
			continue
		}
		accepted := "-"
		if r.res.lastAccepted > 0 {
			accepted = perSecond(float64(r.res.count(http.StatusCreated)) / r.res.lastAccepted.Seconds())
		}
		row := []string{r.label, perSecond(rate), "-", accepted, ms(p50), "-", ms(p99), "-",
			fmt.Sprint(r.res.count(http.StatusCreated)), fmt.Sprint(r.res.count(http.StatusConflict)),
			fmt.Sprint(r.res.others()), fmt.Sprint(r.overbook)}
		if c, ok := ceilings[r.engineKey]; ok {
			row[2] = percent(rate, c.res.perSecond(c.res.answered()))
			row[5] = ratio(float64(p50), float64(c.res.percentile(0.50)))
			row[7] = ratio(float64(p99), float64(c.res.percentile(0.99)))
		}
		t.add(row...)
	}
	if err := t.print(w); err != nil {
		return err
	}
	fmt.Fprintf(w, "ops/s: booking requests (portal) or transactions (ceiling) per second, from the release to the last answer.\n"+
		"accepted/s: 201 answers per second, from the release to the last 201 (places run out before the requests do).\n"+
		"p50/p99: of every booking request, 201 and 409 alike. overbooked: sum over slots of max(0, appointments - capacity),\n"+
		"read from the database after the rush: must be 0, and 201 must be min(applicants, places) = %d.\n", min(rush.applicants, places))
	for _, r := range rows {
		switch {
		case r.err != nil:
			fmt.Fprintf(w, "%s: %v\n", r.label, r.err)
		case r.res.others() > 0:
			fmt.Fprintf(w, "%s: other answers: %s\n", r.label, r.res.otherSummary())
		}
		if r.drift > 0 {
			fmt.Fprintf(w, "%s: %d slot counters differ from their appointments\n", r.label, r.drift)
		}
		if r.log != "" {
			fmt.Fprintf(w, "%s: the server logged %s\n", r.label, r.log)
		}
	}
	return nil
}
