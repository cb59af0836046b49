package pages

import (
	"context"
	"fmt"
	"net/url"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"portal/app/api"
)

// rectViews are the lists of the rectifications page.
var rectViews = []string{"open", "closed", "all"}

// Rectifications is the bad-review follow-up (差评整改, /rectifications): each rating of 1
// or 2 opens a task for the department, due by a date, with a call-back (回访) to the
// applicant and the measures taken. The window sees its department's, a supervisor every
// department's with the open and overdue counts; the chief or a supervisor closes a task
// once the call-back is recorded.
type Rectifications struct {
	base
	status   string
	list     api.RectificationList
	loaded   bool
	errText  string
	okText   string
	notes    map[string]string // rectification id → call-back note being typed
	measures map[string]string // rectification id → measures being typed
	fieldErr map[string]string // id + "/note" or id + "/measures" → message
	busy     string            // the rectification being saved
	seq      int
}

func (r *Rectifications) maps() {
	if r.notes == nil {
		r.notes, r.measures, r.fieldErr = map[string]string{}, map[string]string{}, map[string]string{}
	}
}

func (r *Rectifications) OnMount(ctx app.Context) {
	r.mountBase(ctx)
	r.maps()
	ctx.ObserveState(stateUser, &r.user).OnChange(func() { r.load(ctx) })
}

func (r *Rectifications) OnNav(ctx app.Context) {
	r.maps()
	st := ctx.Page().URL().Query().Get("status")
	if !containsString(rectViews, st) {
		st = "open"
	}
	if st != r.status {
		r.status, r.list, r.loaded, r.errText, r.okText = st, api.RectificationList{}, false, "", ""
	}
	r.load(ctx)
}

func (r *Rectifications) allowed() bool { return r.atWindow() || r.supervising() }

// closer: the chief of the department or a supervisor closes a rectification.
func (r *Rectifications) closer() bool {
	return r.user != nil && (r.user.Role == "chief" || r.user.Role == "supervisor")
}

func (r *Rectifications) load(ctx app.Context) {
	if app.IsServer || !r.allowed() || r.status == "" {
		return
	}
	r.seq++
	seq, st := r.seq, r.status
	ctx.Async(func() {
		var list api.RectificationList
		err := remote().Do(context.Background(), "GET", "/rectifications?status="+url.QueryEscape(st), nil, &list)
		ctx.Dispatch(func(ctx app.Context) {
			if seq != r.seq {
				return
			}
			r.loaded = true
			if err != nil {
				r.errText = r.apiError(err)
				return
			}
			r.list, r.errText = list, ""
		})
	})
}

// save records a call-back ("callback") or closes the task ("close").
func (r *Rectifications) save(id, what string) {
	if r.busy != "" {
		return
	}
	r.errText, r.okText = "", ""
	var body any
	var ok string
	switch what {
	case "callback":
		note := strings.TrimSpace(r.notes[id])
		if note == "" {
			r.fieldErr[id+"/note"] = r.t("rect.note_required")
			r.live.Defer(func(app.Context) { focusID("rect-note-" + id) })
			return
		}
		body, ok = api.CallbackRequest{Note: note}, r.t("rect.callback_ok")
	default:
		m := strings.TrimSpace(r.measures[id])
		if m == "" {
			r.fieldErr[id+"/measures"] = r.t("rect.measures_required")
			r.live.Defer(func(app.Context) { focusID("rect-measures-" + id) })
			return
		}
		body, ok = api.CloseRectificationRequest{Measures: m}, r.t("rect.closed_ok")
	}
	delete(r.fieldErr, id+"/note")
	delete(r.fieldErr, id+"/measures")
	r.busy = id
	ctx := r.live
	ctx.Async(func() {
		var out api.Rectification
		err := remote().Do(context.Background(), "POST", "/rectifications/"+url.PathEscape(id)+"/"+what, body, &out)
		ctx.Dispatch(func(ctx app.Context) {
			r.busy = ""
			if err != nil {
				r.errText = r.apiError(err)
				ctx.Defer(func(app.Context) { focusID("rect-messages-error") })
				return
			}
			// The card stays where it is, changed, until the list is loaded again.
			for i, x := range r.list.Rectifications {
				if x.ID != id {
					continue
				}
				if x.Status == "open" && out.Status != "open" {
					r.list.Open = max(0, r.list.Open-1)
				}
				if x.Overdue && !out.Overdue {
					r.list.Overdue = max(0, r.list.Overdue-1)
				}
				r.list.Rectifications[i] = out
			}
			r.okText = ok + " " + out.CaseNo
			delete(r.notes, id)
			delete(r.measures, id)
			ctx.Defer(func(app.Context) { focusID("rect-messages-ok") })
		})
	})
}

func (r *Rectifications) Render() app.UI {
	title := r.t("rect.title")
	if r.user == nil {
		return r.frame("rectifications", title, signInTo(&r.base, "/rectifications"))
	}
	if !r.allowed() {
		return r.frame("rectifications", title, emptyState(r.t("case.window_only"), app.A().Class("btn btn-primary").Href("/home").Text(r.t("nav.desk"))))
	}
	l := r.list
	return r.frame("rectifications", title,
		app.P().Class("muted").Text(r.t(map[bool]string{true: "rect.lead_all", false: "rect.lead_window"}[r.supervising()])),
		app.Div().Class("stats warn-stats").ID("rect-counts").Body(
			app.Div().Class("stat stat-yellow").ID("rect-open").Body(
				app.Span().Class("stat-value").Text(fmt.Sprint(l.Open)),
				app.Span().Class("stat-label").Text(r.t("rect.open_count")),
			),
			app.Div().Class("stat stat-red").ID("rect-overdue").Body(
				app.Span().Class("stat-value").Text(fmt.Sprint(l.Overdue)),
				app.Span().Class("stat-label").Body(badge("badge-red", r.t("rect.overdue")), app.Text(" "+r.t("rect.overdue_count"))),
			),
		),
		app.Nav().Aria("label", r.t("rect.views")).Body(
			app.Ul().Class("chips view-chips").ID("rect-views").Body(
				app.Range(rectViews).Slice(func(i int) app.UI {
					v := rectViews[i]
					a := app.A().Class("chip").ID("rect-view-" + v).Href("/rectifications?status=" + v).Text(r.t("rect.view." + v))
					if v == r.status {
						a = a.Class("chip chip-selected").Aria("current", "page")
					}
					return app.Li().Body(a)
				}),
			),
		),
		focusMessages("rect-messages", r.okText, r.errText),
		app.If(!r.loaded, func() app.UI { return app.P().Role("status").Text(r.t("desk.loading")) }),
		app.If(r.loaded && len(l.Rectifications) == 0 && r.errText == "", func() app.UI {
			return emptyState(r.t("rect.empty."+r.status), nil)
		}),
		app.Ul().Class("cards rect-list").ID("rect-list").Body(
			app.Range(l.Rectifications).Slice(func(i int) app.UI { return r.card(l.Rectifications[i]) }),
		),
	)
}

func (r *Rectifications) card(x api.Rectification) app.UI {
	id := x.ID
	open := x.Status == "open"
	levelCls := "badge-amber"
	if x.Level <= 1 {
		levelCls = "badge-red"
	}
	noteErr, measErr := r.fieldErr[id+"/note"], r.fieldErr[id+"/measures"]
	cls := "card rect-card"
	if x.Overdue && open {
		cls += " rect-overdue"
	}
	return app.Li().Class(cls).ID("rect-" + id).Body(
		app.Div().Class("card-body").Body(
			app.Div().Class("rect-head").Body(
				app.Strong().Class("mono").Text(x.CaseNo),
				app.Span().Class("badge badge-status "+levelCls).Text(r.t("eval.given", r.levelName(x.Level), x.Level)),
				app.Span().Class(map[bool]string{true: "badge badge-status badge-amber", false: "badge badge-status badge-green"}[open]).
					ID("rect-status-"+id).Text(r.t("rect.status."+x.Status)),
				app.If(x.Overdue && open, func() app.UI { return app.Span().Class("badge badge-status badge-red").Text(r.t("rect.overdue")) }),
			),
			app.P().Class("rect-item").Body(app.Text(x.ItemName), app.If(r.supervising(), func() app.UI {
				return app.Span().Class("muted").Text(" · " + x.DepartmentName)
			})),
			app.Dl().Class("kvs").Body(
				kvRow(r.t("rect.comment"), app.Span().Text(orDash(x.Comment))),
				kvRow(r.t("rect.due"), app.Span().ID("rect-due-"+id).Text(r.dayLong(x.DueDate))),
				kvRow(r.t("rect.opened"), app.Text(r.whenLong(x.CreatedAt))),
				app.If(x.CallbackAt != nil, func() app.UI {
					return kvRow(r.t("rect.callback"), app.Span().ID("rect-callback-"+id).Text(
						x.CallbackNote+r.t("case.role_paren", x.CallbackBy+" · "+r.whenLong(*x.CallbackAt))))
				}),
				app.If(x.Measures != "", func() app.UI {
					closed := ""
					if x.ClosedAt != nil {
						closed = r.t("case.role_paren", r.whenLong(*x.ClosedAt))
					}
					return kvRow(r.t("rect.measures"), app.Span().ID("rect-measures-text-"+id).Text(x.Measures+closed))
				}),
			),
			app.If(open && x.CallbackAt == nil, func() app.UI {
				return app.Div().Class("rect-form").Body(
					textareaField("rect-note-"+id, r.t("rect.note"), r.t("rect.note_hint"), noteErr, 2, 1000, func(ctx app.Context, e app.Event) {
						r.notes[id] = ctx.JSSrc().Get("value").String()
						delete(r.fieldErr, id+"/note")
					}, app.EventScope(id)),
					app.Button().Type("button").Class("btn btn-secondary").ID("rect-callback-button-"+id).Disabled(r.busy != "").
						Text(r.t("rect.record_callback")).OnClick(func(ctx app.Context, e app.Event) { r.save(id, "callback") }, app.EventScope(id)),
				)
			}),
			app.If(open && r.closer(), func() app.UI {
				ready := x.CallbackAt != nil
				return app.Div().Class("rect-form").Body(
					textareaField("rect-measures-"+id, r.t("rect.measures"), r.t(map[bool]string{true: "rect.measures_hint", false: "rect.callback_first"}[ready]),
						measErr, 2, 2000, func(ctx app.Context, e app.Event) {
							r.measures[id] = ctx.JSSrc().Get("value").String()
							delete(r.fieldErr, id+"/measures")
						}, app.EventScope(id)),
					app.Button().Type("button").Class("btn btn-primary").ID("rect-close-"+id).Disabled(r.busy != "" || !ready).
						Aria("describedby", "rect-measures-"+id+"-hint").
						Text(r.t("rect.close")).OnClick(func(ctx app.Context, e app.Event) { r.save(id, "close") }, app.EventScope(id)),
				)
			}),
			app.P().Body(app.A().Class("back-link").Href("/cases/"+url.PathEscape(x.ApplicationID)).Text(r.t("rect.open_case"))),
		),
	)
}

// orDash shows an empty value as a dash.
func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "—"
	}
	return s
}
