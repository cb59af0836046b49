package pages

import (
	"context"
	"net/url"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"portal/app/api"
	"portal/app/client"
)

// AppointmentPage is one appointment (/appointments/{id}): the code and its QR to show at
// the window, when and where, what to bring, a calendar file, and cancel or move it.
type AppointmentPage struct {
	base
	id         string
	ap         api.Appointment
	item       api.Item
	ics        string
	loaded     bool
	notFound   bool
	confirming bool // the cancel step asks once
	busy       bool
	errText    string
	okText     string
}

func (p *AppointmentPage) OnMount(ctx app.Context) {
	p.mountBase(ctx)
	ctx.ObserveState(stateUser, &p.user).OnChange(func() { p.load(ctx) })
}

func (p *AppointmentPage) OnNav(ctx app.Context) {
	id := codeFromPath(ctx.Page().URL())
	if id != p.id {
		p.id, p.ap, p.item, p.ics, p.loaded, p.notFound = id, api.Appointment{}, api.Item{}, "", false, false
		p.confirming, p.errText, p.okText = false, "", ""
		switch ctx.Page().URL().Query().Get("done") {
		case "booked":
			p.okText = p.t("appt.booked_ok")
		case "moved":
			p.okText = p.t("appt.moved_ok")
		}
	}
	p.load(ctx)
}

func (p *AppointmentPage) load(ctx app.Context) {
	if app.IsServer || p.user == nil || p.id == "" {
		return
	}
	id := p.id
	ctx.Async(func() {
		c := context.Background()
		var ap api.Appointment
		err := remote().Do(c, "GET", "/appointments/"+url.PathEscape(id), nil, &ap)
		var it api.Item
		var ics string
		if err == nil {
			it, _ = catalog().Item(c, ap.ItemCode)
			if ap.Status == "booked" {
				remote().DoWithHeaders(c, "GET", "/appointments/"+url.PathEscape(id)+"/ics",
					map[string]string{"Accept": "text/calendar"}, nil, &ics)
				if !strings.HasPrefix(ics, "BEGIN:VCALENDAR") {
					ics = ""
				}
			}
		}
		ctx.Dispatch(func(ctx app.Context) {
			if id != p.id {
				return
			}
			p.loaded = true
			if err != nil {
				p.notFound = client.IsStatus(err, 404)
				p.errText = p.errorText(err)
				return
			}
			p.ap, p.item, p.ics = ap, it, ics
			ctx.Page().SetTitle(p.t("appt.title") + " " + ap.Code)
		})
	})
}

func (p *AppointmentPage) askCancel(ctx app.Context, e app.Event) {
	p.confirming, p.errText, p.okText = true, "", ""
	ctx.Defer(func(app.Context) { focusID("cancel-title") })
}

func (p *AppointmentPage) keep(ctx app.Context, e app.Event) {
	p.confirming = false
	ctx.Defer(func(app.Context) { focusID("cancel-button") })
}

func (p *AppointmentPage) cancel(ctx app.Context, e app.Event) {
	if p.busy {
		return
	}
	p.busy, p.errText = true, ""
	id := p.ap.ID
	ctx.Async(func() {
		var ap api.Appointment
		err := remote().Do(context.Background(), "POST", "/appointments/"+url.PathEscape(id)+"/cancel", nil, &ap)
		ctx.Dispatch(func(ctx app.Context) {
			p.busy, p.confirming = false, false
			if err != nil {
				p.errText = p.errorText(err)
				return
			}
			p.ap, p.ics = ap, ""
			p.okText = p.t("appt.cancelled_ok")
			ctx.Defer(func(app.Context) { focusID("appt-status") })
		})
	})
}

func (p *AppointmentPage) Render() app.UI {
	title := p.t("appt.title")
	if p.user == nil {
		return p.frame(tabAppts, title, signInTo(&p.base, "/appointments/"+p.id))
	}
	if p.notFound {
		return p.frame(tabAppts, title,
			emptyState(p.t("appt.not_found"), app.A().Class("btn btn-primary").Href("/appointments").Text(p.t("appt.to_list"))))
	}
	if p.ap.ID == "" {
		return p.frame(tabAppts, title,
			messages("appt-messages", "", p.errText),
			app.If(p.errText == "", func() app.UI { return app.P().Role("status").Text(p.t("desk.loading")) }),
		)
	}
	ap := p.ap
	booked := ap.Status == "booked"
	canChange := booked && time.Now().Before(ap.CancelUntil)
	return p.frame(tabAppts, title,
		messages("appt-messages", p.okText, p.errText),
		app.Section().Class("panel appt-pass appt-pass-"+ap.Status).Aria("labelledby", "appt-code-label").Body(
			app.Div().Class("appt-pass-head").Body(
				app.Span().Class("muted").ID("appt-code-label").Text(p.t("appt.code")),
				p.apptStatus("appt-status", ap.Status),
			),
			app.P().Class("appt-code").ID("appt-code").Text(ap.Code),
			app.If(booked && ap.QRPNG != "", func() app.UI {
				return app.Div().Class("appt-qr").Body(
					app.Img().ID("appt-qr").Src("data:image/png;base64,"+ap.QRPNG).Alt(p.t("appt.qr_alt", ap.Code)).
						Width(200).Height(200),
					app.P().Class("muted small").Text(p.t("appt.show_at_window")),
				)
			}),
			app.If(ap.Status == "cancelled", func() app.UI {
				return app.P().Class("muted").ID("appt-cancelled-note").Text(p.t("appt.cancelled_note"))
			}),
		),
		app.Section().Class("panel").Aria("labelledby", "when-title").Body(
			app.H2().ID("when-title").Text(p.t("appt.when_where")),
			app.Dl().Class("kvs").Body(
				kvRow(p.t("appt.item"), app.A().Href("/items/"+ap.ItemCode).Text(ap.ItemName)),
				kvRow(p.t("appt.date"), app.Strong().ID("appt-date").Text(p.dayLong(ap.Date))),
				kvRow(p.t("appt.time"), app.Strong().ID("appt-time").Text(timeRange(ap.Start, ap.End))),
				kvRow(p.t("appt.site"), app.Span().Body(app.Text(ap.SiteName), app.Br(), app.Span().Class("muted").Text(ap.SiteAddress))),
				kvRow(p.t("appt.department"), app.Text(ap.DepartmentName)),
				app.If(booked, func() app.UI {
					return kvRow(p.t("appt.cancel_until"), app.Text(p.whenLong(ap.CancelUntil)))
				}),
				app.If(ap.CheckedInAt != nil, func() app.UI {
					return kvRow(p.t("appt.checked_in_at"), app.Text(p.whenLong(*ap.CheckedInAt)))
				}),
			),
		),
		app.If(booked, func() app.UI { return p.actions(canChange) }),
		app.If(ap.Status == "cancelled" || ap.Status == "no_show", func() app.UI {
			return app.A().Class("btn btn-primary btn-block").ID("book-again").Href("/book?item=" + url.QueryEscape(ap.ItemCode)).Text(p.t("appt.book_again"))
		}),
		app.If(booked && len(p.item.Materials) > 0, func() app.UI { return p.bring() }),
		app.P().Body(app.A().Href("/appointments").ID("to-list").Class("back-link").Text(p.t("appt.to_list"))),
	)
}

func kvRow(label string, value app.UI) app.UI {
	return app.Div().Class("kv").Body(app.Dt().Text(label), app.Dd().Body(value))
}

// actions: add to the calendar, move, cancel (asking once).
func (p *AppointmentPage) actions(canChange bool) app.UI {
	ap := p.ap
	return app.Section().Class("panel").Aria("labelledby", "actions-title").Body(
		app.H2().ID("actions-title").Text(p.t("appt.actions")),
		app.If(p.ics != "", func() app.UI {
			return app.A().Class("btn btn-secondary btn-block").ID("ics-link").
				Href("data:text/calendar;charset=utf-8,"+url.PathEscape(p.ics)).
				Attr("download", "appointment-"+ap.Code+".ics").Text(p.t("appt.add_calendar"))
		}),
		app.If(!canChange, func() app.UI {
			return app.P().Class("muted").ID("too-late-note").Text(p.t("appt.too_late_note"))
		}),
		app.If(canChange && !p.confirming, func() app.UI {
			return app.Div().Class("actions actions-2").Body(
				app.A().Class("btn btn-secondary").ID("reschedule-link").
					Href("/book?"+url.Values{"item": {ap.ItemCode}, "reschedule": {ap.ID}}.Encode()).Text(p.t("appt.reschedule")),
				app.Button().Type("button").Class("btn btn-danger").ID("cancel-button").Text(p.t("appt.cancel")).OnClick(p.askCancel),
			)
		}),
		app.If(canChange && p.confirming, func() app.UI {
			return app.Div().Class("confirm-box").ID("cancel-confirm-box").Role("group").Aria("labelledby", "cancel-title").Body(
				app.P().Class("confirm-question").ID("cancel-title").TabIndex(-1).
					Text(p.t("appt.cancel_question", p.dayLong(ap.Date), clock(ap.Start))),
				app.P().Class("muted").Text(p.t("appt.cancel_effect")),
				app.Div().Class("actions actions-2").Body(
					app.Button().Type("button").Class("btn btn-danger").ID("cancel-confirm").Disabled(p.busy).
						Text(p.t(map[bool]string{true: "appt.cancelling", false: "appt.cancel_yes"}[p.busy])).OnClick(p.cancel),
					app.Button().Type("button").Class("btn btn-secondary").ID("cancel-keep").Text(p.t("appt.cancel_no")).OnClick(p.keep),
				),
			)
		}),
	)
}

// bring lists the item's materials: what to take to the window.
func (p *AppointmentPage) bring() app.UI {
	ms := p.item.Materials
	return app.Section().Class("panel").Aria("labelledby", "bring-title").Body(
		app.H2().ID("bring-title").Text(p.t("appt.bring", len(ms))),
		app.Ol().Class("materials").ID("bring-list").Body(
			app.Range(ms).Slice(func(i int) app.UI {
				m := ms[i]
				req := badge("badge-red", p.t("material.required"))
				if !m.Required {
					req = badge("badge-grey", p.t("material.optional"))
				}
				form := p.t("form." + m.Form)
				if m.Copies > 1 {
					form += " " + p.t("material.copies", m.Copies)
				}
				return app.Li().Class("material").Body(
					app.Div().Class("material-head").Body(app.Strong().Text(m.Name), req),
					app.P().Class("muted").Text(form),
				)
			}),
		),
	)
}
