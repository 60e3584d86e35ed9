-- One-off closures added by admins (`closed FROM TO REASON`), besides those in the config.
CREATE TABLE closures (
    id        INTEGER PRIMARY KEY,
    starts_at TEXT NOT NULL,
    ends_at   TEXT NOT NULL,
    reason    TEXT NOT NULL DEFAULT '',
    added_by  TEXT NOT NULL,
    added_at  TEXT NOT NULL
);
