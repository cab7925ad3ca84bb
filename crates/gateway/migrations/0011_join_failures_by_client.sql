-- Failed class joins are counted per client (its address, or the one a trusted proxy forwarded), so one
-- guesser cannot pause joining for everyone.
ALTER TABLE class_join_failures ADD COLUMN client TEXT NOT NULL DEFAULT '';
CREATE INDEX class_join_failures_by_client ON class_join_failures (client, at);
