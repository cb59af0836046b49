package pages

import (
	"context"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"portal/app/api"
)

// HomeVisitPage asks for door-to-door service (上门服务) for an item
// (/home-visit?item=CODE) and lists the person's requests with their status
// (/home-visits, where the inbox links to).
type HomeVisitPage struct {
	base
	itemCode string
	item     api.Item
	site     string
	address  string
	reason   string
	phone    string
	fields   map[string]string
	visits   []api.HomeVisit
	loaded   bool
	busy     bool
	errText  string
	okText   string
}

func (h *HomeVisitPage) OnMount(ctx app.Context) {
	h.mountBase(ctx)
	ctx.ObserveState(stateUser, &h.user).OnChange(func() {
		h.prefill()
		h.loadVisits(ctx)
	})
	h.prefill()
	h.loadVisits(ctx)
}

func (h *HomeVisitPage) OnNav(ctx app.Context) {
	code := ctx.Page().URL().Query().Get("item")
	if code != h.itemCode {
		h.itemCode, h.item, h.site, h.errText, h.okText, h.fields = code, api.Item{}, "", "", "", nil
	}
	if code == "" {
		return
	}
	ctx.Async(func() {
		it, err := catalog().Item(context.Background(), code)
		ctx.Dispatch(func(ctx app.Context) {
			if err != nil {
				if !app.IsServer {
					h.errText = h.errorText(err)
				}
				return
			}
			h.item, h.site = it, defaultSite(it)
		})
	})
}

// prefill offers the account's own number as the contact number.
func (h *HomeVisitPage) prefill() {
	if h.user != nil && h.phone == "" {
		h.phone = h.user.Phone
	}
}

func (h *HomeVisitPage) loadVisits(ctx app.Context) {
	if h.user == nil || h.user.Role != "applicant" {
		return
	}
	ctx.Async(func() {
		var list api.HomeVisitList
		err := remote().Do(context.Background(), "GET", "/home-visits", nil, &list)
		ctx.Dispatch(func(ctx app.Context) {
			h.loaded = true
			if err == nil {
				h.visits = list.Visits
			}
		})
	})
}

func (h *HomeVisitPage) submit(ctx app.Context, e app.Event) {
	e.PreventDefault()
	if h.busy {
		return
	}
	h.fields = map[string]string{}
	if strings.TrimSpace(h.address) == "" {
		h.fields["address"] = h.t("field.required")
	}
	if strings.TrimSpace(h.reason) == "" {
		h.fields["reason"] = h.t("field.required")
	}
	if strings.TrimSpace(h.phone) == "" {
		h.fields["contact_phone"] = h.t("field.required")
	}
	if len(h.fields) > 0 {
		h.errText, h.okText = h.t("form.fix_errors"), ""
		return
	}
	h.busy, h.errText, h.okText = true, "", ""
	req := api.HomeVisitRequest{ItemCode: h.item.Code, SiteCode: h.site, Address: strings.TrimSpace(h.address),
		Reason: strings.TrimSpace(h.reason), ContactPhone: strings.TrimSpace(h.phone)}
	ctx.Async(func() {
		var v api.HomeVisit
		err := remote().Do(context.Background(), "POST", "/home-visits", req, &v)
		ctx.Dispatch(func(ctx app.Context) {
			h.busy = false
			if err != nil {
				h.errText, h.fields = h.errorText(err), fieldErrors(err)
				return
			}
			h.address, h.reason = "", ""
			clearInputs("hv-address", "hv-reason")
			h.okText = h.t("visit.sent")
			h.loadVisits(ctx)
		})
	})
}

func (h *HomeVisitPage) Render() app.UI {
	title := h.t("visit.title")
	if h.user == nil {
		next := "/home-visits"
		if h.itemCode != "" {
			next = "/home-visit?item=" + h.itemCode
		}
		return h.frame(tabAppts, title,
			app.P().Class("lead").Text(h.t("visit.intro")),
			signInTo(&h.base, next))
	}
	return h.frame(tabAppts, title,
		messages("visit-messages", h.okText, h.errText),
		app.P().Class("lead").Text(h.t("visit.intro")),
		app.If(h.itemCode == "", func() app.UI {
			return app.P().Class("muted").Text(h.t("visit.how"))
		}).ElseIf(h.user.Role != "applicant", func() app.UI {
			return app.P().Class("muted").ID("visit-applicants-only").Text(h.t("visit.applicants_only"))
		}).ElseIf(h.item.Code != "", func() app.UI {
			return h.form()
		}),
		app.If(len(h.visits) > 0, func() app.UI {
			return app.Section().Aria("labelledby", "visits-title").Body(
				app.H2().ID("visits-title").Text(h.t("visit.mine")),
				app.Ul().Class("cards").ID("visit-list").Body(
					app.Range(h.visits).Slice(func(i int) app.UI {
						v := h.visits[i]
						return app.Li().Class("card card-body").ID("visit-"+v.ID).Body(
							app.Span().Class("card-title").Text(v.ItemName),
							app.Span().Class("card-meta").Text(v.Address),
							app.Span().Class("badges").Body(h.visitStatus("visit-status-"+v.ID, v.Status)),
							app.If(v.ScheduledAt != nil, func() app.UI {
								return app.P().Text(h.t("visit.scheduled_at", h.whenLong(*v.ScheduledAt)))
							}),
							app.If(v.StaffNote != "", func() app.UI { return app.P().Class("muted").Text(h.t("visit.note", v.StaffNote)) }),
						)
					}),
				),
			)
		}).ElseIf(h.loaded && h.itemCode == "", func() app.UI {
			return emptyState(h.t("visit.none"), app.A().Class("btn btn-primary").Href("/items").Text(h.t("desk.find_item")))
		}),
	)
}

func (h *HomeVisitPage) form() app.UI {
	it := h.item
	return app.Form().Class("form").ID("visit-form").OnSubmit(h.submit).Attr("novalidate", true).Body(
		app.P().Body(app.Span().Class("muted").Text(h.t("visit.for")), app.Strong().Text(it.Name)),
		app.If(len(it.Sites) > 1, func() app.UI {
			return field("hv-site", h.t("book.site"), "", h.fields["site_code"],
				app.Select().ID("hv-site").Class("input").OnChange(h.ValueTo(&h.site)).Body(
					app.Range(it.Sites).Slice(func(i int) app.UI {
						s := it.Sites[i]
						return app.Option().Value(s.Code).Selected(s.Code == h.site).Text(s.Name)
					}),
				))
		}),
		field("hv-address", h.t("visit.address"), h.t("visit.address_hint"), h.fields["address"],
			textArea(&h.Compo, "hv-address", &h.address, h.fields["address"], 2, true).Attr("autocomplete", "street-address")),
		field("hv-reason", h.t("visit.reason"), h.t("visit.reason_hint"), h.fields["reason"],
			textArea(&h.Compo, "hv-reason", &h.reason, h.fields["reason"], 3, true)),
		field("hv-phone", h.t("visit.phone"), "", h.fields["contact_phone"],
			textInput(&h.Compo, "hv-phone", "tel", &h.phone, h.fields["contact_phone"], "tel", false).
				Attr("inputmode", "numeric").Attr("maxlength", 11)),
		app.Button().Type("submit").Class("btn btn-primary btn-block").ID("hv-submit").Disabled(h.busy).
			Text(h.t(map[bool]string{true: "visit.sending", false: "visit.submit"}[h.busy])),
	)
}

// textArea is a <textarea> bound to *v, tied to its hint and error like textInput.
func textArea(c *app.Compo, id string, v *string, errText string, rows int, hint bool) app.HTMLTextarea {
	ta := app.Textarea().ID(id).Name(id).Class("input").Rows(rows).Text(*v).OnInput(c.ValueTo(v))
	if errText != "" {
		ta = ta.Aria("invalid", "true")
	}
	if d := describedBy(id, hint, errText); d != "" {
		ta = ta.Aria("describedby", d)
	}
	return ta
}
