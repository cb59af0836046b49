package pages

import (
	"context"
	"net/url"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"portal/app/api"
	"portal/app/client"
)

// commonReasons are the deficiencies window staff write most, offered as one-tap chips;
// the reason stays free text.
var commonReasons = []string{"review.reason_signature", "review.reason_unclear", "review.reason_expired",
	"review.reason_mismatch", "review.reason_pages"}

// ReviewQueue is the window's pre-review queue (/review): what waits for the staff's
// department at their site, oldest first.
type ReviewQueue struct {
	base
	list    []api.Application
	loaded  bool
	errText string
}

func (q *ReviewQueue) OnMount(ctx app.Context) {
	q.mountBase(ctx)
	ctx.ObserveState(stateUser, &q.user).OnChange(func() { q.load(ctx) })
	q.load(ctx)
}

func (q *ReviewQueue) atWindow() bool {
	return q.user != nil && (q.user.Role == "staff" || q.user.Role == "chief")
}

func (q *ReviewQueue) load(ctx app.Context) {
	if !q.atWindow() {
		return
	}
	ctx.Async(func() {
		var list api.ApplicationList
		err := remote().Do(context.Background(), "GET", "/review/queue", nil, &list)
		ctx.Dispatch(func(ctx app.Context) {
			q.loaded = true
			if err != nil {
				q.errText = q.errorText(err)
				return
			}
			q.list, q.errText = list.Applications, ""
		})
	})
}

func (q *ReviewQueue) refresh(ctx app.Context, e app.Event) { q.load(ctx) }

// waited says how long an application has waited: 5分钟, 2小时5分钟, 3天2小时.
func (b *base) waited(minutes int) string {
	switch {
	case minutes < 1:
		return b.t("review.wait_now")
	case minutes < 60:
		return b.t("review.wait_m", minutes)
	case minutes < 24*60:
		return b.t("review.wait_hm", minutes/60, minutes%60)
	}
	return b.t("review.wait_dh", minutes/(24*60), minutes%(24*60)/60)
}

func (q *ReviewQueue) Render() app.UI {
	title := q.t("review.queue_title")
	if q.user == nil {
		return q.frame("review", title, signInTo(&q.base, "/review"))
	}
	if !q.atWindow() {
		return q.frame("review", title, emptyState(q.t("staff.window_only"), app.A().Class("btn btn-primary").Href("/home").Text(q.t("nav.desk"))))
	}
	caption := q.t("review.queue_caption", len(q.list))
	return q.frame("review", title,
		messages("queue-messages", "", q.errText),
		app.Div().Class("toolbar-row").Body(
			app.P().Class("muted").ID("queue-lead").Text(q.t("review.queue_lead")),
			app.Button().Type("button").Class("btn btn-secondary btn-small").ID("queue-refresh").Text(q.t("review.refresh")).OnClick(q.refresh),
		),
		app.If(!q.loaded, func() app.UI { return app.P().Role("status").Text(q.t("desk.loading")) }),
		app.If(q.loaded && len(q.list) == 0 && q.errText == "", func() app.UI {
			return emptyState(q.t("review.queue_empty"), nil)
		}),
		app.If(len(q.list) > 0, func() app.UI {
			return app.Div().Class("table-wrap").Body(
				app.Table().Class("table table-stack").ID("queue-table").Body(
					app.Caption().Class("visually-hidden").Text(caption),
					app.THead().Body(app.Tr().Body(
						app.Th().Scope("col").Text(q.t("apply.case_no")),
						app.Th().Scope("col").Text(q.t("appt.item")),
						app.Th().Scope("col").Text(q.t("review.applicant")),
						app.Th().Scope("col").Text(q.t("review.submitted")),
						app.Th().Scope("col").Text(q.t("review.waiting")),
						app.Th().Scope("col").Text(q.t("staff.action")),
					)),
					app.TBody().Body(app.Range(q.list).Slice(func(i int) app.UI { return q.row(q.list[i]) })),
				),
			)
		}),
	)
}

func (q *ReviewQueue) row(a api.Application) app.UI {
	td := func(label string) app.HTMLTd { return app.Td().DataSet("label", label) }
	submitted := ""
	if a.SubmittedAt != nil {
		submitted = q.whenLong(*a.SubmittedAt)
	}
	resubmitted := false
	for _, m := range a.Materials {
		if m.Status == "ok" {
			resubmitted = true // materials found fine in an earlier round: this is a resubmission
		}
	}
	return app.Tr().ID("queue-"+a.CaseNo).Body(
		td(q.t("apply.case_no")).Class("mono").Text(a.CaseNo),
		td(q.t("appt.item")).Body(
			app.Text(a.ItemName),
			app.If(resubmitted, func() app.UI {
				return app.Span().Class("badge badge-amber queue-badge").Text(q.t("review.resubmitted"))
			}),
		),
		td(q.t("review.applicant")).Text(a.Applicant),
		td(q.t("review.submitted")).Text(submitted),
		td(q.t("review.waiting")).Class("wait-cell").Text(q.waited(a.WaitingMinutes)),
		td(q.t("staff.action")).Body(
			app.A().Class("btn btn-primary btn-small").ID("open-"+a.CaseNo).Href("/review/"+url.PathEscape(a.ID)).
				Aria("label", q.t("review.open_named", a.CaseNo)).Text(q.t("review.open")),
		),
	)
}

// ReviewPage is the pre-review of one application (/review/{id}): every material viewed
// inline and judged 合格 or 不合格 with a reason, then one decision: pass, one correction
// notice listing every deficiency, or not accepted with reasons.
type ReviewPage struct {
	base
	id       string
	app      api.Application
	loaded   bool
	notFound bool
	busy     bool
	errText  string
	okText   string
	verdict  map[string]string // material id → "ok" or "deficient"
	reason   map[string]string
	fieldErr map[string]string // material id, or "note" → message
	views    map[string]string // material id → short-lived file URL shown inline
	viewErr  map[string]string
	note     string
	rejectQ  bool // the refusal asks once
	notice   *api.Notice
}

func (r *ReviewPage) maps() {
	if r.verdict == nil {
		r.verdict, r.reason, r.fieldErr, r.views, r.viewErr = map[string]string{}, map[string]string{}, map[string]string{}, map[string]string{}, map[string]string{}
	}
}

func (r *ReviewPage) OnMount(ctx app.Context) {
	r.mountBase(ctx)
	r.maps()
	ctx.ObserveState(stateUser, &r.user).OnChange(func() { r.load(ctx) })
}

func (r *ReviewPage) OnNav(ctx app.Context) {
	r.maps()
	id := codeFromPath(ctx.Page().URL())
	if id != r.id {
		r.id, r.app, r.loaded, r.notFound, r.errText, r.okText, r.notice = id, api.Application{}, false, false, "", "", nil
		r.verdict, r.reason, r.fieldErr, r.views, r.viewErr = map[string]string{}, map[string]string{}, map[string]string{}, map[string]string{}, map[string]string{}
		r.note, r.rejectQ = "", false
	}
	r.load(ctx)
}

func (r *ReviewPage) atWindow() bool {
	return r.user != nil && (r.user.Role == "staff" || r.user.Role == "chief")
}

func (r *ReviewPage) load(ctx app.Context) {
	if app.IsServer || !r.atWindow() || r.id == "" {
		return
	}
	id := r.id
	ctx.Async(func() {
		var a api.Application
		err := remote().Do(context.Background(), "GET", "/applications/"+url.PathEscape(id), nil, &a)
		ctx.Dispatch(func(ctx app.Context) {
			if id != r.id {
				return
			}
			r.loaded = true
			if err != nil {
				r.notFound = client.IsStatus(err, 404)
				r.errText = r.errorText(err)
				return
			}
			r.setApp(a)
			ctx.Page().SetTitle(r.t("review.title") + " " + a.CaseNo)
		})
	})
}

// setApp shows a freshly loaded application. Materials found fine in an earlier round
// start as 合格; the rest wait for a verdict.
func (r *ReviewPage) setApp(a api.Application) {
	r.app = a
	r.verdict, r.fieldErr = map[string]string{}, map[string]string{}
	for _, m := range a.Materials {
		if m.Status == "ok" {
			r.verdict[m.MaterialID] = "ok"
		}
	}
}

// judged lists the materials that need a verdict: every one with a file.
func (r *ReviewPage) judged() []api.AppMaterial {
	var out []api.AppMaterial
	for _, m := range r.app.Materials {
		if m.Status != "missing" {
			out = append(out, m)
		}
	}
	return out
}

// counts says how many materials are judged, and how many of them deficient.
func (r *ReviewPage) counts() (pending, deficient int) {
	for _, m := range r.judged() {
		switch r.verdict[m.MaterialID] {
		case "ok":
		case "deficient":
			deficient++
		default:
			pending++
		}
	}
	return pending, deficient
}

// view fetches a short-lived link to a material's file and shows the file inline.
func (r *ReviewPage) view(ctx app.Context, mid string) {
	if r.views[mid] != "" {
		delete(r.views, mid) // the button hides it again
		return
	}
	delete(r.viewErr, mid)
	id := r.app.ID
	ctx = r.live
	ctx.Async(func() {
		var d api.Download
		err := remote().Do(context.Background(), "GET", "/applications/"+url.PathEscape(id)+"/materials/"+url.PathEscape(mid)+"/download", nil, &d)
		ctx.Dispatch(func(ctx app.Context) {
			if id != r.app.ID {
				return
			}
			if err != nil {
				r.viewErr[mid] = r.errorText(err)
				return
			}
			r.views[mid] = d.URL
		})
	})
}

func (r *ReviewPage) setVerdict(ctx app.Context, mid, v string) {
	r.verdict[mid] = v
	delete(r.fieldErr, mid)
	if v == "deficient" {
		r.live.Defer(func(app.Context) { focusID("reason-" + mid) })
	}
}

// addReason puts a common reason in a material's reason box, after what is already there.
func (r *ReviewPage) addReason(ctx app.Context, mid, reason string) {
	cur := strings.TrimSpace(r.reason[mid])
	switch {
	case cur == "":
		cur = reason
	case !strings.Contains(cur, reason):
		cur += r.t("review.reason_sep") + reason
	}
	r.reason[mid] = cur
	delete(r.fieldErr, mid)
}

// decide sends the decision with the version of the application that was loaded: when a
// colleague decided first, the server refuses (409) and the page says so and reloads.
func (r *ReviewPage) decide(ctx app.Context, decision string) {
	if r.busy {
		return
	}
	r.fieldErr = map[string]string{}
	r.errText, r.okText = "", ""
	req := api.DecisionRequest{Decision: decision, Note: strings.TrimSpace(r.note), Version: r.app.Version}
	for _, m := range r.judged() {
		v := r.verdict[m.MaterialID]
		if v == "" {
			if decision != "reject" {
				r.fieldErr[m.MaterialID] = r.t("review.verdict_required")
			}
			continue
		}
		reason := strings.TrimSpace(r.reason[m.MaterialID])
		if v == "ok" {
			reason = ""
		} else if reason == "" {
			r.fieldErr[m.MaterialID] = r.t("field.reason_required")
		}
		req.Materials = append(req.Materials, api.MaterialVerdict{MaterialID: m.MaterialID, Verdict: v, Reason: reason})
	}
	if decision == "reject" && req.Note == "" {
		r.fieldErr["note"] = r.t("review.reject_note_required")
	}
	if len(r.fieldErr) > 0 {
		r.errText = r.t("form.fix_errors")
		r.rejectQ = false
		r.live.Defer(func(app.Context) { focusID("review-messages-error") })
		return
	}
	r.busy = true
	id := r.app.ID
	ctx = r.live // the button pressed may be gone when the answer comes
	ctx.Async(func() {
		var d api.Decision
		err := remote().Do(context.Background(), "POST", "/review/applications/"+url.PathEscape(id)+"/decision", req, &d)
		ctx.Dispatch(func(ctx app.Context) {
			r.busy, r.rejectQ = false, false
			if id != r.app.ID {
				return
			}
			if client.IsStatus(err, 409) {
				r.errText = r.t("review.stale")
				r.load(ctx)
				ctx.Defer(func(app.Context) { focusID("review-messages-error") })
				return
			}
			if err != nil {
				r.errText = r.errorText(err)
				for k, msg := range fieldErrors(err) {
					if mid, ok := strings.CutPrefix(k, "materials."); ok {
						r.fieldErr[mid] = msg
					} else {
						r.fieldErr[k] = msg
					}
				}
				ctx.Defer(func(app.Context) { focusID("review-messages-error") })
				return
			}
			n := d.Notice
			r.app, r.notice = d.Application, &n
			r.okText = r.t("review.decided_"+decision, d.Application.CaseNo)
			ctx.Defer(func(app.Context) { focusID("review-messages-ok") })
		})
	})
}

func (r *ReviewPage) Render() app.UI {
	title := r.t("review.title")
	if r.user == nil {
		return r.frame("review", title, signInTo(&r.base, "/review/"+r.id))
	}
	if !r.atWindow() {
		return r.frame("review", title, emptyState(r.t("staff.window_only"), app.A().Class("btn btn-primary").Href("/home").Text(r.t("nav.desk"))))
	}
	if r.notFound {
		return r.frame("review", title,
			emptyState(r.t("review.not_found"), app.A().Class("btn btn-primary").Href("/review").Text(r.t("review.to_queue"))))
	}
	if r.app.ID == "" {
		return r.frame("review", title,
			messages("review-messages", "", r.errText),
			app.If(r.errText == "", func() app.UI { return app.P().Role("status").Text(r.t("desk.loading")) }),
		)
	}
	a := r.app
	open := a.Status == "pre_review" && r.notice == nil
	return r.frame("review", title,
		app.Div().ID("review-messages").Class("messages").Body(
			app.If(r.okText != "", func() app.UI {
				return app.Div().Class("form-ok").Role("status").ID("review-messages-ok").TabIndex(-1).Body(
					app.P().Text(r.okText),
					app.If(r.notice != nil, func() app.UI {
						return app.A().ID("decided-notice").Href("/notices/" + url.PathEscape(r.notice.ID)).Text(r.t("review.open_notice"))
					}),
				)
			}),
			app.If(r.errText != "", func() app.UI {
				return app.P().Class("form-error").Role("alert").ID("review-messages-error").TabIndex(-1).Text(r.errText)
			}),
		),
		app.Section().Class("panel app-head").Aria("labelledby", "review-item").Body(
			app.Div().Class("app-head-row").Body(
				app.H2().ID("review-item").Text(a.ItemName),
				r.appStatus("review-status", a.Status),
			),
			app.Dl().Class("kvs").Body(
				kvRow(r.t("apply.case_no"), app.Strong().Class("mono").ID("review-case-no").Text(a.CaseNo)),
				kvRow(r.t("review.applicant"), app.Span().ID("review-applicant").Text(a.Applicant)),
				kvRow(r.t("apply.where"), app.Text(a.DepartmentName+" · "+a.SiteName)),
				app.If(a.SubmittedAt != nil, func() app.UI {
					return kvRow(r.t("review.submitted"), app.Text(r.whenLong(*a.SubmittedAt)))
				}),
				app.If(a.WaitingMinutes > 0 && open, func() app.UI {
					return kvRow(r.t("review.waiting"), app.Text(r.waited(a.WaitingMinutes)))
				}),
			),
		),
		app.If(!open && r.notice == nil, func() app.UI {
			return app.Div().Class("notice-block notice-info").ID("review-closed").Body(
				app.P().Text(r.t("review.not_waiting", r.t("apply.status."+a.Status))),
				app.If(a.NoticeID != "", func() app.UI {
					return app.A().ID("closed-notice").Href("/notices/" + url.PathEscape(a.NoticeID)).Text(r.t("review.open_notice"))
				}),
			)
		}),
		app.Section().Aria("labelledby", "review-mats-title").Body(
			app.H2().ID("review-mats-title").Text(r.t("review.materials", len(r.judged()))),
			app.Ol().Class("cards mat-list").ID("review-list").Body(
				app.Range(a.Materials).Slice(func(i int) app.UI { return r.materialCard(i, a.Materials[i], open) }),
			),
		),
		app.If(open, func() app.UI { return r.decisionBox() }),
		app.P().Body(app.A().Href("/review").ID("to-queue").Class("back-link").Text(r.t("review.to_queue"))),
	)
}

func (r *ReviewPage) materialCard(i int, m api.AppMaterial, open bool) app.UI {
	mid := m.MaterialID
	v := r.verdict[mid]
	cls := "card mat-card review-mat"
	switch v {
	case "ok":
		cls += " judged-ok"
	case "deficient":
		cls += " judged-deficient"
	}
	req := badge("badge-red", r.t("material.required"))
	if !m.Required {
		req = badge("badge-grey", r.t("material.optional"))
	}
	hasFile := m.Status != "missing"
	image := strings.HasPrefix(m.ContentType, "image/")
	viewURL := r.views[mid]
	fileTitle := r.t("review.file_title", m.Name, m.Filename)
	return app.Li().Class(cls).ID("rmat-"+mid).DataSet("material", mid).Body(
		app.Div().Class("mat-head").Body(
			app.Span().Class("mat-name").ID("rmat-name-"+mid).Text(r.t("review.numbered", i+1, m.Name)),
			req,
			r.matStatus("rmat-status-"+mid, m.Status),
		),
		app.If(hasFile, func() app.UI {
			uploaded := ""
			if m.UploadedAt != nil {
				uploaded = " · " + r.whenLong(*m.UploadedAt)
			}
			return app.P().Class("mat-file").ID("rmat-file-" + mid).Text(m.Filename + " · " + formatBytes(m.Size) + uploaded)
		}).Else(func() app.UI {
			return app.P().Class("muted").Text(r.t("review.no_file"))
		}),
		app.If(m.FromLocker != nil, func() app.UI {
			l := m.FromLocker
			return app.P().Class("locker-info").ID("rmat-locker-" + mid).Text(
				r.t("review.locker_info", l.VerifiedBy, r.dayText(inCentre(l.VerifiedAt).Format("2006-01-02")), l.CaseNo))
		}),
		app.If(m.Status == "deficient" && m.Reason != "", func() app.UI {
			return app.P().Class("muted small").Text(r.t("review.earlier_reason", m.Reason))
		}),
		app.If(hasFile, func() app.UI {
			label := r.t("review.view")
			if viewURL != "" {
				label = r.t("review.hide")
			}
			return app.Div().Class("actions").Body(
				app.Button().Type("button").Class("btn btn-secondary btn-small").ID("view-"+mid).
					Aria("expanded", boolText(viewURL != "")).Aria("controls", "viewer-"+mid).
					Aria("label", label+r.t("common.colon")+m.Name).Text(label).
					OnClick(func(ctx app.Context, e app.Event) { r.view(ctx, mid) }, app.EventScope(mid)),
				app.If(viewURL != "", func() app.UI {
					return app.A().Class("btn btn-ghost btn-small").ID("view-tab-" + mid).Href(viewURL).Target("_blank").Rel("noopener").
						Text(r.t("review.open_tab"))
				}),
			)
		}),
		app.If(r.viewErr[mid] != "", func() app.UI { return app.P().Class("field-error").Role("alert").Text(r.viewErr[mid]) }),
		app.If(viewURL != "", func() app.UI {
			if image {
				return app.Div().Class("viewer").ID("viewer-" + mid).Body(
					app.Img().ID("img-" + mid).Class("viewer-img").Src(viewURL).Alt(fileTitle))
			}
			// The fragment asks the browser's PDF viewer for the page at full width, no side panel.
			return app.Div().Class("viewer").ID("viewer-" + mid).Body(
				app.IFrame().ID("frame-" + mid).Class("viewer-frame").Src(viewURL + "#navpanes=0&view=FitH").Title(fileTitle))
		}),
		app.If(open && hasFile, func() app.UI { return r.verdictBox(mid, m) }),
	)
}

// verdictBox is one material's judgement: 合格 or 不合格, and why.
func (r *ReviewPage) verdictBox(mid string, m api.AppMaterial) app.UI {
	v := r.verdict[mid]
	errText := r.fieldErr[mid]
	radio := func(value, id, label string) app.UI {
		return app.Label().Class("check verdict-choice verdict-"+value).For(id).Body(
			app.Input().Type("radio").ID(id).Name("verdict-"+mid).Value(value).Checked(v == value).
				OnChange(func(ctx app.Context, e app.Event) { r.setVerdict(ctx, mid, value) }, app.EventScope(mid+"/"+value)),
			app.Span().Text(label),
		)
	}
	return app.FieldSet().Class("verdict").ID("verdict-"+mid).Body(
		app.Legend().Body(app.Text(r.t("review.verdict")), app.Span().Class("visually-hidden").Text(r.t("common.colon")+m.Name)),
		app.Div().Class("verdict-choices").Body(
			radio("ok", "v-ok-"+mid, r.t("review.ok")),
			radio("deficient", "v-bad-"+mid, r.t("review.deficient")),
		),
		app.If(v == "deficient", func() app.UI {
			return app.Div().Class("reason-box").Body(
				app.P().Class("hint").ID("reasons-hint-"+mid).Text(r.t("review.common_reasons")),
				app.Ul().Class("chips reason-chips").Aria("labelledby", "reasons-hint-"+mid).Body(
					app.Range(commonReasons).Slice(func(i int) app.UI {
						text := r.t(commonReasons[i])
						return app.Li().Body(app.Button().Type("button").Class("chip reason-chip").ID("reason-"+mid+"-"+lastSegment(commonReasons[i])).
							Text(text).OnClick(func(ctx app.Context, e app.Event) { r.addReason(ctx, mid, text) }, app.EventScope(mid+"/"+text)))
					}),
				),
				app.Div().Class("field").Body(
					app.Label().For("reason-"+mid).Text(r.t("review.reason")),
					app.Input().Type("text").Class("input").ID("reason-"+mid).Value(r.reason[mid]).MaxLength(500).
						Aria("invalid", boolText(errText != "")).Aria("describedby", describedBy("reason-"+mid, false, errText)).
						OnInput(func(ctx app.Context, e app.Event) { r.reason[mid] = ctx.JSSrc().Get("value").String() }, app.EventScope(mid)),
				),
			)
		}),
		app.If(errText != "", func() app.UI {
			return app.P().Class("field-error").ID("reason-" + mid + "-error").Role("alert").Text(errText)
		}),
	)
}

// decisionBox: the note and the three decisions.
func (r *ReviewPage) decisionBox() app.UI {
	pending, deficient := r.counts()
	status := r.t("review.progress", len(r.judged())-pending, len(r.judged()))
	if deficient > 0 {
		status += r.t("review.progress_deficient", deficient)
	}
	noteErr := r.fieldErr["note"]
	return app.Section().Class("panel decision").Aria("labelledby", "decision-title").Body(
		app.H2().ID("decision-title").Text(r.t("review.decision")),
		app.P().Class("muted").ID("decision-status").Role("status").Text(status),
		app.Div().Class("field").Body(
			app.Label().For("decision-note").Text(r.t("review.note")),
			app.P().Class("hint").ID("decision-note-hint").Text(r.t("review.note_hint")),
			app.Textarea().ID("decision-note").Class("input").Rows(3).MaxLength(1000).
				Aria("invalid", boolText(noteErr != "")).Aria("describedby", describedBy("decision-note", true, noteErr)).
				OnInput(func(ctx app.Context, e app.Event) { r.note = ctx.JSSrc().Get("value").String() }),
			app.If(noteErr != "", func() app.UI {
				return app.P().Class("field-error").ID("decision-note-error").Role("alert").Text(noteErr)
			}),
		),
		app.Div().Class("decision-actions").Body(
			app.Button().Type("button").Class("btn btn-primary").ID("decide-pass").Disabled(r.busy || pending > 0 || deficient > 0).
				Text(r.t("review.pass")).OnClick(func(ctx app.Context, e app.Event) { r.decide(ctx, "pass") }),
			app.Button().Type("button").Class("btn btn-warn").ID("decide-correct").Disabled(r.busy || pending > 0 || deficient == 0).
				Text(r.t("review.correct")).OnClick(func(ctx app.Context, e app.Event) { r.decide(ctx, "correct") }),
			app.If(!r.rejectQ, func() app.UI {
				return app.Button().Type("button").Class("btn btn-danger").ID("decide-reject").Disabled(r.busy).
					Text(r.t("review.reject")).OnClick(func(ctx app.Context, e app.Event) {
					r.rejectQ = true
					r.live.Defer(func(app.Context) { focusID("reject-question") })
				})
			}),
		),
		app.P().Class("muted small").Text(r.t("review.decision_hint")),
		app.If(r.rejectQ, func() app.UI {
			return app.Div().Class("confirm-box").ID("reject-box").Role("group").Aria("labelledby", "reject-question").Body(
				app.P().Class("confirm-question").ID("reject-question").TabIndex(-1).Text(r.t("review.reject_question", r.app.CaseNo)),
				app.Div().Class("actions actions-2").Body(
					app.Button().Type("button").Class("btn btn-danger").ID("reject-yes").Disabled(r.busy).Text(r.t("review.reject_yes")).
						OnClick(func(ctx app.Context, e app.Event) { r.decide(ctx, "reject") }),
					app.Button().Type("button").Class("btn btn-secondary").ID("reject-no").Text(r.t("review.reject_no")).
						OnClick(func(ctx app.Context, e app.Event) { r.rejectQ = false }),
				),
			)
		}),
	)
}

func boolText(v bool) string {
	if v {
		return "true"
	}
	return "false"
}

// lastSegment is what follows the last dot of a key: review.reason_pages → reason_pages.
func lastSegment(key string) string { return key[strings.LastIndex(key, ".")+1:] }
