package demo

import (
	"context"
	"time"

	"portal/server/portal"
	"portal/server/store"
)

var weekdays = []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}

// SeedTemplates opens the demo windows: every department at the county centre from 9:00 to
// 17:30 with a lunch break, in 30-minute slots; lunch-time and Saturday-morning extended
// service (延时服务) at the busiest windows; a green channel (绿色通道) for major projects at
// the investment approval windows; and the citizen windows at each township centre.
func SeedTemplates(ctx context.Context, db *store.DB) error {
	var ts []portal.SlotTemplate
	add := func(site, dept string, days []time.Weekday, start, end, bStart, bEnd string, minutes, capacity int, kind portal.SlotKind) {
		ts = append(ts, portal.SlotTemplate{SiteCode: site, DepartmentCode: dept, Weekdays: days, Start: start, End: end,
			BreakStart: bStart, BreakEnd: bEnd, SlotMinutes: minutes, Capacity: capacity, Kind: kind, Active: true})
	}
	for _, d := range Departments() {
		add("county", d.Code, weekdays, "09:00", "17:30", "12:00", "13:30", 30, 3, portal.SlotRegular)
	}
	for _, dept := range []string{"scjgj", "rsj", "ybj", "swj", "gaj"} {
		add("county", dept, weekdays, "12:00", "13:30", "", "", 30, 1, portal.SlotExtended)
		add("county", dept, []time.Weekday{time.Saturday}, "09:00", "12:00", "", "", 30, 2, portal.SlotExtended)
	}
	for _, dept := range []string{"fgj", "zrzyj", "zjj", "sthjj"} {
		add("county", dept, weekdays, "16:30", "17:30", "", "", 60, 2, portal.SlotGreenChannel)
	}
	for _, s := range Sites()[1:] {
		for _, dept := range []string{"rsj", "ybj", "mzj"} {
			add(s.Code, dept, weekdays, "09:00", "17:00", "12:00", "14:00", 60, 2, portal.SlotRegular)
		}
	}
	for i := range ts {
		if err := db.PutTemplate(ctx, &ts[i]); err != nil {
			return err
		}
	}
	return nil
}
