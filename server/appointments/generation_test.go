package appointments

import (
	"context"
	"testing"
	"time"
	_ "time/tzdata"

	"portal/server/demo"
	"portal/server/portal"
	"portal/server/store"
	"portal/server/store/storetest"
)

// Around the 2026 National Day holiday: slots appear on working days (the Saturday make-up
// day included), never on the holiday, with the lunch break skipped; extended Saturday
// service opens on an ordinary Saturday but not on a holiday Saturday; the booking window is
// five working days.
func TestSlotGenerationAroundNationalDay(t *testing.T) {
	for _, dialect := range storetest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			ctx := context.Background()
			db := storetest.Open(t, dialect)
			if _, err := demo.Seed(ctx, db); err != nil {
				t.Fatal(err)
			}
			loc, _ := time.LoadLocation("Asia/Shanghai")
			now := time.Date(2026, 9, 29, 10, 0, 0, 0, loc) // a Tuesday
			s := &Service{DB: db, Loc: loc, Now: func() time.Time { return now }}
			if err := s.SeedCalendar(ctx); err != nil {
				t.Fatal(err)
			}
			weekdays := []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}
			templates := []portal.SlotTemplate{
				{SiteCode: "county", DepartmentCode: "slj", Weekdays: weekdays, Start: "09:00", End: "12:00",
					BreakStart: "10:00", BreakEnd: "10:30", SlotMinutes: 30, Capacity: 2, Kind: portal.SlotRegular, Active: true},
				{SiteCode: "county", DepartmentCode: "slj", Weekdays: []time.Weekday{time.Saturday}, Start: "09:00", End: "10:00",
					SlotMinutes: 60, Capacity: 1, Kind: portal.SlotExtended, Active: true},
			}
			for i := range templates {
				if err := db.PutTemplate(ctx, &templates[i]); err != nil {
					t.Fatal(err)
				}
			}
			if _, err := s.GenerateSlots(ctx); err != nil {
				t.Fatal(err)
			}
			// Idempotent: a second run (another replica) adds nothing.
			if n, err := s.GenerateSlots(ctx); err != nil || n != 0 {
				t.Errorf("second generation added %d (%v)", n, err)
			}
			slots, err := db.ListSlots(ctx, store.SlotQuery{SiteCode: "county", DepartmentCode: "slj", From: "2026-09-01", To: "2026-12-31"})
			if err != nil {
				t.Fatal(err)
			}
			perDay := map[string][]portal.Slot{}
			for _, sl := range slots {
				perDay[sl.Date] = append(perDay[sl.Date], sl)
			}
			// Window: 09-30, 10-08, 10-09, 10-10 (Saturday make-up day), 10-12, plus one more
			// working day generated ahead (10-13).
			want := map[string]int{"2026-09-30": 5, "2026-10-08": 5, "2026-10-09": 5, "2026-10-10": 5, "2026-10-12": 5, "2026-10-13": 5}
			for day, n := range want {
				regular := 0
				for _, sl := range perDay[day] {
					if sl.Kind == portal.SlotRegular {
						regular++
					}
				}
				if regular != n {
					t.Errorf("%s: %d regular slots, want %d", day, regular, n)
				}
			}
			for _, day := range []string{"2026-10-01", "2026-10-03", "2026-10-05", "2026-10-07", "2026-09-29"} {
				if len(perDay[day]) != 0 {
					t.Errorf("%s (holiday or today) has %d slots", day, len(perDay[day]))
				}
			}
			for _, sl := range perDay["2026-09-30"] {
				local := sl.Start.In(loc)
				if local.Hour() == 10 && local.Minute() == 0 {
					t.Errorf("a slot starts in the lunch break: %v", local)
				}
				if sl.End.Sub(sl.Start) != 30*time.Minute {
					t.Errorf("slot length %v", sl.End.Sub(sl.Start))
				}
			}
			if first := perDay["2026-09-30"][0].Start.In(loc); first.Hour() != 9 || first.Minute() != 0 {
				t.Errorf("first slot at %v, want 09:00 local", first)
			}

			// The public view: the window's five working days.
			views, days, err := s.Slots(ctx, portal.Actor{UserID: "u", Role: portal.RoleApplicant}, "county", "SLJ-001", "", "")
			if err != nil {
				t.Fatal(err)
			}
			wantDays := []string{"2026-09-30", "2026-10-08", "2026-10-09", "2026-10-10", "2026-10-12"}
			if len(days) != len(wantDays) {
				t.Fatalf("window days %v, want %v", days, wantDays)
			}
			for i := range days {
				if days[i] != wantDays[i] {
					t.Errorf("window day %d = %s, want %s", i, days[i], wantDays[i])
				}
			}
			for _, v := range views {
				if v.Date == "2026-10-13" && v.Bookable {
					t.Errorf("slot on 10-13 (beyond the window) is bookable")
				}
			}

			// A week later, the ordinary Saturday 10-17 gets its extended slot; the holiday
			// Saturday 10-03 never did.
			now = time.Date(2026, 10, 14, 10, 0, 0, 0, loc)
			if _, err := s.GenerateSlots(ctx); err != nil {
				t.Fatal(err)
			}
			sat, _ := db.ListSlots(ctx, store.SlotQuery{SiteCode: "county", DepartmentCode: "slj", From: "2026-10-17", To: "2026-10-17"})
			if len(sat) != 1 || sat[0].Kind != portal.SlotExtended {
				t.Errorf("Saturday 10-17: %+v, want one extended slot", sat)
			}
		})
	}
}
