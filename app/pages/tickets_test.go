package pages

import (
	"strings"
	"testing"
	"time"

	"portal/app/api"
	"portal/app/i18n"
)

// The ticket pages' keys are in both catalogs, and so are the keys built from API values.
func TestTicketKeysInBothCatalogs(t *testing.T) {
	used := literalKeys(t, []string{"ticket.", "nav.", "inbox.", "error."}, "tickets.go", "tickets_view.go", "frame.go", "desk.go")
	for _, v := range []string{"open", "claimed", "answered", "closed"} {
		used["ticket.status."+v] = "ticket status"
	}
	for _, v := range []string{ticketConsultation, ticketComplaint} {
		used["ticket.kind."+v] = "ticket kind"
		used["ticket.new_"+v] = "form title"
		used["ticket.sent."+v] = "sent message"
		used["ticket.body_hint."+v] = "body hint"
	}
	for _, v := range ticketViews {
		used["ticket.view."+v] = "desk view"
		used["ticket.desk_empty."+v] = "desk view"
	}
	for _, k := range []string{"ticket_reply", "ticket_new"} {
		used["inbox."+k] = "notification kind"
	}
	used["error.ticket_owned"] = "claim conflict"
	inBothCatalogs(t, used, 40)
}

func TestCanClaim(t *testing.T) {
	open := api.Ticket{Kind: ticketConsultation, Status: "open"}
	complaint := api.Ticket{Kind: ticketComplaint, Status: "open"}
	for _, c := range []struct {
		role string
		tk   api.Ticket
		want bool
	}{
		{"staff", open, true},
		{"staff", complaint, false},
		{"chief", complaint, true},
		{"supervisor", complaint, true},
		{"applicant", open, false},
		{"admin", open, false},
		{"chief", api.Ticket{Kind: ticketConsultation, Status: "claimed"}, false},
	} {
		if got := canClaim(c.role, c.tk); got != c.want {
			t.Errorf("canClaim(%s, %s %s) = %v", c.role, c.tk.Kind, c.tk.Status, got)
		}
	}
}

func TestResponseText(t *testing.T) {
	b := &base{lang: i18n.ZH}
	now := time.Date(2026, 5, 12, 10, 0, 0, 0, centreZone)
	m := 125
	if got := b.responseText(api.Ticket{ResponseMinutes: &m, Status: "answered"}, now); got != "2小时5分钟" {
		t.Errorf("answered after 125 minutes reads %q", got)
	}
	waiting := api.Ticket{Status: "open", CreatedAt: now.Add(-30 * time.Minute)}
	if got := b.responseText(waiting, now); !strings.Contains(got, "30分钟") {
		t.Errorf("waiting 30 minutes reads %q", got)
	}
	if got := b.checkLength(strings.Repeat("投", 101), ticketSubjectMax); !strings.Contains(got, "101") {
		t.Errorf("101 Chinese characters against 100: %q", got)
	}
	if got := b.checkLength(strings.Repeat("投", 100), ticketSubjectMax); got != "" {
		t.Errorf("100 Chinese characters are refused: %q", got)
	}
}

func TestSortTickets(t *testing.T) {
	at := func(h int) time.Time { return time.Date(2026, 5, 12, h, 0, 0, 0, centreZone) }
	got := sortTickets([]api.Ticket{{ID: "a", CreatedAt: at(9)}, {ID: "b", CreatedAt: at(11)}, {ID: "c", CreatedAt: at(10)}})
	var ids []string
	for _, tk := range got {
		ids = append(ids, tk.ID)
	}
	if strings.Join(ids, "") != "bca" {
		t.Errorf("order %v, want newest first", ids)
	}
}

func TestInView(t *testing.T) {
	list := []api.Ticket{{ID: "a", Status: "open"}, {ID: "b", Status: "answered", Mine: true}, {ID: "c", Status: "closed", Mine: true}}
	for view, want := range map[string]string{"open": "a", "mine": "bc", "all": "abc"} {
		var ids []string
		for _, tk := range inView(view, list) {
			ids = append(ids, tk.ID)
		}
		if strings.Join(ids, "") != want {
			t.Errorf("view %s keeps %v, want %s", view, ids, want)
		}
	}
}

func TestTicketWhen(t *testing.T) {
	b := &base{lang: i18n.ZH}
	now := time.Date(2026, 11, 29, 12, 0, 0, 0, centreZone)
	if got := b.ticketWhen(time.Date(2026, 11, 29, 12, 24, 0, 0, time.UTC), now); got != "11月29日 20:24" {
		t.Errorf("this year's moment reads %q", got)
	}
	if got := b.ticketWhen(time.Date(2025, 3, 2, 1, 5, 0, 0, time.UTC), now); got != "2025年3月2日 09:05" {
		t.Errorf("last year's moment reads %q", got)
	}
}
