-- Delivery reports that came before the gateway's id for their text message was stored: a fast
-- gateway can report "delivered" before its answer to the send has reached us. Kept here (one
-- per id: the first final status wins), applied to `sms` when the id is stored and deleted
-- then; one whose id never turns up is forgotten after a day (storage/repositories.py
-- EARLY_REPORTS_KEPT). Deliberately no link to a case or patient: only the gateway's id, the
-- status and when it came, so retention of cases and people has nothing here to delete.
CREATE TABLE sms_early_reports (
    provider     TEXT NOT NULL,
    provider_id  TEXT NOT NULL,
    status       TEXT NOT NULL,
    received_at  TEXT NOT NULL,
    PRIMARY KEY (provider, provider_id)
);
CREATE INDEX sms_early_reports_by_age ON sms_early_reports(received_at);
