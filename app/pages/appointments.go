package pages

import (
	"context"
	"net/url"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"portal/app/api"
)

// Appointments is the applicant's 预约 tab (/appointments): their appointments, coming ones
// first, a banner while online booking is suspended, door-to-door requests and the inbox.
type Appointments struct {
	base
	list    api.AppointmentList
	inbox   api.NotificationList
	visits  []api.HomeVisit
	loaded  bool
	errText string
}

func (p *Appointments) OnMount(ctx app.Context) {
	p.mountBase(ctx)
	ctx.ObserveState(stateUser, &p.user).OnChange(func() { p.load(ctx) })
	p.load(ctx)
}

func (p *Appointments) load(ctx app.Context) {
	if p.user == nil {
		return
	}
	applicant := p.user.Role == "applicant"
	ctx.Async(func() {
		c := context.Background()
		var list api.AppointmentList
		var inbox api.NotificationList
		var visits api.HomeVisitList
		err := remote().Do(c, "GET", "/appointments", nil, &list)
		if err == nil {
			err = remote().Do(c, "GET", "/notifications", nil, &inbox)
		}
		if err == nil && applicant {
			err = remote().Do(c, "GET", "/home-visits", nil, &visits)
		}
		ctx.Dispatch(func(ctx app.Context) {
			p.loaded = true
			if err != nil {
				p.errText = p.errorText(err)
				return
			}
			p.list, p.inbox, p.visits, p.errText = list, inbox, visits.Visits, ""
		})
	})
}

// itemNames maps item codes to names from what the page has loaded, for the inbox.
func (p *Appointments) itemNames() map[string]string {
	names := map[string]string{}
	for _, a := range p.list.Appointments {
		names[a.ItemCode] = a.ItemName
	}
	for _, v := range p.visits {
		names[v.ItemCode] = v.ItemName
	}
	return names
}

func (p *Appointments) Render() app.UI {
	title := p.t("appts.title")
	if p.user == nil {
		return p.frame(tabAppts, title, signInTo(&p.base, "/appointments"))
	}
	list := sortAppointments(p.list.Appointments, time.Now())
	names := p.itemNames()
	return p.frame(tabAppts, title,
		messages("appts-messages", "", p.errText),
		app.If(p.list.SuspendedUntil != nil, func() app.UI {
			return app.P().Class("notice-block notice-warn").ID("suspended-banner").Role("status").
				Text(p.t("appt.suspended", p.dayLong(inCentre(*p.list.SuspendedUntil).Format(time.DateOnly))))
		}),
		app.Section().Aria("labelledby", "mine-title").Body(
			app.H2().ID("mine-title").Text(p.t("appts.mine", len(list))),
			app.If(!p.loaded, func() app.UI { return app.P().Role("status").Text(p.t("desk.loading")) }),
			app.If(p.loaded && len(list) == 0 && p.errText == "", func() app.UI {
				return emptyState(p.t("appts.empty"), app.A().Class("btn btn-primary").ID("find-item").Href("/items").Text(p.t("appts.find_item")))
			}),
			app.Ul().Class("cards").ID("appt-list").Body(
				app.Range(list).Slice(func(i int) app.UI { return p.card(list[i]) }),
			),
		),
		app.If(len(p.visits) > 0, func() app.UI {
			return app.Section().Aria("labelledby", "visits-title").Body(
				app.H2().ID("visits-title").Text(p.t("visit.mine")),
				app.Ul().Class("cards").ID("visit-list").Body(
					app.Range(p.visits).Slice(func(i int) app.UI { return p.visitCard(p.visits[i]) }),
				),
			)
		}),
		p.inboxSection(p.inbox, p.loaded, names),
	)
}

func (p *Appointments) card(a api.Appointment) app.UI {
	return app.Li().Class("card appt-card").Body(
		app.A().Class("card-link").Href("/appointments/"+url.PathEscape(a.ID)).ID("appt-"+a.Code).Body(
			app.Span().Class("card-title").Text(a.ItemName),
			app.Span().Class("appt-when").Text(p.dayLong(a.Date)+" "+timeRange(a.Start, a.End)),
			app.Span().Class("card-meta").Text(a.SiteName+" · "+a.DepartmentName),
			app.Span().Class("badges").Body(
				p.apptStatus("status-"+a.Code, a.Status),
				app.Span().Class("badge badge-grey mono").Text(p.t("appt.code")+" "+a.Code),
			),
		),
	)
}

func (p *Appointments) visitCard(v api.HomeVisit) app.UI {
	return app.Li().Class("card card-body").ID("visit-"+v.ID).Body(
		app.Span().Class("card-title").Text(v.ItemName),
		app.Span().Class("card-meta").Text(v.Address),
		app.Span().Class("badges").Body(p.visitStatus("visit-status-"+v.ID, v.Status)),
		app.If(v.ScheduledAt != nil, func() app.UI {
			return app.P().Text(p.t("visit.scheduled_at", p.whenLong(*v.ScheduledAt)))
		}),
		app.If(v.StaffNote != "", func() app.UI { return app.P().Class("muted").Text(p.t("visit.note", v.StaffNote)) }),
	)
}
