-- PostgreSQL's twin of 0015_matrix_undecrypted.sql (storage/database.py loads it there instead): the same tables,
-- with BIGINT for the milliseconds since 1970.

-- Encrypted Matrix events the bot could not decrypt when they arrived (their room key had not
-- come yet, e.g. from a patient's new phone). Stored with the sync token that moved past them,
-- tried again as keys arrive, and handed to the core as ordinary messages once readable
-- (DESIGN 10, 13). `source` is the m.room.encrypted event as received: ciphertext only.
CREATE TABLE matrix_undecrypted (
    event_id    TEXT PRIMARY KEY,
    room_id     TEXT NOT NULL,
    sender      TEXT NOT NULL,
    sent_ms     BIGINT NOT NULL,  -- origin_server_ts: handled in the order they were sent
    source      TEXT NOT NULL,
    first_seen  TEXT NOT NULL,
    attempts    INTEGER NOT NULL DEFAULT 0,  -- decryptions tried with a key that did not fit
    told_at     TEXT                         -- when the sender was asked to write it again
);
CREATE INDEX matrix_undecrypted_by_order ON matrix_undecrypted(sent_ms, event_id);
