package pages

import (
	"context"
	"net/url"
	"sort"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"portal/app/api"
)

// Applications is the applicant's list of online pre-reviews (/applications), reached from
// the 我的 desk: newest first, each with its case number and status in words.
type Applications struct {
	base
	list    []api.Application
	loaded  bool
	errText string
}

func (p *Applications) OnMount(ctx app.Context) {
	p.mountBase(ctx)
	ctx.ObserveState(stateUser, &p.user).OnChange(func() { p.load(ctx) })
	p.load(ctx)
}

func (p *Applications) load(ctx app.Context) {
	if p.user == nil {
		return
	}
	ctx.Async(func() {
		list, err := myApplications(context.Background())
		ctx.Dispatch(func(ctx app.Context) {
			p.loaded = true
			if err != nil {
				p.errText = p.errorText(err)
				return
			}
			p.list, p.errText = list, ""
		})
	})
}

// myApplications lists the person's applications, the latest first.
func myApplications(c context.Context) ([]api.Application, error) {
	var list api.ApplicationList
	if err := remote().Do(c, "GET", "/applications", nil, &list); err != nil {
		return nil, err
	}
	out := list.Applications
	sort.SliceStable(out, func(i, j int) bool { return out[i].CreatedAt.After(out[j].CreatedAt) })
	return out, nil
}

func (p *Applications) Render() app.UI {
	title := p.t("apps.title")
	if p.user == nil {
		return p.frame(tabMine, title, signInTo(&p.base, "/applications"))
	}
	return p.frame(tabMine, title,
		messages("apps-messages", "", p.errText),
		app.If(!p.loaded, func() app.UI { return app.P().Role("status").Text(p.t("desk.loading")) }),
		app.If(p.loaded && len(p.list) == 0 && p.errText == "", func() app.UI {
			return emptyState(p.t("apps.empty"), app.A().Class("btn btn-primary").ID("find-item").Href("/items").Text(p.t("desk.find_item")))
		}),
		app.Ul().Class("cards").ID("app-list").Body(
			app.Range(p.list).Slice(func(i int) app.UI { return p.appCard(p.list[i]) }),
		),
	)
}

// appCard is one application in a list, a single large link.
func (b *base) appCard(a api.Application) app.UI {
	given := 0
	for _, m := range a.Materials {
		if m.Status != "missing" {
			given++
		}
	}
	return app.Li().Class("card app-card").Body(
		app.A().Class("card-link").Href("/applications/"+url.PathEscape(a.ID)).ID("app-"+a.CaseNo).Body(
			app.Span().Class("card-title").Text(a.ItemName),
			app.Span().Class("card-meta").Text(b.t("apply.case_no")+" "+a.CaseNo),
			app.Span().Class("card-meta").Text(a.DepartmentName+" · "+b.dayText(inCentre(a.CreatedAt).Format(time.DateOnly))),
			app.Span().Class("badges").Body(
				b.appStatus("app-status-"+a.CaseNo, a.Status),
				app.If(editableStatus(a.Status), func() app.UI {
					return badge("badge-grey", b.t("apps.materials_given", given, len(a.Materials)))
				}),
			),
		),
	)
}

// startApplication opens the person's draft for an item, or starts one (POST
// /applications), and goes to it. It reports failures through fail.
func startApplication(ctx app.Context, itemCode string, fail func(ctx app.Context, err error)) {
	ctx.Async(func() {
		c := context.Background()
		id, created := "", false
		if list, err := myApplications(c); err == nil {
			for _, a := range list {
				if a.ItemCode == itemCode && a.Status == "draft" {
					id = a.ID
					break
				}
			}
		}
		var err error
		if id == "" {
			var a api.Application
			err = remote().Do(c, "POST", "/applications", api.CreateApplicationRequest{ItemCode: itemCode}, &a)
			id, created = a.ID, true
		}
		ctx.Dispatch(func(ctx app.Context) {
			if err != nil {
				fail(ctx, err)
				return
			}
			target := "/applications/" + url.PathEscape(id)
			if created {
				target += "?new=1"
			}
			ctx.Navigate(target)
		})
	})
}
