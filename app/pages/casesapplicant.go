package pages

import (
	"context"
	"fmt"
	"net/url"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"portal/app/api"
	"portal/app/client"
)

// The applicant's side of a case, on the application page: the clock, pending materials,
// and the rating once it is completed.

// evalLevels are the five levels of 好差评, best first.
var evalLevels = []int{5, 4, 3, 2, 1}

// evalForm is the applicant's rating in the making.
type evalForm struct {
	level   int
	comment string
	err     string // next to the levels
	busy    bool
	done    bool // rated just now: the thanks are shown
}

// pageTitle: 网上预审 while the application is in pre-review, 我的办件 once it has passed.
func (p *ApplicationPage) pageTitle() string {
	if p.app.Status == "passed" || caseStatus(p.app.Status) {
		return p.t("case.applicant_title")
	}
	return p.t("apply.title")
}

// withdrawable: the applicant may still withdraw (撤回) the application.
func withdrawable(status string) bool {
	switch status {
	case "draft", "pre_review", "passed", api.StatusAccepted, api.StatusInProgress, api.StatusPaused:
		return true
	}
	return false
}

// supplying reports whether m is a material accepted as pending (容缺) that the applicant
// may now send.
func (p *ApplicationPage) supplying(m api.AppMaterial) bool {
	if !p.own() || !runningStatus(p.app.Status) || p.app.Case == nil {
		return false
	}
	for _, pm := range p.app.Case.Pending {
		if pm.MaterialID == m.MaterialID {
			return !pm.Supplied
		}
	}
	return m.Status == "pending"
}

// caseBox is the case as the applicant follows it: the due date and working days left
// (or that the clock is paused, or overdue), the pauses, the materials still to send, the
// outcome and the rating.
func (p *ApplicationPage) caseBox() app.UI {
	a, c := p.app, p.app.Case
	var lead app.UI
	switch a.Status {
	case api.StatusAccepted, api.StatusInProgress:
		lead = app.P().Class("notice-block notice-info").ID("case-lead").Role("status").Text(p.t("case.applicant_running", a.DepartmentName))
	case api.StatusPaused:
		note := ""
		for _, ps := range c.Pauses {
			if ps.EndedOn == "" {
				note = p.t("case.pause."+ps.Kind) + p.t("common.colon") + ps.Note
			}
		}
		lead = app.P().Class("notice-block notice-warn").ID("case-lead").Role("status").Text(p.t("case.applicant_paused", note))
	case api.StatusCompleted:
		key := "case.applicant_approved"
		cls := "outcome outcome-pass"
		if c.Outcome == api.OutcomeDenied {
			key, cls = "case.applicant_denied", "outcome outcome-reject"
		}
		lead = app.Div().Class(cls).ID("case-lead").Body(
			app.H2().ID("case-done-title").Text(p.t(key)),
			app.If(c.Reason != "", func() app.UI { return app.P().Text(p.t("notice.reasons_label") + c.Reason) }),
		)
	case api.StatusTerminated:
		lead = app.Div().Class("outcome outcome-reject").ID("case-lead").Body(
			app.H2().Text(p.t("case.applicant_terminated")),
			app.If(c.Reason != "", func() app.UI { return app.P().Text(p.t("notice.reasons_label") + c.Reason) }),
		)
	}
	var noticeLink app.UI
	if a.NoticeID != "" && p.notice != nil && (p.notice.Kind == "accepted" || p.notice.Kind == "completed") {
		noticeLink = app.Div().Class("actions").Body(
			app.A().Class("btn btn-secondary").ID("case-notice-link").
				Href("/notices/" + url.PathEscape(a.NoticeID) + "?app=" + url.QueryEscape(a.ID)).
				Text(p.t("case.open_notice", p.t("notice.kind."+p.notice.Kind))))
	}
	return app.Div().ID("case-box").Body(
		lead,
		caseClock(&p.base, a.Status, c, false),
		noticeLink,
		app.If(a.Status == api.StatusCompleted && p.own(), func() app.UI { return p.evaluation() }),
	)
}

// evaluation is the rating of a completed case: five levels as large radio buttons in a
// fieldset, an optional comment; once rated, the rating given.
func (p *ApplicationPage) evaluation() app.UI {
	c := p.app.Case
	if e := c.Evaluation; e != nil {
		return app.Section().Class("panel eval-given").ID("eval-given").Aria("labelledby", "eval-title").Body(
			app.H2().ID("eval-title").TabIndex(-1).Text(p.t("eval.yours")),
			app.P().Class("eval-level").ID("eval-level").Body(
				app.Span().Class("eval-stars").Aria("hidden", "true").Text(stars(e.Level)),
				app.Strong().Text(p.t("eval.given", p.levelName(e.Level), e.Level)),
			),
			app.If(e.Comment != "", func() app.UI { return app.P().ID("eval-comment").Text(e.Comment) }),
			app.P().Class("muted small").Text(p.t("eval.given_on", p.whenLong(e.CreatedAt))),
			app.If(p.eval.done, func() app.UI { return app.P().Class("form-ok").ID("eval-thanks").Text(p.t("eval.thanks")) }),
			app.If(e.Level <= 2, func() app.UI { return app.P().Class("muted").ID("eval-followup").Text(p.t("eval.bad_followup")) }),
		)
	}
	if !c.CanEvaluate {
		return nil
	}
	f := &p.eval
	return app.Section().Class("panel eval-box").ID("eval-box").Aria("labelledby", "eval-title").Body(
		app.H2().ID("eval-title").Text(p.t("eval.title")),
		app.P().Class("muted").Text(p.t("eval.lead")),
		app.Form().ID("eval-form").Attr("novalidate", true).OnSubmit(p.rate).Body(
			app.FieldSet().Class("eval-levels").ID("eval-levels").Aria("invalid", boolText(f.err != "")).
				Aria("describedby", map[bool]string{true: "eval-levels-error", false: ""}[f.err != ""]).Body(
				app.Legend().Text(p.t("eval.legend")),
				app.Range(evalLevels).Slice(func(i int) app.UI {
					lv := evalLevels[i]
					id := fmt.Sprintf("eval-%d", lv)
					return app.Label().Class(fmt.Sprintf("eval-choice eval-choice-%d", lv)).For(id).Body(
						app.Input().Type("radio").ID(id).Name("eval-level").Value(lv).Checked(f.level == lv).
							OnChange(func(ctx app.Context, e app.Event) { p.eval.level, p.eval.err = lv, "" }, app.EventScope(id)),
						app.Span().Class("eval-name").Text(p.levelName(lv)),
						app.Span().Class("eval-stars").Aria("hidden", "true").Text(stars(lv)),
					)
				}),
				app.If(f.err != "", func() app.UI {
					return app.P().Class("field-error").ID("eval-levels-error").Role("alert").Text(f.err)
				}),
			),
			app.Div().Class("field").Body(
				app.Label().For("eval-comment-input").Text(p.t("eval.comment")),
				app.P().Class("hint").ID("eval-comment-input-hint").Text(p.t("eval.comment_hint")),
				app.Textarea().ID("eval-comment-input").Class("input").Rows(3).MaxLength(500).Aria("describedby", "eval-comment-input-hint").
					OnInput(func(ctx app.Context, e app.Event) { p.eval.comment = ctx.JSSrc().Get("value").String() }),
			),
			app.Button().Type("submit").Class("btn btn-primary btn-block").ID("eval-submit").Disabled(f.busy).
				Text(p.t(map[bool]string{true: "eval.sending", false: "eval.submit"}[f.busy])),
		),
	)
}

// stars draws a level as five stars, for the eye; the words say it for everyone.
func stars(level int) string {
	level = max(0, min(level, 5))
	return strings.Repeat("★", level) + strings.Repeat("☆", 5-level)
}

// rate sends the rating (POST /cases/{id}/evaluation) and shows the case with it.
func (p *ApplicationPage) rate(ctx app.Context, e app.Event) {
	e.PreventDefault()
	f := &p.eval
	if f.busy {
		return
	}
	if f.level == 0 {
		f.err = p.t("eval.level_required")
		p.live.Defer(func(app.Context) { focusID("eval-5") })
		return
	}
	f.busy, f.err, p.errText, p.okText = true, "", "", ""
	id := p.app.ID
	req := api.EvaluationRequest{Level: f.level, Comment: strings.TrimSpace(f.comment)}
	ctx = p.live
	ctx.Async(func() {
		var ev api.Evaluation
		err := remote().Do(context.Background(), "POST", "/cases/"+url.PathEscape(id)+"/evaluation", req, &ev)
		ctx.Dispatch(func(ctx app.Context) {
			p.eval.busy = false
			if id != p.app.ID || p.app.Case == nil {
				return
			}
			if err != nil {
				if client.IsStatus(err, 409) {
					p.errText = p.apiError(err)
					p.load(ctx) // rated already (another device): show that rating
					ctx.Defer(func(app.Context) { focusID("eval-title") })
					return
				}
				p.eval.err = p.apiError(err)
				if msg := fieldErrors(err)["level"]; msg != "" {
					p.eval.err = msg
				}
				return
			}
			k := *p.app.Case
			k.Evaluation, k.CanEvaluate = &ev, false
			p.app.Case = &k
			p.eval.done = true
			p.loadEvents(ctx)
			ctx.Defer(func(app.Context) { focusID("eval-title") })
		})
	})
}
