-- Class mode: classes, their learners (a display name only) and failed join attempts (rate limit).
CREATE TABLE classes (
    code          TEXT PRIMARY KEY NOT NULL,
    lesson_id     TEXT NOT NULL,
    trainer_token TEXT NOT NULL,
    created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    closed_at     TEXT
);
CREATE TABLE class_learners (
    class_code TEXT NOT NULL REFERENCES classes (code),
    learner_id TEXT NOT NULL,
    name       TEXT NOT NULL,
    progress   TEXT NOT NULL DEFAULT '{}',
    joined_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    PRIMARY KEY (class_code, learner_id)
);
CREATE TABLE class_join_failures (
    at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
