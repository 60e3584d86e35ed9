-- The browser that started an e-ID login (DESIGN 11, issue 13): the hash of the cookie the login
-- page set. The callback (OIDC) and the BankID page and poll refuse a browser without it, so a
-- login URL forwarded to someone else binds no one. NULL for logins begun before this column.
ALTER TABLE eid_logins ADD COLUMN browser_hash TEXT;
