-- Nothing stops the bot and nothing vanishes (issue 13, DESIGN 13).
--
-- An incoming event the core failed to handle again and again, or an outgoing message that could
-- not be delivered or read, is set aside here with its error; an admin is told, and the rest
-- flows on. `payload` is what a retry needs: the event as JSON ('in'; handled again through the
-- core) or the outbox row's payload as stored ('out'; put back in the outbox). It may hold a
-- patient's words, like the record and the outbox do; the logs never do.
CREATE TABLE dead_letters (
    id              INTEGER PRIMARY KEY,
    direction       TEXT NOT NULL CHECK (direction IN ('in', 'out')),
    platform        TEXT NOT NULL,
    event_id        TEXT,                   -- 'in': the platform event id
    outbox_id       INTEGER,                -- 'out': the outbox row set aside
    sender          TEXT,                   -- 'in': the sender's address key
    payload         TEXT NOT NULL,
    error           TEXT NOT NULL,          -- exception type and message
    attempts        INTEGER NOT NULL,
    set_aside_at    TEXT NOT NULL,
    -- new: waiting for an admin; retrying: an admin asked to handle an incoming event again;
    -- retried: handled again or put back in the outbox; dropped: an admin dropped it (kept).
    status          TEXT NOT NULL DEFAULT 'new'
                    CHECK (status IN ('new', 'retrying', 'retried', 'dropped')),
    told_at         TEXT,                   -- admins told (NULL: the next tick tells them)
    settled_at      TEXT,
    settled_by      TEXT                    -- the admin's address key
);
CREATE INDEX dead_letters_open ON dead_letters(status, id);

-- What became of an outgoing message: pending until sent, 'dropped' when the platform refused it
-- for good (the person blocked the bot, the room is gone), 'dead' when set aside as a dead
-- letter. Only 'sent' has `sent_at`. Before this, a dropped message was marked sent.
ALTER TABLE outbox ADD COLUMN status TEXT NOT NULL DEFAULT 'pending';
-- The chat a message goes to: a message that waits for a retry holds back only the later ones
-- to the same chat (order within a chat), never the other chats.
ALTER TABLE outbox ADD COLUMN lane TEXT;
-- 'dead_letter_notice' for the bot's own notices to admins: one of those that dies is set aside
-- too, but tells nobody (no notice about a notice, over and over).
ALTER TABLE outbox ADD COLUMN purpose TEXT;
UPDATE outbox SET status = 'sent' WHERE sent_at IS NOT NULL;
UPDATE outbox SET lane = CASE
    WHEN NOT json_valid(payload) THEN NULL
    WHEN json_extract(payload, '$.kind') = 'sms' THEN 'sms:' || json_extract(payload, '$.sms_id')
    WHEN json_extract(payload, '$.to.chat') IS NOT NULL
        THEN json_extract(payload, '$.to.platform') || ':' || json_extract(payload, '$.to.chat')
    WHEN json_extract(payload, '$.chat.chat') IS NOT NULL
        THEN json_extract(payload, '$.chat.platform') || ':' || json_extract(payload, '$.chat.chat')
    WHEN json_extract(payload, '$.patient.chat') IS NOT NULL
        THEN json_extract(payload, '$.patient.platform') || ':'
            || json_extract(payload, '$.patient.chat')
END WHERE status = 'pending';
CREATE INDEX outbox_lanes ON outbox(platform, lane, id) WHERE status = 'pending';
