// Package accounts registers applicants, signs people in and out, rotates refresh tokens and
// lets admins create staff accounts. Every method checks the caller's role itself: the HTTP
// middleware checks too, but a service must not rely on being called from the right place.
package accounts

import (
	"context"
	"errors"
	"regexp"
	"strings"
	"time"

	"portal/server/auth"
	"portal/server/portal"
	"portal/server/store"
)

// Service is the accounts service.
type Service struct {
	DB     *store.DB
	Signer *auth.Signer
}

// Session is the result of a login or a refresh.
type Session struct {
	User         portal.User
	AccessToken  string
	RefreshToken string
	RefreshUntil time.Time
}

var mobileRE = regexp.MustCompile(`^1[3-9][0-9]{9}$`)

// IsMobile reports whether s is a mainland China mobile number.
func IsMobile(s string) bool { return mobileRE.MatchString(s) }

// Register creates an applicant account whose login is the mobile number.
func (s *Service) Register(ctx context.Context, phone, password, name string) (portal.User, error) {
	phone = strings.TrimSpace(phone)
	name = strings.TrimSpace(name)
	if !IsMobile(phone) {
		return portal.User{}, portal.FieldError("phone", "field.cnmobile")
	}
	if name == "" {
		return portal.User{}, portal.FieldError("name", "field.required")
	}
	if err := auth.CheckPolicy(password, phone); err != nil {
		return portal.User{}, portal.FieldError("password", err.Error())
	}
	hash, err := auth.HashPassword(password)
	if err != nil {
		return portal.User{}, err
	}
	u := portal.User{Login: phone, Phone: phone, Name: name, Role: portal.RoleApplicant, PasswordHash: hash}
	if err := s.DB.CreateUser(ctx, &u); err != nil {
		if code := portal.ErrorCode(err); code == portal.ELoginTaken || code == portal.EPhoneTaken {
			return u, &portal.Error{Code: portal.EPhoneTaken, Fields: map[string]string{"phone": "field.phone_taken"}}
		}
		return u, err
	}
	return u, nil
}

// Login checks a login (mobile number or staff login) and password and starts a session.
// Unknown logins and wrong passwords answer alike and take alike long.
func (s *Service) Login(ctx context.Context, login, password string) (Session, error) {
	login = strings.TrimSpace(login)
	u, err := s.DB.UserByLogin(ctx, login)
	if portal.ErrorCode(err) == portal.ENotFound {
		auth.CheckNoAccount(password)
		return Session{}, portal.Errorf(portal.EBadLogin, "no account %q", maskLogin(login))
	}
	if err != nil {
		return Session{}, err
	}
	if !auth.CheckPassword(u.PasswordHash, password) {
		return Session{}, portal.Errorf(portal.EBadLogin, "wrong password for %s", u.ID)
	}
	if u.Disabled {
		return Session{}, portal.Errorf(portal.EAccountLocked, "account %s disabled", u.ID)
	}
	return s.startSession(ctx, u, store.NewID())
}

func (s *Service) startSession(ctx context.Context, u portal.User, family string) (Session, error) {
	access, err := s.Signer.Issue(u)
	if err != nil {
		return Session{}, err
	}
	refresh, hash := auth.NewRefreshToken()
	rt := store.RefreshToken{FamilyID: family, UserID: u.ID, Hash: hash, ExpiresAt: s.DB.Now().Add(auth.RefreshTTL)}
	if err := s.DB.CreateRefreshToken(ctx, &rt); err != nil {
		return Session{}, err
	}
	return Session{User: u, AccessToken: access, RefreshToken: refresh, RefreshUntil: rt.ExpiresAt}, nil
}

// Refresh spends a refresh token and returns a new session of the same family. A token used
// twice revokes its family: whoever holds a copy, thief or owner, must log in again.
func (s *Service) Refresh(ctx context.Context, token string) (Session, error) {
	if token == "" {
		return Session{}, portal.Errorf(portal.EUnauthorized, "no refresh token")
	}
	rt, err := s.DB.SpendRefreshToken(ctx, auth.HashRefreshToken(token))
	if err != nil {
		return Session{}, err
	}
	u, err := s.DB.UserByID(ctx, rt.UserID)
	if err != nil {
		return Session{}, err
	}
	if u.Disabled {
		s.DB.RevokeFamily(ctx, rt.FamilyID)
		return Session{}, portal.Errorf(portal.EAccountLocked, "account %s disabled", u.ID)
	}
	return s.startSession(ctx, u, rt.FamilyID)
}

// Logout revokes the refresh token's family. An unknown token is not an error: the person
// is logged out either way.
func (s *Service) Logout(ctx context.Context, token string) error {
	if token == "" {
		return nil
	}
	rt, err := s.DB.RefreshTokenByHash(ctx, auth.HashRefreshToken(token))
	if portal.ErrorCode(err) == portal.ENotFound {
		return nil
	}
	if err != nil {
		return err
	}
	return s.DB.RevokeFamily(ctx, rt.FamilyID)
}

// Me returns the caller's own account.
func (s *Service) Me(ctx context.Context, a portal.Actor) (portal.User, error) {
	if a.UserID == "" {
		return portal.User{}, portal.Errorf(portal.EUnauthorized, "not signed in")
	}
	return s.DB.UserByID(ctx, a.UserID)
}

var loginRE = regexp.MustCompile(`^[a-z][a-z0-9_.-]{2,31}$`)

// IsStaffLogin reports whether s is acceptable as a staff login: lower-case letters, digits
// and . _ -, starting with a letter, 3 to 32 long. Mobile numbers are applicants' logins.
func IsStaffLogin(s string) bool { return loginRE.MatchString(s) }

// NewUser is an admin's request for an account.
type NewUser struct {
	Login, Password, Name, Phone string
	Role                         portal.Role
	DepartmentCode, SiteCode     string
}

// CreateUser lets an admin create a staff, chief, agent, supervisor or admin account.
// Window roles must name an existing department and site.
func (s *Service) CreateUser(ctx context.Context, a portal.Actor, n NewUser) (portal.User, error) {
	if !a.Is(portal.RoleAdmin) {
		return portal.User{}, portal.Errorf(portal.EForbidden, "%s may not create accounts", a.Role)
	}
	if n.Role == portal.RoleApplicant || !n.Role.Valid() {
		return portal.User{}, portal.FieldError("role", "field.role")
	}
	if !IsStaffLogin(n.Login) {
		return portal.User{}, portal.FieldError("login", "field.login")
	}
	if err := auth.CheckPolicy(n.Password, n.Login); err != nil {
		return portal.User{}, portal.FieldError("password", err.Error())
	}
	if n.Role.AtWindow() || n.DepartmentCode != "" || n.SiteCode != "" {
		if err := s.checkPlace(ctx, n.Role, n.DepartmentCode, n.SiteCode); err != nil {
			return portal.User{}, err
		}
	}
	hash, err := auth.HashPassword(n.Password)
	if err != nil {
		return portal.User{}, err
	}
	u := portal.User{Login: n.Login, Phone: n.Phone, Name: strings.TrimSpace(n.Name), Role: n.Role,
		DepartmentCode: n.DepartmentCode, SiteCode: n.SiteCode, PasswordHash: hash}
	if err := s.DB.CreateUser(ctx, &u); err != nil {
		if portal.ErrorCode(err) == portal.ELoginTaken {
			return u, &portal.Error{Code: portal.ELoginTaken, Fields: map[string]string{"login": "field.login_taken"}}
		}
		return u, err
	}
	return u, nil
}

func (s *Service) checkPlace(ctx context.Context, role portal.Role, dept, site string) error {
	fields := map[string]string{}
	deps, err := s.DB.ListDepartments(ctx)
	if err != nil {
		return err
	}
	sites, err := s.DB.ListSites(ctx)
	if err != nil {
		return err
	}
	if !hasDept(deps, dept) && (dept != "" || role.AtWindow()) {
		fields["department_code"] = "field.department"
	}
	if !hasSite(sites, site) && (site != "" || role.AtWindow()) {
		fields["site_code"] = "field.site"
	}
	if len(fields) > 0 {
		return &portal.Error{Code: portal.EInvalid, Fields: fields}
	}
	return nil
}

func hasDept(deps []portal.Department, code string) bool {
	for _, d := range deps {
		if d.Code == code {
			return true
		}
	}
	return false
}

func hasSite(sites []portal.Site, code string) bool {
	for _, s := range sites {
		if s.Code == code {
			return true
		}
	}
	return false
}

// ListUsers lets an admin see accounts.
func (s *Service) ListUsers(ctx context.Context, a portal.Actor, role portal.Role) ([]portal.User, error) {
	if !a.Is(portal.RoleAdmin) {
		return nil, portal.Errorf(portal.EForbidden, "%s may not list accounts", a.Role)
	}
	return s.DB.ListUsers(ctx, role, 500)
}

// EnsureAdmin creates the first admin (login "admin") when no account exists yet, so a fresh
// installation can be configured. It does nothing when accounts exist or password is empty.
func (s *Service) EnsureAdmin(ctx context.Context, password string) (bool, error) {
	if password == "" {
		return false, nil
	}
	n, err := s.DB.CountUsers(ctx)
	if err != nil || n > 0 {
		return false, err
	}
	if err := auth.CheckPolicy(password, "admin"); err != nil {
		return false, errors.New("PORTAL_ADMIN_PASSWORD: 8 to 64 characters with letters and digits, not a common password")
	}
	hash, err := auth.HashPassword(password)
	if err != nil {
		return false, err
	}
	u := portal.User{Login: "admin", Name: "系统管理员", Role: portal.RoleAdmin, PasswordHash: hash}
	if err := s.DB.CreateUser(ctx, &u); err != nil {
		// Another replica created it first: fine.
		if portal.ErrorCode(err) == portal.ELoginTaken {
			return false, nil
		}
		return false, err
	}
	return true, nil
}

// MaskPhone hides the middle of a mobile number: 138****0001 (个人信息保护法).
func MaskPhone(p string) string {
	if len(p) != 11 {
		return p
	}
	return p[:3] + "****" + p[7:]
}

func maskLogin(l string) string {
	if IsMobile(l) {
		return MaskPhone(l)
	}
	return l
}
