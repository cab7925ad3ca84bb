-- Citizen reports (Open311 GeoReport v2). What is public: the service, the place, the description, the
-- photos and the status. The reporter's name and contact are kept for the ward office only.
CREATE TABLE reports (
    id           TEXT PRIMARY KEY NOT NULL,
    service_code TEXT NOT NULL,
    status       TEXT NOT NULL DEFAULT 'open',
    status_notes TEXT,
    description  TEXT NOT NULL DEFAULT '',
    lat          REAL,
    long         REAL,
    address      TEXT,
    attributes   TEXT NOT NULL DEFAULT '{}',
    media_urls   TEXT NOT NULL DEFAULT '[]',
    first_name   TEXT,
    last_name    TEXT,
    email        TEXT,
    phone        TEXT,
    client       TEXT NOT NULL,
    requested_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX reports_by_time ON reports (requested_at);
CREATE TABLE report_events (
    id        INTEGER PRIMARY KEY,
    report_id TEXT NOT NULL REFERENCES reports (id),
    status    TEXT NOT NULL,
    note      TEXT,
    officer   TEXT,
    at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
-- A photo of a report is public once the report is made (a dossier's papers never are).
ALTER TABLE uploads ADD COLUMN report_id TEXT REFERENCES reports (id);
