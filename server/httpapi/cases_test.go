package httpapi_test

// Cases after pre-review over HTTP: acceptance and the working-day clock with its pauses,
// refusal, withdrawal, instant items and 容缺 pending materials, the public progress query,
// 好差评 with rectification and call-back, consultations and complaints with first-claim
// ownership, who may do what, and the append-only history. Every test runs on SQLite and
// PostgreSQL. The cases service's clock (e.cases.Now) decides business dates; the rest of
// the env keeps real time.

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"portal/app/api"
	"portal/server/demo"
	"portal/server/portal"
	"portal/server/store"
	"portal/server/store/storetest"
)

// --- helpers -------------------------------------------------------------------------------

// setClock sets the cases service's clock to a fixed instant (RFC 3339).
func (e *env) setClock(t *testing.T, at string) {
	t.Helper()
	tm, err := time.Parse(time.RFC3339, at)
	if err != nil {
		t.Fatal(err)
	}
	e.cases.Now = func() time.Time { return tm }
}

// realClock gives the cases service back the real time.
func (e *env) realClock() { e.cases.Now = time.Now }

// cast are the demo accounts signed in, and a window of another department.
type cast struct {
	a, agent, staff, chief, super, admin, zjj string // access tokens
	aID, staffID, chiefID, agentID            string
}

func (e *env) cast(t *testing.T) cast {
	t.Helper()
	var c cast
	a, _ := e.login("13800000001", demo.Password)
	ag, _ := e.login("agent", demo.Password)
	s, _ := e.login("staff", demo.Password)
	ch, _ := e.login("chief", demo.Password)
	su, _ := e.login("supervisor", demo.Password)
	ad, _ := e.login("admin", demo.Password)
	c.a, c.agent, c.staff, c.chief, c.super, c.admin = a.AccessToken, ag.AccessToken, s.AccessToken, ch.AccessToken, su.AccessToken, ad.AccessToken
	c.aID, c.staffID, c.chiefID, c.agentID = a.User.ID, s.User.ID, ch.User.ID, ag.User.ID
	c.zjj = e.newStaff(t, "zjj.window", "zjj", "county")
	return c
}

// passedApp is an application of item the window passed in pre-review, as the window sees it.
func (e *env) passedApp(t *testing.T, aTok, sTok, item string) api.Application {
	t.Helper()
	app := e.submitted(t, aTok, item)
	e.decided(t, sTok, app.ID, api.DecisionRequest{Decision: "pass"})
	app = e.getApp(t, sTok, app.ID)
	if app.Status != "passed" {
		t.Fatalf("passed application is %s", app.Status)
	}
	return app
}

func (e *env) caseCall(tok, id, step string, body any) reply {
	e.t.Helper()
	return e.do("POST", "/cases/"+id+"/"+step, body, bearer(tok))
}

// caseOK moves a case one step and returns the application as it is after.
func (e *env) caseOK(t *testing.T, tok, id, step string, body any) api.Application {
	t.Helper()
	r := e.do("POST", "/cases/"+id+"/"+step, body, bearer(tok))
	if r.status != 200 {
		t.Fatalf("%s %s: %d %s", step, id, r.status, r.body)
	}
	var app api.Application
	r.decode(t, &app)
	return app
}

// instantDone is an instant SCJGJ-005 application accepted and completed on the spot by decider.
func (e *env) instantDone(t *testing.T, aTok, sTok, decider string) api.Application {
	t.Helper()
	app := e.passedApp(t, aTok, sTok, "SCJGJ-005")
	done := e.caseOK(t, decider, app.ID, "accept", api.AcceptRequest{Version: app.Version, CompleteNow: true})
	if done.Status != "completed" || done.Case == nil {
		t.Fatalf("instant case after accept with complete_now: %s %+v", done.Status, done.Case)
	}
	return done
}

func (e *env) caseList(t *testing.T, tok, view string) api.CaseList {
	t.Helper()
	r := e.do("GET", "/cases?view="+view, nil, bearer(tok))
	if r.status != 200 {
		t.Fatalf("GET /cases?view=%s: %d %s", view, r.status, r.body)
	}
	var l api.CaseList
	r.decode(t, &l)
	return l
}

func listed(l api.CaseList, id string) *api.Application {
	for i := range l.Cases {
		if l.Cases[i].ID == id {
			return &l.Cases[i]
		}
	}
	return nil
}

func (e *env) noticesOf(t *testing.T, tok, id string) []api.Notice {
	t.Helper()
	r := e.do("GET", "/applications/"+id+"/notices", nil, bearer(tok))
	if r.status != 200 {
		t.Fatalf("notices: %d %s", r.status, r.body)
	}
	var l api.NoticeList
	r.decode(t, &l)
	return l.Notices
}

func noticeOfKind(ns []api.Notice, kind string) *api.Notice {
	for i := range ns {
		if ns[i].Kind == kind {
			return &ns[i]
		}
	}
	return nil
}

func (e *env) inbox(t *testing.T, tok string) []api.Notification {
	t.Helper()
	r := e.do("GET", "/notifications", nil, bearer(tok))
	if r.status != 200 {
		t.Fatalf("notifications: %d %s", r.status, r.body)
	}
	var l api.NotificationList
	r.decode(t, &l)
	return l.Notifications
}

func inboxOfKind(ns []api.Notification, kind string) *api.Notification {
	for i := range ns {
		if ns[i].Kind == kind {
			return &ns[i]
		}
	}
	return nil
}

func actionsOf(events []api.AppEvent) []string {
	out := make([]string, 0, len(events))
	for _, ev := range events {
		out = append(out, ev.Action)
	}
	return out
}

func intp(p *int) string {
	if p == nil {
		return "nil"
	}
	return strconv.Itoa(*p)
}

// snapshot is what must not change when a refused caller tries a step.
type snapshot struct {
	status  string
	version int
	events  int
}

func (e *env) snap(t *testing.T, ownerTok, id string) snapshot {
	t.Helper()
	app := e.getApp(t, ownerTok, id)
	return snapshot{app.Status, app.Version, len(e.events(t, ownerTok, id))}
}

// --- 1. the lifecycle ----------------------------------------------------------------------

// TestCaseLifecycle walks a promise item (SCJGJ-003, 7 working days) across 国庆: accepted on
// 30 September it is due on 15 October (Oct 1–7 off, Saturday 10 October worked); an expert
// review paused from 9 to 13 October stops the clock for 3 working days and moves the due date
// to 20 October; yellow and red warnings read from the clock; completed on 14 October, on time.
// Notices, the applicant's inbox and the history follow each step.
func TestCaseLifecycle(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		p := e.cast(t)
		app := e.passedApp(t, p.a, p.staff, "SCJGJ-003")
		if l := e.caseList(t, p.chief, "todo"); listed(l, app.ID) == nil {
			t.Errorf("the window's todo list lacks the passed application")
		}

		e.setClock(t, "2026-09-30T10:00:00+08:00")
		seen := e.getApp(t, p.chief, app.ID)
		got := e.caseOK(t, p.chief, app.ID, "accept", api.AcceptRequest{Version: seen.Version, Note: "材料齐全，予以受理"})
		c := got.Case
		if got.Status != "accepted" || c == nil {
			t.Fatalf("accept: %s %+v", got.Status, c)
		}
		if c.AcceptedOn != "2026-09-30" || c.DueDate != "2026-10-15" || c.DaysLeft == nil || *c.DaysLeft != 7 ||
			c.PromisedDays != 7 || c.LegalDays != 20 || c.Handling != "promise" || c.AcceptedBy != "王首席" ||
			c.Warning != "" || c.PausedDays != 0 || len(c.Pauses) != 0 || c.OnTime != nil || c.CompletedOn != "" {
			t.Errorf("case after acceptance: %+v (days_left %s)", c, intp(c.DaysLeft))
		}
		if l := e.caseList(t, p.chief, "running"); listed(l, app.ID) == nil {
			t.Errorf("running list lacks the accepted case")
		}
		if l := e.caseList(t, p.chief, "todo"); listed(l, app.ID) != nil {
			t.Errorf("todo list still has the accepted case")
		}

		// Wrong moves.
		wantStatus(t, "accept again", e.caseCall(p.chief, app.ID, "accept", api.AcceptRequest{Version: got.Version}), 409, "invalid_state")
		wantStatus(t, "resume while not paused", e.caseCall(p.chief, app.ID, "resume", api.CaseStepRequest{Version: got.Version}), 409, "invalid_state")
		r := e.caseCall(p.chief, app.ID, "complete", api.CompleteRequest{Version: got.Version, Outcome: "denied"})
		wantStatus(t, "deny without reason", r, 422, "invalid")
		if r.status == 422 && r.errBody(t).Fields["reason"] == "" {
			t.Errorf("deny without reason names no field reason: %s", r.body)
		}
		wantStatus(t, "start at a stale version", e.caseCall(p.staff, app.ID, "start", api.CaseStepRequest{Version: seen.Version}), 409, "invalid_state")
		if now := e.getApp(t, p.a, app.ID); now.Status != "accepted" || now.Version != got.Version {
			t.Fatalf("refused moves changed the case: %s v%d, was v%d", now.Status, now.Version, got.Version)
		}

		got = e.caseOK(t, p.staff, app.ID, "start", api.CaseStepRequest{Version: got.Version})
		if got.Status != "in_progress" {
			t.Errorf("start: %s", got.Status)
		}

		// 9 October: an expert review stops the clock.
		e.setClock(t, "2026-10-09T15:00:00+08:00")
		wantStatus(t, "pause of an unknown kind", e.caseCall(p.staff, app.ID, "pause", api.PauseRequest{Version: got.Version, Kind: "lunch", Note: "x"}), 422, "invalid")
		wantStatus(t, "pause without a note", e.caseCall(p.staff, app.ID, "pause", api.PauseRequest{Version: got.Version, Kind: "expert_review"}), 422, "invalid")
		got = e.caseOK(t, p.staff, app.ID, "pause", api.PauseRequest{Version: got.Version, Kind: "expert_review", Note: "组织专家对经营场所布局进行评审"})
		if got.Status != "paused" || len(got.Case.Pauses) != 1 || got.Case.Pauses[0].StartedOn != "2026-10-09" ||
			got.Case.Pauses[0].EndedOn != "" || got.Case.Pauses[0].Kind != "expert_review" {
			t.Errorf("pause: %s %+v", got.Status, got.Case.Pauses)
		}
		wantStatus(t, "pause a paused case", e.caseCall(p.staff, app.ID, "pause", api.PauseRequest{Version: got.Version, Kind: "hearing", Note: "x"}), 409, "invalid_state")

		// 13 October: the due date moves day by day while the pause lasts; no warning.
		e.setClock(t, "2026-10-13T09:00:00+08:00")
		g := e.getApp(t, p.a, app.ID)
		if g.Status != "paused" || g.Case == nil || g.Case.PausedDays != 3 || g.Case.DueDate != "2026-10-20" || g.Case.Warning != "" ||
			len(g.Case.Pauses) != 1 || g.Case.Pauses[0].Days != 3 {
			t.Errorf("paused case on 13 October: %s %+v", g.Status, g.Case)
		}
		got = e.caseOK(t, p.staff, app.ID, "resume", api.CaseStepRequest{Version: g.Version, Note: "专家评审结束"})
		c = got.Case
		if got.Status != "in_progress" || c.DueDate != "2026-10-20" || c.PausedDays != 3 || len(c.Pauses) != 1 ||
			c.Pauses[0].EndedOn != "2026-10-13" || c.Pauses[0].Days != 3 || c.DaysLeft == nil || *c.DaysLeft != 5 {
			t.Errorf("resume: %s %+v (days_left %s)", got.Status, c, intp(c.DaysLeft))
		}

		// Reading the clock later: yellow the working day before the due date, red after it.
		e.setClock(t, "2026-10-19T09:00:00+08:00")
		if g := e.getApp(t, p.staff, app.ID); g.Case.Warning != "yellow" || g.Case.DaysLeft == nil || *g.Case.DaysLeft != 1 {
			t.Errorf("on 19 October: warning %q, days_left %s", g.Case.Warning, intp(g.Case.DaysLeft))
		}
		if l := e.caseList(t, p.chief, "warnings"); listed(l, app.ID) == nil || l.Yellow != 1 || l.Red != 0 {
			t.Errorf("warnings on 19 October: yellow %d red %d, listed %v", l.Yellow, l.Red, listed(l, app.ID) != nil)
		}
		e.setClock(t, "2026-10-21T09:00:00+08:00")
		if g := e.getApp(t, p.staff, app.ID); g.Case.Warning != "red" || g.Case.DaysLeft == nil || *g.Case.DaysLeft != -1 {
			t.Errorf("on 21 October: warning %q, days_left %s", g.Case.Warning, intp(g.Case.DaysLeft))
		}
		if l := e.caseList(t, p.super, "warnings"); listed(l, app.ID) == nil || l.Red < 1 {
			t.Errorf("supervisor's warnings on 21 October: red %d", l.Red)
		}

		// 14 October: completed, approved, on time.
		e.setClock(t, "2026-10-14T16:00:00+08:00")
		got = e.caseOK(t, p.chief, app.ID, "complete", api.CompleteRequest{Version: got.Version, Outcome: "approved"})
		c = got.Case
		if got.Status != "completed" || c.CompletedOn != "2026-10-14" || c.Outcome != "approved" || c.OnTime == nil || !*c.OnTime ||
			c.DaysLeft != nil || c.Warning != "" || c.CompletedAt == nil {
			t.Errorf("complete: %s %+v", got.Status, c)
		}
		wantStatus(t, "complete twice", e.caseCall(p.chief, app.ID, "complete", api.CompleteRequest{Outcome: "approved"}), 409, "invalid_state")
		if l := e.caseList(t, p.chief, "closed"); listed(l, app.ID) == nil {
			t.Errorf("closed list lacks the completed case")
		}
		if l := e.caseList(t, p.chief, "running"); listed(l, app.ID) != nil {
			t.Errorf("running list still has the completed case")
		}

		notices := e.noticesOf(t, p.a, app.ID)
		if n := noticeOfKind(notices, "accepted"); n == nil || n.DueDate != "2026-10-15" || n.Code == "" || n.CaseNo != app.CaseNo {
			t.Errorf("acceptance notice %+v", n)
		}
		if n := noticeOfKind(notices, "completed"); n == nil || n.Code == "" {
			t.Errorf("completion notice %+v", n)
		}

		in := e.inbox(t, p.a)
		for _, kind := range []string{"case_accepted", "case_paused", "case_resumed", "case_approved"} {
			n := inboxOfKind(in, kind)
			if n == nil {
				t.Errorf("applicant's inbox lacks %s", kind)
				continue
			}
			if n.Params["case_no"] != app.CaseNo || n.Params["item"] == "" {
				t.Errorf("%s params %v", kind, n.Params)
			}
		}
		if n := inboxOfKind(in, "case_accepted"); n != nil && n.Params["due_date"] != "2026-10-15" {
			t.Errorf("case_accepted due_date %q", n.Params["due_date"])
		}
		if n := inboxOfKind(in, "case_resumed"); n != nil && n.Params["due_date"] != "2026-10-20" {
			t.Errorf("case_resumed due_date %q", n.Params["due_date"])
		}

		events := e.events(t, p.a, app.ID)
		actions := actionsOf(events)
		want := []string{"passed", "accepted", "started", "paused", "resumed", "completed_approved"}
		if len(actions) < len(want) || !slices.Equal(actions[len(actions)-len(want):], want) {
			t.Errorf("history %v, want it to end with %v", actions, want)
		}
		for i := 1; i < len(events); i++ {
			if events[i].At.Before(events[i-1].At) {
				t.Errorf("history out of order at %d: %v before %v", i, events[i].At, events[i-1].At)
			}
		}
		for _, ev := range events {
			switch ev.Action {
			case "accepted", "completed_approved":
				if ev.Actor != "王首席" || ev.Role != "chief" {
					t.Errorf("%s by %q (%s)", ev.Action, ev.Actor, ev.Role)
				}
			case "started", "paused", "resumed":
				if ev.Actor != "李窗口" || ev.Role != "staff" {
					t.Errorf("%s by %q (%s)", ev.Action, ev.Actor, ev.Role)
				}
			}
		}
	})
}

// --- 2. refusal, withdrawal, instant items, 容缺 -------------------------------------------

// TestCaseRefuseWithdrawInstantPending: 不予受理 needs reasons and issues its notice; an
// applicant may withdraw an accepted case, after which the window cannot act on it; an
// instant item is accepted and completed in one step (and only an instant item); a case
// accepted with a pending optional material (容缺受理) cannot be approved until the applicant
// uploads it through the normal upload flow.
func TestCaseRefuseWithdrawInstantPending(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		p := e.cast(t)
		e.setClock(t, "2026-06-01T10:00:00+08:00") // a Monday

		// 不予受理.
		ref := e.passedApp(t, p.a, p.staff, "SCJGJ-001")
		r := e.caseCall(p.chief, ref.ID, "refuse", api.RefuseRequest{Version: ref.Version})
		wantStatus(t, "refuse without reason", r, 422, "invalid")
		if r.status == 422 && r.errBody(t).Fields["reason"] == "" {
			t.Errorf("refuse without reason names no field reason: %s", r.body)
		}
		wantStatus(t, "refuse with a blank reason", e.caseCall(p.chief, ref.ID, "refuse", api.RefuseRequest{Version: ref.Version, Reason: "   "}), 422, "invalid")
		reason := "经营范围涉及前置审批项目，请先取得相关许可"
		got := e.caseOK(t, p.chief, ref.ID, "refuse", api.RefuseRequest{Version: ref.Version, Reason: reason})
		if got.Status != "not_accepted" || got.Case != nil {
			t.Errorf("refuse: %s %+v", got.Status, got.Case)
		}
		if n := noticeOfKind(e.noticesOf(t, p.a, ref.ID), "not_accepted"); n == nil || n.Code == "" || !strings.Contains(n.Note, reason) {
			t.Errorf("not-accepted notice %+v", n)
		}
		if inboxOfKind(e.inbox(t, p.a), "case_not_accepted") == nil {
			t.Errorf("applicant not told of the refusal")
		}
		wantStatus(t, "refuse twice", e.caseCall(p.chief, ref.ID, "refuse", api.RefuseRequest{Reason: reason}), 409, "invalid_state")
		wantStatus(t, "accept a refused application", e.caseCall(p.chief, ref.ID, "accept", api.AcceptRequest{}), 409, "invalid_state")

		// complete_now only for instant items; then withdrawal of the accepted case.
		wd := e.passedApp(t, p.a, p.staff, "SCJGJ-003")
		r = e.caseCall(p.chief, wd.ID, "accept", api.AcceptRequest{Version: wd.Version, CompleteNow: true})
		wantStatus(t, "complete_now on a promise item", r, 422, "invalid")
		if r.status == 422 && r.errBody(t).Fields["complete_now"] == "" {
			t.Errorf("complete_now on a promise item names no field complete_now: %s", r.body)
		}
		if now := e.getApp(t, p.a, wd.ID); now.Status != "passed" || now.Case != nil {
			t.Fatalf("refused complete_now changed the application: %s", now.Status)
		}
		got = e.caseOK(t, p.chief, wd.ID, "accept", api.AcceptRequest{Version: wd.Version})
		if got.Status != "accepted" {
			t.Fatalf("accept: %s", got.Status)
		}
		r = e.do("POST", "/applications/"+wd.ID+"/withdraw", api.WithdrawRequest{Note: "经营地址变更，撤回申请"}, bearer(p.a))
		if r.status != 200 {
			t.Fatalf("withdraw an accepted case: %d %s", r.status, r.body)
		}
		var wapp api.Application
		r.decode(t, &wapp)
		if wapp.Status != "withdrawn" {
			t.Errorf("withdrawn case is %s", wapp.Status)
		}
		before := e.snap(t, p.a, wd.ID)
		wantStatus(t, "start a withdrawn case", e.caseCall(p.staff, wd.ID, "start", api.CaseStepRequest{}), 409, "invalid_state")
		wantStatus(t, "pause a withdrawn case", e.caseCall(p.staff, wd.ID, "pause", api.PauseRequest{Kind: "hearing", Note: "听证"}), 409, "invalid_state")
		wantStatus(t, "complete a withdrawn case", e.caseCall(p.chief, wd.ID, "complete", api.CompleteRequest{Outcome: "approved"}), 409, "invalid_state")
		wantStatus(t, "accept a withdrawn case", e.caseCall(p.chief, wd.ID, "accept", api.AcceptRequest{}), 409, "invalid_state")
		wantStatus(t, "refuse a withdrawn case", e.caseCall(p.chief, wd.ID, "refuse", api.RefuseRequest{Reason: "x"}), 409, "invalid_state")
		wantStatus(t, "withdraw twice", e.do("POST", "/applications/"+wd.ID+"/withdraw", api.WithdrawRequest{}, bearer(p.a)), 409, "invalid_state")
		if after := e.snap(t, p.a, wd.ID); after != before {
			t.Errorf("refused moves on a withdrawn case changed it: %+v → %+v", before, after)
		}
		if l := e.caseList(t, p.staff, "closed"); listed(l, wd.ID) == nil {
			t.Errorf("closed list lacks the withdrawn case")
		}

		// A paused case withdrawn: its clock stops with it (due date and paused days stay).
		pw := e.passedApp(t, p.a, p.staff, "SCJGJ-005")
		pw = e.caseOK(t, p.staff, pw.ID, "accept", api.AcceptRequest{Version: pw.Version})
		e.setClock(t, "2026-06-02T10:00:00+08:00")
		pw = e.caseOK(t, p.staff, pw.ID, "pause", api.PauseRequest{Version: pw.Version, Kind: "correction", Note: "等待申请人补正"})
		e.setClock(t, "2026-06-03T10:00:00+08:00")
		if r := e.do("POST", "/applications/"+pw.ID+"/withdraw", api.WithdrawRequest{Note: "不办了"}, bearer(p.a)); r.status != 200 {
			t.Fatalf("withdraw a paused case: %d %s", r.status, r.body)
		}
		atWithdrawal := e.getApp(t, p.a, pw.ID).Case
		e.setClock(t, "2026-06-12T10:00:00+08:00")
		if later := e.getApp(t, p.a, pw.ID).Case; later.DueDate != atWithdrawal.DueDate || later.PausedDays != atWithdrawal.PausedDays {
			t.Errorf("a withdrawn paused case's clock keeps running: on 3 June due %s with %d paused days, on 12 June due %s with %d",
				atWithdrawal.DueDate, atWithdrawal.PausedDays, later.DueDate, later.PausedDays)
		}
		e.setClock(t, "2026-06-01T10:00:00+08:00")

		// 即办件: accepted and completed in one step by window staff (scjgj allows staff).
		inst := e.passedApp(t, p.a, p.staff, "SCJGJ-005")
		got = e.caseOK(t, p.staff, inst.ID, "accept", api.AcceptRequest{Version: inst.Version, CompleteNow: true})
		if c := got.Case; got.Status != "completed" || c == nil || c.CompletedOn == "" || c.CompletedOn != c.AcceptedOn ||
			c.Outcome != "approved" || c.Handling != "instant" || c.OnTime == nil || !*c.OnTime || c.DueDate != c.AcceptedOn {
			t.Errorf("instant case: %s %+v", got.Status, c)
		}
		ns := e.noticesOf(t, p.a, inst.ID)
		if noticeOfKind(ns, "accepted") == nil || noticeOfKind(ns, "completed") == nil {
			t.Errorf("instant case notices %+v", ns)
		}
		acts := actionsOf(e.events(t, p.a, inst.ID))
		if len(acts) < 2 || !slices.Equal(acts[len(acts)-2:], []string{"accepted", "completed_approved"}) {
			t.Errorf("instant case history %v", acts)
		}

		// 不予许可: a denial needs reasons, which the decision carries.
		den := e.passedApp(t, p.a, p.staff, "SCJGJ-005")
		den = e.caseOK(t, p.chief, den.ID, "accept", api.AcceptRequest{Version: den.Version})
		denial := "遗失声明未在公示系统发布满规定期限"
		got = e.caseOK(t, p.chief, den.ID, "complete", api.CompleteRequest{Version: den.Version, Outcome: "denied", Reason: denial})
		if c := got.Case; got.Status != "completed" || c.Outcome != "denied" || c.Reason != denial || c.OnTime == nil {
			t.Errorf("denial: %s %+v", got.Status, c)
		}
		if n := noticeOfKind(e.noticesOf(t, p.a, den.ID), "completed"); n == nil || !strings.Contains(n.Note, denial) {
			t.Errorf("denial notice %+v", n)
		}
		if inboxOfKind(e.inbox(t, p.a), "case_denied") == nil {
			t.Errorf("applicant not told of the denial")
		}
		if acts := actionsOf(e.events(t, p.a, den.ID)); acts[len(acts)-1] != "completed_denied" {
			t.Errorf("history after a denial %v", acts)
		}

		// 容缺受理: the optional power of attorney is accepted as pending.
		pend := e.passedApp(t, p.a, p.staff, "SCJGJ-001")
		var optional, required api.AppMaterial
		for _, m := range pend.Materials {
			if !m.Required && optional.MaterialID == "" {
				optional = m
			}
			if m.Required && required.MaterialID == "" {
				required = m
			}
		}
		if optional.MaterialID == "" || optional.Status != "missing" {
			t.Fatalf("SCJGJ-001 has no missing optional material: %+v", pend.Materials)
		}
		bad := []struct {
			name  string
			req   api.AcceptRequest
			field string
		}{
			{"pending_due in the past", api.AcceptRequest{Version: pend.Version, Pending: []string{optional.MaterialID}, PendingDue: "2026-05-29"}, "pending_due"},
			{"pending_due today", api.AcceptRequest{Version: pend.Version, Pending: []string{optional.MaterialID}, PendingDue: "2026-06-01"}, "pending_due"},
			{"pending without pending_due", api.AcceptRequest{Version: pend.Version, Pending: []string{optional.MaterialID}}, "pending_due"},
			{"pending_due not a date", api.AcceptRequest{Version: pend.Version, Pending: []string{optional.MaterialID}, PendingDue: "2026-06-31"}, "pending_due"},
			{"pending material unknown", api.AcceptRequest{Version: pend.Version, Pending: []string{"nosuchmaterial"}, PendingDue: "2026-06-04"}, "pending"},
			{"complete_now on a promise item with pending", api.AcceptRequest{Version: pend.Version, Pending: []string{optional.MaterialID}, PendingDue: "2026-06-04", CompleteNow: true}, "complete_now"},
		}
		for _, b := range bad {
			r := e.caseCall(p.chief, pend.ID, "accept", b.req)
			wantStatus(t, b.name, r, 422, "invalid")
			if r.status == 422 && r.errBody(t).Fields[b.field] == "" {
				t.Errorf("%s: no message for field %s: %s", b.name, b.field, r.body)
			}
		}
		if now := e.getApp(t, p.a, pend.ID); now.Status != "passed" || now.Version != pend.Version {
			t.Fatalf("refused acceptances changed the application: %s v%d", now.Status, now.Version)
		}
		got = e.caseOK(t, p.chief, pend.ID, "accept", api.AcceptRequest{Version: pend.Version, Pending: []string{optional.MaterialID}, PendingDue: "2026-06-04"})
		c := got.Case
		if got.Status != "accepted" || c == nil || c.PendingDue != "2026-06-04" || len(c.Pending) != 1 ||
			c.Pending[0].MaterialID != optional.MaterialID || c.Pending[0].Supplied || c.Pending[0].Name != optional.Name {
			t.Fatalf("accept with a pending material: %s %+v", got.Status, c)
		}
		if m := material(t, got, optional.MaterialID); m.Status != "pending" {
			t.Errorf("pending material's status %q", m.Status)
		}
		if n := inboxOfKind(e.inbox(t, p.a), "case_accepted_pending"); n == nil || n.Params["pending_due"] != "2026-06-04" {
			t.Errorf("case_accepted_pending notification %+v", n)
		}
		// The acceptance notice lists what is to follow and by when.
		if n := noticeOfKind(e.noticesOf(t, p.a, pend.ID), "accepted"); n == nil || n.PendingDue != "2026-06-04" ||
			len(n.Lines) != 1 || n.Lines[0].Material != optional.Name || n.Lines[0].Reason != "" {
			t.Errorf("acceptance notice of 容缺受理 %+v", n)
		}
		if acts := actionsOf(e.events(t, p.a, pend.ID)); acts[len(acts)-1] != "accepted_pending" {
			t.Errorf("history after 容缺受理 %v", acts)
		}
		wantStatus(t, "approve with a pending material", e.caseCall(p.chief, pend.ID, "complete", api.CompleteRequest{Outcome: "approved"}), 409, "pending_incomplete")
		// Only the pending material takes a file while the case runs.
		if r, _ := e.startUpload(t, p.a, pend.ID, required.MaterialID, "again.pdf", "application/pdf", 2000); r.status != 409 {
			t.Errorf("upload to a material not pending while the case runs: %d %s", r.status, r.body)
		}
		name, ctype, data := fileFor(optional, "power-of-attorney")
		e.attach(t, p.a, pend.ID, optional.MaterialID, name, ctype, data)
		g := e.getApp(t, p.staff, pend.ID)
		if g.Status != "accepted" || g.Case == nil || len(g.Case.Pending) != 1 || !g.Case.Pending[0].Supplied {
			t.Errorf("after the upload: %s %+v", g.Status, g.Case)
		}
		// The spec's event catalog has pending_supplied for a pending material that arrives.
		if acts := actionsOf(e.events(t, p.a, pend.ID)); !slices.Contains(acts, "pending_supplied") {
			t.Errorf("history after the pending material arrived %v: want a pending_supplied event (cases-spec event actions)", acts)
		}
		got = e.caseOK(t, p.chief, pend.ID, "complete", api.CompleteRequest{Version: g.Version, Outcome: "approved"})
		if got.Status != "completed" || got.Case.Outcome != "approved" {
			t.Errorf("approve after the pending material arrived: %s %+v", got.Status, got.Case)
		}
	})
}

// --- 2b. sweeps ----------------------------------------------------------------------------

// TestCaseSweeps runs the warning and pending-material sweeps as several replicas would, at
// once: each yellow and red warning, each pending reminder and each termination happens once.
func TestCaseSweeps(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		p := e.cast(t)
		ctx := context.Background()
		e.setClock(t, "2026-06-01T10:00:00+08:00") // Monday
		w := e.passedApp(t, p.a, p.staff, "SCJGJ-003")
		w = e.caseOK(t, p.chief, w.ID, "accept", api.AcceptRequest{Version: w.Version})
		if w.Case.DueDate != "2026-06-10" {
			t.Fatalf("due date %s", w.Case.DueDate)
		}
		pend := e.passedApp(t, p.a, p.staff, "SCJGJ-001")
		var optional string
		for _, m := range pend.Materials {
			if !m.Required {
				optional = m.MaterialID
			}
		}
		pend = e.caseOK(t, p.chief, pend.ID, "accept", api.AcceptRequest{Version: pend.Version, Pending: []string{optional}, PendingDue: "2026-06-04"})

		sweep := func(name string, fn func(context.Context) (int, error)) {
			t.Helper()
			var wg sync.WaitGroup
			errs := make([]error, 4)
			for i := range 4 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					_, errs[i] = fn(ctx)
				}()
			}
			wg.Wait()
			for _, err := range errs {
				if err != nil {
					t.Errorf("%s: %v", name, err)
				}
			}
		}
		count := func(tok, kind, caseNo string) int {
			t.Helper()
			n := 0
			for _, x := range e.inbox(t, tok) {
				if x.Kind == kind && x.Params["case_no"] == caseNo {
					n++
				}
			}
			return n
		}
		countEvents := func(id, action string) int {
			t.Helper()
			n := 0
			for _, a := range actionsOf(e.events(t, p.a, id)) {
				if a == action {
					n++
				}
			}
			return n
		}

		sweep("warnings on the day of acceptance", e.cases.SweepWarnings)
		if n := count(p.chief, "case_due_soon", w.CaseNo); n != 0 {
			t.Errorf("%d yellow warnings on the day of acceptance", n)
		}
		e.setClock(t, "2026-06-09T09:00:00+08:00")
		sweep("warnings on 9 June", e.cases.SweepWarnings)
		sweep("warnings on 9 June again", e.cases.SweepWarnings)
		if n, ev := count(p.chief, "case_due_soon", w.CaseNo), countEvents(w.ID, "warned_yellow"); n != 1 || ev != 1 {
			t.Errorf("yellow: %d notifications, %d events; want 1 each", n, ev)
		}
		e.setClock(t, "2026-06-11T09:00:00+08:00")
		sweep("warnings on 11 June", e.cases.SweepWarnings)
		sweep("warnings on 11 June again", e.cases.SweepWarnings)
		if n, ev := count(p.chief, "case_overdue", w.CaseNo), countEvents(w.ID, "warned_red"); n != 1 || ev != 1 {
			t.Errorf("red: %d notifications, %d events; want 1 each", n, ev)
		}
		if g := e.getApp(t, p.staff, w.ID); g.Case.Warning != "red" {
			t.Errorf("overdue case reads warning %q", g.Case.Warning)
		}

		// Pending materials due on Thursday 4 June: a reminder on the 3rd, the end on the 5th.
		e.setClock(t, "2026-06-02T09:00:00+08:00")
		sweep("pending on 2 June", e.cases.SweepPending)
		if n := count(p.a, "pending_reminder", pend.CaseNo); n != 0 {
			t.Errorf("%d reminders two working days early", n)
		}
		e.setClock(t, "2026-06-03T09:00:00+08:00")
		sweep("pending on 3 June", e.cases.SweepPending)
		e.setClock(t, "2026-06-04T09:00:00+08:00")
		sweep("pending on 4 June", e.cases.SweepPending)
		if n := count(p.a, "pending_reminder", pend.CaseNo); n != 1 {
			t.Errorf("%d pending reminders, want 1", n)
		}
		if g := e.getApp(t, p.a, pend.ID); g.Status != "accepted" {
			t.Errorf("on the pending due date the case is %s", g.Status)
		}
		e.setClock(t, "2026-06-05T09:00:00+08:00")
		sweep("pending on 5 June", e.cases.SweepPending)
		g := e.getApp(t, p.a, pend.ID)
		if g.Status != "terminated" || g.Case == nil || g.Case.Outcome != "terminated" || g.Case.CompletedOn != "2026-06-05" || g.Case.OnTime != nil {
			t.Errorf("after the pending due date: %s %+v", g.Status, g.Case)
		}
		if n, ev := count(p.a, "case_terminated", pend.CaseNo), countEvents(pend.ID, "terminated"); n != 1 || ev != 1 {
			t.Errorf("termination: %d notifications to the applicant, %d events; want 1 each", n, ev)
		}
		if n := count(p.chief, "case_terminated", pend.CaseNo); n != 1 {
			t.Errorf("termination: %d notifications to the chief", n)
		}
		if r, _ := e.startUpload(t, p.a, pend.ID, optional, "late.pdf", "application/pdf", 2000); r.status != 409 {
			t.Errorf("upload to a terminated case: %d %s", r.status, r.body)
		}
		if l := e.caseList(t, p.chief, "closed"); listed(l, pend.ID) == nil {
			t.Errorf("closed list lacks the terminated case")
		}
	})
}

// --- 3. public progress --------------------------------------------------------------------

// TestPublicProgress: anyone with the case number and the phone's last four digits, or a
// notice's code, sees the progress and nothing personal; a wrong number, wrong digits and
// another case's code are answered alike (body and headers), malformed queries are 400, a
// draft does not exist, the answers take about the same time, and one client is rate-limited.
func TestPublicProgress(t *testing.T) {
	for _, d := range storetest.Dialects {
		t.Run(d, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t, d, true)
			p := e.cast(t)
			app := e.passedApp(t, p.a, p.staff, "SCJGJ-003")
			e.setClock(t, "2026-09-30T10:00:00+08:00")
			e.caseOK(t, p.chief, app.ID, "accept", api.AcceptRequest{Version: app.Version, Note: "王首席受理"})
			full := e.getApp(t, p.a, app.ID)

			pub := func(q string) reply { return e.do("GET", "/public/cases/"+q, nil, nil) }
			r := pub(app.CaseNo + "?phone_last4=0001")
			if r.status != 200 {
				t.Fatalf("public query: %d %s", r.status, r.body)
			}
			var pc api.PublicCase
			r.decode(t, &pc)
			if pc.CaseNo != app.CaseNo || pc.Status != "accepted" || pc.Department != "市场监督管理局" || pc.Item == "" || pc.Site == "" ||
				pc.DueDate != "2026-10-15" || pc.AcceptedOn != "2026-09-30" || pc.DaysLeft == nil || *pc.DaysLeft != 7 {
				t.Errorf("public case %+v", pc)
			}
			var steps []string
			for _, s := range pc.Steps {
				steps = append(steps, s.Action)
				if _, err := time.Parse("2006-01-02", s.On); err != nil {
					t.Errorf("step %+v: date %v", s, err)
				}
			}
			for _, want := range []string{"submitted", "passed", "accepted"} {
				if !slices.Contains(steps, want) {
					t.Errorf("public steps %v lack %s", steps, want)
				}
			}
			for _, internal := range []string{"created", "uploaded"} {
				if slices.Contains(steps, internal) {
					t.Errorf("public steps %v show %s", steps, internal)
				}
			}
			if r.header.Get("Cache-Control") != "no-store" {
				t.Errorf("public answer Cache-Control %q", r.header.Get("Cache-Control"))
			}
			// Nothing personal in the raw body (the case number itself may hold any digits).
			raw := strings.ReplaceAll(string(r.body), app.CaseNo, "<case_no>")
			secrets := []string{"张明", "张", "13800000001", "138", "0001", p.aID, p.staffID, p.chiefID, "王首席", "李窗口", "王", "李", ".pdf", ".png"}
			for _, m := range full.Materials {
				if m.Filename != "" {
					secrets = append(secrets, m.Filename)
				}
				if m.SHA256 != "" {
					secrets = append(secrets, m.SHA256)
				}
			}
			for _, s := range secrets {
				if strings.Contains(raw, s) {
					t.Errorf("public answer contains %q: %s", s, r.body)
				}
			}

			// Wrong digits and an unknown well-formed number: the same 404, byte for byte.
			unknown := "20991231" + app.CaseNo[8:]
			wrong := pub(app.CaseNo + "?phone_last4=0002")
			none := pub(unknown + "?phone_last4=0001")
			wantStatus(t, "wrong digits", wrong, 404, "case_not_found")
			wantStatus(t, "unknown number", none, 404, "case_not_found")
			if !bytes.Equal(wrong.body, none.body) {
				t.Errorf("wrong digits and unknown number differ:\n%s\n%s", wrong.body, none.body)
			}
			sameHeaders(t, "wrong digits / unknown number", wrong.header, none.header)

			// By code: the acceptance notice's code opens it; another case's code does not.
			ns := e.noticesOf(t, p.a, app.ID)
			accepted := noticeOfKind(ns, "accepted")
			if accepted == nil {
				t.Fatalf("no acceptance notice in %+v", ns)
			}
			r = pub(app.CaseNo + "?code=" + accepted.Code)
			if r.status != 200 {
				t.Errorf("query by the acceptance notice's code: %d %s", r.status, r.body)
			}
			if pass := noticeOfKind(ns, "pass"); pass != nil {
				if r := pub(app.CaseNo + "?code=" + pass.Code); r.status != 200 {
					t.Errorf("query by the pass notice's code: %d %s", r.status, r.body)
				}
			}
			other := e.passedApp(t, p.a, p.staff, "SCJGJ-005")
			otherPass := noticeOfKind(e.noticesOf(t, p.a, other.ID), "pass")
			if otherPass == nil {
				t.Fatal("the other application has no pass notice")
			}
			foreign := pub(app.CaseNo + "?code=" + otherPass.Code)
			wantStatus(t, "another case's code", foreign, 404, "case_not_found")
			if !bytes.Equal(foreign.body, wrong.body) {
				t.Errorf("another case's code answers differently from wrong digits:\n%s\n%s", foreign.body, wrong.body)
			}
			sameHeaders(t, "another case's code / wrong digits", foreign.header, wrong.header)
			forged := pub(app.CaseNo + "?code=" + flip(accepted.Code, len(accepted.Code)-1))
			wantStatus(t, "forged code", forged, 404, "case_not_found")
			if !bytes.Equal(forged.body, wrong.body) {
				t.Errorf("forged code answers differently: %s", forged.body)
			}

			// A draft has no public existence.
			draft := e.createApp(t, p.a, "SCJGJ-001")
			dr := pub(draft.CaseNo + "?phone_last4=0001")
			wantStatus(t, "draft number", dr, 404, "case_not_found")
			if !bytes.Equal(dr.body, wrong.body) {
				t.Errorf("a draft's number answers differently: %s", dr.body)
			}

			// Malformed queries.
			for _, q := range []string{
				app.CaseNo[:13] + "?phone_last4=0001", app.CaseNo + "0?phone_last4=0001", "2026093000012a?phone_last4=0001",
				app.CaseNo + "?phone_last4=001", app.CaseNo + "?phone_last4=00011", app.CaseNo + "?phone_last4=00a1",
				app.CaseNo, app.CaseNo + "?phone_last4=",
			} {
				wantStatus(t, "malformed "+q, pub(q), 400, "bad_request")
			}

			// Timing: wrong digits and unknown numbers take about the same time.
			var tWrong, tNone []time.Duration
			for i := 0; i < 200; i++ {
				start := time.Now()
				if r := pub(app.CaseNo + "?phone_last4=9999"); r.status != 404 {
					t.Fatalf("wrong digits: %d", r.status)
				}
				tWrong = append(tWrong, time.Since(start))
				start = time.Now()
				if r := pub("20991231" + strconv.Itoa(100000+i) + "?phone_last4=0001"); r.status != 404 {
					t.Fatalf("unknown number: %d", r.status)
				}
				tNone = append(tNone, time.Since(start))
			}
			mw, mn := median(tWrong), median(tNone)
			t.Logf("%s: median wrong digits %v, unknown number %v", d, mw, mn)
			if mw > 3*mn || mn > 3*mw {
				t.Errorf("wrong digits (median %v) and unknown numbers (median %v) differ by more than 3x", mw, mn)
			}

			// Rate limits on: one client is stopped.
			lim := newEnv(t, d, false)
			la, _ := lim.login("13800000001", demo.Password)
			ldraft := lim.createApp(t, la.AccessToken, "SCJGJ-001")
			first := lim.do("GET", "/public/cases/"+ldraft.CaseNo+"?phone_last4=0001", nil, nil)
			wantStatus(t, "draft number (limits on)", first, 404, "case_not_found")
			limited := -1
			for i := 1; i <= 80; i++ {
				r := lim.do("GET", "/public/cases/"+ldraft.CaseNo+"?phone_last4=0001", nil, nil)
				if r.status == 429 {
					if r.errBody(t).Code != "rate_limited" {
						t.Errorf("429 code %s", r.body)
					}
					limited = i
					break
				}
				if r.status != 404 {
					t.Fatalf("query %d: %d %s", i, r.status, r.body)
				}
			}
			// publicIP allows a burst of 30 per client (one more every 2 s).
			if limited < 0 {
				t.Errorf("81 public queries from one client in a row were never limited")
			} else if total := limited + 1; total < 25 || total > 35 {
				t.Errorf("limited at query %d; the public limit is a burst of 30", total)
			}
			t.Logf("%s: limited at query %d", d, limited+1)
		})
	}
}

func sameHeaders(t *testing.T, what string, a, b http.Header) {
	t.Helper()
	keys := map[string]bool{}
	for k := range a {
		keys[k] = true
	}
	for k := range b {
		keys[k] = true
	}
	for k := range keys {
		if k == "Date" {
			continue
		}
		if !slices.Equal(a.Values(k), b.Values(k)) {
			t.Errorf("%s: header %s differs: %q / %q", what, k, a.Values(k), b.Values(k))
		}
	}
}

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[len(s)/2]
}

// --- 4. evaluation and rectification -------------------------------------------------------

// TestEvaluation: the owner rates a completed case once (1–5); a bad review opens a
// rectification due 5 working days later (across 国庆), seen by the department's window and
// supervisors only, closed by the chief after the call-back, overdue once past its date; the
// counter's rating device rates the case the window completed today, once.
func TestEvaluation(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		p := e.cast(t)
		b := e.newApplicant(t, "13900000021")
		eval := func(tok, id string, level int, comment string) reply {
			return e.do("POST", "/cases/"+id+"/evaluation", api.EvaluationRequest{Level: level, Comment: comment}, bearer(tok))
		}
		e.setClock(t, "2026-09-29T10:00:00+08:00")

		// Not before completion.
		running := e.passedApp(t, p.a, p.staff, "SCJGJ-003")
		wantStatus(t, "evaluate a passed application", eval(p.a, running.ID, 5, ""), 409, "not_evaluable")
		e.caseOK(t, p.chief, running.ID, "accept", api.AcceptRequest{Version: running.Version})
		wantStatus(t, "evaluate a running case", eval(p.a, running.ID, 5, ""), 409, "not_evaluable")

		good := e.instantDone(t, p.a, p.staff, p.chief)
		if g := e.getApp(t, p.a, good.ID); g.Case == nil || !g.Case.CanEvaluate || g.Case.Evaluation != nil {
			t.Errorf("owner's view before rating: %+v", g.Case)
		}
		if g := e.getApp(t, p.staff, good.ID); g.Case == nil || g.Case.CanEvaluate {
			t.Errorf("staff's view says can_evaluate")
		}
		for _, lvl := range []int{0, 6, -1} {
			r := eval(p.a, good.ID, lvl, "")
			wantStatus(t, "level "+strconv.Itoa(lvl), r, 422, "invalid")
			if r.status == 422 && r.errBody(t).Fields["level"] == "" {
				t.Errorf("level %d: no message for field level: %s", lvl, r.body)
			}
		}
		wantStatus(t, "another applicant rates", eval(b, good.ID, 1, "差"), 404, "not_found")
		wantStatus(t, "the agent rates someone's case", eval(p.agent, good.ID, 1, "差"), 404, "not_found")
		r := eval(p.a, good.ID, 4, "窗口服务热情，办理很快")
		if r.status != 201 {
			t.Fatalf("rate: %d %s", r.status, r.body)
		}
		var ev api.Evaluation
		r.decode(t, &ev)
		if ev.Level != 4 || ev.Channel != "online" || ev.Comment != "窗口服务热情，办理很快" || ev.CreatedAt.IsZero() {
			t.Errorf("evaluation %+v", ev)
		}
		wantStatus(t, "rate twice", eval(p.a, good.ID, 5, ""), 409, "already_evaluated")
		if g := e.getApp(t, p.a, good.ID); g.Case.Evaluation == nil || g.Case.Evaluation.Level != 4 || g.Case.CanEvaluate {
			t.Errorf("after rating: %+v", g.Case)
		}
		evs := e.events(t, p.a, good.ID)
		if last := evs[len(evs)-1]; last.Action != "evaluated" {
			t.Errorf("history after rating ends with %s", last.Action)
		} else if last.Actor != "张明" || last.Role != "applicant" {
			// AppEvent.role is the person's role (cases-spec); store.Evaluate writes the channel.
			t.Errorf("evaluated event by %q with role %q, want 张明 (applicant)", last.Actor, last.Role)
		}
		var rl api.RectificationList
		e.do("GET", "/rectifications?status=all", nil, bearer(p.super)).decode(t, &rl)
		if len(rl.Rectifications) != 0 {
			t.Errorf("a good review opened rectifications %+v", rl.Rectifications)
		}

		// A bad review on 29 September: 5 working days are Sep 30, Oct 8, 9, 10 (make-up), 12.
		badCase := e.instantDone(t, p.a, p.staff, p.chief)
		if r := eval(p.a, badCase.ID, 1, "等了一个多小时，态度冷淡"); r.status != 201 {
			t.Fatalf("bad review: %d %s", r.status, r.body)
		}
		rects := func(tok, status string) api.RectificationList {
			t.Helper()
			r := e.do("GET", "/rectifications?status="+status, nil, bearer(tok))
			if r.status != 200 {
				t.Fatalf("rectifications: %d %s", r.status, r.body)
			}
			var l api.RectificationList
			r.decode(t, &l)
			return l
		}
		l := rects(p.staff, "open")
		if len(l.Rectifications) != 1 || l.Open != 1 || l.Overdue != 0 {
			t.Fatalf("staff's open rectifications %+v", l)
		}
		rect := l.Rectifications[0]
		if rect.ApplicationID != badCase.ID || rect.CaseNo != badCase.CaseNo || rect.DueDate != "2026-10-12" || rect.Level != 1 ||
			rect.Status != "open" || rect.Overdue || rect.DepartmentCode != "scjgj" || rect.DepartmentName == "" || rect.ItemName == "" ||
			rect.Comment != "等了一个多小时，态度冷淡" {
			t.Errorf("rectification %+v", rect)
		}
		if l := rects(p.super, "open"); l.Open != 1 || len(l.Rectifications) != 1 {
			t.Errorf("supervisor's open rectifications %+v", l)
		}
		if l := rects(p.zjj, "all"); len(l.Rectifications) != 0 || l.Open != 0 {
			t.Errorf("zjj staff see scjgj rectifications %+v", l)
		}
		wantStatus(t, "bad status filter", e.do("GET", "/rectifications?status=bogus", nil, bearer(p.staff)), 422, "invalid")
		if n := inboxOfKind(e.inbox(t, p.chief), "rectification_opened"); n == nil || n.Params["due_date"] != "2026-10-12" || n.Params["case_no"] != badCase.CaseNo {
			t.Errorf("chief's rectification_opened notification %+v", n)
		}

		// Overdue once the clock passes the due date while open.
		e.setClock(t, "2026-10-12T17:00:00+08:00")
		if l := rects(p.staff, "open"); len(l.Rectifications) != 1 || l.Rectifications[0].Overdue {
			t.Errorf("on the due date: %+v", l)
		}
		e.setClock(t, "2026-10-13T09:00:00+08:00")
		if l := rects(p.staff, "open"); len(l.Rectifications) != 1 || !l.Rectifications[0].Overdue || l.Overdue != 1 {
			t.Errorf("after the due date: %+v", l)
		}

		call := func(tok, what string, body any) reply {
			return e.do("POST", "/rectifications/"+rect.ID+"/"+what, body, bearer(tok))
		}
		wantStatus(t, "close before the call-back", call(p.chief, "close", api.CloseRectificationRequest{Measures: "加强窗口培训"}), 409, "callback_required")
		wantStatus(t, "zjj staff call back", call(p.zjj, "callback", api.CallbackRequest{Note: "x"}), 404, "not_found")
		wantStatus(t, "call-back without note", call(p.staff, "callback", api.CallbackRequest{}), 422, "invalid")
		r = call(p.staff, "callback", api.CallbackRequest{Note: "已电话回访申请人，致歉并说明改进措施"})
		var x api.Rectification
		if r.status != 200 {
			t.Fatalf("call-back: %d %s", r.status, r.body)
		}
		r.decode(t, &x)
		if x.CallbackAt == nil || x.CallbackBy != "李窗口" || x.CallbackNote == "" || x.Status != "open" {
			t.Errorf("after the call-back %+v", x)
		}
		wantStatus(t, "staff close", call(p.staff, "close", api.CloseRectificationRequest{Measures: "加强窗口培训"}), 403, "forbidden")
		wantStatus(t, "close without measures", call(p.chief, "close", api.CloseRectificationRequest{}), 422, "invalid")
		r = call(p.chief, "close", api.CloseRectificationRequest{Measures: "加强窗口培训，高峰期增开窗口"})
		if r.status != 200 {
			t.Fatalf("chief closes: %d %s", r.status, r.body)
		}
		r.decode(t, &x)
		if x.Status != "closed" || x.ClosedAt == nil || x.Overdue || x.Measures == "" {
			t.Errorf("closed rectification %+v", x)
		}
		wantStatus(t, "close twice", call(p.chief, "close", api.CloseRectificationRequest{Measures: "x"}), 409, "invalid_state")
		if l := rects(p.staff, "open"); len(l.Rectifications) != 0 || l.Open != 0 {
			t.Errorf("open rectifications after closing %+v", l)
		}
		if l := rects(p.super, "closed"); len(l.Rectifications) != 1 || l.Rectifications[0].ID != rect.ID {
			t.Errorf("closed rectifications %+v", l)
		}

		// The counter's rating device: a case this window completed today.
		e.realClock()
		wantStatus(t, "window rates a case completed another day", e.do("POST", "/staff/cases/"+running.ID+"/evaluation", api.EvaluationRequest{Level: 5}, bearer(p.chief)), 409, "not_evaluable")
		today := e.instantDone(t, p.a, p.staff, p.chief)
		r = e.do("GET", "/staff/cases/last-completed", nil, bearer(p.chief))
		var last api.Application
		if r.status != 200 {
			t.Fatalf("last-completed: %d %s", r.status, r.body)
		}
		r.decode(t, &last)
		if last.ID != today.ID {
			t.Errorf("last-completed is %s, want %s", last.ID, today.ID)
		}
		if r := e.do("GET", "/staff/cases/last-completed", nil, bearer(p.staff)); r.status != 200 || !strings.Contains(string(r.body), today.ID) {
			t.Errorf("staff of the same window: last-completed %d", r.status)
		}
		wantStatus(t, "zjj last-completed", e.do("GET", "/staff/cases/last-completed", nil, bearer(p.zjj)), 404, "not_found")
		wantStatus(t, "zjj rates at their window", e.do("POST", "/staff/cases/"+today.ID+"/evaluation", api.EvaluationRequest{Level: 5}, bearer(p.zjj)), 404, "not_found")
		r = e.do("POST", "/staff/cases/"+today.ID+"/evaluation", api.EvaluationRequest{Level: 5}, bearer(p.chief))
		if r.status != 201 {
			t.Fatalf("window rating: %d %s", r.status, r.body)
		}
		r.decode(t, &ev)
		if ev.Level != 5 || ev.Channel != "window" {
			t.Errorf("window rating %+v", ev)
		}
		wantStatus(t, "the applicant rates after the window device", eval(p.a, today.ID, 3, ""), 409, "already_evaluated")
		wantStatus(t, "window rates twice", e.do("POST", "/staff/cases/"+today.ID+"/evaluation", api.EvaluationRequest{Level: 4}, bearer(p.staff)), 409, "already_evaluated")
		wantStatus(t, "last-completed after rating", e.do("GET", "/staff/cases/last-completed", nil, bearer(p.chief)), 404, "not_found")
	})
}

// --- 5. authorization ----------------------------------------------------------------------

// TestCaseAuthorization calls every new endpoint as every role: anonymous 401; applicants,
// agents and admins have no desk endpoints (403); a window of another department finds
// nothing (404) and changes nothing; supervisors read everything and decide nothing;
// applicants see only their own cases and tickets. Authorized callers are sent where the
// state refuses the step (409), so the table changes nothing it does not mean to.
func TestCaseAuthorization(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		p := e.cast(t)
		b := e.newApplicant(t, "13900000031")

		// done1: completed, rated badly (its rectification is for call-backs); done2: completed,
		// rated badly, no call-back (for closing); done3: completed today, unrated.
		done1 := e.instantDone(t, p.a, p.staff, p.chief)
		done2 := e.instantDone(t, p.a, p.staff, p.chief)
		e.instantDone(t, p.a, p.staff, p.chief)
		for _, id := range []string{done1.ID, done2.ID} {
			if r := e.do("POST", "/cases/"+id+"/evaluation", api.EvaluationRequest{Level: 1, Comment: "差"}, bearer(p.a)); r.status != 201 {
				t.Fatalf("bad review: %d %s", r.status, r.body)
			}
		}
		var rl api.RectificationList
		e.do("GET", "/rectifications?status=all", nil, bearer(p.chief)).decode(t, &rl)
		rectOf := map[string]string{}
		for _, x := range rl.Rectifications {
			rectOf[x.ApplicationID] = x.ID
		}
		rectA, rectB := rectOf[done1.ID], rectOf[done2.ID]
		if rectA == "" || rectB == "" {
			t.Fatalf("rectifications %+v", rl.Rectifications)
		}
		// A complaint about scjgj owned by the chief, and another to close.
		openTicket := func(tok string, req api.TicketRequest) api.Ticket {
			t.Helper()
			r := e.do("POST", "/tickets", req, bearer(tok))
			if r.status != 201 {
				t.Fatalf("open ticket: %d %s", r.status, r.body)
			}
			var tk api.Ticket
			r.decode(t, &tk)
			return tk
		}
		complaint := api.TicketRequest{Kind: "complaint", Subject: "窗口排队太久", Body: "上午等了两个小时", DepartmentCode: "scjgj"}
		tk := openTicket(p.a, complaint)
		tk2 := openTicket(p.a, complaint)
		for _, id := range []string{tk.ID, tk2.ID} {
			if r := e.do("POST", "/tickets/"+id+"/claim", nil, bearer(p.chief)); r.status != 200 {
				t.Fatalf("chief claims: %d %s", r.status, r.body)
			}
		}
		before1 := e.snap(t, p.a, done1.ID)

		type who struct{ name, tok string }
		// Order matters for the rows that change state: the owner closes before the applicant.
		roles := []who{{"anonymous", ""}, {"applicant B", b}, {"agent", p.agent}, {"zjj staff", p.zjj}, {"admin", p.admin},
			{"supervisor", p.super}, {"staff", p.staff}, {"chief", p.chief}, {"applicant", p.a}}
		type row struct {
			method, path string
			body         any
			want         map[string][]int
		}
		s := func(codes ...int) []int { return codes }
		deskOnly := func(staff, zjj, chief, super int) map[string][]int {
			return map[string][]int{"anonymous": s(401), "applicant B": s(403), "agent": s(403), "admin": s(403), "applicant": s(403),
				"staff": s(staff), "zjj staff": s(zjj), "chief": s(chief), "supervisor": s(super)}
		}
		cs := "/cases/" + done1.ID
		rows := []row{
			{"GET", "/cases", nil, deskOnly(200, 200, 200, 200)},
			{"GET", "/cases?view=closed", nil, deskOnly(200, 200, 200, 200)},
			{"POST", cs + "/accept", api.AcceptRequest{}, deskOnly(409, 404, 409, 403)},
			{"POST", cs + "/refuse", api.RefuseRequest{Reason: "不予受理"}, deskOnly(409, 404, 409, 403)},
			{"POST", cs + "/start", api.CaseStepRequest{}, deskOnly(409, 404, 409, 403)},
			{"POST", cs + "/pause", api.PauseRequest{Kind: "hearing", Note: "听证"}, deskOnly(409, 404, 409, 403)},
			{"POST", cs + "/resume", api.CaseStepRequest{}, deskOnly(409, 404, 409, 403)},
			{"POST", cs + "/complete", api.CompleteRequest{Outcome: "approved"}, deskOnly(409, 404, 409, 403)},
			{"POST", cs + "/evaluation", api.EvaluationRequest{Level: 3}, map[string][]int{"anonymous": s(401), "applicant": s(409),
				"applicant B": s(404), "agent": s(404), "staff": s(403), "zjj staff": s(403), "chief": s(403), "supervisor": s(403), "admin": s(403)}},
			{"POST", "/staff/cases/" + done1.ID + "/evaluation", api.EvaluationRequest{Level: 3}, deskOnly(409, 404, 409, 403)},
			{"GET", "/staff/cases/last-completed", nil, deskOnly(200, 404, 200, 403)},
			{"GET", "/rectifications", nil, deskOnly(200, 200, 200, 200)},
			{"POST", "/rectifications/" + rectA + "/callback", api.CallbackRequest{Note: "已回访"}, deskOnly(200, 404, 200, 200)},
			{"POST", "/rectifications/" + rectB + "/close", api.CloseRectificationRequest{Measures: "整改"}, deskOnly(403, 403, 409, 409)},
			{"POST", "/tickets", complaint, map[string][]int{"anonymous": s(401), "applicant": s(201), "applicant B": s(201), "agent": s(201),
				"staff": s(403), "zjj staff": s(403), "chief": s(403), "supervisor": s(403), "admin": s(403)}},
			{"GET", "/tickets", nil, map[string][]int{"anonymous": s(401), "applicant": s(200), "applicant B": s(200), "agent": s(200),
				"staff": s(200), "zjj staff": s(200), "chief": s(200), "supervisor": s(200), "admin": s(403)}},
			// Staff see their department's tickets (cases-spec), or the code hides complaints from them.
			{"GET", "/tickets/" + tk.ID, nil, map[string][]int{"anonymous": s(401), "applicant": s(200), "applicant B": s(404), "agent": s(404),
				"staff": s(200, 404), "zjj staff": s(404), "chief": s(200), "supervisor": s(200), "admin": s(403)}},
			// Complaints: the chief of the department or a supervisor (the unowned case is checked below).
			{"POST", "/tickets/" + tk.ID + "/claim", nil, map[string][]int{"anonymous": s(401), "applicant": s(403), "applicant B": s(403),
				"agent": s(403), "staff": s(403, 404), "zjj staff": s(403, 404), "chief": s(200), "supervisor": s(409), "admin": s(403)}},
			{"POST", "/tickets/" + tk.ID + "/messages", api.MessageRequest{Body: "请尽快处理"}, map[string][]int{"anonymous": s(401),
				"applicant": s(200), "applicant B": s(404), "agent": s(404), "staff": s(403, 404), "zjj staff": s(404), "chief": s(200),
				"supervisor": s(403), "admin": s(403)}},
			// The applicant comes after the owner closed it: 409 (or 403 if only owners close, as cases-spec says).
			{"POST", "/tickets/" + tk2.ID + "/close", nil, map[string][]int{"anonymous": s(401), "applicant": s(403, 409), "applicant B": s(404),
				"agent": s(404), "staff": s(403, 404), "zjj staff": s(404), "chief": s(200), "supervisor": s(403), "admin": s(403)}},
		}
		for _, rw := range rows {
			for _, w := range roles {
				want, ok := rw.want[w.name]
				if !ok {
					t.Fatalf("row %s %s lacks %s", rw.method, rw.path, w.name)
				}
				var h map[string]string
				if w.tok != "" {
					h = bearer(w.tok)
				}
				r := e.do(rw.method, rw.path, rw.body, h)
				if !slices.Contains(want, r.status) {
					t.Errorf("%s %s as %s: %d %s, want %v", rw.method, rw.path, w.name, r.status, r.body, want)
				}
			}
		}
		if after := e.snap(t, p.a, done1.ID); after != before1 {
			t.Errorf("the table changed the completed case: %+v → %+v", before1, after)
		}

		// A live case: the zjj window, a supervisor, applicant B and the agent change nothing.
		live := e.passedApp(t, p.a, p.staff, "SCJGJ-005")
		live = e.caseOK(t, p.staff, live.ID, "accept", api.AcceptRequest{Version: live.Version})
		live = e.caseOK(t, p.staff, live.ID, "start", api.CaseStepRequest{Version: live.Version})
		waiting := e.passedApp(t, p.a, p.staff, "SCJGJ-005")
		tries := []struct {
			id, step string
			body     any
		}{
			{waiting.ID, "accept", api.AcceptRequest{Version: waiting.Version}},
			{waiting.ID, "accept", api.AcceptRequest{Version: waiting.Version, CompleteNow: true}},
			{waiting.ID, "refuse", api.RefuseRequest{Version: waiting.Version, Reason: "不予受理"}},
			{live.ID, "pause", api.PauseRequest{Version: live.Version, Kind: "site_survey", Note: "现场勘查"}},
			{live.ID, "complete", api.CompleteRequest{Version: live.Version, Outcome: "approved"}},
			{live.ID, "complete", api.CompleteRequest{Version: live.Version, Outcome: "denied", Reason: "不符合条件"}},
		}
		for _, x := range []struct {
			name, tok string
			want      int
		}{{"zjj staff", p.zjj, 404}, {"supervisor", p.super, 403}, {"applicant B", b, 403}, {"agent", p.agent, 403}, {"applicant", p.a, 403}} {
			for _, try := range tries {
				before := e.snap(t, p.a, try.id)
				r := e.caseCall(x.tok, try.id, try.step, try.body)
				if r.status != x.want {
					t.Errorf("%s %s: %d %s, want %d", x.name, try.step, r.status, r.body, x.want)
				}
				if after := e.snap(t, p.a, try.id); after != before {
					t.Errorf("%s %s changed the case: %+v → %+v", x.name, try.step, before, after)
				}
			}
		}
		// zjj lets only its chief accept: its own staff pass in pre-review but cannot accept.
		zapp := e.passedApp(t, p.a, p.zjj, "ZJJ-001")
		zbefore := e.snap(t, p.a, zapp.ID)
		wantStatus(t, "zjj staff accept", e.caseCall(p.zjj, zapp.ID, "accept", api.AcceptRequest{Version: zapp.Version}), 403, "forbidden")
		wantStatus(t, "zjj staff refuse", e.caseCall(p.zjj, zapp.ID, "refuse", api.RefuseRequest{Version: zapp.Version, Reason: "x"}), 403, "forbidden")
		wantStatus(t, "scjgj chief accepts a zjj case", e.caseCall(p.chief, zapp.ID, "accept", api.AcceptRequest{Version: zapp.Version}), 404, "not_found")
		if after := e.snap(t, p.a, zapp.ID); after != zbefore {
			t.Errorf("refused acceptances changed the zjj application: %+v → %+v", zbefore, after)
		}
		if l := e.caseList(t, p.zjj, "todo"); listed(l, zapp.ID) == nil {
			t.Errorf("zjj todo list lacks its passed application")
		}

		// Reading: the owner and the window; supervisors all; others nothing.
		for _, path := range []string{"/applications/" + live.ID, "/applications/" + live.ID + "/events", "/applications/" + live.ID + "/notices"} {
			wantStatus(t, "B reads "+path, e.do("GET", path, nil, bearer(b)), 404, "not_found")
			wantStatus(t, "zjj reads "+path, e.do("GET", path, nil, bearer(p.zjj)), 404, "not_found")
			wantStatus(t, "agent reads "+path, e.do("GET", path, nil, bearer(p.agent)), 404, "not_found")
			if r := e.do("GET", path, nil, bearer(p.super)); r.status != 200 {
				t.Errorf("supervisor reads %s: %d", path, r.status)
			}
		}
		if l := e.caseList(t, p.super, "running"); listed(l, live.ID) == nil {
			t.Errorf("supervisor's running list lacks the live case")
		}
		if l := e.caseList(t, p.super, "todo"); listed(l, waiting.ID) == nil {
			t.Errorf("supervisor's todo list lacks the waiting application")
		}
		for _, view := range []string{"todo", "running", "warnings", "closed"} {
			for _, x := range e.caseList(t, p.zjj, view).Cases {
				if x.DepartmentCode != "zjj" {
					t.Errorf("zjj staff's %s list shows %s case %s", view, x.DepartmentCode, x.ID)
				}
			}
		}
		wantStatus(t, "bad view", e.do("GET", "/cases?view=bogus", nil, bearer(p.chief)), 422, "invalid")
		// B reaches neither A's ticket nor A's case.
		wantStatus(t, "B reads A's ticket", e.do("GET", "/tickets/"+tk.ID, nil, bearer(b)), 404, "not_found")
		wantStatus(t, "B rates A's case", e.do("POST", "/cases/"+done1.ID+"/evaluation", api.EvaluationRequest{Level: 1}, bearer(b)), 404, "not_found")
		var bl api.TicketList
		e.do("GET", "/tickets", nil, bearer(b)).decode(t, &bl)
		for _, x := range bl.Tickets {
			if x.ID == tk.ID || x.ID == tk2.ID {
				t.Errorf("B's ticket list shows A's ticket %s", x.ID)
			}
		}
		// Staff of scjgj claim consultations, not complaints.
		fresh := openTicket(p.a, complaint)
		// Complaints go to the chief and supervisors; staff do not even see them.
		wantStatus(t, "staff claims a complaint", e.do("POST", "/tickets/"+fresh.ID+"/claim", nil, bearer(p.staff)), 404, "not_found")
		if r := e.do("POST", "/tickets/"+fresh.ID+"/claim", nil, bearer(p.zjj)); r.status != 403 && r.status != 404 {
			t.Errorf("zjj staff claims a scjgj complaint: %d %s", r.status, r.body)
		}
		consult := openTicket(p.a, api.TicketRequest{Kind: "consultation", Subject: "需要带什么材料", Body: "补领营业执照要带什么？", DepartmentCode: "scjgj"})
		if r := e.do("POST", "/tickets/"+consult.ID+"/claim", nil, bearer(p.zjj)); r.status != 403 && r.status != 404 {
			t.Errorf("zjj staff claims a scjgj consultation: %d %s", r.status, r.body)
		}
		if r := e.do("POST", "/tickets/"+consult.ID+"/claim", nil, bearer(p.staff)); r.status != 200 {
			t.Errorf("staff claims a consultation: %d %s", r.status, r.body)
		}
		var ft api.Ticket
		if r := e.do("GET", "/tickets/"+fresh.ID, nil, bearer(p.a)); r.status == 200 {
			r.decode(t, &ft)
			if ft.Owner != "" || ft.Status != "open" {
				t.Errorf("refused claims changed the complaint: %+v", ft)
			}
		}
	})
}

// --- 6. tickets ----------------------------------------------------------------------------

// TestTickets: consultations and complaints, with the first claim owning the ticket
// (首问负责制) even when two people claim at the same instant; only the owner speaks for
// the centre; replies reach the applicant; a closed ticket takes no more messages.
func TestTickets(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		p := e.cast(t)
		b := e.newApplicant(t, "13900000041")
		open := func(tok string, req api.TicketRequest) reply {
			return e.do("POST", "/tickets", req, bearer(tok))
		}
		opened := func(tok string, req api.TicketRequest) api.Ticket {
			t.Helper()
			r := open(tok, req)
			if r.status != 201 {
				t.Fatalf("open %s: %d %s", req.Kind, r.status, r.body)
			}
			var tk api.Ticket
			r.decode(t, &tk)
			return tk
		}
		get := func(tok, id string) api.Ticket {
			t.Helper()
			r := e.do("GET", "/tickets/"+id, nil, bearer(tok))
			if r.status != 200 {
				t.Fatalf("GET ticket: %d %s", r.status, r.body)
			}
			var tk api.Ticket
			r.decode(t, &tk)
			return tk
		}
		step := func(tok, id, what string, body any) reply {
			return e.do("POST", "/tickets/"+id+"/"+what, body, bearer(tok))
		}

		mine := e.passedApp(t, p.a, p.staff, "SCJGJ-005")
		theirs := e.createApp(t, b, "SCJGJ-001")

		complaintReq := api.TicketRequest{Kind: "complaint", Subject: "窗口人员态度差", Body: "办理营业执照补领时被要求反复提交材料", DepartmentCode: "scjgj"}
		c := opened(p.a, complaintReq)
		if c.Status != "open" || c.Kind != "complaint" || c.DepartmentCode != "scjgj" || c.DepartmentName != "市场监督管理局" ||
			c.Owner != "" || len(c.Messages) != 1 || !c.Messages[0].FromApplicant || c.Messages[0].Body != complaintReq.Body {
			t.Errorf("new complaint %+v", c)
		}
		q := opened(p.a, api.TicketRequest{Kind: "consultation", Subject: "办理进度", Body: "我的补领申请什么时候能办好？", CaseNo: mine.CaseNo})
		if q.DepartmentCode != "scjgj" || q.CaseNo != mine.CaseNo {
			t.Errorf("consultation about a case: department %q case %q", q.DepartmentCode, q.CaseNo)
		}
		r := open(p.a, api.TicketRequest{Kind: "consultation", Subject: "x", Body: "y", CaseNo: theirs.CaseNo})
		wantStatus(t, "someone else's case_no", r, 422, "invalid")
		if r.status == 422 && r.errBody(t).Fields["case_no"] == "" {
			t.Errorf("someone else's case_no: no message for case_no: %s", r.body)
		}
		r = open(p.a, api.TicketRequest{Kind: "consultation", Subject: "x", Body: "y", CaseNo: "20990101000000"})
		wantStatus(t, "unknown case_no", r, 422, "invalid")
		r = open(p.a, api.TicketRequest{Kind: "complaint", Subject: "x", Body: "y", DepartmentCode: "nope"})
		wantStatus(t, "unknown department", r, 422, "invalid")
		wantStatus(t, "unknown kind", open(p.a, api.TicketRequest{Kind: "praise", Subject: "x", Body: "y"}), 422, "invalid")
		// The department hears of a new ticket (cases-spec inbox kind ticket_new).
		if inboxOfKind(e.inbox(t, p.chief), "ticket_new") == nil {
			t.Errorf("the chief of scjgj got no ticket_new notification for a complaint about scjgj")
		}

		// Two desks claim at the same instant: one owns it.
		for round := 0; round < 10; round++ {
			tk := opened(p.a, complaintReq)
			toks := []string{p.chief, p.super}
			if round%2 == 1 {
				toks[0], toks[1] = toks[1], toks[0]
			}
			replies, win := e.duel(t, fmt.Sprintf("round %d", round), "/tickets/"+tk.ID+"/claim", []any{nil, nil}, toks, "ticket_owned")
			var owned api.Ticket
			replies[win].decode(t, &owned)
			if !owned.Mine || owned.Status != "claimed" || owned.ClaimedAt == nil {
				t.Errorf("round %d: winner's ticket %+v", round, owned)
			}
			if r := step(toks[win], tk.ID, "claim", nil); r.status != 200 {
				t.Errorf("round %d: the owner claims again: %d %s", round, r.status, r.body)
			}
			wantStatus(t, "the loser claims again", step(toks[1-win], tk.ID, "claim", nil), 409, "ticket_owned")
		}

		// The complaint: the chief owns it and answers; nobody else speaks for the centre.
		got := get(p.chief, c.ID)
		if got.Applicant == "" || strings.Contains(got.Applicant, "13800000001") || !strings.Contains(got.Applicant, "138****0001") {
			t.Errorf("the chief sees the applicant as %q", got.Applicant)
		}
		if r := step(p.chief, c.ID, "claim", nil); r.status != 200 {
			t.Fatalf("chief claims: %d %s", r.status, r.body)
		}
		// cases-spec: GET /tickets?status=open|mine|all.
		filtered := func(tok, status string) []api.Ticket {
			t.Helper()
			r := e.do("GET", "/tickets?status="+status, nil, bearer(tok))
			if r.status != 200 {
				t.Fatalf("GET /tickets?status=%s: %d %s", status, r.status, r.body)
			}
			var l api.TicketList
			r.decode(t, &l)
			return l.Tickets
		}
		if l := filtered(p.chief, "mine"); len(l) == 0 {
			t.Errorf("the chief's tickets?status=mine is empty after claiming the complaint")
		} else {
			for _, x := range l {
				if !x.Mine {
					t.Errorf("tickets?status=mine lists %s (%s) owned by %q", x.ID, x.Status, x.Owner)
					break
				}
			}
		}
		for _, x := range filtered(p.super, "open") {
			if x.Status != "open" {
				t.Errorf("tickets?status=open lists %s, which is %s", x.ID, x.Status)
				break
			}
		}
		if l := filtered(p.super, "all"); len(l) < 12 {
			t.Errorf("tickets?status=all lists %d tickets, want all 12", len(l))
		}
		wantStatus(t, "supervisor claims the chief's complaint", step(p.super, c.ID, "claim", nil), 409, "ticket_owned")
		wantStatus(t, "supervisor replies to the chief's complaint", step(p.super, c.ID, "messages", api.MessageRequest{Body: "我来回复"}), 403, "forbidden")
		wantStatus(t, "empty reply", step(p.chief, c.ID, "messages", api.MessageRequest{Body: ""}), 422, "invalid")
		r = step(p.chief, c.ID, "messages", api.MessageRequest{Body: "您好，已核实情况，对工作人员进行了批评教育。"})
		if r.status != 200 {
			t.Fatalf("owner replies: %d %s", r.status, r.body)
		}
		var ans api.Ticket
		r.decode(t, &ans)
		if ans.Status != "answered" || ans.ResponseMinutes == nil || *ans.ResponseMinutes < 0 || ans.FirstReplyAt == nil || ans.Owner != "王首席" {
			t.Errorf("answered complaint %+v", ans)
		}
		if n := inboxOfKind(e.inbox(t, p.a), "ticket_reply"); n == nil || n.Params["subject"] != complaintReq.Subject {
			t.Errorf("applicant's ticket_reply notification %+v", n)
		}
		seen := get(p.a, c.ID)
		if len(seen.Messages) != 2 || seen.Messages[1].FromApplicant || !strings.Contains(seen.Messages[1].Body, "批评教育") ||
			seen.Messages[1].Author != "王首席" || seen.Owner != "王首席" || seen.Applicant != "" {
			t.Errorf("the applicant's view %+v", seen)
		}
		r = step(p.a, c.ID, "messages", api.MessageRequest{Body: "谢谢，但希望以后改进。"})
		var fu api.Ticket
		if r.status != 200 {
			t.Fatalf("follow-up: %d %s", r.status, r.body)
		}
		r.decode(t, &fu)
		if fu.Status != "claimed" || len(fu.Messages) != 3 {
			t.Errorf("after the follow-up %s, %d messages", fu.Status, len(fu.Messages))
		}
		if r := step(p.chief, c.ID, "messages", api.MessageRequest{Body: "好的，感谢监督。"}); r.status != 200 {
			t.Errorf("second reply: %d", r.status)
		} else {
			var again api.Ticket
			r.decode(t, &again)
			if again.Status != "answered" || again.FirstReplyAt == nil || !again.FirstReplyAt.Equal(*ans.FirstReplyAt) {
				t.Errorf("second reply moved the first reply time: %+v", again)
			}
		}
		wantStatus(t, "supervisor closes the chief's complaint", step(p.super, c.ID, "close", nil), 403, "forbidden")
		r = step(p.chief, c.ID, "close", nil)
		var closed api.Ticket
		if r.status != 200 {
			t.Fatalf("owner closes: %d %s", r.status, r.body)
		}
		r.decode(t, &closed)
		if closed.Status != "closed" || closed.ClosedAt == nil {
			t.Errorf("closed ticket %+v", closed)
		}
		wantStatus(t, "applicant writes to a closed ticket", step(p.a, c.ID, "messages", api.MessageRequest{Body: "还有问题"}), 409, "invalid_state")
		wantStatus(t, "owner writes to a closed ticket", step(p.chief, c.ID, "messages", api.MessageRequest{Body: "补充"}), 409, "invalid_state")
		wantStatus(t, "close twice", step(p.chief, c.ID, "close", nil), 409, "invalid_state")

		// The consultation: window staff may take it.
		if r := step(p.staff, q.ID, "claim", nil); r.status != 200 {
			t.Fatalf("staff claims a consultation: %d %s", r.status, r.body)
		}
		wantStatus(t, "chief claims the staff's consultation", step(p.chief, q.ID, "claim", nil), 409, "ticket_owned")
		r = step(p.staff, q.ID, "messages", api.MessageRequest{Body: "即办件，材料齐全当场办结。"})
		var qa api.Ticket
		if r.status != 200 {
			t.Fatalf("staff answers: %d %s", r.status, r.body)
		}
		r.decode(t, &qa)
		if qa.Status != "answered" || qa.Owner != "李窗口" {
			t.Errorf("answered consultation %+v", qa)
		}

		// Lists.
		list := func(tok string) []string {
			t.Helper()
			r := e.do("GET", "/tickets", nil, bearer(tok))
			if r.status != 200 {
				t.Fatalf("GET /tickets: %d %s", r.status, r.body)
			}
			var l api.TicketList
			r.decode(t, &l)
			var ids []string
			for _, x := range l.Tickets {
				ids = append(ids, x.ID)
				if len(x.Messages) != 0 {
					t.Errorf("ticket list carries messages")
				}
			}
			return ids
		}
		if ids := list(p.a); !slices.Contains(ids, c.ID) || !slices.Contains(ids, q.ID) {
			t.Errorf("the applicant's list lacks their tickets")
		}
		if ids := list(b); len(ids) != 0 {
			t.Errorf("B's list shows %v", ids)
		}
		if ids := list(p.super); !slices.Contains(ids, c.ID) || !slices.Contains(ids, q.ID) {
			t.Errorf("the supervisor's list lacks tickets")
		}
		if ids := list(p.chief); !slices.Contains(ids, c.ID) || !slices.Contains(ids, q.ID) {
			t.Errorf("the chief's list lacks the department's tickets")
		}
		if ids := list(p.staff); !slices.Contains(ids, q.ID) {
			t.Errorf("the staff's list lacks their consultation")
		}
		if ids := list(p.zjj); slices.Contains(ids, c.ID) || slices.Contains(ids, q.ID) {
			t.Errorf("zjj staff's list shows scjgj tickets")
		}
		wantStatus(t, "B reads A's complaint", e.do("GET", "/tickets/"+c.ID, nil, bearer(b)), 404, "not_found")
		wantStatus(t, "B writes to A's complaint", step(b, c.ID, "messages", api.MessageRequest{Body: "x"}), 404, "not_found")
	})
}

// --- 7. append-only history ----------------------------------------------------------------

// TestAppendOnlyHistory: the database itself refuses to update or delete the history of
// applications and the audit log, on both engines; and no server code tries.
func TestAppendOnlyHistory(t *testing.T) {
	for _, d := range storetest.Dialects {
		t.Run(d, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			dir := t.TempDir()
			url, driver, dsn := "", "sqlite", "file:"+filepath.Join(dir, "portal.db")+"?_pragma=busy_timeout(10000)"
			if d == store.Postgres {
				url = storetest.CreateDatabase(t)
				driver, dsn = "pgx", url
			}
			db, err := store.Open(ctx, url, dir)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { db.Close() })
			if err := db.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			if _, err := demo.Seed(ctx, db); err != nil {
				t.Fatal(err)
			}
			u, err := db.UserByLogin(ctx, "13800000001")
			if err != nil {
				t.Fatal(err)
			}
			app := portal.Application{UserID: u.ID, ItemCode: "SCJGJ-001", SiteCode: "county", DepartmentCode: "scjgj"}
			if err := db.CreateApplication(ctx, &app, "2026-09-30", "applicant"); err != nil {
				t.Fatal(err)
			}
			if err := db.Audit(ctx, u.ID, "download", "application:"+app.ID, "x"); err != nil {
				t.Fatal(err)
			}

			raw, err := sql.Open(driver, dsn)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { raw.Close() })
			count := func(table string) int {
				var n int
				if err := raw.QueryRowContext(ctx, "SELECT COUNT(*) FROM "+table).Scan(&n); err != nil {
					t.Fatal(err)
				}
				return n
			}
			nEvents, nAudit := count("application_events"), count("audit_log")
			if nEvents == 0 || nAudit == 0 {
				t.Fatalf("nothing to tamper with: %d events, %d audit entries", nEvents, nAudit)
			}
			for _, stmt := range []string{
				"UPDATE application_events SET note = 'forged'",
				"UPDATE application_events SET actor_id = 'someone-else' WHERE application_id = '" + app.ID + "'",
				"DELETE FROM application_events",
				"DELETE FROM application_events WHERE application_id = '" + app.ID + "'",
				"UPDATE audit_log SET detail = 'forged'",
				"DELETE FROM audit_log",
			} {
				_, err := raw.ExecContext(ctx, stmt)
				if err == nil {
					t.Errorf("%s: %s succeeded", d, stmt)
				} else if !strings.Contains(err.Error(), "append-only") {
					t.Logf("%s: %s refused: %v", d, stmt, err)
				}
			}
			if n := count("application_events"); n != nEvents {
				t.Errorf("application_events: %d rows, were %d", n, nEvents)
			}
			if n := count("audit_log"); n != nAudit {
				t.Errorf("audit_log: %d rows, were %d", n, nAudit)
			}
			var forged int
			raw.QueryRowContext(ctx, "SELECT COUNT(*) FROM application_events WHERE note = 'forged' OR actor_id = 'someone-else'").Scan(&forged)
			if forged != 0 {
				t.Errorf("%d events were rewritten", forged)
			}
			// Appending still works.
			if err := db.Audit(ctx, u.ID, "download", "application:"+app.ID, "y"); err != nil {
				t.Errorf("append to audit_log: %v", err)
			}
			if evs, err := db.AppEvents(ctx, app.ID); err != nil || len(evs) == 0 {
				t.Errorf("events after the attempts: %d, %v", len(evs), err)
			}
		})
	}

	t.Run("source", func(t *testing.T) {
		forbidden := regexp.MustCompile(`(?i)\b(UPDATE\s+application_events|DELETE\s+FROM\s+application_events|UPDATE\s+audit_log|DELETE\s+FROM\s+audit_log|TRUNCATE\s+(TABLE\s+)?(application_events|audit_log))\b`)
		root := ".." // server/
		scanned := 0
		err := filepath.WalkDir(root, func(path string, de fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if de.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return nil
			}
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			scanned++
			if m := forbidden.Find(b); m != nil {
				t.Errorf("%s contains %q", path, m)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if scanned < 20 {
			t.Errorf("scanned only %d files under server/", scanned)
		}
	})
}

// TestMayDecide: an application tells window staff whether they may accept and decide it,
// as the server will judge: the chief always, staff where the department allows (scjgj in
// the demo, not zjj), nobody else.
func TestMayDecide(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *env) {
		lr, _ := e.login("13800000001", demo.Password)
		a := lr.AccessToken
		staff, _ := e.login("staff", demo.Password)
		chief, _ := e.login("chief", demo.Password)
		zjj := e.newStaff(t, "zjjwindow", "zjj", "county")
		scjgj, zjjApp := e.createApp(t, a, "SCJGJ-001"), e.createApp(t, a, "ZJJ-001")
		for _, tc := range []struct {
			who, tok, app string
			want          bool
		}{
			{"applicant", a, scjgj.ID, false},
			{"scjgj staff", staff.AccessToken, scjgj.ID, true},
			{"scjgj chief", chief.AccessToken, scjgj.ID, true},
			{"zjj staff", zjj, zjjApp.ID, false},
		} {
			if got := e.getApp(t, tc.tok, tc.app).MayDecide; got != tc.want {
				t.Errorf("%s: may_decide %v, want %v", tc.who, got, tc.want)
			}
		}
		// And the server agrees: zjj staff may not refuse (decide) their own department's case.
		wantStatus(t, "zjj staff refuses", e.do("POST", "/cases/"+zjjApp.ID+"/refuse", api.RefuseRequest{Reason: "x"}, bearer(zjj)), 403, "forbidden")
	})
}
