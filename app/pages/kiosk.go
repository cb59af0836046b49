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

// kioskIdle is how long an answer stays on a hall screen before the page clears itself
// for the next person.
const kioskIdle = 2 * time.Minute

// ProgressPage is the public progress query (/progress): on the hall's touch screen or a
// phone, anyone with a case number and the last four digits of the applicant's phone sees
// where the case is, without personal data. ?case=&code= (the QR code of a notice) looks
// the case up by the notice's verification code at once.
type ProgressPage struct {
	base
	caseNo   string
	last4    string
	code     string // the verification code of a notice, from the query string
	active   string // the field the on-screen keypad types into: "case" or "last4"
	result   *api.PublicCase
	missing  bool
	busy     bool
	errText  string
	fieldErr map[string]string
	seq      int // which query is the latest; an older answer is dropped
}

func (p *ProgressPage) OnMount(ctx app.Context) {
	p.mountBase(ctx)
	if p.active == "" {
		p.active = "case"
	}
}

func (p *ProgressPage) OnNav(ctx app.Context) {
	if p.fieldErr == nil {
		p.fieldErr = map[string]string{}
	}
	q := ctx.Page().URL().Query()
	no, code := digitsOnly(q.Get("case"), 14), normalCode(q.Get("code"))
	if no == "" || code == "" || (no == p.caseNo && code == p.code) {
		if no != "" && p.caseNo == "" {
			p.caseNo = no
		}
		return
	}
	p.caseNo, p.code, p.last4 = no, code, ""
	if app.IsServer {
		return // the browser asks
	}
	p.lookup(ctx, url.Values{"code": {code}})
}

// digitsOnly keeps the digits of s, at most n.
func digitsOnly(s string, n int) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' && b.Len() < n {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func (p *ProgressPage) submit(ctx app.Context, e app.Event) {
	e.PreventDefault()
	p.fieldErr = map[string]string{}
	if len(p.caseNo) != 14 {
		p.fieldErr["case"] = p.t("progress.case_format")
	}
	if len(p.last4) != 4 {
		p.fieldErr["last4"] = p.t("progress.last4_format")
	}
	if len(p.fieldErr) > 0 {
		p.live.Defer(func(app.Context) {
			if p.fieldErr["case"] != "" {
				focusID("progress-case")
			} else {
				focusID("progress-last4")
			}
		})
		return
	}
	p.code = ""
	p.lookup(p.live, url.Values{"phone_last4": {p.last4}})
}

// lookup asks GET /public/cases/{case_no} with the digits or the notice's code.
func (p *ProgressPage) lookup(ctx app.Context, q url.Values) {
	p.seq++
	seq, no := p.seq, p.caseNo
	p.busy, p.missing, p.errText, p.result = true, false, "", nil
	ctx.Async(func() {
		var pc api.PublicCase
		err := remote().Do(context.Background(), "GET", "/public/cases/"+url.PathEscape(no)+"?"+q.Encode(), nil, &pc)
		ctx.Dispatch(func(ctx app.Context) {
			if seq != p.seq {
				return
			}
			p.busy = false
			switch {
			case client.IsStatus(err, 404) || client.IsStatus(err, 400):
				p.missing = true
			case client.IsStatus(err, 429):
				p.errText = p.t("progress.rate_limited")
			case err != nil:
				p.errText = p.apiError(err)
			default:
				p.result = &pc
			}
			ctx.Defer(func(app.Context) { focusID("progress-answer") })
			// A hall screen forgets the answer after a while.
			ctx.After(kioskIdle, func(ctx app.Context) {
				if seq == p.seq && (p.result != nil || p.missing) {
					p.clear(ctx)
				}
			})
		})
	})
}

// clear resets the page for the next person.
func (p *ProgressPage) clear(ctx app.Context) {
	p.seq++
	p.caseNo, p.last4, p.code, p.result, p.missing, p.errText, p.busy = "", "", "", nil, false, "", false
	p.fieldErr, p.active = map[string]string{}, "case"
	if u := ctx.Page().URL(); u.RawQuery != "" {
		u.RawQuery = ""
		ctx.Page().ReplaceURL(u)
	}
	ctx.Defer(func(app.Context) {
		clearInputs("progress-case", "progress-last4")
		focusID("progress-case")
	})
}

// typed keeps what a field holds as digits; anything else typed is dropped at once.
func (p *ProgressPage) typed(which string, n int) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		raw := ctx.JSSrc().Get("value").String()
		v := digitsOnly(raw, n)
		if v != raw {
			ctx.JSSrc().Set("value", v)
		}
		if which == "case" {
			p.caseNo = v
		} else {
			p.last4 = v
		}
		delete(p.fieldErr, which)
	}
}

// key is a tap on the on-screen keypad: a digit, "back" or "clear", into the active field.
func (p *ProgressPage) key(k string) {
	cur, n, id := &p.caseNo, 14, "progress-case"
	if p.active == "last4" {
		cur, n, id = &p.last4, 4, "progress-last4"
	}
	switch k {
	case "back":
		if *cur != "" {
			*cur = (*cur)[:len(*cur)-1]
		}
	case "clear":
		*cur = ""
	default:
		if len(*cur) < n {
			*cur += k
		}
	}
	delete(p.fieldErr, p.active)
	v := *cur
	if p.active == "case" && len(v) == 14 {
		p.active = "last4" // the number is complete: on to the digits
	}
	p.live.Defer(func(app.Context) {
		if el := app.Window().GetElementByID(id); el.Truthy() {
			el.Set("value", v)
		}
	})
}

func (p *ProgressPage) Render() app.UI {
	return p.frame(tabHome, p.t("progress.title"),
		app.Div().Class("kiosk").Body(
			app.P().Class("lead kiosk-lead").Text(p.t("progress.lead")),
			app.Div().ID("progress-answer-box").Body(p.answer()),
			app.If(p.result == nil, func() app.UI { return p.form() }),
			app.P().Class("muted small kiosk-privacy").Text(p.t("progress.privacy")),
		),
	)
}

func (p *ProgressPage) form() app.UI {
	caseErr, lastErr := p.fieldErr["case"], p.fieldErr["last4"]
	input := func(id, which, value, errText string, n int, hint bool) app.HTMLInput {
		return app.Input().Type("text").ID(id).Name(id).Class("input input-kiosk").Value(value).
			Attr("inputmode", "numeric").Attr("pattern", "[0-9]*").Attr("autocomplete", "off").MaxLength(n).
			Aria("invalid", boolText(errText != "")).Aria("describedby", describedBy(id, hint, errText)).
			OnInput(p.typed(which, n)).
			OnFocus(func(ctx app.Context, e app.Event) { p.active = which }, app.EventScope(which))
	}
	keyBtn := func(k, label, aria string) app.UI {
		b := app.Button().Type("button").Class("key key-"+k).ID("key-"+k).Text(label).
			OnClick(func(ctx app.Context, e app.Event) { p.key(k) }, app.EventScope(k))
		if aria != "" {
			b = b.Aria("label", aria)
		}
		return b
	}
	return app.Section().Class("panel kiosk-form").Aria("labelledby", "progress-form-title").Body(
		app.H2().ID("progress-form-title").Text(p.t("progress.form_title")),
		app.Form().ID("progress-form").Attr("novalidate", true).OnSubmit(p.submit).Body(
			field("progress-case", p.t("progress.case_no"), p.t("progress.case_hint"), caseErr,
				input("progress-case", "case", p.caseNo, caseErr, 14, true)),
			field("progress-last4", p.t("progress.last4"), p.t("progress.last4_hint"), lastErr,
				input("progress-last4", "last4", p.last4, lastErr, 4, true)),
			// The keypad is for the hall's touch screen without a keyboard; a phone has its
			// own numeric keyboard and does not show it.
			app.Div().Class("keypad").ID("keypad").Role("group").Aria("label", p.t("progress.keypad")).Body(
				app.P().Class("keypad-target muted small").Text(p.t("progress.keypad_into", p.t(map[bool]string{true: "progress.last4", false: "progress.case_no"}[p.active == "last4"]))),
				app.Div().Class("keypad-keys").Body(
					keyBtn("1", "1", ""), keyBtn("2", "2", ""), keyBtn("3", "3", ""),
					keyBtn("4", "4", ""), keyBtn("5", "5", ""), keyBtn("6", "6", ""),
					keyBtn("7", "7", ""), keyBtn("8", "8", ""), keyBtn("9", "9", ""),
					keyBtn("clear", p.t("progress.key_clear"), ""), keyBtn("0", "0", ""),
					keyBtn("back", "⌫", p.t("progress.key_back")),
				),
			),
			app.Div().Class("actions actions-2").Body(
				app.Button().Type("submit").Class("btn btn-primary btn-kiosk").ID("progress-submit").Disabled(p.busy).
					Text(p.t(map[bool]string{true: "progress.searching", false: "progress.submit"}[p.busy])),
				app.Button().Type("button").Class("btn btn-secondary btn-kiosk").ID("progress-reset").Text(p.t("progress.clear")).
					OnClick(func(ctx app.Context, e app.Event) { p.clear(ctx) }),
			),
		),
	)
}

// answer is the outcome of the last query: the case, not found, or an error.
func (p *ProgressPage) answer() app.UI {
	switch {
	case p.missing:
		return app.Div().Class("verify-box verify-bad").ID("progress-missing").Body(
			app.H2().ID("progress-answer").TabIndex(-1).Body(
				app.Span().Class("verify-mark").Aria("hidden", "true").Text("✗"),
				app.Text(p.t("progress.not_found")),
			),
			app.P().Text(p.t(map[bool]string{true: "progress.not_found_code", false: "progress.not_found_lead"}[p.code != ""])),
		)
	case p.errText != "":
		return app.P().Class("form-error").Role("alert").ID("progress-answer").TabIndex(-1).Text(p.errText)
	case p.busy:
		return app.P().Class("notice-block notice-info").Role("status").ID("progress-busy").Text(p.t("progress.searching"))
	case p.result != nil:
		return p.resultBox(*p.result)
	}
	return nil
}

func (p *ProgressPage) resultBox(pc api.PublicCase) app.UI {
	dates := map[int]string{}
	for _, s := range pc.Steps {
		if n := caseStepOf(s.Action); n > 0 && (n != 1 || dates[1] == "") {
			dates[n] = s.On
		}
	}
	status := pc.Status
	if pc.Paused && status != api.StatusPaused {
		status = api.StatusPaused
	}
	clock := &api.CaseInfo{DaysLeft: pc.DaysLeft}
	return app.Section().Class("panel kiosk-result").ID("progress-result").Aria("labelledby", "progress-answer").Body(
		app.Div().Class("app-head-row").Body(
			app.H2().ID("progress-answer").TabIndex(-1).Text(pc.Item),
			p.appStatus("progress-status", status),
		),
		p.caseStepper("progress-steps", status, dates),
		app.Dl().Class("kvs kiosk-kvs").Body(
			kvRow(p.t("apply.case_no"), app.Strong().Class("mono").ID("progress-case-no").Text(pc.CaseNo)),
			kvRow(p.t("notice.department"), app.Span().ID("progress-dept").Text(pc.Department)),
			kvRow(p.t("notice.site"), app.Span().ID("progress-site").Text(pc.Site)),
			app.If(pc.AcceptedOn != "", func() app.UI {
				return kvRow(p.t("case.accepted_on"), app.Span().ID("progress-accepted").Text(p.dayText(pc.AcceptedOn)))
			}),
			app.If(pc.DueDate != "", func() app.UI {
				return kvRow(p.t("case.due"), app.Strong().ID("progress-due").Text(p.dayLong(pc.DueDate)))
			}),
			app.If(pc.DaysLeft != nil, func() app.UI {
				return kvRow(p.t("case.left"), app.Span().Class("due-cell").Body(
					app.Strong().ID("progress-left").Text(p.daysLeftText(status, clock)),
					p.overdueBadge("progress-warn", pc.DaysLeft),
				))
			}),
			app.If(pc.CompletedOn != "", func() app.UI {
				return kvRow(p.t("case.completed"), app.Span().ID("progress-completed").Text(p.dayText(pc.CompletedOn)))
			}),
			app.If(pc.Outcome != "", func() app.UI {
				return kvRow(p.t("case.outcome"), p.outcomeBadge("progress-outcome", pc.Outcome))
			}),
		),
		app.If(len(pc.Steps) > 0, func() app.UI {
			return app.Div().Body(
				app.H3().Class("h3").ID("progress-log-title").Text(p.t("progress.log")),
				app.Ol().Class("plain progress-log").ID("progress-log").Aria("labelledby", "progress-log-title").Body(
					app.Range(pc.Steps).Slice(func(i int) app.UI {
						s := pc.Steps[i]
						return app.Li().Class("progress-log-entry").Body(
							app.Span().Class("progress-log-date").Text(p.dayText(s.On)),
							app.Span().Text(p.eventText(s.Action)),
						)
					}),
				),
			)
		}),
		app.Button().Type("button").Class("btn btn-primary btn-block btn-kiosk").ID("progress-clear").Text(p.t("progress.again")).
			OnClick(func(ctx app.Context, e app.Event) { p.clear(ctx) }),
	)
}
