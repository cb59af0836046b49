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

// NoticePage is an issued notice (/notices/{id}) as a printable document: 一次性告知书,
// 网上预审通过通知 or 不予受理通知书, dated, naming the department, with the verification
// code, its address and QR code standing in for the seal.
type NoticePage struct {
	base
	id       string
	appID    string // the application to go back to (?app=)
	notice   api.Notice
	origin   string // the address people see, to print the verification URL
	loaded   bool
	notFound bool
	errText  string
}

func (p *NoticePage) OnMount(ctx app.Context) {
	p.mountBase(ctx)
	if u := app.Window().URL(); u != nil {
		p.origin = u.Scheme + "://" + u.Host
	}
	ctx.ObserveState(stateUser, &p.user).OnChange(func() { p.load(ctx) })
}

func (p *NoticePage) OnNav(ctx app.Context) {
	id := codeFromPath(ctx.Page().URL())
	p.appID = ctx.Page().URL().Query().Get("app")
	if id != p.id {
		p.id, p.notice, p.loaded, p.notFound, p.errText = id, api.Notice{}, false, false, ""
	}
	p.load(ctx)
}

func (p *NoticePage) load(ctx app.Context) {
	if app.IsServer || p.user == nil || p.id == "" {
		return
	}
	id := p.id
	ctx.Async(func() {
		var n api.Notice
		err := remote().Do(context.Background(), "GET", "/notices/"+url.PathEscape(id), nil, &n)
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
			p.notice = n
			ctx.Page().SetTitle(p.t("notice.kind."+n.Kind) + " " + n.CaseNo)
		})
	})
}

func (p *NoticePage) active() string {
	if p.deskRole() {
		return "review"
	}
	return tabMine
}

func (p *NoticePage) print(ctx app.Context, e app.Event) {
	app.Window().Call("print")
}

func (p *NoticePage) Render() app.UI {
	title := p.t("notice.title")
	if p.user == nil {
		return p.frame(p.active(), title, signInTo(&p.base, "/notices/"+p.id))
	}
	if p.notFound {
		return p.frame(p.active(), title, emptyState(p.t("notice.not_found"), nil))
	}
	n := p.notice
	if n.Code == "" {
		return p.frame(p.active(), title,
			messages("notice-messages", "", p.errText),
			app.If(p.errText == "", func() app.UI { return app.P().Role("status").Text(p.t("desk.loading")) }),
		)
	}
	back := "/applications"
	if p.appID != "" {
		back = "/applications/" + url.PathEscape(p.appID)
	}
	if p.deskRole() {
		back = "/review"
		if p.appID != "" {
			back = "/cases/" + url.PathEscape(p.appID)
		}
	}
	return p.frame(p.active(), title,
		app.Div().Class("actions no-print").Body(
			app.Button().Type("button").Class("btn btn-primary").ID("print-button").Text(p.t("notice.print")).OnClick(p.print),
			app.A().Class("btn btn-secondary").ID("back-to-app").Href(back).Text(p.t("notice.back")),
		),
		noticeDocument(&p.base, n, p.origin, true),
	)
}

// noticeBodyKey is the catalog key of a notice's opening sentence: an acceptance with
// pending materials does not say the materials are complete.
func noticeBodyKey(n api.Notice) string {
	if n.Kind == "accepted" && n.PendingDue != "" {
		return "notice.body.accepted_pending"
	}
	return "notice.body." + n.Kind
}

// noticeDocument is a notice as it is printed and as the verification page shows it.
// withQR adds the verification block (code, address, QR code).
func noticeDocument(b *base, n api.Notice, origin string, withQR bool) app.UI {
	verifyURL := origin + n.VerifyPath
	outcome, note := n.Outcome, n.Note // a completion notice says approved or denied
	return app.Article().Class("notice-doc notice-doc-"+n.Kind).ID("notice-doc").Aria("labelledby", "notice-doc-title").Body(
		app.P().Class("notice-issuer").Text(n.Department),
		app.H2().Class("notice-doc-title").ID("notice-doc-title").Text(b.t("notice.kind."+n.Kind)),
		app.P().Class("notice-no").ID("notice-case-no").Text(b.t("notice.case_no", n.CaseNo)),
		app.P().Class("notice-to").ID("notice-applicant").Text(b.t("notice.to", n.Applicant)),
		app.P().Class("notice-body").ID("notice-body").Text(b.t(noticeBodyKey(n), n.Item)),
		app.If(n.PendingDue != "", func() app.UI {
			return app.P().Class("notice-body").ID("notice-pending").Text(b.t("notice.pending_intro", b.dayLong(n.PendingDue)))
		}),
		app.If(len(n.Lines) > 0, func() app.UI {
			return app.Ol().Class("notice-lines").ID("notice-lines").Body(
				app.Range(n.Lines).Slice(func(i int) app.UI {
					l := n.Lines[i]
					if l.Reason == "" { // a pending material: nothing is wrong with it yet
						return app.Li().Body(app.Strong().Text(l.Material))
					}
					return app.Li().Body(app.Strong().Text(l.Material), app.Text(b.t("common.colon")+l.Reason))
				}),
			)
		}),
		app.If(n.Kind == "correction", func() app.UI { return app.P().Class("notice-body").Text(b.t("notice.after_correction")) }),
		app.If(note != "", func() app.UI {
			label := b.t("notice.note_label")
			if n.Kind == "not_accepted" || outcome == api.OutcomeDenied {
				label = b.t("notice.reasons_label")
			}
			return app.P().Class("notice-note").ID("notice-note").Text(label + note)
		}),
		app.Dl().Class("kvs notice-kvs").Body(
			kvRow(b.t("notice.item"), app.Text(n.Item)),
			kvRow(b.t("notice.department"), app.Text(n.Department)),
			kvRow(b.t("notice.site"), app.Text(n.Site)),
			app.If(outcome != "", func() app.UI {
				return kvRow(b.t("case.outcome"), app.Strong().ID("notice-outcome").Text(b.t("case.outcome."+outcome)))
			}),
			app.If(n.DueDate != "", func() app.UI {
				return kvRow(b.t("notice.due_date"), app.Strong().ID("notice-due").Text(b.dayLong(n.DueDate)))
			}),
		),
		app.Div().Class("notice-sign").Body(
			app.P().Text(n.Department),
			app.P().ID("notice-date").Text(b.dayText(n.IssuedOn)),
		),
		app.If(withQR, func() app.UI {
			return app.Div().Class("notice-verify").ID("notice-verify").Body(
				app.If(n.QRPNG != "", func() app.UI {
					return app.Img().ID("notice-qr").Class("notice-qr").Src("data:image/png;base64," + n.QRPNG).
						Alt(b.t("notice.qr_alt", n.Code)).Width(128).Height(128)
				}),
				app.Div().Class("notice-verify-text").Body(
					app.P().Body(app.Text(b.t("notice.code")), app.Strong().Class("mono").ID("notice-code").Text(n.Code)),
					app.P().Body(app.Text(b.t("notice.verify_at")), app.A().ID("verify-url").Class("verify-url").Href(n.VerifyPath).Text(verifyURL)),
					app.P().Class("muted small").Text(b.t("notice.verify_how")),
					app.If(n.Kind == "accepted" || n.Kind == "completed", func() app.UI {
						return app.P().Body(app.Text(b.t("notice.progress_at")),
							app.A().ID("progress-url").Class("verify-url").Href(progressPath(n)).Text(origin+progressPath(n)))
					}),
				),
			)
		}),
	)
}

// VerifyPage checks a notice's verification code for anyone (/verify/{code}, /verify): it
// says whether the notice is genuine and what the genuine one says. The page is public and
// prerendered without the answer; the browser asks the API.
type VerifyPage struct {
	base
	code    string
	typed   string
	result  *api.Verification
	missing bool // no genuine notice has the code
	errText string
	fieldEr string
}

func (v *VerifyPage) OnNav(ctx app.Context) {
	code := ""
	if p := strings.TrimSuffix(ctx.Page().URL().Path, "/"); p != "/verify" {
		code = codeFromPath(ctx.Page().URL())
	}
	code = normalCode(code)
	if code == v.code && (v.result != nil || v.missing) {
		return
	}
	v.code, v.result, v.missing, v.errText, v.fieldEr = code, nil, false, "", ""
	if code == "" {
		return
	}
	if app.IsServer {
		return // the server shows that it is checking; the browser checks
	}
	ctx.Async(func() {
		var out api.Verification
		err := remote().Do(context.Background(), "GET", "/verify/"+url.PathEscape(code), nil, &out)
		ctx.Dispatch(func(ctx app.Context) {
			if code != v.code {
				return
			}
			switch {
			case client.IsStatus(err, 404) || client.IsStatus(err, 400):
				v.missing = true
			case err != nil:
				v.errText = v.errorText(err)
			case !out.Genuine:
				v.missing = true
			default:
				v.result = &out
			}
			ctx.Defer(func(app.Context) { focusID("verify-result") })
		})
	})
}

// normalCode is a code as people type it: spaces gone, capitals.
func normalCode(s string) string {
	s = strings.ToUpper(strings.Join(strings.Fields(s), ""))
	if len(s) > 40 {
		s = s[:40]
	}
	return s
}

func (v *VerifyPage) check(ctx app.Context, e app.Event) {
	e.PreventDefault()
	code := normalCode(v.typed)
	if code == "" {
		v.fieldEr = v.t("verify.code_required")
		return
	}
	v.fieldEr = ""
	ctx.Navigate("/verify/" + url.PathEscape(code))
}

func (v *VerifyPage) Render() app.UI {
	return v.frame("", v.t("verify.title"),
		app.P().Class("lead muted").Text(v.t("verify.lead")),
		app.If(v.code != "", func() app.UI { return v.resultBox() }),
		app.Section().Class("panel").Aria("labelledby", "verify-form-title").Body(
			app.H2().ID("verify-form-title").Text(v.t("verify.form_title")),
			app.Form().ID("verify-form").OnSubmit(v.check).Attr("novalidate", true).Body(
				field("verify-code", v.t("verify.code"), v.t("verify.code_hint"), v.fieldEr,
					textInput(&v.Compo, "verify-code", "text", &v.typed, v.fieldEr, "off", true).
						Class("input input-code").Attr("autocapitalize", "characters").Attr("spellcheck", "false").Attr("maxlength", 40)),
				app.Button().Type("submit").Class("btn btn-primary btn-block").ID("verify-submit").Text(v.t("verify.submit")),
			),
		),
		app.P().Body(app.A().Class("back-link").ID("to-progress").Href("/progress").Text(v.t("progress.link"))),
	)
}

// progressPath is the public progress page of a notice's case, looked up by the notice's
// verification code (what the notice's holder has, without the phone digits).
func progressPath(n api.Notice) string {
	return "/progress?" + url.Values{"case": {n.CaseNo}, "code": {n.Code}}.Encode()
}

func (v *VerifyPage) resultBox() app.UI {
	switch {
	case v.result != nil:
		n := v.result.Notice
		return app.Section().Class("verify-box verify-ok").Aria("labelledby", "verify-result").Body(
			app.H2().ID("verify-result").TabIndex(-1).Body(
				app.Span().Class("verify-mark").Aria("hidden", "true").Text("✓"),
				app.Text(v.t("verify.genuine")),
			),
			app.P().Class("mono").ID("verify-code-shown").Text(v.t("notice.code")+n.Code),
			app.P().Class("muted small").Text(v.t("verify.genuine_lead")),
			app.If(n.CaseNo != "", func() app.UI {
				return app.A().Class("btn btn-primary").ID("verify-progress").Href(progressPath(n)).Text(v.t("progress.open"))
			}),
			noticeDocument(&v.base, n, "", false),
		)
	case v.missing:
		return app.Section().Class("verify-box verify-bad").Aria("labelledby", "verify-result").Body(
			app.H2().ID("verify-result").TabIndex(-1).Body(
				app.Span().Class("verify-mark").Aria("hidden", "true").Text("✗"),
				app.Text(v.t("verify.not_genuine")),
			),
			app.P().Class("mono").Text(v.t("notice.code")+v.code),
			app.P().Text(v.t("verify.not_genuine_lead")),
		)
	case v.errText != "":
		return app.P().Class("form-error").Role("alert").ID("verify-result").TabIndex(-1).Text(v.errText)
	}
	return app.P().Class("notice-block notice-info").Role("status").ID("verify-loading").Text(v.t("verify.checking"))
}

// parseDate reads a date (YYYY-MM-DD) at the centre.
func parseDate(s string) (time.Time, error) {
	return time.ParseInLocation(time.DateOnly, s, centreZone)
}
