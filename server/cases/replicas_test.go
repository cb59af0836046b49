package cases_test

import (
	"context"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"portal/server/portaltest"
	"portal/server/store/storetest"
)

func TestMain(m *testing.M) {
	code := m.Run()
	portaltest.Cleanup()
	os.Exit(code)
}

// TestWarningsOnceWithTwoProcesses runs the real server twice on one PostgreSQL database,
// with the case sweeps every 100 ms, as two replicas behind a load balancer. 200 cases
// accepted five weeks ago are overdue: each reaches the inbox of the chief who accepted it
// exactly once, however the two processes' sweeps interleave.
func TestWarningsOnceWithTwoProcesses(t *testing.T) {
	const n = 200
	ctx := context.Background()
	url := storetest.CreateDatabase(t)
	db := openDB(t, url)
	seed(t, db)
	var now atomic.Pointer[time.Time]
	past := time.Now().AddDate(0, 0, -35)
	now.Store(&past)
	apps, chief := acceptedCases(t, db, serviceOn(db, &now), "SCJGJ-003", n)

	bin := portaltest.Binary(t)
	common := []string{"PORTAL_DATABASE_URL=" + url, "PORTAL_JOB_EVERY=100ms", "PORTAL_LOG_LEVEL=info"}
	a := portaltest.Start(t, bin, "replica A", nil, common...)
	b := portaltest.Start(t, bin, "replica B", nil, common...)

	deadline := time.Now().Add(60 * time.Second)
	for countRows(t, db, chief.UserID, "case_overdue") < n && time.Now().Before(deadline) {
		time.Sleep(100 * time.Millisecond)
	}
	time.Sleep(2 * time.Second) // twenty more sweeps of each process
	if got := countRows(t, db, chief.UserID, "case_overdue"); got != n {
		t.Errorf("%d red warnings in the chief's inbox, want %d", got, n)
	}
	for _, app := range apps {
		events, err := db.AppEvents(ctx, app.ID)
		if err != nil {
			t.Fatal(err)
		}
		red := 0
		for _, e := range events {
			if e.Action == "warned_red" {
				red++
			}
		}
		if red != 1 {
			t.Errorf("case %s has %d red warnings in its history, want 1", app.CaseNo, red)
		}
	}
	sentBy := func(p *portaltest.Process) int { return strings.Count(p.Out.String(), "case-warnings") }
	t.Logf("warning sweeps that sent something: replica A %d, replica B %d", sentBy(a), sentBy(b))
}
