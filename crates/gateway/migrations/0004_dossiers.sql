-- Submitted dossiers and every status change, with its time.
CREATE TABLE dossiers (
    code            TEXT PRIMARY KEY NOT NULL,
    procedure_id    TEXT NOT NULL,
    idempotency_key TEXT NOT NULL UNIQUE,
    body_hash       TEXT NOT NULL,
    answers         TEXT NOT NULL,
    phone           TEXT NOT NULL,
    status          TEXT NOT NULL,
    appointment     TEXT NOT NULL,
    submitted_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE TABLE dossier_events (
    id      INTEGER PRIMARY KEY,
    code    TEXT NOT NULL REFERENCES dossiers (code),
    status  TEXT NOT NULL,
    note_vi TEXT,
    note_en TEXT,
    at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX dossier_events_code ON dossier_events (code, id);
