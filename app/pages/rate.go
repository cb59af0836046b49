package pages

import (
	"context"
	"fmt"
	"net/url"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"portal/app/api"
	"portal/app/client"
)

// ratePoll is how often the rating device looks for the case the window just completed;
// rateThanks how long it thanks the person before it waits for the next one.
const (
	ratePoll   = 4 * time.Second
	rateThanks = 6 * time.Second
)

// DeskRate is the window's rating device (评价器, /desk/rate): a screen turned to the
// person at the counter. It shows the case the window completed last today that has no
// rating yet, with the five levels as big buttons; one tap rates it, the screen thanks the
// person and waits for the next case.
type DeskRate struct {
	base
	current *api.Application // the case waiting for its rating; nil: waiting
	loaded  bool
	busy    bool
	gone    bool
	errText string
	thanks  int // the level just given: the thanks are on screen
	seq     int
}

func (d *DeskRate) OnMount(ctx app.Context) {
	d.mountBase(ctx)
	d.gone = false
	ctx.ObserveState(stateUser, &d.user).OnChange(func() { d.load(ctx) })
	d.load(ctx)
	d.tick(ctx)
}

// OnDismount stops the polling.
func (d *DeskRate) OnDismount() { d.gone = true }

func (d *DeskRate) tick(ctx app.Context) {
	ctx.After(ratePoll, func(ctx app.Context) {
		if d.gone {
			return
		}
		if d.thanks == 0 && !d.busy && !app.Window().Get("document").Get("hidden").Bool() {
			d.load(ctx)
		}
		d.tick(ctx)
	})
}

func (d *DeskRate) load(ctx app.Context) {
	if app.IsServer || !d.atWindow() {
		return
	}
	d.seq++
	seq := d.seq
	ctx.Async(func() {
		var a api.Application
		err := remote().Do(context.Background(), "GET", "/staff/cases/last-completed", nil, &a)
		ctx.Dispatch(func(ctx app.Context) {
			if seq != d.seq || d.thanks != 0 || d.busy {
				return
			}
			d.loaded = true
			switch {
			case client.IsStatus(err, 404):
				d.current, d.errText = nil, ""
			case err != nil:
				d.errText = d.apiError(err)
			default:
				if d.current == nil || d.current.ID != a.ID {
					ctx.Defer(func(app.Context) { focusID("rate-question") })
				}
				d.current, d.errText = &a, ""
			}
		})
	})
}

func (d *DeskRate) refresh(ctx app.Context, e app.Event) {
	d.thanks = 0
	d.load(d.live)
}

// rate records the level tapped for the case on screen.
func (d *DeskRate) rate(level int) {
	if d.busy || d.current == nil {
		return
	}
	d.busy, d.errText = true, ""
	d.seq++ // a poll under way must not replace the case being rated
	id := d.current.ID
	ctx := d.live
	ctx.Async(func() {
		var ev api.Evaluation
		err := remote().Do(context.Background(), "POST", "/staff/cases/"+url.PathEscape(id)+"/evaluation",
			api.EvaluationRequest{Level: level}, &ev)
		ctx.Dispatch(func(ctx app.Context) {
			d.busy = false
			if err != nil {
				d.errText = d.apiError(err)
				if client.IsStatus(err, 409) || client.IsStatus(err, 404) {
					d.current = nil
					d.load(ctx)
				}
				return
			}
			d.current, d.thanks = nil, level
			ctx.Defer(func(app.Context) { focusID("rate-thanks") })
			seq := d.seq
			ctx.After(rateThanks, func(ctx app.Context) {
				if d.thanks != 0 && seq == d.seq {
					d.thanks = 0
					d.load(ctx)
				}
			})
		})
	})
}

func (d *DeskRate) Render() app.UI {
	title := d.t("rate.title")
	if d.user == nil {
		return d.frame("desk-rate", title, signInTo(&d.base, "/desk/rate"))
	}
	if !d.atWindow() {
		return d.frame("desk-rate", title, emptyState(d.t("case.window_only"), app.A().Class("btn btn-primary").Href("/home").Text(d.t("nav.desk"))))
	}
	return d.frame("desk-rate", title,
		messages("rate-messages", "", d.errText),
		app.Div().Class("rate-device").ID("rate-device").Body(d.screen()),
		app.Div().Class("actions").Body(
			app.Button().Type("button").Class("btn btn-secondary btn-small").ID("rate-refresh").Text(d.t("review.refresh")).OnClick(d.refresh),
		),
		app.P().Class("muted small").Text(d.t("rate.staff_hint")),
	)
}

func (d *DeskRate) screen() app.UI {
	switch {
	case d.thanks != 0:
		return app.Div().Class("rate-thanks").Body(
			app.H2().ID("rate-thanks").TabIndex(-1).Text(d.t("rate.thanks")),
			app.P().Class("rate-given").Text(d.t("eval.given", d.levelName(d.thanks), d.thanks)),
		)
	case d.current == nil:
		return app.Div().Class("rate-waiting").Role("status").Body(
			app.P().Class("rate-waiting-title").ID("rate-waiting").Text(d.t(map[bool]string{true: "rate.waiting", false: "desk.loading"}[d.loaded])),
			app.If(d.loaded, func() app.UI { return app.P().Class("muted").Text(d.t("rate.waiting_hint")) }),
		)
	}
	a := d.current
	return app.Div().Class("rate-ask").Body(
		app.H2().ID("rate-question").TabIndex(-1).Text(d.t("rate.question")),
		app.P().Class("rate-case").ID("rate-case").Body(
			app.Strong().Text(a.ItemName),
			app.Span().Class("mono").Text(" "+d.t("apply.case_no")+" "+a.CaseNo),
		),
		app.Div().Class("rate-buttons").Role("group").Aria("labelledby", "rate-question").Body(
			app.Range(evalLevels).Slice(func(i int) app.UI {
				lv := evalLevels[i]
				return app.Button().Type("button").Class(fmt.Sprintf("rate-button eval-choice-%d", lv)).ID(fmt.Sprintf("rate-%d", lv)).
					Disabled(d.busy).OnClick(func(ctx app.Context, e app.Event) { d.rate(lv) }, app.EventScope(fmt.Sprint(lv))).Body(
					app.Span().Class("eval-stars").Aria("hidden", "true").Text(stars(lv)),
					app.Span().Class("eval-name").Text(d.levelName(lv)),
				)
			}),
		),
	)
}
