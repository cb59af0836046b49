// Package cases is the life of an application after pre-review: a window accepts it (受理),
// which starts a clock of working days; the clock pauses for corrections, expert review,
// hearings and site surveys; the chief completes it (办结) as approved or denied. Warnings
// go out when a case nears or passes its due date, the applicant rates the case once
// (好差评), a bad review opens a rectification task, and anyone holding the case number
// and the phone's last four digits can follow its progress.
package cases

import (
	"context"
	"strings"
	"sync"
	"time"

	"portal/server/calendar"
	"portal/server/portal"
	"portal/server/prereview"
	"portal/server/store"
)

// Service runs cases.
type Service struct {
	DB *store.DB
	// Notices signs the notices cases issue and verifies their codes.
	Notices *prereview.Service
	// Calendar loads the working-day calendar (see calendar, which keeps it a minute).
	Calendar func(context.Context) (*calendar.Calendar, error)
	Loc      *time.Location
	Now      func() time.Time
	// WarnDays: a yellow warning when at most this many working days are left (default 1).
	WarnDays int
	// RectifyDays: working days a department has to rectify after a bad review (default 5).
	RectifyDays int

	calMu     sync.Mutex
	cal       *calendar.Calendar
	calLoaded time.Time
}

// calendarTTL is how long a loaded calendar serves before it is read again. Every case
// view needs it and it changes a few times a year; an admin's edit reaches deadlines within
// the minute, on every replica.
const calendarTTL = time.Minute

// calendar returns the working-day calendar, loaded at most once a minute.
func (s *Service) calendar(ctx context.Context) (*calendar.Calendar, error) {
	s.calMu.Lock()
	defer s.calMu.Unlock()
	if s.cal != nil && time.Since(s.calLoaded) < calendarTTL {
		return s.cal, nil
	}
	cal, err := s.Calendar(ctx)
	if err != nil {
		return nil, err
	}
	s.cal, s.calLoaded = cal, time.Now()
	return cal, nil
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

func (s *Service) today() calendar.Date { return calendar.DateOf(s.now(), s.Loc) }

func (s *Service) warnDays() int {
	if s.WarnDays > 0 {
		return s.WarnDays
	}
	return 1
}

func (s *Service) rectifyDays() int {
	if s.RectifyDays > 0 {
		return s.RectifyDays
	}
	return 5
}

// atWindow reports whether the caller works at the window an application is addressed to.
func atWindow(a portal.Actor, app portal.Application) bool {
	return a.Is(portal.RoleStaff, portal.RoleChief) && a.DepartmentCode == app.DepartmentCode && a.SiteCode == app.SiteCode
}

// forWindow loads an application the caller's window acts on. Those who may not see it are
// told it does not exist; those who may see but not act (supervisors) are refused.
func (s *Service) forWindow(ctx context.Context, a portal.Actor, id string) (portal.Application, error) {
	app, err := s.Notices.Get(ctx, a, id)
	if err != nil {
		return app, err
	}
	if !atWindow(a, app) {
		return app, portal.Errorf(portal.EForbidden, "%s may not act on application %s", a.UserID, id)
	}
	return app, nil
}

// mayDecide reports whether the caller may accept and decide cases of the application's
// department: its chief (首席代表), or its staff where the department allows.
func (s *Service) mayDecide(ctx context.Context, a portal.Actor, app portal.Application) error {
	if a.Role == portal.RoleChief {
		return nil
	}
	ok, err := s.DB.StaffMayAccept(ctx, app.DepartmentCode)
	if err != nil {
		return err
	}
	if !ok {
		return portal.Errorf(portal.EForbidden, "staff of %s may not accept or decide", app.DepartmentCode)
	}
	return nil
}

// MayDecide reports whether the caller may accept and decide the application's case, for
// the page to offer only what the server will allow.
func (s *Service) MayDecide(ctx context.Context, a portal.Actor, app portal.Application) bool {
	return atWindow(a, app) && s.mayDecide(ctx, a, app) == nil
}

// Accept accepts (受理) a passed application and starts its clock. pending names materials
// accepted as pending (容缺受理), due by pendingDue. completeNow, for an instant item
// (即办件), completes it as approved in the same visit.
func (s *Service) Accept(ctx context.Context, a portal.Actor, id string, version int, pending []string, pendingDue, note string, completeNow bool) (portal.Application, error) {
	app, err := s.forWindow(ctx, a, id)
	if err != nil {
		return app, err
	}
	if err := s.mayDecide(ctx, a, app); err != nil {
		return app, err
	}
	if app.Status != portal.AppPassed {
		return app, portal.Errorf(portal.EInvalidState, "application %s is %s", id, app.Status)
	}
	item, err := s.DB.Item(ctx, app.ItemCode)
	if err != nil {
		return app, err
	}
	cal, err := s.calendar(ctx)
	if err != nil {
		return app, err
	}
	today := s.today()
	fields := map[string]string{}
	own := map[string]bool{}
	for _, m := range app.Materials {
		own[m.MaterialID] = true
	}
	seen := map[string]bool{}
	var pend []string
	for _, m := range pending {
		if !own[m] {
			fields["pending"] = "field.material_unknown"
		} else if !seen[m] {
			seen[m] = true
			pend = append(pend, m)
		}
	}
	if len(pend) > 0 {
		d, err := calendar.ParseDate(pendingDue)
		switch {
		case pendingDue == "":
			fields["pending_due"] = "field.required"
		case err != nil:
			fields["pending_due"] = "field.date"
		case !d.After(today):
			fields["pending_due"] = "field.date_future"
		}
	}
	if completeNow && (item.Handling != portal.HandlingInstant || len(pend) > 0) {
		fields["complete_now"] = "field.not_instant"
	}
	if len(fields) > 0 {
		return app, &portal.Error{Code: portal.EInvalid, Fields: fields}
	}
	if len(pend) == 0 {
		pendingDue = ""
	}
	due := Due(cal, today, item.PromisedDays, 0).String()
	action, kind := "accepted", "case_accepted"
	if len(pend) > 0 {
		action, kind = "accepted_pending", "case_accepted_pending"
	}
	notice := s.notice(ctx, app, item.Name, item.DepartmentName, portal.NoticeAccepted, a.UserID, note)
	notice.Body.DueDate = due
	if len(pend) > 0 {
		notice.Body.PendingDue = pendingDue
		for _, m := range item.Materials {
			if seen[m.ID] {
				notice.Body.Lines = append(notice.Body.Lines, portal.NoticeLine{Material: m.Name})
			}
		}
	}
	out, err := s.DB.Transition(ctx, app.ID, []string{portal.AppPassed}, portal.AppAccepted, version, a.UserID, string(a.Role), action, note,
		func(tx store.Tx, cur portal.Application) error {
			if err := tx.CreateCase(ctx, portal.Case{ApplicationID: app.ID, AcceptedOn: today.String(), AcceptedBy: a.UserID,
				Handling: item.Handling, LegalDays: item.LegalDays, PromisedDays: item.PromisedDays, DueDate: due,
				PendingMaterials: pend, PendingDue: pendingDue}); err != nil {
				return err
			}
			if err := tx.IssueNotice(ctx, &notice); err != nil {
				return err
			}
			if err := tx.Audit(ctx, a.UserID, "case:"+action, "application:"+app.ID, due); err != nil {
				return err
			}
			return tx.Notify(ctx, portal.Notification{UserID: app.UserID, Kind: kind, Link: "/applications/" + app.ID,
				Params: map[string]string{"case_no": app.CaseNo, "item": item.Name, "due_date": due, "pending_due": pendingDue}})
		})
	if err != nil || !completeNow {
		return out, err
	}
	return s.Complete(ctx, a, id, out.Version, portal.OutcomeApproved, "")
}

// notice prepares a notice of the case for the applicant, signed with a verification code.
func (s *Service) notice(ctx context.Context, app portal.Application, item, dept, kind, by, note string) portal.Notice {
	applicant, _ := s.DB.UserByID(ctx, app.UserID)
	return portal.Notice{ID: store.NewID(), Code: s.Notices.NewNoticeCode(), ApplicationID: app.ID, Kind: kind, IssuedBy: by,
		Body: portal.NoticeBody{Kind: kind, CaseNo: app.CaseNo, Item: item, Department: dept,
			Site: s.Notices.SiteName(ctx, app.SiteCode), Applicant: prereview.MaskName(applicant.Name), Note: strings.TrimSpace(note),
			IssuedOn: s.today().String()}}
}

// Refuse does not accept (不予受理) a passed application, with reasons, and issues the notice.
func (s *Service) Refuse(ctx context.Context, a portal.Actor, id string, version int, reason string) (portal.Application, error) {
	app, err := s.forWindow(ctx, a, id)
	if err != nil {
		return app, err
	}
	if err := s.mayDecide(ctx, a, app); err != nil {
		return app, err
	}
	if reason = strings.TrimSpace(reason); reason == "" {
		return app, portal.FieldError("reason", "field.reason_required")
	}
	item, err := s.DB.Item(ctx, app.ItemCode)
	if err != nil {
		return app, err
	}
	notice := s.notice(ctx, app, item.Name, item.DepartmentName, portal.NoticeNotAccepted, a.UserID, reason)
	return s.DB.Transition(ctx, app.ID, []string{portal.AppPassed}, portal.AppNotAccepted, version, a.UserID, string(a.Role), "not_accepted", reason,
		func(tx store.Tx, cur portal.Application) error {
			if err := tx.IssueNotice(ctx, &notice); err != nil {
				return err
			}
			if err := tx.Audit(ctx, a.UserID, "case:not_accepted", "application:"+app.ID, notice.Code); err != nil {
				return err
			}
			return tx.Notify(ctx, portal.Notification{UserID: app.UserID, Kind: "case_not_accepted", Link: "/applications/" + app.ID,
				Params: map[string]string{"case_no": app.CaseNo, "item": item.Name}})
		})
}

// Start marks an accepted case as being handled.
func (s *Service) Start(ctx context.Context, a portal.Actor, id string, version int, note string) (portal.Application, error) {
	if _, err := s.forWindow(ctx, a, id); err != nil {
		return portal.Application{}, err
	}
	return s.DB.Transition(ctx, id, []string{portal.AppAccepted}, portal.AppInProgress, version, a.UserID, string(a.Role), "started", note, nil)
}

// Pause stops a case's clock for a reason the law allows.
func (s *Service) Pause(ctx context.Context, a portal.Actor, id string, version int, kind, note string) (portal.Application, error) {
	app, err := s.forWindow(ctx, a, id)
	if err != nil {
		return app, err
	}
	switch kind {
	case portal.PauseCorrection, portal.PauseExpertReview, portal.PauseHearing, portal.PauseSiteSurvey:
	default:
		return app, portal.FieldError("kind", "field.oneof")
	}
	if note = strings.TrimSpace(note); note == "" {
		return app, portal.FieldError("note", "field.reason_required")
	}
	item, err := s.DB.Item(ctx, app.ItemCode)
	if err != nil {
		return app, err
	}
	today := s.today().String()
	return s.DB.Transition(ctx, id, []string{portal.AppAccepted, portal.AppInProgress}, portal.AppPaused, version, a.UserID, string(a.Role),
		"paused", kind+": "+note, func(tx store.Tx, cur portal.Application) error {
			if err := tx.StartPause(ctx, portal.Pause{ApplicationID: id, Kind: kind, Note: note, StartedOn: today, StartedBy: a.UserID}); err != nil {
				return err
			}
			return tx.Notify(ctx, portal.Notification{UserID: app.UserID, Kind: "case_paused", Link: "/applications/" + id,
				Params: map[string]string{"case_no": app.CaseNo, "item": item.Name, "note": note, "pause": kind}})
		})
}

// Resume restarts a paused clock; the due date moves by the working days the pause lasted.
func (s *Service) Resume(ctx context.Context, a portal.Actor, id string, version int, note string) (portal.Application, error) {
	app, err := s.forWindow(ctx, a, id)
	if err != nil {
		return app, err
	}
	c, err := s.DB.Case(ctx, id)
	if err != nil {
		return app, err
	}
	pauses, err := s.DB.Pauses(ctx, id)
	if err != nil {
		return app, err
	}
	var open *portal.Pause
	for i := range pauses {
		if pauses[i].EndedOn == "" {
			open = &pauses[i]
		}
	}
	if open == nil {
		return app, portal.Errorf(portal.EInvalidState, "case %s has no open pause", id)
	}
	cal, err := s.calendar(ctx)
	if err != nil {
		return app, err
	}
	item, err := s.DB.Item(ctx, app.ItemCode)
	if err != nil {
		return app, err
	}
	today := s.today()
	started, _ := calendar.ParseDate(open.StartedOn)
	accepted, _ := calendar.ParseDate(c.AcceptedOn)
	days := PausedDays(cal, started, today)
	due := Due(cal, accepted, c.PromisedDays, c.PausedDays+days).String()
	return s.DB.Transition(ctx, id, []string{portal.AppPaused}, portal.AppInProgress, version, a.UserID, string(a.Role), "resumed", note,
		func(tx store.Tx, cur portal.Application) error {
			if err := tx.EndPause(ctx, id, today.String(), a.UserID, days, due); err != nil {
				return err
			}
			return tx.Notify(ctx, portal.Notification{UserID: app.UserID, Kind: "case_resumed", Link: "/applications/" + id,
				Params: map[string]string{"case_no": app.CaseNo, "item": item.Name, "due_date": due}})
		})
}

// Complete completes (办结) a running case as approved (准予) or denied (不予许可, with
// reasons) and issues the decision. A paused case resumes first; an approval waits for
// the materials accepted as pending.
func (s *Service) Complete(ctx context.Context, a portal.Actor, id string, version int, outcome, reason string) (portal.Application, error) {
	app, err := s.forWindow(ctx, a, id)
	if err != nil {
		return app, err
	}
	if err := s.mayDecide(ctx, a, app); err != nil {
		return app, err
	}
	reason = strings.TrimSpace(reason)
	switch {
	case outcome != portal.OutcomeApproved && outcome != portal.OutcomeDenied:
		return app, portal.FieldError("outcome", "field.oneof")
	case outcome == portal.OutcomeDenied && reason == "":
		return app, portal.FieldError("reason", "field.reason_required")
	}
	if outcome == portal.OutcomeApproved {
		left, err := s.DB.PendingMaterialsLeft(ctx, id)
		if err != nil {
			return app, err
		}
		if left > 0 {
			return app, portal.Errorf(portal.EPendingIncomplete, "case %s has %d pending materials", id, left)
		}
	}
	item, err := s.DB.Item(ctx, app.ItemCode)
	if err != nil {
		return app, err
	}
	notice := s.notice(ctx, app, item.Name, item.DepartmentName, portal.NoticeCompleted, a.UserID, reason)
	notice.Body.Outcome = outcome
	today := s.today().String()
	return s.DB.Transition(ctx, id, []string{portal.AppAccepted, portal.AppInProgress}, portal.AppCompleted, version, a.UserID, string(a.Role),
		"completed_"+outcome, reason, func(tx store.Tx, cur portal.Application) error {
			if err := tx.CompleteCase(ctx, id, today, a.UserID, outcome, reason); err != nil {
				return err
			}
			if err := tx.IssueNotice(ctx, &notice); err != nil {
				return err
			}
			if err := tx.Audit(ctx, a.UserID, "case:completed_"+outcome, "application:"+id, notice.Code); err != nil {
				return err
			}
			return tx.Notify(ctx, portal.Notification{UserID: app.UserID, Kind: "case_" + outcome, Link: "/applications/" + id,
				Params: map[string]string{"case_no": app.CaseNo, "item": item.Name}})
		})
}

// View is a case as people see it: the stored case with its pauses, and today's reading of
// its clock.
type View struct {
	Case       portal.Case
	Pauses     []portal.Pause
	DueDate    string
	DaysLeft   *int // nil once closed
	Warning    string
	PausedDays int // including the open pause so far
	Evaluation *portal.Evaluation
}

// ViewOf reads a case's clock today. It returns nil for an application never accepted.
func (s *Service) ViewOf(ctx context.Context, app portal.Application) (*View, error) {
	c, err := s.DB.Case(ctx, app.ID)
	if portal.ErrorCode(err) == portal.ENotFound {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	pauses, err := s.DB.Pauses(ctx, app.ID)
	if err != nil {
		return nil, err
	}
	cal, err := s.calendar(ctx)
	if err != nil {
		return nil, err
	}
	v := s.clock(cal, app.Status, c, pauses)
	if app.Status == portal.AppCompleted {
		e, err := s.DB.Evaluation(ctx, app.ID)
		if err == nil {
			v.Evaluation = &e
		} else if portal.ErrorCode(err) != portal.ENotFound {
			return nil, err
		}
	}
	return v, nil
}

// clock reads a case's due date, days left and warning today. While a pause lasts the
// due date moves day by day and no warning shows: the clock is stopped.
func (s *Service) clock(cal *calendar.Calendar, status string, c portal.Case, pauses []portal.Pause) *View {
	today := s.today()
	v := &View{Case: c, Pauses: pauses, DueDate: c.DueDate, PausedDays: c.PausedDays}
	accepted, _ := calendar.ParseDate(c.AcceptedOn)
	for i, p := range pauses {
		// An open pause moves the due date only while the case waits in it: a case
		// withdrawn or terminated while paused keeps the date it had.
		if p.EndedOn == "" && status == portal.AppPaused {
			start, _ := calendar.ParseDate(p.StartedOn)
			pauses[i].Days = PausedDays(cal, start, today)
			v.PausedDays += pauses[i].Days
			v.DueDate = Due(cal, accepted, c.PromisedDays, v.PausedDays).String()
		}
	}
	if !running(status) {
		return v
	}
	due, _ := calendar.ParseDate(v.DueDate)
	left := DaysLeft(cal, today, due)
	v.DaysLeft = &left
	if status != portal.AppPaused {
		v.Warning = WarningOf(left, s.warnDays())
	}
	return v
}

func running(status string) bool {
	for _, r := range portal.Running {
		if r == status {
			return true
		}
	}
	return false
}

// Views lists cases for a window (its department at its site) or a supervisor (all).
const (
	ViewTodo     = "todo"     // passed, waiting for acceptance
	ViewRunning  = "running"  // accepted, in progress or paused
	ViewWarnings = "warnings" // running with a yellow or red warning
	ViewClosed   = "closed"
)

// ListItem is a case in a list with today's reading of its clock.
type ListItem struct {
	Row  store.CaseRow
	View *View
}

// List lists cases for a view, with the counts of yellow and red warnings among the
// running ones of the same scope.
func (s *Service) List(ctx context.Context, a portal.Actor, view string) (list []ListItem, yellow, red int, err error) {
	q := store.CaseQuery{}
	switch {
	case a.Is(portal.RoleStaff, portal.RoleChief):
		q.Department, q.Site = a.DepartmentCode, a.SiteCode
	case a.Is(portal.RoleSupervisor):
	default:
		return nil, 0, 0, portal.Errorf(portal.EForbidden, "%s may not list cases", a.Role)
	}
	cal, err := s.calendar(ctx)
	if err != nil {
		return nil, 0, 0, err
	}
	// The counts: running cases within the yellow horizon, read with the same clock as a list.
	warnQ := q
	warnQ.Statuses = []string{portal.AppAccepted, portal.AppInProgress}
	warnQ.DueBy = cal.AddWorkingDays(anySite, s.today(), s.warnDays()).String()
	warnQ.Limit = 1000
	warn, err := s.items(ctx, cal, warnQ)
	if err != nil {
		return nil, 0, 0, err
	}
	for _, it := range warn {
		switch it.View.Warning {
		case portal.WarningYellow:
			yellow++
		case portal.WarningRed:
			red++
		}
	}
	switch view {
	case ViewTodo:
		q.Statuses = []string{portal.AppPassed}
	case ViewRunning, "":
		q.Statuses = portal.Running
	case ViewWarnings:
		return warn, yellow, red, nil
	case ViewClosed:
		q.Statuses = []string{portal.AppCompleted, portal.AppNotAccepted, portal.AppWithdrawn, portal.AppTerminated}
		q.Limit = 100
	default:
		return nil, 0, 0, portal.FieldError("view", "field.oneof")
	}
	list, err = s.items(ctx, cal, q)
	return list, yellow, red, err
}

func (s *Service) items(ctx context.Context, cal *calendar.Calendar, q store.CaseQuery) ([]ListItem, error) {
	rows, err := s.DB.Cases(ctx, q)
	if err != nil {
		return nil, err
	}
	out := make([]ListItem, 0, len(rows))
	for _, r := range rows {
		it := ListItem{Row: r}
		if r.Case != nil {
			pauses := []portal.Pause(nil)
			if r.App.Status == portal.AppPaused {
				if pauses, err = s.DB.Pauses(ctx, r.App.ID); err != nil {
					return nil, err
				}
			}
			it.View = s.clock(cal, r.App.Status, *r.Case, pauses)
		}
		out = append(out, it)
	}
	return out, nil
}
