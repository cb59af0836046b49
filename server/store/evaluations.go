package store

import (
	"context"
	"database/sql"

	"portal/server/portal"
)

// Evaluation returns a case's evaluation.
func (db *DB) Evaluation(ctx context.Context, appID string) (portal.Evaluation, error) {
	var e portal.Evaluation
	err := db.conn().queryRow(ctx, `SELECT application_id, user_id, level, comment, channel, recorded_by, created_at
		FROM evaluations WHERE application_id = ?`, appID).
		Scan(&e.ApplicationID, &e.UserID, &e.Level, &e.Comment, &e.Channel, &e.RecordedBy, &e.CreatedAt)
	return e, notFound(err, "evaluation")
}

// Evaluate records a case's evaluation, once: a second one is EAlreadyEvaluated, whoever
// sends it. A bad review opens its rectification task and tells the department in the
// same transaction.
func (db *DB) Evaluate(ctx context.Context, e *portal.Evaluation, role string, rect *portal.Rectification, notes ...portal.Notification) error {
	err := db.tx(ctx, func(c conn) error {
		e.CreatedAt = db.now()
		if _, err := c.exec(ctx, `INSERT INTO evaluations (application_id, user_id, level, comment, channel, recorded_by, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, e.ApplicationID, e.UserID, e.Level, e.Comment, e.Channel, e.RecordedBy, e.CreatedAt); err != nil {
			return err
		}
		if err := db.appEvent(ctx, c, e.ApplicationID, e.RecordedBy, role, "evaluated", "", "", ""); err != nil {
			return err
		}
		if rect != nil {
			rect.ID, rect.Status, rect.CreatedAt = NewID(), "open", e.CreatedAt
			if _, err := c.exec(ctx, `INSERT INTO rectifications (id, application_id, department_code, site_code, level, comment, due_date,
				status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, rect.ID, rect.ApplicationID, rect.DepartmentCode, rect.SiteCode,
				rect.Level, rect.Comment, rect.DueDate, rect.Status, rect.CreatedAt); err != nil {
				return err
			}
		}
		for _, n := range notes {
			if err := db.notify(ctx, c, n); err != nil {
				return err
			}
		}
		return nil
	})
	if isUniqueViolation(err) {
		return portal.Errorf(portal.EAlreadyEvaluated, "case %s already evaluated", e.ApplicationID)
	}
	return err
}

// LastCompletedUnrated is the case a window completed most recently on a date that has no
// evaluation yet: what the counter's rating device shows.
func (db *DB) LastCompletedUnrated(ctx context.Context, dept, site, date string) (string, error) {
	var id string
	err := db.conn().queryRow(ctx, `SELECT a.id FROM applications a JOIN cases c ON c.application_id = a.id
		WHERE a.department_code = ? AND a.site_code = ? AND a.status = ? AND c.completed_on = ?
		AND NOT EXISTS (SELECT 1 FROM evaluations e WHERE e.application_id = a.id)
		ORDER BY c.completed_at DESC, a.id LIMIT 1`, dept, site, portal.AppCompleted, date).Scan(&id)
	return id, notFound(err, "completed case")
}

const rectColumns = `r.id, r.application_id, r.department_code, r.site_code, r.level, r.comment, r.due_date, r.status,
	r.callback_note, r.callback_at, r.callback_by, r.measures, r.closed_at, r.closed_by, r.created_at, a.case_no, a.item_code`

func scanRect(row rowScanner) (portal.Rectification, error) {
	var r portal.Rectification
	var cb, closed sql.NullTime
	err := row.Scan(&r.ID, &r.ApplicationID, &r.DepartmentCode, &r.SiteCode, &r.Level, &r.Comment, &r.DueDate, &r.Status,
		&r.CallbackNote, &cb, &r.CallbackBy, &r.Measures, &closed, &r.ClosedBy, &r.CreatedAt, &r.CaseNo, &r.ItemCode)
	r.CallbackAt, r.ClosedAt = timePtr(cb), timePtr(closed)
	return r, err
}

// Rectification returns one rectification task.
func (db *DB) Rectification(ctx context.Context, id string) (portal.Rectification, error) {
	r, err := scanRect(db.conn().queryRow(ctx, `SELECT `+rectColumns+` FROM rectifications r
		JOIN applications a ON a.id = r.application_id WHERE r.id = ?`, id))
	return r, notFound(err, "rectification")
}

// Rectifications lists rectification tasks of a department and site (” for all), open
// ones by due date first.
func (db *DB) Rectifications(ctx context.Context, dept, site, status string) ([]portal.Rectification, error) {
	q := `SELECT ` + rectColumns + ` FROM rectifications r JOIN applications a ON a.id = r.application_id WHERE 1 = 1`
	var args []any
	if dept != "" {
		q += ` AND r.department_code = ? AND r.site_code = ?`
		args = append(args, dept, site)
	}
	if status != "" {
		q += ` AND r.status = ?`
		args = append(args, status)
	}
	q += ` ORDER BY r.status DESC, r.due_date, r.created_at LIMIT 500`
	return queryAll(ctx, db.conn(), scanRect, q, args...)
}

// RecordCallback records the call-back (回访) of an open rectification.
func (db *DB) RecordCallback(ctx context.Context, id, note, by string) error {
	res, err := db.conn().exec(ctx, `UPDATE rectifications SET callback_note = ?, callback_at = ?, callback_by = ?
		WHERE id = ? AND status = 'open'`, note, db.now(), by, id)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return portal.Errorf(portal.EInvalidState, "rectification %s is closed", id)
	}
	return nil
}

// CloseRectification closes an open rectification that has its call-back.
func (db *DB) CloseRectification(ctx context.Context, id, measures, by string) error {
	res, err := db.conn().exec(ctx, `UPDATE rectifications SET status = 'closed', measures = ?, closed_at = ?, closed_by = ?
		WHERE id = ? AND status = 'open' AND callback_at IS NOT NULL`, measures, db.now(), by, id)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		r, err := db.Rectification(ctx, id)
		if err == nil && r.Status == "open" {
			return portal.Errorf(portal.ECallbackRequired, "rectification %s has no call-back", id)
		}
		return portal.Errorf(portal.EInvalidState, "rectification %s is closed", id)
	}
	return nil
}
