package pages

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"net/url"
	"sort"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"portal/app/api"
	"portal/app/client"
)

// centreZone is the service centre's zone, Asia/Shanghai: UTC+8 all year (no daylight
// saving since 1991). The API sends times with the centre's offset; the pages show dates and
// times in it whatever zone the phone is set to, and read the times staff type in it.
var centreZone = time.FixedZone("CST", 8*3600)

func inCentre(t time.Time) time.Time { return t.In(centreZone) }

// centreToday is today's date at the centre, YYYY-MM-DD.
func centreToday() string { return time.Now().In(centreZone).Format(time.DateOnly) }

// weekday names a day of the week ("周二", "Tue").
func (b *base) weekday(d time.Weekday) string { return b.t(fmt.Sprintf("weekday.%d", int(d))) }

// dayLong shows a date with its weekday: 2026年5月12日（周二）, Tue 12 May 2026.
func (b *base) dayLong(date string) string {
	d, err := time.ParseInLocation(time.DateOnly, date, centreZone)
	if err != nil {
		return date
	}
	return b.t("date.long", d.Format(b.t("date.long_layout")), b.weekday(d.Weekday()))
}

// dayShort shows a date without the year: 5月12日, 12 May.
func (b *base) dayShort(date string) string {
	d, err := time.ParseInLocation(time.DateOnly, date, centreZone)
	if err != nil {
		return date
	}
	return d.Format(b.t("date.short_layout"))
}

// clock shows a time of day at the centre.
func clock(t time.Time) string { return inCentre(t).Format("15:04") }

// timeRange shows 09:00–09:30.
func timeRange(start, end time.Time) string { return clock(start) + "–" + clock(end) }

// whenLong shows a moment as date, weekday and time.
func (b *base) whenLong(t time.Time) string {
	c := inCentre(t)
	return b.dayLong(c.Format(time.DateOnly)) + " " + c.Format("15:04")
}

// apptStatus is an appointment's status as colour and words.
func (b *base) apptStatus(id, status string) app.UI {
	cls := map[string]string{"booked": "badge-blue", "checked_in": "badge-green", "cancelled": "badge-grey", "no_show": "badge-red"}[status]
	if cls == "" {
		cls = "badge-grey"
	}
	return app.Span().ID(id).Class("badge badge-status " + cls).Text(b.t("appt.status." + status))
}

// visitStatus is a door-to-door request's status as colour and words.
func (b *base) visitStatus(id, status string) app.UI {
	cls := map[string]string{"requested": "badge-amber", "accepted": "badge-blue", "scheduled": "badge-green", "declined": "badge-red"}[status]
	if cls == "" {
		cls = "badge-grey"
	}
	return app.Span().ID(id).Class("badge badge-status " + cls).Text(b.t("visit.status." + status))
}

// slotKind names the kinds of slot that are not regular (延时服务, 绿色通道).
func (b *base) slotKind(kind string) app.UI {
	switch kind {
	case "extended":
		return badge("badge-blue", b.t("slot.kind.extended"))
	case "green_channel":
		return badge("badge-green", b.t("slot.kind.green_channel"))
	}
	return nil
}

// newIdemKey is a random Idempotency-Key. It needs to be unique, not secret: math/rand/v2
// is seeded from the runtime's random source and keeps crypto out of the wasm.
func newIdemKey() string {
	return fmt.Sprintf("%016x%016x", rand.Uint64(), rand.Uint64())
}

// safeNext keeps a ?next= address only when it is a path of this site, so a crafted link
// cannot send a person elsewhere after signing in.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return ""
	}
	if u, err := url.Parse(next); err != nil || u.Host != "" || u.Scheme != "" {
		return ""
	}
	return next
}

// loginFor is the sign-in page that comes back to next afterwards.
func loginFor(next string) string {
	return "/login?next=" + url.QueryEscape(next)
}

// signInTo is shown on pages that need a session: while it is being checked a status line,
// then a sign-in button that comes back here.
func signInTo(b *base, next string) app.UI {
	if !b.checked {
		return app.P().Role("status").Text(b.t("desk.loading"))
	}
	return emptyState(b.t("appt.sign_in_first"), app.A().Class("btn btn-primary").ID("sign-in-first").Href(loginFor(next)).Text(b.t("nav.login")))
}

// errCode is the API error code of err, "" for other errors.
func errCode(err error) string {
	var e *client.Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}

// messages is the box above a page's content for its outcome messages. It is always there,
// even empty: go-app matches children by position, and a message appearing before a form
// would otherwise rebuild the form.
func messages(id, okText, errText string) app.UI {
	return app.Div().ID(id).Class("messages").Body(
		app.If(okText != "", func() app.UI { return app.P().Class("form-ok").Role("status").ID(id + "-ok").Text(okText) }),
		app.If(errText != "", func() app.UI { return app.P().Class("form-error").Role("alert").ID(id + "-error").Text(errText) }),
	)
}

// sortAppointments puts coming appointments first (soonest first), then the rest, latest
// first.
func sortAppointments(list []api.Appointment, now time.Time) []api.Appointment {
	out := append([]api.Appointment(nil), list...)
	coming := func(a api.Appointment) bool { return a.Status == "booked" && a.End.After(now) }
	sort.SliceStable(out, func(i, j int) bool {
		ci, cj := coming(out[i]), coming(out[j])
		if ci != cj {
			return ci
		}
		if ci {
			return out[i].Start.Before(out[j].Start)
		}
		return out[i].Start.After(out[j].Start)
	})
	return out
}

// inboxText renders an inbox entry from its kind's message, whose {name} placeholders the
// entry's params fill. Times sent as RFC 3339 are shown at the centre; item codes are
// shown by name when known.
func (b *base) inboxText(n api.Notification, itemNames map[string]string) string {
	msg := b.t("inbox." + n.Kind)
	if msg == "inbox."+n.Kind {
		msg = b.t("inbox.other")
	}
	var pairs []string
	for k, v := range n.Params {
		switch k {
		case "time":
			if t, err := time.Parse(time.RFC3339, v); err == nil {
				v = clock(t)
				if n.Kind == "home_visit_scheduled" {
					v = b.whenLong(t)
				}
			}
		case "date", "until", "due_date", "pending_due":
			v = b.dayLong(v)
		case "item":
			if name := itemNames[v]; name != "" {
				v = name
			}
		}
		pairs = append(pairs, "{"+k+"}", v)
	}
	out := strings.NewReplacer(pairs...).Replace(msg)
	// A placeholder the entry had no value for is left out rather than shown raw.
	for strings.Contains(out, "{") {
		i := strings.Index(out, "{")
		j := strings.Index(out[i:], "}")
		if j < 0 {
			break
		}
		out = out[:i] + out[i+j+1:]
	}
	return out
}
