package auth

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"portal/server/portal"
)

var testKey = []byte("0123456789abcdef0123456789abcdef")

func fixedClock(t time.Time) func() time.Time { return func() time.Time { return t } }

func validClaims(now time.Time) Claims {
	return Claims{
		RegisteredClaims: jwt.RegisteredClaims{
			Issuer: Issuer, Subject: "u1", Audience: jwt.ClaimStrings{Audience},
			ExpiresAt: jwt.NewNumericDate(now.Add(5 * time.Minute)), NotBefore: jwt.NewNumericDate(now),
			IssuedAt: jwt.NewNumericDate(now), ID: "j1",
		},
		Role: "applicant",
	}
}

func sign(t *testing.T, method jwt.SigningMethod, key any, c Claims) string {
	t.Helper()
	s, err := jwt.NewWithClaims(method, c).SignedString(key)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestVerifyAcceptsIssuedToken(t *testing.T) {
	now := time.Date(2026, 10, 8, 9, 0, 0, 0, time.UTC)
	s, _ := NewSigner(testKey, fixedClock(now))
	tok, err := s.Issue(portal.User{ID: "u42", Name: "李窗口", Role: portal.RoleStaff, DepartmentCode: "scjgj", SiteCode: "county"})
	if err != nil {
		t.Fatal(err)
	}
	a, err := s.Verify(tok)
	if err != nil {
		t.Fatal(err)
	}
	want := portal.Actor{UserID: "u42", Name: "李窗口", Role: portal.RoleStaff, DepartmentCode: "scjgj", SiteCode: "county"}
	if a != want {
		t.Errorf("actor = %+v, want %+v", a, want)
	}
}

// Every forged or unusable token is refused.
func TestVerifyRefuses(t *testing.T) {
	now := time.Date(2026, 10, 8, 9, 0, 0, 0, time.UTC)
	s, _ := NewSigner(testKey, fixedClock(now))
	ecKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	with := func(f func(*Claims)) Claims { c := validClaims(now); f(&c); return c }

	unsigned, _ := jwt.NewWithClaims(jwt.SigningMethodNone, validClaims(now)).SignedString(jwt.UnsafeAllowNoneSignatureType)
	good := sign(t, jwt.SigningMethodHS256, testKey, validClaims(now))
	parts := strings.Split(good, ".")
	tampered := parts[0] + "." + parts[1] + "." + strings.Repeat("A", len(parts[2]))

	cases := map[string]string{
		"alg none":         unsigned,
		"HS384":            sign(t, jwt.SigningMethodHS384, testKey, validClaims(now)),
		"ES256":            sign(t, jwt.SigningMethodES256, ecKey, validClaims(now)),
		"bad signature":    tampered,
		"other key":        sign(t, jwt.SigningMethodHS256, []byte("another key that is 32 bytes long!"), validClaims(now)),
		"expired":          sign(t, jwt.SigningMethodHS256, testKey, with(func(c *Claims) { c.ExpiresAt = jwt.NewNumericDate(now.Add(-time.Minute)) })),
		"no expiry":        sign(t, jwt.SigningMethodHS256, testKey, with(func(c *Claims) { c.ExpiresAt = nil })),
		"not yet valid":    sign(t, jwt.SigningMethodHS256, testKey, with(func(c *Claims) { c.NotBefore = jwt.NewNumericDate(now.Add(time.Minute)) })),
		"no nbf":           sign(t, jwt.SigningMethodHS256, testKey, with(func(c *Claims) { c.NotBefore = nil })),
		"issued in future": sign(t, jwt.SigningMethodHS256, testKey, with(func(c *Claims) { c.IssuedAt = jwt.NewNumericDate(now.Add(time.Hour)) })),
		"no iat":           sign(t, jwt.SigningMethodHS256, testKey, with(func(c *Claims) { c.IssuedAt = nil })),
		"wrong issuer":     sign(t, jwt.SigningMethodHS256, testKey, with(func(c *Claims) { c.Issuer = "someone-else" })),
		"wrong audience":   sign(t, jwt.SigningMethodHS256, testKey, with(func(c *Claims) { c.Audience = jwt.ClaimStrings{"other-api"} })),
		"no jti":           sign(t, jwt.SigningMethodHS256, testKey, with(func(c *Claims) { c.ID = "" })),
		"no subject":       sign(t, jwt.SigningMethodHS256, testKey, with(func(c *Claims) { c.Subject = "" })),
		"unknown role":     sign(t, jwt.SigningMethodHS256, testKey, with(func(c *Claims) { c.Role = "root" })),
		"garbage":          "not.a.token",
		"empty":            "",
	}
	if _, err := s.Verify(good); err != nil {
		t.Fatalf("the untampered token must pass: %v", err)
	}
	for name, tok := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := s.Verify(tok)
			if portal.ErrorCode(err) != portal.ETokenInvalid {
				t.Errorf("got %v, want %s", err, portal.ETokenInvalid)
			}
		})
	}
}

func TestPasswordHash(t *testing.T) {
	h, err := HashPassword("Correct1horse")
	if err != nil {
		t.Fatal(err)
	}
	if !CheckPassword(h, "Correct1horse") {
		t.Error("right password refused")
	}
	if CheckPassword(h, "Correct1hors") || CheckPassword(h, "") {
		t.Error("wrong password accepted")
	}
	h2, _ := HashPassword("Correct1horse")
	if h == h2 {
		t.Error("two hashes of one password are equal: no salt")
	}
	if CheckPassword("$argon2id$v=19$m=1,t=1,p=1$bad", "x") || CheckPassword("plain", "plain") {
		t.Error("malformed hash accepted")
	}
}

func TestPasswordPolicy(t *testing.T) {
	cases := []struct {
		pw, login string
		want      error
	}{
		{"short1", "", ErrPasswordLength},
		{strings.Repeat("a1", 33), "", ErrPasswordLength},
		{"lettersonly", "", ErrPasswordMix},
		{"1234567890", "", ErrPasswordMix},
		{"Password123", "", ErrPasswordCommon},
		{"x13800001111y", "13800001111", ErrPasswordCommon},
		{"Qingshan2026", "", nil},
		{"长城长城长城2026", "", nil},
	}
	for _, c := range cases {
		if got := CheckPolicy(c.pw, c.login); got != c.want {
			t.Errorf("CheckPolicy(%q, %q) = %v, want %v", c.pw, c.login, got, c.want)
		}
	}
}

func TestLoadOrCreateKey(t *testing.T) {
	dir := t.TempDir()
	k1, err := LoadOrCreateKey("", dir)
	if err != nil || len(k1) != 32 {
		t.Fatalf("create: %d bytes, %v", len(k1), err)
	}
	k2, err := LoadOrCreateKey("", dir)
	if err != nil || string(k1) != string(k2) {
		t.Fatalf("second start got another key: %v", err)
	}
	if _, err := LoadOrCreateKey("c2hvcnQ=", dir); err == nil {
		t.Error("a short key setting was accepted")
	}
	k3, err := LoadOrCreateKey("MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=", dir)
	if err != nil || string(k3) != "0123456789abcdef0123456789abcdef" {
		t.Errorf("base64 setting: %q %v", k3, err)
	}
}
