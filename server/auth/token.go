package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"portal/server/portal"
)

// Issuer and audience of every access token; both are checked on verify.
const (
	Issuer   = "gov-portal"
	Audience = "gov-portal-api"
)

// AccessTTL is the lifetime of an access token. Short, because an access token cannot be
// revoked before it expires; the refresh token is what logout revokes.
const AccessTTL = 10 * time.Minute

// RefreshTTL is how long a refresh token may wait to be used.
const RefreshTTL = 14 * 24 * time.Hour

// Claims are what an access token says about its holder. Role and department ride along so
// that most requests need no database lookup to authorise.
type Claims struct {
	jwt.RegisteredClaims
	Role           string `json:"role"`
	Name           string `json:"name,omitempty"`
	DepartmentCode string `json:"dept,omitempty"`
	SiteCode       string `json:"site,omitempty"`
}

// Signer issues and verifies access tokens with one HMAC key.
type Signer struct {
	key []byte
	now func() time.Time
}

// NewSigner returns a signer with key (at least 32 bytes).
func NewSigner(key []byte, now func() time.Time) (*Signer, error) {
	if len(key) < 32 {
		return nil, errors.New("jwt key: need at least 32 bytes")
	}
	if now == nil {
		now = time.Now
	}
	return &Signer{key: key, now: now}, nil
}

// LoadOrCreateKey returns the signing key: from setting (base64 or hex, at least 32 bytes)
// when given, else from the file jwt.key in dataDir, created with a random key on first
// start. Replicas that do not share a data dir must share the setting.
func LoadOrCreateKey(setting, dataDir string) ([]byte, error) {
	if setting != "" {
		for _, dec := range []func(string) ([]byte, error){base64.StdEncoding.DecodeString, base64.RawURLEncoding.DecodeString, hex.DecodeString} {
			if k, err := dec(setting); err == nil && len(k) >= 32 {
				return k, nil
			}
		}
		return nil, errors.New("PORTAL_JWT_KEY: want at least 32 bytes, base64 or hex encoded")
	}
	path := filepath.Join(dataDir, "jwt.key")
	if b, err := os.ReadFile(path); err == nil {
		k, err := base64.StdEncoding.DecodeString(string(b))
		if err != nil || len(k) < 32 {
			return nil, fmt.Errorf("%s: not a valid key", path)
		}
		return k, nil
	}
	k := make([]byte, 32)
	if _, err := rand.Read(k); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dataDir, 0o750); err != nil {
		return nil, err
	}
	// O_EXCL: when two processes start on one data dir, one writes and the other reads.
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, os.ErrExist) {
		return LoadOrCreateKey("", dataDir)
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if _, err := f.WriteString(base64.StdEncoding.EncodeToString(k)); err != nil {
		return nil, err
	}
	return k, nil
}

// Issue returns a signed access token for u.
func (s *Signer) Issue(u portal.User) (string, error) {
	now := s.now()
	claims := Claims{
		RegisteredClaims: jwt.RegisteredClaims{
			Issuer:    Issuer,
			Subject:   u.ID,
			Audience:  jwt.ClaimStrings{Audience},
			ExpiresAt: jwt.NewNumericDate(now.Add(AccessTTL)),
			NotBefore: jwt.NewNumericDate(now),
			IssuedAt:  jwt.NewNumericDate(now),
			ID:        randomToken(12),
		},
		Role:           string(u.Role),
		Name:           u.Name,
		DepartmentCode: u.DepartmentCode,
		SiteCode:       u.SiteCode,
	}
	return jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString(s.key)
}

// Verify checks a token and returns who holds it. The algorithm is pinned to HS256 (so
// "none" and RS/ES confusion are refused) and issuer, audience, expiry, not-before,
// issued-at and id are all required.
func (s *Signer) Verify(token string) (portal.Actor, error) {
	var c Claims
	_, err := jwt.ParseWithClaims(token, &c, func(*jwt.Token) (any, error) { return s.key, nil },
		jwt.WithValidMethods([]string{jwt.SigningMethodHS256.Alg()}),
		jwt.WithIssuer(Issuer),
		jwt.WithAudience(Audience),
		jwt.WithExpirationRequired(),
		jwt.WithIssuedAt(),
		jwt.WithTimeFunc(s.now),
		jwt.WithLeeway(5*time.Second),
	)
	if err != nil {
		return portal.Actor{}, portal.Errorf(portal.ETokenInvalid, "%v", err)
	}
	if c.NotBefore == nil || c.IssuedAt == nil || c.ID == "" || c.Subject == "" {
		return portal.Actor{}, portal.Errorf(portal.ETokenInvalid, "token lacks nbf, iat, jti or sub")
	}
	role := portal.Role(c.Role)
	if !role.Valid() {
		return portal.Actor{}, portal.Errorf(portal.ETokenInvalid, "unknown role %q", c.Role)
	}
	return portal.Actor{UserID: c.Subject, Name: c.Name, Role: role, DepartmentCode: c.DepartmentCode, SiteCode: c.SiteCode}, nil
}

// NewRefreshToken returns a random refresh token and the hash to store.
func NewRefreshToken() (token, hash string) {
	token = randomToken(32)
	return token, HashRefreshToken(token)
}

// HashRefreshToken is how refresh tokens are looked up: a leaked table does not leak tokens.
func HashRefreshToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

func randomToken(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return base64.RawURLEncoding.EncodeToString(b)
}
