package appointments_test

// Concurrency tests of DESIGN §5 and §9: capacity without races, one appointment per
// person per item per day, idempotent retries, the waitlist under cancellations, background
// work done exactly once by several replicas, and no-shows suspending booking. Each runs on
// SQLite and on PostgreSQL (skipped without PostgreSQL, a failure in CI); the booking rush
// also runs on two real server processes sharing one PostgreSQL database. See
// fixture_test.go for the set-up.

import (
	"context"
	"fmt"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"portal/server/appointments"
	"portal/server/calendar"
	"portal/server/portal"
	"portal/server/portaltest"
	"portal/server/store"
	"portal/server/store/storetest"
)

// TestBookingRush: 500 applicants book one slot of capacity 5 at the same instant. Exactly
// five get it, everybody else is told the slot is full, and the database agrees: the
// counter says five and there are five appointments, those of the five 201 answers.
func TestBookingRush(t *testing.T) {
	const applicants, capacity = 500, 5
	for _, d := range storetest.Dialects {
		t.Run(d, func(t *testing.T) {
			f := newFixture(t, d)
			rushOneSlot(t, f, []string{f.serve()}, applicants, capacity)
		})
	}
	// Two real server processes on one PostgreSQL database, one shared JWT key, requests
	// alternating between them: the capacity holds across replicas, not just across
	// goroutines of one process.
	t.Run("postgres_two_replicas", func(t *testing.T) {
		url := storetest.CreateDatabase(t)
		bin := portaltest.Binary(t)
		key := randomKey(t)
		common := []string{"PORTAL_DATABASE_URL=" + url, keySetting(key), "PORTAL_RATE_LIMITS=off"}
		// The first seeds the demo catalog; the second starts on the migrated database
		// (both migrate: goose's session lock keeps that safe). Both run the background jobs.
		a := startReplica(t, bin, "replica A", append(common, "PORTAL_DEMO=1")...)
		b := startReplica(t, bin, "replica B", common...)
		f := openFixture(t, url, key)
		f.prepare()
		rushOneSlot(t, f, []string{a.url, b.url}, applicants, capacity)
	})
}

func rushOneSlot(t *testing.T, f *fixture, bases []string, n, capacity int) {
	t.Helper()
	slot := f.slots(f.windowDays()[0], 8, 1, capacity)[0]
	users := f.applicants(n)
	tokens := make([]string, n)
	for i, u := range users {
		tokens[i] = f.token(u)
	}
	client := newClient(n)
	defer client.CloseIdleConnections()
	warm(t, client, bases, n/len(bases))

	answers := make([]answer, n)
	start := time.Now()
	together(n, func(i int) {
		answers[i] = book(client, bases[i%len(bases)], tokens[i], slot.ID, f.item.Code, "")
	})
	got := tally(answers)
	t.Logf("%d requests to %d server(s) in %v: %s", n, len(bases), time.Since(start).Round(time.Millisecond), describe(got))
	if len(bases) > 1 {
		for b := range bases {
			var mine []answer
			for i := b; i < n; i += len(bases) {
				mine = append(mine, answers[i])
			}
			t.Logf("server %d answered %s", b+1, describe(tally(mine)))
		}
	}
	if got["201"] != capacity || got["409 slot_full"] != n-capacity {
		t.Errorf("want 201 ×%d and 409 slot_full ×%d, got %s", capacity, n-capacity, describe(got))
		if a, ok := firstOther(answers, "201", "409 slot_full"); ok {
			t.Errorf("for instance: %s %v %.300s", a, a.err, a.body)
		}
	}

	st := f.slotState(slot.ID)
	if st.slot.Booked != capacity || len(st.booked) != capacity {
		t.Errorf("slot of capacity %d: counter %d, %d booked appointments", capacity, st.slot.Booked, len(st.booked))
	}
	winners := map[string]string{} // appointment id → the user who was answered 201
	for i, a := range answers {
		if a.status == http.StatusCreated {
			winners[a.id] = users[i].ID
		}
	}
	for _, ap := range st.booked {
		if user, ok := winners[ap.ID]; !ok || user != ap.UserID {
			t.Errorf("appointment %s of %s in the database was not answered 201 to its owner", ap.ID, ap.UserID)
		}
	}
}

// TestOnePerPersonPerDay: one applicant fires 20 booking requests at once for the same item
// on the same day, each for another slot: exactly one books. A request repeated with the
// same Idempotency-Key, after the first or while it is still in flight, answers the same
// appointment and books nothing more.
func TestOnePerPersonPerDay(t *testing.T) {
	for _, d := range storetest.Dialects {
		t.Run(d, func(t *testing.T) {
			f := newFixture(t, d)
			base := f.serve()
			day := f.windowDays()[0]
			slots := f.slots(day, 8, 20, 3)
			users := f.applicants(2)
			client := newClient(20)
			defer client.CloseIdleConnections()
			warm(t, client, []string{base}, 20)

			tok := f.token(users[0])
			answers := make([]answer, len(slots))
			together(len(slots), func(i int) { answers[i] = book(client, base, tok, slots[i].ID, f.item.Code, "") })
			got := tally(answers)
			t.Logf("20 requests of one person: %s", describe(got))
			if got["201"] != 1 || got["201"]+got["409 already_booked"]+got["409 slot_full"] != len(slots) {
				t.Errorf("want one 201 and 409 already_booked (or slot_full) for the rest, got %s", describe(got))
				if a, ok := firstOther(answers, "201", "409 already_booked", "409 slot_full"); ok {
					t.Errorf("for instance: %s %v %.300s", a, a.err, a.body)
				}
			}
			if n := f.activeOn(users[0].ID, day); n != 1 {
				t.Errorf("the person holds %d appointments on %s, want 1", n, day)
			}
			total := 0
			for _, s := range slots {
				total += f.slotState(s.ID).slot.Booked
			}
			if total != 1 {
				t.Errorf("the 20 slots count %d places taken, want 1", total)
			}

			// A retry after the first answer (the phone lost it): same appointment, 200.
			tokB := f.token(users[1])
			before := f.slotState(slots[0].ID).slot.Booked
			first := book(client, base, tokB, slots[0].ID, f.item.Code, "retry-key-1")
			again := book(client, base, tokB, slots[0].ID, f.item.Code, "retry-key-1")
			if first.status != http.StatusCreated || again.status != http.StatusOK || again.id != first.id {
				t.Errorf("idempotent retry: first %s (%s), again %s (%s); want 201 then 200 with the same id", first, first.id, again, again.id)
			}
			if after := f.slotState(slots[0].ID).slot.Booked; after != before+1 {
				t.Errorf("slot counter went from %d to %d for one booking and its retry", before, after)
			}
			if n := f.activeOn(users[1].ID, day); n != 1 {
				t.Errorf("after a retry the person holds %d appointments, want 1", n)
			}

			// Retries while the first request is still in flight (a phone on a bad network
			// resends): they all answer the one appointment. Slots of one place (the retries
			// find the slot full) and of three places (they find the day taken), several
			// rounds of each, every round a new person, key and slot, because the overlap of
			// the requests' transactions varies from round to round.
			const rounds, retries = 6, 10
			retriers := f.applicants(rounds)
			all := map[string]int{}
			for r, u := range retriers {
				one := f.slots(day, 13+r%4, 1, 1+2*(r%2))[0]
				tok := f.token(u)
				key := fmt.Sprintf("retry-key-burst-%d", r)
				burst := make([]answer, retries)
				together(retries, func(i int) { burst[i] = book(client, base, tok, one.ID, f.item.Code, key) })
				got := tally(burst)
				for k, v := range got {
					all[k] += v
				}
				ids := map[string]bool{}
				for _, a := range burst {
					if a.id != "" {
						ids[a.id] = true
					}
				}
				if got["201"] != 1 || got["200"] != retries-1 || len(ids) != 1 {
					t.Errorf("round %d, %d concurrent requests with one Idempotency-Key: want 201 ×1 and 200 ×%d with one appointment id; got %s, %d ids",
						r, retries, retries-1, describe(got), len(ids))
				}
				if st := f.slotState(one.ID); st.slot.Booked != 1 || len(st.booked) != 1 {
					t.Errorf("round %d: slot of %d after the retries: counter %d, %d appointments", r, st.slot.Capacity, st.slot.Booked, len(st.booked))
				}
			}
			t.Logf("%d rounds of %d concurrent requests with one Idempotency-Key: %s", rounds, retries, describe(all))
		})
	}
}

// activeOn counts a person's active (booked) appointments on a day.
func (f *fixture) activeOn(userID string, day calendar.Date) int {
	f.t.Helper()
	list, err := f.db.UserAppointments(context.Background(), userID)
	if err != nil {
		f.t.Fatal(err)
	}
	n := 0
	for _, a := range list {
		if a.Date == day.String() && a.Status == portal.ApptBooked {
			n++
		}
	}
	return n
}

// TestWaitlistKeepsCapacity: a full slot of capacity 2 with 10 people waiting; its two
// holders cancel while 10 others try to book it. The places go to the waiters in queue
// order (the first waiter, who has meanwhile booked the item that day elsewhere, is
// passed over), never beyond the capacity, and the counter matches the appointments.
func TestWaitlistKeepsCapacity(t *testing.T) {
	for _, d := range storetest.Dialects {
		t.Run(d, func(t *testing.T) {
			f := newFixture(t, d)
			day := f.windowDays()[0]
			for round := range 3 {
				waitlistRound(t, f, day, round)
			}
		})
	}
}

func waitlistRound(t *testing.T, f *fixture, day calendar.Date, round int) {
	t.Helper()
	const capacity, waiters, bookers = 2, 10, 10
	ctx := context.Background()
	item := f.item.Code
	slot := f.slots(day, 9+round, 1, capacity)[0]
	elsewhere := f.slots(day, 15, 1, 5)[0]
	holders, waiting, rush := f.applicants(capacity), f.applicants(waiters), f.applicants(bookers)

	held := make([]portal.Appointment, capacity)
	for i, h := range holders {
		ap, _, err := f.svc.Book(ctx, actor(h), slot.ID, item, "")
		if err != nil {
			t.Fatalf("holder %d: %v", i, err)
		}
		held[i] = ap
	}
	for i, w := range waiting {
		_, pos, err := f.svc.JoinWaitlist(ctx, actor(w), slot.ID, item)
		if err != nil || pos != i+1 {
			t.Fatalf("waiter %d joins: position %d, %v", i, pos, err)
		}
	}
	if _, _, err := f.svc.Book(ctx, actor(waiting[0]), elsewhere.ID, item, ""); err != nil {
		t.Fatalf("the first waiter books elsewhere: %v", err)
	}

	errs := make([]error, capacity+bookers)
	together(len(errs), func(i int) {
		if i < capacity {
			errs[i] = f.svc.Cancel(ctx, actor(holders[i]), held[i].ID)
			return
		}
		_, _, errs[i] = f.svc.Book(ctx, actor(rush[i-capacity]), slot.ID, item, "")
	})
	bookersWon := 0
	for i, err := range errs {
		switch {
		case i < capacity && err != nil:
			t.Errorf("round %d: holder %d cancels: %v", round, i, err)
		case i >= capacity && err == nil:
			bookersWon++
		case i >= capacity && portal.ErrorCode(err) != portal.ESlotFull:
			t.Errorf("round %d: booker %d: %v, want success or slot_full", round, i-capacity, err)
		}
	}

	st := f.slotState(slot.ID)
	if st.slot.Booked > capacity || st.slot.Booked != len(st.booked) {
		t.Fatalf("round %d: capacity %d, counter %d, %d booked appointments", round, capacity, st.slot.Booked, len(st.booked))
	}
	holding := map[string]portal.Appointment{}
	for _, ap := range st.booked {
		holding[ap.UserID] = ap
	}
	for i, h := range held {
		if ap, err := f.db.Appointment(ctx, h.ID); err != nil || ap.Status != portal.ApptCancelled {
			t.Errorf("round %d: holder %d's appointment is %q (%v), want cancelled", round, i, ap.Status, err)
		}
	}
	// The first waiter is passed over and leaves the queue; then the places go in order.
	if _, ok := holding[waiting[0].ID]; ok {
		t.Errorf("round %d: the first waiter got a second appointment that day", round)
	}
	if pos, _ := f.db.WaitlistPosition(ctx, slot.ID, waiting[0].ID); pos != 0 {
		t.Errorf("round %d: the passed-over waiter is still queued at %d", round, pos)
	}
	served := 0
	for i, w := range waiting[1:] {
		ap, got := holding[w.ID]
		pos, err := f.db.WaitlistPosition(ctx, slot.ID, w.ID)
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case got && i != served:
			t.Errorf("round %d: waiter %d got a place before waiter %d", round, i+2, served+2)
		case got:
			served++
			if ap.BookedBy != "waitlist" || pos != 0 {
				t.Errorf("round %d: waiter %d's place: booked by %q, still queued at %d", round, i+2, ap.BookedBy, pos)
			}
			if !f.notified(w.ID, "waitlist_booked") {
				t.Errorf("round %d: waiter %d got a place without being told", round, i+2)
			}
		case pos != i+1-served:
			t.Errorf("round %d: waiter %d is at position %d, want %d", round, i+2, pos, i+1-served)
		}
	}
	// Every freed place was taken again (by a waiter or a booker who came in between), and
	// never more than the capacity.
	if served+bookersWon != capacity || st.slot.Booked != capacity {
		t.Errorf("round %d: %d places freed, %d went to waiters and %d to bookers; counter %d",
			round, capacity, served, bookersWon, st.slot.Booked)
	}
	t.Logf("round %d: %d places to waiters 2..%d in order, %d to bookers, %d bookers refused",
		round, served, served+1, bookersWon, bookers-bookersWon)
}

func (f *fixture) notified(userID, kind string) bool {
	list, err := f.db.Notifications(context.Background(), userID, 100)
	if err != nil {
		f.t.Fatal(err)
	}
	for _, n := range list {
		if n.Kind == kind {
			return true
		}
	}
	return false
}

// TestReminderSentOnceWithTwoReplicas: 400 reminders (200 appointments, two each) are due;
// two services on two connections to one database, as two replicas run them, send
// reminders concurrently in loops. Each reminder reaches the inbox and the outbox exactly
// once and none is left. PostgreSQL is the point (SKIP LOCKED); the SQLite run has two
// handles on one file.
func TestReminderSentOnceWithTwoReplicas(t *testing.T) {
	const people, perReplica = 200, 3
	for _, d := range storetest.Dialects {
		t.Run(d, func(t *testing.T) {
			f := newFixture(t, d)
			ctx := context.Background()
			days := f.windowDays()
			// The last day of the window: both reminders (a day and two hours before) lie
			// in the future when booking, so both are scheduled.
			slot := f.slots(days[len(days)-1], 10, 1, people)[0]
			users := f.applicants(people)
			errs := make(chan error, people)
			sem := make(chan struct{}, 8)
			together(people, func(i int) {
				sem <- struct{}{}
				defer func() { <-sem }()
				if _, _, err := f.svc.Book(ctx, actor(users[i]), slot.ID, f.item.Code, ""); err != nil {
					errs <- err
				}
			})
			close(errs)
			for err := range errs {
				t.Fatalf("booking: %v", err)
			}
			const pending = `SELECT COUNT(*) FROM reminders WHERE sent_at IS NULL AND cancelled = FALSE`
			if n := f.count(pending); n != 2*people {
				t.Fatalf("%d reminders scheduled, want %d", n, 2*people)
			}

			f.clock.set(slot.Start.Add(-time.Hour)) // both reminders are due
			replicas := []*appointments.Service{f.svc, f.service(f.replicaHandle())}
			var sent atomic.Int64
			failures := make(chan error, 2*perReplica)
			start := time.Now()
			together(2*perReplica, func(i int) {
				svc := replicas[i%2]
				for {
					n, err := svc.SendReminders(ctx)
					if err != nil {
						failures <- fmt.Errorf("replica %d: %w", i%2, err)
						return
					}
					if n == 0 {
						return
					}
					sent.Add(int64(n))
				}
			})
			close(failures)
			for err := range failures {
				t.Errorf("sending reminders: %v", err)
			}
			t.Logf("%d reminders sent by %d workers on 2 handles in %v", sent.Load(), 2*perReplica, time.Since(start).Round(time.Millisecond))

			if n := sent.Load(); n != 2*people {
				t.Errorf("the replicas report %d reminders sent, want %d", n, 2*people)
			}
			checkRemindersOnce(t, f, 2*people)
		})
	}

	// The same with the real server binary: two processes on one PostgreSQL database run
	// their background jobs as deployed (reminders every 10 s, 100 a run; outbound
	// messages every 5 s, 50 a run, to a webhook of this test). 110 reminders fall due at
	// once, more than one run takes, so both replicas must claim some (each ticks once in
	// any 10 s); each is delivered once, in the inbox and at the webhook. This waits for
	// the jobs' tickers: about 10 to 15 seconds.
	t.Run("postgres_two_processes", func(t *testing.T) {
		const people = 55
		url := storetest.CreateDatabase(t)
		bin := portaltest.Binary(t)
		key := randomKey(t)
		hook := newWebhook(t)
		common := []string{"PORTAL_DATABASE_URL=" + url, keySetting(key), "PORTAL_LOG_LEVEL=info"}
		a := startReplica(t, bin, "replica A", append(common, "PORTAL_DEMO=1", "PORTAL_NOTIFY_WEBHOOK="+hook.url+"/a")...)
		b := startReplica(t, bin, "replica B", append(common, "PORTAL_NOTIFY_WEBHOOK="+hook.url+"/b")...)
		f := openFixture(t, url, key)
		f.prepare()
		ctx := context.Background()
		days := f.windowDays()
		slot := f.slots(days[len(days)-1], 10, 1, people)[0]
		for _, u := range f.applicants(people) {
			if _, _, err := f.db.Book(ctx, store.BookRequest{UserID: u.ID, SlotID: slot.ID, ItemCode: f.item.Code}); err != nil {
				t.Fatal(err)
			}
		}
		// Every reminder due a minute ago, all made due by one statement.
		if _, err := f.raw.Exec(`INSERT INTO reminders (id, appointment_id, kind, due_at)
			SELECT a.id || '-' || k.kind, a.id, k.kind, $1 FROM appointments a
			CROSS JOIN (SELECT 'day_before' AS kind UNION ALL SELECT 'two_hours') k WHERE a.slot_id = $2`,
			time.Now().Add(-time.Minute).UTC(), slot.ID); err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		for {
			if f.count(`SELECT COUNT(*) FROM reminders WHERE sent_at IS NULL`) == 0 &&
				f.count(`SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL`) == 0 {
				break
			}
			if time.Since(start) > time.Minute {
				t.Fatalf("after a minute: %d reminders unsent, %d outbound messages undelivered",
					f.count(`SELECT COUNT(*) FROM reminders WHERE sent_at IS NULL`), f.count(`SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL`))
			}
			time.Sleep(200 * time.Millisecond)
		}
		claimedA, claimedB := a.jobs.count("reminders"), b.jobs.count("reminders")
		t.Logf("all delivered after %v: replica A claimed %d reminders and posted %d messages, replica B %d and %d",
			time.Since(start).Round(100*time.Millisecond), claimedA, hook.byPath("/a"), claimedB, hook.byPath("/b"))
		checkRemindersOnce(t, f, 2*people)
		if claimedA+claimedB != 2*people || claimedA == 0 || claimedB == 0 {
			t.Errorf("the replicas logged %d + %d reminders sent; want %d, some by each", claimedA, claimedB, 2*people)
		}
		ids, perMessage, perReminder := hook.summary()
		if ids != 2*people || perMessage != 1 || perReminder != 1 {
			t.Errorf("webhook: %d distinct messages (want %d), at most %d deliveries of one message and %d messages for one (person, kind) (want 1 and 1)",
				ids, 2*people, perMessage, perReminder)
		}
	})
}

// checkRemindersOnce checks that want reminders are sent, each with exactly one inbox
// entry and one outbound message.
func checkRemindersOnce(t *testing.T, f *fixture, want int) {
	t.Helper()
	if n := f.count(`SELECT COUNT(*) FROM reminders WHERE sent_at IS NULL AND cancelled = FALSE`); n != 0 {
		t.Errorf("%d reminders left unsent", n)
	}
	checks := []struct{ what, query string }{
		{"reminders marked sent", `SELECT COUNT(*) FROM reminders WHERE sent_at IS NOT NULL`},
		{"inbox entries", `SELECT COUNT(*) FROM notifications WHERE kind LIKE 'reminder%'`},
		{"distinct (appointment, kind) in the inbox", `SELECT COUNT(*) FROM (SELECT DISTINCT link, kind FROM notifications WHERE kind LIKE 'reminder%') x`},
		{"outbound messages", `SELECT COUNT(*) FROM outbox WHERE kind LIKE 'reminder%'`},
		{"distinct (person, kind) in the outbox", `SELECT COUNT(*) FROM (SELECT DISTINCT user_id, kind FROM outbox WHERE kind LIKE 'reminder%') x`},
	}
	for _, c := range checks {
		if n := f.count(c.query); n != want {
			t.Errorf("%s: %d, want %d (one per reminder)", c.what, n, want)
		}
	}
	dup := f.count(`SELECT COUNT(*) FROM (SELECT link, kind FROM notifications WHERE kind LIKE 'reminder%' GROUP BY link, kind HAVING COUNT(*) > 1) x`)
	if dup != 0 {
		t.Errorf("%d reminders delivered more than once", dup)
	}
}

// TestNoShowSuspendsBooking: once the grace period after the start is over, the sweep marks
// a booked appointment no_show (not a minute before); the second no-show within 30 days
// suspends online booking, and the next POST /appointments answers 403 booking_suspended
// while someone else can still book the same slot.
func TestNoShowSuspendsBooking(t *testing.T) {
	for _, d := range storetest.Dialects {
		t.Run(d, func(t *testing.T) {
			f := newFixture(t, d)
			base := f.serve()
			ctx := context.Background()
			days := f.windowDays()
			if len(days) < 2 {
				t.Fatalf("window %v: want two days", days)
			}
			users := f.applicants(2)
			person, other := users[0], users[1]
			var appts []portal.Appointment
			for _, day := range days[:2] {
				s := f.slots(day, 9, 1, 3)[0]
				ap, _, err := f.svc.Book(ctx, actor(person), s.ID, f.item.Code, "")
				if err != nil {
					t.Fatalf("book %s: %v", day, err)
				}
				appts = append(appts, ap)
			}
			rules, err := f.db.BookingRules(ctx, site)
			if err != nil {
				t.Fatal(err)
			}
			grace := time.Duration(rules.GraceMinutes) * time.Minute
			status := func(id string) string {
				ap, err := f.db.Appointment(ctx, id)
				if err != nil {
					t.Fatal(err)
				}
				return ap.Status
			}
			sweep := func(want int) {
				t.Helper()
				if n, err := f.svc.SweepNoShows(ctx); err != nil || n != want {
					t.Fatalf("sweep at %s: %d no-shows, %v; want %d", f.clock.Now().In(f.loc).Format(time.DateTime), n, err, want)
				}
			}
			suspendedUntil := func() time.Time {
				until, _, err := f.db.BookingSuspension(ctx, person.ID)
				if err != nil {
					t.Fatal(err)
				}
				return until
			}

			f.clock.set(appts[0].Start.Add(grace - time.Minute))
			sweep(0)
			if s := status(appts[0].ID); s != portal.ApptBooked {
				t.Fatalf("within the grace period the appointment is %s", s)
			}
			f.clock.set(appts[0].Start.Add(grace + time.Minute))
			sweep(1)
			if s := status(appts[0].ID); s != portal.ApptNoShow {
				t.Fatalf("after the grace period the appointment is %s, want no_show", s)
			}
			if s := status(appts[1].ID); s != portal.ApptBooked {
				t.Fatalf("the later appointment is %s", s)
			}
			if until := suspendedUntil(); until.After(f.clock.Now()) {
				t.Fatalf("one no-show suspended booking until %v", until)
			}

			f.clock.set(appts[1].Start.Add(grace + time.Minute))
			sweep(1)
			if s := status(appts[1].ID); s != portal.ApptNoShow {
				t.Fatalf("second appointment is %s, want no_show", s)
			}
			if until := suspendedUntil(); until.Before(f.clock.Now().AddDate(0, 0, rules.SuspendDays-1)) {
				t.Fatalf("two no-shows in %d days: suspended until %v, want about %d days", rules.NoShowWindowDays, until, rules.SuspendDays)
			}
			if !f.notified(person.ID, "booking_suspended") {
				t.Error("the person was not told about the suspension")
			}

			// Through the API, on a slot inside the window as it is now.
			next := f.slots(f.windowDays()[0], 9, 1, 3)[0]
			client := newClient(2)
			defer client.CloseIdleConnections()
			if r := book(client, base, f.token(person), next.ID, f.item.Code, ""); r.status != http.StatusForbidden || r.code != portal.EBookingSuspended {
				t.Errorf("suspended person books: %s %.200s; want 403 booking_suspended", r, r.body)
			}
			if r := book(client, base, f.token(other), next.ID, f.item.Code, ""); r.status != http.StatusCreated {
				t.Errorf("someone in good standing books the same slot: %s %.200s; want 201", r, r.body)
			}
		})
	}
}
