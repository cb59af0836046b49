package e2e

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"portal/app/api"
	"portal/app/i18n"
)

// The journeys of a case after pre-review: window staff accept, handle, pause, resume and
// complete it; the applicant follows it and rates it; a passer-by asks for its progress at
// the hall's screen.

const caseItem = prereviewItem // 公司设立登记 of 市场监督管理局: a promise item, 1 working day promised

func zhText(key string, args ...any) string { return i18n.T(i18n.ZH, key, args...) }

// passedCase starts an application as the demo applicant, uploads its required materials,
// submits it and has window staff pass it, all through the API. It returns the
// application and the applicant's token.
func passedCase(t *testing.T, srv *portalServer) (api.Application, string) {
	t.Helper()
	return passedCaseOf(t, srv, caseItem)
}

// passedCaseOf is passedCase for an item of the window's department.
func passedCaseOf(t *testing.T, srv *portalServer, item string) (api.Application, string) {
	t.Helper()
	token := srv.apiLogin(t, applicantLogin, demoPassword)
	var a api.Application
	if st := srv.apiCall(t, "POST", token, "/applications", nil, api.CreateApplicationRequest{ItemCode: item}, &a); st != 201 {
		t.Fatalf("creating the application: %d", st)
	}
	for i, m := range a.Materials {
		if !m.Required {
			continue
		}
		if containsFormat(m.Formats, "pdf") {
			srv.apiUpload(t, token, a.ID, m.MaterialID, fmt.Sprintf("m%d.pdf", i), "application/pdf", testPDF(m.Name, 0))
		} else {
			srv.apiUpload(t, token, a.ID, m.MaterialID, fmt.Sprintf("m%d.png", i), "image/png", testPNG(t))
		}
	}
	if st := srv.apiCall(t, "POST", token, "/applications/"+a.ID+"/submit", nil, nil, &a); st != 200 {
		t.Fatalf("submitting: %d", st)
	}
	staff := srv.apiLogin(t, staffLogin, demoPassword)
	srv.apiGet(t, staff, "/applications/"+a.ID, &a)
	req := api.DecisionRequest{Decision: "pass", Version: a.Version}
	for _, m := range a.Materials {
		if m.Status != "missing" {
			req.Materials = append(req.Materials, api.MaterialVerdict{MaterialID: m.MaterialID, Verdict: "ok"})
		}
	}
	if st := srv.apiCall(t, "POST", staff, "/review/applications/"+a.ID+"/decision", nil, req, nil); st != 200 {
		t.Fatalf("passing: %d", st)
	}
	srv.apiGet(t, token, "/applications/"+a.ID, &a)
	if a.Status != "passed" {
		t.Fatalf("the application is %q after the pass", a.Status)
	}
	return a, token
}

func containsFormat(formats []string, f string) bool {
	for _, x := range formats {
		if strings.EqualFold(x, f) {
			return true
		}
	}
	return false
}

// caseStep takes a step of a case as window staff through the API and returns the case.
func caseStep(t *testing.T, srv *portalServer, token, id, step string, body any) api.Application {
	t.Helper()
	var out api.Application
	if st := srv.apiCall(t, "POST", token, "/cases/"+id+"/"+step, nil, body, &out); st != 200 {
		t.Fatalf("case %s: %s answered %d", id, step, st)
	}
	return out
}

// dueWords is how the pages write a due date and the working days left.
func dueWords(c *api.CaseInfo) (date, left string) {
	d, _ := time.Parse(time.DateOnly, c.DueDate)
	date = d.Format(zhText("date.long_layout"))
	switch n := *c.DaysLeft; {
	case n < 0:
		left = zhText("case.overdue_days", -n)
	case n == 0:
		left = zhText("case.due_today")
	default:
		left = zhText("case.days_left", n)
	}
	return date, left
}

// optionalMaterial is the id of the application's optional material (the power of
// attorney), left without a file by passedCase.
func optionalMaterial(t *testing.T, a api.Application) string {
	t.Helper()
	for _, m := range a.Materials {
		if !m.Required {
			return m.MaterialID
		}
	}
	t.Fatalf("no optional material among %+v", a.Materials)
	return ""
}

// centreDay is the date n days from today at the centre.
func centreDay(n int) string {
	return time.Now().In(time.FixedZone("CST", 8*3600)).AddDate(0, 0, n).Format(time.DateOnly)
}

// signIn signs a person in through the sign-in page.
func (j *journey) signIn(login string) {
	j.t.Helper()
	j.open("/login")
	j.waitVisible("#login-form")
	j.typeInto("#login", login)
	j.typeInto("#password", demoPassword)
	j.click("#login-submit")
	j.waitPath("/home")
}

// TestCaseAcceptAndComplete: window staff find the passed case on their case desk, accept
// it and see its due date and working days left, start handling, pause the clock with a
// reason, resume it and complete the case as approved. The status words and the timeline
// follow each step; the applicant's application ends completed.
func TestCaseAcceptAndComplete(t *testing.T) {
	checkChromium(t)
	srv := startServer(t)
	a, token := passedCase(t, srv)
	s := newBrowser(t, "case-staff", srv, phone)

	s.signIn(staffLogin)
	s.waitVisible("#menu-cases")
	s.click("#menu-cases")
	s.waitPath("/cases")
	row := "#case-" + a.CaseNo
	s.waitVisible(row)
	s.waitText("#case-status-"+a.CaseNo, zhText("apply.status.passed"))
	s.waitText(row, a.ItemName)
	s.waitText(row, "138****0001")
	if eval[bool](s, `document.body.innerText.includes('13800000001')`) {
		t.Error("the case desk shows the applicant's whole phone number")
	}
	s.waitText("#view-todo[aria-current=page]", zhText("case.view.todo"))
	s.waitVisible("#count-yellow")
	s.waitVisible("#count-red")
	s.shot("desk-todo")
	s.axe("case desk (to accept)")

	s.clickTo("#open-case-"+a.CaseNo, "/cases/"+a.ID)
	s.waitText("#case-no", a.CaseNo)
	s.waitText("#case-status", zhText("apply.status.passed"))
	s.waitVisible("#accept-button")
	s.waitVisible("#refuse-button")
	s.waitText("#case-timeline", zhText("event.passed"))
	s.shot("case-passed")
	s.axe("case page (passed)")

	// 受理: the clock starts.
	s.click("#accept-button")
	s.waitText("#case-status", zhText("apply.status.accepted"))
	s.waitText("#case-messages-ok", a.CaseNo)
	var got api.Application
	srv.apiGet(t, token, "/applications/"+a.ID, &got)
	if got.Case == nil || got.Case.DaysLeft == nil {
		t.Fatalf("the accepted case has no clock: %+v", got.Case)
	}
	date, left := dueWords(got.Case)
	s.waitText("#case-due", date)
	s.waitText("#case-left", left)
	s.waitVisible("#case-warn")
	s.shot("accepted")
	s.axe("case page (accepted)")

	// 开始办理, then 暂停计时 for an expert review with the reason.
	s.click("#start-button")
	s.waitText("#case-status", zhText("apply.status.in_progress"))
	s.waitVisible("#pause-kind")
	eval[bool](s, `(() => { const el = document.getElementById('pause-kind'); el.value = 'expert_review';
		el.dispatchEvent(new Event('change', {bubbles: true})); return true; })()`)
	s.click("#pause-button")
	s.waitText("#pause-note-error", zhText("case.pause_note_required"))
	s.typeInto("#pause-note", "组织专家评审经营场所安全条件")
	s.click("#pause-button")
	s.waitText("#case-status", zhText("apply.status.paused"))
	s.waitText("#case-pauses", zhText("case.pause.expert_review"))
	s.waitText("#case-pauses", "组织专家评审经营场所安全条件")
	s.waitText("#case-left", zhText("apply.status.paused"))
	s.waitText("#case-timeline", zhText("case.pause.expert_review"))
	s.shot("paused")
	s.axe("case page (paused)")

	// 恢复计时, then 办结 (准予), asked once.
	s.click("#resume-button")
	s.waitText("#case-status", zhText("apply.status.in_progress"))
	s.waitVisible("#complete-button")
	s.click("#outcome-approved")
	s.click("#complete-button")
	s.waitVisible("#complete-yes")
	s.shot("complete-confirm")
	s.click("#complete-yes")
	s.waitText("#case-status", zhText("apply.status.completed"))
	s.waitText("#case-outcome", zhText("case.outcome.approved"))
	s.waitVisible("#case-completed-on")
	s.waitText("#case-timeline", zhText("event.completed_approved"))
	if eval[bool](s, `!!document.getElementById('complete-button') || !!document.getElementById('pause-button')`) {
		t.Error("a completed case still offers steps")
	}
	s.shot("completed")
	s.axe("case page (completed)")

	// The timeline lists the steps in the order they were taken, each with who took it.
	actions := eval[[]string](s, `[...document.querySelectorAll('#case-timeline li')].map(li => li.dataset.action)`)
	want := []string{"submitted", "passed", "accepted", "started", "paused", "resumed", "completed_approved"}
	if !subsequence(actions, want) {
		t.Errorf("the timeline reads %v, want %v in this order", actions, want)
	}
	s.waitText("#case-timeline .tl-completed_approved", "李窗口")

	// The closed list has it; the application is completed.
	s.clickTo("#to-cases", "/cases")
	s.click("#view-closed")
	s.waitFor("the closed view", `() => location.search === '?view=closed'`)
	s.waitText("#case-status-"+a.CaseNo, zhText("apply.status.completed"))
	s.shot("desk-closed")
	s.axe("case desk (closed)")
	srv.apiGet(t, token, "/applications/"+a.ID, &got)
	if got.Status != api.StatusCompleted || got.Case == nil || got.Case.Outcome != api.OutcomeApproved {
		t.Errorf("the application is %q with case %+v, want completed and approved", got.Status, got.Case)
	}
}

// subsequence reports whether want appears in list in order (other entries between).
func subsequence(list, want []string) bool {
	i := 0
	for _, x := range list {
		if i < len(want) && x == want[i] {
			i++
		}
	}
	return i == len(want)
}

// TestApplicantProgressAndEvaluation: once the window has accepted the case, the applicant
// sees on their phone where it is (the steps), the due date and the working days left; once
// it is completed they rate it 满意 with a comment and see the rating, and are not asked
// again (the API refuses a second rating).
func TestApplicantProgressAndEvaluation(t *testing.T) {
	checkChromium(t)
	srv := startServer(t)
	a, token := passedCase(t, srv)
	staff := srv.apiLogin(t, staffLogin, demoPassword)
	// Accepted with the power of attorney to follow (容缺受理).
	poa := optionalMaterial(t, a)
	acc := caseStep(t, srv, staff, a.ID, "accept", api.AcceptRequest{Version: a.Version, Pending: []string{poa}, PendingDue: centreDay(3)})
	if acc.Case == nil || acc.Case.DaysLeft == nil {
		t.Fatalf("the accepted case has no clock: %+v", acc.Case)
	}
	date, left := dueWords(acc.Case)

	p := newBrowser(t, "case-applicant", srv, phone)
	p.signIn(applicantLogin)
	p.open("/applications/" + a.ID)
	p.waitText("#app-status", zhText("apply.status.accepted"))
	p.waitVisible("#case-steps")
	p.waitText("#case-steps .step-current", zhText("case.step.handle"))
	if n := eval[int](p, `document.querySelectorAll('#case-steps .step-done').length`); n != 3 {
		t.Errorf("%d steps are shown done, want 3 (submitted, pre-review, accepted)", n)
	}
	p.waitText("#case-due", date)
	p.waitText("#case-left", left)
	p.waitText("#case-lead", a.DepartmentName)
	p.waitVisible("#withdraw-button")
	p.waitText("#pending-"+poa, zhText("case.pending_waiting"))
	p.waitVisible("#mat-pending-" + poa)
	p.shot("accepted")
	p.axe("application page (accepted)")

	// The acceptance notice: dated, with the due date and the way to the progress page.
	p.click("#case-notice-link")
	p.waitFor("the notice page", `() => location.pathname.startsWith('/notices/')`)
	p.waitText("#notice-doc-title", zhText("notice.kind.accepted"))
	p.waitText("#notice-due", date)
	p.waitText("#progress-url", "/progress?case="+a.CaseNo)
	p.shot("acceptance-notice")
	p.axe("acceptance notice")
	p.click("#back-to-app")
	p.waitPath("/applications/" + a.ID)

	// The material to follow goes up from the phone while the case runs.
	poaFile := writeFile(t, t.TempDir(), "授权委托书.pdf", testPDF("Power of attorney", 0))
	p.waitVisible("#file-" + poa)
	p.upload("#file-"+poa, poaFile)
	p.waitText("#mat-status-"+poa, zhText("mat.status.uploaded"))
	p.waitText("#pending-"+poa, zhText("case.pending_supplied"))
	if eval[bool](p, `!!document.getElementById('file-`+poa+`')`) {
		t.Error("a supplied material still offers an upload")
	}
	p.waitText("#history", zhText("event.pending_supplied"))
	p.shot("supplied")

	// The window completes it; the applicant is asked to rate it.
	srv.apiGet(t, staff, "/applications/"+a.ID, &acc)
	cur := caseStep(t, srv, staff, a.ID, "start", api.CaseStepRequest{Version: acc.Version})
	caseStep(t, srv, staff, a.ID, "complete", api.CompleteRequest{Version: cur.Version, Outcome: api.OutcomeApproved})
	p.open("/applications/" + a.ID)
	p.waitText("#app-status", zhText("apply.status.completed"))
	p.waitText("#case-lead", zhText("case.applicant_approved"))
	p.waitVisible("#eval-box")
	if eval[bool](p, `!!document.getElementById('withdraw-button')`) {
		t.Error("a completed case can still be withdrawn")
	}
	for _, lv := range []int{5, 4, 3, 2, 1} {
		p.waitText(fmt.Sprintf("label[for=eval-%d]", lv), zhText(fmt.Sprintf("eval.level.%d", lv)))
	}
	p.waitText("#eval-levels legend", zhText("eval.legend"))
	p.shot("rate")

	// The completion notice says the outcome in words.
	p.click("#case-notice-link")
	p.waitText("#notice-doc-title", zhText("notice.kind.completed"))
	p.waitText("#notice-outcome", zhText("case.outcome.approved"))
	if strings.Contains(p.text("#notice-doc"), "approved") {
		t.Error("the completion notice shows the outcome's code")
	}
	p.shot("completion-notice")
	p.click("#back-to-app")
	p.waitVisible("#eval-box")
	p.axe("application page (rating)")

	// Sending without a level says what is missing; then 满意 with a comment.
	p.click("#eval-submit")
	p.waitText("#eval-levels-error", zhText("eval.level_required"))
	p.click("label[for=eval-4]")
	p.waitFor("满意 to be chosen", `() => document.getElementById('eval-4').checked`)
	const comment = "窗口服务热情，办理很快。"
	p.typeInto("#eval-comment-input", comment)
	p.shot("rate-chosen")
	p.click("#eval-submit")
	p.waitText("#eval-given", zhText("eval.given", zhText("eval.level.4"), 4))
	p.waitText("#eval-given", comment)
	p.waitVisible("#eval-thanks")
	p.shot("rated")
	p.axe("application page (rated)")

	// Reloaded: the rating shown, no second form; the API refuses a second rating.
	p.open("/applications/" + a.ID)
	p.waitText("#eval-given", zhText("eval.level.4"))
	if eval[bool](p, `!!document.getElementById('eval-box')`) {
		t.Error("a rated case offers the rating again")
	}
	if st := srv.apiCall(t, "POST", token, "/cases/"+a.ID+"/evaluation", nil, api.EvaluationRequest{Level: 1}, nil); st != 409 {
		t.Errorf("a second rating answers %d, want 409", st)
	}
	var got api.Application
	srv.apiGet(t, token, "/applications/"+a.ID, &got)
	if got.Case == nil || got.Case.Evaluation == nil || got.Case.Evaluation.Level != 4 || got.Case.Evaluation.Comment != comment {
		t.Errorf("the stored rating is %+v", got.Case)
	}
}

// TestKioskProgressQuery: a passer-by at the hall's screen (no sign-in) types a case number
// and wrong last four digits and is told only that nothing was found; with the right digits
// the page shows the status, department, due date and the steps, and nothing personal;
// clearing it leaves an empty form for the next person. A notice's QR address looks the case
// up at once.
func TestKioskProgressQuery(t *testing.T) {
	checkChromium(t)
	srv := startServer(t)
	a, token := passedCase(t, srv)
	staff := srv.apiLogin(t, staffLogin, demoPassword)
	acc := caseStep(t, srv, staff, a.ID, "accept", api.AcceptRequest{Version: a.Version})
	date, _ := dueWords(acc.Case)

	k := newBrowser(t, "kiosk", srv, phone)
	k.open("/")
	k.clickTo("#home-progress", "/progress")
	k.waitVisible("#progress-form")
	if got := eval[string](k, `document.getElementById('progress-case').getAttribute('inputmode') + ' ' +
		document.getElementById('progress-last4').getAttribute('inputmode')`); got != "numeric numeric" {
		t.Errorf("the number fields' inputmode is %q, want numeric", got)
	}
	k.shot("empty")
	k.axe("progress page (empty)")

	// A malformed number is caught on the page, next to the field.
	k.typeInto("#progress-case", "2026")
	k.typeInto("#progress-last4", "9999")
	k.click("#progress-submit")
	k.waitText("#progress-case-error", zhText("progress.case_format"))

	// Wrong digits: not found, without saying which part was wrong.
	k.typeInto("#progress-case", a.CaseNo[4:])
	k.waitFor("the whole case number", `(v) => document.getElementById('progress-case').value === v`, a.CaseNo)
	k.click("#progress-submit")
	k.waitText("#progress-answer", zhText("progress.not_found"))
	k.waitText("#progress-missing", zhText("progress.not_found_lead"))
	k.shot("not-found")
	k.axe("progress page (not found)")

	// The right digits.
	k.typeInto("#progress-last4", "\b\b\b\b"+applicantLogin[7:])
	k.waitFor("the corrected digits", `(v) => document.getElementById('progress-last4').value === v`, applicantLogin[7:])
	k.click("#progress-submit")
	k.waitText("#progress-status", zhText("apply.status.accepted"))
	k.waitText("#progress-dept", a.DepartmentName)
	k.waitText("#progress-due", date)
	k.waitVisible("#progress-left")
	k.waitText("#progress-case-no", a.CaseNo)
	if n := eval[int](k, `document.querySelectorAll('#progress-steps .step-done').length`); n != 3 {
		t.Errorf("%d steps are shown done, want 3", n)
	}
	k.waitText("#progress-log", zhText("event.accepted"))
	text := eval[string](k, `document.body.innerText`)
	for _, private := range []string{"张明", applicantLogin, "138****0001"} {
		if strings.Contains(text, private) {
			t.Errorf("the public progress page shows %q", private)
		}
	}
	k.shot("found")
	k.axe("progress page (found)")

	// 重新查询: an empty form for the next person.
	k.click("#progress-clear")
	k.waitVisible("#progress-form")
	if got := k.value("#progress-case") + k.value("#progress-last4"); got != "" {
		t.Errorf("after clearing the form holds %q", got)
	}
	if eval[bool](k, `!!document.getElementById('progress-result') || location.search !== ''`) {
		t.Error("the answer stays after clearing")
	}
	k.shot("cleared")

	// The acceptance notice's QR address: the case at once, by the notice's code.
	var notices api.NoticeList
	srv.apiGet(t, token, "/applications/"+a.ID+"/notices", &notices)
	code := ""
	for _, n := range notices.Notices {
		if n.Kind == "accepted" {
			code = n.Code
		}
	}
	if code == "" {
		t.Fatalf("no acceptance notice among %+v", notices.Notices)
	}
	k.open("/progress?case=" + a.CaseNo + "&code=" + code)
	k.waitText("#progress-status", zhText("apply.status.accepted"))
	k.waitText("#progress-due", date)
	k.shot("by-code")
	k.open("/progress?case=" + a.CaseNo + "&code=AAAAA22222-BBBBB333")
	k.waitText("#progress-answer", zhText("progress.not_found"))

	// The hall's touch screen (portrait, no keyboard): the on-screen keys type the number,
	// then the digits.
	h := newBrowser(t, "kiosk-hall", srv, viewport{1080, 1920, false})
	h.open("/progress")
	h.waitVisible("#keypad")
	h.click("#progress-case")
	for _, d := range a.CaseNo + applicantLogin[7:] {
		h.click("#key-" + string(d))
	}
	h.waitFor("the keys to fill both fields", `(no, last4) => document.getElementById('progress-case').value === no &&
		document.getElementById('progress-last4').value === last4`, a.CaseNo, applicantLogin[7:])
	h.shot("keypad")
	h.axe("progress page (hall screen)")
	h.click("#progress-submit")
	h.waitText("#progress-status", zhText("apply.status.accepted"))
	h.shot("found")
}

// TestRatingDeviceAndRectification: the window's rating device shows the case the window
// just completed and the person at the counter taps 不满意; the bad review opens a
// rectification that window staff call back on and the supervisor closes. The supervisor's
// deadline warnings list a running case due soon, read only.
func TestRatingDeviceAndRectification(t *testing.T) {
	checkChromium(t)
	srv := startServer(t)
	a, token := passedCase(t, srv)
	running, _ := passedCase(t, srv)
	staff := srv.apiLogin(t, staffLogin, demoPassword)
	acc := caseStep(t, srv, staff, a.ID, "accept", api.AcceptRequest{Version: a.Version})
	cur := caseStep(t, srv, staff, a.ID, "start", api.CaseStepRequest{Version: acc.Version})
	caseStep(t, srv, staff, a.ID, "complete", api.CompleteRequest{Version: cur.Version, Outcome: api.OutcomeApproved})

	// Window staff accept the other case with the power of attorney to follow (容缺受理).
	s := newBrowser(t, "rate-device", srv, desk)
	s.signIn(staffLogin)
	poa := optionalMaterial(t, running)
	s.open("/cases/" + running.ID)
	s.waitVisible("#accept-pending")
	s.click("#accept-pending")
	s.waitVisible("#pending-" + poa)
	s.click("#accept-button")
	s.waitText("#pending-materials-error", zhText("case.pending_pick"))
	s.waitText("#pending-due-error", zhText("case.pending_due_required"))
	s.click("#pending-" + poa)
	eval[bool](s, `(() => { const el = document.getElementById('pending-due'); el.value = '`+centreDay(3)+`';
		el.dispatchEvent(new Event('input', {bubbles: true})); el.dispatchEvent(new Event('change', {bubbles: true})); return true; })()`)
	s.shot("accept-pending")
	s.axe("case page (容缺 acceptance)")
	s.click("#accept-button")
	s.waitText("#case-status", zhText("apply.status.accepted"))
	s.waitText("#case-pending", zhText("case.pending_waiting"))
	s.waitText("#case-timeline", zhText("event.accepted_pending"))
	s.waitVisible("#pending-blocks") // no approval before the material arrives
	var due api.Application
	srv.apiGet(t, staff, "/applications/"+running.ID, &due)
	if due.Case == nil || len(due.Case.Pending) != 1 || due.Case.PendingDue != centreDay(3) {
		t.Errorf("the case accepted with materials to follow is %+v", due.Case)
	}

	// The rating device at the counter.
	s.waitVisible("#menu-desk-rate")
	s.click("#menu-desk-rate")
	s.waitPath("/desk/rate")
	s.waitText("#rate-case", a.CaseNo)
	s.waitText("#rate-question", zhText("rate.question"))
	for _, lv := range []int{5, 4, 3, 2, 1} {
		s.waitText(fmt.Sprintf("#rate-%d", lv), zhText(fmt.Sprintf("eval.level.%d", lv)))
	}
	s.shot("asking")
	s.axe("rating device (asking)")
	s.click("#rate-2")
	s.waitText("#rate-thanks", zhText("rate.thanks"))
	s.shot("thanks")
	s.waitText("#rate-waiting", zhText("rate.waiting")) // back to waiting by itself
	s.shot("waiting")
	s.axe("rating device (waiting)")
	var got api.Application
	srv.apiGet(t, token, "/applications/"+a.ID, &got)
	if e := got.Case.Evaluation; e == nil || e.Level != 2 || e.Channel != "window" {
		t.Errorf("the rating stored is %+v, want level 2 from the window", e)
	}

	// The bad review waits for a call-back on the window's rectification list.
	var rects api.RectificationList
	srv.apiGet(t, staff, "/rectifications?status=open", &rects)
	if len(rects.Rectifications) != 1 || rects.Rectifications[0].CaseNo != a.CaseNo {
		t.Fatalf("the open rectifications are %+v", rects.Rectifications)
	}
	id := rects.Rectifications[0].ID
	s.click("#menu-rectifications")
	s.waitPath("/rectifications")
	s.waitText("#rect-"+id, a.CaseNo)
	s.waitText("#rect-"+id, zhText("eval.level.2"))
	s.waitText("#rect-open", "1")
	if eval[bool](s, `!!document.getElementById('rect-close-`+id+`')`) {
		t.Error("window staff are offered to close a rectification")
	}
	s.shot("rectification")
	s.axe("rectifications (window)")
	s.click("#rect-callback-button-" + id)
	s.waitText("#rect-note-"+id+"-error", zhText("rect.note_required"))
	const note = "已电话回访申请人，了解到等候时间较长，已致歉。"
	s.typeInto("#rect-note-"+id, note)
	s.click("#rect-callback-button-" + id)
	s.waitText("#rect-callback-"+id, note)
	s.waitText("#rect-messages-ok", a.CaseNo)
	s.shot("called-back")

	// The supervisor: the warnings across departments, read only, and the rectification closed.
	v := newBrowser(t, "supervisor-cases", srv, phone)
	v.signIn("supervisor")
	v.waitVisible("#menu-cases")
	v.click("#menu-cases")
	v.waitFor("the warnings view", `() => location.pathname === '/cases' && location.search === '?view=warnings'`)
	v.waitVisible("#cases-readonly")
	if due.Case != nil && due.Case.Warning != "" {
		v.waitVisible("#case-" + running.CaseNo)
		v.waitText("#warn-"+running.CaseNo, zhText("case.warn_"+due.Case.Warning))
		v.waitText("#case-"+running.CaseNo, a.DepartmentName)
	}
	v.shot("warnings")
	v.axe("case desk (supervisor)")
	v.open("/cases/" + running.ID)
	v.waitText("#case-no", running.CaseNo)
	v.waitVisible("#case-readonly")
	if eval[bool](v, `!!document.getElementById('case-actions')`) {
		t.Error("the supervisor is offered the window's steps")
	}
	v.shot("case-readonly")
	v.axe("case page (supervisor)")
	v.open("/rectifications")
	v.waitVisible("#rect-close-" + id)
	v.typeInto("#rect-measures-"+id, "窗口增设引导岗，高峰期开设延时服务。")
	v.click("#rect-close-" + id)
	v.waitText("#rect-status-"+id, zhText("rect.status.closed"))
	v.shot("rectification-closed")
	v.axe("rectifications (supervisor)")
	srv.apiGet(t, staff, "/rectifications?status=all", &rects)
	if len(rects.Rectifications) != 1 || rects.Rectifications[0].Status != "closed" || rects.Rectifications[0].CallbackNote != note {
		t.Errorf("the rectification is %+v", rects.Rectifications)
	}
}

// TestInstantCaseAndRefusal: an on-the-spot item (即办件) is accepted and completed in one
// step at the window; another case is not accepted (不予受理), with the reasons asked for
// once.
func TestInstantCaseAndRefusal(t *testing.T) {
	checkChromium(t)
	srv := startServer(t)
	instant, token := passedCaseOf(t, srv, "SCJGJ-002") // 个体工商户设立登记, done on the spot
	refused, _ := passedCase(t, srv)
	s := newBrowser(t, "case-instant", srv, phone)
	s.signIn(staffLogin)

	s.open("/cases/" + instant.ID)
	s.waitText("#case-handling", zhText("item.instant"))
	s.waitVisible("#accept-complete")
	s.shot("instant")
	s.click("#accept-complete")
	s.waitText("#case-status", zhText("apply.status.completed"))
	s.waitText("#case-outcome", zhText("case.outcome.approved"))
	s.waitText("#case-on-time", zhText("case.on_time"))
	s.waitText("#case-messages-ok", instant.CaseNo)
	s.shot("instant-done")
	s.axe("case page (on the spot)")
	var got api.Application
	srv.apiGet(t, token, "/applications/"+instant.ID, &got)
	if got.Status != api.StatusCompleted || got.Case == nil || got.Case.CompletedOn != got.Case.AcceptedOn {
		t.Errorf("the on-the-spot case is %q with %+v", got.Status, got.Case)
	}

	s.open("/cases/" + refused.ID)
	s.waitVisible("#refuse-button")
	if eval[bool](s, `!!document.getElementById('accept-complete')`) {
		t.Error("a promise item offers to complete on the spot")
	}
	s.click("#refuse-button")
	s.waitVisible("#refuse-yes")
	s.click("#refuse-yes")
	s.waitText("#refuse-reason-error", zhText("case.refuse_reason_required"))
	s.typeInto("#refuse-reason", "经营范围涉及前置许可，须先取得许可证。")
	s.shot("refusing")
	s.axe("case page (refusing)")
	s.click("#refuse-yes")
	s.waitText("#case-status", zhText("apply.status.not_accepted"))
	s.waitText("#case-timeline", zhText("event.not_accepted"))
	if eval[bool](s, `!!document.getElementById('case-actions')`) {
		t.Error("a case not accepted still offers steps")
	}
	s.shot("refused")
	srv.apiGet(t, token, "/applications/"+refused.ID, &got)
	if got.Status != "not_accepted" {
		t.Errorf("the refused case is %q", got.Status)
	}
}
