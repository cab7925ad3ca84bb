-- Per-client write allowances kept in the database when several gateways share it (PostgreSQL), so a
-- client's allowance is one across them: GCRA's theoretical arrival time, in milliseconds since 1970.
-- A row whose time has passed is a whole allowance again and is swept.
CREATE TABLE write_limits (
    kind   TEXT NOT NULL,
    client TEXT NOT NULL,
    tat    INTEGER NOT NULL,
    PRIMARY KEY (kind, client)
);
CREATE INDEX write_limits_tat ON write_limits (tat);
