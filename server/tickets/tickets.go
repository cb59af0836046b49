// Package tickets is consultations and complaints (咨询/投诉): an applicant asks or
// complains, optionally about one of their cases or a department; the first person at a
// desk who picks it up owns it until it is closed (首问负责制); replies reach the applicant
// in their inbox, and the time to the first reply is kept.
package tickets

import (
	"context"
	"slices"
	"strings"

	"portal/server/portal"
	"portal/server/store"
)

// Service runs tickets.
type Service struct {
	DB *store.DB
}

// mayHandle reports whether a desk person may see and claim a ticket: supervisors any;
// the chief of the department named any of its tickets; its staff consultations. A
// consultation naming no department is for any window.
func mayHandle(a portal.Actor, t portal.Ticket) bool {
	switch {
	case a.Is(portal.RoleSupervisor):
		return true
	case a.Is(portal.RoleChief):
		return t.DepartmentCode == a.DepartmentCode || (t.DepartmentCode == "" && t.Kind == portal.TicketConsultation)
	case a.Is(portal.RoleStaff):
		return t.Kind == portal.TicketConsultation && (t.DepartmentCode == a.DepartmentCode || t.DepartmentCode == "")
	}
	return false
}

// Open opens a ticket. A case number must be one of the caller's; it names the case's
// department when none is given.
func (s *Service) Open(ctx context.Context, a portal.Actor, kind, subject, body, caseNo, dept string) (portal.Ticket, error) {
	if !a.Is(portal.RoleApplicant, portal.RoleAgent) {
		return portal.Ticket{}, portal.Errorf(portal.EForbidden, "%s may not open tickets", a.Role)
	}
	t := portal.Ticket{Kind: kind, UserID: a.UserID, Subject: strings.TrimSpace(subject), DepartmentCode: dept}
	body = strings.TrimSpace(body)
	fields := map[string]string{}
	if kind != portal.TicketConsultation && kind != portal.TicketComplaint {
		fields["kind"] = "field.oneof"
	}
	if t.Subject == "" {
		fields["subject"] = "field.required"
	}
	if body == "" {
		fields["body"] = "field.required"
	}
	if caseNo = strings.TrimSpace(caseNo); caseNo != "" {
		app, err := s.DB.ApplicationByCaseNo(ctx, caseNo)
		if err != nil || app.UserID != a.UserID {
			fields["case_no"] = "field.case_unknown"
		} else {
			t.ApplicationID = app.ID
			if t.DepartmentCode == "" {
				t.DepartmentCode = app.DepartmentCode
			}
		}
	}
	if t.DepartmentCode != "" {
		deps, err := s.DB.ListDepartments(ctx)
		if err != nil {
			return t, err
		}
		if !slices.ContainsFunc(deps, func(d portal.Department) bool { return d.Code == t.DepartmentCode }) {
			fields["department_code"] = "field.department"
		}
	}
	if len(fields) > 0 {
		return t, &portal.Error{Code: portal.EInvalid, Fields: fields}
	}
	// The people who may pick it up hear of it: the department's chiefs, and its staff
	// for a consultation. A consultation naming no department waits in every window's list.
	var notify []string
	if t.DepartmentCode != "" {
		roles := []portal.Role{portal.RoleChief}
		if t.Kind == portal.TicketConsultation {
			roles = append(roles, portal.RoleStaff)
		}
		var err error
		if notify, err = s.DB.WindowPeople(ctx, t.DepartmentCode, roles...); err != nil {
			return t, err
		}
	}
	err := s.DB.CreateTicket(ctx, &t, body, func(id string) []portal.Notification {
		var out []portal.Notification
		for _, who := range notify {
			out = append(out, portal.Notification{UserID: who, Kind: "ticket_new", Link: "/tickets/view?id=" + id,
				Params: map[string]string{"subject": t.Subject}})
		}
		return out
	})
	if err != nil {
		return t, err
	}
	return s.DB.Ticket(ctx, t.ID)
}

// Get returns a ticket to its applicant, its owner and those who may handle it; to anyone
// else it does not exist.
func (s *Service) Get(ctx context.Context, a portal.Actor, id string) (portal.Ticket, error) {
	t, err := s.DB.Ticket(ctx, id)
	if err != nil {
		return t, err
	}
	if t.UserID != a.UserID && t.OwnerID != a.UserID && !mayHandle(a, t) {
		return portal.Ticket{}, portal.Errorf(portal.ENotFound, "ticket %s hidden from %s", id, a.UserID)
	}
	return t, nil
}

// List lists the caller's tickets (applicants) or those their desk may handle.
func (s *Service) List(ctx context.Context, a portal.Actor) ([]portal.Ticket, error) {
	switch {
	case a.Is(portal.RoleApplicant, portal.RoleAgent):
		return s.DB.Tickets(ctx, store.TicketQuery{UserID: a.UserID})
	case a.Is(portal.RoleSupervisor):
		return s.DB.Tickets(ctx, store.TicketQuery{All: true})
	case a.Is(portal.RoleChief):
		// Chiefs: every ticket of the department, and consultations naming none.
		all, err := s.DB.Tickets(ctx, store.TicketQuery{Department: a.DepartmentCode, AnyDepartment: true, OwnerID: a.UserID})
		var out []portal.Ticket
		for _, t := range all {
			if mayHandle(a, t) || t.OwnerID == a.UserID {
				out = append(out, t)
			}
		}
		return out, err
	case a.Is(portal.RoleStaff):
		return s.DB.Tickets(ctx, store.TicketQuery{Department: a.DepartmentCode, AnyDepartment: true,
			Kinds: []string{portal.TicketConsultation}, OwnerID: a.UserID})
	}
	return nil, portal.Errorf(portal.EForbidden, "%s has no tickets", a.Role)
}

// Claim makes the caller the ticket's owner, if nobody is.
func (s *Service) Claim(ctx context.Context, a portal.Actor, id string) (portal.Ticket, error) {
	t, err := s.Get(ctx, a, id)
	if err != nil {
		return t, err
	}
	if !mayHandle(a, t) {
		return t, portal.Errorf(portal.EForbidden, "%s may not claim ticket %s", a.UserID, id)
	}
	if err := s.DB.ClaimTicket(ctx, id, a.UserID); err != nil {
		return t, err
	}
	return s.DB.Ticket(ctx, id)
}

// Reply adds a message: the owner answers, the applicant follows up.
func (s *Service) Reply(ctx context.Context, a portal.Actor, id, body string) (portal.Ticket, error) {
	t, err := s.Get(ctx, a, id)
	if err != nil {
		return t, err
	}
	if body = strings.TrimSpace(body); body == "" {
		return t, portal.FieldError("body", "field.required")
	}
	switch a.UserID {
	case t.UserID:
		err = s.DB.ReplyTicket(ctx, id, a.UserID, true, body, nil)
	case t.OwnerID:
		err = s.DB.ReplyTicket(ctx, id, a.UserID, false, body, &portal.Notification{UserID: t.UserID, Kind: "ticket_reply",
			Link: "/tickets/view?id=" + t.ID, Params: map[string]string{"subject": t.Subject}})
	default:
		// Only the owner speaks for the centre: a colleague claims first, or is refused.
		return t, portal.Errorf(portal.EForbidden, "%s does not own ticket %s", a.UserID, id)
	}
	if err != nil {
		return t, err
	}
	return s.DB.Ticket(ctx, id)
}

// Close closes a ticket: its owner, or the applicant who opened it.
func (s *Service) Close(ctx context.Context, a portal.Actor, id string) (portal.Ticket, error) {
	t, err := s.Get(ctx, a, id)
	if err != nil {
		return t, err
	}
	if a.UserID != t.OwnerID && a.UserID != t.UserID {
		return t, portal.Errorf(portal.EForbidden, "%s does not own ticket %s", a.UserID, id)
	}
	if err := s.DB.CloseTicket(ctx, id); err != nil {
		return t, err
	}
	return s.DB.Ticket(ctx, id)
}
