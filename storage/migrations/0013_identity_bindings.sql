-- Verified identity (issue 8). A patient row with a personnummer is that person's record: every
-- chat account bound to the person points at it, so their cases, export and contact details are
-- the same whichever chat they write from, and no other person's are reachable from it.
ALTER TABLE patients ADD COLUMN personnummer TEXT;
CREATE UNIQUE INDEX patients_by_personnummer ON patients(personnummer)
    WHERE personnummer IS NOT NULL;
ALTER TABLE patients ADD COLUMN email TEXT;
-- Contact details asked at the first login: '' not yet, 'mobile', 'email', 'done'.
ALTER TABLE patients ADD COLUMN contact_step TEXT NOT NULL DEFAULT '';

-- The child's personnummer as the guardian gave it (identity on).
ALTER TABLE subjects ADD COLUMN personnummer TEXT;

-- Which verified person a chat account acts for. A binding is never changed except to end it
-- (a new login, a misuse report), so the rows are the history of who logged in from where.
CREATE TABLE identity_bindings (
    id            INTEGER PRIMARY KEY,
    platform      TEXT NOT NULL,
    chat          TEXT NOT NULL,
    patient_id    INTEGER NOT NULL REFERENCES patients(id),
    personnummer  TEXT NOT NULL,
    name          TEXT NOT NULL DEFAULT '',
    provider      TEXT NOT NULL CHECK (provider IN ('demo', 'oidc', 'bankid')),
    verified_at   TEXT NOT NULL,
    ended_at      TEXT,
    end_reason    TEXT
);
CREATE UNIQUE INDEX identity_bindings_live ON identity_bindings(platform, chat)
    WHERE ended_at IS NULL;
CREATE INDEX identity_bindings_by_person ON identity_bindings(personnummer, ended_at);
