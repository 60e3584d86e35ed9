-- The first schema: one care unit is enough to start, but every case carries its unit so that
-- several units need no migration (DESIGN 2).

CREATE TABLE patients (
    id            INTEGER PRIMARY KEY,
    created_at    TEXT NOT NULL,
    language      TEXT NOT NULL DEFAULT 'sv',
    language_set  INTEGER NOT NULL DEFAULT 0
);

-- A chat account (platform + chat id) bound to a patient.
CREATE TABLE accounts (
    platform    TEXT NOT NULL,
    chat        TEXT NOT NULL,
    patient_id  INTEGER NOT NULL REFERENCES patients(id),
    created_at  TEXT NOT NULL,
    PRIMARY KEY (platform, chat)
);

-- The person cared for: the patient themself, or a child under 13 with the guardian's statement.
CREATE TABLE subjects (
    id                  INTEGER PRIMARY KEY,
    patient_id          INTEGER NOT NULL REFERENCES patients(id),
    kind                TEXT NOT NULL CHECK (kind IN ('self', 'child')),
    name                TEXT,
    age_months          INTEGER,
    guardian_statement  TEXT,
    created_at          TEXT NOT NULL
);
CREATE UNIQUE INDEX subjects_one_self ON subjects(patient_id) WHERE kind = 'self';

CREATE TABLE staff (
    platform    TEXT NOT NULL,
    chat        TEXT NOT NULL,
    role        TEXT NOT NULL CHECK (role IN ('clinician', 'admin')),
    name        TEXT NOT NULL,
    title       TEXT NOT NULL DEFAULT '',
    unit        TEXT NOT NULL DEFAULT 'default',
    added_at    TEXT NOT NULL,
    PRIMARY KEY (platform, chat)
);

CREATE TABLE cases (
    id                     INTEGER PRIMARY KEY,
    unit                   TEXT NOT NULL,
    patient_id             INTEGER NOT NULL REFERENCES patients(id),
    subject_id             INTEGER REFERENCES subjects(id),
    state                  TEXT NOT NULL CHECK (state IN
                               ('intake', 'queued', 'active', 'closed', 'ended',
                                'cancelled', 'expired', 'redirected')),
    step                   TEXT NOT NULL DEFAULT '',
    language               TEXT NOT NULL,
    patient_platform       TEXT NOT NULL,
    patient_chat           TEXT NOT NULL,
    complaint              TEXT,
    questionnaire_id       TEXT,
    questionnaire_version  TEXT,
    rules_version          TEXT,
    outcome                TEXT,
    rule_id                TEXT,
    priority               INTEGER,
    recheck                INTEGER NOT NULL DEFAULT 0,
    clinician_platform     TEXT,
    clinician_chat         TEXT,
    close_outcome          TEXT,
    created_at             TEXT NOT NULL,
    queued_at              TEXT,
    taken_at               TEXT,
    finished_at            TEXT
);
-- At most one open case per person cared for, and one intake at a time per patient.
CREATE UNIQUE INDEX cases_one_open_per_subject ON cases(subject_id)
    WHERE state IN ('intake', 'queued', 'active') AND subject_id IS NOT NULL;
CREATE UNIQUE INDEX cases_one_intake_per_patient ON cases(patient_id) WHERE state = 'intake';
CREATE INDEX cases_by_state ON cases(unit, state);
CREATE INDEX cases_by_patient ON cases(patient_id, state);
CREATE INDEX cases_by_clinician ON cases(clinician_platform, clinician_chat, state);

-- Questionnaire answers. Round 0 is the intake; each `worse` re-check adds a round.
CREATE TABLE answers (
    case_id      INTEGER NOT NULL REFERENCES cases(id),
    round        INTEGER NOT NULL DEFAULT 0,
    link_id      TEXT NOT NULL,
    value        TEXT NOT NULL,
    answered_at  TEXT NOT NULL,
    PRIMARY KEY (case_id, round, link_id)
);

-- The record: every line said in a case, by anyone, including staff-only notes.
CREATE TABLE messages (
    id           INTEGER PRIMARY KEY,
    case_id      INTEGER NOT NULL REFERENCES cases(id),
    at           TEXT NOT NULL,
    author_role  TEXT NOT NULL CHECK (author_role IN ('patient', 'clinician', 'bot', 'note')),
    author       TEXT NOT NULL,
    body         TEXT NOT NULL
);
CREATE INDEX messages_by_case ON messages(case_id, id);

CREATE TABLE case_events (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES cases(id),
    at          TEXT NOT NULL,
    from_state  TEXT,
    to_state    TEXT NOT NULL,
    actor       TEXT NOT NULL,
    reason      TEXT NOT NULL DEFAULT '',
    detail      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX case_events_by_case ON case_events(case_id, id);

-- Every staff access to a case. Append-only: the triggers refuse changes.
CREATE TABLE audit (
    id       INTEGER PRIMARY KEY,
    at       TEXT NOT NULL,
    staff    TEXT NOT NULL,
    action   TEXT NOT NULL,
    case_id  INTEGER,
    detail   TEXT NOT NULL DEFAULT ''
);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;

-- Platform event ids already handled, written in the same transaction as their effects.
CREATE TABLE inbox (
    event_id    TEXT PRIMARY KEY,
    handled_at  TEXT NOT NULL
);

-- Messages to send, stored with the effects that caused them and sent afterwards by one worker.
CREATE TABLE outbox (
    id               INTEGER PRIMARY KEY,
    created_at       TEXT NOT NULL,
    platform         TEXT NOT NULL,
    payload          TEXT NOT NULL,
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  TEXT,
    sent_at          TEXT,
    last_error       TEXT
);
CREATE INDEX outbox_pending ON outbox(platform, id) WHERE sent_at IS NULL;
