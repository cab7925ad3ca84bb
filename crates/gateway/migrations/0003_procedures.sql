-- The procedure catalogue, seeded at start from data/procedures.json (the repository's copy wins).
CREATE TABLE procedure_fields (
    id       TEXT PRIMARY KEY NOT NULL,
    position INTEGER NOT NULL,
    data     TEXT NOT NULL
);
CREATE TABLE procedures (
    id       TEXT PRIMARY KEY NOT NULL,
    position INTEGER NOT NULL,
    field    TEXT NOT NULL REFERENCES procedure_fields (id),
    data     TEXT NOT NULL
);
