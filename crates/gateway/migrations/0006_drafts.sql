-- Drafts the citizen chose to continue on another device; deleted when they expire.
CREATE TABLE drafts (
    resume_code  TEXT PRIMARY KEY NOT NULL,
    procedure_id TEXT NOT NULL,
    step         TEXT NOT NULL,
    answers      TEXT NOT NULL,
    expires_at   TEXT NOT NULL
);
