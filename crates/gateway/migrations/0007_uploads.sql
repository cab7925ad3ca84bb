-- Attachments, checked by type, magic bytes and size before they are stored.
CREATE TABLE uploads (
    id         TEXT PRIMARY KEY NOT NULL,
    mime       TEXT NOT NULL,
    bytes      INTEGER NOT NULL,
    data       BLOB NOT NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
