package pages

import (
	"context"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"portal/app/api"
	"portal/app/client"
)

// TicketPage is one consultation or complaint (/tickets/view?id=…): what it is about, who owns
// it and how fast they answered, the conversation in order, and a reply box for the
// applicant who opened it and for its owner while it is not closed. Window staff and
// supervisors take an open one up here too (我来负责); its owner or the applicant closes
// it, after being asked once.
type TicketPage struct {
	base
	id       string
	tk       api.Ticket
	loaded   bool
	notFound bool
	errText  string
	okText   string
	reply    string
	replyErr string
	busy     bool
	closing  bool // the close asks once
}

func (p *TicketPage) OnMount(ctx app.Context) {
	p.mountBase(ctx)
	ctx.ObserveState(stateUser, &p.user).OnChange(func() { p.load(ctx) })
}

func (p *TicketPage) OnNav(ctx app.Context) {
	u := ctx.Page().URL()
	id := u.Query().Get("id")
	if id != p.id {
		p.id, p.tk, p.loaded, p.notFound = id, api.Ticket{}, false, false
		p.errText, p.okText, p.reply, p.replyErr, p.busy, p.closing = "", "", "", "", false, false
	}
	if u.Query().Get("claimed") == "1" { // just taken up from the queue: said once
		p.okText = p.t("ticket.claimed_here")
		if !app.IsServer {
			clean := *u
			clean.RawQuery = url.Values{"id": {id}}.Encode()
			ctx.Page().ReplaceURL(&clean)
		}
	}
	p.load(ctx)
}

func (p *TicketPage) load(ctx app.Context) {
	if app.IsServer || p.user == nil || p.id == "" {
		return
	}
	id := p.id
	ctx.Async(func() {
		var tk api.Ticket
		err := remote().Do(context.Background(), "GET", "/tickets/"+url.PathEscape(id), nil, &tk)
		ctx.Dispatch(func(ctx app.Context) {
			if id != p.id {
				return
			}
			p.loaded = true
			if err != nil {
				p.notFound = client.IsStatus(err, 404) || client.IsStatus(err, 403)
				p.errText = p.errorText(err)
				return
			}
			first := p.tk.ID == ""
			p.tk, p.notFound = tk, false
			ctx.Page().SetTitle(tk.Subject + " · " + p.t("ticket.title"))
			if first && p.okText != "" && p.canReply() {
				ctx.Defer(func(app.Context) { focusID("reply-body") })
			}
		})
	})
}

// filer reports whether the person is on the applicant's side of the ticket.
func (p *TicketPage) filer() bool { return p.user != nil && filesTickets(p.user.Role) }

// canReply: the applicant who opened it, or its owner, while it is not closed.
func (p *TicketPage) canReply() bool {
	return p.tk.Status != ticketClosed && (p.filer() || p.tk.Mine)
}

// act runs a call that answers the ticket (claim, reply, close) and shows the result.
func (p *TicketPage) act(path string, body any, ok string, after func(ctx app.Context, err error)) {
	if p.busy {
		return
	}
	p.busy, p.errText, p.okText = true, "", ""
	id := p.id
	ctx := p.live
	ctx.Async(func() {
		var tk api.Ticket
		err := remote().Do(context.Background(), "POST", "/tickets/"+url.PathEscape(id)+path, body, &tk)
		ctx.Dispatch(func(ctx app.Context) {
			if id != p.id {
				return
			}
			p.busy = false
			if err != nil {
				p.errText = p.errorText(err)
			} else {
				p.okText = ok
				if tk.ID != "" {
					p.tk = tk
				}
			}
			after(ctx, err)
			if err != nil {
				p.load(ctx) // someone else may have moved it: show how it is now
				ctx.Defer(func(app.Context) { focusID("ticket-messages-error") })
			}
		})
	})
}

func (p *TicketPage) claimIt(ctx app.Context, e app.Event) {
	p.act("/claim", nil, p.t("ticket.claimed_ok", p.tk.Subject), func(ctx app.Context, err error) {
		if err == nil {
			ctx.Defer(func(app.Context) { focusID("reply-body") })
		}
	})
}

func (p *TicketPage) send(ctx app.Context, e app.Event) {
	e.PreventDefault()
	body := strings.TrimSpace(p.reply)
	p.replyErr = ""
	if body == "" {
		p.replyErr = p.t("field.required")
	} else if msg := p.checkLength(body, ticketBodyMax); msg != "" {
		p.replyErr = msg
	}
	if p.replyErr != "" {
		p.live.Defer(func(app.Context) { focusID("reply-body") })
		return
	}
	p.act("/messages", api.MessageRequest{Body: body}, p.t("ticket.reply_ok"), func(ctx app.Context, err error) {
		if err != nil {
			if f := fieldErrors(err); f["body"] != "" {
				p.replyErr = f["body"]
			}
			return
		}
		p.reply = ""
		clearInputs("reply-body")
		ctx.Defer(func(app.Context) { focusLast(".conversation .msg") })
	})
}

func (p *TicketPage) askClose(ctx app.Context, e app.Event) {
	p.closing, p.errText, p.okText = true, "", ""
	p.live.Defer(func(app.Context) { focusID("close-question") })
}

func (p *TicketPage) keepOpen(ctx app.Context, e app.Event) {
	p.closing = false
	p.live.Defer(func(app.Context) { focusID("close-button") })
}

func (p *TicketPage) closeIt(ctx app.Context, e app.Event) {
	p.act("/close", nil, p.t("ticket.closed_ok"), func(ctx app.Context, err error) {
		p.closing = false
		if err == nil {
			ctx.Defer(func(app.Context) { focusID("ticket-status") })
		}
	})
}

func (p *TicketPage) active() string {
	if p.user != nil && deskTickets(p.user.Role) {
		return "tickets"
	}
	return tabMine
}

func (p *TicketPage) Render() app.UI {
	title := p.t("ticket.title")
	back := app.P().Body(app.A().Href("/tickets").ID("to-tickets").Class("back-link").Text(p.t("ticket.to_list")))
	if p.user == nil {
		return p.frame(tabMine, title, signInTo(&p.base, ticketPath(p.id)))
	}
	if p.notFound {
		return p.frame(p.active(), title,
			emptyState(p.t("ticket.not_found"), app.A().Class("btn btn-primary").Href("/tickets").Text(p.t("ticket.to_list"))))
	}
	if p.tk.ID == "" {
		return p.frame(p.active(), title,
			messages("ticket-messages", "", p.errText),
			app.If(p.errText == "", func() app.UI { return app.P().Role("status").Text(p.t("desk.loading")) }),
			back,
		)
	}
	tk := p.tk
	return p.frame(p.active(), title,
		messages("ticket-messages", p.okText, p.errText),
		p.head(),
		app.Div().ID("ticket-claim").Body(p.claimBox()),
		p.conversation(),
		app.Div().ID("ticket-reply").Body(
			app.If(p.canReply(), func() app.UI { return p.replyBox() }).
				ElseIf(tk.Status == ticketClosed, func() app.UI {
					return app.P().Class("notice-block notice-info").ID("closed-note").Text(p.t("ticket.closed_note"))
				}),
		),
		app.Div().ID("ticket-close").Body(
			app.If((tk.Mine || p.filer()) && tk.Status != ticketClosed, func() app.UI { return p.closeBox() }),
		),
		back,
	)
}

func (p *TicketPage) head() app.UI {
	tk := p.tk
	owner := tk.Owner
	if owner == "" {
		owner = p.t("ticket.owner_none")
	}
	response := p.t("ticket.no_reply_yet")
	if tk.ResponseMinutes != nil && tk.FirstReplyAt != nil {
		response = p.t("ticket.response_time", p.waited(*tk.ResponseMinutes), p.ticketWhen(*tk.FirstReplyAt, time.Now()))
	} else if tk.Status != ticketClosed && !p.filer() {
		response = p.responseText(tk, time.Now())
	}
	desk := !p.filer()
	return app.Section().Class("panel app-head").Aria("labelledby", "ticket-subject").Body(
		app.Div().Class("app-head-row").Body(
			app.H2().ID("ticket-subject").Text(tk.Subject),
			p.ticketStatus("ticket-status", tk.Status),
		),
		app.Dl().Class("kvs").ID("ticket-facts").Body(
			kvRow(p.t("ticket.kind"), app.Span().ID("ticket-kind").Text(p.t("ticket.kind."+tk.Kind))),
			app.If(tk.CaseNo != "", func() app.UI {
				return kvRow(p.t("ticket.about_case"), app.Span().Class("mono").ID("ticket-case").Text(tk.CaseNo))
			}),
			app.If(tk.DepartmentName != "", func() app.UI {
				return kvRow(p.t("ticket.department_label"), app.Span().ID("ticket-dept").Text(tk.DepartmentName))
			}),
			app.If(desk && tk.Applicant != "", func() app.UI {
				return kvRow(p.t("ticket.applicant"), app.Span().ID("ticket-applicant").Text(tk.Applicant))
			}),
			kvRow(p.t("ticket.created"), app.Text(p.whenLong(tk.CreatedAt))),
			kvRow(p.t("ticket.owner"), app.Span().ID("ticket-owner").Text(owner)),
			kvRow(p.t("ticket.response"), app.Span().ID("ticket-response").Text(response)),
			app.If(tk.ClosedAt != nil, func() app.UI {
				return kvRow(p.t("ticket.closed_at"), app.Span().ID("ticket-closed-at").Text(p.whenLong(*tk.ClosedAt)))
			}),
		),
	)
}

// claimBox offers desk staff an open ticket to take up, or says who owns it.
func (p *TicketPage) claimBox() app.UI {
	tk := p.tk
	if p.filer() || tk.Status == ticketClosed {
		return nil
	}
	if tk.Status == ticketOpen {
		if !canClaim(p.role(), tk) {
			return app.P().Class("notice-block notice-warn").ID("claim-not-mine").Text(p.t("ticket.complaint_chief_only"))
		}
		return app.Section().Class("panel").Aria("labelledby", "claim-title").Body(
			app.H2().ID("claim-title").Text(p.t("ticket.claim")),
			app.P().Class("muted").ID("claim-hint").Text(p.t("ticket.claim_lead")),
			app.Button().Type("button").Class("btn btn-primary btn-block").ID("claim-button").Disabled(p.busy).
				Aria("describedby", "claim-hint").
				Text(p.t(map[bool]string{true: "ticket.claiming", false: "ticket.claim"}[p.busy])).OnClick(p.claimIt),
		)
	}
	if !tk.Mine && tk.Owner != "" {
		return app.P().Class("notice-block notice-info").ID("owned-by").Text(p.t("ticket.owned_by_other", tk.Owner))
	}
	return nil
}

func (p *TicketPage) conversation() app.UI {
	msgs, now := p.tk.Messages, time.Now()
	return app.Section().Class("panel").Aria("labelledby", "conversation-title").Body(
		app.H2().ID("conversation-title").Text(p.t("ticket.conversation")),
		app.Ol().Class("plain conversation").ID("conversation").Body(
			app.Range(msgs).Slice(func(i int) app.UI {
				m := msgs[i]
				side := "msg-staff"
				who := m.Author
				role := p.t("ticket.from_staff")
				if m.FromApplicant {
					side, role = "msg-applicant", p.t("ticket.from_applicant")
					if p.filer() {
						who = p.t("ticket.me")
					}
				}
				return app.Li().Class("msg "+side).ID("msg-"+strconv.Itoa(i)).TabIndex(-1).Body(
					app.Div().Class("msg-head").Body(
						app.Strong().Class("msg-author").Text(who),
						app.Span().Class("badge badge-grey").Text(role),
						app.Span().Class("muted small msg-when").Text(p.ticketWhen(m.At, now)),
					),
					app.P().Class("prose msg-body").Text(m.Body),
				)
			}),
		),
	)
}

func (p *TicketPage) replyBox() app.UI {
	hint := "ticket.reply_hint_staff"
	if p.filer() {
		hint = "ticket.reply_hint_applicant"
	}
	label := map[bool]string{true: "ticket.reply_sending", false: "ticket.reply_send"}[p.busy]
	return app.Form().Class("form").ID("reply-form").OnSubmit(p.send).Attr("novalidate", true).Body(
		field("reply-body", p.t("ticket.reply"), p.t(hint), p.replyErr,
			textArea(&p.Compo, "reply-body", &p.reply, p.replyErr, 4, true).Attr("maxlength", ticketBodyMax)),
		app.Button().Type("submit").Class("btn btn-primary btn-block").ID("reply-submit").Disabled(p.busy).Text(p.t(label)),
	)
}

func (p *TicketPage) closeBox() app.UI {
	return app.Section().Class("panel").Aria("labelledby", "close-title").Body(
		app.H2().ID("close-title").Text(p.t(map[bool]string{true: "ticket.close_title_applicant", false: "ticket.close_title"}[p.filer()])),
		app.If(!p.closing, func() app.UI {
			return app.Button().Type("button").Class("btn btn-secondary btn-block").ID("close-button").Text(p.t("ticket.close")).OnClick(p.askClose)
		}).Else(func() app.UI {
			return app.Div().Class("confirm-box").ID("close-box").Role("group").Aria("labelledby", "close-question").Body(
				app.P().Class("confirm-question").ID("close-question").TabIndex(-1).Text(p.t("ticket.close_question", p.tk.Subject)),
				app.P().Class("muted").Text(p.t(map[bool]string{true: "ticket.close_effect_applicant", false: "ticket.close_effect"}[p.filer()])),
				app.Div().Class("actions actions-2").Body(
					app.Button().Type("button").Class("btn btn-danger").ID("close-yes").Disabled(p.busy).Text(p.t("ticket.close_yes")).OnClick(p.closeIt),
					app.Button().Type("button").Class("btn btn-secondary").ID("close-no").Text(p.t("ticket.close_no")).OnClick(p.keepOpen),
				),
			)
		}),
	)
}

// focusLast focuses the last element a selector finds (the message just sent).
func focusLast(selector string) {
	if app.IsServer {
		return
	}
	all := app.Window().Get("document").Call("querySelectorAll", selector)
	if n := all.Length(); n > 0 {
		all.Index(n - 1).Call("focus")
	}
}
