package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"portal/server/portal"
)

// --- calendar ---------------------------------------------------------------------------

// CalendarDay is a stored exception to the Monday-to-Friday rule.
type CalendarDay struct {
	Date string // YYYY-MM-DD
	Kind string // "holiday" or "workday"
	Name string
}

// ListCalendarDays returns every stored exception.
func (db *DB) ListCalendarDays(ctx context.Context) ([]CalendarDay, error) {
	return queryAll(ctx, db.conn(), func(r rowScanner) (CalendarDay, error) {
		var d CalendarDay
		err := r.Scan(&d.Date, &d.Kind, &d.Name)
		return d, err
	}, `SELECT date, kind, name FROM calendar_days ORDER BY date`)
}

// PutCalendarDay sets or replaces one day. seedOnly keeps an existing row (an admin's edit
// survives re-seeding the official schedule).
func (db *DB) PutCalendarDay(ctx context.Context, d CalendarDay, seedOnly bool) error {
	q := `INSERT INTO calendar_days (date, kind, name) VALUES (?, ?, ?) ON CONFLICT (date) DO `
	if seedOnly {
		q += `NOTHING`
	} else {
		q += `UPDATE SET kind = excluded.kind, name = excluded.name`
	}
	_, err := db.conn().exec(ctx, q, d.Date, d.Kind, d.Name)
	return err
}

// DeleteCalendarDay makes a date follow the weekday rule again; found is false when the
// date had no entry.
func (db *DB) DeleteCalendarDay(ctx context.Context, date string) (found bool, err error) {
	res, err := db.conn().exec(ctx, `DELETE FROM calendar_days WHERE date = ?`, date)
	if err != nil {
		return false, err
	}
	n, _ := res.RowsAffected()
	return n > 0, nil
}

// DeleteClosure reopens a site on a date; found is false when it was not closed.
func (db *DB) DeleteClosure(ctx context.Context, site, date string) (found bool, err error) {
	res, err := db.conn().exec(ctx, `DELETE FROM site_closures WHERE site_code = ? AND date = ?`, site, date)
	if err != nil {
		return false, err
	}
	n, _ := res.RowsAffected()
	return n > 0, nil
}

// Closure closes one site for one day.
type Closure struct{ SiteCode, Date, Reason string }

// ListClosures returns every site closure.
func (db *DB) ListClosures(ctx context.Context) ([]Closure, error) {
	return queryAll(ctx, db.conn(), func(r rowScanner) (Closure, error) {
		var c Closure
		err := r.Scan(&c.SiteCode, &c.Date, &c.Reason)
		return c, err
	}, `SELECT site_code, date, reason FROM site_closures ORDER BY date`)
}

// PutClosure closes a site for a day.
func (db *DB) PutClosure(ctx context.Context, c Closure) error {
	_, err := db.conn().exec(ctx, `INSERT INTO site_closures (site_code, date, reason) VALUES (?, ?, ?)
		ON CONFLICT (site_code, date) DO UPDATE SET reason = excluded.reason`, c.SiteCode, c.Date, c.Reason)
	return err
}

// --- rules and templates -----------------------------------------------------------------

// BookingRules returns a site's rules, the defaults when it has none.
func (db *DB) BookingRules(ctx context.Context, site string) (portal.BookingRules, error) {
	r := portal.BookingRules{SiteCode: site}
	err := db.conn().queryRow(ctx, `SELECT days_ahead, cancel_before_minutes, grace_minutes, no_show_limit,
		no_show_window_days, suspend_days FROM booking_rules WHERE site_code = ?`, site).
		Scan(&r.DaysAhead, &r.CancelBeforeMinutes, &r.GraceMinutes, &r.NoShowLimit, &r.NoShowWindowDays, &r.SuspendDays)
	if err == sql.ErrNoRows {
		return portal.DefaultBookingRules(site), nil
	}
	return r, err
}

// PutBookingRules sets a site's rules.
func (db *DB) PutBookingRules(ctx context.Context, r portal.BookingRules) error {
	_, err := db.conn().exec(ctx, `INSERT INTO booking_rules (site_code, days_ahead, cancel_before_minutes, grace_minutes,
		no_show_limit, no_show_window_days, suspend_days) VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (site_code) DO UPDATE SET days_ahead = excluded.days_ahead,
		cancel_before_minutes = excluded.cancel_before_minutes, grace_minutes = excluded.grace_minutes,
		no_show_limit = excluded.no_show_limit, no_show_window_days = excluded.no_show_window_days,
		suspend_days = excluded.suspend_days`,
		r.SiteCode, r.DaysAhead, r.CancelBeforeMinutes, r.GraceMinutes, r.NoShowLimit, r.NoShowWindowDays, r.SuspendDays)
	return err
}

func weekdaysString(days []time.Weekday) string {
	parts := make([]string, len(days))
	for i, d := range days {
		parts[i] = strconv.Itoa(int(d))
	}
	return strings.Join(parts, ",")
}

func parseWeekdays(s string) []time.Weekday {
	var out []time.Weekday
	for _, p := range strings.Split(s, ",") {
		if n, err := strconv.Atoi(p); err == nil && n >= 0 && n <= 6 {
			out = append(out, time.Weekday(n))
		}
	}
	return out
}

const templateColumns = `id, site_code, department_code, weekdays, start_time, end_time, break_start, break_end,
	slot_minutes, capacity, kind, active, updated_at`

func scanTemplate(row rowScanner) (portal.SlotTemplate, error) {
	var t portal.SlotTemplate
	var days, kind string
	err := row.Scan(&t.ID, &t.SiteCode, &t.DepartmentCode, &days, &t.Start, &t.End, &t.BreakStart, &t.BreakEnd,
		&t.SlotMinutes, &t.Capacity, &kind, &t.Active, &t.UpdatedAt)
	t.Weekdays, t.Kind = parseWeekdays(days), portal.SlotKind(kind)
	return t, err
}

// ListTemplates returns the slot templates, of one site when site is not empty.
func (db *DB) ListTemplates(ctx context.Context, site string) ([]portal.SlotTemplate, error) {
	q := `SELECT ` + templateColumns + ` FROM slot_templates`
	var args []any
	if site != "" {
		q += ` WHERE site_code = ?`
		args = append(args, site)
	}
	return queryAll(ctx, db.conn(), scanTemplate, q+` ORDER BY site_code, department_code, start_time`, args...)
}

// Template returns one template.
func (db *DB) Template(ctx context.Context, id string) (portal.SlotTemplate, error) {
	t, err := scanTemplate(db.conn().queryRow(ctx, `SELECT `+templateColumns+` FROM slot_templates WHERE id = ?`, id))
	return t, notFound(err, "slot template")
}

// PutTemplate creates (empty ID) or replaces a template.
func (db *DB) PutTemplate(ctx context.Context, t *portal.SlotTemplate) error {
	if t.ID == "" {
		t.ID = NewID()
	}
	t.UpdatedAt = db.now()
	_, err := db.conn().exec(ctx, `INSERT INTO slot_templates (`+templateColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET site_code = excluded.site_code, department_code = excluded.department_code,
		weekdays = excluded.weekdays, start_time = excluded.start_time, end_time = excluded.end_time,
		break_start = excluded.break_start, break_end = excluded.break_end, slot_minutes = excluded.slot_minutes,
		capacity = excluded.capacity, kind = excluded.kind, active = excluded.active, updated_at = excluded.updated_at`,
		t.ID, t.SiteCode, t.DepartmentCode, weekdaysString(t.Weekdays), t.Start, t.End, t.BreakStart, t.BreakEnd,
		t.SlotMinutes, t.Capacity, string(t.Kind), t.Active, t.UpdatedAt)
	return err
}

// --- slots -------------------------------------------------------------------------------

const slotColumns = `id, template_id, site_code, department_code, date, start_at, end_at, capacity, booked, kind`

func scanSlot(row rowScanner) (portal.Slot, error) {
	var s portal.Slot
	var kind string
	err := row.Scan(&s.ID, &s.TemplateID, &s.SiteCode, &s.DepartmentCode, &s.Date, &s.Start, &s.End, &s.Capacity, &s.Booked, &kind)
	s.Kind = portal.SlotKind(kind)
	return s, err
}

// InsertSlots adds slots that do not exist yet (same template and start); generation can
// run on every replica and as often as it likes.
func (db *DB) InsertSlots(ctx context.Context, slots []portal.Slot) (int, error) {
	added := 0
	err := db.tx(ctx, func(c conn) error {
		for _, s := range slots {
			res, err := c.exec(ctx, `INSERT INTO slots (`+slotColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?)
				ON CONFLICT (template_id, start_at) DO NOTHING`,
				NewID(), s.TemplateID, s.SiteCode, s.DepartmentCode, s.Date, s.Start.UTC(), s.End.UTC(), s.Capacity, string(s.Kind))
			if err != nil {
				return err
			}
			n, _ := res.RowsAffected()
			added += int(n)
		}
		return nil
	})
	return added, err
}

// DeleteFreeSlots removes a template's slots from date on that nobody booked, so a changed
// template can generate them anew. Booked slots stay: a template change never deletes an
// appointment. It returns the booked slots that were kept.
func (db *DB) DeleteFreeSlots(ctx context.Context, templateID, fromDate string) ([]portal.Slot, error) {
	var kept []portal.Slot
	err := db.tx(ctx, func(c conn) error {
		if _, err := c.exec(ctx, `DELETE FROM slots WHERE template_id = ? AND date >= ? AND booked = 0
			AND NOT EXISTS (SELECT 1 FROM appointments a WHERE a.slot_id = slots.id)
			AND NOT EXISTS (SELECT 1 FROM waitlist w WHERE w.slot_id = slots.id)`, templateID, fromDate); err != nil {
			return err
		}
		rows, err := c.query(ctx, `SELECT `+slotColumns+` FROM slots WHERE template_id = ? AND date >= ? AND booked > 0`, templateID, fromDate)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			s, err := scanSlot(rows)
			if err != nil {
				return err
			}
			kept = append(kept, s)
		}
		return rows.Err()
	})
	return kept, err
}

// SlotQuery selects slots.
type SlotQuery struct {
	SiteCode, DepartmentCode string
	From, To                 string // dates, inclusive
}

// ListSlots returns slots in time order.
func (db *DB) ListSlots(ctx context.Context, q SlotQuery) ([]portal.Slot, error) {
	query := `SELECT ` + slotColumns + ` FROM slots WHERE site_code = ? AND date >= ? AND date <= ?`
	args := []any{q.SiteCode, q.From, q.To}
	if q.DepartmentCode != "" {
		query += ` AND department_code = ?`
		args = append(args, q.DepartmentCode)
	}
	return queryAll(ctx, db.conn(), scanSlot, query+` ORDER BY start_at, kind, id`, args...)
}

// Slot returns one slot.
func (db *DB) Slot(ctx context.Context, id string) (portal.Slot, error) {
	s, err := scanSlot(db.conn().queryRow(ctx, `SELECT `+slotColumns+` FROM slots WHERE id = ?`, id))
	return s, notFound(err, "slot")
}

// --- appointments ------------------------------------------------------------------------

const apptColumns = `id, code, user_id, slot_id, item_code, site_code, department_code, date, start_at, end_at, status,
	booked_by, walk_in, visitor_name, created_at, cancelled_at, checked_in_at, no_show_at`

func scanAppt(row rowScanner) (portal.Appointment, error) {
	var a portal.Appointment
	var slot sql.NullString
	var cancelled, checkedIn, noShow sql.NullTime
	err := row.Scan(&a.ID, &a.Code, &a.UserID, &slot, &a.ItemCode, &a.SiteCode, &a.DepartmentCode, &a.Date, &a.Start,
		&a.End, &a.Status, &a.BookedBy, &a.WalkIn, &a.VisitorName, &a.CreatedAt, &cancelled, &checkedIn, &noShow)
	a.SlotID = slot.String
	a.CancelledAt, a.CheckedInAt, a.NoShowAt = timePtr(cancelled), timePtr(checkedIn), timePtr(noShow)
	return a, err
}

func timePtr(t sql.NullTime) *time.Time {
	if !t.Valid {
		return nil
	}
	v := t.Time
	return &v
}

// codeAlphabet leaves out letters and digits people confuse when reading a code aloud
// (0/O, 1/I/L).
const codeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"

func newCode() string {
	out := make([]byte, 0, 8)
	var b [16]byte
	for len(out) < 8 {
		rand.Read(b[:])
		for _, x := range b {
			// Rejection sampling keeps every character equally likely: 248 is the largest
			// multiple of 31 that fits in a byte.
			if int(x) < 256/len(codeAlphabet)*len(codeAlphabet) && len(out) < 8 {
				out = append(out, codeAlphabet[int(x)%len(codeAlphabet)])
			}
		}
	}
	return string(out)
}

// Reminder is a reminder to send at DueAt.
type Reminder struct {
	Kind  string
	DueAt time.Time
}

// BookRequest asks for one place in a slot.
type BookRequest struct {
	UserID, SlotID, ItemCode string
	BookedBy                 string
	IdemKey                  string
	Reminders                []Reminder
}

// Book takes one place in a slot for a person. Capacity and the one-per-day rule are
// enforced inside the transaction by the database itself: a conditional update of the
// slot's counter and a unique index, which hold on both engines and across replicas.
// A repeated request with the same idempotency key returns the first appointment
// (replayed true) instead of booking twice.
func (db *DB) Book(ctx context.Context, r BookRequest) (a portal.Appointment, replayed bool, err error) {
	for attempt := 0; attempt < 3; attempt++ {
		a, replayed, err = db.book(ctx, r)
		if err == errCodeTaken {
			continue
		}
		if err == errIdemRace {
			a, err = db.appointmentByIdem(ctx, r.UserID, r.IdemKey)
			return a, true, err
		}
		// A retry that overlapped the first request with its key looked the key up before
		// that one committed, then waited for it and found the place (slot_full) or the day
		// (already_booked) taken by that very request (PostgreSQL, READ COMMITTED): answer
		// the first request's appointment, as for any other retry.
		if code := portal.ErrorCode(err); r.IdemKey != "" && (code == portal.ESlotFull || code == portal.EAlreadyBooked) {
			if prev, perr := db.appointmentByIdem(ctx, r.UserID, r.IdemKey); perr == nil {
				return prev, true, nil
			}
		}
		return a, replayed, err
	}
	return a, false, err
}

var (
	errCodeTaken = portal.Errorf(portal.EConflict, "appointment code taken")
	errIdemRace  = portal.Errorf(portal.EConflict, "idempotency key raced")
)

func (db *DB) appointmentByIdem(ctx context.Context, user, key string) (portal.Appointment, error) {
	a, err := scanAppt(db.conn().queryRow(ctx, `SELECT `+apptColumns+` FROM appointments WHERE user_id = ? AND idem_key = ?`, user, key))
	return a, notFound(err, "appointment")
}

func (db *DB) book(ctx context.Context, r BookRequest) (portal.Appointment, bool, error) {
	var a portal.Appointment
	replayed := false
	err := db.tx(ctx, func(c conn) error {
		if r.IdemKey != "" {
			prev, err := scanAppt(c.queryRow(ctx, `SELECT `+apptColumns+` FROM appointments WHERE user_id = ? AND idem_key = ?`, r.UserID, r.IdemKey))
			if err == nil {
				a, replayed = prev, true
				return nil
			}
			if err != sql.ErrNoRows {
				return err
			}
		}
		var err error
		a, err = db.takePlace(ctx, c, r)
		return err
	})
	return a, replayed, err
}

// takePlace books inside a transaction: counter first (it locks the slot's row on
// PostgreSQL), then the appointment, whose unique indexes refuse a second active
// appointment; any failure rolls the counter back with the transaction.
func (db *DB) takePlace(ctx context.Context, c conn, r BookRequest) (portal.Appointment, error) {
	res, err := c.exec(ctx, `UPDATE slots SET booked = booked + 1 WHERE id = ? AND booked < capacity`, r.SlotID)
	if err != nil {
		return portal.Appointment{}, err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return portal.Appointment{}, portal.Errorf(portal.ESlotFull, "slot %s full", r.SlotID)
	}
	s, err := scanSlot(c.queryRow(ctx, `SELECT `+slotColumns+` FROM slots WHERE id = ?`, r.SlotID))
	if err != nil {
		return portal.Appointment{}, notFound(err, "slot")
	}
	now := db.now()
	a := portal.Appointment{
		ID: NewID(), Code: newCode(), UserID: r.UserID, SlotID: s.ID, ItemCode: r.ItemCode, SiteCode: s.SiteCode,
		DepartmentCode: s.DepartmentCode, Date: s.Date, Start: s.Start, End: s.End, Status: portal.ApptBooked,
		BookedBy: r.BookedBy, CreatedAt: now,
	}
	_, err = c.exec(ctx, `INSERT INTO appointments (id, code, user_id, slot_id, item_code, site_code, department_code, date,
		start_at, end_at, status, booked_by, idem_key, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		a.ID, a.Code, a.UserID, a.SlotID, a.ItemCode, a.SiteCode, a.DepartmentCode, a.Date, a.Start.UTC(), a.End.UTC(),
		a.Status, a.BookedBy, r.IdemKey, now)
	if err != nil {
		msg := err.Error()
		switch {
		case !isUniqueViolation(err):
			return a, err
		case strings.Contains(msg, "idem"):
			return a, errIdemRace
		case strings.Contains(msg, "appointments.code") || strings.Contains(msg, "appointments_code"):
			return a, errCodeTaken
		}
		return a, portal.Errorf(portal.EAlreadyBooked, "user %s has an appointment for %s on %s", r.UserID, r.ItemCode, s.Date)
	}
	for _, rem := range r.Reminders {
		if rem.DueAt.After(now) {
			if _, err := c.exec(ctx, `INSERT INTO reminders (id, appointment_id, kind, due_at) VALUES (?, ?, ?, ?)`,
				NewID(), a.ID, rem.Kind, rem.DueAt.UTC()); err != nil {
				return a, err
			}
		}
	}
	return a, nil
}

// Appointment returns one appointment by id.
func (db *DB) Appointment(ctx context.Context, id string) (portal.Appointment, error) {
	a, err := scanAppt(db.conn().queryRow(ctx, `SELECT `+apptColumns+` FROM appointments WHERE id = ?`, id))
	return a, notFound(err, "appointment")
}

// AppointmentByCode returns one appointment by the code on its QR.
func (db *DB) AppointmentByCode(ctx context.Context, code string) (portal.Appointment, error) {
	a, err := scanAppt(db.conn().queryRow(ctx, `SELECT `+apptColumns+` FROM appointments WHERE code = ?`, strings.ToUpper(code)))
	return a, notFound(err, "appointment")
}

// UserAppointments lists a person's last 100 appointments, latest start first. Walk-ins are
// recorded under the staff member who served them and are not theirs to list.
func (db *DB) UserAppointments(ctx context.Context, userID string) ([]portal.Appointment, error) {
	return db.appts(ctx, `SELECT `+apptColumns+` FROM appointments WHERE user_id = ? AND walk_in = FALSE
		ORDER BY start_at DESC LIMIT 100`, userID)
}

// UserWaitlist lists the slots a person is waiting for, with their place in each queue.
func (db *DB) UserWaitlist(ctx context.Context, userID string) ([]WaitEntry, error) {
	rows, err := db.conn().query(ctx, `SELECT w.id, w.slot_id, w.item_code,
		(SELECT COUNT(*) FROM waitlist o WHERE o.slot_id = w.slot_id AND o.status = ? AND o.created_at <= w.created_at)
		FROM waitlist w WHERE w.user_id = ? AND w.status = ? ORDER BY w.created_at`, portal.WaitWaiting, userID, portal.WaitWaiting)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []WaitEntry
	for rows.Next() {
		var e WaitEntry
		if err := rows.Scan(&e.ID, &e.SlotID, &e.ItemCode, &e.Position); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// WaitEntry is a place in a slot's waitlist.
type WaitEntry struct {
	ID, SlotID, ItemCode string
	Position             int
}

// DayAppointments lists a window's appointments of one day in time order.
func (db *DB) DayAppointments(ctx context.Context, site, dept, date string) ([]portal.Appointment, error) {
	return db.appts(ctx, `SELECT `+apptColumns+` FROM appointments WHERE site_code = ? AND department_code = ? AND date = ?
		ORDER BY start_at, created_at`, site, dept, date)
}

func (db *DB) appts(ctx context.Context, q string, args ...any) ([]portal.Appointment, error) {
	return queryAll(ctx, db.conn(), scanAppt, q, args...)
}

// CancelRequest cancels a booked appointment. Before, when set, is the cut-off: an
// appointment starting before it can no longer be cancelled.
type CancelRequest struct {
	AppointmentID string
	Before        time.Time
	// Reminders schedules the reminders of a waiter who gets the freed place.
	Reminders func(start time.Time) []Reminder
	// Params fills the message telling a waiter they got the place.
	Params func(portal.Appointment) map[string]string
}

// Cancel frees the place and, in the same transaction, gives it to the first person on the
// slot's waitlist who can take it. It returns the waiter's new appointment, if any.
func (db *DB) Cancel(ctx context.Context, r CancelRequest) (*portal.Appointment, error) {
	var backfilled *portal.Appointment
	err := db.tx(ctx, func(c conn) error {
		q := `UPDATE appointments SET status = ?, cancelled_at = ? WHERE id = ? AND status = ?`
		args := []any{portal.ApptCancelled, db.now(), r.AppointmentID, portal.ApptBooked}
		if !r.Before.IsZero() {
			q += ` AND start_at > ?`
			args = append(args, r.Before.UTC())
		}
		res, err := c.exec(ctx, q, args...)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return db.whyNotCancellable(ctx, c, r.AppointmentID)
		}
		a, err := scanAppt(c.queryRow(ctx, `SELECT `+apptColumns+` FROM appointments WHERE id = ?`, r.AppointmentID))
		if err != nil {
			return err
		}
		if _, err := c.exec(ctx, `UPDATE reminders SET cancelled = TRUE WHERE appointment_id = ? AND sent_at IS NULL`, a.ID); err != nil {
			return err
		}
		if a.SlotID == "" {
			return nil
		}
		if _, err := c.exec(ctx, `UPDATE slots SET booked = booked - 1 WHERE id = ? AND booked > 0`, a.SlotID); err != nil {
			return err
		}
		backfilled, err = db.backfill(ctx, c, a.SlotID, r)
		return err
	})
	return backfilled, err
}

// MoveRequest moves a booked appointment to another slot.
type MoveRequest struct {
	CancelRequest
	SlotID string
}

// Move takes a place in the new slot and cancels the old appointment in one transaction:
// if the new slot is full the old appointment stands untouched, and the freed place goes to
// the old slot's first waiter as with any cancellation.
func (db *DB) Move(ctx context.Context, r MoveRequest) (portal.Appointment, error) {
	var moved portal.Appointment
	err := db.tx(ctx, func(c conn) error {
		old, err := scanAppt(c.queryRow(ctx, `SELECT `+apptColumns+` FROM appointments WHERE id = ?`, r.AppointmentID))
		if err != nil {
			return notFound(err, "appointment")
		}
		// Cancel first so that the one-per-day index lets the new appointment in; a failure
		// below rolls the cancellation back with everything else.
		q := `UPDATE appointments SET status = ?, cancelled_at = ? WHERE id = ? AND status = ?`
		args := []any{portal.ApptCancelled, db.now(), old.ID, portal.ApptBooked}
		if !r.Before.IsZero() {
			q += ` AND start_at > ?`
			args = append(args, r.Before.UTC())
		}
		res, err := c.exec(ctx, q, args...)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return db.whyNotCancellable(ctx, c, old.ID)
		}
		s, err := scanSlot(c.queryRow(ctx, `SELECT `+slotColumns+` FROM slots WHERE id = ?`, r.SlotID))
		if err != nil {
			return notFound(err, "slot")
		}
		req := BookRequest{UserID: old.UserID, SlotID: r.SlotID, ItemCode: old.ItemCode, BookedBy: old.BookedBy}
		if r.Reminders != nil {
			req.Reminders = r.Reminders(s.Start)
		}
		if moved, err = db.takePlace(ctx, c, req); err != nil {
			return err
		}
		if _, err := c.exec(ctx, `UPDATE reminders SET cancelled = TRUE WHERE appointment_id = ? AND sent_at IS NULL`, old.ID); err != nil {
			return err
		}
		if old.SlotID == "" {
			return nil
		}
		if _, err := c.exec(ctx, `UPDATE slots SET booked = booked - 1 WHERE id = ? AND booked > 0`, old.SlotID); err != nil {
			return err
		}
		_, err = db.backfill(ctx, c, old.SlotID, r.CancelRequest)
		return err
	})
	return moved, err
}

func (db *DB) whyNotCancellable(ctx context.Context, c conn, id string) error {
	a, err := scanAppt(c.queryRow(ctx, `SELECT `+apptColumns+` FROM appointments WHERE id = ?`, id))
	if err != nil {
		return notFound(err, "appointment")
	}
	if a.Status != portal.ApptBooked {
		return portal.Errorf(portal.EInvalidState, "appointment %s is %s", id, a.Status)
	}
	return portal.Errorf(portal.ETooLate, "appointment %s starts too soon", id)
}

// backfill books the freed place for the first waiter who can take it. A waiter who has
// meanwhile booked the item that day elsewhere is passed over (and leaves the list).
// Each try runs under a savepoint so a refused insert does not abort the cancellation.
func (db *DB) backfill(ctx context.Context, c conn, slotID string, r CancelRequest) (*portal.Appointment, error) {
	lock := ``
	if db.dialect == Postgres {
		// Two cancellations of one slot at once each take a different waiter.
		lock = ` FOR UPDATE SKIP LOCKED`
	}
	for {
		var id, user, item string
		err := c.queryRow(ctx, `SELECT id, user_id, item_code FROM waitlist WHERE slot_id = ? AND status = ?
			ORDER BY created_at, id LIMIT 1`+lock, slotID, portal.WaitWaiting).Scan(&id, &user, &item)
		if err == sql.ErrNoRows {
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
		if _, err := c.exec(ctx, `SAVEPOINT backfill`); err != nil {
			return nil, err
		}
		req := BookRequest{UserID: user, SlotID: slotID, ItemCode: item, BookedBy: "waitlist"}
		if s, err := scanSlot(c.queryRow(ctx, `SELECT `+slotColumns+` FROM slots WHERE id = ?`, slotID)); err == nil && r.Reminders != nil {
			req.Reminders = r.Reminders(s.Start)
		}
		a, err := db.takePlace(ctx, c, req)
		if err != nil {
			if _, rerr := c.exec(ctx, `ROLLBACK TO SAVEPOINT backfill`); rerr != nil {
				return nil, rerr
			}
			code := portal.ErrorCode(err)
			if code == portal.ESlotFull {
				return nil, nil
			}
			if code != portal.EAlreadyBooked {
				return nil, err
			}
			if _, err := c.exec(ctx, `UPDATE waitlist SET status = ? WHERE id = ?`, portal.WaitLeft, id); err != nil {
				return nil, err
			}
			continue
		}
		if _, err := c.exec(ctx, `UPDATE waitlist SET status = ?, appointment_id = ? WHERE id = ?`, portal.WaitBooked, a.ID, id); err != nil {
			return nil, err
		}
		params := map[string]string{"code": a.Code, "date": a.Date}
		if r.Params != nil {
			params = r.Params(a)
		}
		if err := db.notify(ctx, c, portal.Notification{UserID: user, Kind: "waitlist_booked", Params: params,
			Link: "/appointments/" + a.ID}); err != nil {
			return nil, err
		}
		return &a, nil
	}
}

// JoinWaitlist puts a person on a full slot's waitlist. Joining twice is harmless.
func (db *DB) JoinWaitlist(ctx context.Context, slotID, userID, itemCode string) (string, error) {
	id := NewID()
	_, err := db.conn().exec(ctx, `INSERT INTO waitlist (id, slot_id, user_id, item_code, status, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
		id, slotID, userID, itemCode, portal.WaitWaiting, db.now())
	if isUniqueViolation(err) {
		err = db.conn().queryRow(ctx, `SELECT id FROM waitlist WHERE slot_id = ? AND user_id = ? AND status = ?`,
			slotID, userID, portal.WaitWaiting).Scan(&id)
	}
	return id, err
}

// WaitlistPosition is a person's place in a slot's queue (1 = next), 0 when not waiting.
func (db *DB) WaitlistPosition(ctx context.Context, slotID, userID string) (int, error) {
	var n int
	err := db.conn().queryRow(ctx, `SELECT COUNT(*) FROM waitlist w WHERE w.slot_id = ? AND w.status = ? AND w.created_at <=
		(SELECT created_at FROM waitlist WHERE slot_id = ? AND user_id = ? AND status = ?)`,
		slotID, portal.WaitWaiting, slotID, userID, portal.WaitWaiting).Scan(&n)
	return n, err
}

// SetAppointmentStatus moves an appointment from one status to another (check-in,
// no-show). It fails with EInvalidState when the appointment is not in status from.
func (db *DB) SetAppointmentStatus(ctx context.Context, id, from, to string) (portal.Appointment, error) {
	col := map[string]string{portal.ApptCheckedIn: "checked_in_at", portal.ApptNoShow: "no_show_at"}[to]
	if col == "" {
		return portal.Appointment{}, portal.Errorf(portal.EInvalidState, "cannot set %s", to)
	}
	res, err := db.conn().exec(ctx, `UPDATE appointments SET status = ?, `+col+` = ? WHERE id = ? AND status = ?`, to, db.now(), id, from)
	if err != nil {
		return portal.Appointment{}, err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		a, err := db.Appointment(ctx, id)
		if err != nil {
			return a, err
		}
		return a, portal.Errorf(portal.EInvalidState, "appointment %s is %s", id, a.Status)
	}
	if to == portal.ApptNoShow || to == portal.ApptCheckedIn {
		db.conn().exec(ctx, `UPDATE reminders SET cancelled = TRUE WHERE appointment_id = ? AND sent_at IS NULL`, id)
	}
	return db.Appointment(ctx, id)
}

// WalkIn records a person served without an appointment, checked in at once.
func (db *DB) WalkIn(ctx context.Context, a *portal.Appointment) error {
	now := db.now()
	a.ID, a.Code, a.Status, a.WalkIn, a.CreatedAt, a.CheckedInAt = NewID(), newCode(), portal.ApptCheckedIn, true, now, &now
	_, err := db.conn().exec(ctx, `INSERT INTO appointments (id, code, user_id, item_code, site_code, department_code, date,
		start_at, end_at, status, booked_by, walk_in, visitor_name, created_at, checked_in_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, TRUE, ?, ?, ?)`,
		a.ID, a.Code, a.UserID, a.ItemCode, a.SiteCode, a.DepartmentCode, a.Date, a.Start.UTC(), a.End.UTC(), a.Status,
		a.BookedBy, a.VisitorName, now, now)
	return err
}

// DueNoShows returns booked appointments whose start plus grace has passed.
func (db *DB) DueNoShows(ctx context.Context, now time.Time, grace time.Duration, limit int) ([]portal.Appointment, error) {
	return db.appts(ctx, `SELECT `+apptColumns+` FROM appointments WHERE status = ? AND walk_in = FALSE AND start_at < ?
		ORDER BY start_at LIMIT ?`, portal.ApptBooked, now.Add(-grace).UTC(), limit)
}

// CountNoShows counts a person's no-shows since a time.
func (db *DB) CountNoShows(ctx context.Context, userID string, since time.Time) (int, error) {
	var n int
	err := db.conn().queryRow(ctx, `SELECT COUNT(*) FROM appointments WHERE user_id = ? AND status = ? AND start_at >= ?`,
		userID, portal.ApptNoShow, since.UTC()).Scan(&n)
	return n, err
}

// SuspendBooking stops a person booking online until a time, and tells them, unless they
// are suspended already: two replicas recording two no-shows at once suspend (and notify)
// once.
func (db *DB) SuspendBooking(ctx context.Context, userID string, now, until time.Time, reason string, n portal.Notification) (bool, error) {
	changed := false
	err := db.tx(ctx, func(c conn) error {
		res, err := c.exec(ctx, `UPDATE users SET booking_suspended_until = ?, booking_suspended_reason = ?
			WHERE id = ? AND (booking_suspended_until IS NULL OR booking_suspended_until < ?)`, until.UTC(), reason, userID, now.UTC())
		if err != nil {
			return err
		}
		if k, _ := res.RowsAffected(); k == 0 {
			return nil
		}
		changed = true
		return db.notify(ctx, c, n)
	})
	return changed, err
}

// BookingSuspension says until when a person may not book online (zero: may book).
func (db *DB) BookingSuspension(ctx context.Context, userID string) (time.Time, string, error) {
	var until sql.NullTime
	var reason string
	err := db.conn().queryRow(ctx, `SELECT booking_suspended_until, booking_suspended_reason FROM users WHERE id = ?`, userID).Scan(&until, &reason)
	if err != nil {
		return time.Time{}, "", notFound(err, "user")
	}
	return until.Time, reason, nil
}

// --- notifications and reminders ---------------------------------------------------------

func (db *DB) notify(ctx context.Context, c conn, n portal.Notification) error {
	params, _ := json.Marshal(n.Params)
	now := db.now()
	if _, err := c.exec(ctx, `INSERT INTO notifications (id, user_id, kind, params, link, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
		NewID(), n.UserID, n.Kind, string(params), n.Link, now); err != nil {
		return err
	}
	// Every inbox entry also goes out on the outbound channel; the outbox row commits with it.
	_, err := c.exec(ctx, `INSERT INTO outbox (id, user_id, kind, params, created_at) VALUES (?, ?, ?, ?, ?)`,
		NewID(), n.UserID, n.Kind, string(params), now)
	return err
}

// Notify writes an inbox entry (and its outbound copy).
func (db *DB) Notify(ctx context.Context, n portal.Notification) error {
	return db.tx(ctx, func(c conn) error { return db.notify(ctx, c, n) })
}

// Notifications lists a person's inbox, newest first.
func (db *DB) Notifications(ctx context.Context, userID string, limit int) ([]portal.Notification, error) {
	rows, err := db.conn().query(ctx, `SELECT id, user_id, kind, params, link, created_at, read_at FROM notifications
		WHERE user_id = ? ORDER BY created_at DESC, id LIMIT ?`, userID, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []portal.Notification
	for rows.Next() {
		var n portal.Notification
		var params string
		var read sql.NullTime
		if err := rows.Scan(&n.ID, &n.UserID, &n.Kind, &params, &n.Link, &n.CreatedAt, &read); err != nil {
			return nil, err
		}
		json.Unmarshal([]byte(params), &n.Params)
		n.ReadAt = timePtr(read)
		out = append(out, n)
	}
	return out, rows.Err()
}

// MarkRead marks a person's notification read.
func (db *DB) MarkRead(ctx context.Context, userID, id string) error {
	_, err := db.conn().exec(ctx, `UPDATE notifications SET read_at = ? WHERE id = ? AND user_id = ? AND read_at IS NULL`, db.now(), id, userID)
	return err
}

// DueReminder is a reminder claimed for sending, with its appointment.
type DueReminder struct {
	Kind        string
	Appointment portal.Appointment
}

// SendDueReminders claims reminders that are due and, in the same transaction, writes
// each one's inbox entry and outbound message. A reminder is claimed by exactly one
// transaction (SKIP LOCKED on PostgreSQL; SQLite has one writer), so with any number of
// replicas running this, each reminder is delivered once.
func (db *DB) SendDueReminders(ctx context.Context, now time.Time, limit int, params func(DueReminder) map[string]string) ([]DueReminder, error) {
	var sent []DueReminder
	err := db.tx(ctx, func(c conn) error {
		lock := ``
		if db.dialect == Postgres {
			lock = ` FOR UPDATE OF r SKIP LOCKED`
		}
		rows, err := c.query(ctx, `SELECT r.id, r.kind, `+prefixed("a", apptColumns)+` FROM reminders r
			JOIN appointments a ON a.id = r.appointment_id
			WHERE r.sent_at IS NULL AND r.cancelled = FALSE AND r.due_at <= ?
			ORDER BY r.due_at LIMIT ?`+lock, now.UTC(), limit)
		if err != nil {
			return err
		}
		type claimed struct {
			id string
			DueReminder
		}
		var list []claimed
		for rows.Next() {
			var cl claimed
			a := &cl.Appointment
			var slot sql.NullString
			var cancelled, checkedIn, noShow sql.NullTime
			dst := []any{&cl.id, &cl.Kind, &a.ID, &a.Code, &a.UserID, &slot, &a.ItemCode, &a.SiteCode, &a.DepartmentCode, &a.Date,
				&a.Start, &a.End, &a.Status, &a.BookedBy, &a.WalkIn, &a.VisitorName, &a.CreatedAt, &cancelled, &checkedIn, &noShow}
			if err := rows.Scan(dst...); err != nil {
				rows.Close()
				return err
			}
			a.SlotID = slot.String
			list = append(list, cl)
		}
		rows.Close()
		for _, cl := range list {
			res, err := c.exec(ctx, `UPDATE reminders SET sent_at = ? WHERE id = ? AND sent_at IS NULL`, db.now(), cl.id)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n == 0 {
				continue
			}
			if cl.Appointment.Status != portal.ApptBooked {
				continue
			}
			if err := db.notify(ctx, c, portal.Notification{UserID: cl.Appointment.UserID, Kind: "reminder_" + cl.Kind,
				Params: params(cl.DueReminder), Link: "/appointments/" + cl.Appointment.ID}); err != nil {
				return err
			}
			sent = append(sent, cl.DueReminder)
		}
		return nil
	})
	return sent, err
}

func prefixed(alias, columns string) string {
	parts := strings.Split(columns, ",")
	for i, p := range parts {
		parts[i] = alias + "." + strings.TrimSpace(p)
	}
	return strings.Join(parts, ", ")
}

// OutboxMessage is an outbound copy of a notification.
type OutboxMessage struct {
	ID, UserID, Kind string
	Params           map[string]string
	Attempts         int
}

// ClaimOutbox leases up to limit unsent messages for lease; a sender that dies lets its
// lease run out and another replica sends them.
func (db *DB) ClaimOutbox(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]OutboxMessage, error) {
	var out []OutboxMessage
	err := db.tx(ctx, func(c conn) error {
		lock := ``
		if db.dialect == Postgres {
			lock = ` FOR UPDATE SKIP LOCKED`
		}
		rows, err := c.query(ctx, `SELECT id, user_id, kind, params, attempts FROM outbox WHERE sent_at IS NULL
			AND (claimed_until IS NULL OR claimed_until < ?) AND attempts < 10 ORDER BY created_at LIMIT ?`+lock, now.UTC(), limit)
		if err != nil {
			return err
		}
		for rows.Next() {
			var m OutboxMessage
			var params string
			if err := rows.Scan(&m.ID, &m.UserID, &m.Kind, &params, &m.Attempts); err != nil {
				rows.Close()
				return err
			}
			json.Unmarshal([]byte(params), &m.Params)
			out = append(out, m)
		}
		rows.Close()
		for _, m := range out {
			if _, err := c.exec(ctx, `UPDATE outbox SET claimed_until = ?, attempts = attempts + 1 WHERE id = ?`, now.Add(lease).UTC(), m.ID); err != nil {
				return err
			}
		}
		return nil
	})
	return out, err
}

// FinishOutbox records the result of sending a message.
func (db *DB) FinishOutbox(ctx context.Context, id string, sendErr error) error {
	if sendErr != nil {
		_, err := db.conn().exec(ctx, `UPDATE outbox SET last_error = ? WHERE id = ?`, sendErr.Error(), id)
		return err
	}
	_, err := db.conn().exec(ctx, `UPDATE outbox SET sent_at = ? WHERE id = ?`, db.now(), id)
	return err
}

// --- home visits -------------------------------------------------------------------------

const visitColumns = `id, user_id, item_code, site_code, department_code, address, reason, contact_phone, status,
	scheduled_at, staff_note, handled_by, created_at, updated_at`

func scanVisit(row rowScanner) (portal.HomeVisit, error) {
	var v portal.HomeVisit
	var sched sql.NullTime
	err := row.Scan(&v.ID, &v.UserID, &v.ItemCode, &v.SiteCode, &v.DepartmentCode, &v.Address, &v.Reason, &v.ContactPhone,
		&v.Status, &sched, &v.StaffNote, &v.HandledBy, &v.CreatedAt, &v.UpdatedAt)
	v.ScheduledAt = timePtr(sched)
	return v, err
}

// CreateHomeVisit stores a door-to-door request.
func (db *DB) CreateHomeVisit(ctx context.Context, v *portal.HomeVisit) error {
	now := db.now()
	v.ID, v.Status, v.CreatedAt, v.UpdatedAt = NewID(), portal.VisitRequested, now, now
	_, err := db.conn().exec(ctx, `INSERT INTO home_visits (`+visitColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, '', '', ?, ?)`,
		v.ID, v.UserID, v.ItemCode, v.SiteCode, v.DepartmentCode, v.Address, v.Reason, v.ContactPhone, v.Status, now, now)
	return err
}

// HomeVisit returns one request.
func (db *DB) HomeVisit(ctx context.Context, id string) (portal.HomeVisit, error) {
	v, err := scanVisit(db.conn().queryRow(ctx, `SELECT `+visitColumns+` FROM home_visits WHERE id = ?`, id))
	return v, notFound(err, "home visit")
}

// HomeVisits lists requests of a person (userID) or of a window (dept, site).
func (db *DB) HomeVisits(ctx context.Context, userID, dept, site string) ([]portal.HomeVisit, error) {
	q := `SELECT ` + visitColumns + ` FROM home_visits WHERE `
	var args []any
	if userID != "" {
		q += `user_id = ?`
		args = append(args, userID)
	} else {
		q += `department_code = ? AND site_code = ?`
		args = append(args, dept, site)
	}
	return queryAll(ctx, db.conn(), scanVisit, q+` ORDER BY created_at DESC LIMIT 200`, args...)
}

// DecideHomeVisit records staff's answer, only from the states that allow it, and tells
// the applicant in the same transaction.
func (db *DB) DecideHomeVisit(ctx context.Context, id string, from []string, v portal.HomeVisit, params func(portal.HomeVisit) map[string]string) (portal.HomeVisit, error) {
	var out portal.HomeVisit
	err := db.tx(ctx, func(c conn) error {
		var sched any // NULL unless scheduled
		if v.ScheduledAt != nil {
			sched = v.ScheduledAt.UTC()
		}
		ph := strings.TrimSuffix(strings.Repeat("?, ", len(from)), ", ")
		args := []any{v.Status, sched, v.StaffNote, v.HandledBy, db.now(), id}
		for _, f := range from {
			args = append(args, f)
		}
		res, err := c.exec(ctx, `UPDATE home_visits SET status = ?, scheduled_at = ?, staff_note = ?, handled_by = ?, updated_at = ?
			WHERE id = ? AND status IN (`+ph+`)`, args...)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return portal.Errorf(portal.EInvalidState, "home visit %s cannot become %s", id, v.Status)
		}
		out, err = scanVisit(c.queryRow(ctx, `SELECT `+visitColumns+` FROM home_visits WHERE id = ?`, id))
		if err != nil {
			return err
		}
		return db.notify(ctx, c, portal.Notification{UserID: out.UserID, Kind: "home_visit_" + out.Status, Params: params(out), Link: "/home-visits"})
	})
	return out, err
}
