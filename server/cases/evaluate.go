package cases

import (
	"context"
	"strings"

	"portal/server/portal"
)

// Evaluate records the applicant's rating of their completed case (好差评), once.
func (s *Service) Evaluate(ctx context.Context, a portal.Actor, id string, level int, comment string) (portal.Evaluation, error) {
	app, err := s.DB.Application(ctx, id)
	if err != nil {
		return portal.Evaluation{}, err
	}
	if app.UserID != a.UserID {
		return portal.Evaluation{}, portal.Errorf(portal.ENotFound, "application %s is not %s's", id, a.UserID)
	}
	return s.evaluate(ctx, a, app, portal.Evaluation{ApplicationID: id, UserID: app.UserID, Level: level, Comment: comment,
		Channel: portal.ChannelOnline, RecordedBy: a.UserID})
}

// EvaluateAtWindow records a rating the applicant gives on the counter's device (评价器)
// for a case that window completed today.
func (s *Service) EvaluateAtWindow(ctx context.Context, a portal.Actor, id string, level int, comment string) (portal.Evaluation, error) {
	app, err := s.forWindow(ctx, a, id)
	if err != nil {
		return portal.Evaluation{}, err
	}
	c, err := s.DB.Case(ctx, id)
	if err != nil {
		return portal.Evaluation{}, err
	}
	if app.Status != portal.AppCompleted || c.CompletedOn != s.today().String() {
		return portal.Evaluation{}, portal.Errorf(portal.ENotYetEvaluable, "case %s was not completed here today", id)
	}
	return s.evaluate(ctx, a, app, portal.Evaluation{ApplicationID: id, UserID: app.UserID, Level: level, Comment: comment,
		Channel: portal.ChannelWindow, RecordedBy: a.UserID})
}

func (s *Service) evaluate(ctx context.Context, a portal.Actor, app portal.Application, e portal.Evaluation) (portal.Evaluation, error) {
	if e.Level < 1 || e.Level > 5 {
		return e, portal.FieldError("level", "field.oneof")
	}
	e.Comment = strings.TrimSpace(e.Comment)
	if app.Status != portal.AppCompleted {
		return e, portal.Errorf(portal.ENotYetEvaluable, "application %s is %s", app.ID, app.Status)
	}
	var rect *portal.Rectification
	var notes []portal.Notification
	if portal.BadReview(e.Level) {
		cal, err := s.calendar(ctx)
		if err != nil {
			return e, err
		}
		c, err := s.DB.Case(ctx, app.ID)
		if err != nil {
			return e, err
		}
		item, err := s.DB.Item(ctx, app.ItemCode)
		if err != nil {
			return e, err
		}
		due := cal.AddWorkingDays(anySite, s.today(), s.rectifyDays()).String()
		rect = &portal.Rectification{ApplicationID: app.ID, DepartmentCode: app.DepartmentCode, SiteCode: app.SiteCode,
			Level: e.Level, Comment: e.Comment, DueDate: due}
		params := map[string]string{"case_no": app.CaseNo, "item": item.Name, "due_date": due}
		// The person who decided the case and the one who accepted it answer for it.
		for _, who := range dedupe(c.CompletedBy, c.AcceptedBy) {
			notes = append(notes, portal.Notification{UserID: who, Kind: "rectification_opened", Link: "/rectifications", Params: params})
		}
	}
	err := s.DB.Evaluate(ctx, &e, string(a.Role), rect, notes...)
	return e, err
}

func dedupe(ids ...string) []string {
	var out []string
	for _, id := range ids {
		if id != "" && id != "system" && (len(out) == 0 || out[len(out)-1] != id) {
			out = append(out, id)
		}
	}
	return out
}

// LastCompleted is the case the caller's window completed most recently today that has no
// rating yet, for the counter's rating device.
func (s *Service) LastCompleted(ctx context.Context, a portal.Actor) (portal.Application, error) {
	if !a.Is(portal.RoleStaff, portal.RoleChief) {
		return portal.Application{}, portal.Errorf(portal.EForbidden, "%s has no window", a.Role)
	}
	id, err := s.DB.LastCompletedUnrated(ctx, a.DepartmentCode, a.SiteCode, s.today().String())
	if err != nil {
		return portal.Application{}, err
	}
	return s.DB.Application(ctx, id)
}

// Rectifications lists rectification tasks: a window's own, or all for a supervisor.
// status is open, closed or "" for all.
func (s *Service) Rectifications(ctx context.Context, a portal.Actor, status string) ([]portal.Rectification, error) {
	switch {
	case a.Is(portal.RoleStaff, portal.RoleChief):
		return s.DB.Rectifications(ctx, a.DepartmentCode, a.SiteCode, status)
	case a.Is(portal.RoleSupervisor):
		return s.DB.Rectifications(ctx, "", "", status)
	}
	return nil, portal.Errorf(portal.EForbidden, "%s may not see rectifications", a.Role)
}

// Overdue reports whether an open rectification is past its due date today.
func (s *Service) Overdue(r portal.Rectification) bool {
	return r.Status == "open" && r.DueDate < s.today().String()
}

// rectification loads a task the caller may act on: the window of its department and site,
// or a supervisor. Anyone else is told it does not exist.
func (s *Service) rectification(ctx context.Context, a portal.Actor, id string) (portal.Rectification, error) {
	r, err := s.DB.Rectification(ctx, id)
	if err != nil {
		return r, err
	}
	if a.Is(portal.RoleSupervisor) || (a.Is(portal.RoleStaff, portal.RoleChief) && a.DepartmentCode == r.DepartmentCode && a.SiteCode == r.SiteCode) {
		return r, nil
	}
	return portal.Rectification{}, portal.Errorf(portal.ENotFound, "rectification %s hidden from %s", id, a.UserID)
}

// Callback records the call-back to the applicant (回访).
func (s *Service) Callback(ctx context.Context, a portal.Actor, id, note string) (portal.Rectification, error) {
	if _, err := s.rectification(ctx, a, id); err != nil {
		return portal.Rectification{}, err
	}
	if note = strings.TrimSpace(note); note == "" {
		return portal.Rectification{}, portal.FieldError("note", "field.required")
	}
	if err := s.DB.RecordCallback(ctx, id, note, a.UserID); err != nil {
		return portal.Rectification{}, err
	}
	return s.DB.Rectification(ctx, id)
}

// CloseRectification closes a rectification with the measures taken: the department's
// chief or a supervisor, after the call-back.
func (s *Service) CloseRectification(ctx context.Context, a portal.Actor, id, measures string) (portal.Rectification, error) {
	if _, err := s.rectification(ctx, a, id); err != nil {
		return portal.Rectification{}, err
	}
	if !a.Is(portal.RoleChief, portal.RoleSupervisor) {
		return portal.Rectification{}, portal.Errorf(portal.EForbidden, "%s may not close rectifications", a.Role)
	}
	if measures = strings.TrimSpace(measures); measures == "" {
		return portal.Rectification{}, portal.FieldError("measures", "field.required")
	}
	if err := s.DB.CloseRectification(ctx, id, measures, a.UserID); err != nil {
		return portal.Rectification{}, err
	}
	return s.DB.Rectification(ctx, id)
}
