package pages

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"portal/app/api"
	"portal/app/client"
)

// ApplicationPage is an applicant's online pre-review (/applications/{id}): where it is
// (a step indicator and the status in words), the checklist of materials with an upload
// per material straight from the phone to storage, the one-time correction notice, and
// submit, resubmit or withdraw.
type ApplicationPage struct {
	base
	id          string
	app         api.Application
	notice      *api.Notice // the latest notice issued, if any
	events      []api.AppEvent
	locker      []api.LockerEntry
	loaded      bool
	notFound    bool
	busy        bool
	errText     string
	okText      string
	ups         map[string]*upload // material id → its upload in progress or failed
	matErr      map[string]string  // material id → why it holds up the submission
	removing    string             // the material whose removal asks once
	withdrawing bool               // the withdrawal asks once
	eval        evalForm           // the rating of a completed case (好差评)
}

// upload is one file on its way to a material. The File stays a JavaScript object.
type upload struct {
	file    app.Value
	name    string
	size    int64
	ctype   string
	phase   string // "prepare", "send", "check" or "failed"
	percent int
	err     string
	run     int // which attempt this is; an older attempt's news is ignored
}

// Upload phases.
const (
	upPrepare = "prepare"
	upSend    = "send"
	upCheck   = "check"
	upFailed  = "failed"
)

func (p *ApplicationPage) maps() {
	if p.ups == nil {
		p.ups = map[string]*upload{}
	}
	if p.matErr == nil {
		p.matErr = map[string]string{}
	}
}

func (p *ApplicationPage) OnMount(ctx app.Context) {
	p.mountBase(ctx)
	p.maps()
	ctx.ObserveState(stateUser, &p.user).OnChange(func() { p.load(ctx) })
}

func (p *ApplicationPage) OnNav(ctx app.Context) {
	p.maps()
	id := codeFromPath(ctx.Page().URL())
	if id != p.id {
		p.id, p.app, p.notice, p.events, p.locker = id, api.Application{}, nil, nil, nil
		p.eval = evalForm{}
		p.loaded, p.notFound, p.errText, p.okText = false, false, "", ""
		p.ups, p.matErr, p.removing, p.withdrawing = map[string]*upload{}, map[string]string{}, "", false
		if u := ctx.Page().URL(); u.Query().Get("new") == "1" {
			p.okText = p.t("apply.created_ok")
			if !app.IsServer { // said once: a reload does not say it again
				u.RawQuery = ""
				ctx.Page().ReplaceURL(u)
			}
		}
	}
	p.load(ctx)
}

// load reads the application, its latest notice, its history and, while files may still
// change, the person's locker.
func (p *ApplicationPage) load(ctx app.Context) {
	if app.IsServer || p.user == nil || p.id == "" {
		return
	}
	id, applicant := p.id, p.user.Role == "applicant" || p.user.Role == "agent"
	ctx.Async(func() {
		c := context.Background()
		var a api.Application
		err := remote().Do(c, "GET", "/applications/"+url.PathEscape(id), nil, &a)
		var n *api.Notice
		var events api.AppEventList
		var locker api.Locker
		if err == nil {
			if a.NoticeID != "" {
				var x api.Notice
				if remote().Do(c, "GET", "/notices/"+url.PathEscape(a.NoticeID), nil, &x) == nil {
					n = &x
				}
			}
			remote().Do(c, "GET", "/applications/"+url.PathEscape(id)+"/events", nil, &events)
			if applicant && editableStatus(a.Status) {
				remote().Do(c, "GET", "/locker", nil, &locker)
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
			p.app, p.notice, p.events, p.locker = a, n, events.Events, locker.Entries
			ctx.Page().SetTitle(p.pageTitle() + " " + a.CaseNo)
		})
	})
}

// editableStatus: files may be added, replaced and removed.
func editableStatus(status string) bool { return status == "draft" || status == "needs_correction" }

// own reports whether the signed-in person applied (staff see the applicant's name).
func (p *ApplicationPage) own() bool { return p.app.Applicant == "" }

func (p *ApplicationPage) editable() bool { return p.own() && editableStatus(p.app.Status) }

// material returns the application's material with id.
func (p *ApplicationPage) material(id string) (api.AppMaterial, bool) {
	for _, m := range p.app.Materials {
		if m.MaterialID == id {
			return m, true
		}
	}
	return api.AppMaterial{}, false
}

// choose starts the upload of the file just chosen in a material's input.
func (p *ApplicationPage) choose(ctx app.Context, mid string) {
	input := ctx.JSSrc()
	files := input.Get("files")
	if !files.Truthy() || files.Length() == 0 {
		return
	}
	file := files.Index(0)
	// Choosing the same file again (after a failure) must fire the change event again.
	input.Set("value", "")
	m, ok := p.material(mid)
	if !ok {
		return
	}
	u := &upload{file: file, name: file.Get("name").String(), size: int64(file.Get("size").Float())}
	u.ctype = contentTypeOf(u.name, file.Get("type").String())
	p.removing, p.okText, p.errText = "", "", ""
	delete(p.matErr, mid)
	// What the phone can tell at once is said at once; nothing is sent.
	switch {
	case !acceptsFormat(m.Formats, formatOf(u.ctype)):
		u.phase, u.err = upFailed, p.t("apply.err_format", formatsText(m.Formats))
		u.file = app.Null()
	case u.size == 0:
		u.phase, u.err = upFailed, p.t("field.upload_empty")
		u.file = app.Null()
	case m.MaxBytes > 0 && u.size > m.MaxBytes:
		u.phase, u.err = upFailed, p.t("apply.err_size", formatBytes(u.size), formatBytes(m.MaxBytes))
		u.file = app.Null()
	}
	p.ups[mid] = u
	if u.phase == upFailed {
		p.live.Defer(func(app.Context) { focusID("upload-error-" + mid) })
		return
	}
	p.send(p.live, mid)
}

// retry sends the file of a failed upload again.
func (p *ApplicationPage) retry(ctx app.Context, mid string) {
	if u := p.ups[mid]; u != nil && u.file.Truthy() && u.phase == upFailed {
		p.send(p.live, mid)
	}
}

// send runs one upload: the presigned form from the API, the file from the browser to
// storage with progress, then the API's check of what arrived. A failure at any point
// leaves the material as it was on the server: a file uploaded before stays. ctx is the
// page's own context: the input the file came from is replaced while the upload runs.
func (p *ApplicationPage) send(ctx app.Context, mid string) {
	u := p.ups[mid]
	u.run++
	u.phase, u.percent, u.err = upPrepare, 0, ""
	run, appID, file := u.run, p.app.ID, u.file
	req := api.UploadRequest{Filename: u.name, ContentType: u.ctype, Size: u.size}
	base := "/applications/" + url.PathEscape(appID) + "/materials/" + url.PathEscape(mid)
	// current finds this attempt's upload if it is still the one shown.
	current := func() *upload {
		if x := p.ups[mid]; x != nil && x.run == run && p.app.ID == appID {
			return x
		}
		return nil
	}
	fail := func(ctx app.Context, msg string) {
		if x := current(); x != nil {
			x.phase, x.err = upFailed, msg
			ctx.Defer(func(app.Context) { focusID("upload-error-" + mid) })
		}
	}
	ctx.Async(func() {
		c := context.Background()
		var form api.UploadForm
		if err := remote().Do(c, "POST", base+"/uploads", req, &form); err != nil {
			ctx.Dispatch(func(ctx app.Context) { fail(ctx, p.uploadError(err)) })
			return
		}
		ctx.Dispatch(func(ctx app.Context) {
			if x := current(); x != nil {
				x.phase = upSend
			}
		})
		last := -1
		err := postFile(file, form, func(sent, total int64) {
			pct := 0
			if total > 0 {
				pct = int(sent * 100 / total)
			}
			if pct == last {
				return
			}
			last = pct
			ctx.Dispatch(func(ctx app.Context) {
				if x := current(); x != nil && x.phase == upSend && pct > x.percent {
					x.percent = pct
				}
			})
		})
		if err != nil {
			ctx.Dispatch(func(ctx app.Context) { fail(ctx, p.uploadError(err)) })
			return
		}
		ctx.Dispatch(func(ctx app.Context) {
			if x := current(); x != nil {
				x.phase, x.percent = upCheck, 100
			}
		})
		var a api.Application
		err = remote().Do(c, "POST", base+"/uploads/"+url.PathEscape(form.UploadID)+"/complete", nil, &a)
		ctx.Dispatch(func(ctx app.Context) {
			if err != nil {
				fail(ctx, p.uploadError(err))
				return
			}
			if current() == nil {
				return
			}
			delete(p.ups, mid)
			p.app = a
			if m, ok := p.material(mid); ok {
				p.okText = p.t("apply.uploaded_ok", m.Name)
			}
			if caseStatus(a.Status) {
				p.load(ctx) // the case's pending list says the material arrived
			} else {
				p.loadEvents(ctx)
			}
		})
	})
}

// uploadError says in plain words why an upload failed and what to do.
func (p *ApplicationPage) uploadError(err error) string {
	var sa *storageAnswer
	var ce *client.Error
	switch {
	case errors.Is(err, errUploadNetwork):
		return p.t("apply.err_network")
	case errors.As(err, &sa):
		switch sa.Code {
		case "EntityTooLarge":
			return p.t("apply.err_too_large")
		case "EntityTooSmall":
			return p.t("field.upload_empty")
		case "AccessDenied":
			return p.t("apply.err_expired")
		}
		return p.t("apply.err_storage", fmt.Sprint(sa.Status))
	case errors.As(err, &ce):
		// The field's message says what was wrong with the file (size, type, content).
		for _, k := range []string{"file", "size", "content_type", "filename"} {
			if msg := ce.Fields[k]; msg != "" {
				return msg
			}
		}
		if ce.Message != "" {
			return ce.Message
		}
	}
	return p.t("apply.err_network")
}

func (p *ApplicationPage) loadEvents(ctx app.Context) {
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

// change runs a call that answers the application (remove, reuse, submit, withdraw).
func (p *ApplicationPage) change(ctx app.Context, method, path string, body any, ok string, after func(ctx app.Context, err error)) {
	if p.busy {
		return
	}
	p.busy, p.errText, p.okText = true, "", ""
	id := p.app.ID
	ctx = p.live // the button pressed may be gone when the answer comes
	ctx.Async(func() {
		var a api.Application
		err := remote().Do(context.Background(), method, "/applications/"+url.PathEscape(id)+path, body, &a)
		ctx.Dispatch(func(ctx app.Context) {
			p.busy = false
			if id != p.app.ID {
				return
			}
			if err == nil {
				p.app = a
				p.okText = ok
				p.loadEvents(ctx)
			} else {
				p.errText = p.errorText(err)
			}
			if after != nil {
				after(ctx, err)
			}
		})
	})
}

func (p *ApplicationPage) askRemove(ctx app.Context, mid string) {
	p.removing = mid
	p.live.Defer(func(app.Context) { focusID("remove-question-" + mid) })
}

func (p *ApplicationPage) keepFile(ctx app.Context, mid string) {
	p.removing = ""
	p.live.Defer(func(app.Context) { focusID("remove-" + mid) })
}

func (p *ApplicationPage) remove(ctx app.Context, mid string) {
	m, _ := p.material(mid)
	p.removing = ""
	delete(p.matErr, mid)
	p.change(ctx, "DELETE", "/materials/"+url.PathEscape(mid), nil, p.t("apply.removed_ok", m.Name), nil)
}

func (p *ApplicationPage) reuse(ctx app.Context, mid, lockerID string) {
	m, _ := p.material(mid)
	delete(p.ups, mid)
	delete(p.matErr, mid)
	p.change(ctx, "POST", "/materials/"+url.PathEscape(mid)+"/reuse", api.ReuseRequest{LockerID: lockerID},
		p.t("apply.reused_ok", m.Name), nil)
}

func (p *ApplicationPage) submit(ctx app.Context, e app.Event) {
	p.matErr = map[string]string{}
	ok := p.t("apply.submitted_ok")
	p.change(ctx, "POST", "/submit", nil, ok, func(ctx app.Context, err error) {
		if err != nil {
			for k, msg := range fieldErrors(err) {
				if mid, found := strings.CutPrefix(k, "materials."); found {
					p.matErr[mid] = msg
				}
			}
			ctx.Defer(func(app.Context) { focusID("app-messages-error") })
			return
		}
		ctx.Defer(func(app.Context) { focusID("app-status") })
	})
}

func (p *ApplicationPage) askWithdraw(ctx app.Context, e app.Event) {
	p.withdrawing, p.errText, p.okText = true, "", ""
	p.live.Defer(func(app.Context) { focusID("withdraw-question") })
}

func (p *ApplicationPage) keepApplication(ctx app.Context, e app.Event) {
	p.withdrawing = false
	p.live.Defer(func(app.Context) { focusID("withdraw-button") })
}

func (p *ApplicationPage) withdraw(ctx app.Context, e app.Event) {
	p.change(ctx, "POST", "/withdraw", nil, p.t("apply.withdrawn_ok"), func(ctx app.Context, err error) {
		p.withdrawing = false
		if err == nil {
			ctx.Defer(func(app.Context) { focusID("app-status") })
		}
	})
}

// appStatus is an application's status as colour and words.
func (b *base) appStatus(id, status string) app.UI {
	cls := map[string]string{"draft": "badge-grey", "pre_review": "badge-blue", "needs_correction": "badge-amber",
		"passed": "badge-green", "not_accepted": "badge-red", "withdrawn": "badge-grey",
		"accepted": "badge-blue", "in_progress": "badge-blue", "paused": "badge-amber", "completed": "badge-green",
		"terminated": "badge-red"}[status]
	if cls == "" {
		cls = "badge-grey"
	}
	return app.Span().ID(id).Class("badge badge-status " + cls).Text(b.t("apply.status." + status))
}

// matStatus is a material's state as colour and words.
func (b *base) matStatus(id, status string) app.UI {
	cls := map[string]string{"missing": "badge-grey", "uploaded": "badge-blue", "ok": "badge-green", "deficient": "badge-red"}[status]
	if cls == "" {
		cls = "badge-grey"
	}
	return app.Span().ID(id).Class("badge badge-status " + cls).Text(b.t("mat.status." + status))
}

// appSteps shows where an application is: 1 fill in the materials, 2 pre-review, 3 result.
func (b *base) appSteps(status string) app.UI {
	current := map[string]int{"draft": 1, "needs_correction": 1, "pre_review": 2, "passed": 3, "not_accepted": 3}[status]
	step := func(n int, label string) app.UI {
		li := app.Li().Class("step").Text(label)
		switch {
		case n == current && n == 3:
			li = li.Class("step step-done step-current").Aria("current", "step")
		case n == current:
			li = li.Class("step step-current").Aria("current", "step")
		case n < current:
			li = li.Class("step step-done")
		}
		return li
	}
	return app.Ol().Class("steps").ID("app-steps").Aria("label", b.t("apply.steps")).Body(
		step(1, b.t("apply.step_fill")),
		step(2, b.t("apply.step_review")),
		step(3, b.t("apply.step_result")),
	)
}

func (p *ApplicationPage) Render() app.UI {
	title := p.pageTitle()
	if p.user == nil {
		return p.frame(tabMine, title, signInTo(&p.base, "/applications/"+p.id))
	}
	if p.notFound {
		return p.frame(tabMine, title,
			emptyState(p.t("apply.not_found"), app.A().Class("btn btn-primary").Href("/applications").Text(p.t("apps.to_list"))))
	}
	if p.app.ID == "" {
		return p.frame(tabMine, title,
			messages("app-messages", "", p.errText),
			app.If(p.errText == "", func() app.UI { return app.P().Role("status").Text(p.t("desk.loading")) }),
		)
	}
	a := p.app
	return p.frame(tabMine, title,
		messages("app-messages", p.okText, p.errText),
		app.Section().Class("panel app-head").Aria("labelledby", "app-item").Body(
			app.Div().Class("app-head-row").Body(
				app.H2().ID("app-item").Text(a.ItemName),
				p.appStatus("app-status", a.Status),
			),
			app.Dl().Class("kvs").Body(
				kvRow(p.t("apply.case_no"), app.Strong().Class("mono").ID("case-no").Text(a.CaseNo)),
				kvRow(p.t("apply.where"), app.Text(a.DepartmentName+" · "+a.SiteName)),
				kvRow(p.t("apply.created"), app.Text(p.whenLong(a.CreatedAt))),
				app.If(a.SubmittedAt != nil, func() app.UI {
					return kvRow(p.t("apply.submitted"), app.Text(p.whenLong(*a.SubmittedAt)))
				}),
			),
			app.If(a.Status != "withdrawn" && !caseStatus(a.Status), func() app.UI { return p.appSteps(a.Status) }),
			app.If(caseStatus(a.Status), func() app.UI { return p.caseStepper("case-steps", a.Status, eventDates(p.events)) }),
		),
		app.Div().ID("outcome").Body(p.outcome()),
		app.If(caseStatus(a.Status) && a.Case != nil, func() app.UI { return p.caseBox() }),
		p.materialsSection(),
		app.Div().ID("app-actions").Body(
			app.If(p.editable(), func() app.UI { return p.submitBox() }),
			app.If(p.own() && withdrawable(a.Status), func() app.UI { return p.withdrawBox() }),
		),
		app.Div().ID("history-box").Body(p.history()),
		app.If(p.own(), func() app.UI {
			return app.P().Body(app.A().Href("/tickets?new=consultation&case=" + url.QueryEscape(a.CaseNo)).ID("ticket-about-case").Class("back-link").Text(p.t("ticket.about_this_case")))
		}),
		app.P().Body(app.A().Href("/applications").ID("to-apps").Class("back-link").Text(p.t("apps.to_list"))),
	)
}

// outcome is what the latest decision said: the one-time correction notice with every
// deficient material and its reason, the pass, the refusal, or that review is under way.
func (p *ApplicationPage) outcome() app.UI {
	a := p.app
	noticeLink := func(label string) app.UI {
		if a.NoticeID == "" {
			return nil
		}
		return app.A().Class("btn btn-secondary").ID("notice-link").
			Href("/notices/" + url.PathEscape(a.NoticeID) + "?app=" + url.QueryEscape(a.ID)).Text(label)
	}
	n := p.notice
	switch a.Status {
	case "needs_correction":
		var lines []api.NoticeLine
		if n != nil {
			lines = n.Lines
		} else {
			for _, m := range a.Materials {
				if m.Status == "deficient" {
					lines = append(lines, api.NoticeLine{Material: m.Name, Reason: m.Reason})
				}
			}
		}
		return app.Section().Class("outcome outcome-correct").ID("correction-notice").Aria("labelledby", "correction-title").Body(
			app.H2().ID("correction-title").Text(p.t("apply.correct_title")),
			app.P().Text(p.t("apply.correct_lead", len(lines))),
			app.Ol().Class("notice-lines").ID("correction-lines").Body(
				app.Range(lines).Slice(func(i int) app.UI {
					return app.Li().Body(app.Strong().Text(lines[i].Material), app.Text(p.t("common.colon")+lines[i].Reason))
				}),
			),
			app.If(n != nil && n.Note != "", func() app.UI {
				return app.P().ID("correction-note").Text(p.t("notice.note_label") + n.Note)
			}),
			app.If(n != nil, func() app.UI {
				return app.P().Class("muted small").Text(p.t("apply.notice_issued", n.Department, p.dayText(n.IssuedOn)))
			}),
			app.Div().Class("actions").Body(noticeLink(p.t("apply.open_correction"))),
		)
	case "passed":
		return app.Section().Class("outcome outcome-pass").ID("pass-notice").Aria("labelledby", "pass-title").Body(
			app.H2().ID("pass-title").Text(p.t("apply.pass_title")),
			app.P().Text(p.t("apply.pass_text", a.SiteName, a.DepartmentName)),
			app.If(n != nil && n.Note != "", func() app.UI { return app.P().Text(p.t("notice.note_label") + n.Note) }),
			app.Div().Class("actions").Body(noticeLink(p.t("apply.open_pass"))),
		)
	case "not_accepted":
		return app.Section().Class("outcome outcome-reject").ID("reject-notice").Aria("labelledby", "reject-title").Body(
			app.H2().ID("reject-title").Text(p.t("apply.reject_title")),
			app.If(n != nil && n.Note != "", func() app.UI { return app.P().ID("reject-note").Text(p.t("notice.reasons_label") + n.Note) }),
			app.Div().Class("actions").Body(noticeLink(p.t("apply.open_reject"))),
		)
	case "pre_review":
		return app.P().Class("notice-block notice-info").ID("review-note").Role("status").Text(p.t("apply.in_review"))
	case "withdrawn":
		return app.P().Class("notice-block notice-warn").ID("withdrawn-note").Text(p.t("apply.withdrawn_note"))
	}
	return nil
}

// dayText shows a date (YYYY-MM-DD) without the weekday: 2026年5月12日.
func (b *base) dayText(date string) string {
	d, err := parseDate(date)
	if err != nil {
		return date
	}
	return d.Format(b.t("date.long_layout"))
}

func (p *ApplicationPage) materialsSection() app.UI {
	ms := p.app.Materials
	given, required, requiredGiven := 0, 0, 0
	for _, m := range ms {
		if m.Status != "missing" {
			given++
		}
		if m.Required {
			required++
			if m.Status != "missing" {
				requiredGiven++
			}
		}
	}
	return app.Section().Aria("labelledby", "mats-title").Body(
		app.H2().ID("mats-title").Text(p.t("apply.materials", given, len(ms))),
		app.If(p.editable(), func() app.UI {
			return app.P().Class("muted small").ID("mats-hint").Text(p.t("apply.materials_hint", requiredGiven, required))
		}),
		app.Ol().Class("cards mat-list").ID("mat-list").Body(
			app.Range(ms).Slice(func(i int) app.UI { return p.materialCard(i, ms[i]) }),
		),
	)
}

func (p *ApplicationPage) materialCard(i int, m api.AppMaterial) app.UI {
	mid := m.MaterialID
	u := p.ups[mid]
	editable := p.editable()
	canSend := editable || p.supplying(m) // a pending material (容缺) may be sent while the case runs
	cls := "card mat-card mat-" + m.Status
	if m.Status == "deficient" {
		cls += " mat-attention"
	}
	if p.matErr[mid] != "" {
		cls += " mat-error"
	}
	req := badge("badge-red", p.t("material.required"))
	if !m.Required {
		req = badge("badge-grey", p.t("material.optional"))
	}
	var lockerMatches []api.LockerEntry
	if editable && m.TypeCode != "" && (m.Status == "missing" || m.Status == "deficient") {
		for _, e := range p.locker {
			if e.TypeCode == m.TypeCode && acceptsFormat(m.Formats, formatOf(contentTypeOf(e.Filename, ""))) && (m.MaxBytes == 0 || e.Size <= m.MaxBytes) {
				lockerMatches = append(lockerMatches, e)
			}
		}
	}
	busyHere := u != nil && u.phase != upFailed
	hasFile := m.Status != "missing"
	return app.Li().Class(cls).ID("mat-"+mid).DataSet("material", mid).Body(
		app.Div().Class("mat-head").Body(
			app.Span().Class("mat-name").ID("mat-name-"+mid).Text(fmt.Sprintf("%d. %s", i+1, m.Name)),
			req,
		),
		app.P().Class("muted small mat-rules").ID("mat-rules-"+mid).Text(p.t("apply.rules", formatsText(m.Formats), formatBytes(m.MaxBytes))),
		app.If(m.Notes != "", func() app.UI { return app.P().Class("muted small").Text(m.Notes) }),
		app.P().Class("mat-state").ID("mat-state-"+mid).Body(
			p.matStatus("mat-status-"+mid, m.Status),
			app.If(hasFile, func() app.UI {
				return app.Span().Class("mat-file").ID("mat-file-" + mid).Text(m.Filename + " · " + formatBytes(m.Size))
			}),
		),
		// What comes and goes (a reason, an upload, an error, a question) lives in one box,
		// so the buttons below stay the same elements: a file input that was replaced would
		// lose the keyboard focus.
		app.Div().Class("mat-news").ID("mat-news-"+mid).Body(
			app.If(m.Status == "deficient" && m.Reason != "", func() app.UI {
				return app.P().Class("mat-reason").ID("mat-reason-"+mid).Body(
					app.Strong().Text(p.t("apply.reason_label")), app.Text(m.Reason))
			}),
			app.If(m.FromLocker != nil, func() app.UI {
				return app.P().Class("muted small").ID("mat-locker-" + mid).Text(p.t("apply.from_locker", p.dayText(inCentre(m.FromLocker.VerifiedAt).Format("2006-01-02"))))
			}),
			app.If(u != nil, func() app.UI { return p.uploadBox(mid, m, u) }),
			app.If(p.matErr[mid] != "", func() app.UI {
				return app.P().Class("field-error").ID("mat-error-" + mid).Role("alert").Text(p.matErr[mid])
			}),
			app.If(p.supplying(m), func() app.UI {
				return app.P().Class("mat-reason mat-pending").ID("mat-pending-" + mid).Text(p.t("case.supply_hint", p.dayLong(p.app.Case.PendingDue)))
			}),
			app.If(editable && p.removing == mid, func() app.UI {
				return app.Div().Class("confirm-box").ID("remove-box-"+mid).Role("group").Aria("labelledby", "remove-question-"+mid).Body(
					app.P().Class("confirm-question").ID("remove-question-"+mid).TabIndex(-1).Text(p.t("apply.remove_question", m.Filename)),
					app.Div().Class("actions actions-2").Body(
						app.Button().Type("button").Class("btn btn-danger").ID("remove-yes-"+mid).Disabled(p.busy).Text(p.t("apply.remove_yes")).
							OnClick(func(ctx app.Context, e app.Event) { p.remove(ctx, mid) }, app.EventScope(mid)),
						app.Button().Type("button").Class("btn btn-secondary").ID("remove-no-"+mid).Text(p.t("apply.remove_no")).
							OnClick(func(ctx app.Context, e app.Event) { p.keepFile(ctx, mid) }, app.EventScope(mid)),
					),
				)
			}),
		),
		app.If(canSend, func() app.UI {
			pick := p.t("apply.choose_file")
			if hasFile {
				pick = p.t("apply.replace_file")
			}
			return app.Div().Class("mat-actions").Body(
				app.Span().Class("file-pick").Body(
					app.Input().Type("file").Class("file-input").ID("file-"+mid).Accept(acceptFor(m.Formats)).Disabled(busyHere).
						OnChange(func(ctx app.Context, e app.Event) { p.choose(ctx, mid) }, app.EventScope(mid)),
					app.Label().For("file-"+mid).Class("btn btn-secondary btn-small").Body(
						app.Text(pick), app.Span().Class("visually-hidden").Text(p.t("common.colon")+m.Name)),
				),
				app.If(takesImages(m.Formats), func() app.UI {
					return app.Span().Class("file-pick").Body(
						app.Input().Type("file").Class("file-input").ID("photo-"+mid).Accept("image/*").Capture("environment").Disabled(busyHere).
							OnChange(func(ctx app.Context, e app.Event) { p.choose(ctx, mid) }, app.EventScope(mid)),
						app.Label().For("photo-"+mid).Class("btn btn-secondary btn-small").Body(
							app.Text(p.t("apply.take_photo")), app.Span().Class("visually-hidden").Text(p.t("common.colon")+m.Name)),
					)
				}),
				app.If(editable && hasFile && p.removing != mid, func() app.UI {
					return app.Button().Type("button").Class("btn btn-danger btn-small").ID("remove-"+mid).Disabled(p.busy || busyHere).
						Aria("label", p.t("apply.remove_named", m.Name)).Text(p.t("apply.remove")).
						OnClick(func(ctx app.Context, e app.Event) { p.askRemove(ctx, mid) }, app.EventScope(mid))
				}),
				app.Range(lockerMatches).Slice(func(j int) app.UI {
					e := lockerMatches[j]
					return app.Button().Type("button").Class("btn btn-secondary btn-small locker-btn").ID("locker-"+mid+"-"+e.ID).
						Disabled(p.busy || busyHere).
						Text(p.t("apply.use_locker", e.Filename, p.dayText(inCentre(e.VerifiedAt).Format("2006-01-02")))).
						OnClick(func(ctx app.Context, ev app.Event) { p.reuse(ctx, mid, e.ID) }, app.EventScope(mid+"/"+e.ID))
				}),
			)
		}),
	)
}

// uploadBox shows an upload under way (a bar with the percentage) or why it failed, with
// a retry.
func (p *ApplicationPage) uploadBox(mid string, m api.AppMaterial, u *upload) app.UI {
	if u.phase == upFailed {
		return app.Div().Class("upload upload-failed").ID("upload-"+mid).Body(
			app.P().Class("field-error").ID("upload-error-"+mid).Role("alert").TabIndex(-1).
				Text(p.t("apply.upload_failed", u.name)+u.err),
			app.If(u.file.Truthy(), func() app.UI {
				return app.Button().Type("button").Class("btn btn-primary btn-small").ID("retry-"+mid).
					Aria("label", p.t("apply.retry_named", m.Name)).Text(p.t("apply.retry")).
					OnClick(func(ctx app.Context, e app.Event) { p.retry(ctx, mid) }, app.EventScope(mid))
			}),
			app.If(m.Status != "missing", func() app.UI {
				return app.P().Class("muted small").ID("upload-kept-" + mid).Text(p.t("apply.kept_file", m.Filename))
			}),
		)
	}
	label := p.t("apply.sending", u.name)
	switch u.phase {
	case upPrepare:
		label = p.t("apply.preparing", u.name)
	case upCheck:
		label = p.t("apply.checking", u.name)
	}
	return app.Div().Class("upload").ID("upload-"+mid).Body(
		app.P().Class("upload-label").ID("upload-label-"+mid).Role("status").Text(label),
		app.Div().Class("upload-row").Body(
			app.Progress().ID("progress-"+mid).Class("upload-bar").Max(100).Value(u.percent).
				Aria("label", p.t("apply.progress_named", m.Name)).Text(fmt.Sprintf("%d%%", u.percent)),
			app.Span().Class("upload-pct").ID("pct-"+mid).Aria("hidden", "true").Text(fmt.Sprintf("%d%%", u.percent)),
		),
	)
}

// submitBox: submit (or resubmit after a correction) once every required material is there.
func (p *ApplicationPage) submitBox() app.UI {
	a := p.app
	missing, deficient, sending := 0, 0, false
	for _, m := range a.Materials {
		if m.Required && m.Status == "missing" {
			missing++
		}
		if m.Status == "deficient" {
			deficient++
		}
		if u := p.ups[m.MaterialID]; u != nil && u.phase != upFailed {
			sending = true
		}
	}
	ready := missing == 0 && deficient == 0 && !sending
	hint := p.t("apply.ready_hint")
	switch {
	case sending:
		hint = p.t("apply.wait_uploads")
	case missing > 0:
		hint = p.t("apply.missing_hint", missing)
	case deficient > 0:
		hint = p.t("apply.deficient_hint", deficient)
	}
	label := p.t("apply.submit")
	if a.Status == "needs_correction" {
		label = p.t("apply.resubmit")
	}
	if p.busy {
		label = p.t("apply.submitting")
	}
	return app.Section().Class("panel submit-box").Aria("labelledby", "submit-title").Body(
		app.H2().ID("submit-title").Text(p.t("apply.submit_title")),
		app.P().Class("muted").ID("submit-hint").Text(hint),
		app.Button().Type("button").Class("btn btn-primary btn-block").ID("submit-app").Disabled(!ready || p.busy).
			Aria("describedby", "submit-hint").Text(label).OnClick(p.submit),
	)
}

func (p *ApplicationPage) withdrawBox() app.UI {
	return app.Section().Class("panel").Aria("labelledby", "withdraw-title").Body(
		app.H2().ID("withdraw-title").Text(p.t("apply.withdraw_title")),
		app.If(!p.withdrawing, func() app.UI {
			return app.Button().Type("button").Class("btn btn-danger btn-block").ID("withdraw-button").Text(p.t("apply.withdraw")).OnClick(p.askWithdraw)
		}).Else(func() app.UI {
			return app.Div().Class("confirm-box").ID("withdraw-box").Role("group").Aria("labelledby", "withdraw-question").Body(
				app.P().Class("confirm-question").ID("withdraw-question").TabIndex(-1).Text(p.t("apply.withdraw_question", p.app.CaseNo)),
				app.P().Class("muted").Text(p.t(map[bool]string{true: "case.withdraw_effect", false: "apply.withdraw_effect"}[p.app.Status == "passed" || caseStatus(p.app.Status)])),
				app.Div().Class("actions actions-2").Body(
					app.Button().Type("button").Class("btn btn-danger").ID("withdraw-yes").Disabled(p.busy).Text(p.t("apply.withdraw_yes")).OnClick(p.withdraw),
					app.Button().Type("button").Class("btn btn-secondary").ID("withdraw-no").Text(p.t("apply.withdraw_no")).OnClick(p.keepApplication),
				),
			)
		}),
	)
}

// history lists what happened to the application, newest first.
func (p *ApplicationPage) history() app.UI {
	if len(p.events) == 0 {
		return nil
	}
	names := map[string]string{}
	for _, m := range p.app.Materials {
		names[m.MaterialID] = m.Name
	}
	ev := make([]api.AppEvent, len(p.events))
	for i, e := range p.events {
		ev[len(p.events)-1-i] = e
	}
	return app.Section().Class("panel").Aria("labelledby", "history-title").Body(
		app.H2().ID("history-title").Text(p.t("apply.history")),
		app.Ol().Class("plain history").ID("history").Body(
			app.Range(ev).Slice(func(i int) app.UI {
				e := ev[i]
				what := p.t("event." + e.Action)
				if what == "event."+e.Action {
					what = e.Action
				}
				detail := p.eventDetail(e, names)
				return app.Li().Class("history-entry").Body(
					app.Span().Class("muted small").Text(p.whenLong(e.At)),
					app.Span().Text(" "+what),
					app.If(detail != "", func() app.UI { return app.Span().Class("muted").Text(p.t("common.colon") + detail) }),
				)
			}),
		),
	)
}
