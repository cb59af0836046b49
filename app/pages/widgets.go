package pages

import (
	"fmt"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"portal/app/api"
)

// field renders a labelled form control with its error next to it. The error is tied to
// the control with aria-describedby so a screen reader reads it with the field.
func field(id, label, hint, errText string, control app.UI) app.UI {
	return app.Div().Class("field").Body(
		app.Label().For(id).Text(label),
		app.If(hint != "", func() app.UI { return app.P().Class("hint").ID(id + "-hint").Text(hint) }),
		control,
		app.If(errText != "", func() app.UI {
			return app.P().Class("field-error").ID(id + "-error").Role("alert").Text(errText)
		}),
	)
}

// textareaField is a labelled <textarea> of rows lines and at most maxLen characters with
// its hint and error (see field); onInput gets every edit. scope tells go-app apart the
// handlers of fields rendered in a loop.
func textareaField(id, label, hint, errText string, rows, maxLen int, onInput app.EventHandler, scope ...app.EventOption) app.UI {
	return field(id, label, hint, errText, app.Textarea().ID(id).Class("input").Rows(rows).MaxLength(maxLen).
		Aria("invalid", boolText(errText != "")).Aria("describedby", describedBy(id, hint != "", errText)).
		OnInput(onInput, scope...))
}

// describedBy returns the aria-describedby value for a field's hint and error.
func describedBy(id string, hint bool, errText string) string {
	var ids []string
	if hint {
		ids = append(ids, id+"-hint")
	}
	if errText != "" {
		ids = append(ids, id+"-error")
	}
	return strings.Join(ids, " ")
}

// textInput is an <input> bound to *v.
func textInput(c *app.Compo, id, typ string, v *string, errText, autocomplete string, hint bool) app.HTMLInput {
	in := app.Input().ID(id).Name(id).Type(typ).Class("input").Value(*v).OnInput(c.ValueTo(v))
	if autocomplete != "" {
		in = in.Attr("autocomplete", autocomplete)
	}
	if errText != "" {
		in = in.Aria("invalid", "true")
	}
	if d := describedBy(id, hint, errText); d != "" {
		in = in.Aria("describedby", d)
	}
	return in
}

// clearInputs empties fields whose bound value the code has just reset. go-app v10.1.11
// drops an empty value attribute instead of setting it, so what the person typed would stay
// on screen while the page holds "" (and the next save would go without it).
func clearInputs(ids ...string) {
	if app.IsServer {
		return
	}
	for _, id := range ids {
		if el := app.Window().GetElementByID(id); el.Truthy() {
			el.Set("value", "")
		}
	}
}

// badge is a small status label: colour and words together (DESIGN §10).
func badge(class, text string) app.UI {
	return app.Span().Class("badge " + class).Text(text)
}

// itemBadges shows how an item is handled.
func (b *base) itemBadges(it api.ItemSummary) app.UI {
	var out []app.UI
	if it.Handling == "instant" {
		out = append(out, badge("badge-green", b.t("item.instant")))
	} else {
		out = append(out, badge("badge-blue", b.t("item.promise_days", it.PromisedDays)))
	}
	if it.Trips == 0 {
		out = append(out, badge("badge-green", b.t("item.trips_zero")))
	} else {
		out = append(out, badge("badge-grey", b.t("item.trips", it.Trips)))
	}
	if it.OnlinePreview {
		out = append(out, badge("badge-grey", b.t("item.online_prereview")))
	}
	if it.Bookable {
		out = append(out, badge("badge-grey", b.t("item.bookable")))
	}
	if it.Status != "" && it.Status != "active" {
		out = append(out, badge("badge-red", b.t("status."+it.Status)))
	}
	return app.Div().Class("badges").Body(out...)
}

// itemCard is one item in a list, a single large link.
func (b *base) itemCard(it api.ItemSummary) app.UI {
	return app.Li().Class("card item-card").Body(
		app.A().Class("card-link").Href("/items/"+it.Code).Body(
			app.Span().Class("card-title").Text(it.Name),
			app.Span().Class("card-meta").Text(it.DepartmentName),
			b.itemBadges(it),
		),
	)
}

// emptyState says there is nothing here and what to do next.
func emptyState(text string, action app.UI) app.UI {
	return app.Div().Class("empty").Role("status").Body(app.P().Text(text), action)
}

// formatBytes shows a size in words people know: 5 MB, 3.2 MB, 604 KB, 900 B.
func formatBytes(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", (n+(1<<9))/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
