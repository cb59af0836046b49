package e2e

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math/rand/v2"
	"mime/multipart"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"portal/app/api"
	"portal/app/i18n"
)

const prereviewItem = "SCJGJ-001" // 公司设立登记: online pre-review, a PDF-only form and PDF/JPG/PNG documents

// TestPreReviewTwoBrowsers: an applicant on a phone and window staff at their desk, each in
// a browser of their own, on one server. The applicant starts online pre-review from the
// guide (signing in on the way), uploads a PDF and a photo with visible progress, then the
// rest, and submits. Staff open the queue, view materials inline, find one deficient and
// send one correction notice. The applicant reads it, opens the printable notice, replaces
// the file (a first try while offline fails without losing anything) and resubmits; staff
// pass it; the applicant opens the pass notice and its verification page says it is
// genuine, while a forged code is not.
func TestPreReviewTwoBrowsers(t *testing.T) {
	zh := func(key string, args ...any) string { return i18n.T(i18n.ZH, key, args...) }
	checkChromium(t)
	srv := startServer(t)
	a := newBrowser(t, "prereview-applicant", srv, phone)
	s := newBrowser(t, "prereview-staff", srv, desk)
	files := t.TempDir()

	// The files a person would have on their phone: a scanned form of about 3 MB (large
	// enough to watch it go up), a few small PDFs, and a photo of an identity card.
	bigPDF := writeFile(t, files, "公司登记申请书.pdf", testPDF("Company registration form", 3<<20))
	articles := writeFile(t, files, "公司章程.pdf", testPDF("Articles of association", 0))
	articlesSigned := writeFile(t, files, "公司章程-已签字.pdf", testPDF("Articles of association, signed by every shareholder", 0))
	appointments := writeFile(t, files, "任职文件.pdf", testPDF("Appointment of officers", 0))
	premises := writeFile(t, files, "租赁合同.pdf", testPDF("Lease of the premises", 0))
	idPhoto := writeFile(t, files, "身份证.png", testPNG(t))

	// The guide offers online pre-review; someone not signed in goes through the sign-in
	// page and comes back to it.
	a.open("/items/" + prereviewItem)
	a.waitText("#apply-online", zh("guide.apply_online"))
	a.shot("guide")
	a.click("#apply-online")
	a.waitPath("/login")
	if next := eval[string](a, `new URLSearchParams(location.search).get('next') || ''`); next != "/items/"+prereviewItem+"?apply=1" {
		t.Errorf("the sign-in page comes back to %q", next)
	}
	a.waitVisible("#login-form")
	a.typeInto("#login", applicantLogin)
	a.typeInto("#password", demoPassword)
	a.click("#login-submit")
	a.waitFor("the new application", `() => location.pathname.startsWith('/applications/')`)
	appPath := eval[string](a, `location.pathname`)
	appID := strings.TrimPrefix(appPath, "/applications/")
	a.waitVisible("#case-no")
	a.waitText("#app-status", zh("apply.status.draft"))
	a.waitText("#app-steps .step-current", zh("apply.step_fill"))
	caseNo := strings.TrimSpace(a.text("#case-no"))
	if caseNo == "" {
		t.Fatal("the application shows no case number")
	}

	// Back to the guide: it does not start another application by itself, and pressing
	// 网上预审 again opens the same draft.
	eval[chromedp.Void](a, `history.back()`)
	a.waitPath("/items/" + prereviewItem)
	if q := eval[string](a, `location.search`); strings.Contains(q, "apply") {
		t.Errorf("the guide's address still asks to apply: %s", q)
	}
	time.Sleep(500 * time.Millisecond)
	a.waitPath("/items/" + prereviewItem)
	a.click("#apply-online")
	a.waitPath(appPath)
	a.waitText("#case-no", caseNo)

	token := srv.apiLogin(t, applicantLogin, demoPassword)
	var mine api.ApplicationList
	srv.apiGet(t, token, "/applications", &mine)
	if len(mine.Applications) != 1 {
		t.Errorf("the applicant has %d applications after starting one and coming back, want 1", len(mine.Applications))
	}
	var app api.Application
	srv.apiGet(t, token, "/applications/"+appID, &app)
	if app.Status != "draft" || len(app.Materials) < 5 {
		t.Fatalf("the application is %q with %d materials", app.Status, len(app.Materials))
	}
	mids := map[string]string{} // role in this journey → material id
	for _, m := range app.Materials {
		switch {
		case strings.Contains(m.Name, "申请书"):
			mids["form"] = m.MaterialID
		case m.Name == "公司章程":
			mids["articles"] = m.MaterialID
		case m.TypeCode == "id_card":
			mids["id"] = m.MaterialID
		case strings.Contains(m.Name, "任职"):
			mids["officers"] = m.MaterialID
		case m.TypeCode == "premises_proof":
			mids["premises"] = m.MaterialID
		}
	}
	for _, k := range []string{"form", "articles", "id", "officers", "premises"} {
		if mids[k] == "" {
			t.Fatalf("no %s material among %+v", k, app.Materials)
		}
	}
	form, articlesID, idCard := mids["form"], mids["articles"], mids["id"]

	// The checklist: each material with its formats and size; a photo only where images
	// are accepted; nothing to submit yet.
	a.waitText("#mat-rules-"+form, "PDF")
	if got := eval[string](a, `document.getElementById('file-`+form+`').accept`); got != ".pdf,application/pdf" {
		t.Errorf("the PDF-only material's file input accepts %q", got)
	}
	if eval[bool](a, `!!document.getElementById('photo-`+form+`')`) {
		t.Error("the PDF-only material offers a photo")
	}
	if got := eval[string](a, `(() => { const el = document.getElementById('photo-`+idCard+`');
		return el ? el.accept + ' ' + el.getAttribute('capture') : ''; })()`); got != "image/* environment" {
		t.Errorf("the identity card's camera input is %q, want accept image/* with the back camera", got)
	}
	a.waitText("#mat-status-"+form, zh("mat.status.missing"))
	if !eval[bool](a, `document.getElementById('submit-app').disabled`) {
		t.Error("submitting is possible with no materials")
	}
	a.shot("checklist")
	a.axe("application page (draft)")

	// The big PDF on a slow connection: the bar moves, and is seen at 100%.
	watchProgress(a)
	a.network(false, 1<<20)
	a.upload("#file-"+form, bigPDF)
	a.waitFor("the upload to be under way", `(id) => { const p = document.getElementById('progress-' + id);
		return !!p && p.value >= 25 && p.value < 100; }`, form)
	a.shot("uploading")
	// The end: the bar at 100% while the server checks the file (a render that a fast
	// check may fold into the next one), then the uploaded state.
	a.waitText("#mat-status-"+form, zh("mat.status.uploaded"))
	a.network(false, 0)
	t.Logf("the big PDF's progress bar was seen at up to %v%%", eval[float64](a, `window.__maxProgress['progress-`+form+`'] || 0`))
	a.waitText("#mat-file-"+form, "公司登记申请书.pdf")
	if eval[bool](a, `!!document.getElementById('progress-`+form+`')`) {
		t.Error("the progress bar stays after the upload")
	}

	// A photo of the identity card through the camera input.
	a.upload("#photo-"+idCard, idPhoto)
	a.waitText("#mat-status-"+idCard, zh("mat.status.uploaded"))
	a.waitText("#mat-file-"+idCard, "身份证.png")
	if eval[float64](a, `window.__maxProgress['progress-`+idCard+`'] === undefined ? -1 : 0`) < 0 {
		t.Error("the photo went up without a progress bar")
	}

	// A file whose content is not what its name says is refused after the upload, in
	// words, with a retry; the optional power of attorney stays without a file.
	fakePDF := writeFile(t, files, "授权委托书.pdf", testPNG(t))
	poa := ""
	for _, m := range app.Materials {
		if !m.Required {
			poa = m.MaterialID
		}
	}
	a.upload("#file-"+poa, fakePDF)
	a.waitText("#upload-error-"+poa, zh("field.upload_content_mismatch"))
	a.waitVisible("#retry-" + poa)
	a.waitText("#mat-status-"+poa, zh("mat.status.missing"))
	a.shot("refused-file")

	// The rest of the required materials, then submit.
	a.upload("#file-"+articlesID, articles)
	a.waitText("#mat-status-"+articlesID, zh("mat.status.uploaded"))
	a.upload("#file-"+mids["officers"], appointments)
	a.waitText("#mat-status-"+mids["officers"], zh("mat.status.uploaded"))
	a.upload("#file-"+mids["premises"], premises)
	a.waitText("#mat-status-"+mids["premises"], zh("mat.status.uploaded"))
	a.waitFor("submitting to be possible", `() => !document.getElementById('submit-app').disabled`)
	a.shot("all-uploaded")
	a.click("#submit-app")
	a.waitText("#app-status", zh("apply.status.pre_review"))
	a.waitText("#app-steps .step-current", zh("apply.step_review"))
	a.waitVisible("#withdraw-button")
	a.shot("submitted")

	// Window staff, in their own browser: the desk and the side menu lead to the queue.
	s.open("/login")
	s.waitVisible("#login-form")
	s.typeInto("#login", staffLogin)
	s.typeInto("#password", demoPassword)
	s.click("#login-submit")
	s.waitPath("/home")
	s.waitText("#review-link", "1")
	s.waitVisible("#menu-review")
	s.click("#menu-review")
	s.waitPath("/review")
	row := "#queue-" + caseNo
	s.waitVisible(row)
	s.waitText(row, "138****0001")
	s.waitText(row, app.ItemName)
	if eval[bool](s, `document.body.innerText.includes('13800000001')`) {
		t.Error("the queue shows an applicant's whole phone number")
	}
	s.shot("queue")
	s.axe("review queue")

	// Every material viewed inline: the PDF in a frame, the photo as an image.
	s.click("#open-" + caseNo)
	s.waitPath("/review/" + appID)
	s.waitText("#review-case-no", caseNo)
	s.click("#view-" + form)
	s.waitVisible("#frame-" + form)
	if title := eval[string](s, `document.getElementById('frame-`+form+`').title`); !strings.Contains(title, "公司登记申请书.pdf") {
		t.Errorf("the PDF frame's title is %q", title)
	}
	frameSrc := eval[string](s, `document.getElementById('frame-`+form+`').src`)
	s.click("#view-" + idCard)
	s.waitFor("the identity card photo to show", `(id) => { const img = document.getElementById('img-' + id);
		return !!img && img.complete && img.naturalWidth > 0; }`, idCard)
	if alt := eval[string](s, `document.getElementById('img-`+idCard+`').alt`); !strings.Contains(alt, "身份证") {
		t.Errorf("the photo's alt text is %q", alt)
	}
	checkInlineFile(t, frameSrc, "application/pdf")
	time.Sleep(time.Second) // the browser's PDF viewer draws the page
	s.shot("review-viewing")
	s.axe("review page")

	// One material deficient, with a common reason; the others fine; one notice.
	if !eval[bool](s, `document.getElementById('decide-correct').disabled && document.getElementById('decide-pass').disabled`) {
		t.Error("a decision is possible before every material is judged")
	}
	for role, mid := range mids {
		if role != "articles" {
			s.click("#v-ok-" + mid)
		}
	}
	s.click("#v-bad-" + articlesID)
	s.waitVisible("#reason-" + articlesID + "-reason_signature")
	s.click("#reason-" + articlesID + "-reason_signature")
	reason := zh("review.reason_signature")
	s.waitFor("the reason to be filled in", `(id, want) => document.getElementById('reason-' + id).value === want`, articlesID, reason)
	s.typeInto("#reason-"+articlesID, "（须全体股东签署）")
	s.waitFor("the correction to be possible", `() => !document.getElementById('decide-correct').disabled`)
	if !eval[bool](s, `document.getElementById('decide-pass').disabled`) {
		t.Error("passing is possible with a deficient material")
	}
	s.typeInto("#decision-note", "其他材料齐全。")
	s.shot("review-judged")
	s.click("#decide-correct")
	s.waitText("#review-messages-ok", caseNo)
	s.waitText("#review-status", zh("apply.status.needs_correction"))
	s.shot("correction-sent")

	// The applicant sees the one-time notice on the application, the deficient material
	// marked with its reason.
	a.open(appPath)
	a.waitText("#app-status", zh("apply.status.needs_correction"))
	a.waitText("#correction-notice", "公司章程")
	a.waitText("#correction-notice", reason)
	a.waitText("#mat-reason-"+articlesID, reason)
	if !eval[bool](a, `document.getElementById('mat-`+articlesID+`').classList.contains('mat-attention')`) {
		t.Error("the deficient material is not highlighted")
	}
	a.waitText("#mat-status-"+form, zh("mat.status.ok"))
	a.waitText("#submit-app", zh("apply.resubmit"))
	if !eval[bool](a, `document.getElementById('submit-app').disabled`) {
		t.Error("resubmitting is possible before the deficient material is replaced")
	}
	a.shot("correction")
	a.axe("application page (needs correction)")

	// The printable notice.
	a.click("#notice-link")
	a.waitFor("the notice page", `() => location.pathname.startsWith('/notices/')`)
	a.waitText("#notice-doc-title", zh("notice.kind.correction"))
	a.waitText("#notice-case-no", caseNo)
	a.waitText("#notice-lines", "公司章程")
	a.waitText("#notice-lines", reason)
	a.waitText("#notice-note", "其他材料齐全")
	a.waitFor("the QR code", `() => { const img = document.getElementById('notice-qr'); return !!img && img.complete && img.naturalWidth > 0; }`)
	a.waitText("#verify-url", srv.URL+"/verify/")
	a.waitVisible("#print-button")
	if eval[bool](a, `(() => { for (const sheet of document.styleSheets) { try { for (const r of sheet.cssRules)
		if (r.media && r.media.mediaText.includes('print') && r.cssText.includes('.tabbar')) return false; } catch (e) {} } return true; })()`) {
		t.Error("no print stylesheet hides the navigation")
	}
	a.shot("correction-notice")
	a.axe("notice page")
	a.printShot("correction-notice-print")

	// Back to the application: a replacement picked while offline fails without losing
	// anything, and goes up with a retry once the phone is back online.
	a.click("#back-to-app")
	a.waitPath(appPath)
	a.waitVisible("#file-" + articlesID)
	a.network(true, 0)
	a.upload("#file-"+articlesID, articlesSigned)
	a.waitVisible("#upload-error-" + articlesID)
	a.waitVisible("#retry-" + articlesID)
	a.waitText("#upload-kept-"+articlesID, "公司章程.pdf")
	a.waitText("#mat-file-"+form, "公司登记申请书.pdf")
	a.shot("offline-retry")
	a.network(false, 0)
	a.click("#retry-" + articlesID)
	a.waitText("#mat-status-"+articlesID, zh("mat.status.uploaded"))
	a.waitText("#mat-file-"+articlesID, "公司章程-已签字.pdf")
	// Reloaded, the page shows what is on the server.
	a.open(appPath)
	for _, mid := range mids {
		a.waitVisible("#mat-file-" + mid)
	}
	a.waitFor("resubmitting to be possible", `() => !document.getElementById('submit-app').disabled`)
	a.shot("replaced")
	a.click("#submit-app")
	a.waitText("#app-status", zh("apply.status.pre_review"))

	// Staff pass it: the materials found fine stay so, the replaced one is judged again.
	s.click("#to-queue")
	s.waitPath("/review")
	s.waitVisible(row)
	s.waitText(row, zh("review.resubmitted"))
	s.click("#open-" + caseNo)
	s.waitPath("/review/" + appID)
	s.waitText("#rmat-status-"+articlesID, zh("mat.status.uploaded"))
	if !eval[bool](s, `document.getElementById('v-ok-`+form+`').checked`) {
		t.Error("a material found fine before does not start as 合格")
	}
	s.click("#view-" + articlesID)
	s.waitVisible("#frame-" + articlesID)
	s.click("#v-ok-" + articlesID)
	s.waitFor("passing to be possible", `() => !document.getElementById('decide-pass').disabled`)
	s.shot("review-again")
	s.click("#decide-pass")
	s.waitText("#review-messages-ok", caseNo)
	s.waitText("#review-status", zh("apply.status.passed"))
	s.shot("passed")

	// The applicant: the pass notice, and its verification page.
	a.open(appPath)
	a.waitText("#app-status", zh("apply.status.passed"))
	a.waitText("#app-steps .step-current", zh("apply.step_result"))
	a.waitVisible("#pass-notice")
	a.shot("passed")
	a.click("#notice-link")
	a.waitText("#notice-doc-title", zh("notice.kind.pass"))
	a.waitText("#notice-case-no", caseNo)
	code := strings.TrimSpace(a.text("#notice-code"))
	verifyPath := eval[string](a, `document.getElementById('verify-url').getAttribute('href')`)
	if verifyPath != "/verify/"+code {
		t.Errorf("the notice links to %q for code %q", verifyPath, code)
	}
	a.shot("pass-notice")
	a.open(verifyPath)
	a.waitText("#verify-result", zh("verify.genuine"))
	a.waitText("#notice-case-no", caseNo)
	a.waitText("#notice-doc-title", zh("notice.kind.pass"))
	a.waitText("#notice-applicant", "*")
	a.shot("verify-genuine")
	a.axe("verify page (genuine)")

	// A forged code, typed into the form.
	forged := code[:len(code)-1] + map[bool]string{true: "A", false: "B"}[!strings.HasSuffix(code, "A")]
	a.click("#verify-code")
	a.typeInto("#verify-code", strings.ToLower(forged))
	a.click("#verify-submit")
	a.waitPath("/verify/" + forged)
	a.waitText("#verify-result", zh("verify.not_genuine"))
	a.shot("verify-forged")
	a.axe("verify page (not genuine)")

	// The messages and the list of applications.
	a.click("#tab-appts")
	a.waitPath("/appointments")
	a.waitText("#inbox", caseNo)
	a.waitText("#inbox", "预审已通过")
	a.shot("inbox")
	a.click("#tab-mine")
	a.waitPath("/home")
	a.waitVisible("#app-" + caseNo)
	a.shot("desk")
	a.click("#my-applications")
	a.waitPath("/applications")
	a.waitText("#app-status-"+caseNo, zh("apply.status.passed"))
	a.shot("my-applications")

	// Behind the scenes: passed, with a correction and a pass notice, the ID card in the
	// locker, and the verification answer.
	srv.apiGet(t, token, "/applications/"+appID, &app)
	if app.Status != "passed" {
		t.Errorf("the application is %q, want passed", app.Status)
	}
	var notices api.NoticeList
	srv.apiGet(t, token, "/applications/"+appID+"/notices", &notices)
	kinds := map[string]int{}
	for _, n := range notices.Notices {
		kinds[n.Kind]++
	}
	if kinds["correction"] != 1 || kinds["pass"] != 1 || len(notices.Notices) != 2 {
		t.Errorf("the notices are %v, want one correction and one pass", kinds)
	}
	var locker api.Locker
	srv.apiGet(t, token, "/locker", &locker)
	if len(locker.Entries) == 0 {
		t.Error("the identity card found fine is not in the applicant's locker")
	}
	var v api.Verification
	srv.apiGet(t, "", "/verify/"+code, &v)
	if !v.Genuine || v.Notice.CaseNo != caseNo {
		t.Errorf("GET /verify/%s: %+v", code, v)
	}

	// A second application: the identity card comes from the locker, the rest through the
	// API; staff see where the card came from. A colleague (the chief) decides first, and
	// the staff's decision on the version they loaded is refused with the reason.
	var second api.Application
	if st := srv.apiCall(t, "POST", token, "/applications", nil, api.CreateApplicationRequest{ItemCode: prereviewItem}, &second); st != 201 {
		t.Fatalf("creating a second application: %d", st)
	}
	for role, mid := range mids {
		if role != "id" {
			srv.apiUpload(t, token, second.ID, mid, role+".pdf", "application/pdf", testPDF(role, 0))
		}
	}
	a.open("/applications/" + second.ID)
	lockerButton := fmt.Sprintf(`#mat-%s .locker-btn`, idCard)
	a.waitText(lockerButton, "身份证.png")
	a.shot("locker-offer")
	a.click(lockerButton)
	a.waitText("#mat-status-"+idCard, zh("mat.status.uploaded"))
	a.waitVisible("#mat-locker-" + idCard)
	a.waitFor("submitting to be possible", `() => !document.getElementById('submit-app').disabled`)
	a.click("#submit-app")
	a.waitText("#app-status", zh("apply.status.pre_review"))

	s.open("/review/" + second.ID)
	s.waitText("#rmat-locker-"+idCard, "李窗口")
	for _, mid := range mids {
		s.click("#v-ok-" + mid)
	}
	s.waitFor("passing to be possible", `() => !document.getElementById('decide-pass').disabled`)
	chief := srv.apiLogin(t, "chief", demoPassword)
	srv.apiGet(t, chief, "/applications/"+second.ID, &second)
	if st := srv.apiCall(t, "POST", chief, "/review/applications/"+second.ID+"/decision", nil,
		api.DecisionRequest{Decision: "reject", Note: "经营范围涉及前置许可，请先取得许可。", Version: second.Version}, nil); st != 200 {
		t.Fatalf("the chief's decision: %d", st)
	}
	s.click("#decide-pass")
	s.waitText("#review-messages-error", zh("review.stale"))
	s.waitText("#review-status", zh("apply.status.not_accepted"))
	if eval[bool](s, `!!document.getElementById('decide-pass')`) {
		t.Error("after a colleague's decision the page still offers a decision")
	}
	s.shot("colleague-decided")
}

// apiUpload uploads a file to a material as the browser does, behind the person's back:
// the presigned form, the multipart POST to storage, then complete.
func (s *portalServer) apiUpload(t *testing.T, token, appID, mid, name, contentType string, data []byte) api.Application {
	t.Helper()
	base := "/applications/" + appID + "/materials/" + mid
	var form api.UploadForm
	if st := s.apiCall(t, "POST", token, base+"/uploads", nil,
		api.UploadRequest{Filename: name, ContentType: contentType, Size: int64(len(data))}, &form); st != 201 {
		t.Fatalf("starting the upload of %s: %d", name, st)
	}
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	keys := make([]string, 0, len(form.Fields))
	for k := range form.Fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		mw.WriteField(k, form.Fields[k])
	}
	fw, _ := mw.CreateFormFile("file", name)
	fw.Write(data)
	mw.Close()
	target := form.URL
	if strings.HasPrefix(target, "/") {
		target = s.URL + target
	}
	resp, err := http.Post(target, mw.FormDataContentType(), &body)
	if err != nil {
		t.Fatalf("uploading %s: %v", name, err)
	}
	resp.Body.Close()
	if resp.StatusCode >= 300 {
		t.Fatalf("uploading %s: storage answered %s", name, resp.Status)
	}
	var out api.Application
	if st := s.apiCall(t, "POST", token, base+"/uploads/"+form.UploadID+"/complete", nil, nil, &out); st != 200 {
		t.Fatalf("completing the upload of %s: %d", name, st)
	}
	return out
}

// upload chooses a file in a file input, as the file picker or the camera would.
func (j *journey) upload(selector, path string) {
	j.t.Helper()
	j.run("choosing "+filepath.Base(path)+" in "+selector, chromedp.SetUploadFiles(chromedp.CSS(selector), []string{path}))
}

// network throttles the browser's uploads to bytesPerSecond (0: no limit), or cuts it off.
func (j *journey) network(offline bool, bytesPerSecond float64) {
	j.t.Helper()
	up := bytesPerSecond
	if up == 0 {
		up = -1
	}
	j.run("setting the network", chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		if _, err := cdp.Call(ctx, t, network.Enable, network.EnableParams{}); err != nil {
			return err
		}
		var rules []*network.Conditions
		if offline || bytesPerSecond > 0 {
			rules = append(rules, &network.Conditions{Offline: offline, UploadThroughput: up, DownloadThroughput: -1})
		}
		if _, err := cdp.Call(ctx, t, network.EmulateNetworkConditionsByRule,
			network.EmulateNetworkConditionsByRuleParams{MatchedNetworkConditions: rules}); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, t, network.OverrideNetworkState,
			network.OverrideNetworkStateParams{Offline: offline, DownloadThroughput: -1, UploadThroughput: up})
		return err
	}))
}

// watchProgress records, in the page, the highest value each progress bar reaches.
func watchProgress(j *journey) {
	j.t.Helper()
	eval[chromedp.Void](j, `(() => {
		window.__maxProgress = {};
		const note = () => document.querySelectorAll('progress').forEach(p => {
			const v = Number(p.getAttribute('value') || 0);
			if (!(window.__maxProgress[p.id] >= v)) window.__maxProgress[p.id] = v;
		});
		new MutationObserver(note).observe(document.body, {subtree: true, childList: true, attributes: true, attributeFilter: ['value']});
	})()`)
}

// printShot saves a screenshot of the page as printed (print media, an A4-wide page).
func (j *journey) printShot(label string) {
	j.t.Helper()
	media := func(m string) chromedp.Action[chromedp.Void] {
		return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: m})
			return err
		})
	}
	j.run("emulating print", media("print"))
	defer j.run("back to the screen", media(""))
	if eval[bool](j, `(() => { const el = document.querySelector('.tabbar, .sidemenu, .topbar');
		return !!el && getComputedStyle(el).display !== 'none'; })()`) {
		j.t.Error("the navigation is printed")
	}
	// An A4 sheet is 794 CSS pixels wide.
	view := j.view
	j.view = viewport{794, 1123, false}
	defer func() {
		j.view = view
		j.run("back to the device's viewport", view.emulate(view.height))
	}()
	j.shot(label)
}

// checkInlineFile fetches a download link as the frame does and checks it is served inline.
func checkInlineFile(t *testing.T, url, wantType string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", url, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != wantType ||
		!strings.HasPrefix(resp.Header.Get("Content-Disposition"), "inline") {
		t.Errorf("the material's link answers %s, %q, %q; want 200, %s, inline", resp.Status,
			resp.Header.Get("Content-Type"), resp.Header.Get("Content-Disposition"), wantType)
	}
}

func writeFile(t *testing.T, dir, name string, b []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// testPDF is a valid one-page PDF saying text, with pad bytes of incompressible data in
// an unused stream (a scan's weight).
func testPDF(text string, pad int) []byte {
	var b bytes.Buffer
	var offsets []int
	obj := func(body string) {
		offsets = append(offsets, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", len(offsets), body)
	}
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	obj("<< /Type /Catalog /Pages 2 0 R >>")
	obj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
	obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>")
	content := fmt.Sprintf("BT /F1 20 Tf 72 760 Td (%s) Tj ET", text)
	obj(fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content))
	obj("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
	if pad > 0 {
		data := make([]byte, pad)
		r := rand.New(rand.NewPCG(1, 2))
		for i := range data {
			data[i] = byte(r.UintN(256))
		}
		offsets = append(offsets, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n<< /Length %d >>\nstream\n", len(offsets), pad)
		b.Write(data)
		b.WriteString("\nendstream\nendobj\n")
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offsets)+1)
	for _, o := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(offsets)+1, xref)
	return b.Bytes()
}

// testPNG is a small picture of an identity card: a light card with a photo and lines.
func testPNG(t *testing.T) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 428, 270))
	for y := range 270 {
		for x := range 428 {
			c := color.RGBA{0xe8, 0xf0, 0xfa, 0xff}
			switch {
			case x >= 300 && x < 400 && y >= 40 && y < 170:
				c = color.RGBA{0x9a, 0xa5, 0xb1, 0xff} // the photo
			case x >= 30 && x < 260 && (y%40 >= 30 && y%40 < 36) && y < 230:
				c = color.RGBA{0x1d, 0x4e, 0x89, 0xff} // lines of text
			}
			img.Set(x, y, c)
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
