package pages

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"portal/app/api"
)

// StaffDay is the window's day for its staff (/staff/day): the appointments in time order,
// check-in by code (typed or scanned), no-shows, walk-ins, the day's figures, and the
// window's door-to-door requests.
type StaffDay struct {
	base
	date    string
	day     api.StaffDay
	rules   api.BookingRules
	items   []api.ItemSummary
	loaded  bool
	busy    bool
	errText string

	code     string // the check-in box
	checkOK  string
	checkErr string
	rowErr   map[string]string // appointment code → why the window's action was refused

	canScan  bool
	scanning bool
	scanStop chan struct{}
	scanErr  string

	walkItem   string
	walkName   string
	walkOK     string
	walkErr    string
	walkFields map[string]string

	visits    []api.HomeVisit
	visitWhen map[string]string // request id → datetime-local value
	visitNote map[string]string
	visitErr  map[string]string
	visitOK   map[string]string
}

// summaryKeys are the day's figures in the order they are shown.
var summaryKeys = []string{"booked", "checked_in", "no_show", "cancelled", "walk_in", "total"}

func (s *StaffDay) OnMount(ctx app.Context) {
	s.mountBase(ctx)
	s.rowErr, s.visitWhen, s.visitNote, s.visitErr, s.visitOK = map[string]string{}, map[string]string{}, map[string]string{}, map[string]string{}, map[string]string{}
	w := app.Window()
	s.canScan = w.Get("BarcodeDetector").Truthy() && w.Get("navigator").Get("mediaDevices").Truthy()
	if s.date == "" {
		s.date = centreToday()
	}
	ctx.ObserveState(stateUser, &s.user).OnChange(func() { s.loadAll(ctx) })
	s.loadAll(ctx)
}

// OnDismount turns the camera off.
func (s *StaffDay) OnDismount() { s.stopScan() }

func (s *StaffDay) atWindow() bool {
	return s.user != nil && (s.user.Role == "staff" || s.user.Role == "chief")
}

func (s *StaffDay) loadAll(ctx app.Context) {
	if !s.atWindow() {
		return
	}
	s.loadDay(ctx)
	s.loadVisits(ctx)
	dept, site := s.user.DepartmentCode, s.user.SiteCode
	ctx.Async(func() {
		c := context.Background()
		var rules api.BookingRules
		rerr := remote().Do(c, "GET", "/sites/"+url.PathEscape(site)+"/booking-rules", nil, &rules)
		q := url.Values{"department": {dept}, "site": {site}, "limit": {"200"}}
		var list api.ItemList
		ierr := remote().Do(c, "GET", "/items?"+q.Encode(), nil, &list)
		ctx.Dispatch(func(ctx app.Context) {
			if rerr == nil {
				s.rules = rules
			}
			if ierr == nil {
				s.items = list.Items
			}
		})
	})
}

func (s *StaffDay) loadDay(ctx app.Context) {
	date := s.date
	ctx.Async(func() {
		var day api.StaffDay
		err := remote().Do(context.Background(), "GET", "/staff/appointments?date="+url.QueryEscape(date), nil, &day)
		ctx.Dispatch(func(ctx app.Context) {
			if date != s.date {
				return
			}
			s.loaded = true
			if err != nil {
				s.errText = s.errorText(err)
				return
			}
			s.day, s.errText = day, ""
		})
	})
}

func (s *StaffDay) loadVisits(ctx app.Context) {
	ctx.Async(func() {
		var list api.HomeVisitList
		err := remote().Do(context.Background(), "GET", "/home-visits", nil, &list)
		ctx.Dispatch(func(ctx app.Context) {
			if err == nil {
				s.visits = list.Visits
			}
		})
	})
}

func (s *StaffDay) chooseDate(ctx app.Context, e app.Event) {
	v := ctx.JSSrc().Get("value").String()
	if v == "" {
		v = centreToday()
	}
	s.date, s.rowErr = v, map[string]string{}
	s.loadDay(ctx)
}

func (s *StaffDay) today(ctx app.Context, e app.Event) {
	s.date, s.rowErr = centreToday(), map[string]string{}
	if el := app.Window().GetElementByID("day-date"); el.Truthy() {
		el.Set("value", s.date)
	}
	s.loadDay(ctx)
}

func (s *StaffDay) submitCheckIn(ctx app.Context, e app.Event) {
	e.PreventDefault()
	s.checkIn(ctx, s.code)
}

// checkIn marks the person with code arrived and says who it was.
func (s *StaffDay) checkIn(ctx app.Context, code string) {
	code = strings.ToUpper(strings.TrimSpace(code))
	if s.busy {
		return
	}
	if code == "" {
		s.checkOK, s.checkErr = "", s.t("staff.code_required")
		return
	}
	s.busy, s.checkOK, s.checkErr = true, "", ""
	ctx.Async(func() {
		var ap api.Appointment
		err := remote().Do(context.Background(), "POST", "/staff/appointments/"+url.PathEscape(code)+"/check-in", nil, &ap)
		ctx.Dispatch(func(ctx app.Context) {
			s.busy = false
			if err != nil {
				s.checkErr = s.t("staff.checkin_failed", code, s.errorText(err))
				return
			}
			s.checkOK = s.t("staff.checked_in", ap.Code, ap.Person, ap.ItemName, timeRange(ap.Start, ap.End))
			s.code = ""
			clearInputs("checkin-code")
			delete(s.rowErr, ap.Code)
			s.loadDay(ctx)
		})
	})
}

func (s *StaffDay) noShow(ctx app.Context, code string) {
	if s.busy {
		return
	}
	s.busy = true
	delete(s.rowErr, code)
	ctx.Async(func() {
		err := remote().Do(context.Background(), "POST", "/staff/appointments/"+url.PathEscape(code)+"/no-show", nil, nil)
		ctx.Dispatch(func(ctx app.Context) {
			s.busy = false
			if err != nil {
				msg := s.errorText(err)
				if errCode(err) == "too_late" {
					// The server refuses before the grace period is over.
					msg = s.t("staff.noshow_early", s.rules.GraceMinutes)
				}
				s.rowErr[code] = msg
				return
			}
			s.loadDay(ctx)
		})
	})
}

func (s *StaffDay) submitWalkIn(ctx app.Context, e app.Event) {
	e.PreventDefault()
	if s.busy {
		return
	}
	s.walkFields = map[string]string{}
	if s.walkItem == "" {
		s.walkFields["item_code"] = s.t("staff.walkin_item_required")
	}
	if strings.TrimSpace(s.walkName) == "" {
		s.walkFields["visitor_name"] = s.t("field.required")
	}
	if len(s.walkFields) > 0 {
		s.walkOK, s.walkErr = "", s.t("form.fix_errors")
		return
	}
	s.busy, s.walkOK, s.walkErr = true, "", ""
	req := api.WalkInRequest{ItemCode: s.walkItem, VisitorName: strings.TrimSpace(s.walkName)}
	ctx.Async(func() {
		var ap api.Appointment
		err := remote().Do(context.Background(), "POST", "/staff/walk-ins", req, &ap)
		ctx.Dispatch(func(ctx app.Context) {
			s.busy = false
			if err != nil {
				s.walkErr, s.walkFields = s.errorText(err), fieldErrors(err)
				return
			}
			s.walkOK = s.t("staff.walkin_ok", ap.Person, ap.ItemName, ap.Code)
			s.walkName = ""
			clearInputs("walkin-name")
			if s.date == ap.Date {
				s.loadDay(ctx)
			}
		})
	})
}

// decide answers a door-to-door request: accept, schedule (with the time typed in the
// centre's zone) or decline (with the reason).
func (s *StaffDay) decide(ctx app.Context, id, decision string) {
	if s.busy {
		return
	}
	req := api.HomeVisitDecision{Decision: decision}
	delete(s.visitErr, id)
	delete(s.visitOK, id)
	switch decision {
	case "schedule":
		at, err := time.ParseInLocation("2006-01-02T15:04", s.visitWhen[id], centreZone)
		if err != nil {
			s.visitErr[id] = s.t("visit.when_required")
			return
		}
		req.ScheduledAt = &at
	case "decline":
		req.Note = strings.TrimSpace(s.visitNote[id])
		if req.Note == "" {
			s.visitErr[id] = s.t("field.reason_required")
			return
		}
	}
	s.busy = true
	ctx.Async(func() {
		var v api.HomeVisit
		err := remote().Do(context.Background(), "POST", "/staff/home-visits/"+url.PathEscape(id)+"/decision", req, &v)
		ctx.Dispatch(func(ctx app.Context) {
			s.busy = false
			if err != nil {
				msg := s.errorText(err)
				for _, f := range fieldErrors(err) {
					msg = f
				}
				s.visitErr[id] = msg
				return
			}
			s.visitOK[id] = s.t("visit.decided", s.t("visit.status."+v.Status))
			delete(s.visitNote, id)
			s.loadVisits(ctx)
		})
	})
}

// startScan reads a QR code with the camera through the browser's BarcodeDetector.
func (s *StaffDay) startScan(ctx app.Context, e app.Event) {
	if s.scanning {
		s.stopScan()
		return
	}
	s.scanning, s.scanErr = true, ""
	stop := make(chan struct{})
	s.scanStop = stop
	// The <video> is on the page once this update is done.
	ctx.Defer(func(ctx app.Context) {
		ctx.Async(func() {
			code, err := scanQR(stop)
			ctx.Dispatch(func(ctx app.Context) {
				if s.scanStop == stop {
					s.scanning, s.scanStop = false, nil
				}
				switch {
				case err != nil && !errors.Is(err, errScanStopped):
					s.scanErr = s.t("staff.scan_failed", err.Error())
				case code != "":
					s.code = code
					s.checkIn(ctx, code)
				}
			})
		})
	})
}

func (s *StaffDay) stopScan() {
	if s.scanStop != nil {
		close(s.scanStop)
		s.scanStop = nil
	}
	s.scanning = false
}

var errScanStopped = errors.New("scan stopped")

// scanQR turns the back camera on in #scan-video and returns the first QR code seen, or
// errScanStopped when stop closes. It blocks: call it from ctx.Async.
func scanQR(stop chan struct{}) (string, error) {
	w := app.Window()
	video := w.GetElementByID("scan-video")
	if !video.Truthy() {
		return "", errScanStopped
	}
	stream, err := await(w.Get("navigator").Get("mediaDevices").Call("getUserMedia", map[string]any{
		"video": map[string]any{"facingMode": "environment"}, "audio": false,
	}))
	if err != nil {
		return "", err
	}
	defer func() {
		tracks := stream.Call("getTracks")
		for i := 0; i < tracks.Length(); i++ {
			tracks.Index(i).Call("stop")
		}
		video.Set("srcObject", nil)
	}()
	video.Set("srcObject", stream)
	video.Call("play")
	detector := w.Get("BarcodeDetector").New(map[string]any{"formats": []any{"qr_code"}})
	for {
		select {
		case <-stop:
			return "", errScanStopped
		case <-time.After(300 * time.Millisecond):
		}
		if video.Get("readyState").Int() < 2 {
			continue
		}
		found, err := await(detector.Call("detect", video))
		if err != nil {
			continue
		}
		if found.Length() > 0 {
			if v := strings.TrimSpace(found.Index(0).Get("rawValue").String()); v != "" {
				return v, nil
			}
		}
	}
}

// await waits for a JavaScript promise. It blocks: call it from a goroutine.
func await(p app.Value) (app.Value, error) {
	type result struct {
		v   app.Value
		err error
	}
	done := make(chan result, 1)
	ok := app.FuncOf(func(this app.Value, args []app.Value) any {
		var v app.Value
		if len(args) > 0 {
			v = args[0]
		}
		done <- result{v: v}
		return nil
	})
	fail := app.FuncOf(func(this app.Value, args []app.Value) any {
		msg := "failed"
		if len(args) > 0 && args[0].Truthy() {
			msg = args[0].Call("toString").String()
		}
		done <- result{err: errors.New(msg)}
		return nil
	})
	defer ok.Release()
	defer fail.Release()
	p.Call("then", ok, fail)
	r := <-done
	return r.v, r.err
}

func (s *StaffDay) Render() app.UI {
	title := s.t("staff.title")
	if s.user == nil {
		return s.frame("staff-day", title, signInTo(&s.base, "/staff/day"))
	}
	if !s.atWindow() {
		return s.frame("staff-day", title, emptyState(s.t("staff.window_only"), app.A().Class("btn btn-primary").Href("/home").Text(s.t("nav.desk"))))
	}
	return s.frame("staff-day", title,
		messages("day-messages", "", s.errText),
		s.checkInBox(),
		s.summary(),
		s.dayList(),
		s.walkInForm(),
		s.visitList(),
	)
}

func (s *StaffDay) checkInBox() app.UI {
	return app.Section().Class("panel").Aria("labelledby", "checkin-title").Body(
		app.H2().ID("checkin-title").Text(s.t("staff.checkin")),
		app.Form().Class("checkin-form").ID("checkin-form").OnSubmit(s.submitCheckIn).Attr("novalidate", true).Body(
			app.Label().For("checkin-code").Text(s.t("staff.code_label")),
			app.Div().Class("checkin-row").Body(
				textInput(&s.Compo, "checkin-code", "text", &s.code, "", "off", false).
					Class("input input-code").Attr("autocapitalize", "characters").Attr("spellcheck", "false").
					Attr("maxlength", 8).Attr("enterkeyhint", "go").Aria("describedby", "checkin-result"),
				app.Button().Type("submit").Class("btn btn-primary").ID("checkin-submit").Disabled(s.busy).Text(s.t("staff.checkin_submit")),
			),
		),
		app.If(s.canScan, func() app.UI {
			return app.Button().Type("button").Class("btn btn-secondary btn-block").ID("scan-button").
				Aria("pressed", fmt.Sprint(s.scanning)).
				Text(s.t(map[bool]string{true: "staff.scan_stop", false: "staff.scan"}[s.scanning])).OnClick(s.startScan)
		}),
		app.If(s.scanning, func() app.UI {
			return app.Video().ID("scan-video").Class("scan-video").Attr("playsinline", true).Muted(true).
				Aria("label", s.t("staff.scan_video"))
		}),
		app.Div().ID("checkin-result").Class("messages").Aria("live", "polite").Body(
			app.If(s.checkOK != "", func() app.UI { return app.P().Class("form-ok").ID("checkin-ok").Text(s.checkOK) }),
			app.If(s.checkErr != "", func() app.UI { return app.P().Class("form-error").ID("checkin-error").Text(s.checkErr) }),
			app.If(s.scanErr != "", func() app.UI { return app.P().Class("form-error").ID("scan-error").Text(s.scanErr) }),
		),
	)
}

func (s *StaffDay) summary() app.UI {
	return app.Section().Aria("labelledby", "summary-title").Body(
		app.H2().ID("summary-title").Text(s.t("staff.summary", s.dayLong(s.date))),
		app.Div().Class("stats stats-6").ID("day-summary").Body(
			app.Range(summaryKeys).Slice(func(i int) app.UI {
				k := summaryKeys[i]
				return app.Div().Class("stat stat-"+k).ID("sum-"+k).Body(
					app.Span().Class("stat-value").Text(fmt.Sprint(s.day.Summary[k])),
					app.Span().Class("stat-label").Text(s.t("staff.sum."+k)),
				)
			}),
		),
	)
}

func (s *StaffDay) dayList() app.UI {
	list := s.day.Appointments
	caption := s.t("staff.list", s.dayLong(s.date))
	return app.Section().Aria("labelledby", "list-title").Body(
		app.H2().ID("list-title").Text(caption),
		app.Div().Class("date-row").Body(
			app.Div().Class("field").Body(
				app.Label().For("day-date").Text(s.t("staff.date")),
				app.Input().ID("day-date").Type("date").Class("input").Value(s.date).OnChange(s.chooseDate),
			),
			app.If(s.date != centreToday(), func() app.UI {
				return app.Button().Type("button").Class("btn btn-secondary").ID("day-today").Text(s.t("staff.today")).OnClick(s.today)
			}),
		),
		app.If(s.loaded && len(list) == 0, func() app.UI {
			return emptyState(s.t("staff.none"), nil)
		}),
		app.If(len(list) > 0, func() app.UI {
			return app.Div().Class("table-wrap").Body(
				app.Table().Class("table table-stack").ID("day-table").Body(
					app.Caption().Class("visually-hidden").Text(caption),
					app.THead().Body(app.Tr().Body(
						app.Th().Scope("col").Text(s.t("appt.time")),
						app.Th().Scope("col").Text(s.t("appt.code")),
						app.Th().Scope("col").Text(s.t("staff.person")),
						app.Th().Scope("col").Text(s.t("appt.item")),
						app.Th().Scope("col").Text(s.t("staff.status")),
						app.Th().Scope("col").Text(s.t("staff.action")),
					)),
					app.TBody().Body(app.Range(list).Slice(func(i int) app.UI { return s.row(list[i]) })),
				),
			)
		}),
	)
}

func (s *StaffDay) row(a api.Appointment) app.UI {
	when := timeRange(a.Start, a.End)
	if a.WalkIn {
		when = clock(a.Start)
	}
	now := time.Now()
	today := a.Date == centreToday()
	grace := time.Duration(s.rules.GraceMinutes) * time.Minute
	canCheckIn := a.Status == "booked" && today
	canNoShow := a.Status == "booked" && !a.WalkIn && now.After(a.Start.Add(grace))
	td := func(label string) app.HTMLTd { return app.Td().DataSet("label", label) }
	return app.Tr().ID("row-"+a.Code).Class("row-"+a.Status).Body(
		td(s.t("appt.time")).Class("mono").Text(when),
		td(s.t("appt.code")).Class("mono code-cell").Text(a.Code),
		td(s.t("staff.person")).Text(a.Person),
		td(s.t("appt.item")).Text(a.ItemName),
		td(s.t("staff.status")).Body(
			s.apptStatus("status-"+a.Code, a.Status),
			app.If(a.WalkIn, func() app.UI { return badge("badge-grey", s.t("staff.walk_in")) }),
		),
		td(s.t("staff.action")).Body(
			app.If(canCheckIn || canNoShow, func() app.UI {
				return app.Div().Class("row-actions").Body(
					app.If(canCheckIn, func() app.UI {
						return app.Button().Type("button").Class("btn btn-primary btn-small").ID("checkin-"+a.Code).
							Aria("label", s.t("staff.checkin_row", a.Code)).Text(s.t("staff.checkin_submit")).Disabled(s.busy).
							OnClick(func(ctx app.Context, e app.Event) { s.checkIn(ctx, a.Code) }, app.EventScope(a.Code))
					}),
					app.If(canNoShow, func() app.UI {
						return app.Button().Type("button").Class("btn btn-danger btn-small").ID("noshow-"+a.Code).
							Aria("label", s.t("staff.noshow_row", a.Code)).Text(s.t("staff.noshow")).Disabled(s.busy).
							OnClick(func(ctx app.Context, e app.Event) { s.noShow(ctx, a.Code) }, app.EventScope(a.Code))
					}),
				)
			}),
			app.If(s.rowErr[a.Code] != "", func() app.UI {
				return app.P().Class("field-error").ID("row-error-" + a.Code).Role("alert").Text(s.rowErr[a.Code])
			}),
		),
	)
}

func (s *StaffDay) walkInForm() app.UI {
	return app.Section().Class("panel").Aria("labelledby", "walkin-title").Body(
		app.H2().ID("walkin-title").Text(s.t("staff.walkin")),
		messages("walkin-messages", s.walkOK, s.walkErr),
		app.Form().ID("walkin-form").OnSubmit(s.submitWalkIn).Attr("novalidate", true).Body(
			field("walkin-item", s.t("appt.item"), "", s.walkFields["item_code"],
				app.Select().ID("walkin-item").Class("input").OnChange(s.ValueTo(&s.walkItem)).Body(
					app.Option().Value("").Selected(s.walkItem == "").Text(s.t("staff.walkin_choose")),
					app.Range(s.items).Slice(func(i int) app.UI {
						it := s.items[i]
						return app.Option().Value(it.Code).Selected(it.Code == s.walkItem).Text(it.Name)
					}),
				)),
			field("walkin-name", s.t("staff.visitor_name"), "", s.walkFields["visitor_name"],
				textInput(&s.Compo, "walkin-name", "text", &s.walkName, s.walkFields["visitor_name"], "off", false)),
			app.Button().Type("submit").Class("btn btn-secondary btn-block").ID("walkin-submit").Disabled(s.busy).Text(s.t("staff.walkin_submit")),
		),
	)
}

func (s *StaffDay) visitList() app.UI {
	return app.Section().Aria("labelledby", "hv-title").Body(
		app.H2().ID("hv-title").Text(s.t("staff.visits", len(s.visits))),
		app.If(len(s.visits) == 0, func() app.UI { return app.P().Class("muted").ID("hv-none").Text(s.t("staff.visits_none")) }),
		app.Ul().Class("cards").ID("hv-list").Body(
			app.Range(s.visits).Slice(func(i int) app.UI { return s.visitCard(s.visits[i]) }),
		),
	)
}

func (s *StaffDay) visitCard(v api.HomeVisit) app.UI {
	id := v.ID
	open := v.Status == "requested" || v.Status == "accepted"
	schedulable := open || v.Status == "scheduled"
	minWhen := time.Now().In(centreZone).Format("2006-01-02T15:04")
	return app.Li().Class("card card-body visit-card").ID("hv-"+id).Body(
		app.Div().Class("visit-head").Body(
			app.Span().Class("card-title").Text(v.ItemName),
			s.visitStatus("hv-status-"+id, v.Status),
		),
		app.Dl().Class("kvs").Body(
			kvRow(s.t("staff.person"), app.Text(v.Person)),
			kvRow(s.t("visit.phone"), app.A().Href("tel:"+v.ContactPhone).Text(v.ContactPhone)),
			kvRow(s.t("visit.address"), app.Text(v.Address)),
			kvRow(s.t("visit.reason"), app.Text(v.Reason)),
			kvRow(s.t("visit.requested_at"), app.Text(s.whenLong(v.CreatedAt))),
			app.If(v.ScheduledAt != nil, func() app.UI {
				return kvRow(s.t("visit.when"), app.Strong().Text(s.whenLong(*v.ScheduledAt)))
			}),
			app.If(v.StaffNote != "", func() app.UI { return kvRow(s.t("visit.staff_note"), app.Text(v.StaffNote)) }),
		),
		app.Div().Class("messages").Body(
			app.If(s.visitOK[id] != "", func() app.UI { return app.P().Class("form-ok").Role("status").Text(s.visitOK[id]) }),
			app.If(s.visitErr[id] != "", func() app.UI {
				return app.P().Class("form-error").Role("alert").ID("hv-error-" + id).Text(s.visitErr[id])
			}),
		),
		app.If(v.Status == "requested", func() app.UI {
			return app.Button().Type("button").Class("btn btn-primary btn-block").ID("hv-accept-"+id).Disabled(s.busy).
				Text(s.t("visit.accept")).OnClick(func(ctx app.Context, e app.Event) { s.decide(ctx, id, "accept") }, app.EventScope(id))
		}),
		app.If(schedulable, func() app.UI {
			return app.Div().Class("decide-row").Body(
				app.Div().Class("field").Body(
					app.Label().For("hv-when-"+id).Text(s.t("visit.when")),
					app.Input().ID("hv-when-"+id).Type("datetime-local").Class("input").Min(minWhen).Value(s.visitWhen[id]).
						OnInput(func(ctx app.Context, e app.Event) { s.visitWhen[id] = ctx.JSSrc().Get("value").String() }, app.EventScope(id)),
				),
				app.Button().Type("button").Class("btn btn-secondary").ID("hv-schedule-"+id).Disabled(s.busy).
					Text(s.t("visit.schedule")).OnClick(func(ctx app.Context, e app.Event) { s.decide(ctx, id, "schedule") }, app.EventScope(id)),
			)
		}),
		app.If(open, func() app.UI {
			return app.Div().Class("decide-row").Body(
				app.Div().Class("field").Body(
					app.Label().For("hv-note-"+id).Text(s.t("visit.decline_reason")),
					app.Input().ID("hv-note-"+id).Type("text").Class("input").Value(s.visitNote[id]).
						OnInput(func(ctx app.Context, e app.Event) { s.visitNote[id] = ctx.JSSrc().Get("value").String() }, app.EventScope(id)),
				),
				app.Button().Type("button").Class("btn btn-danger").ID("hv-decline-"+id).Disabled(s.busy).
					Text(s.t("visit.decline")).OnClick(func(ctx app.Context, e app.Event) { s.decide(ctx, id, "decline") }, app.EventScope(id)),
			)
		}),
	)
}
