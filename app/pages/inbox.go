package pages

import (
	"context"
	"net/url"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"portal/app/api"
)

// Inbox is everyone's one in-app inbox (/inbox): appointments, pre-review, cases, warnings,
// rectifications and replies, newest first. Applicants also see it on their 预约 tab.
type Inbox struct {
	base
	inbox   api.NotificationList
	loaded  bool
	errText string
}

func (p *Inbox) OnMount(ctx app.Context) {
	p.mountBase(ctx)
	ctx.ObserveState(stateUser, &p.user).OnChange(func() { p.load(ctx) })
	p.load(ctx)
}

func (p *Inbox) load(ctx app.Context) {
	if p.user == nil {
		return
	}
	ctx.Async(func() {
		var inbox api.NotificationList
		err := remote().Do(context.Background(), "GET", "/notifications", nil, &inbox)
		ctx.Dispatch(func(ctx app.Context) {
			p.loaded = true
			if err != nil {
				p.errText = p.errorText(err)
				return
			}
			p.inbox, p.errText = inbox, ""
		})
	})
}

func (p *Inbox) Render() app.UI {
	tab := map[bool]string{true: "inbox", false: tabMine}[p.deskRole()]
	if p.user == nil {
		return p.frame(tab, p.t("inbox.title"), signInTo(&p.base, "/inbox"))
	}
	return p.frame(tab, p.t("inbox.title"),
		messages("inbox-messages", "", p.errText),
		app.If(!p.loaded, func() app.UI { return app.P().Role("status").Text(p.t("desk.loading")) }),
		p.inboxSection(p.inbox, p.loaded, nil),
	)
}

// inboxSection lists notifications; names maps item codes to names where a page knows them.
func (b *base) inboxSection(inbox api.NotificationList, loaded bool, names map[string]string) app.UI {
	return app.Section().Aria("labelledby", "inbox-title").Body(
		app.H2().ID("inbox-title").Body(
			app.Text(b.t("inbox.title")),
			app.If(inbox.Unread > 0, func() app.UI {
				return app.Span().Class("badge badge-blue title-count").Text(b.t("inbox.unread_count", inbox.Unread))
			}),
		),
		app.If(loaded && len(inbox.Notifications) == 0, func() app.UI {
			return app.P().Class("muted").ID("inbox-empty").Text(b.t("inbox.empty"))
		}),
		app.Ul().Class("inbox").ID("inbox").Body(
			app.Range(inbox.Notifications).Slice(func(i int) app.UI { return b.inboxEntry(inbox.Notifications[i], names) }),
		),
	)
}

func (b *base) inboxEntry(n api.Notification, names map[string]string) app.UI {
	text := b.inboxText(n, names)
	link := n.Link
	if !strings.HasPrefix(link, "/") || strings.HasPrefix(link, "//") {
		link = ""
	}
	cls := "inbox-entry"
	if !n.Read {
		cls += " inbox-unread"
	}
	return app.Li().Class(cls).ID("note-"+n.ID).Body(
		app.Div().Class("inbox-head").Body(
			app.If(!n.Read, func() app.UI { return badge("badge-blue", b.t("inbox.unread")) }),
			app.Span().Class("muted small").Text(b.whenLong(n.CreatedAt)),
		),
		app.P().Class("inbox-text").ID("note-text-"+n.ID).Text(text),
		app.If(link != "", func() app.UI {
			return app.A().Class("inbox-link").Href(link).Aria("describedby", "note-text-"+n.ID).Text(b.t("inbox.open")).
				OnClick(func(ctx app.Context, e app.Event) { markRead(ctx, n.ID) }, app.EventScope(n.ID))
		}),
	)
}

func markRead(ctx app.Context, id string) {
	ctx.Async(func() {
		remote().Do(context.Background(), "POST", "/notifications/"+url.PathEscape(id)+"/read", nil, nil)
	})
}
