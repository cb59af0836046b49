package pages

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"portal/app/api"
)

// The cases a window handles after pre-review (办件): accept (受理), handle, pause and
// resume the clock, complete (办结); the applicant's progress and rating (好差评); the
// public progress query; the window's rating device; bad-review rectifications (整改).

// Case views of GET /cases, in the order of the page's tabs.
var caseViews = []string{"todo", "running", "warnings", "closed"}

// runningStatus: the case's clock runs or is paused.
func runningStatus(s string) bool {
	return s == api.StatusAccepted || s == api.StatusInProgress || s == api.StatusPaused
}

// caseStatus: the application has become a case (accepted or after).
func caseStatus(s string) bool {
	return runningStatus(s) || s == api.StatusCompleted || s == api.StatusTerminated
}

// atWindow reports whether the person works at a window (staff or chief).
func (b *base) atWindow() bool {
	return b.user != nil && (b.user.Role == "staff" || b.user.Role == "chief")
}

// supervising reports whether the person reads the cases of every department.
func (b *base) supervising() bool { return b.user != nil && b.user.Role == "supervisor" }

// daysLeftText says how the clock stands: 还剩 3 个工作日, 今天到期, 已超期 2 个工作日, or
// that it is paused.
func (b *base) daysLeftText(status string, c *api.CaseInfo) string {
	if c == nil || c.DaysLeft == nil {
		return ""
	}
	n := *c.DaysLeft
	var s string
	switch {
	case n < 0:
		s = b.t("case.overdue_days", -n)
	case n == 0:
		s = b.t("case.due_today")
	default:
		s = b.t("case.days_left", n)
	}
	if status == api.StatusPaused {
		return b.t("case.paused_left", s)
	}
	return s
}

// warnBadge is a running case's clock as colour and words: red 已超期, amber 即将到期,
// amber 暂停计时, or plain days left.
func (b *base) warnBadge(id, status string, c *api.CaseInfo) app.UI {
	if c == nil || c.DaysLeft == nil {
		return nil
	}
	n := *c.DaysLeft
	switch {
	case c.Warning == api.WarningRed || n < 0:
		return app.Span().ID(id).Class("badge badge-status badge-red warn-badge").Text(b.t("case.warn_red"))
	case c.Warning == api.WarningYellow:
		return app.Span().ID(id).Class("badge badge-status badge-amber warn-badge").Text(b.t("case.warn_yellow"))
	case status == api.StatusPaused:
		return nil // the days left say the clock is paused
	}
	return app.Span().ID(id).Class("badge badge-status badge-green warn-badge").Text(b.t("case.on_track"))
}

// levelName names an evaluation level: 5 非常满意 … 1 非常不满意.
func (b *base) levelName(level int) string { return b.t(fmt.Sprintf("eval.level.%d", level)) }

// eventText names an event's action in words.
func (b *base) eventText(action string) string {
	what := b.t("event." + action)
	if what == "event."+action {
		return action
	}
	return what
}

// timeline lists an application's events in the order they happened: when, what, who
// (with their role) and the note.
func (b *base) timeline(id string, events []api.AppEvent, names map[string]string) app.UI {
	return app.Ol().Class("timeline-list").ID(id).Body(
		app.Range(events).Slice(func(i int) app.UI {
			e := events[i]
			detail := b.eventDetail(e, names)
			who := e.Actor
			if e.Role != "" {
				if r := b.t("role." + e.Role); r != "role."+e.Role {
					if who == "" {
						who = r
					} else {
						who += b.t("case.role_paren", r)
					}
				}
			}
			return app.Li().Class("tl-entry tl-"+e.Action).DataSet("action", e.Action).Body(
				app.Div().Class("tl-head").Body(
					app.Strong().Class("tl-what").Text(b.eventText(e.Action)),
					app.Time().Class("tl-when muted small").DateTime(e.At.Format(time.RFC3339)).Text(b.whenLong(e.At)),
				),
				app.If(who != "", func() app.UI { return app.P().Class("tl-who small").Text(who) }),
				app.If(detail != "", func() app.UI { return app.P().Class("tl-note").Text(detail) }),
			)
		}),
	)
}

// materialNames maps material ids to names, for the timeline.
func materialNames(ms []api.AppMaterial) map[string]string {
	out := map[string]string{}
	for _, m := range ms {
		out[m.MaterialID] = m.Name
	}
	return out
}

// CasesPage is the window's case desk (/cases): the cases waiting for acceptance, running,
// warned and closed, with the yellow and red warnings counted at the top. Supervisors read
// every department's cases (督办预警) without acting on them.
type CasesPage struct {
	base
	view    string
	list    api.CaseList
	loaded  bool
	errText string
	seq     int               // which load is the latest; an older answer is dropped
	depts   map[string]string // department code → name, for the supervisor's column
}

func (p *CasesPage) OnMount(ctx app.Context) {
	p.mountBase(ctx)
	ctx.ObserveState(stateUser, &p.user).OnChange(func() { p.load(ctx) })
}

func (p *CasesPage) OnNav(ctx app.Context) {
	view := ctx.Page().URL().Query().Get("view")
	if !containsString(caseViews, view) {
		view = ""
	}
	if view != p.view {
		p.view, p.list, p.loaded, p.errText = view, api.CaseList{}, false, ""
	}
	p.load(ctx)
}

// current is the view shown: the one asked for, else what the role starts with.
func (p *CasesPage) current() string {
	if p.view != "" {
		return p.view
	}
	if p.supervising() {
		return "warnings"
	}
	return "todo"
}

func (p *CasesPage) load(ctx app.Context) {
	if app.IsServer || !(p.atWindow() || p.supervising()) {
		return
	}
	p.seq++
	seq, view, needDepts := p.seq, p.current(), p.supervising() && p.depts == nil
	ctx.Async(func() {
		c := context.Background()
		var list api.CaseList
		err := remote().Do(c, "GET", "/cases?view="+url.QueryEscape(view), nil, &list)
		var depts map[string]string
		if needDepts {
			if ds, derr := catalog().Departments(c); derr == nil {
				depts = map[string]string{}
				for _, d := range ds {
					depts[d.Code] = d.Name
				}
			}
		}
		ctx.Dispatch(func(ctx app.Context) {
			if depts != nil {
				p.depts = depts
			}
			if seq != p.seq {
				return
			}
			p.loaded = true
			if err != nil {
				p.errText = p.errorText(err)
				return
			}
			p.list, p.errText = list, ""
		})
	})
}

func (p *CasesPage) refresh(ctx app.Context, e app.Event) { p.load(p.live) }

func (p *CasesPage) Render() app.UI {
	title := p.t("case.list_title")
	if p.supervising() {
		title = p.t("case.supervise_title")
	}
	if p.user == nil {
		return p.frame("cases", title, signInTo(&p.base, "/cases"))
	}
	if !p.atWindow() && !p.supervising() {
		return p.frame("cases", title, emptyState(p.t("case.window_only"), app.A().Class("btn btn-primary").Href("/home").Text(p.t("nav.desk"))))
	}
	view := p.current()
	l := p.list
	return p.frame("cases", title,
		app.If(p.supervising(), func() app.UI { return app.P().Class("muted").ID("cases-readonly").Text(p.t("case.readonly_lead")) }),
		app.Div().Class("stats warn-stats").ID("warn-counts").Body(
			app.A().Class("stat stat-link stat-yellow").ID("count-yellow").Href("/cases?view=warnings").Body(
				app.Span().Class("stat-value").Text(fmt.Sprint(l.Yellow)),
				app.Span().Class("stat-label").Body(badge("badge-amber", p.t("case.warn_yellow")), app.Text(" "+p.t("case.yellow_label"))),
			),
			app.A().Class("stat stat-link stat-red").ID("count-red").Href("/cases?view=warnings").Body(
				app.Span().Class("stat-value").Text(fmt.Sprint(l.Red)),
				app.Span().Class("stat-label").Body(badge("badge-red", p.t("case.warn_red")), app.Text(" "+p.t("case.red_label"))),
			),
		),
		app.Nav().Aria("label", p.t("case.views")).Body(
			app.Ul().Class("chips view-chips").ID("case-views").Body(
				app.Range(caseViews).Slice(func(i int) app.UI {
					v := caseViews[i]
					a := app.A().Class("chip").ID("view-" + v).Href("/cases?view=" + v).Text(p.t("case.view." + v))
					if v == view {
						a = a.Class("chip chip-selected").Aria("current", "page")
					}
					return app.Li().Body(a)
				}),
			),
		),
		messages("cases-messages", "", p.errText),
		app.Div().Class("toolbar-row").Body(
			app.P().Class("muted").ID("cases-lead").Text(p.t("case.lead."+view)),
			app.Button().Type("button").Class("btn btn-secondary btn-small").ID("cases-refresh").Text(p.t("review.refresh")).OnClick(p.refresh),
		),
		app.If(!p.loaded, func() app.UI { return app.P().Role("status").Text(p.t("desk.loading")) }),
		app.If(p.loaded && len(l.Cases) == 0 && p.errText == "", func() app.UI {
			return emptyState(p.t("case.empty."+view), nil)
		}),
		app.If(len(l.Cases) > 0, func() app.UI { return p.table(view) }),
	)
}

func (p *CasesPage) table(view string) app.UI {
	l := p.list.Cases
	all := p.supervising()
	return app.Div().Class("table-wrap").Body(
		app.Table().Class("table table-stack").ID("cases-table").Body(
			app.Caption().Class("visually-hidden").Text(p.t("case.caption", p.t("case.view."+view), len(l))),
			app.THead().Body(app.Tr().Body(
				app.Th().Scope("col").Text(p.t("apply.case_no")),
				app.Th().Scope("col").Text(p.t("appt.item")),
				app.If(all, func() app.UI { return app.Th().Scope("col").Text(p.t("case.department")) }),
				app.Th().Scope("col").Text(p.t("review.applicant")),
				app.Th().Scope("col").Text(p.t("staff.status")),
				app.Th().Scope("col").Text(p.t("case.due")),
				app.Th().Scope("col").Text(p.t("staff.action")),
			)),
			app.TBody().Body(app.Range(l).Slice(func(i int) app.UI { return p.row(l[i], all) })),
		),
	)
}

func (p *CasesPage) row(a api.Application, all bool) app.UI {
	td := func(label string) app.HTMLTd { return app.Td().DataSet("label", label) }
	c := a.Case
	due := app.UI(app.Span().Class("muted").Text(p.t("case.not_accepted_yet")))
	if a.Status == "passed" && a.SubmittedAt != nil {
		due = app.Span().Class("muted").Text(p.t("case.submitted_on", p.dayText(inCentre(*a.SubmittedAt).Format(time.DateOnly))))
	}
	if c != nil {
		due = app.Div().Class("due-cell").Body(
			app.Span().Class("due-date").Text(p.dayText(c.DueDate)),
			app.If(c.DaysLeft != nil, func() app.UI {
				return app.Span().Class("due-left").Text(p.daysLeftText(a.Status, c))
			}),
			p.warnBadge("warn-"+a.CaseNo, a.Status, c),
			app.If(c.CompletedOn != "", func() app.UI {
				return app.Span().Class("muted small").Text(p.t("case.completed_on", p.dayText(c.CompletedOn)))
			}),
			app.If(c.OnTime != nil, func() app.UI { return p.onTimeBadge(*c.OnTime) }),
		)
	}
	label := p.t("case.open")
	if a.Status == "passed" && !all {
		label = p.t("case.handle")
	}
	cls := "case-row"
	if c != nil && (c.Warning == api.WarningRed || (c.DaysLeft != nil && *c.DaysLeft < 0)) {
		cls += " case-row-red"
	} else if c != nil && c.Warning == api.WarningYellow {
		cls += " case-row-yellow"
	}
	return app.Tr().Class(cls).ID("case-"+a.CaseNo).Body(
		td(p.t("apply.case_no")).Body(app.Span().Class("mono").Text(a.CaseNo)),
		td(p.t("appt.item")).Text(a.ItemName),
		app.If(all, func() app.UI { return td(p.t("case.department")).Text(p.deptName(a)) }),
		td(p.t("review.applicant")).Text(a.Applicant),
		td(p.t("staff.status")).Body(p.appStatus("case-status-"+a.CaseNo, a.Status)),
		td(p.t("case.due")).Body(due),
		td(p.t("staff.action")).Body(
			app.A().Class("btn btn-primary btn-small").ID("open-case-"+a.CaseNo).Href("/cases/"+url.PathEscape(a.ID)).
				Aria("label", label+p.t("common.colon")+a.CaseNo).Text(label),
		),
	)
}

// apiError says what went wrong in the catalog's words for the error's code (error.<code>),
// in the page's language; the server's message when the catalog does not know the code.
func (b *base) apiError(err error) string {
	if code := errCode(err); code != "" {
		if msg := b.t("error." + code); msg != "error."+code {
			return msg
		}
	}
	return b.errorText(err)
}

// focusMessages is the outcome box of a page with an element that takes the focus, so a
// result is read out where it appears.
func focusMessages(id, okText, errText string) app.UI {
	return app.Div().ID(id).Class("messages").Body(
		app.If(okText != "", func() app.UI {
			return app.P().Class("form-ok").Role("status").ID(id + "-ok").TabIndex(-1).Text(okText)
		}),
		app.If(errText != "", func() app.UI {
			return app.P().Class("form-error").Role("alert").ID(id + "-error").TabIndex(-1).Text(errText)
		}),
	)
}

// caseStepOf is the step of the case's journey (1 提交 … 5 办结) an event or public step
// completes, 0 for none.
func caseStepOf(action string) int {
	switch action {
	case "submitted":
		return 1
	case "passed":
		return 2
	case "accepted", "accepted_pending":
		return 3
	case "started":
		return 4
	case "completed", "completed_approved", "completed_denied", "terminated", "not_accepted":
		return 5
	}
	return 0
}

// caseStepKeys name the five steps.
var caseStepKeys = []string{"case.step.submit", "case.step.review", "case.step.accept", "case.step.handle", "case.step.done"}

// caseStepper shows where a case is on its way, 提交 → 预审 → 受理 → 办理 → 办结, each step
// done with its date (dates: step → YYYY-MM-DD), the current one marked; a case stopped
// (不予受理, 终止办理) shows where it stopped in words.
func (b *base) caseStepper(id, status string, dates map[int]string) app.UI {
	current, stop := 0, 0
	switch status {
	case "pre_review", "needs_correction":
		current = 2
	case "passed":
		current = 3
	case api.StatusAccepted, api.StatusInProgress, api.StatusPaused:
		current = 4
	case api.StatusCompleted:
		current = 5
	case api.StatusTerminated:
		stop = 5
	case "not_accepted":
		stop = 2
		if dates[2] != "" {
			stop = 3
		}
	}
	return app.Ol().Class("steps case-steps").ID(id).Aria("label", b.t("apply.steps")).Body(
		app.Range(caseStepKeys).Slice(func(i int) app.UI {
			n := i + 1
			label := b.t(caseStepKeys[i])
			cls := "step"
			done := n < current || (n == current && n == 5) || (stop > 0 && n < stop)
			switch {
			case stop == n:
				cls, label = "step step-stop step-current", b.t("apply.status."+status)
			case done && n == current:
				cls = "step step-done step-current"
			case done:
				cls = "step step-done"
			case n == current:
				cls = "step step-current"
			}
			if status == api.StatusPaused && n == 4 {
				label = b.t("apply.status.paused")
			}
			li := app.Li().Class(cls).DataSet("step", n)
			if n == current || n == stop {
				li = li.Aria("current", "step")
			}
			date := dates[n]
			if n == stop {
				date = dates[5] // 不予受理 and 终止办理 close the case
			}
			return li.Body(
				app.Span().Class("step-label").Text(label),
				app.If(date != "" && (done || n == stop), func() app.UI {
					return app.Span().Class("step-date").Text(b.dayShort(date))
				}),
			)
		}),
	)
}

// eventDates are the dates each step of the journey was done on, from an application's
// events (the first submission; the latest pass, acceptance, start and close).
func eventDates(events []api.AppEvent) map[int]string {
	out := map[int]string{}
	for _, e := range events {
		n := caseStepOf(e.Action)
		if n == 0 || (n == 1 && out[1] != "") {
			continue
		}
		out[n] = inCentre(e.At).Format(time.DateOnly)
	}
	return out
}

// eventDetail is what an event's note says, in words: the material an upload was for, the
// kind of a pause, or the note itself.
func (b *base) eventDetail(e api.AppEvent, names map[string]string) string {
	switch e.Action {
	case "paused": // "expert_review: why"
		if kind, note, ok := strings.Cut(e.Note, ": "); ok && containsString(pauseKinds, kind) {
			return b.t("case.pause."+kind) + b.t("common.colon") + note
		}
	case "uploaded", "removed", "reused", "pending_supplied":
		mid, _, _ := strings.Cut(e.Note, " ")
		if n := names[mid]; n != "" {
			return n
		}
		if e.Action != "pending_supplied" {
			return ""
		}
	}
	return e.Note
}

// deptName names a case's department (the list may send only its code).
func (p *CasesPage) deptName(a api.Application) string {
	if a.DepartmentName != "" {
		return a.DepartmentName
	}
	if n := p.depts[a.DepartmentCode]; n != "" {
		return n
	}
	return a.DepartmentCode
}

// outcomeBadge shows a case's outcome, a denial in red.
func (b *base) outcomeBadge(id, outcome string) app.UI {
	cls := "badge badge-status badge-green"
	if outcome == api.OutcomeDenied {
		cls = "badge badge-status badge-red"
	}
	return app.Span().Class(cls).ID(id).Text(b.t("case.outcome." + outcome))
}

// onTimeBadge says whether a case was completed by its due date.
func (b *base) onTimeBadge(onTime bool) app.UI {
	if onTime {
		return badge("badge-green", b.t("case.on_time"))
	}
	return badge("badge-red", b.t("case.late"))
}

// overdueBadge is the one warning the applicant and the public see: 已超期.
func (b *base) overdueBadge(id string, days *int) app.UI {
	if days == nil || *days >= 0 {
		return nil
	}
	return app.Span().ID(id).Class("badge badge-status badge-red warn-badge").Text(b.t("case.warn_red"))
}
