-- +goose Up
-- Departments whose window staff (not only the chief) may accept and decide cases.
ALTER TABLE departments ADD COLUMN staff_may_accept BOOLEAN NOT NULL DEFAULT FALSE;

-- The clock and outcome of an application once a window accepts it (受理). The status stays
-- in applications; this row holds what only accepted cases have. Item terms are copied at
-- acceptance: a later catalog edit must not move a running case's deadline.
CREATE TABLE cases (
    application_id   TEXT PRIMARY KEY REFERENCES applications (id),
    accepted_at      TIMESTAMP NOT NULL,
    accepted_on      TEXT NOT NULL,            -- business date, YYYY-MM-DD
    accepted_by      TEXT NOT NULL,
    handling         TEXT NOT NULL,
    legal_days       INTEGER NOT NULL,
    promised_days    INTEGER NOT NULL,
    -- due_date is accepted_on + promised_days + paused_days working days; it moves when a
    -- pause ends. Dates as text compare correctly on both engines.
    due_date         TEXT NOT NULL,
    paused_days      INTEGER NOT NULL DEFAULT 0,
    -- warning is the last warning sent: '', 'yellow' or 'red'. The overdue job raises it
    -- with a conditional update, which is what makes each warning go out once.
    warning          TEXT NOT NULL DEFAULT '',
    -- 容缺受理: the materials accepted as pending (ids, comma-separated) and their due date.
    pending_materials TEXT NOT NULL DEFAULT '',
    pending_due      TEXT NOT NULL DEFAULT '',
    pending_reminded BOOLEAN NOT NULL DEFAULT FALSE,
    completed_at     TIMESTAMP,
    completed_on     TEXT NOT NULL DEFAULT '',
    completed_by     TEXT NOT NULL DEFAULT '',
    outcome          TEXT NOT NULL DEFAULT '',
    reason           TEXT NOT NULL DEFAULT ''
);
CREATE INDEX cases_due ON cases (due_date);

-- Stops of the clock (行政许可法 art. 45). ended_on is '' while the pause lasts; at most one
-- open pause per case.
CREATE TABLE case_pauses (
    id             TEXT PRIMARY KEY,
    application_id TEXT NOT NULL REFERENCES applications (id),
    kind           TEXT NOT NULL,
    note           TEXT NOT NULL,
    started_on     TEXT NOT NULL,
    started_by     TEXT NOT NULL,
    started_at     TIMESTAMP NOT NULL,
    ended_on       TEXT NOT NULL DEFAULT '',
    ended_by       TEXT NOT NULL DEFAULT '',
    days           INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX case_pauses_open ON case_pauses (application_id) WHERE ended_on = '';

-- 好差评: one evaluation per case, by its primary key.
CREATE TABLE evaluations (
    application_id TEXT PRIMARY KEY REFERENCES applications (id),
    user_id        TEXT NOT NULL,
    level          INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
    comment        TEXT NOT NULL DEFAULT '',
    channel        TEXT NOT NULL,
    recorded_by    TEXT NOT NULL,
    created_at     TIMESTAMP NOT NULL
);

-- 整改: the task a bad review opens for the department, with the call-back (回访).
CREATE TABLE rectifications (
    id              TEXT PRIMARY KEY,
    application_id  TEXT NOT NULL UNIQUE REFERENCES applications (id),
    department_code TEXT NOT NULL,
    site_code       TEXT NOT NULL,
    level           INTEGER NOT NULL,
    comment         TEXT NOT NULL DEFAULT '',
    due_date        TEXT NOT NULL,
    status          TEXT NOT NULL,
    callback_note   TEXT NOT NULL DEFAULT '',
    callback_at     TIMESTAMP,
    callback_by     TEXT NOT NULL DEFAULT '',
    measures        TEXT NOT NULL DEFAULT '',
    closed_at       TIMESTAMP,
    closed_by       TEXT NOT NULL DEFAULT '',
    created_at      TIMESTAMP NOT NULL
);
CREATE INDEX rectifications_dept ON rectifications (department_code, status, due_date);

-- 咨询/投诉. owner_id is '' until someone claims it; the claim is a conditional update, so
-- the first person owns it (首问负责制).
CREATE TABLE tickets (
    id              TEXT PRIMARY KEY,
    kind            TEXT NOT NULL,
    user_id         TEXT NOT NULL REFERENCES users (id),
    application_id  TEXT NOT NULL DEFAULT '',
    department_code TEXT NOT NULL DEFAULT '',
    subject         TEXT NOT NULL,
    status          TEXT NOT NULL,
    owner_id        TEXT NOT NULL DEFAULT '',
    created_at      TIMESTAMP NOT NULL,
    claimed_at      TIMESTAMP,
    first_reply_at  TIMESTAMP,
    closed_at       TIMESTAMP
);
CREATE INDEX tickets_user ON tickets (user_id, created_at);
CREATE INDEX tickets_dept ON tickets (department_code, status, created_at);

CREATE TABLE ticket_messages (
    id             TEXT PRIMARY KEY,
    ticket_id      TEXT NOT NULL REFERENCES tickets (id),
    author_id      TEXT NOT NULL,
    from_applicant BOOLEAN NOT NULL,
    body           TEXT NOT NULL,
    at             TIMESTAMP NOT NULL
);
CREATE INDEX ticket_messages_ticket ON ticket_messages (ticket_id, at);

-- The history of applications and the audit log are append-only: besides the code having
-- no update or delete of them, the database refuses one.
-- +goose StatementBegin
CREATE TRIGGER application_events_append_only_u BEFORE UPDATE ON application_events
BEGIN SELECT RAISE(ABORT, 'application_events is append-only'); END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER application_events_append_only_d BEFORE DELETE ON application_events
BEGIN SELECT RAISE(ABORT, 'application_events is append-only'); END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER audit_log_append_only_u BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER audit_log_append_only_d BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER audit_log_append_only_d;
DROP TRIGGER audit_log_append_only_u;
DROP TRIGGER application_events_append_only_d;
DROP TRIGGER application_events_append_only_u;
DROP TABLE ticket_messages;
DROP TABLE tickets;
DROP TABLE rectifications;
DROP TABLE evaluations;
DROP TABLE case_pauses;
DROP TABLE cases;
ALTER TABLE departments DROP COLUMN staff_may_accept;
