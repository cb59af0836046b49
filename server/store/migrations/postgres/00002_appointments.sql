-- +goose Up
-- Working-day calendar: exceptions to "Monday to Friday", seeded from the official schedule
-- and editable by admins. Dates are the centre's business dates, 'YYYY-MM-DD'.
CREATE TABLE calendar_days (
    date TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    name TEXT NOT NULL DEFAULT ''
);

CREATE TABLE site_closures (
    site_code TEXT NOT NULL REFERENCES sites (code),
    date      TEXT NOT NULL,
    reason    TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (site_code, date)
);

-- Booking rules per site; a site without a row uses the defaults of the domain.
CREATE TABLE booking_rules (
    site_code             TEXT PRIMARY KEY REFERENCES sites (code),
    days_ahead            INTEGER NOT NULL,
    cancel_before_minutes INTEGER NOT NULL,
    grace_minutes         INTEGER NOT NULL,
    no_show_limit         INTEGER NOT NULL,
    no_show_window_days   INTEGER NOT NULL,
    suspend_days          INTEGER NOT NULL
);

CREATE TABLE slot_templates (
    id              TEXT PRIMARY KEY,
    site_code       TEXT NOT NULL REFERENCES sites (code),
    department_code TEXT NOT NULL REFERENCES departments (code),
    weekdays        TEXT NOT NULL,
    start_time      TEXT NOT NULL,
    end_time        TEXT NOT NULL,
    break_start     TEXT NOT NULL DEFAULT '',
    break_end       TEXT NOT NULL DEFAULT '',
    slot_minutes    INTEGER NOT NULL,
    capacity        INTEGER NOT NULL,
    kind            TEXT NOT NULL,
    active          BOOLEAN NOT NULL DEFAULT TRUE,
    updated_at      TIMESTAMPTZ NOT NULL
);

-- A slot's capacity is enforced by a conditional update in the booking transaction; the
-- CHECK is the last line of defence should any code path forget it.
CREATE TABLE slots (
    id              TEXT PRIMARY KEY,
    template_id     TEXT NOT NULL,
    site_code       TEXT NOT NULL REFERENCES sites (code),
    department_code TEXT NOT NULL REFERENCES departments (code),
    date            TEXT NOT NULL,
    start_at        TIMESTAMPTZ NOT NULL,
    end_at          TIMESTAMPTZ NOT NULL,
    capacity        INTEGER NOT NULL,
    booked          INTEGER NOT NULL DEFAULT 0,
    kind            TEXT NOT NULL,
    CHECK (booked >= 0 AND booked <= capacity)
);
CREATE UNIQUE INDEX slots_template_start ON slots (template_id, start_at);
CREATE INDEX slots_place_date ON slots (site_code, department_code, date);

CREATE TABLE appointments (
    id              TEXT PRIMARY KEY,
    code            TEXT NOT NULL UNIQUE,
    user_id         TEXT NOT NULL REFERENCES users (id),
    slot_id         TEXT REFERENCES slots (id),
    item_code       TEXT NOT NULL REFERENCES items (code),
    site_code       TEXT NOT NULL REFERENCES sites (code),
    department_code TEXT NOT NULL REFERENCES departments (code),
    date            TEXT NOT NULL,
    start_at        TIMESTAMPTZ NOT NULL,
    end_at          TIMESTAMPTZ NOT NULL,
    status          TEXT NOT NULL,
    booked_by       TEXT NOT NULL DEFAULT '',
    walk_in         BOOLEAN NOT NULL DEFAULT FALSE,
    visitor_name    TEXT NOT NULL DEFAULT '',
    idem_key        TEXT NOT NULL DEFAULT '',
    created_at      TIMESTAMPTZ NOT NULL,
    cancelled_at    TIMESTAMPTZ,
    checked_in_at   TIMESTAMPTZ,
    no_show_at      TIMESTAMPTZ
);
-- One active appointment per person per item per day, on both engines and across replicas.
CREATE UNIQUE INDEX appointments_one_per_day ON appointments (user_id, item_code, date)
    WHERE status IN ('booked', 'checked_in') AND walk_in = FALSE;
-- A retried request (same Idempotency-Key) finds the appointment it already made.
CREATE UNIQUE INDEX appointments_idem ON appointments (user_id, idem_key) WHERE idem_key <> '';
CREATE INDEX appointments_user ON appointments (user_id, start_at);
CREATE INDEX appointments_day ON appointments (site_code, department_code, date);
CREATE INDEX appointments_slot ON appointments (slot_id);

CREATE TABLE waitlist (
    id             TEXT PRIMARY KEY,
    slot_id        TEXT NOT NULL REFERENCES slots (id),
    user_id        TEXT NOT NULL REFERENCES users (id),
    item_code      TEXT NOT NULL REFERENCES items (code),
    status         TEXT NOT NULL,
    appointment_id TEXT NOT NULL DEFAULT '',
    created_at     TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX waitlist_once ON waitlist (slot_id, user_id) WHERE status = 'waiting';
CREATE INDEX waitlist_slot ON waitlist (slot_id, status, created_at);

CREATE TABLE home_visits (
    id              TEXT PRIMARY KEY,
    user_id         TEXT NOT NULL REFERENCES users (id),
    item_code       TEXT NOT NULL REFERENCES items (code),
    site_code       TEXT NOT NULL REFERENCES sites (code),
    department_code TEXT NOT NULL REFERENCES departments (code),
    address         TEXT NOT NULL,
    reason          TEXT NOT NULL,
    contact_phone   TEXT NOT NULL,
    status          TEXT NOT NULL,
    scheduled_at    TIMESTAMPTZ,
    staff_note      TEXT NOT NULL DEFAULT '',
    handled_by      TEXT NOT NULL DEFAULT '',
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX home_visits_user ON home_visits (user_id, created_at);
CREATE INDEX home_visits_place ON home_visits (department_code, site_code, status);

-- The in-app inbox. The message is a catalog key and its parameters, so it reads in the
-- person's language.
CREATE TABLE notifications (
    id         TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users (id),
    kind       TEXT NOT NULL,
    params     TEXT NOT NULL DEFAULT '{}',
    link       TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMPTZ NOT NULL,
    read_at    TIMESTAMPTZ
);
CREATE INDEX notifications_user ON notifications (user_id, created_at);

-- Reminders are rows claimed by exactly one worker: the claim and the inbox entry commit
-- together, and the outbound message goes to the outbox in the same transaction.
CREATE TABLE reminders (
    id             TEXT PRIMARY KEY,
    appointment_id TEXT NOT NULL REFERENCES appointments (id),
    kind           TEXT NOT NULL,
    due_at         TIMESTAMPTZ NOT NULL,
    sent_at        TIMESTAMPTZ,
    cancelled      BOOLEAN NOT NULL DEFAULT FALSE,
    UNIQUE (appointment_id, kind)
);
CREATE INDEX reminders_due ON reminders (due_at) WHERE sent_at IS NULL AND cancelled = FALSE;

CREATE TABLE outbox (
    id            TEXT PRIMARY KEY,
    user_id       TEXT NOT NULL,
    kind          TEXT NOT NULL,
    params        TEXT NOT NULL DEFAULT '{}',
    created_at    TIMESTAMPTZ NOT NULL,
    sent_at       TIMESTAMPTZ,
    attempts      INTEGER NOT NULL DEFAULT 0,
    claimed_until TIMESTAMPTZ,
    last_error    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX outbox_pending ON outbox (created_at) WHERE sent_at IS NULL;

ALTER TABLE users ADD COLUMN booking_suspended_until TIMESTAMPTZ;
ALTER TABLE users ADD COLUMN booking_suspended_reason TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE users DROP COLUMN booking_suspended_reason;
ALTER TABLE users DROP COLUMN booking_suspended_until;
DROP TABLE outbox;
DROP TABLE reminders;
DROP TABLE notifications;
DROP TABLE home_visits;
DROP TABLE waitlist;
DROP TABLE appointments;
DROP TABLE slots;
DROP TABLE slot_templates;
DROP TABLE booking_rules;
DROP TABLE site_closures;
DROP TABLE calendar_days;
