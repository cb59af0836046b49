package cases

import (
	"context"
	"strconv"
	"time"

	"portal/server/calendar"
	"portal/server/jobs"
	"portal/server/portal"
	"portal/server/store"
)

// Jobs are the sweeps of cases, to run in every replica.
func (s *Service) Jobs() []jobs.Job {
	return []jobs.Job{
		{Name: "case-warnings", Every: time.Minute, Run: s.SweepWarnings},
		{Name: "pending-materials", Every: time.Minute, Run: s.SweepPending},
	}
}

// SweepWarnings raises the warning of every running case that reached its yellow horizon
// or its due date and tells the person who accepted it. Each warning is sent once: the
// database raises a case's level with a conditional update (see store.RaiseWarning).
func (s *Service) SweepWarnings(ctx context.Context) (int, error) {
	cal, err := s.calendar(ctx)
	if err != nil {
		return 0, err
	}
	today := s.today()
	rows, err := s.DB.Cases(ctx, store.CaseQuery{Statuses: []string{portal.AppAccepted, portal.AppInProgress},
		DueBy: cal.AddWorkingDays(anySite, today, s.warnDays()).String(), Limit: 1000})
	if err != nil {
		return 0, err
	}
	sent := 0
	for _, r := range rows {
		c := r.Case
		due, err := calendar.ParseDate(c.DueDate)
		if err != nil {
			continue
		}
		left := DaysLeft(cal, today, due)
		level := WarningOf(left, s.warnDays())
		if level == "" || level == c.Warning || c.Warning == portal.WarningRed {
			continue
		}
		kind := "case_due_soon"
		if level == portal.WarningRed {
			kind = "case_overdue"
		}
		ok, err := s.DB.RaiseWarning(ctx, r.App.ID, c.Warning, level, portal.Notification{UserID: c.AcceptedBy, Kind: kind,
			Link: "/cases/view?id=" + r.App.ID, Params: map[string]string{"case_no": r.App.CaseNo, "item": r.Item,
				"due_date": c.DueDate, "days_left": strconv.Itoa(max(left, 0))}})
		if err != nil {
			return sent, err
		}
		if ok {
			sent++
		}
	}
	return sent, nil
}

// SweepPending reminds applicants whose pending materials (容缺) are due within a working
// day, once, and closes the cases whose pending materials did not arrive by their date:
// under the centre's 容缺受理 rules such a case ends (终止办理) and the applicant applies
// again.
func (s *Service) SweepPending(ctx context.Context) (int, error) {
	cal, err := s.calendar(ctx)
	if err != nil {
		return 0, err
	}
	today := s.today()
	rows, err := s.DB.Cases(ctx, store.CaseQuery{Statuses: portal.Running, PendingDue: true, Limit: 1000})
	if err != nil {
		return 0, err
	}
	done := 0
	for _, r := range rows {
		c := r.Case
		left, err := s.DB.PendingMaterialsLeft(ctx, r.App.ID)
		if err != nil || left == 0 {
			continue
		}
		due, err := calendar.ParseDate(c.PendingDue)
		if err != nil {
			continue
		}
		params := map[string]string{"case_no": r.App.CaseNo, "item": r.Item, "pending_due": c.PendingDue}
		link := "/applications/" + r.App.ID
		switch {
		case today.After(due):
			_, err := s.DB.Transition(ctx, r.App.ID, portal.Running, portal.AppTerminated, 0, "system", "system", "terminated", "pending materials not supplied by "+c.PendingDue,
				func(tx store.Tx, cur portal.Application) error {
					if err := tx.CompleteCase(ctx, r.App.ID, today.String(), "system", portal.OutcomeTerminated, "pending_overdue"); err != nil {
						return err
					}
					if err := tx.Notify(ctx, portal.Notification{UserID: r.App.UserID, Kind: "case_terminated", Link: link, Params: params}); err != nil {
						return err
					}
					return tx.Notify(ctx, portal.Notification{UserID: c.AcceptedBy, Kind: "case_terminated", Link: "/cases/view?id=" + r.App.ID, Params: params})
				})
			if portal.ErrorCode(err) == portal.EInvalidState {
				continue // another replica, or the applicant, moved it first
			}
			if err != nil {
				return done, err
			}
			done++
		case !c.PendingReminded && !cal.AddWorkingDays(anySite, today, 1).Before(due):
			ok, err := s.DB.ClaimPendingReminder(ctx, r.App.ID, portal.Notification{UserID: r.App.UserID, Kind: "pending_reminder", Link: link, Params: params})
			if err != nil {
				return done, err
			}
			if ok {
				done++
			}
		}
	}
	return done, nil
}
