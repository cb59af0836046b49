package demo

import (
	"context"
	"fmt"

	"portal/server/auth"
	"portal/server/portal"
	"portal/server/store"
)

// Password is the password of every demo account. Demo data is for trying the portal out
// on one's own machine, never for a deployment.
const Password = "Demo2026pass"

// Account is a demo login, printed at start so people can try each role.
type Account struct {
	Role  portal.Role
	Login string
	Name  string
}

// Accounts are the demo logins, one per role. Window staff sit at the market regulation
// window of the county centre, the busiest window in the source documents.
var Accounts = []Account{
	{portal.RoleApplicant, "13800000001", "张明"},
	{portal.RoleStaff, "staff", "李窗口"},
	{portal.RoleChief, "chief", "王首席"},
	{portal.RoleAgent, "agent", "赵代办"},
	{portal.RoleSupervisor, "supervisor", "陈监察"},
	{portal.RoleAdmin, "admin", "系统管理员"},
}

// Seed fills an empty database with the demo catalog and one account per role. It does
// nothing when the catalog already has departments, so restarts keep what people changed.
func Seed(ctx context.Context, db *store.DB) (bool, error) {
	deps, err := db.ListDepartments(ctx)
	if err != nil {
		return false, err
	}
	if len(deps) > 0 {
		return false, nil
	}
	for _, s := range Sites() {
		if err := db.PutSite(ctx, s); err != nil {
			return false, err
		}
	}
	for _, d := range Departments() {
		if err := db.PutDepartment(ctx, d); err != nil {
			return false, err
		}
	}
	// Market regulation lets its window staff accept and decide (most of its items are
	// instant registrations); elsewhere only the chief representative does.
	if err := db.SetStaffMayAccept(ctx, "scjgj", true); err != nil {
		return false, err
	}
	for _, it := range Items() {
		status := it.Status
		it.Status = portal.ItemActive
		if err := db.CreateItem(ctx, &it, "demo", "演示数据"); err != nil {
			return false, fmt.Errorf("item %s: %w", it.Code, err)
		}
		if status != portal.ItemActive {
			if _, err := db.SetItemStatus(ctx, it.Code, status, it.Version, "demo", "演示：一清理三减少"); err != nil {
				return false, err
			}
		}
	}
	hash, err := auth.HashPassword(Password)
	if err != nil {
		return false, err
	}
	for _, a := range Accounts {
		u := portal.User{Login: a.Login, Name: a.Name, Role: a.Role, PasswordHash: hash}
		if a.Role == portal.RoleApplicant {
			u.Phone = a.Login
		}
		if a.Role.AtWindow() {
			u.DepartmentCode, u.SiteCode = "scjgj", "county"
		}
		if err := db.CreateUser(ctx, &u); err != nil {
			// The admin may exist already (PORTAL_ADMIN_PASSWORD).
			if portal.ErrorCode(err) == portal.ELoginTaken {
				continue
			}
			return false, err
		}
	}
	return true, nil
}
