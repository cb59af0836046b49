package e2e

import (
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"
	"github.com/chromedp/chromedp/kb"

	"portal/app/i18n"
)

const demoPassword = "Demo2026pass" // server/demo/seed.go

// TestNewcomerJourney: a first-time visitor on a phone finds an item, reads its guide in
// both languages, registers, signs out and signs in again.
func TestNewcomerJourney(t *testing.T) {
	j := newJourney(t, "newcomer")
	checkPrerenderAndWasm(t, j.srv)

	// The start page with the catalog.
	j.open("/")
	j.waitVisible("#item-list .item-card .card-title")
	j.shot("home")
	j.axe("home")

	// A search, as a person types it.
	const query = "营业执照"
	j.click("#q")
	j.typeInto("#q", query)
	j.click("#search-button")
	j.waitPath("/items")
	if q := eval[string](j, `new URLSearchParams(location.search).get('q') || ''`); q != query {
		t.Errorf("search address has q=%q, want %q", q, query)
	}
	j.waitFor("a result whose name contains "+query, `(q) => [...document.querySelectorAll('#item-list .card-title')]
		.some(el => el.textContent.includes(q))`, query)
	href := eval[string](j, fmt.Sprintf(`[...document.querySelectorAll('#item-list .card-link')]
		.find(a => a.querySelector('.card-title').textContent.includes(%s)).getAttribute('href')`, jsString(query)))
	itemName := j.text(fmt.Sprintf(`#item-list a[href=%q] .card-title`, href))
	if got := j.value("#catalog-q"); got != query {
		t.Errorf("the results page's search box holds %q, want %q", got, query)
	}
	j.shot("search-results")
	j.axe("search results")

	// The item's guide: its name and the list of materials.
	j.click(fmt.Sprintf(`#item-list a[href=%q]`, href))
	j.waitPath(href)
	j.waitText("main h1.page-title", itemName)
	zhMaterials := strings.SplitN(i18n.T(i18n.ZH, "guide.materials"), "（", 2)[0] // 申请材料
	j.waitText("#mat-title", zhMaterials)
	j.waitVisible("#materials li.material")
	if n := eval[int](j, `document.querySelectorAll('#materials li.material').length`); n == 0 {
		t.Errorf("the guide of %s lists no materials", itemName)
	}
	j.shot("guide")
	j.axe("guide")

	// English and back.
	enMaterials := strings.SplitN(i18n.T(i18n.EN, "guide.materials"), " (", 2)[0] // Materials
	j.click("#lang-switch")
	j.waitText("#mat-title", enMaterials)
	j.waitText("#lang-switch", "中文")
	if lang := eval[string](j, `document.documentElement.lang`); lang != string(i18n.EN) {
		t.Errorf("after switching to English <html lang=%q>, want %q", lang, i18n.EN)
	}
	j.shot("guide-english")
	j.click("#lang-switch")
	j.waitText("#mat-title", zhMaterials)
	j.waitText("#lang-switch", "English")
	if lang := eval[string](j, `document.documentElement.lang`); !strings.HasPrefix(lang, "zh") {
		t.Errorf("after switching back <html lang=%q>, want zh…", lang)
	}
	j.shot("guide-chinese")

	// To the registration form through the login link.
	j.click("#login-link")
	j.waitPath("/login")
	j.waitVisible("#login-form")
	j.shot("login")
	j.axe("login")
	j.click("#register-link")
	j.waitPath("/register")
	j.waitVisible("#register-form")
	j.axe("register")

	phone := fmt.Sprintf("139%08d", rand.IntN(100000000))
	name := "王小明"
	password := fmt.Sprintf("Xin%06dmin", rand.IntN(1000000))
	j.typeInto("#phone", phone)
	j.typeInto("#name", name)
	j.typeInto("#password", password)
	j.typeInto("#confirm", password)
	j.shot("register-filled")
	j.click("#register-submit")
	j.waitPath("/home")
	greeting := i18n.T(i18n.ZH, "desk.hello", name)
	j.waitText("#greeting", greeting)
	j.waitText("main", phone[:3]+"****"+phone[7:]) // the account panel shows the masked number
	j.shot("registered-home")
	j.axe("applicant home")

	// Sign out, and in again with the same number and password.
	j.click("#logout")
	j.waitPath("/")
	j.waitVisible("#login-link")
	j.click("#login-link")
	j.waitPath("/login")
	j.waitVisible("#login-form")
	j.typeInto("#login", phone)
	j.typeInto("#password", password)
	j.click("#login-submit")
	j.waitPath("/home")
	j.waitText("#greeting", greeting)
	j.shot("signed-in-again")

	// By now the service worker has installed; a first visit is not an app update.
	if eval[bool](j, `!!document.querySelector('.notice-info')`) {
		t.Errorf("a first-time visitor is told %q", j.text(".notice-info"))
	}
}

// checkPrerenderAndWasm checks, with plain HTTP, that the start page arrives with the
// catalog already in the HTML and that the wasm is sent brotli-compressed.
func checkPrerenderAndWasm(t *testing.T, s *portalServer) {
	t.Helper()
	var list struct {
		Items []struct {
			Name string `json:"name"`
		} `json:"items"`
	}
	s.apiGet(t, "", "/items?limit=1", &list)
	if len(list.Items) == 0 {
		t.Fatal("the demo catalog is empty")
	}
	resp, err := http.Get(s.URL + "/")
	if err != nil {
		t.Fatalf("GET /: %v", err)
	}
	html, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET /: %s", resp.Status)
	}
	if !strings.Contains(string(html), ">"+list.Items[0].Name+"<") {
		t.Errorf("the prerendered start page does not contain the catalog item %q", list.Items[0].Name)
	}

	req, _ := http.NewRequest("GET", s.URL+"/web/app.wasm", nil)
	req.Header.Set("Accept-Encoding", "br") // set by hand: the transport then leaves the body alone
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("GET /web/app.wasm: %v", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET /web/app.wasm: %s", resp.Status)
	}
	if ce := resp.Header.Get("Content-Encoding"); ce != "br" {
		t.Errorf("app.wasm with Accept-Encoding: br has Content-Encoding %q, want br", ce)
	}
	if !headerHasToken(resp.Header.Values("Vary"), "Accept-Encoding") {
		t.Errorf("app.wasm has Vary %q, want Accept-Encoding", resp.Header.Values("Vary"))
	}
	magic := make([]byte, 4)
	if _, err := io.ReadFull(brotli.NewReader(resp.Body), magic); err != nil || string(magic) != "\x00asm" {
		t.Errorf("app.wasm does not decompress to a wasm module (first bytes %q, err %v)", magic, err)
	}
}

func headerHasToken(values []string, token string) bool {
	for _, v := range values {
		for _, part := range strings.Split(v, ",") {
			if strings.EqualFold(strings.TrimSpace(part), token) {
				return true
			}
		}
	}
	return false
}

// TestAdminEditsItem: the administrator renames an item with a change note, sees the
// change in the item's history, and the public guide shows the new name.
func TestAdminEditsItem(t *testing.T) {
	const code = "SCJGJ-005" // 营业执照遗失补领 in the demo catalog
	j := newJourney(t, "admin")

	j.open("/login")
	j.waitVisible("#login-form")
	j.typeInto("#login", "admin")
	j.typeInto("#password", demoPassword)
	j.click("#login-submit")
	j.waitPath("/home")
	j.waitText("main h1.page-title", i18n.T(i18n.ZH, "desk.title.admin"))
	j.waitVisible("#manage-items")
	j.shot("desk")

	j.click("#manage-items")
	j.waitPath("/admin/items")
	j.waitVisible("#admin-item-table #edit-" + code)
	j.shot("item-table")

	j.click("#edit-" + code)
	j.waitPath("/admin/items/" + code)
	oldName := j.waitValue("#name")
	j.waitVisible("#save-item")
	j.shot("item-edit")
	j.axe("admin item edit")

	const suffix = "（测试）"
	newName := oldName + suffix
	const note = "端到端测试：核对名称"
	j.click("#name")
	j.typeInto("#name", kb.End+suffix)
	if got := j.value("#name"); got != newName {
		t.Fatalf("the name field holds %q after typing, want %q", got, newName)
	}
	j.typeInto("#change-note", note)
	j.click("#save-item")
	j.waitVisible("#save-ok")
	j.waitText("#history", i18n.T(i18n.ZH, "action.updated"))
	j.waitText("#history", note)
	if got := j.value("#name"); got != newName {
		t.Errorf("after saving the name field holds %q, want %q", got, newName)
	}
	if got := j.value("#change-note"); got != "" {
		t.Errorf("after saving the change note field still shows %q; the next save would go without it", got)
	}
	j.shot("item-saved")

	j.open("/items/" + code)
	j.waitText("main h1.page-title", newName)
	j.shot("public-guide")

	// The server's prerender of the guide has the new name too.
	resp, err := http.Get(j.srv.URL + "/items/" + url.PathEscape(code))
	if err != nil {
		t.Fatalf("GET /items/%s: %v", code, err)
	}
	html, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(html), newName) {
		t.Errorf("the prerendered guide of %s does not show the new name %q", code, newName)
	}
}

// TestRegisterValidation: a wrong number and a weak password are refused with the
// errors next to their fields, in Chinese, and no account is created.
func TestRegisterValidation(t *testing.T) {
	j := newJourney(t, "register-errors")
	token := j.srv.apiLogin(t, "admin", demoPassword)
	countUsers := func() int {
		var list struct {
			Users []struct{} `json:"users"`
		}
		j.srv.apiGet(t, token, "/admin/users", &list)
		return len(list.Users)
	}
	before := countUsers()

	j.open("/register")
	j.waitVisible("#register-form")
	j.typeInto("#phone", "12345")
	j.typeInto("#name", "测试用户")
	j.typeInto("#password", "abc123")
	j.typeInto("#confirm", "abc123")
	j.click("#register-submit")

	j.waitText("#phone-error", i18n.T(i18n.ZH, "field.cnmobile"))
	j.waitText("#password-error", i18n.T(i18n.ZH, "field.password_length"))
	j.waitVisible("#register-error")
	for _, f := range []string{"phone", "password"} {
		ok := eval[bool](j, fmt.Sprintf(`(() => {
			const input = document.getElementById(%[1]q), err = document.getElementById(%[1]q + '-error');
			return input.closest('.field') === err.closest('.field') &&
				input.getAttribute('aria-invalid') === 'true' &&
				(input.getAttribute('aria-describedby') || '').split(' ').includes(%[1]q + '-error');
		})()`, f))
		if !ok {
			t.Errorf("the %s error is not next to its field or not tied to it (aria-invalid, aria-describedby)", f)
		}
	}
	if eval[bool](j, `!!document.getElementById('name-error')`) {
		t.Errorf("the name field shows an error: %q", j.text("#name-error"))
	}
	j.shot("errors")
	j.axe("register with errors")

	if p := eval[string](j, `location.pathname`); p != "/register" {
		t.Errorf("after the refused registration the address is %s, want /register", p)
	}
	if eval[bool](j, `!!document.getElementById('logout')`) {
		t.Error("after the refused registration the person is signed in")
	}
	if after := countUsers(); after != before {
		t.Errorf("the refused registration changed the number of accounts from %d to %d", before, after)
	}
}
