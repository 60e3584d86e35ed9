-- Marks left by the periodic jobs, so that each notice or alert is sent once even if the
-- scheduler fires twice or the bot restarts (e.g. ('target_alert', '12'), ('open_state', 'unit')).
CREATE TABLE job_marks (
    job     TEXT NOT NULL,
    key     TEXT NOT NULL,
    value   TEXT NOT NULL DEFAULT '',
    at      TEXT NOT NULL,
    PRIMARY KEY (job, key)
);
