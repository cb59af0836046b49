// Package portal holds the domain of the government service portal in plain Go types:
// people and their roles, the service catalog, and the errors every layer speaks.
// It imports nothing of the project, so every other server package can depend on it.
package portal

import "time"

// Role is what a signed-in person may do. See DESIGN §2.
type Role string

const (
	RoleApplicant  Role = "applicant"
	RoleStaff      Role = "staff"
	RoleChief      Role = "chief"
	RoleAgent      Role = "agent"
	RoleSupervisor Role = "supervisor"
	RoleAdmin      Role = "admin"
)

// Valid reports whether r is one of the known roles.
func (r Role) Valid() bool {
	switch r {
	case RoleApplicant, RoleStaff, RoleChief, RoleAgent, RoleSupervisor, RoleAdmin:
		return true
	}
	return false
}

// AtWindow reports whether the role works at a department's window and so must be bound to
// a department and a site.
func (r Role) AtWindow() bool { return r == RoleStaff || r == RoleChief }

// User is an account. Applicants log in with their mobile number; staff with a login an
// admin gives them.
type User struct {
	ID             string
	Login          string
	Phone          string
	Name           string
	Role           Role
	DepartmentCode string
	SiteCode       string
	PasswordHash   string
	Disabled       bool
	CreatedAt      time.Time
}

// Site is a service centre: the county centre or a township centre.
type Site struct {
	Code     string
	Name     string
	Kind     string // "county" or "township"
	Address  string
	Hours    string
	Phone    string
	Position int
}

// Department is a government department with a window in the hall.
type Department struct {
	Code     string
	Name     string
	Position int
}

// ItemKind is the legal nature of a service item.
type ItemKind string

const (
	KindLicensing     ItemKind = "licensing"      // 行政许可
	KindOtherApproval ItemKind = "other_approval" // 其他行政权力
	KindPublicService ItemKind = "public_service" // 公共服务
	KindConvenience   ItemKind = "convenience"    // 便民服务
)

// Valid reports whether k is a known kind.
func (k ItemKind) Valid() bool {
	switch k {
	case KindLicensing, KindOtherApproval, KindPublicService, KindConvenience:
		return true
	}
	return false
}

// Handling says whether an item is done on the spot or within promised days.
type Handling string

const (
	HandlingInstant Handling = "instant" // 即办件
	HandlingPromise Handling = "promise" // 承诺件
)

// ItemStatus is where an item stands in the catalog. Only active items are public; the others
// are kept with their history because the source documents report clean-ups
// (取消/调整/下放) and people ask what became of an item.
type ItemStatus string

const (
	ItemActive    ItemStatus = "active"
	ItemCancelled ItemStatus = "cancelled" // 取消
	ItemAdjusted  ItemStatus = "adjusted"  // 调整 (merged or replaced)
	ItemDelegated ItemStatus = "delegated" // 下放 (moved to a lower level)
)

// Valid reports whether s is a known status.
func (s ItemStatus) Valid() bool {
	switch s {
	case ItemActive, ItemCancelled, ItemAdjusted, ItemDelegated:
		return true
	}
	return false
}

// Item is a service item (事项) with everything its guide (办事指南) shows.
type Item struct {
	Code           string
	Name           string
	DepartmentCode string
	Kind           ItemKind
	Handling       Handling
	LegalDays      int // 法定时限, working days
	PromisedDays   int // 承诺时限, working days; 0 for instant items
	Fee            string
	FeeBasis       string
	Conditions     string
	LegalBasis     string
	Trips          int // 最多跑几次
	OnlinePreview  bool
	Bookable       bool
	Keywords       string
	Sites          []string // site codes where the item is handled
	Status         ItemStatus
	Materials      []Material
	Version        int
	UpdatedAt      time.Time
}

// MaterialForm says what the applicant hands in.
type MaterialForm string

const (
	FormOriginal        MaterialForm = "original"          // 原件
	FormCopy            MaterialForm = "copy"              // 复印件
	FormOriginalAndCopy MaterialForm = "original_and_copy" // 原件和复印件
	FormElectronic      MaterialForm = "electronic"        // 电子材料
)

// Valid reports whether f is a known form.
func (f MaterialForm) Valid() bool {
	switch f {
	case FormOriginal, FormCopy, FormOriginalAndCopy, FormElectronic:
		return true
	}
	return false
}

// Material is one document an item asks for.
type Material struct {
	ID       string
	Name     string
	Required bool
	Form     MaterialForm
	Copies   int
	Formats  []string // file formats accepted online: pdf, jpg, png
	MaxBytes int64
	Notes    string
	Sample   string
	// TypeCode names the kind of document (an ID card, a business licence) so that one
	// verified upload can serve several items.
	TypeCode string
}

// ItemChange is one entry of an item's history.
type ItemChange struct {
	ID       string
	ItemCode string
	Action   string // created, updated, or the new status
	ActorID  string
	Note     string
	At       time.Time
}

// ItemQuery filters the public catalog.
type ItemQuery struct {
	Q              string
	DepartmentCode string
	SiteCode       string
	Kind           ItemKind
	Handling       Handling
	IncludeRetired bool // admins only
	Limit          int
	Offset         int
}

// Actor is who makes a request, as the access token says.
type Actor struct {
	UserID         string
	Name           string
	Role           Role
	DepartmentCode string
	SiteCode       string
}

// Is reports whether the actor has one of roles.
func (a Actor) Is(roles ...Role) bool {
	for _, r := range roles {
		if a.Role == r {
			return true
		}
	}
	return false
}
