-- e-ID login bookkeeping (adapters/eid): one-time login links sent in chat, and the logins they
-- started. Tokens and OIDC state are stored only as SHA-256 hashes; nothing here is an identity.

-- A one-time link bound to a chat account, valid a few minutes, used at most once.
CREATE TABLE eid_login_links (
    token_hash  TEXT PRIMARY KEY,
    chat_key    TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL,
    used_at     TEXT
);

-- A login in progress at a provider. `key_hash` finds it again: the hash of the OIDC `state`, or of
-- the link token for BankID. `secret` is JSON that never leaves the server (OIDC nonce and PKCE
-- verifier; BankID orderRef and QR start secret). It is emptied when the login finishes.
CREATE TABLE eid_logins (
    id           TEXT PRIMARY KEY,
    key_hash     TEXT NOT NULL UNIQUE,
    provider     TEXT NOT NULL,
    chat_key     TEXT NOT NULL,
    secret       TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    expires_at   TEXT NOT NULL,
    finished_at  TEXT,
    outcome      TEXT
);
CREATE INDEX eid_logins_by_expiry ON eid_logins(expires_at);
CREATE INDEX eid_login_links_by_expiry ON eid_login_links(expires_at);
