-- How many login links a chat account was sent lately (a limit against link flooding).
CREATE INDEX eid_login_links_by_chat ON eid_login_links(chat_key, created_at);
