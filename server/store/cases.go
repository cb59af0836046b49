package store

import (
	"context"
	"database/sql"
	"strings"

	"portal/server/portal"
)

const caseColumns = `application_id, accepted_at, accepted_on, accepted_by, handling, legal_days, promised_days, due_date,
	paused_days, warning, pending_materials, pending_due, pending_reminded, completed_at, completed_on, completed_by, outcome, reason`

func scanCase(r rowScanner) (portal.Case, error) {
	var c portal.Case
	var pending string
	var completed sql.NullTime
	err := r.Scan(&c.ApplicationID, &c.AcceptedAt, &c.AcceptedOn, &c.AcceptedBy, &c.Handling, &c.LegalDays, &c.PromisedDays,
		&c.DueDate, &c.PausedDays, &c.Warning, &pending, &c.PendingDue, &c.PendingReminded, &completed, &c.CompletedOn,
		&c.CompletedBy, &c.Outcome, &c.Reason)
	if pending != "" {
		c.PendingMaterials = strings.Split(pending, ",")
	}
	c.CompletedAt = timePtr(completed)
	return c, err
}

// Case returns the case row of an accepted application.
func (db *DB) Case(ctx context.Context, appID string) (portal.Case, error) {
	c, err := scanCase(db.conn().queryRow(ctx, `SELECT `+caseColumns+` FROM cases WHERE application_id = ?`, appID))
	return c, notFound(err, "case")
}

// Pauses lists a case's pauses, oldest first.
func (db *DB) Pauses(ctx context.Context, appID string) ([]portal.Pause, error) {
	return queryAll(ctx, db.conn(), scanPause, `SELECT `+pauseColumns+` FROM case_pauses WHERE application_id = ? ORDER BY started_at, id`, appID)
}

const pauseColumns = `id, application_id, kind, note, started_on, started_by, started_at, ended_on, ended_by, days`

func scanPause(r rowScanner) (portal.Pause, error) {
	var p portal.Pause
	err := r.Scan(&p.ID, &p.ApplicationID, &p.Kind, &p.Note, &p.StartedOn, &p.StartedBy, &p.StartedAt, &p.EndedOn, &p.EndedBy, &p.Days)
	return p, err
}

// CreateCase starts a case's clock (inside an acceptance transition). Pending materials are
// marked so the applicant may still upload them.
func (t Tx) CreateCase(ctx context.Context, c portal.Case) error {
	c.AcceptedAt = t.db.now()
	if _, err := t.c.exec(ctx, `INSERT INTO cases (application_id, accepted_at, accepted_on, accepted_by, handling, legal_days,
		promised_days, due_date, pending_materials, pending_due) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		c.ApplicationID, c.AcceptedAt, c.AcceptedOn, c.AcceptedBy, string(c.Handling), c.LegalDays, c.PromisedDays, c.DueDate,
		strings.Join(c.PendingMaterials, ","), c.PendingDue); err != nil {
		return err
	}
	for _, m := range c.PendingMaterials {
		if err := t.SetMaterialReview(ctx, c.ApplicationID, m, portal.MatPending, ""); err != nil {
			return err
		}
	}
	return nil
}

// CompleteCase records the outcome of a case.
func (t Tx) CompleteCase(ctx context.Context, appID, on, by, outcome, reason string) error {
	_, err := t.c.exec(ctx, `UPDATE cases SET completed_at = ?, completed_on = ?, completed_by = ?, outcome = ?, reason = ?
		WHERE application_id = ?`, t.db.now(), on, by, outcome, reason, appID)
	return err
}

// StartPause opens a pause of the clock.
func (t Tx) StartPause(ctx context.Context, p portal.Pause) error {
	_, err := t.c.exec(ctx, `INSERT INTO case_pauses (id, application_id, kind, note, started_on, started_by, started_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, NewID(), p.ApplicationID, p.Kind, p.Note, p.StartedOn, p.StartedBy, t.db.now())
	return err
}

// EndPause closes the open pause with the working days it stopped the clock, adds them to
// the case and moves its due date. A moved due date may need its warnings again.
func (t Tx) EndPause(ctx context.Context, appID, on, by string, days int, due string) error {
	res, err := t.c.exec(ctx, `UPDATE case_pauses SET ended_on = ?, ended_by = ?, days = ? WHERE application_id = ? AND ended_on = ''`,
		on, by, days, appID)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return portal.Errorf(portal.EInvalidState, "case %s has no open pause", appID)
	}
	_, err = t.c.exec(ctx, `UPDATE cases SET paused_days = paused_days + ?, due_date = ?, warning = '' WHERE application_id = ?`,
		days, due, appID)
	return err
}

// CaseRow is an application with its case (if accepted) and what lists show beside it.
type CaseRow struct {
	App   portal.Application
	Case  *portal.Case
	Item  string
	Phone string // applicant's, for masking and the public query
	Name  string // applicant's
}

// CaseQuery selects cases for a list.
type CaseQuery struct {
	Department, Site string // empty: all
	Statuses         []string
	DueBy            string // running cases due on or before this date ('' for any)
	PendingDue       bool   // only cases still waiting for pending materials (容缺)
	Limit            int
}

// Cases lists applications with their cases, the ones due first, then the newest.
func (db *DB) Cases(ctx context.Context, q CaseQuery) ([]CaseRow, error) {
	where := []string{"a.status IN (" + placeholders(len(q.Statuses)) + ")"}
	var args []any
	for _, s := range q.Statuses {
		args = append(args, s)
	}
	if q.Department != "" {
		where = append(where, "a.department_code = ?")
		args = append(args, q.Department)
	}
	if q.Site != "" {
		where = append(where, "a.site_code = ?")
		args = append(args, q.Site)
	}
	if q.DueBy != "" {
		where = append(where, "c.due_date <= ?")
		args = append(args, q.DueBy)
	}
	if q.PendingDue {
		where = append(where, "c.pending_due <> ''")
	}
	if q.Limit <= 0 {
		q.Limit = 200
	}
	args = append(args, q.Limit)
	return db.caseRows(ctx, `WHERE `+strings.Join(where, " AND ")+`
		ORDER BY CASE WHEN c.due_date IS NULL THEN 1 ELSE 0 END, c.due_date, a.updated_at DESC, a.id LIMIT ?`, args...)
}

// CaseByNo finds a submitted application by case number, with its applicant's phone. It is
// one indexed query whether or not the number exists, so the public query answers a wrong
// number and wrong digits in the same time.
func (db *DB) CaseByNo(ctx context.Context, caseNo string) (CaseRow, error) {
	// Only applications that were submitted: a draft, withdrawn or not, is nobody's case yet.
	rows, err := db.caseRows(ctx, `WHERE a.case_no = ? AND a.submitted_at IS NOT NULL`, caseNo)
	if err != nil {
		return CaseRow{}, err
	}
	if len(rows) == 0 {
		return CaseRow{}, portal.Errorf(portal.ECaseNotFound, "no case %s", caseNo)
	}
	return rows[0], nil
}

func (db *DB) caseRows(ctx context.Context, tail string, args ...any) ([]CaseRow, error) {
	return queryAll(ctx, db.conn(), func(r rowScanner) (CaseRow, error) {
		var row CaseRow
		var (
			appID                                         sql.NullString
			acceptedAt, completedAt                       sql.NullTime
			acceptedOn, acceptedBy, handling, due, warn   sql.NullString
			pending, pendingDue, completedOn, completedBy sql.NullString
			outcome, reason                               sql.NullString
			legal, promised, paused                       sql.NullInt64
			reminded                                      sql.NullBool
			submitted                                     sql.NullTime
		)
		a := &row.App
		err := r.Scan(&a.ID, &a.CaseNo, &a.UserID, &a.ItemCode, &a.SiteCode, &a.DepartmentCode, &a.Status, &a.Version, &a.NoticeID,
			&a.CreatedAt, &a.UpdatedAt, &submitted, &row.Item, &row.Phone, &row.Name,
			&appID, &acceptedAt, &acceptedOn, &acceptedBy, &handling, &legal, &promised, &due, &paused, &warn, &pending,
			&pendingDue, &reminded, &completedAt, &completedOn, &completedBy, &outcome, &reason)
		if err != nil {
			return row, err
		}
		a.SubmittedAt = timePtr(submitted)
		if appID.Valid {
			c := portal.Case{ApplicationID: appID.String, AcceptedAt: acceptedAt.Time, AcceptedOn: acceptedOn.String,
				AcceptedBy: acceptedBy.String, Handling: portal.Handling(handling.String), LegalDays: int(legal.Int64),
				PromisedDays: int(promised.Int64), DueDate: due.String, PausedDays: int(paused.Int64), Warning: warn.String,
				PendingDue: pendingDue.String, PendingReminded: reminded.Bool, CompletedAt: timePtr(completedAt),
				CompletedOn: completedOn.String, CompletedBy: completedBy.String, Outcome: outcome.String, Reason: reason.String}
			if pending.String != "" {
				c.PendingMaterials = strings.Split(pending.String, ",")
			}
			row.Case = &c
		}
		return row, nil
	}, `SELECT `+prefixed("a", appColumns)+`, i.name, u.phone, u.name, `+prefixed("c", caseColumns)+`
		FROM applications a JOIN items i ON i.code = a.item_code JOIN users u ON u.id = a.user_id
		LEFT JOIN cases c ON c.application_id = a.id `+tail, args...)
}

func placeholders(n int) string { return strings.TrimSuffix(strings.Repeat("?, ", n), ", ") }

// RaiseWarning moves a running case's warning from one level to the next and writes the
// notification and the history entry in the same transaction. The conditional update is
// the claim: of several replicas sweeping at once, one raises it and the others find it
// raised, so each warning goes out once.
func (db *DB) RaiseWarning(ctx context.Context, appID, from, to string, n portal.Notification) (bool, error) {
	raised := false
	err := db.tx(ctx, func(c conn) error {
		res, err := c.exec(ctx, `UPDATE cases SET warning = ? WHERE application_id = ? AND warning = ? AND completed_at IS NULL
			AND EXISTS (SELECT 1 FROM applications a WHERE a.id = ? AND a.status IN (?, ?))`,
			to, appID, from, appID, portal.AppAccepted, portal.AppInProgress)
		if err != nil {
			return err
		}
		if k, _ := res.RowsAffected(); k == 0 {
			return nil
		}
		raised = true
		if err := db.appEvent(ctx, c, appID, "system", "system", "warned_"+to, "", "", n.Params["due_date"]); err != nil {
			return err
		}
		return db.notify(ctx, c, n)
	})
	return raised, err
}

// ClaimPendingReminder marks a case's pending-materials reminder sent, once, and writes it.
func (db *DB) ClaimPendingReminder(ctx context.Context, appID string, n portal.Notification) (bool, error) {
	sent := false
	err := db.tx(ctx, func(c conn) error {
		res, err := c.exec(ctx, `UPDATE cases SET pending_reminded = TRUE WHERE application_id = ? AND pending_reminded = FALSE`, appID)
		if err != nil {
			return err
		}
		if k, _ := res.RowsAffected(); k == 0 {
			return nil
		}
		sent = true
		return db.notify(ctx, c, n)
	})
	return sent, err
}

// PendingMaterialsLeft counts the materials of an application still pending.
func (db *DB) PendingMaterialsLeft(ctx context.Context, appID string) (int, error) {
	var n int
	err := db.conn().queryRow(ctx, `SELECT COUNT(*) FROM application_materials WHERE application_id = ? AND status = ?`,
		appID, portal.MatPending).Scan(&n)
	return n, err
}

// StaffMayAccept reports whether a department lets window staff (not only its chief)
// accept and decide cases.
func (db *DB) StaffMayAccept(ctx context.Context, dept string) (bool, error) {
	var ok bool
	err := db.conn().queryRow(ctx, `SELECT staff_may_accept FROM departments WHERE code = ?`, dept).Scan(&ok)
	return ok, notFound(err, "department")
}

// SetStaffMayAccept sets a department's acceptance rule.
func (db *DB) SetStaffMayAccept(ctx context.Context, dept string, ok bool) error {
	_, err := db.conn().exec(ctx, `UPDATE departments SET staff_may_accept = ? WHERE code = ?`, ok, dept)
	return err
}
