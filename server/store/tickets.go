package store

import (
	"context"
	"database/sql"

	"portal/server/portal"
)

const ticketColumns = `id, kind, user_id, application_id, department_code, subject, status, owner_id, created_at, claimed_at,
	first_reply_at, closed_at`

func scanTicket(r rowScanner) (portal.Ticket, error) {
	var t portal.Ticket
	var claimed, replied, closed sql.NullTime
	err := r.Scan(&t.ID, &t.Kind, &t.UserID, &t.ApplicationID, &t.DepartmentCode, &t.Subject, &t.Status, &t.OwnerID, &t.CreatedAt,
		&claimed, &replied, &closed)
	t.ClaimedAt, t.FirstReplyAt, t.ClosedAt = timePtr(claimed), timePtr(replied), timePtr(closed)
	return t, err
}

// CreateTicket opens a consultation or complaint with its first message and tells those
// who may pick it up.
func (db *DB) CreateTicket(ctx context.Context, t *portal.Ticket, body string, notes func(id string) []portal.Notification) error {
	return db.tx(ctx, func(c conn) error {
		t.ID, t.Status, t.CreatedAt = NewID(), portal.TicketOpen, db.now()
		if _, err := c.exec(ctx, `INSERT INTO tickets (id, kind, user_id, application_id, department_code, subject, status, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, t.ID, t.Kind, t.UserID, t.ApplicationID, t.DepartmentCode, t.Subject, t.Status, t.CreatedAt); err != nil {
			return err
		}
		if err := db.ticketMessage(ctx, c, t.ID, t.UserID, true, body); err != nil {
			return err
		}
		for _, n := range notes(t.ID) {
			if err := db.notify(ctx, c, n); err != nil {
				return err
			}
		}
		return nil
	})
}

// WindowPeople lists the ids of a department's active window accounts of the given roles,
// at every site.
func (db *DB) WindowPeople(ctx context.Context, dept string, roles ...portal.Role) ([]string, error) {
	args := []any{dept}
	for _, r := range roles {
		args = append(args, string(r))
	}
	return queryAll(ctx, db.conn(), func(r rowScanner) (string, error) {
		var id string
		return id, r.Scan(&id)
	}, `SELECT id FROM users WHERE department_code = ? AND disabled = FALSE AND role IN (`+placeholders(len(roles))+`) ORDER BY id`, args...)
}

func (db *DB) ticketMessage(ctx context.Context, c conn, ticketID, author string, fromApplicant bool, body string) error {
	_, err := c.exec(ctx, `INSERT INTO ticket_messages (id, ticket_id, author_id, from_applicant, body, at) VALUES (?, ?, ?, ?, ?, ?)`,
		NewID(), ticketID, author, fromApplicant, body, db.now())
	return err
}

// Ticket returns a ticket with its messages in order.
func (db *DB) Ticket(ctx context.Context, id string) (portal.Ticket, error) {
	t, err := scanTicket(db.conn().queryRow(ctx, `SELECT `+ticketColumns+` FROM tickets WHERE id = ?`, id))
	if err != nil {
		return t, notFound(err, "ticket")
	}
	t.Messages, err = queryAll(ctx, db.conn(), func(r rowScanner) (portal.TicketMessage, error) {
		var m portal.TicketMessage
		err := r.Scan(&m.ID, &m.TicketID, &m.AuthorID, &m.FromApplicant, &m.Body, &m.At)
		return m, err
	}, `SELECT id, ticket_id, author_id, from_applicant, body, at FROM ticket_messages WHERE ticket_id = ? ORDER BY at, id`, id)
	return t, err
}

// TicketQuery selects tickets: by the applicant who opened them, or by what a desk may
// handle (departments; AnyDepartment adds tickets naming none).
type TicketQuery struct {
	UserID        string
	Department    string
	AnyDepartment bool
	Kinds         []string
	OwnerID       string // with Department: also the tickets this person owns
	All           bool
}

// Tickets lists tickets, open ones first, newest first.
func (db *DB) Tickets(ctx context.Context, q TicketQuery) ([]portal.Ticket, error) {
	where, args := "1 = 1", []any{}
	switch {
	case q.UserID != "":
		where, args = "user_id = ?", []any{q.UserID}
	case q.All:
	default:
		where = "(department_code = ?"
		args = append(args, q.Department)
		if q.AnyDepartment {
			where += " OR department_code = ''"
		}
		where += ")"
		if len(q.Kinds) > 0 {
			where += " AND kind IN (" + placeholders(len(q.Kinds)) + ")"
			for _, k := range q.Kinds {
				args = append(args, k)
			}
		}
		where = "(" + where + " OR owner_id = ?)"
		args = append(args, q.OwnerID)
	}
	return queryAll(ctx, db.conn(), scanTicket, `SELECT `+ticketColumns+` FROM tickets WHERE `+where+`
		ORDER BY CASE status WHEN 'closed' THEN 1 ELSE 0 END, created_at DESC, id LIMIT 200`, args...)
}

// ClaimTicket makes owner the owner of an unowned ticket. The first claim wins (首问负责制);
// a later one is ETicketOwned. Claiming one's own ticket again is fine.
func (db *DB) ClaimTicket(ctx context.Context, id, owner string) error {
	res, err := db.conn().exec(ctx, `UPDATE tickets SET owner_id = ?, claimed_at = ?, status = ?
		WHERE id = ? AND owner_id = '' AND status = ?`, owner, db.now(), portal.TicketClaimed, id, portal.TicketOpen)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 1 {
		return nil
	}
	t, err := db.Ticket(ctx, id)
	if err != nil {
		return err
	}
	if t.OwnerID == owner {
		return nil
	}
	if t.Status == portal.TicketClosed {
		return portal.Errorf(portal.EInvalidState, "ticket %s is closed", id)
	}
	return portal.Errorf(portal.ETicketOwned, "ticket %s is owned by %s", id, t.OwnerID)
}

// ReplyTicket adds a message to an open ticket. A reply of the owner answers it (the first
// one sets the response time) and notifies the applicant; a message of the applicant puts
// it back to waiting for the owner.
func (db *DB) ReplyTicket(ctx context.Context, id, author string, fromApplicant bool, body string, n *portal.Notification) error {
	return db.tx(ctx, func(c conn) error {
		now := db.now()
		q := `UPDATE tickets SET status = ?, first_reply_at = COALESCE(first_reply_at, ?) WHERE id = ? AND status <> ? AND owner_id = ?`
		args := []any{portal.TicketAnswered, now, id, portal.TicketClosed, author}
		if fromApplicant {
			q = `UPDATE tickets SET status = CASE WHEN owner_id = '' THEN ? ELSE ? END WHERE id = ? AND status <> ? AND user_id = ?`
			args = []any{portal.TicketOpen, portal.TicketClaimed, id, portal.TicketClosed, author}
		}
		res, err := c.exec(ctx, q, args...)
		if err != nil {
			return err
		}
		if k, _ := res.RowsAffected(); k == 0 {
			return portal.Errorf(portal.EInvalidState, "ticket %s does not take a message from %s", id, author)
		}
		if err := db.ticketMessage(ctx, c, id, author, fromApplicant, body); err != nil {
			return err
		}
		if n != nil {
			return db.notify(ctx, c, *n)
		}
		return nil
	})
}

// CloseTicket closes a ticket.
func (db *DB) CloseTicket(ctx context.Context, id string) error {
	res, err := db.conn().exec(ctx, `UPDATE tickets SET status = ?, closed_at = ? WHERE id = ? AND status <> ?`,
		portal.TicketClosed, db.now(), id, portal.TicketClosed)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return portal.Errorf(portal.EInvalidState, "ticket %s is closed", id)
	}
	return nil
}

// ApplicationByCaseNo returns an application by its case number.
func (db *DB) ApplicationByCaseNo(ctx context.Context, caseNo string) (portal.Application, error) {
	a, err := scanApp(db.conn().queryRow(ctx, `SELECT `+appColumns+` FROM applications WHERE case_no = ?`, caseNo))
	return a, notFound(err, "application")
}
