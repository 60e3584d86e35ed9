-- The Matrix adapter's own bookkeeping (DESIGN 10, 13).

-- The sync token, saved only after the events of its batch are handled and committed.
CREATE TABLE matrix_sync (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    next_batch  TEXT NOT NULL,
    saved_at    TEXT NOT NULL
);

-- Rooms the bot is in besides the staff room: a patient's room (person = the patient who
-- invited the bot) or the bot's direct room with a staff member (person = that user).
CREATE TABLE matrix_rooms (
    room_id     TEXT PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('patient', 'direct')),
    person      TEXT NOT NULL,
    created_at  TEXT NOT NULL
);
CREATE INDEX matrix_rooms_by_person ON matrix_rooms(kind, person);

-- Users registered as staff because they are members of the staff room.
CREATE TABLE matrix_staff (
    user_id   TEXT PRIMARY KEY,
    added_at  TEXT NOT NULL
);

-- The patient room a clinician was invited to for a case (from JoinCase until LeaveCase).
CREATE TABLE matrix_case_rooms (
    case_id    INTEGER PRIMARY KEY,
    room_id    TEXT NOT NULL,
    clinician  TEXT NOT NULL,
    joined_at  TEXT NOT NULL
);
