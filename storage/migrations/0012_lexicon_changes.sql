-- Lexicon entries added or removed by admins, in order; the files plus these are the lexicon.
CREATE TABLE lexicon_changes (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    by        TEXT NOT NULL,
    action    TEXT NOT NULL CHECK (action IN ('add', 'remove')),
    entry_id  TEXT NOT NULL,
    language  TEXT NOT NULL DEFAULT '',
    pattern   TEXT NOT NULL DEFAULT '',
    mode      TEXT NOT NULL DEFAULT 'word',
    category  TEXT NOT NULL DEFAULT '',
    severity  INTEGER NOT NULL DEFAULT 1
);
