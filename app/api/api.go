// Package api holds the JSON wire types shared by the server and the WebAssembly client.
// It imports only the standard library so the client stays small. The `validate` tags are
// read by go-playground/validator on the server; here they are only strings.
package api

import "time"

// Base is the path prefix of every API endpoint.
const Base = "/api/v1"

// ErrorBody is the shape of every error response.
type ErrorBody struct {
	Error ErrorDetail `json:"error"`
}

// ErrorDetail says what went wrong: a stable code, a message in the caller's language and,
// for invalid input, a message per field.
type ErrorDetail struct {
	Code    string            `json:"code"`
	Message string            `json:"message"`
	Fields  map[string]string `json:"fields,omitempty"`
}

// RegisterRequest creates an applicant account.
type RegisterRequest struct {
	Phone    string `json:"phone" validate:"required,cnmobile"`
	Password string `json:"password" validate:"required,password"`
	Name     string `json:"name" validate:"required,max=40"`
}

// LoginRequest signs in by mobile number (applicants) or login (staff).
type LoginRequest struct {
	Login    string `json:"login" validate:"required,max=64"`
	Password string `json:"password" validate:"required,max=128"`
}

// LoginResponse carries a short-lived access token; the refresh token travels in an
// HttpOnly cookie and never reaches script.
type LoginResponse struct {
	AccessToken string `json:"access_token"`
	TokenType   string `json:"token_type"`
	ExpiresIn   int    `json:"expires_in"`
	User        User   `json:"user"`
}

// User is an account as the API shows it. Phone is masked except to its owner.
type User struct {
	ID             string `json:"id"`
	Name           string `json:"name"`
	Role           string `json:"role"`
	Login          string `json:"login,omitempty"`
	Phone          string `json:"phone,omitempty"`
	DepartmentCode string `json:"department_code,omitempty"`
	SiteCode       string `json:"site_code,omitempty"`
}

// CreateUserRequest is an admin creating a staff, chief, agent, supervisor or admin account.
type CreateUserRequest struct {
	Login          string `json:"login" validate:"required,login"`
	Password       string `json:"password" validate:"required,password"`
	Name           string `json:"name" validate:"required,max=40"`
	Role           string `json:"role" validate:"required,oneof=staff chief agent supervisor admin"`
	DepartmentCode string `json:"department_code" validate:"max=32"`
	SiteCode       string `json:"site_code" validate:"max=32"`
	Phone          string `json:"phone" validate:"omitempty,cnmobile"`
}

// UserList lists accounts for admins.
type UserList struct {
	Users []User `json:"users"`
}

// Site is a service centre.
type Site struct {
	Code    string `json:"code"`
	Name    string `json:"name"`
	Kind    string `json:"kind"`
	Address string `json:"address"`
	Hours   string `json:"hours"`
	Phone   string `json:"phone"`
}

// SiteList answers GET /sites.
type SiteList struct {
	Sites []Site `json:"sites"`
}

// Department is a department with a window.
type Department struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

// DepartmentList answers GET /departments.
type DepartmentList struct {
	Departments []Department `json:"departments"`
}

// ItemSummary is an item in a list.
type ItemSummary struct {
	Code           string `json:"code"`
	Name           string `json:"name"`
	DepartmentCode string `json:"department_code"`
	DepartmentName string `json:"department_name"`
	Kind           string `json:"kind"`
	Handling       string `json:"handling"`
	LegalDays      int    `json:"legal_days"`
	PromisedDays   int    `json:"promised_days"`
	Trips          int    `json:"trips"`
	OnlinePreview  bool   `json:"online_prereview"`
	Bookable       bool   `json:"bookable"`
	Status         string `json:"status"`
}

// ItemList answers GET /items.
type ItemList struct {
	Items []ItemSummary `json:"items"`
	Total int           `json:"total"`
}

// Item is the full guide of one item.
type Item struct {
	ItemSummary
	Fee        string     `json:"fee"`
	FeeBasis   string     `json:"fee_basis"`
	Conditions string     `json:"conditions"`
	LegalBasis string     `json:"legal_basis"`
	Keywords   string     `json:"keywords"`
	Sites      []Site     `json:"sites"`
	Materials  []Material `json:"materials"`
	Version    int        `json:"version"`
	UpdatedAt  time.Time  `json:"updated_at"`
}

// Material is one document an item asks for.
type Material struct {
	ID       string   `json:"id"`
	Name     string   `json:"name"`
	Required bool     `json:"required"`
	Form     string   `json:"form"`
	Copies   int      `json:"copies"`
	Formats  []string `json:"formats"`
	MaxBytes int64    `json:"max_bytes"`
	Notes    string   `json:"notes"`
	Sample   string   `json:"sample"`
	TypeCode string   `json:"type_code"`
}

// ItemInput creates or edits an item. Version must be the version the editor saw, so two
// admins editing at once do not silently overwrite each other.
type ItemInput struct {
	Code           string          `json:"code" validate:"required,itemcode"`
	Name           string          `json:"name" validate:"required,max=100"`
	DepartmentCode string          `json:"department_code" validate:"required,max=32"`
	Kind           string          `json:"kind" validate:"required,oneof=licensing other_approval public_service convenience"`
	Handling       string          `json:"handling" validate:"required,oneof=instant promise"`
	LegalDays      int             `json:"legal_days" validate:"min=0,max=365"`
	PromisedDays   int             `json:"promised_days" validate:"min=0,max=365,ltefield=LegalDays"`
	Fee            string          `json:"fee" validate:"max=200"`
	FeeBasis       string          `json:"fee_basis" validate:"max=500"`
	Conditions     string          `json:"conditions" validate:"max=2000"`
	LegalBasis     string          `json:"legal_basis" validate:"max=2000"`
	Trips          int             `json:"trips" validate:"min=0,max=5"`
	OnlinePreview  bool            `json:"online_prereview"`
	Bookable       bool            `json:"bookable"`
	Keywords       string          `json:"keywords" validate:"max=200"`
	Sites          []string        `json:"sites" validate:"required,min=1,dive,max=32"`
	Materials      []MaterialInput `json:"materials" validate:"max=40,dive"`
	Version        int             `json:"version" validate:"min=0"`
	Note           string          `json:"note" validate:"max=500"`
}

// MaterialInput is one material of an ItemInput. An empty ID adds a material.
type MaterialInput struct {
	ID       string   `json:"id" validate:"max=40"`
	Name     string   `json:"name" validate:"required,max=100"`
	Required bool     `json:"required"`
	Form     string   `json:"form" validate:"required,oneof=original copy original_and_copy electronic"`
	Copies   int      `json:"copies" validate:"min=0,max=20"`
	Formats  []string `json:"formats" validate:"max=5,dive,oneof=pdf jpg png"`
	MaxBytes int64    `json:"max_bytes" validate:"min=0,max=104857600"`
	Notes    string   `json:"notes" validate:"max=500"`
	Sample   string   `json:"sample" validate:"max=500"`
	TypeCode string   `json:"type_code" validate:"max=40"`
}

// ItemStatusRequest retires or restores an item; the note says why (e.g. the notice that
// cancelled it).
type ItemStatusRequest struct {
	Status  string `json:"status" validate:"required,oneof=active cancelled adjusted delegated"`
	Note    string `json:"note" validate:"required,max=500"`
	Version int    `json:"version" validate:"min=0"`
}

// ItemChange is an entry of an item's history.
type ItemChange struct {
	ID      string    `json:"id"`
	Action  string    `json:"action"`
	ActorID string    `json:"actor_id"`
	Note    string    `json:"note"`
	At      time.Time `json:"at"`
}

// ItemHistory answers GET /admin/items/{code}/history.
type ItemHistory struct {
	Changes []ItemChange `json:"changes"`
}

// Health answers /healthz and /readyz.
type Health struct {
	Status string            `json:"status"`
	Checks map[string]string `json:"checks,omitempty"`
}
