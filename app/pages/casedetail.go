package pages

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"portal/app/api"
	"portal/app/client"
)

// pauseKinds are the reasons the clock may stop (行政许可法 art. 45).
var pauseKinds = []string{"correction", "expert_review", "hearing", "site_survey"}

// CasePage is one case at the window (/cases/{id}): its materials, its clock (accepted on,
// promised days, due date, days left, pauses, pending materials), its timeline, and the
// steps the window may take in its status: accept (容缺 or on the spot), not accept, start,
// pause and resume the clock, complete. Supervisors see it without the steps.
type CasePage struct {
	base
	id       string
	app      api.Application
	events   []api.AppEvent
	handling string // the item's handling (instant or promise), before the case has its own
	loaded   bool
	notFound bool
	busy     bool
	errText  string
	okText   string
	fieldErr map[string]string
	views    map[string]string // material id → short-lived file URL shown inline
	viewErr  map[string]string

	pendingOn  bool            // 容缺受理
	pending    map[string]bool // material id → accepted as pending
	pendingDue string
	acceptNote string
	refusing   bool // 不予受理 asks for reasons, once
	refuseWhy  string
	pauseKind  string
	pauseNote  string
	outcome    string // approved or denied
	reason     string
	completing bool // 办结 asks once
}

func (p *CasePage) maps() {
	if p.fieldErr == nil {
		p.fieldErr, p.views, p.viewErr, p.pending = map[string]string{}, map[string]string{}, map[string]string{}, map[string]bool{}
	}
}

func (p *CasePage) OnMount(ctx app.Context) {
	p.mountBase(ctx)
	p.maps()
	ctx.ObserveState(stateUser, &p.user).OnChange(func() { p.load(ctx) })
}

func (p *CasePage) OnNav(ctx app.Context) {
	p.maps()
	id := codeFromPath(ctx.Page().URL())
	if id != p.id {
		p.id, p.app, p.events, p.handling = id, api.Application{}, nil, ""
		p.loaded, p.notFound, p.errText, p.okText = false, false, "", ""
		p.resetForms()
		p.views, p.viewErr = map[string]string{}, map[string]string{}
	}
	p.load(ctx)
}

func (p *CasePage) resetForms() {
	p.fieldErr, p.pending = map[string]string{}, map[string]bool{}
	p.pendingOn, p.pendingDue, p.acceptNote, p.refusing, p.refuseWhy = false, "", "", false, ""
	p.pauseKind, p.pauseNote, p.outcome, p.reason, p.completing = pauseKinds[0], "", api.OutcomeApproved, "", false
}

// acting reports whether the person may take the case's steps (the server decides who may
// accept and complete).
func (p *CasePage) acting() bool { return p.atWindow() }

func (p *CasePage) load(ctx app.Context) {
	if app.IsServer || !(p.atWindow() || p.supervising()) || p.id == "" {
		return
	}
	id := p.id
	ctx.Async(func() {
		c := context.Background()
		var a api.Application
		err := remote().Do(c, "GET", "/applications/"+url.PathEscape(id), nil, &a)
		var events api.AppEventList
		handling := ""
		if err == nil {
			remote().Do(c, "GET", "/applications/"+url.PathEscape(id)+"/events", nil, &events)
			if a.Case != nil {
				handling = a.Case.Handling
			} else if it, ierr := catalog().Item(c, a.ItemCode); ierr == nil {
				handling = it.Handling
			}
		}
		ctx.Dispatch(func(ctx app.Context) {
			if id != p.id {
				return
			}
			p.loaded = true
			if err != nil {
				p.notFound = client.IsStatus(err, 404)
				p.errText = p.apiError(err)
				return
			}
			p.app, p.events, p.handling = a, events.Events, handling
			ctx.Page().SetTitle(p.t("case.title") + " " + a.CaseNo)
		})
	})
}

func (p *CasePage) loadEvents(ctx app.Context) {
	id := p.app.ID
	ctx.Async(func() {
		var events api.AppEventList
		err := remote().Do(context.Background(), "GET", "/applications/"+url.PathEscape(id)+"/events", nil, &events)
		ctx.Dispatch(func(ctx app.Context) {
			if err == nil && id == p.app.ID {
				p.events = events.Events
			}
		})
	})
}

// act takes one step of the case with the version of the application that was loaded.
// When someone else moved the case first the server answers 409: the page says so in the
// catalog's words and shows the case as it now is.
func (p *CasePage) act(step string, body any, okText string) {
	if p.busy {
		return
	}
	p.busy, p.errText, p.okText = true, "", ""
	id := p.app.ID
	ctx := p.live // the button pressed may be gone when the answer comes
	ctx.Async(func() {
		var a api.Application
		err := remote().Do(context.Background(), "POST", "/cases/"+url.PathEscape(id)+"/"+step, body, &a)
		ctx.Dispatch(func(ctx app.Context) {
			p.busy = false
			if id != p.app.ID {
				return
			}
			if err != nil {
				p.errText = p.apiError(err)
				for k, msg := range fieldErrors(err) {
					p.fieldErr[step+"."+k] = msg
				}
				p.refusing, p.completing = false, false
				if client.IsStatus(err, 409) {
					p.load(ctx)
				}
				ctx.Defer(func(app.Context) { focusID("case-messages-error") })
				return
			}
			p.app = a
			if a.Case != nil {
				p.handling = a.Case.Handling
			}
			p.resetForms()
			p.okText = okText
			p.loadEvents(ctx)
			ctx.Defer(func(app.Context) { focusID("case-messages-ok") })
		})
	})
}

func (p *CasePage) setPendingDue(ctx app.Context, e app.Event) {
	p.pendingDue = ctx.JSSrc().Get("value").String()
	if p.pendingDue != "" {
		p.fixed("accept.pending_due")
	}
}

// fixed drops a field's error once the person has changed the field, and the summary
// above when no error is left.
func (p *CasePage) fixed(key string) {
	delete(p.fieldErr, key)
	if len(p.fieldErr) == 0 && p.errText == p.t("form.fix_errors") {
		p.errText = ""
	}
}

// tomorrow is the first day pending materials may be due.
func tomorrow() string {
	return time.Now().In(centreZone).AddDate(0, 0, 1).Format(time.DateOnly)
}

func (p *CasePage) accept(completeNow bool) {
	p.fieldErr = map[string]string{}
	req := api.AcceptRequest{Version: p.app.Version, Note: strings.TrimSpace(p.acceptNote), CompleteNow: completeNow}
	if p.pendingOn && !completeNow {
		for _, m := range p.app.Materials {
			if p.pending[m.MaterialID] {
				req.Pending = append(req.Pending, m.MaterialID)
			}
		}
		if len(req.Pending) == 0 {
			p.fieldErr["accept.pending"] = p.t("case.pending_pick")
		}
		switch {
		case p.pendingDue == "":
			p.fieldErr["accept.pending_due"] = p.t("case.pending_due_required")
		case p.pendingDue < tomorrow():
			p.fieldErr["accept.pending_due"] = p.t("case.pending_due_future")
		}
		req.PendingDue = p.pendingDue
	}
	if len(p.fieldErr) > 0 {
		p.errText = p.t("form.fix_errors")
		p.live.Defer(func(app.Context) { focusID("case-messages-error") })
		return
	}
	ok := p.t("case.accepted_ok", p.app.CaseNo)
	switch {
	case completeNow:
		ok = p.t("case.accepted_completed_ok", p.app.CaseNo)
	case len(req.Pending) > 0:
		ok = p.t("case.accepted_pending_ok", p.app.CaseNo, p.dayText(req.PendingDue))
	}
	p.act("accept", req, ok)
}

func (p *CasePage) refuse(ctx app.Context, e app.Event) {
	p.fieldErr = map[string]string{}
	why := strings.TrimSpace(p.refuseWhy)
	if why == "" {
		p.fieldErr["refuse.reason"] = p.t("case.refuse_reason_required")
		p.live.Defer(func(app.Context) { focusID("refuse-reason") })
		return
	}
	p.act("refuse", api.RefuseRequest{Version: p.app.Version, Reason: why}, p.t("case.refused_ok", p.app.CaseNo))
}

func (p *CasePage) start(ctx app.Context, e app.Event) {
	p.act("start", api.CaseStepRequest{Version: p.app.Version}, p.t("case.started_ok"))
}

func (p *CasePage) pause(ctx app.Context, e app.Event) {
	p.fieldErr = map[string]string{}
	note := strings.TrimSpace(p.pauseNote)
	if note == "" {
		p.fieldErr["pause.note"] = p.t("case.pause_note_required")
		p.live.Defer(func(app.Context) { focusID("pause-note") })
		return
	}
	p.act("pause", api.PauseRequest{Version: p.app.Version, Kind: p.pauseKind, Note: note},
		p.t("case.paused_ok", p.t("case.pause."+p.pauseKind)))
}

func (p *CasePage) resume(ctx app.Context, e app.Event) {
	p.act("resume", api.CaseStepRequest{Version: p.app.Version}, p.t("case.resumed_ok"))
}

// askComplete checks the outcome's reasons, then asks once.
func (p *CasePage) askComplete(ctx app.Context, e app.Event) {
	p.fieldErr = map[string]string{}
	if p.outcome == api.OutcomeDenied && strings.TrimSpace(p.reason) == "" {
		p.fieldErr["complete.reason"] = p.t("case.deny_reason_required")
		p.live.Defer(func(app.Context) { focusID("complete-reason") })
		return
	}
	p.completing = true
	p.live.Defer(func(app.Context) { focusID("complete-question") })
}

func (p *CasePage) complete(ctx app.Context, e app.Event) {
	req := api.CompleteRequest{Version: p.app.Version, Outcome: p.outcome, Reason: strings.TrimSpace(p.reason)}
	p.act("complete", req, p.t("case.completed_ok_"+p.outcome, p.app.CaseNo))
}

// view fetches a short-lived link to a material's file and shows the file inline; the
// button hides it again.
func (p *CasePage) view(mid string) {
	if p.views[mid] != "" {
		delete(p.views, mid)
		return
	}
	delete(p.viewErr, mid)
	id := p.app.ID
	ctx := p.live
	ctx.Async(func() {
		var d api.Download
		err := remote().Do(context.Background(), "GET", "/applications/"+url.PathEscape(id)+"/materials/"+url.PathEscape(mid)+"/download", nil, &d)
		ctx.Dispatch(func(ctx app.Context) {
			if id != p.app.ID {
				return
			}
			if err != nil {
				p.viewErr[mid] = p.apiError(err)
				return
			}
			p.views[mid] = d.URL
		})
	})
}

func (p *CasePage) Render() app.UI {
	title := p.t("case.title")
	if p.user == nil {
		return p.frame("cases", title, signInTo(&p.base, "/cases/"+p.id))
	}
	if !p.atWindow() && !p.supervising() {
		return p.frame("cases", title, emptyState(p.t("case.window_only"), app.A().Class("btn btn-primary").Href("/home").Text(p.t("nav.desk"))))
	}
	back := app.P().Body(app.A().Href("/cases").ID("to-cases").Class("back-link").Text(p.t("case.to_list")))
	if p.notFound {
		return p.frame("cases", title, emptyState(p.t("case.not_found"), app.A().Class("btn btn-primary").Href("/cases").Text(p.t("case.to_list"))))
	}
	if p.app.ID == "" {
		return p.frame("cases", title,
			messages("case-messages", "", p.errText),
			app.If(p.errText == "", func() app.UI { return app.P().Role("status").Text(p.t("desk.loading")) }),
		)
	}
	a := p.app
	return p.frame("cases", title,
		focusMessages("case-messages", p.okText, p.errText),
		app.Section().Class("panel app-head").Aria("labelledby", "case-item").Body(
			app.Div().Class("app-head-row").Body(
				app.H2().ID("case-item").Text(a.ItemName),
				p.appStatus("case-status", a.Status),
			),
			app.Dl().Class("kvs").Body(
				kvRow(p.t("apply.case_no"), app.Strong().Class("mono").ID("case-no").Text(a.CaseNo)),
				kvRow(p.t("review.applicant"), app.Span().ID("case-applicant").Text(a.Applicant)),
				kvRow(p.t("apply.where"), app.Text(a.DepartmentName+" · "+a.SiteName)),
				kvRow(p.t("guide.handling"), app.Span().ID("case-handling").Text(p.handlingText())),
				app.If(a.SubmittedAt != nil, func() app.UI {
					return kvRow(p.t("review.submitted"), app.Text(p.whenLong(*a.SubmittedAt)))
				}),
			),
			app.If(a.NoticeID != "", func() app.UI {
				return app.P().Body(app.A().Class("back-link").ID("case-notice").
					Href("/notices/" + url.PathEscape(a.NoticeID) + "?app=" + url.QueryEscape(a.ID)).Text(p.t("case.latest_notice")))
			}),
		),
		app.If(a.Case != nil, func() app.UI { return p.caseInfo() }),
		app.If(p.supervising(), func() app.UI {
			return app.P().Class("notice-block notice-info").ID("case-readonly").Text(p.t("case.readonly_note"))
		}),
		app.If(p.acting(), func() app.UI { return p.actions() }),
		p.materials(),
		app.Section().Class("panel").Aria("labelledby", "timeline-title").Body(
			app.H2().ID("timeline-title").Text(p.t("case.timeline")),
			p.timeline("case-timeline", p.events, materialNames(a.Materials)),
		),
		back,
	)
}

// handlingText: 即办件, or 承诺件 with its promised and legal days.
func (p *CasePage) handlingText() string {
	h := p.handling
	if c := p.app.Case; c != nil {
		if c.Handling == "instant" {
			return p.t("item.instant")
		}
		return p.t("case.promise_terms", c.PromisedDays, c.LegalDays)
	}
	if h == "" {
		return ""
	}
	return p.t("item." + h)
}

// caseInfo is the case's clock and outcome.
func (p *CasePage) caseInfo() app.UI {
	return caseClock(&p.base, p.app.Status, p.app.Case, true)
}

// caseClock shows a case's clock and outcome, for the window (staff: who accepted) and
// for the applicant.
func caseClock(b *base, status string, c *api.CaseInfo, staff bool) app.UI {
	closed := c.DaysLeft == nil
	return app.Section().Class("panel case-info").ID("case-info").Aria("labelledby", "case-info-title").Body(
		app.H2().ID("case-info-title").Text(b.t("case.info")),
		app.Dl().Class("kvs").Body(
			kvRow(b.t("case.accepted_on"), app.Span().ID("case-accepted-on").Text(b.dayText(c.AcceptedOn)+
				map[bool]string{true: b.t("case.by", c.AcceptedBy), false: ""}[staff && c.AcceptedBy != ""])),
			app.If(c.Handling != "instant", func() app.UI {
				return kvRow(b.t("case.promised"), app.Text(b.t("case.promise_terms", c.PromisedDays, c.LegalDays)))
			}),
			kvRow(b.t("case.due"), app.Strong().ID("case-due").Text(b.dayLong(c.DueDate))),
			app.If(!closed, func() app.UI {
				return kvRow(b.t("case.left"), app.Span().Class("due-cell").Body(
					app.Strong().ID("case-left").Text(b.daysLeftText(status, c)),
					app.If(staff, func() app.UI { return b.warnBadge("case-warn", status, c) }).
						Else(func() app.UI { return b.overdueBadge("case-warn", c.DaysLeft) }),
				))
			}),
			app.If(c.PausedDays > 0, func() app.UI {
				return kvRow(b.t("case.paused_days"), app.Span().ID("case-paused-days").Text(b.t("case.working_days", c.PausedDays)))
			}),
			app.If(c.CompletedOn != "", func() app.UI {
				return kvRow(b.t("case.completed"), app.Span().ID("case-completed-on").Text(b.dayText(c.CompletedOn)))
			}),
			app.If(c.Outcome != "", func() app.UI {
				return kvRow(b.t("case.outcome"), b.outcomeBadge("case-outcome", c.Outcome))
			}),
			app.If(c.Reason != "", func() app.UI {
				return kvRow(b.t("notice.reasons_label"), app.Span().ID("case-reason").Text(c.Reason))
			}),
			app.If(c.OnTime != nil, func() app.UI {
				return kvRow(b.t("case.timeliness"), app.Span().ID("case-on-time").Body(b.onTimeBadge(*c.OnTime)))
			}),
			app.If(staff && c.Evaluation != nil, func() app.UI {
				e := c.Evaluation
				text := b.t("eval.given", b.levelName(e.Level), e.Level)
				if e.Comment != "" {
					text += b.t("common.colon") + e.Comment
				}
				return kvRow(b.t("eval.title"), app.Span().ID("case-evaluation").Text(text))
			}),
		),
		app.If(len(c.Pauses) > 0, func() app.UI {
			return app.Div().Body(
				app.H3().Class("h3").ID("pauses-title").Text(b.t("case.pauses")),
				app.Ul().Class("plain pause-list").ID("case-pauses").Aria("labelledby", "pauses-title").Body(
					app.Range(c.Pauses).Slice(func(i int) app.UI {
						ps := c.Pauses[i]
						when := b.t("case.pause_from", b.dayText(ps.StartedOn))
						if ps.EndedOn != "" {
							when = b.t("case.pause_span", b.dayText(ps.StartedOn), b.dayText(ps.EndedOn))
						}
						return app.Li().Class("pause-entry").Body(
							app.Div().Class("pause-head").Body(
								app.Strong().Text(b.t("case.pause."+ps.Kind)),
								app.If(ps.EndedOn == "", func() app.UI { return badge("badge-amber", b.t("case.pause_open")) }),
							),
							app.P().Class("muted small").Text(when+" · "+b.t("case.working_days", ps.Days)),
							app.If(ps.Note != "", func() app.UI { return app.P().Class("pause-note").Text(ps.Note) }),
						)
					}),
				),
			)
		}),
		app.If(len(c.Pending) > 0, func() app.UI {
			return app.Div().Body(
				app.H3().Class("h3").ID("pending-title").Text(b.t("case.pending_title")),
				app.P().Class("muted small").ID("case-pending-due").Text(b.t("case.pending_due_text", b.dayLong(c.PendingDue))),
				app.Ul().Class("plain pending-list").ID("case-pending").Aria("labelledby", "pending-title").Body(
					app.Range(c.Pending).Slice(func(i int) app.UI {
						m := c.Pending[i]
						st := badge("badge-amber", b.t("case.pending_waiting"))
						if m.Supplied {
							st = badge("badge-green", b.t("case.pending_supplied"))
						}
						return app.Li().Class("pending-entry").ID("pending-"+m.MaterialID).Body(app.Span().Text(m.Name+" "), st)
					}),
				),
			)
		}),
	)
}

// actions are the steps the window may take in the case's status.
func (p *CasePage) actions() app.UI {
	switch p.app.Status {
	case "passed":
		if !p.app.MayDecide {
			return p.chiefDecides()
		}
		return p.acceptBox()
	case api.StatusAccepted:
		return app.Section().Class("panel case-actions").ID("case-actions").Aria("labelledby", "actions-title").Body(
			app.H2().ID("actions-title").Text(p.t("case.next_step")),
			app.P().Class("muted").Text(p.t("case.start_hint")),
			app.Button().Type("button").Class("btn btn-primary btn-block").ID("start-button").Disabled(p.busy).
				Text(p.t("case.start")).OnClick(p.start),
			p.pauseBox(),
			p.completeBox(),
		)
	case api.StatusInProgress:
		return app.Section().Class("panel case-actions").ID("case-actions").Aria("labelledby", "actions-title").Body(
			app.H2().ID("actions-title").Text(p.t("case.next_step")),
			p.pauseBox(),
			p.completeBox(),
		)
	case api.StatusPaused:
		return app.Section().Class("panel case-actions").ID("case-actions").Aria("labelledby", "actions-title").Body(
			app.H2().ID("actions-title").Text(p.t("case.next_step")),
			app.P().Class("muted").Text(p.t("case.resume_hint")),
			app.Button().Type("button").Class("btn btn-primary btn-block").ID("resume-button").Disabled(p.busy).
				Text(p.t("case.resume")).OnClick(p.resume),
		)
	}
	return nil
}

// chiefDecides stands in for acceptance and completion where only the chief representative
// (首席代表) may decide.
func (p *CasePage) chiefDecides() app.UI {
	return app.P().Class("notice-block").ID("chief-decides").Text(p.t("case.chief_decides"))
}

func (p *CasePage) acceptBox() app.UI {
	instant := p.handling == "instant"
	pendErr, dueErr := p.fieldErr["accept.pending"], p.fieldErr["accept.pending_due"]
	return app.Section().Class("panel case-actions").ID("case-actions").Aria("labelledby", "accept-title").Body(
		app.H2().ID("accept-title").Text(p.t("case.accept_title")),
		app.P().Class("muted").ID("accept-hint").Text(p.t("case.accept_hint")),
		app.Label().Class("check").For("accept-pending").Body(
			app.Input().Type("checkbox").ID("accept-pending").Checked(p.pendingOn).
				OnChange(func(ctx app.Context, e app.Event) { p.pendingOn = ctx.JSSrc().Get("checked").Bool() }),
			app.Span().Text(p.t("case.pending_toggle")),
		),
		app.If(p.pendingOn, func() app.UI {
			return app.Div().Class("pending-box").ID("pending-box").Body(
				app.FieldSet().ID("pending-materials").Aria("invalid", boolText(pendErr != "")).Body(
					app.Legend().Text(p.t("case.pending_legend")),
					app.Range(p.app.Materials).Slice(func(i int) app.UI {
						m := p.app.Materials[i]
						mid := m.MaterialID
						return app.Label().Class("check").For("pending-"+mid).Body(
							app.Input().Type("checkbox").ID("pending-"+mid).Checked(p.pending[mid]).
								OnChange(func(ctx app.Context, e app.Event) {
									p.pending[mid] = ctx.JSSrc().Get("checked").Bool()
									p.fixed("accept.pending")
								}, app.EventScope(mid)),
							app.Span().Text(m.Name),
						)
					}),
					app.If(pendErr != "", func() app.UI {
						return app.P().Class("field-error").ID("pending-materials-error").Role("alert").Text(pendErr)
					}),
				),
				field("pending-due", p.t("case.pending_due"), p.t("case.pending_due_hint"), dueErr,
					app.Input().Type("date").Class("input input-short").ID("pending-due").Value(p.pendingDue).Min(tomorrow()).
						Aria("invalid", boolText(dueErr != "")).Aria("describedby", describedBy("pending-due", true, dueErr)).
						OnChange(p.setPendingDue).OnInput(p.setPendingDue)),
			)
		}),
		app.Div().Class("field").Body(
			app.Label().For("accept-note").Text(p.t("case.accept_note")),
			app.Textarea().ID("accept-note").Class("input").Rows(2).MaxLength(500).
				OnInput(func(ctx app.Context, e app.Event) { p.acceptNote = ctx.JSSrc().Get("value").String() }),
		),
		app.Div().Class("decision-actions").Body(
			app.Button().Type("button").Class("btn btn-primary").ID("accept-button").Disabled(p.busy).
				Text(p.t("case.accept")).OnClick(func(ctx app.Context, e app.Event) { p.accept(false) }),
			app.If(instant && !p.pendingOn, func() app.UI {
				return app.Button().Type("button").Class("btn btn-secondary").ID("accept-complete").Disabled(p.busy).
					Text(p.t("case.accept_complete")).OnClick(func(ctx app.Context, e app.Event) { p.accept(true) })
			}),
			app.If(!p.refusing, func() app.UI {
				return app.Button().Type("button").Class("btn btn-danger").ID("refuse-button").Disabled(p.busy).
					Text(p.t("case.refuse")).OnClick(func(ctx app.Context, e app.Event) {
					p.refusing = true
					p.live.Defer(func(app.Context) { focusID("refuse-reason") })
				})
			}),
		),
		app.If(instant && !p.pendingOn, func() app.UI {
			return app.P().Class("muted small").ID("accept-complete-hint").Text(p.t("case.accept_complete_hint"))
		}),
		app.If(p.refusing, func() app.UI {
			errText := p.fieldErr["refuse.reason"]
			return app.Div().Class("confirm-box").ID("refuse-box").Role("group").Aria("labelledby", "refuse-question").Body(
				app.P().Class("confirm-question").ID("refuse-question").Text(p.t("case.refuse_question", p.app.CaseNo)),
				textareaField("refuse-reason", p.t("case.refuse_reason"), "", errText, 3, 1000, func(ctx app.Context, e app.Event) {
					p.refuseWhy = ctx.JSSrc().Get("value").String()
					p.fixed("refuse.reason")
				}),
				app.Div().Class("actions actions-2").Body(
					app.Button().Type("button").Class("btn btn-danger").ID("refuse-yes").Disabled(p.busy).Text(p.t("case.refuse_yes")).OnClick(p.refuse),
					app.Button().Type("button").Class("btn btn-secondary").ID("refuse-no").Text(p.t("case.refuse_no")).
						OnClick(func(ctx app.Context, e app.Event) {
							p.refusing = false
							delete(p.fieldErr, "refuse.reason")
							p.live.Defer(func(app.Context) { focusID("refuse-button") })
						}),
				),
			)
		}),
	)
}

func (p *CasePage) pauseBox() app.UI {
	errText := p.fieldErr["pause.note"]
	return app.Div().Class("step-box").ID("pause-box").Role("group").Aria("labelledby", "pause-title").Body(
		app.H3().Class("h3").ID("pause-title").Text(p.t("case.pause_title")),
		app.P().Class("muted small").Text(p.t("case.pause_hint")),
		app.Div().Class("field").Body(
			app.Label().For("pause-kind").Text(p.t("case.pause_kind")),
			app.Select().ID("pause-kind").Class("input").
				OnChange(func(ctx app.Context, e app.Event) { p.pauseKind = ctx.JSSrc().Get("value").String() }).Body(
				app.Range(pauseKinds).Slice(func(i int) app.UI {
					k := pauseKinds[i]
					return app.Option().Value(k).Selected(k == p.pauseKind).Text(p.t("case.pause." + k))
				}),
			),
		),
		textareaField("pause-note", p.t("case.pause_note"), "", errText, 2, 500, func(ctx app.Context, e app.Event) {
			p.pauseNote = ctx.JSSrc().Get("value").String()
			p.fixed("pause.note")
		}),
		app.Button().Type("button").Class("btn btn-warn").ID("pause-button").Disabled(p.busy).Text(p.t("case.pause")).OnClick(p.pause),
	)
}

func (p *CasePage) completeBox() app.UI {
	if !p.app.MayDecide {
		return p.chiefDecides()
	}
	errText := p.fieldErr["complete.reason"]
	denied := p.outcome == api.OutcomeDenied
	radio := func(value string) app.UI {
		id := "outcome-" + value
		return app.Label().Class("check verdict-choice verdict-"+map[bool]string{true: "deficient", false: "ok"}[value == api.OutcomeDenied]).For(id).Body(
			app.Input().Type("radio").ID(id).Name("outcome").Value(value).Checked(p.outcome == value).
				OnChange(func(ctx app.Context, e app.Event) {
					p.outcome, p.completing = value, false
					delete(p.fieldErr, "complete.reason")
				}, app.EventScope(value)),
			app.Span().Text(p.t("case.outcome."+value)),
		)
	}
	reasonLabel := p.t("case.complete_note")
	if denied {
		reasonLabel = p.t("case.deny_reason")
	}
	waiting := 0 // materials accepted as pending that have not arrived: no approval yet
	if c := p.app.Case; c != nil {
		for _, m := range c.Pending {
			if !m.Supplied {
				waiting++
			}
		}
	}
	return app.Div().Class("step-box").ID("complete-box").Role("group").Aria("labelledby", "complete-title").Body(
		app.H3().Class("h3").ID("complete-title").Text(p.t("case.complete_title")),
		app.If(waiting > 0, func() app.UI {
			return app.P().Class("notice-block notice-warn").ID("pending-blocks").Text(p.t("case.pending_blocks", waiting))
		}),
		app.FieldSet().Class("verdict").ID("outcome-choice").Body(
			app.Legend().Text(p.t("case.outcome")),
			app.Div().Class("verdict-choices").Body(radio(api.OutcomeApproved), radio(api.OutcomeDenied)),
		),
		textareaField("complete-reason", reasonLabel, "", errText, 2, 1000, func(ctx app.Context, e app.Event) {
			p.reason = ctx.JSSrc().Get("value").String()
			p.fixed("complete.reason")
		}),
		app.If(!p.completing, func() app.UI {
			return app.Button().Type("button").Class("btn btn-primary").ID("complete-button").Disabled(p.busy).
				Text(p.t("case.complete")).OnClick(p.askComplete)
		}).Else(func() app.UI {
			return app.Div().Class("confirm-box confirm-plain").ID("complete-confirm").Role("group").Aria("labelledby", "complete-question").Body(
				app.P().Class("confirm-question").ID("complete-question").TabIndex(-1).
					Text(p.t("case.complete_question", p.app.CaseNo, p.t("case.outcome."+p.outcome))),
				app.Div().Class("actions actions-2").Body(
					app.Button().Type("button").Class("btn btn-primary").ID("complete-yes").Disabled(p.busy).Text(p.t("case.complete_yes")).OnClick(p.complete),
					app.Button().Type("button").Class("btn btn-secondary").ID("complete-no").Text(p.t("case.complete_no")).
						OnClick(func(ctx app.Context, e app.Event) {
							p.completing = false
							p.live.Defer(func(app.Context) { focusID("complete-button") })
						}),
				),
			)
		}),
	)
}

// materials lists the case's materials with their files, each viewable inline.
func (p *CasePage) materials() app.UI {
	ms := p.app.Materials
	pending := map[string]api.PendingMaterial{}
	if c := p.app.Case; c != nil {
		for _, m := range c.Pending {
			pending[m.MaterialID] = m
		}
	}
	return app.Section().Aria("labelledby", "case-mats-title").Body(
		app.H2().ID("case-mats-title").Text(p.t("case.materials", len(ms))),
		app.Ol().Class("cards mat-list").ID("case-mats").Body(
			app.Range(ms).Slice(func(i int) app.UI {
				m := ms[i]
				mid := m.MaterialID
				hasFile := m.Status != "missing" && m.Filename != ""
				viewURL := p.views[mid]
				pm, isPending := pending[mid]
				fileTitle := p.t("review.file_title", m.Name, m.Filename)
				return app.Li().Class("card mat-card").ID("cmat-"+mid).Body(
					app.Div().Class("mat-head").Body(
						app.Span().Class("mat-name").Text(fmt.Sprintf("%d. %s", i+1, m.Name)),
						p.matStatus("cmat-status-"+mid, m.Status),
						app.If(isPending, func() app.UI {
							if pm.Supplied {
								return badge("badge-green", p.t("case.pending_supplied"))
							}
							return badge("badge-amber", p.t("case.pending_waiting"))
						}),
					),
					app.If(hasFile, func() app.UI {
						return app.P().Class("mat-file").Text(m.Filename + " · " + formatBytes(m.Size))
					}),
					app.If(hasFile, func() app.UI {
						label := p.t("review.view")
						if viewURL != "" {
							label = p.t("review.hide")
						}
						return app.Div().Class("actions").Body(
							app.Button().Type("button").Class("btn btn-secondary btn-small").ID("cview-"+mid).
								Aria("expanded", boolText(viewURL != "")).Aria("controls", "cviewer-"+mid).
								Aria("label", label+p.t("common.colon")+m.Name).Text(label).
								OnClick(func(ctx app.Context, e app.Event) { p.view(mid) }, app.EventScope(mid)),
							app.If(viewURL != "", func() app.UI {
								return app.A().Class("btn btn-ghost btn-small").Href(viewURL).Target("_blank").Rel("noopener").Text(p.t("review.open_tab"))
							}),
						)
					}),
					app.If(p.viewErr[mid] != "", func() app.UI { return app.P().Class("field-error").Role("alert").Text(p.viewErr[mid]) }),
					app.If(viewURL != "", func() app.UI {
						if strings.HasPrefix(m.ContentType, "image/") {
							return app.Div().Class("viewer").ID("cviewer-" + mid).Body(app.Img().Class("viewer-img").Src(viewURL).Alt(fileTitle))
						}
						return app.Div().Class("viewer").ID("cviewer-" + mid).Body(
							app.IFrame().Class("viewer-frame").Src(viewURL + "#navpanes=0&view=FitH").Title(fileTitle))
					}),
				)
			}),
		),
	)
}
