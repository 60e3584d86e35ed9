-- Moderation verdicts (rule id, lexicon version, category, matched form; never the whole
-- message: the message itself is in the record) and the pause of relaying after a threat.
CREATE TABLE moderation_verdicts (
    id               INTEGER PRIMARY KEY,
    patient_id       INTEGER NOT NULL REFERENCES patients(id),
    case_id          INTEGER REFERENCES cases(id),
    at               TEXT NOT NULL,
    action           TEXT NOT NULL,
    category         TEXT NOT NULL,
    rule_id          TEXT NOT NULL,
    lexicon_version  TEXT NOT NULL,
    matched_form     TEXT NOT NULL,
    strike           INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX moderation_by_patient ON moderation_verdicts(patient_id, at);

ALTER TABLE cases ADD COLUMN relay_paused INTEGER NOT NULL DEFAULT 0;
