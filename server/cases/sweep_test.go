package cases_test

import (
	"context"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"portal/server/appointments"
	"portal/server/cases"
	"portal/server/demo"
	"portal/server/portal"
	"portal/server/prereview"
	"portal/server/store"
	"portal/server/store/storetest"
)

var shanghai, _ = time.LoadLocation("Asia/Shanghai")

// replicas opens the same database twice, as two server replicas would, with the demo
// catalog and the official calendar, and returns a case service on each handle. Both read
// the clock from now.
func replicas(t *testing.T, dialect string, now *atomic.Pointer[time.Time]) (*store.DB, []*cases.Service) {
	t.Helper()
	url := "sqlite:" + filepath.Join(t.TempDir(), "portal.db")
	if dialect == store.Postgres {
		url = storetest.CreateDatabase(t)
	}
	db := openDB(t, url)
	seed(t, db)
	second := openDB(t, url)
	return db, []*cases.Service{serviceOn(db, now), serviceOn(second, now)}
}

// openDB opens a handle on the database at url, closed when the test ends.
func openDB(t *testing.T, url string) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), url, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// seed migrates db and fills it with the demo catalog and the official calendar.
func seed(t *testing.T, db *store.DB) {
	t.Helper()
	ctx := context.Background()
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := demo.Seed(ctx, db); err != nil {
		t.Fatal(err)
	}
	if err := (&appointments.Service{DB: db, Loc: shanghai}).SeedCalendar(ctx); err != nil {
		t.Fatal(err)
	}
}

// serviceOn is a case service on db reading the clock from now.
func serviceOn(db *store.DB, now *atomic.Pointer[time.Time]) *cases.Service {
	appts := &appointments.Service{DB: db, Loc: shanghai}
	review := &prereview.Service{DB: db, Loc: shanghai, NoticeKey: []byte("notice-key-notice-key-notice-key")}
	return &cases.Service{DB: db, Notices: review, Calendar: appts.Calendar, Loc: shanghai,
		Now: func() time.Time { return *now.Load() }}
}

func at(s string) *time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, shanghai)
	if err != nil {
		panic(err)
	}
	return &t
}

// passedCases creates n applications of item by one applicant, taken straight to passed
// (pre-review is tested elsewhere), and accepts them as the demo chief.
func acceptedCases(t *testing.T, db *store.DB, svc *cases.Service, item string, n int) ([]portal.Application, portal.Actor) {
	t.Helper()
	ctx := context.Background()
	applicant, err := db.UserByLogin(ctx, "13800000001")
	if err != nil {
		t.Fatal(err)
	}
	chief := chiefOf(t, db)
	it, err := db.Item(ctx, item)
	if err != nil {
		t.Fatal(err)
	}
	var out []portal.Application
	for range n {
		app := portal.Application{UserID: applicant.ID, ItemCode: item, SiteCode: "county", DepartmentCode: it.DepartmentCode}
		for _, m := range it.Materials {
			app.Materials = append(app.Materials, portal.AppMaterial{MaterialID: m.ID})
		}
		if err := db.CreateApplication(ctx, &app, "2026-09-29", "applicant"); err != nil {
			t.Fatal(err)
		}
		for _, step := range [][2]string{{portal.AppDraft, portal.AppPreReview}, {portal.AppPreReview, portal.AppPassed}} {
			if _, err := db.Transition(ctx, app.ID, []string{step[0]}, step[1], 0, "test", "test", "test", "", nil); err != nil {
				t.Fatal(err)
			}
		}
		got, err := svc.Accept(ctx, chief, app.ID, 0, nil, "", "", false)
		if err != nil {
			t.Fatalf("accept: %v", err)
		}
		out = append(out, got)
	}
	return out, chief
}

// chiefOf is the demo chief representative as an actor.
func chiefOf(t *testing.T, db *store.DB) portal.Actor {
	t.Helper()
	u, err := db.UserByLogin(context.Background(), "chief")
	if err != nil {
		t.Fatal(err)
	}
	return portal.Actor{UserID: u.ID, Role: portal.RoleChief, DepartmentCode: u.DepartmentCode, SiteCode: u.SiteCode}
}

func countRows(t *testing.T, db *store.DB, userID, kind string) int {
	t.Helper()
	list, err := db.Notifications(context.Background(), userID, 10000)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, x := range list {
		if x.Kind == kind {
			n++
		}
	}
	return n
}

// TestWarningsOnceWithTwoReplicas: 40 cases accepted on Wednesday 2026-09-30 with 7
// promised days are due on 2026-10-15. Two replicas sweep concurrently, eight times each,
// on 2026-10-14 (1 working day left: yellow) and again on 2026-10-16 (overdue: red). The
// chief who accepted them gets exactly one yellow and one red warning per case, and each
// case's history shows each warning once.
func TestWarningsOnceWithTwoReplicas(t *testing.T) {
	const n = 40
	for _, d := range storetest.Dialects {
		t.Run(d, func(t *testing.T) {
			var now atomic.Pointer[time.Time]
			now.Store(at("2026-09-30 10:00"))
			db, svcs := replicas(t, d, &now)
			apps, chief := acceptedCases(t, db, svcs[0], "SCJGJ-003", n)

			sweep := func() int64 {
				var total atomic.Int64
				var wg sync.WaitGroup
				for i := range 16 {
					wg.Add(1)
					go func() {
						defer wg.Done()
						got, err := svcs[i%2].SweepWarnings(context.Background())
						if err != nil {
							t.Errorf("replica %d: %v", i%2, err)
						}
						total.Add(int64(got))
					}()
				}
				wg.Wait()
				return total.Load()
			}
			if got := sweep(); got != 0 {
				t.Errorf("on the day of acceptance %d warnings went out, want 0", got)
			}
			now.Store(at("2026-10-13 09:00")) // 2 working days left: nothing yet
			if got := sweep(); got != 0 {
				t.Errorf("with 2 days left %d warnings went out, want 0", got)
			}
			now.Store(at("2026-10-14 09:00"))
			if got := sweep(); got != n {
				t.Errorf("yellow: the replicas report %d warnings, want %d", got, n)
			}
			now.Store(at("2026-10-16 09:00"))
			if got := sweep(); got != n {
				t.Errorf("red: the replicas report %d warnings, want %d", got, n)
			}
			if got := sweep(); got != 0 {
				t.Errorf("sweeping again sent %d more", got)
			}
			if got := countRows(t, db, chief.UserID, "case_due_soon"); got != n {
				t.Errorf("%d yellow warnings in the chief's inbox, want %d", got, n)
			}
			if got := countRows(t, db, chief.UserID, "case_overdue"); got != n {
				t.Errorf("%d red warnings in the chief's inbox, want %d", got, n)
			}
			for _, app := range apps[:5] {
				events, err := db.AppEvents(context.Background(), app.ID)
				if err != nil {
					t.Fatal(err)
				}
				seen := map[string]int{}
				for _, e := range events {
					seen[e.Action]++
				}
				if seen["warned_yellow"] != 1 || seen["warned_red"] != 1 {
					t.Errorf("case %s history: %v, want one warned_yellow and one warned_red", app.CaseNo, seen)
				}
			}
			// The list a window and the supervisor read agrees.
			_, yellow, red, err := svcs[1].List(context.Background(), chief, cases.ViewWarnings)
			if err != nil || yellow != 0 || red != n {
				t.Errorf("warnings list: %d yellow, %d red, %v; want 0, %d", yellow, red, err, n)
			}
		})
	}
}

// TestPendingMaterialsSweep: a case accepted with a pending material due Friday
// 2026-10-16 is reminded once on Thursday (a working day before) and terminated on
// Monday, whichever replica sweeps; a case whose material arrived is left alone.
func TestPendingMaterialsSweep(t *testing.T) {
	for _, d := range storetest.Dialects {
		t.Run(d, func(t *testing.T) {
			ctx := context.Background()
			var now atomic.Pointer[time.Time]
			now.Store(at("2026-10-12 10:00"))
			db, svcs := replicas(t, d, &now)
			chief := chiefOf(t, db)
			applicant, _ := db.UserByLogin(ctx, "13800000001")
			it, _ := db.Item(ctx, "SCJGJ-001")
			app := portal.Application{UserID: applicant.ID, ItemCode: it.Code, SiteCode: "county", DepartmentCode: it.DepartmentCode}
			for _, m := range it.Materials {
				app.Materials = append(app.Materials, portal.AppMaterial{MaterialID: m.ID})
			}
			if err := db.CreateApplication(ctx, &app, "2026-10-12", "applicant"); err != nil {
				t.Fatal(err)
			}
			for _, step := range [][2]string{{portal.AppDraft, portal.AppPreReview}, {portal.AppPreReview, portal.AppPassed}} {
				if _, err := db.Transition(ctx, app.ID, []string{step[0]}, step[1], 0, "test", "test", "test", "", nil); err != nil {
					t.Fatal(err)
				}
			}
			pending := it.Materials[len(it.Materials)-1].ID
			if _, err := svcs[0].Accept(ctx, chief, app.ID, 0, []string{pending}, "2026-10-16", "", false); err != nil {
				t.Fatalf("accept with pending: %v", err)
			}
			sweepAll := func() {
				var wg sync.WaitGroup
				for i := range 8 {
					wg.Add(1)
					go func() {
						defer wg.Done()
						if _, err := svcs[i%2].SweepPending(ctx); err != nil {
							t.Errorf("sweep: %v", err)
						}
					}()
				}
				wg.Wait()
			}
			sweepAll() // Monday: nothing
			if got := countRows(t, db, applicant.ID, "pending_reminder"); got != 0 {
				t.Errorf("reminded %d times on Monday", got)
			}
			now.Store(at("2026-10-15 09:00"))
			sweepAll()
			sweepAll()
			if got := countRows(t, db, applicant.ID, "pending_reminder"); got != 1 {
				t.Errorf("reminded %d times, want once", got)
			}
			now.Store(at("2026-10-16 18:00")) // the due date itself: still in time
			sweepAll()
			if a, _ := db.Application(ctx, app.ID); a.Status != portal.AppAccepted {
				t.Errorf("on the due date the case is %s", a.Status)
			}
			now.Store(at("2026-10-19 09:00"))
			sweepAll()
			a, _ := db.Application(ctx, app.ID)
			c, _ := db.Case(ctx, app.ID)
			if a.Status != portal.AppTerminated || c.Outcome != portal.OutcomeTerminated {
				t.Errorf("after the due date: %s / %s, want terminated", a.Status, c.Outcome)
			}
			if got := countRows(t, db, applicant.ID, "case_terminated"); got != 1 {
				t.Errorf("the applicant was told %d times, want once", got)
			}
		})
	}
}
