// Package client calls the portal's JSON API from the WebAssembly app. It keeps the access
// token in memory only (never in storage) and renews it once through the refresh cookie
// when the server answers 401.
package client

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"

	"portal/app/api"
)

// Error is an error answer of the API.
type Error struct {
	Status int
	api.ErrorDetail
}

func (e *Error) Error() string { return fmt.Sprintf("%d %s: %s", e.Status, e.Code, e.Message) }

// IsStatus reports whether err is an API error with the given status.
func IsStatus(err error, status int) bool {
	e, ok := err.(*Error)
	return ok && e.Status == status
}

// Client talks to one portal.
type Client struct {
	// Base is the portal's origin, e.g. "https://zwfw.example.gov.cn".
	Base string

	// refreshing serialises renewals: refresh tokens rotate on every use and a second use
	// revokes the whole family, so two requests that meet a 401 together must not both
	// renew.
	refreshing sync.Mutex

	mu    sync.Mutex
	token string
	lang  string
	user  *api.User
}

// New returns a client for the portal at base.
func New(base string) *Client {
	return &Client{Base: base}
}

// SetLang sets the language the server answers errors in.
func (c *Client) SetLang(lang string) {
	c.mu.Lock()
	c.lang = lang
	c.mu.Unlock()
}

// User returns the signed-in user, or nil.
func (c *Client) User() *api.User {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.user
}

func (c *Client) setSession(s *api.LoginResponse) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if s == nil {
		c.token, c.user = "", nil
		return
	}
	c.token = s.AccessToken
	u := s.User
	c.user = &u
}

// Do sends a request with a JSON body in (may be nil) and decodes a JSON answer into out
// (may be nil). On 401 it renews the session once and tries again.
func (c *Client) Do(ctx context.Context, method, path string, in, out any) error {
	return c.DoWithHeaders(ctx, method, path, nil, in, out)
}

// DoWithHeaders is Do with extra request headers, e.g. an Idempotency-Key that makes a
// retried booking return the first appointment instead of a second one. The same headers go
// with the retry after a renewed session. When out is a *string the answer is kept as
// text, not decoded (an iCalendar file, say).
func (c *Client) DoWithHeaders(ctx context.Context, method, path string, headers map[string]string, in, out any) error {
	seen := c.currentToken()
	err := c.do(ctx, method, path, headers, in, out)
	if IsStatus(err, 401) && seen != "" {
		if rerr := c.renew(ctx, seen); rerr == nil {
			return c.do(ctx, method, path, headers, in, out)
		}
	}
	return err
}

func (c *Client) currentToken() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.token
}

// renew refreshes the session unless another request already did since token was seen.
func (c *Client) renew(ctx context.Context, seen string) error {
	c.refreshing.Lock()
	defer c.refreshing.Unlock()
	if cur := c.currentToken(); cur != "" && cur != seen {
		return nil
	}
	return c.refresh(ctx)
}

func (c *Client) do(ctx context.Context, method, path string, extra map[string]string, in, out any) error {
	var body []byte
	header := map[string]string{"Accept": "application/json"}
	for k, v := range extra {
		header[k] = v
	}
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return err
		}
		body = b
		header["Content-Type"] = "application/json"
	}
	c.mu.Lock()
	if c.token != "" {
		header["Authorization"] = "Bearer " + c.token
	}
	if c.lang != "" {
		header["X-Portal-Lang"] = c.lang
	}
	c.mu.Unlock()
	status, resBody, err := roundTrip(ctx, method, c.Base+api.Base+path, header, body)
	if err != nil {
		return err
	}
	if status >= 400 {
		var eb api.ErrorBody
		json.Unmarshal(resBody, &eb)
		return &Error{Status: status, ErrorDetail: eb.Error}
	}
	if text, ok := out.(*string); ok {
		*text = string(resBody)
		return nil
	}
	if out == nil || status == 204 || len(resBody) == 0 {
		return nil
	}
	return json.Unmarshal(resBody, out)
}

// Login signs in and keeps the session.
func (c *Client) Login(ctx context.Context, login, password string) (api.User, error) {
	var res api.LoginResponse
	if err := c.do(ctx, "POST", "/auth/login", nil, api.LoginRequest{Login: login, Password: password}, &res); err != nil {
		return api.User{}, err
	}
	c.setSession(&res)
	return res.User, nil
}

// Refresh renews the session from the refresh cookie. It is how a reloaded page finds out
// who is signed in.
func (c *Client) Refresh(ctx context.Context) error {
	c.refreshing.Lock()
	defer c.refreshing.Unlock()
	return c.refresh(ctx)
}

func (c *Client) refresh(ctx context.Context) error {
	var res api.LoginResponse
	if err := c.do(ctx, "POST", "/auth/refresh", nil, nil, &res); err != nil {
		c.setSession(nil)
		return err
	}
	c.setSession(&res)
	return nil
}

// Logout ends the session on the server and here.
func (c *Client) Logout(ctx context.Context) error {
	err := c.do(ctx, "POST", "/auth/logout", nil, nil, nil)
	c.setSession(nil)
	return err
}

// Register creates an applicant account.
func (c *Client) Register(ctx context.Context, req api.RegisterRequest) error {
	return c.do(ctx, "POST", "/auth/register", nil, req, nil)
}
