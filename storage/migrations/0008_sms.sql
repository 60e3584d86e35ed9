-- A patient's mobile number (E.164) for "your turn" text messages, and every SMS sent.
ALTER TABLE patients ADD COLUMN mobile TEXT;

CREATE TABLE sms (
    id           INTEGER PRIMARY KEY,
    case_id      INTEGER REFERENCES cases(id),
    patient_id   INTEGER NOT NULL REFERENCES patients(id),
    purpose      TEXT NOT NULL,
    status       TEXT NOT NULL DEFAULT 'queued',
    provider     TEXT,
    provider_id  TEXT,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX sms_by_provider_id ON sms(provider, provider_id);
