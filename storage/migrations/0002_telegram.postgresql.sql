-- PostgreSQL's twin of 0002_telegram.sql (storage/database.py loads it there instead): the same tables,
-- with BIGINT for Telegram's update and message ids.

-- Telegram's own bookkeeping (adapters/telegram): the update offset, which relayed message belongs
-- to which case (so a reply answers that case), and the last question shown with buttons per chat.

-- The next update id to ask for; written only after the updates before it were committed.
CREATE TABLE telegram_offset (
    bot       TEXT PRIMARY KEY,
    next_id   BIGINT NOT NULL,
    saved_at  TEXT NOT NULL
);

-- A message the bot sent (relayed or about a case) and the case it belongs to.
CREATE TABLE telegram_case_messages (
    chat        TEXT NOT NULL,
    message_id  BIGINT NOT NULL,
    case_id     BIGINT NOT NULL,
    PRIMARY KEY (chat, message_id)
);

-- The latest question with inline buttons in each chat; older buttons are stale.
CREATE TABLE telegram_questions (
    chat        TEXT PRIMARY KEY,
    message_id  BIGINT NOT NULL,
    text        TEXT NOT NULL,
    choices     TEXT NOT NULL
);
