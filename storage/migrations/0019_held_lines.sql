-- A clinician's line held back because it could be for more than one of their active cases
-- (issue 13): kept until they say which case (then sent there and deleted), replaced by their
-- next unaddressed line, or forgotten when it has waited too long (bot/addressing.py). One per
-- staff member. `cases` are the case ids offered, comma-separated, in the order shown.
CREATE TABLE held_lines (
    staff_platform  TEXT NOT NULL,
    staff_chat      TEXT NOT NULL,
    text            TEXT NOT NULL,
    attachment      TEXT,
    cases           TEXT NOT NULL,
    held_at         TEXT NOT NULL,
    PRIMARY KEY (staff_platform, staff_chat)
);
