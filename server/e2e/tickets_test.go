package e2e

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"portal/app/api"
	"portal/app/i18n"
)

// tkSignIn signs a person in through the form and waits for their start page.
func tkSignIn(j *journey, login string) {
	j.t.Helper()
	j.open("/login")
	j.waitVisible("#login-form")
	j.typeInto("#login", login)
	j.typeInto("#password", demoPassword)
	j.click("#login-submit")
	j.waitPath("/home")
	j.waitVisible("#logout")
}

// tkResize switches a journey's browser to another screen.
func (j *journey) tkResize(v viewport) {
	j.t.Helper()
	j.view = v
	j.run("resizing the screen", v.emulate(v.height))
}

// tkPost POSTs to an API path with a token and returns the status and the error code.
func tkPost(t *testing.T, s *portalServer, token, path string, in any) (int, string) {
	t.Helper()
	var body bytes.Buffer
	if in != nil {
		json.NewEncoder(&body).Encode(in)
	}
	req, _ := http.NewRequest("POST", s.URL+"/api/v1"+path, &body)
	req.Header.Set("Authorization", "Bearer "+token)
	if in != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("POST %s: %v", path, err)
	}
	defer resp.Body.Close()
	var eb api.ErrorBody
	json.NewDecoder(resp.Body).Decode(&eb)
	return resp.StatusCode, eb.Error.Code
}

// TestComplaintAndReply: an applicant on a phone files a complaint about the market
// regulation department from 我的 → 我的咨询投诉 (an empty form is refused field by field
// first) and sees it listed as 待受理. A supervisor at a desk finds it in 咨询投诉 on the side
// menu and takes it up (我来负责), which leads to the ticket; then the department's chief and a second supervisor can no
// longer claim it (409 ticket_owned). The supervisor replies; the applicant opens the
// ticket, reads the reply with its owner, status 已答复 and response time, writes back, and
// finds the reply notification in the inbox. The supervisor closes it after being asked
// once, and the applicant's reply box is gone. A claim that comes second in the browser
// says so, naming the colleague who has it. The 对此办件咨询 link of an application
// prefills the case and its department.
func TestComplaintAndReply(t *testing.T) {
	zh := func(key string, args ...any) string { return i18n.T(i18n.ZH, key, args...) }
	checkChromium(t)
	srv := startServer(t)
	a := newBrowser(t, "ticket-applicant", srv, phone)
	s := newBrowser(t, "ticket-supervisor", srv, desk)

	subject := "市场监管窗口等待时间过长"
	body := "今天上午在市场监管局窗口排队近两个小时，其间工作人员离开窗口没有说明。希望改进叫号和窗口值守。"
	reply := "您好，经核实当天上午窗口人员临时参加业务培训，未及时安排替岗。已要求部门落实AB岗，今后离岗须放置暂停服务牌并说明去向。"
	thanks := "谢谢答复，已收到。"

	// The applicant: 我的 → 我的咨询投诉, nothing yet.
	tkSignIn(a, applicantLogin)
	a.waitVisible("#my-tickets")
	a.clickTo("#my-tickets", "/tickets")
	a.waitVisible("#new-complaint")
	a.waitText("#main .empty", zh("ticket.empty_applicant"))
	a.shot("empty")
	a.axe("tickets (empty)")

	// 我要投诉: an empty form is refused next to each field.
	a.click("#new-complaint")
	a.waitVisible("#ticket-form")
	a.waitText("#ticket-form-title", zh("ticket.new_complaint"))
	if !eval[bool](a, `document.getElementById('tk-kind-complaint').checked`) {
		t.Error("我要投诉 opens the form without 投诉 chosen")
	}
	a.click("#tk-submit")
	a.waitText("#tk-subject-error", zh("field.required"))
	a.waitText("#tk-body-error", zh("field.required"))
	a.checkFieldError("tk-subject")
	a.checkFieldError("tk-body")
	a.shot("form-errors")
	a.axe("complaint form with errors")

	a.typeInto("#tk-subject", subject)
	a.typeInto("#tk-body", body)
	a.setField("#tk-dept", "scjgj")
	a.shot("form-filled")
	a.click("#tk-submit")
	a.waitText("#tickets-messages-ok", zh("ticket.sent.complaint"))
	if eval[bool](a, `!!document.getElementById('ticket-form')`) {
		t.Error("the form stays open after sending")
	}

	token := srv.apiLogin(t, applicantLogin, demoPassword)
	var mine api.TicketList
	srv.apiGet(t, token, "/tickets?status=all", &mine)
	var tk api.Ticket
	for _, x := range mine.Tickets {
		if x.Subject == subject {
			tk = x
		}
	}
	if tk.ID == "" {
		t.Fatalf("the complaint is not among the applicant's tickets: %+v", mine.Tickets)
	}
	if tk.Kind != "complaint" || tk.DepartmentCode != "scjgj" || tk.Status != "open" {
		t.Errorf("the complaint is %s about %q, status %s; want a complaint about scjgj, open", tk.Kind, tk.DepartmentCode, tk.Status)
	}
	id := tk.ID
	page := "/tickets/view?id=" + url.QueryEscape(id)
	a.waitText("#ticket-"+id, subject)
	a.waitText("#ticket-status-"+id, zh("ticket.status.open"))
	a.shot("listed")
	a.axe("tickets list")

	// The supervisor finds it in 咨询投诉 and takes it up.
	tkSignIn(s, "supervisor")
	s.waitVisible("#menu-tickets")
	s.clickTo("#menu-tickets", "/tickets")
	row := "#row-" + id
	s.waitVisible(row)
	s.waitText("#ticket-status-"+id, zh("ticket.status.open"))
	s.waitText(row, zh("ticket.kind.complaint"))
	if eval[bool](s, `document.body.innerText.includes('13800000001')`) {
		t.Error("the queue shows an applicant's whole phone number")
	}
	s.shot("queue")
	s.axe("ticket queue")
	s.click("#claim-" + id)
	// Taking it up leads to the ticket, ready to answer.
	s.waitPath("/tickets/view")
	s.waitText("#ticket-messages-ok", zh("ticket.claimed_here"))
	s.waitText("#ticket-owner", "陈监察")
	s.waitText("#ticket-status", zh("ticket.status.claimed"))
	s.waitFor("the reply box to have the focus", `() => document.activeElement && document.activeElement.id === 'reply-body'`)
	if q := eval[string](s, `location.search`); strings.Contains(q, "claimed") {
		t.Errorf("the address still says it was just claimed: %s", q)
	}
	s.shot("claimed")

	// The queue has no one left to take up; 我负责的 has it, on a phone too.
	s.open("/tickets")
	s.waitText("#main .empty", zh("ticket.desk_empty.open"))
	s.click("#view-mine")
	s.waitPath("/tickets")
	s.waitText(row, "陈监察")
	s.waitText("#ticket-status-"+id, zh("ticket.status.claimed"))
	s.tkResize(phone)
	s.shot("mine-phone")
	s.axe("my tickets on a phone")
	s.tkResize(desk)

	// First come, first responsible: the department's chief and a second supervisor (made
	// by the administrator) cannot take it any more.
	chief := srv.apiLogin(t, "chief", demoPassword)
	if st, code := tkPost(t, srv, chief, "/tickets/"+url.PathEscape(id)+"/claim", nil); st != http.StatusConflict || code != "ticket_owned" {
		t.Errorf("the chief claiming an owned complaint: %d %s, want 409 ticket_owned", st, code)
	}
	admin := srv.apiLogin(t, "admin", demoPassword)
	if st := srv.apiCall(t, "POST", admin, "/admin/users", nil, api.CreateUserRequest{
		Login: "supervisor2", Password: "Second2026pass", Name: "周监察", Role: "supervisor"}, nil); st != http.StatusCreated {
		t.Fatalf("creating a second supervisor: status %d", st)
	}
	other := srv.apiLogin(t, "supervisor2", "Second2026pass")
	if st, code := tkPost(t, srv, other, "/tickets/"+url.PathEscape(id)+"/claim", nil); st != http.StatusConflict || code != "ticket_owned" {
		t.Errorf("a second supervisor claiming an owned complaint: %d %s, want 409 ticket_owned", st, code)
	}
	if st, _ := tkPost(t, srv, other, "/tickets/"+url.PathEscape(id)+"/messages", api.MessageRequest{Body: "插话"}); st < 400 {
		t.Errorf("someone who does not own it wrote in it: %d", st)
	}

	// The supervisor answers on the ticket's page.
	s.clickTo("#subject-"+id, "/tickets/view")
	s.waitText("#ticket-subject", subject)
	s.waitText("#ticket-owner", "陈监察")
	s.waitText("#conversation", body)
	s.waitVisible("#reply-body")
	s.click("#reply-body")
	s.typeInto("#reply-body", reply)
	s.click("#reply-submit")
	s.waitText("#conversation .msg-staff", reply)
	s.waitText("#ticket-status", zh("ticket.status.answered"))
	s.shot("replied")
	s.axe("ticket page (owner)")

	// The applicant reads the reply: status, owner, response time; and writes back.
	a.open("/tickets")
	a.waitText("#ticket-status-"+id, zh("ticket.status.answered"))
	a.clickTo("#ticket-"+id, "/tickets/view")
	a.waitText("#ticket-status", zh("ticket.status.answered"))
	a.waitText("#ticket-owner", "陈监察")
	a.waitText("#conversation .msg-staff", reply)
	a.waitText("#conversation .msg-applicant", body)
	if got := a.text("#ticket-response"); got == zh("ticket.no_reply_yet") || got == "" {
		t.Errorf("the response time reads %q after the reply", got)
	}
	a.shot("reply-read")
	a.axe("ticket page (applicant)")
	a.click("#reply-body")
	a.typeInto("#reply-body", thanks)
	a.click("#reply-submit")
	a.waitText("#conversation", thanks)

	// The inbox has the reply notification.
	var inbox api.NotificationList
	srv.apiGet(t, token, "/notifications", &inbox)
	var note api.Notification
	for _, n := range inbox.Notifications {
		if n.Kind == "ticket_reply" {
			note = n
		}
	}
	if note.ID == "" {
		t.Fatalf("no ticket_reply notification among %+v", inbox.Notifications)
	}
	if note.Params["subject"] != subject {
		t.Errorf("the reply notification names %q", note.Params["subject"])
	}
	if note.Link != page {
		t.Errorf("the reply notification links to %q, want %s (the ticket's page)", note.Link, page)
	}
	a.click("#tab-appts")
	a.waitPath("/appointments")
	a.waitText("#note-"+note.ID, subject)
	a.shot("inbox")

	// The supervisor closes it after being asked once; the applicant can no longer write.
	s.open(page)
	s.waitText("#conversation", thanks)
	s.click("#close-button")
	s.waitVisible("#close-box")
	s.shot("close-asks")
	s.click("#close-yes")
	s.waitText("#ticket-status", zh("ticket.status.closed"))
	s.waitVisible("#ticket-closed-at")
	a.open(page)
	a.waitText("#ticket-status", zh("ticket.status.closed"))
	a.waitVisible("#closed-note")
	if eval[bool](a, `!!document.getElementById('reply-body')`) {
		t.Error("the applicant may still write in a closed ticket")
	}
	a.shot("closed")
	if st, _ := tkPost(t, srv, token, "/tickets/"+url.PathEscape(id)+"/messages", api.MessageRequest{Body: "再问一句"}); st != http.StatusConflict {
		t.Errorf("writing in a closed ticket: %d, want 409", st)
	}

	// A colleague is quicker: the supervisor's queue still offers a consultation the chief
	// has just taken; pressing 我来负责 says so in words and shows who has it.
	var second api.Ticket
	if st := srv.apiCall(t, "POST", token, "/tickets", nil, api.TicketRequest{Kind: "consultation", Subject: "个体户变更需要哪些材料",
		Body: "经营场所搬迁后，个体工商户变更登记需要带哪些材料？", DepartmentCode: "scjgj"}, &second); st != http.StatusCreated {
		t.Fatalf("opening a consultation through the API: %d", st)
	}
	s.open("/tickets")
	s.waitVisible("#claim-" + second.ID)
	if st, _ := tkPost(t, srv, chief, "/tickets/"+url.PathEscape(second.ID)+"/claim", nil); st != http.StatusOK {
		t.Fatalf("the chief claiming the consultation: %d", st)
	}
	s.click("#claim-" + second.ID)
	s.waitText("#tickets-messages-error", zh("ticket.owned_by_named", second.Subject, "王首席"))
	s.waitFor("the taken consultation to leave the queue", `(id) => !document.getElementById('row-' + id)`, second.ID)
	s.waitPath("/tickets")
	s.shot("claim-too-late")
	s.axe("ticket queue after a claim conflict")

	// From an application: 对此办件咨询 opens the form with the case and its department.
	var app api.Application
	if st := srv.apiCall(t, "POST", token, "/applications", nil, api.CreateApplicationRequest{ItemCode: prereviewItem}, &app); st != http.StatusCreated {
		t.Fatalf("starting an application: %d", st)
	}
	a.open("/applications/" + app.ID)
	a.waitVisible("#ticket-about-case")
	a.clickTo("#ticket-about-case", "/tickets")
	a.waitVisible("#ticket-form")
	a.waitFor("the case to be chosen", `(no) => document.getElementById('tk-case').value === no`, app.CaseNo)
	a.waitFor("the case's department to be chosen", `() => document.getElementById('tk-dept').value === 'scjgj'`)
	if !eval[bool](a, `document.getElementById('tk-kind-consultation').checked`) {
		t.Error("the case's link does not open a consultation")
	}
	if q := eval[string](a, `location.search`); strings.Contains(q, "new=") {
		t.Errorf("the address still opens the form on reload: %s", q)
	}
	a.shot("from-case")
	a.axe("consultation form from a case")
}
