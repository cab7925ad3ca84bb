-- Whether FAQ answers helped: topic, verdict and language only (no query text, no personal data).
CREATE TABLE faq_feedback (
    id         INTEGER PRIMARY KEY,
    topic_id   TEXT NOT NULL,
    helpful    INTEGER NOT NULL CHECK (helpful IN (0, 1)),
    lang       TEXT NOT NULL CHECK (lang IN ('vi', 'en')),
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX faq_feedback_topic ON faq_feedback (topic_id);
