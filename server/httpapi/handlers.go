package httpapi

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"portal/app/api"
	"portal/server/accounts"
	"portal/server/auth"
	"portal/server/portal"
)

// refreshCookie carries the refresh token. HttpOnly keeps it from script, SameSite=Strict
// from other sites' forms, and its path limits it to the auth endpoints.
const refreshCookie = "portal_refresh"

// sessionHint is a cookie script may read, holding no secret: it only tells a freshly loaded
// page that a refresh is worth trying, so visitors who never signed in do not send a
// refresh request (and get a 401) on every page load.
const sessionHint = "portal_session"

func (s *Server) register(w http.ResponseWriter, r *http.Request) error {
	if !s.limits.registerIP.Allow(clientIP(r)) {
		return portal.Errorf(portal.ERateLimited, "register rate limit")
	}
	var req api.RegisterRequest
	if err := s.decode(w, r, &req); err != nil {
		return err
	}
	u, err := s.Accounts.Register(r.Context(), req.Phone, req.Password, req.Name)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, struct {
		User api.User `json:"user"`
	}{userToAPI(u, true)})
	return nil
}

func (s *Server) login(w http.ResponseWriter, r *http.Request) error {
	if !s.limits.loginIP.Allow(clientIP(r)) {
		return portal.Errorf(portal.ERateLimited, "login rate limit (ip)")
	}
	var req api.LoginRequest
	if err := s.decode(w, r, &req); err != nil {
		return err
	}
	if !s.limits.loginAccount.Allow(strings.TrimSpace(req.Login)) {
		return portal.Errorf(portal.ERateLimited, "login rate limit (account)")
	}
	sess, err := s.Accounts.Login(r.Context(), req.Login, req.Password)
	if err != nil {
		return err
	}
	s.writeSession(w, r, sess)
	return nil
}

func (s *Server) refresh(w http.ResponseWriter, r *http.Request) error {
	c, err := r.Cookie(refreshCookie)
	if err != nil {
		return portal.Errorf(portal.EUnauthorized, "no refresh cookie")
	}
	sess, err := s.Accounts.Refresh(r.Context(), c.Value)
	if err != nil {
		s.clearCookie(w, r)
		return err
	}
	s.writeSession(w, r, sess)
	return nil
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request) error {
	if c, err := r.Cookie(refreshCookie); err == nil {
		if err := s.Accounts.Logout(r.Context(), c.Value); err != nil {
			return err
		}
	}
	s.clearCookie(w, r)
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (s *Server) writeSession(w http.ResponseWriter, r *http.Request, sess accounts.Session) {
	http.SetCookie(w, &http.Cookie{
		Name: refreshCookie, Value: sess.RefreshToken, Path: api.Base + "/auth",
		Expires: sess.RefreshUntil, MaxAge: int(time.Until(sess.RefreshUntil).Seconds()),
		HttpOnly: true, SameSite: http.SameSiteStrictMode, Secure: s.SecureCookies || r.TLS != nil,
	})
	http.SetCookie(w, &http.Cookie{
		Name: sessionHint, Value: "1", Path: "/", Expires: sess.RefreshUntil,
		MaxAge: int(time.Until(sess.RefreshUntil).Seconds()), SameSite: http.SameSiteStrictMode,
		Secure: s.SecureCookies || r.TLS != nil,
	})
	writeJSON(w, http.StatusOK, api.LoginResponse{
		AccessToken: sess.AccessToken, TokenType: "Bearer", ExpiresIn: int(auth.AccessTTL.Seconds()),
		User: userToAPI(sess.User, true),
	})
}

func (s *Server) clearCookie(w http.ResponseWriter, r *http.Request) {
	http.SetCookie(w, &http.Cookie{Name: refreshCookie, Value: "", Path: api.Base + "/auth", MaxAge: -1,
		HttpOnly: true, SameSite: http.SameSiteStrictMode, Secure: s.SecureCookies || r.TLS != nil})
	http.SetCookie(w, &http.Cookie{Name: sessionHint, Value: "", Path: "/", MaxAge: -1,
		SameSite: http.SameSiteStrictMode, Secure: s.SecureCookies || r.TLS != nil})
}

func (s *Server) me(w http.ResponseWriter, r *http.Request) error {
	u, err := s.Accounts.Me(r.Context(), actorFrom(r.Context()))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, userToAPI(u, true))
	return nil
}

// userToAPI shows an account. The phone number is shown whole only to its owner.
func userToAPI(u portal.User, own bool) api.User {
	phone := u.Phone
	if !own {
		phone = accounts.MaskPhone(phone)
	}
	login := u.Login
	if u.Role == portal.RoleApplicant && !own {
		login = phone
	}
	return api.User{ID: u.ID, Name: u.Name, Role: string(u.Role), Login: login, Phone: phone,
		DepartmentCode: u.DepartmentCode, SiteCode: u.SiteCode}
}

func (s *Server) listUsers(w http.ResponseWriter, r *http.Request) error {
	users, err := s.Accounts.ListUsers(r.Context(), actorFrom(r.Context()), portal.Role(r.URL.Query().Get("role")))
	if err != nil {
		return err
	}
	out := api.UserList{Users: make([]api.User, 0, len(users))}
	for _, u := range users {
		out.Users = append(out.Users, userToAPI(u, false))
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

func (s *Server) createUser(w http.ResponseWriter, r *http.Request) error {
	var req api.CreateUserRequest
	if err := s.decode(w, r, &req); err != nil {
		return err
	}
	u, err := s.Accounts.CreateUser(r.Context(), actorFrom(r.Context()), accounts.NewUser{
		Login: req.Login, Password: req.Password, Name: req.Name, Phone: req.Phone, Role: portal.Role(req.Role),
		DepartmentCode: req.DepartmentCode, SiteCode: req.SiteCode,
	})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, userToAPI(u, false))
	return nil
}

func (s *Server) sites(w http.ResponseWriter, r *http.Request) error {
	sites, err := s.Catalog.Sites(r.Context())
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, api.SiteList{Sites: sites})
	return nil
}

func (s *Server) departments(w http.ResponseWriter, r *http.Request) error {
	deps, err := s.Catalog.Departments(r.Context())
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, api.DepartmentList{Departments: deps})
	return nil
}

// itemQuery reads the catalog filters of GET /items.
func itemQuery(r *http.Request) (portal.ItemQuery, error) {
	v := r.URL.Query()
	q := portal.ItemQuery{
		Q: strings.TrimSpace(v.Get("q")), DepartmentCode: v.Get("department"), SiteCode: v.Get("site"),
		Kind: portal.ItemKind(v.Get("kind")), Handling: portal.Handling(v.Get("handling")),
	}
	if q.Kind != "" && !q.Kind.Valid() {
		return q, portal.FieldError("kind", "field.oneof")
	}
	if q.Handling != "" && q.Handling != portal.HandlingInstant && q.Handling != portal.HandlingPromise {
		return q, portal.FieldError("handling", "field.oneof")
	}
	for name, dst := range map[string]*int{"limit": &q.Limit, "offset": &q.Offset} {
		if s := v.Get(name); s != "" {
			n, err := strconv.Atoi(s)
			if err != nil || n < 0 {
				return q, portal.FieldError(name, "field.type")
			}
			*dst = n
		}
	}
	return q, nil
}

func (s *Server) items(w http.ResponseWriter, r *http.Request) error {
	q, err := itemQuery(r)
	if err != nil {
		return err
	}
	list, err := s.Catalog.Items(r.Context(), actorFrom(r.Context()), q)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, list)
	return nil
}

func (s *Server) adminItems(w http.ResponseWriter, r *http.Request) error {
	q, err := itemQuery(r)
	if err != nil {
		return err
	}
	q.IncludeRetired = true
	list, err := s.Catalog.Items(r.Context(), actorFrom(r.Context()), q)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, list)
	return nil
}

func (s *Server) item(w http.ResponseWriter, r *http.Request) error {
	it, err := s.Catalog.Item(r.Context(), actorFrom(r.Context()), r.PathValue("code"))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, it)
	return nil
}

func (s *Server) createItem(w http.ResponseWriter, r *http.Request) error {
	var req api.ItemInput
	if err := s.decode(w, r, &req); err != nil {
		return err
	}
	it, err := s.Catalog.Save(r.Context(), actorFrom(r.Context()), req, true)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, it)
	return nil
}

func (s *Server) updateItem(w http.ResponseWriter, r *http.Request) error {
	var req api.ItemInput
	if err := s.decode(w, r, &req); err != nil {
		return err
	}
	if !strings.EqualFold(req.Code, r.PathValue("code")) {
		return portal.FieldError("code", "field.code_mismatch")
	}
	it, err := s.Catalog.Save(r.Context(), actorFrom(r.Context()), req, false)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, it)
	return nil
}

func (s *Server) setItemStatus(w http.ResponseWriter, r *http.Request) error {
	var req api.ItemStatusRequest
	if err := s.decode(w, r, &req); err != nil {
		return err
	}
	it, err := s.Catalog.SetStatus(r.Context(), actorFrom(r.Context()), r.PathValue("code"), req)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, it)
	return nil
}

func (s *Server) itemHistory(w http.ResponseWriter, r *http.Request) error {
	changes, err := s.Catalog.History(r.Context(), actorFrom(r.Context()), r.PathValue("code"))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, api.ItemHistory{Changes: changes})
	return nil
}
