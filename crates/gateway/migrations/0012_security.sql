-- Safe to expose (issue 13): access keys (hashed), failed attempts at any secret counted per client and
-- per target, named officers (tokens hashed) with a record of what each did, uploads by client (quotas),
-- and payments the office must look at (a late or second success).
ALTER TABLE dossiers ADD COLUMN access_key_hash TEXT;

CREATE TABLE failed_attempts (
    id     INTEGER PRIMARY KEY,
    secret TEXT NOT NULL,
    client TEXT NOT NULL,
    target TEXT NOT NULL DEFAULT '',
    at     INTEGER NOT NULL
);
CREATE INDEX failed_attempts_by_client ON failed_attempts (secret, client, at);
CREATE INDEX failed_attempts_by_target ON failed_attempts (secret, target, at);
CREATE INDEX failed_attempts_at ON failed_attempts (at);
-- Failed class joins are counted with the other secrets now.
DROP TABLE class_join_failures;

CREATE TABLE officers (
    name       TEXT PRIMARY KEY NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    revoked_at TEXT
);
CREATE TABLE officer_actions (
    id      INTEGER PRIMARY KEY,
    officer TEXT NOT NULL,
    action  TEXT NOT NULL,
    target  TEXT NOT NULL,
    at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX officer_actions_target ON officer_actions (target, id);
ALTER TABLE dossier_events ADD COLUMN officer TEXT;

ALTER TABLE uploads ADD COLUMN client TEXT NOT NULL DEFAULT '';
CREATE INDEX uploads_by_client ON uploads (client, created_at);

-- 'late_success': paid after it expired or was replaced; 'second_payment': the dossier was already paid.
ALTER TABLE payments ADD COLUMN flag TEXT;
ALTER TABLE payments ADD COLUMN confirmed_by TEXT;
