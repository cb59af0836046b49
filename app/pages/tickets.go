package pages

import (
	"context"
	"net/url"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"portal/app/api"
)

// Ticket kinds and statuses (api.Ticket): open (nobody owns it yet), claimed (an owner, no
// reply yet), answered, closed.
const (
	ticketConsultation = "consultation"
	ticketComplaint    = "complaint"
	ticketOpen         = "open"
	ticketClosed       = "closed"
)

// Desk views of /tickets: unclaimed ones to take up, the ones I own, everything I may see.
var ticketViews = []string{"open", "mine", "all"}

// Limits of api.TicketRequest and api.MessageRequest, checked on the phone before sending.
const (
	ticketSubjectMax = 100
	ticketBodyMax    = 2000
)

// Tickets is /tickets, consultations and complaints (咨询/投诉). An applicant (or agent)
// sees their own, newest first, each with its status in words, and opens a new one with
// the 我要咨询 / 我要投诉 form (?new=complaint&case=<case_no> opens it prefilled, as the
// application page links). Window staff, chiefs and supervisors get the queue: open ones
// to take up (首问负责制: the first who claims it owns it), the ones they own, or all.
type Tickets struct {
	base
	view    string // desk view: open, mine or all
	list    []api.Ticket
	loaded  bool
	errText string // what the last action got wrong
	okText  string
	loadErr string // why the list could not be read
	claim   string // the ticket being claimed

	// The applicant's form.
	formOpen bool
	kind     string
	subject  string
	body     string
	caseNo   string
	dept     string
	fields   map[string]string
	busy     bool
	apps     []api.Application
	depts    []api.Department
}

// deskTickets reports whether the person handles tickets rather than opening them.
func deskTickets(role string) bool {
	return role == "staff" || role == "chief" || role == "supervisor"
}

// filesTickets reports whether the person opens tickets (POST /tickets).
func filesTickets(role string) bool { return role == "applicant" || role == "agent" }

// OnMount binds the page; OnNav, which go-app calls after it, loads the list.
func (p *Tickets) OnMount(ctx app.Context) {
	p.mountBase(ctx)
	ctx.ObserveState(stateUser, &p.user).OnChange(func() { p.load(ctx) })
}

func (p *Tickets) OnNav(ctx app.Context) {
	q := ctx.Page().URL().Query()
	view := q.Get("view")
	if !containsString(ticketViews, view) {
		view = "open"
	}
	if view != p.view {
		p.view, p.list, p.loaded = view, nil, false
	}
	p.load(ctx)
	if k := q.Get("new"); k == ticketConsultation || k == ticketComplaint {
		p.openForm(k)
		if c := q.Get("case"); c != "" {
			p.caseNo = c
			p.deptFromCase()
		}
		if !app.IsServer { // the address goes back to the list: a reload does not reopen the form
			u := *ctx.Page().URL()
			v := u.Query()
			v.Del("new")
			v.Del("case")
			u.RawQuery = v.Encode()
			ctx.Page().ReplaceURL(&u)
		}
	}
}

func (p *Tickets) load(ctx app.Context) {
	if app.IsServer || p.user == nil {
		return
	}
	role := p.user.Role
	switch {
	case deskTickets(role):
		view := p.view
		if view == "" {
			view = "open"
		}
		ctx.Async(func() {
			var list api.TicketList
			err := remote().Do(context.Background(), "GET", "/tickets?status="+url.QueryEscape(view), nil, &list)
			ctx.Dispatch(func(ctx app.Context) {
				if view != p.view && p.view != "" {
					return
				}
				p.loaded, p.loadErr = true, ""
				if err != nil {
					p.loadErr = p.errorText(err)
					return
				}
				p.list = sortTickets(inView(view, list.Tickets))
			})
		})
	case filesTickets(role):
		ctx.Async(func() {
			c := context.Background()
			var list api.TicketList
			err := remote().Do(c, "GET", "/tickets?status=all", nil, &list)
			apps, _ := myApplications(c)
			depts, _ := catalog().Departments(c)
			ctx.Dispatch(func(ctx app.Context) {
				p.loaded, p.loadErr = true, ""
				p.apps, p.depts = apps, depts
				p.deptFromCase()
				if err != nil {
					p.loadErr = p.errorText(err)
					return
				}
				p.list = sortTickets(list.Tickets)
			})
		})
	default:
		p.loaded = true
	}
}

// ticketPath is the address of a ticket's page, the one the inbox's notifications link to.
func ticketPath(id string) string { return "/tickets/view?id=" + url.QueryEscape(id) }

// inView keeps the tickets of a desk view: open those nobody owns yet, mine those the
// person owns, as GET /tickets?status= does; the page checks again so a view never shows
// what it does not name.
func inView(view string, list []api.Ticket) []api.Ticket {
	var out []api.Ticket
	for _, tk := range list {
		if (view == "open" && tk.Status == ticketOpen) || (view == "mine" && tk.Mine) || view == "all" {
			out = append(out, tk)
		}
	}
	return out
}

// sortTickets puts the newest first.
func sortTickets(list []api.Ticket) []api.Ticket {
	out := append([]api.Ticket(nil), list...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].CreatedAt.After(out[j].CreatedAt) })
	return out
}

func (p *Tickets) openForm(kind string) {
	p.formOpen, p.kind, p.fields, p.okText, p.errText = true, kind, nil, "", ""
}

func (p *Tickets) startForm(kind string) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		p.openForm(kind)
		p.live.Defer(func(app.Context) { focusID("tk-subject") })
	}
}

func (p *Tickets) cancelForm(ctx app.Context, e app.Event) {
	p.formOpen, p.fields, p.errText = false, nil, ""
	p.live.Defer(func(app.Context) { focusID("new-" + p.kind) })
}

// deptFromCase names the department of the chosen case when none is chosen yet.
func (p *Tickets) deptFromCase() {
	if p.caseNo == "" || p.dept != "" {
		return
	}
	for _, a := range p.apps {
		if a.CaseNo == p.caseNo {
			p.dept = a.DepartmentCode
		}
	}
}

func (p *Tickets) chooseCase(ctx app.Context, e app.Event) {
	p.caseNo = ctx.JSSrc().Get("value").String()
	p.deptFromCase()
}

// checkLength says when a text is over its limit, in characters as people count them.
func (b *base) checkLength(s string, max int) string {
	if n := utf8.RuneCountInString(s); n > max {
		return b.t("ticket.too_long", max, n)
	}
	return ""
}

func (p *Tickets) submit(ctx app.Context, e app.Event) {
	e.PreventDefault()
	if p.busy {
		return
	}
	subject, body := strings.TrimSpace(p.subject), strings.TrimSpace(p.body)
	p.fields = map[string]string{}
	if subject == "" {
		p.fields["subject"] = p.t("field.required")
	} else if msg := p.checkLength(subject, ticketSubjectMax); msg != "" {
		p.fields["subject"] = msg
	}
	if body == "" {
		p.fields["body"] = p.t("field.required")
	} else if msg := p.checkLength(body, ticketBodyMax); msg != "" {
		p.fields["body"] = msg
	}
	if len(p.fields) > 0 {
		p.errText, p.okText = p.t("form.fix_errors"), ""
		p.live.Defer(func(app.Context) { focusFirstInvalid("ticket-form") })
		return
	}
	kind := p.kind
	req := api.TicketRequest{Kind: kind, Subject: subject, Body: body, CaseNo: p.caseNo, DepartmentCode: p.dept}
	p.busy, p.errText, p.okText = true, "", ""
	ctx.Async(func() {
		var tk api.Ticket
		err := remote().Do(context.Background(), "POST", "/tickets", req, &tk)
		p.live.Dispatch(func(ctx app.Context) {
			p.busy = false
			if err != nil {
				p.errText, p.fields = p.errorText(err), fieldErrors(err)
				p.live.Defer(func(app.Context) { focusFirstInvalid("ticket-form") })
				return
			}
			p.subject, p.body, p.caseNo, p.dept, p.fields, p.formOpen = "", "", "", "", nil, false
			clearInputs("tk-subject", "tk-body")
			p.okText = p.t("ticket.sent." + kind)
			if tk.ID != "" {
				p.list = sortTickets(append([]api.Ticket{tk}, p.list...))
			}
			p.load(ctx)
			p.live.Defer(func(app.Context) { focusID("tickets-messages-ok") })
		})
	})
}

// claimTicket takes a ticket up from the queue (首问负责制) and goes to it to reply. Who
// comes second gets 409 ticket_owned: said in words with the colleague who has it, and the
// list is read again.
func (p *Tickets) claimTicket(ctx app.Context, tk api.Ticket) {
	if p.claim != "" {
		return
	}
	p.claim, p.errText, p.okText = tk.ID, "", ""
	ctx.Async(func() {
		c := context.Background()
		path := "/tickets/" + url.PathEscape(tk.ID)
		var got api.Ticket
		err := remote().Do(c, "POST", path+"/claim", nil, &got)
		owner := ""
		if errCode(err) == "ticket_owned" {
			var now api.Ticket
			if remote().Do(c, "GET", path, nil, &now) == nil {
				owner = now.Owner
			}
		}
		p.live.Dispatch(func(ctx app.Context) {
			p.claim = ""
			if err == nil {
				ctx.Navigate(ticketPath(tk.ID) + "&claimed=1")
				return
			}
			p.errText = p.errorText(err)
			if owner != "" {
				p.errText = p.t("ticket.owned_by_named", tk.Subject, owner)
			}
			p.load(ctx)
			p.live.Defer(func(app.Context) { focusID("tickets-messages-error") })
		})
	})
}

func (p *Tickets) refresh(ctx app.Context, e app.Event) {
	p.okText, p.errText = "", ""
	p.load(ctx)
}

func (p *Tickets) Render() app.UI {
	title := p.t("ticket.title")
	if p.user == nil {
		return p.frame(tabMine, title, signInTo(&p.base, "/tickets"))
	}
	switch {
	case deskTickets(p.user.Role):
		return p.frame("tickets", title, p.deskView())
	case filesTickets(p.user.Role):
		return p.frame(tabMine, title, p.applicantView())
	}
	return p.frame(tabMine, title, emptyState(p.t("ticket.not_for_role"),
		app.A().Class("btn btn-primary").Href("/home").Text(p.t("nav.desk"))))
}

// ticketStatus is a ticket's status as colour and words (待受理, 处理中, 已答复, 已办结).
func (b *base) ticketStatus(id, status string) app.UI {
	cls := map[string]string{"open": "badge-amber", "claimed": "badge-blue", "answered": "badge-green", "closed": "badge-grey"}[status]
	if cls == "" {
		cls = "badge-grey"
	}
	return app.Span().ID(id).Class("badge badge-status " + cls).Text(b.t("ticket.status." + status))
}

// ticketKind is 咨询 or 投诉 as a label.
func (b *base) ticketKind(kind string) app.UI {
	return badge("badge-grey", b.t("ticket.kind."+kind))
}

// ticketWhen is a moment in a list or a conversation: 11月29日 20:24 this year, with the
// year before that.
func (b *base) ticketWhen(t, now time.Time) string {
	c := inCentre(t)
	if c.Year() == inCentre(now).Year() {
		return c.Format(b.t("date.short_layout")) + " " + c.Format("15:04")
	}
	return c.Format(b.t("date.long_layout")) + " " + c.Format("15:04")
}

// responseText says how long the first reply took, or how long it has waited so far.
func (b *base) responseText(tk api.Ticket, now time.Time) string {
	if tk.ResponseMinutes != nil {
		return b.waited(*tk.ResponseMinutes)
	}
	if tk.Status == ticketClosed {
		return b.t("ticket.no_reply_yet")
	}
	return b.t("ticket.waiting_for", b.waited(int(now.Sub(tk.CreatedAt).Minutes())))
}

func (p *Tickets) applicantView() app.UI {
	return app.Div().Body(
		messages("tickets-messages", p.okText, p.errText),
		app.P().Class("lead").Text(p.t("ticket.lead_applicant")),
		app.If(p.formOpen, func() app.UI { return p.form() }).Else(func() app.UI {
			return app.Div().Class("actions actions-2").ID("ticket-start").Body(
				app.Button().Type("button").Class("btn btn-primary").ID("new-consultation").
					Text(p.t("ticket.new_consultation")).OnClick(p.startForm(ticketConsultation)),
				app.Button().Type("button").Class("btn btn-secondary").ID("new-complaint").
					Text(p.t("ticket.new_complaint")).OnClick(p.startForm(ticketComplaint)),
			)
		}),
		app.Section().Aria("labelledby", "tickets-title").Body(
			app.H2().ID("tickets-title").Text(p.t("ticket.mine")),
			app.If(!p.loaded, func() app.UI { return app.P().Role("status").Text(p.t("desk.loading")) }),
			app.If(p.loadErr != "", func() app.UI {
				return app.P().Class("form-error").Role("alert").ID("tickets-load-error").Text(p.loadErr)
			}),
			app.If(p.loaded && len(p.list) == 0 && p.loadErr == "", func() app.UI {
				return emptyState(p.t("ticket.empty_applicant"), nil)
			}),
			app.Ul().Class("cards").ID("ticket-list").Body(
				app.Range(p.list).Slice(func(i int) app.UI { return p.card(p.list[i]) }),
			),
		),
	)
}

func (p *Tickets) card(tk api.Ticket) app.UI {
	meta := p.t("ticket.kind."+tk.Kind) + " · " + p.ticketWhen(tk.CreatedAt, time.Now())
	if tk.DepartmentName != "" {
		meta = tk.DepartmentName + " · " + meta
	}
	return app.Li().Class("card ticket-card").Body(
		app.A().Class("card-link").Href(ticketPath(tk.ID)).ID("ticket-"+tk.ID).Body(
			app.Span().Class("card-title").Text(tk.Subject),
			app.Span().Class("card-meta").Text(meta),
			app.If(tk.CaseNo != "", func() app.UI {
				return app.Span().Class("card-meta").Text(p.t("apply.case_no") + " " + tk.CaseNo)
			}),
			app.Span().Class("badges").Body(
				p.ticketStatus("ticket-status-"+tk.ID, tk.Status),
				app.If(tk.Owner != "", func() app.UI { return badge("badge-grey", p.t("ticket.owner_line", tk.Owner)) }),
			),
		),
	)
}

func (p *Tickets) form() app.UI {
	hint := func(id string) string { return p.t(id) }
	radio := func(value string) app.UI {
		id := "tk-kind-" + value
		return app.Label().Class("check verdict-choice").For(id).Body(
			app.Input().Type("radio").ID(id).Name("tk-kind").Value(value).Checked(p.kind == value).
				OnChange(func(ctx app.Context, e app.Event) { p.kind = value }, app.EventScope(value)),
			app.Span().Text(p.t("ticket.kind."+value)),
		)
	}
	caseOptions := []app.UI{app.Option().Value("").Selected(p.caseNo == "").Text(p.t("ticket.case_none"))}
	known := false
	for _, a := range p.apps {
		known = known || a.CaseNo == p.caseNo
		caseOptions = append(caseOptions, app.Option().Value(a.CaseNo).Selected(a.CaseNo == p.caseNo).
			Text(p.t("ticket.case_option", a.CaseNo, a.ItemName)))
	}
	if p.caseNo != "" && !known { // prefilled from a link before the list arrived
		caseOptions = append(caseOptions, app.Option().Value(p.caseNo).Selected(true).Text(p.caseNo))
	}
	deptOptions := []app.UI{app.Option().Value("").Selected(p.dept == "").Text(p.t("ticket.department_none"))}
	for _, d := range p.depts {
		deptOptions = append(deptOptions, app.Option().Value(d.Code).Selected(d.Code == p.dept).Text(d.Name))
	}
	selectFor := func(id, errText string) app.HTMLSelect {
		s := app.Select().ID(id).Name(id).Class("input")
		if errText != "" {
			s = s.Aria("invalid", "true")
		}
		if d := describedBy(id, id == "tk-dept", errText); d != "" {
			s = s.Aria("describedby", d)
		}
		return s
	}
	label := map[bool]string{true: "ticket.sending", false: "ticket.submit"}[p.busy]
	return app.Form().Class("form").ID("ticket-form").Aria("labelledby", "ticket-form-title").
		OnSubmit(p.submit).Attr("novalidate", true).Body(
		app.H2().ID("ticket-form-title").Class("form-title").Text(p.t("ticket.new_"+p.kind)),
		app.FieldSet().ID("tk-kind").Body(
			app.Legend().Text(p.t("ticket.kind")),
			app.Div().Class("verdict-choices").Body(radio(ticketConsultation), radio(ticketComplaint)),
			app.If(p.fields["kind"] != "", func() app.UI {
				return app.P().Class("field-error").Role("alert").ID("tk-kind-error").Text(p.fields["kind"])
			}),
		),
		field("tk-subject", p.t("ticket.subject"), hint("ticket.subject_hint"), p.fields["subject"],
			textInput(&p.Compo, "tk-subject", "text", &p.subject, p.fields["subject"], "off", true).
				Attr("maxlength", ticketSubjectMax)),
		field("tk-body", p.t("ticket.body"), hint("ticket.body_hint."+p.kind), p.fields["body"],
			textArea(&p.Compo, "tk-body", &p.body, p.fields["body"], 5, true).Attr("maxlength", ticketBodyMax)),
		field("tk-case", p.t("ticket.case"), "", p.fields["case_no"],
			selectFor("tk-case", p.fields["case_no"]).OnChange(p.chooseCase).Body(caseOptions...)),
		field("tk-dept", p.t("ticket.department"), hint("ticket.department_hint"), p.fields["department_code"],
			selectFor("tk-dept", p.fields["department_code"]).OnChange(p.ValueTo(&p.dept)).Body(deptOptions...)),
		app.Div().Class("actions actions-2").Body(
			app.Button().Type("submit").Class("btn btn-primary").ID("tk-submit").Disabled(p.busy).Text(p.t(label)),
			app.Button().Type("button").Class("btn btn-secondary").ID("tk-cancel").Text(p.t("ticket.cancel")).OnClick(p.cancelForm),
		),
	)
}

// canClaim: an open ticket may be taken up by window staff of its department (complaints:
// only the chief) and by supervisors. The server decides; this only hides a button that
// would be refused.
func canClaim(role string, tk api.Ticket) bool {
	if tk.Status != ticketOpen {
		return false
	}
	switch role {
	case "supervisor", "chief":
		return true
	case "staff":
		return tk.Kind != ticketComplaint
	}
	return false
}

func (p *Tickets) deskView() app.UI {
	now := time.Now()
	tab := func(v string) app.UI {
		a := app.A().Class("chip").ID("view-" + v).Href("/tickets?view=" + v).Text(p.t("ticket.view." + v))
		if v == p.view {
			a = a.Class("chip chip-selected").Aria("current", "page")
		}
		return app.Li().Body(a)
	}
	return app.Div().Body(
		messages("tickets-messages", p.okText, p.errText),
		app.Nav().Aria("label", p.t("ticket.views")).Body(
			app.Ul().Class("chips").ID("ticket-views").Body(tab("open"), tab("mine"), tab("all")),
		),
		app.Div().Class("toolbar-row").Body(
			app.P().Class("muted").ID("claim-lead").Text(p.t("ticket.claim_lead")),
			app.Button().Type("button").Class("btn btn-secondary btn-small").ID("tickets-refresh").Text(p.t("ticket.refresh")).OnClick(p.refresh),
		),
		app.If(!p.loaded, func() app.UI { return app.P().Role("status").Text(p.t("desk.loading")) }),
		app.If(p.loadErr != "", func() app.UI {
			return app.P().Class("form-error").Role("alert").ID("tickets-load-error").Text(p.loadErr)
		}),
		app.If(p.loaded && len(p.list) == 0 && p.loadErr == "", func() app.UI {
			return emptyState(p.t("ticket.desk_empty."+p.view), nil)
		}),
		app.If(len(p.list) > 0, func() app.UI {
			return app.Div().Class("table-wrap").Body(
				app.Table().Class("table table-stack").ID("ticket-table").Body(
					app.Caption().Class("visually-hidden").Text(p.t("ticket.caption", len(p.list))),
					app.THead().Body(app.Tr().Body(
						app.Th().Scope("col").Text(p.t("ticket.subject")),
						app.Th().Scope("col").Text(p.t("ticket.department_label")),
						app.Th().Scope("col").Text(p.t("ticket.applicant")),
						app.Th().Scope("col").Text(p.t("ticket.created")),
						app.Th().Scope("col").Text(p.t("ticket.response")),
						app.Th().Scope("col").Text(p.t("ticket.owner")),
						app.Th().Scope("col").Text(p.t("ticket.action")),
					)),
					app.TBody().Body(app.Range(p.list).Slice(func(i int) app.UI { return p.row(p.list[i], now) })),
				),
			)
		}),
	)
}

func (p *Tickets) row(tk api.Ticket, now time.Time) app.UI {
	td := func(label string) app.HTMLTd { return app.Td().DataSet("label", label) }
	dept := tk.DepartmentName
	if dept == "" {
		dept = p.t("ticket.none")
	}
	owner := tk.Owner
	if owner == "" {
		owner = p.t("ticket.owner_none")
	}
	claimable := canClaim(p.role(), tk)
	return app.Tr().ID("row-"+tk.ID).Body(
		td(p.t("ticket.subject")).Class("ticket-subject-cell").Body(app.Div().Body(
			app.A().Href(ticketPath(tk.ID)).ID("subject-"+tk.ID).Text(tk.Subject),
			app.Span().Class("badges").Body(
				p.ticketKind(tk.Kind),
				p.ticketStatus("ticket-status-"+tk.ID, tk.Status),
			),
		)),
		td(p.t("ticket.department_label")).Text(dept),
		td(p.t("ticket.applicant")).Text(tk.Applicant),
		td(p.t("ticket.created")).Text(p.ticketWhen(tk.CreatedAt, now)),
		td(p.t("ticket.response")).Class("wait-cell").Text(p.responseText(tk, now)),
		td(p.t("ticket.owner")).Text(owner),
		td(p.t("ticket.action")).Body(
			app.If(claimable, func() app.UI {
				busy := p.claim == tk.ID
				return app.Button().Type("button").Class("btn btn-primary btn-small").ID("claim-"+tk.ID).
					Disabled(p.claim != "").Aria("label", p.t("ticket.claim_named", tk.Subject)).
					Text(p.t(map[bool]string{true: "ticket.claiming", false: "ticket.claim"}[busy])).
					OnClick(func(ctx app.Context, e app.Event) { p.claimTicket(ctx, tk) }, app.EventScope(tk.ID))
			}).Else(func() app.UI {
				return app.A().Class("btn btn-secondary btn-small").ID("open-"+tk.ID).Href(ticketPath(tk.ID)).
					Aria("label", p.t("ticket.open_named", tk.Subject)).Text(p.t("ticket.open"))
			}),
		),
	)
}

// focusFirstInvalid moves the focus to the first field of a form that has an error, so a
// phone scrolls to it and a screen reader reads it.
func focusFirstInvalid(formID string) {
	if app.IsServer {
		return
	}
	el := app.Window().Get("document").Call("querySelector", "#"+formID+" [aria-invalid=true]")
	if el.Truthy() {
		el.Call("focus")
	}
}
