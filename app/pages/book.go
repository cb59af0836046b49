package pages

import (
	"context"
	"fmt"
	"net/url"
	"sort"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"portal/app/api"
)

// slotRefresh is how often the booking page asks for the remaining places while it is open.
const slotRefresh = 15 * time.Second

// Book books an appointment for an item (/book?item=CODE), or moves one
// (/book?item=CODE&reschedule=ID): choose the centre, a day, a slot, then confirm.
type Book struct {
	base
	itemCode   string
	reschedule string // id of the appointment being moved
	item       api.Item
	site       string
	slots      api.SlotList
	day        string
	chosen     *api.Slot // the confirm step
	idemKey    string    // one per confirm screen: a repeated tap does not book twice
	waiting    map[string]int
	moving     *api.Appointment
	suspended  *time.Time
	updated    time.Time // when the places were last counted
	loaded     bool
	busy       bool
	gone       bool
	errText    string
	okText     string
}

func (b *Book) OnMount(ctx app.Context) {
	b.mountBase(ctx)
	ctx.ObserveState(stateUser, &b.user).OnChange(func() { b.loadMine(ctx) })
	b.tick(ctx)
}

// OnDismount stops the refresh loop.
func (b *Book) OnDismount() { b.gone = true }

// tick refreshes the remaining places every slotRefresh while the page is open and
// visible. go-app drops a dispatch to a dismounted component, which ends the loop too.
func (b *Book) tick(ctx app.Context) {
	ctx.After(slotRefresh, func(ctx app.Context) {
		if b.gone {
			return
		}
		if !app.Window().Get("document").Get("hidden").Bool() && b.item.Code != "" && !b.busy {
			b.loadSlots(ctx, false)
		}
		b.tick(ctx)
	})
}

func (b *Book) OnNav(ctx app.Context) {
	q := ctx.Page().URL().Query()
	code, moving := q.Get("item"), q.Get("reschedule")
	if code != b.itemCode || moving != b.reschedule {
		b.itemCode, b.reschedule = code, moving
		b.item, b.slots, b.day, b.chosen, b.moving, b.site = api.Item{}, api.SlotList{}, "", nil, nil, ""
		b.waiting, b.errText, b.okText, b.loaded = map[string]int{}, "", "", false
	}
	if b.itemCode == "" && b.reschedule == "" {
		b.loaded = true
		return
	}
	b.load(ctx)
	b.loadMine(ctx)
}

// load reads the item (prerendered on the server too) and, in the browser, its slots.
func (b *Book) load(ctx app.Context) {
	code, moving := b.itemCode, b.reschedule
	ctx.Async(func() {
		c := context.Background()
		var ap api.Appointment
		var err error
		if moving != "" && !app.IsServer {
			if err = remote().Do(c, "GET", "/appointments/"+url.PathEscape(moving), nil, &ap); err == nil && code == "" {
				code = ap.ItemCode
			}
		}
		var it api.Item
		if err == nil && code != "" {
			it, err = catalog().Item(c, code)
		}
		ctx.Dispatch(func(ctx app.Context) {
			if err != nil {
				b.loaded = true
				if !app.IsServer {
					b.errText = b.errorText(err)
				}
				return
			}
			b.item = it
			if ap.ID != "" {
				b.moving = &ap
				b.site = ap.SiteCode
			}
			if b.site == "" {
				b.site = defaultSite(it)
			}
			ctx.Page().SetTitle(b.t("book.title") + " · " + it.Name)
			if !app.IsServer {
				b.loadSlots(ctx, true)
			}
		})
	})
}

// defaultSite is the county centre when the item is handled there, else its first site.
func defaultSite(it api.Item) string {
	for _, s := range it.Sites {
		if s.Code == "county" {
			return s.Code
		}
	}
	if len(it.Sites) > 0 {
		return it.Sites[0].Code
	}
	return "county"
}

// loadSlots counts the places of the booking window at the chosen site. first picks a day.
func (b *Book) loadSlots(ctx app.Context, first bool) {
	q := url.Values{"item": {b.item.Code}, "site": {b.site}}
	site := b.site
	ctx.Async(func() {
		var list api.SlotList
		err := remote().Do(context.Background(), "GET", "/slots?"+q.Encode(), nil, &list)
		ctx.Dispatch(func(ctx app.Context) {
			b.loaded = true
			if site != b.site {
				return // the person chose another centre meanwhile
			}
			if err != nil {
				if first {
					b.errText = b.errorText(err)
				}
				return
			}
			b.slots, b.updated = list, time.Now()
			if b.chosen != nil {
				for _, s := range list.Slots {
					if s.ID == b.chosen.ID {
						s := s
						b.chosen = &s
					}
				}
			}
			days := b.days()
			if first || !containsString(days, b.day) {
				b.day = b.firstOpenDay(days)
			}
		})
	})
}

// loadMine learns whether online booking is suspended for the person.
func (b *Book) loadMine(ctx app.Context) {
	if b.user == nil || app.IsServer {
		return
	}
	ctx.Async(func() {
		var list api.AppointmentList
		err := remote().Do(context.Background(), "GET", "/appointments", nil, &list)
		ctx.Dispatch(func(ctx app.Context) {
			if err == nil {
				b.suspended = list.SuspendedUntil
			}
		})
	})
}

// days are the window's days and any other day with slots (Saturday extended service), in
// order.
func (b *Book) days() []string {
	seen := map[string]bool{}
	var out []string
	for _, d := range b.slots.Days {
		if !seen[d] {
			seen[d] = true
			out = append(out, d)
		}
	}
	for _, s := range b.slots.Slots {
		if !seen[s.Date] && s.Bookable {
			seen[s.Date] = true
			out = append(out, s.Date)
		}
	}
	sort.Strings(out)
	return out
}

// firstOpenDay is the first day with a free place, else the first day.
func (b *Book) firstOpenDay(days []string) string {
	for _, d := range days {
		for _, s := range b.slots.Slots {
			if s.Date == d && s.Bookable && s.Remaining > 0 {
				return d
			}
		}
	}
	if len(days) > 0 {
		return days[0]
	}
	return ""
}

func (b *Book) daySlots(day string) []api.Slot {
	var out []api.Slot
	for _, s := range b.slots.Slots {
		if s.Date == day {
			out = append(out, s)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Start.Before(out[j].Start) })
	return out
}

// freePlaces counts the places a person can still book on a day.
func (b *Book) freePlaces(day string) int {
	n := 0
	for _, s := range b.slots.Slots {
		if s.Date == day && s.Bookable {
			n += s.Remaining
		}
	}
	return n
}

func (b *Book) here() string {
	q := url.Values{"item": {b.itemCode}}
	if b.reschedule != "" {
		q.Set("reschedule", b.reschedule)
	}
	return "/book?" + q.Encode()
}

func (b *Book) chooseSite(ctx app.Context, e app.Event) {
	b.site = ctx.JSSrc().Get("value").String()
	b.chosen, b.errText, b.okText = nil, "", ""
	b.loadSlots(ctx, true)
}

func (b *Book) chooseDay(ctx app.Context, day string) {
	b.day, b.errText, b.okText = day, "", ""
}

func (b *Book) chooseSlot(ctx app.Context, s api.Slot) {
	if b.user == nil {
		ctx.Navigate(loginFor(b.here()))
		return
	}
	b.chosen, b.idemKey, b.errText, b.okText = &s, newIdemKey(), "", ""
	ctx.Defer(func(app.Context) { focusID("confirm-title") })
}

func (b *Book) back(ctx app.Context, e app.Event) {
	b.chosen, b.errText = nil, ""
	ctx.Defer(func(app.Context) { focusID("slots-title") })
}

func (b *Book) confirm(ctx app.Context, e app.Event) {
	if b.busy || b.chosen == nil {
		return
	}
	b.busy, b.errText, b.okText = true, "", ""
	slot, item, key, moving := *b.chosen, b.item.Code, b.idemKey, b.reschedule
	ctx.Async(func() {
		var ap api.Appointment
		var err error
		if moving != "" {
			err = remote().Do(context.Background(), "POST", "/appointments/"+url.PathEscape(moving)+"/reschedule",
				api.RescheduleRequest{SlotID: slot.ID}, &ap)
		} else {
			err = remote().DoWithHeaders(context.Background(), "POST", "/appointments",
				map[string]string{"Idempotency-Key": key}, api.BookRequest{SlotID: slot.ID, ItemCode: item}, &ap)
		}
		ctx.Dispatch(func(ctx app.Context) {
			b.busy = false
			if err != nil {
				b.errText = b.errorText(err)
				if errCode(err) == "slot_full" {
					b.chosen = nil
					b.loadSlots(ctx, false)
				}
				return
			}
			done := "booked"
			if moving != "" {
				done = "moved"
			}
			ctx.Navigate("/appointments/" + url.PathEscape(ap.ID) + "?done=" + done)
		})
	})
}

func (b *Book) joinWaitlist(ctx app.Context, s api.Slot) {
	if b.user == nil {
		ctx.Navigate(loginFor(b.here()))
		return
	}
	if b.busy {
		return
	}
	b.busy, b.errText, b.okText = true, "", ""
	item := b.item.Code
	ctx.Async(func() {
		var w api.WaitlistInfo
		err := remote().Do(context.Background(), "POST", "/slots/"+url.PathEscape(s.ID)+"/waitlist", api.WaitlistRequest{ItemCode: item}, &w)
		ctx.Dispatch(func(ctx app.Context) {
			b.busy = false
			if err != nil {
				b.errText = b.errorText(err)
				return
			}
			b.waiting[s.ID] = w.Position // the slot's row says so
			ctx.Defer(func(app.Context) { focusID("wait-pos-" + s.ID) })
		})
	})
}

func (b *Book) Render() app.UI {
	title := b.t("book.title")
	if b.reschedule != "" {
		title = b.t("book.reschedule_title")
	}
	if b.itemCode == "" && b.reschedule == "" {
		return b.frame(tabAppts, title,
			emptyState(b.t("book.no_item"), app.A().Class("btn btn-primary").Href("/items").Text(b.t("desk.find_item"))))
	}
	if b.item.Code == "" {
		return b.frame(tabAppts, title,
			messages("book-messages", "", b.errText),
			app.If(b.errText == "", func() app.UI { return app.P().Role("status").Text(b.t("desk.loading")) }),
		)
	}
	it := b.item
	return b.frame(tabAppts, title,
		messages("book-messages", b.okText, b.errText),
		app.If(b.suspended != nil, func() app.UI {
			return app.P().Class("notice-block notice-warn").ID("suspended-banner").Role("status").
				Text(b.t("appt.suspended", b.dayLong(inCentre(*b.suspended).Format(time.DateOnly))))
		}),
		app.P().Class("subtitle").ID("book-item").Body(
			app.Strong().Text(it.Name),
			app.Span().Text(" · "+it.DepartmentName),
		),
		app.If(b.moving != nil, func() app.UI {
			m := b.moving
			return app.P().Class("notice-block notice-info").ID("moving").
				Text(b.t("book.moving", b.dayLong(m.Date), timeRange(m.Start, m.End), m.Code))
		}),
		app.If(!it.Bookable, func() app.UI {
			return emptyState(b.t("book.not_bookable"), app.A().Class("btn btn-secondary").Href("/items/"+it.Code).Text(b.t("book.to_guide")))
		}).ElseIf(b.chosen != nil, func() app.UI {
			return b.confirmStep()
		}).Else(func() app.UI {
			return b.pickStep()
		}),
	)
}

// steps shows where the person is: 1 choose, 2 confirm.
func (b *Book) steps(current int) app.UI {
	step := func(n int, label string) app.UI {
		li := app.Li().Class("step").Text(label)
		if n == current {
			li = li.Class("step step-current").Aria("current", "step")
		} else if n < current {
			li = li.Class("step step-done")
		}
		return li
	}
	return app.Ol().Class("steps").Aria("label", b.t("book.steps")).Body(
		step(1, b.t("book.step_choose")),
		step(2, b.t("book.step_confirm")),
		step(3, b.t("book.step_done")),
	)
}

func (b *Book) siteName() (string, string) {
	for _, s := range b.item.Sites {
		if s.Code == b.site {
			return s.Name, s.Address
		}
	}
	return b.site, ""
}

func (b *Book) pickStep() app.UI {
	it := b.item
	days := b.days()
	slots := b.daySlots(b.day)
	siteName, siteAddr := b.siteName()
	return app.Div().Body(
		b.steps(1),
		app.If(len(it.Sites) > 1, func() app.UI {
			return field("book-site", b.t("book.site"), "", "",
				app.Select().ID("book-site").Class("input").OnChange(b.chooseSite).Body(
					app.Range(it.Sites).Slice(func(i int) app.UI {
						s := it.Sites[i]
						return app.Option().Value(s.Code).Selected(s.Code == b.site).Text(s.Name)
					}),
				))
		}).Else(func() app.UI {
			return app.P().Class("site-line").Body(
				app.Span().Class("muted").Text(b.t("book.site_at")),
				app.Strong().Text(siteName),
				app.If(siteAddr != "", func() app.UI { return app.Span().Class("muted").Text(" " + siteAddr) }),
			)
		}),
		app.Section().Aria("labelledby", "days-title").Body(
			app.H2().ID("days-title").Text(b.t("book.choose_day")),
			app.If(b.loaded && len(days) == 0, func() app.UI { return emptyState(b.t("book.no_days"), nil) }),
			app.Ul().Class("chips day-chips").ID("day-chips").Body(
				app.Range(days).Slice(func(i int) app.UI { return b.dayChip(days[i]) }),
			),
		),
		app.If(b.day != "", func() app.UI {
			return app.Section().Aria("labelledby", "slots-title").Body(
				app.H2().ID("slots-title").TabIndex(-1).Text(b.t("book.choose_slot", b.dayLong(b.day))),
				app.If(len(slots) == 0, func() app.UI { return emptyState(b.t("book.no_slots"), nil) }),
				app.Ul().Class("slots").ID("slot-list").Body(
					app.Range(slots).Slice(func(i int) app.UI { return b.slotRow(slots[i]) }),
				),
				app.If(!b.updated.IsZero(), func() app.UI {
					return app.P().Class("muted small").ID("slots-updated").
						Text(b.t("book.live", b.updated.In(centreZone).Format("15:04:05")))
				}),
			)
		}),
	)
}

func (b *Book) dayChip(day string) app.UI {
	free := b.freePlaces(day)
	d, _ := time.ParseInLocation(time.DateOnly, day, centreZone)
	wd := b.weekday(d.Weekday())
	if tomorrow := time.Now().In(centreZone).AddDate(0, 0, 1).Format(time.DateOnly); day == tomorrow {
		wd = b.t("book.tomorrow")
	}
	placesText := b.t("book.day_free", free)
	placesCls := "chip-places"
	if free == 0 {
		placesText, placesCls = b.t("book.day_full"), "chip-places chip-places-full"
	}
	selected := day == b.day
	cls := "chip day-chip"
	if selected {
		cls += " chip-selected"
	}
	return app.Li().Body(
		app.Button().Type("button").Class(cls).ID("day-"+day).Aria("pressed", fmt.Sprint(selected)).
			Body(
				app.Span().Class("chip-wd").Text(wd),
				app.Span().Class("chip-date").Text(b.dayShort(day)),
				app.Span().Class(placesCls).Text(placesText),
			).
			OnClick(func(ctx app.Context, e app.Event) { b.chooseDay(ctx, day) }, app.EventScope(day)),
	)
}

func (b *Book) slotRow(s api.Slot) app.UI {
	full := s.Remaining <= 0
	places := badge("badge-green", b.t("slot.remaining", s.Remaining))
	if full {
		places = badge("badge-red", b.t("slot.full"))
	}
	info := []app.UI{
		app.Span().Class("slot-time").Text(timeRange(s.Start, s.End)),
		app.Span().Class("badges").Body(places, b.slotKind(s.Kind)),
	}
	switch {
	case s.Bookable && !full:
		return app.Li().Class("slot").Body(
			app.Button().Type("button").Class("slot-btn").ID("slot-"+s.ID).Body(
				append(info, app.Span().Class("slot-go").Aria("hidden", "true").Text("›"))...,
			).OnClick(func(ctx app.Context, e app.Event) { b.chooseSlot(ctx, s) }, app.EventScope(s.ID)),
		)
	case s.Bookable && full:
		pos, waiting := b.waiting[s.ID]
		return app.Li().Class("slot slot-full").Body(
			app.Div().Class("slot-info").Body(info...),
			app.If(waiting, func() app.UI {
				return app.P().Class("slot-wait").ID("wait-pos-" + s.ID).Role("status").TabIndex(-1).Text(b.t("book.waitlist_position", pos))
			}).Else(func() app.UI {
				return app.Button().Type("button").Class("btn btn-secondary btn-small").ID("wait-"+s.ID).Disabled(b.busy).
					Text(b.t("book.join_waitlist")).
					OnClick(func(ctx app.Context, e app.Event) { b.joinWaitlist(ctx, s) }, app.EventScope(s.ID))
			}),
			app.If(s.WaitlistLength > 0 && !waiting, func() app.UI {
				return app.P().Class("muted small").Text(b.t("book.waitlist_length", s.WaitlistLength))
			}),
		)
	default:
		why := b.t("slot.not_bookable")
		if s.Kind == "green_channel" {
			why = b.t("slot.green_only")
		}
		return app.Li().Class("slot slot-closed").Body(
			app.Div().Class("slot-info").Body(info...),
			app.P().Class("muted small").Text(why),
		)
	}
}

func (b *Book) confirmStep() app.UI {
	s := b.chosen
	siteName, siteAddr := b.siteName()
	row := func(label, value string) app.UI {
		return app.Div().Class("kv").Body(app.Dt().Text(label), app.Dd().Text(value))
	}
	action := "book.confirm"
	if b.reschedule != "" {
		action = "book.confirm_move"
	}
	full := s.Remaining <= 0
	return app.Div().Body(
		b.steps(2),
		app.Section().Class("panel").Aria("labelledby", "confirm-title").ID("confirm").Body(
			app.H2().ID("confirm-title").TabIndex(-1).Text(b.t("book.confirm_title")),
			app.Dl().Class("kvs").Body(
				row(b.t("appt.item"), b.item.Name),
				row(b.t("appt.date"), b.dayLong(s.Date)),
				row(b.t("appt.time"), timeRange(s.Start, s.End)),
				row(b.t("appt.site"), siteName+" "+siteAddr),
				row(b.t("appt.department"), b.item.DepartmentName),
				app.Div().Class("kv").Body(app.Dt().Text(b.t("book.places")), app.Dd().Body(
					app.If(full, func() app.UI { return badge("badge-red", b.t("slot.full")) }).
						Else(func() app.UI { return badge("badge-green", b.t("slot.remaining", s.Remaining)) }),
					b.slotKind(s.Kind),
				)),
			),
			app.P().Class("muted").Text(b.t("book.confirm_note")),
			app.Button().Type("button").Class("btn btn-primary btn-block").ID("confirm-book").Disabled(b.busy || full).
				Text(b.t(map[bool]string{true: "book.busy", false: action}[b.busy])).OnClick(b.confirm),
			app.Button().Type("button").Class("btn btn-secondary btn-block").ID("back-to-slots").Text(b.t("book.back")).OnClick(b.back),
		),
	)
}

// focusID moves the keyboard and screen reader focus to an element (a heading with
// tabindex -1), so a step change is announced where it happens.
func focusID(id string) {
	if app.IsServer {
		return
	}
	if el := app.Window().GetElementByID(id); el.Truthy() {
		el.Call("focus")
	}
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
