// Package auth hashes passwords and issues and checks tokens: short-lived JWT access tokens
// and opaque refresh tokens that are stored hashed and rotated on every use.
package auth

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/crypto/argon2"
)

// Argon2id parameters: OWASP's recommended minimum (19 MiB, 2 passes, 1 lane). A login costs
// about 30 ms of one core, which makes guessing slow without letting a login rush starve the
// server.
const (
	argonMemory  = 19 * 1024
	argonTime    = 2
	argonThreads = 1
	argonKeyLen  = 32
)

// HashPassword returns an encoded argon2id hash of pw with a random salt.
func HashPassword(pw string) (string, error) {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key := argon2.IDKey([]byte(pw), salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, argonMemory, argonTime, argonThreads,
		b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// CheckPassword reports whether pw matches the encoded hash, in constant time.
func CheckPassword(encoded, pw string) bool {
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false
	}
	var version int
	var mem, iters uint32
	var threads uint8
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return false
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &mem, &iters, &threads); err != nil {
		return false
	}
	b64 := base64.RawStdEncoding
	salt, err1 := b64.DecodeString(parts[4])
	want, err2 := b64.DecodeString(parts[5])
	if err1 != nil || err2 != nil {
		return false
	}
	got := argon2.IDKey([]byte(pw), salt, iters, mem, threads, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1
}

// dummyHash is checked against when a login is unknown, so that "no such account" and
// "wrong password" take the same time.
var dummyHash, _ = HashPassword("not a password of anyone")

// CheckNoAccount spends the time of a password check and returns false.
func CheckNoAccount(pw string) bool {
	CheckPassword(dummyHash, pw)
	return false
}

// Password policy errors; each names an i18n key under "field.".
var (
	ErrPasswordLength = errors.New("field.password_length")
	ErrPasswordMix    = errors.New("field.password_mix")
	ErrPasswordCommon = errors.New("field.password_common")
)

// common lists passwords people pick first; the policy refuses them even when they pass the
// length and mix rules.
var common = map[string]bool{
	"password1": true, "passw0rd": true, "abc12345": true, "a1234567": true, "12345678a": true,
	"qwerty123": true, "1qaz2wsx": true, "woaini1314": true, "aa123456": true, "admin123": true,
	"iloveyou1": true, "asdf1234": true, "zxcv1234": true, "abcd1234": true, "password123": true,
}

// CheckPolicy says why pw is not acceptable: 8 to 64 characters, at least one letter and one
// digit, not a well-known password and not the login itself.
func CheckPolicy(pw, login string) error {
	n := len([]rune(pw))
	if n < 8 || n > 64 {
		return ErrPasswordLength
	}
	var letter, digit bool
	for _, r := range pw {
		switch {
		case unicode.IsLetter(r):
			letter = true
		case unicode.IsDigit(r):
			digit = true
		}
	}
	if !letter || !digit {
		return ErrPasswordMix
	}
	if common[strings.ToLower(pw)] || (login != "" && strings.Contains(pw, login)) {
		return ErrPasswordCommon
	}
	return nil
}
