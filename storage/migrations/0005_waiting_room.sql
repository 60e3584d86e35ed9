-- The waiting room: what each queued patient was last told about their place, and feedback.

ALTER TABLE cases ADD COLUMN last_position INTEGER;
ALTER TABLE cases ADD COLUMN position_told_at TEXT;

-- Feedback after a case closed: never required, one per case.
CREATE TABLE feedback (
    case_id     INTEGER PRIMARY KEY REFERENCES cases(id),
    rating      INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
    comment     TEXT,
    at          TEXT NOT NULL,
    comment_at  TEXT
);
