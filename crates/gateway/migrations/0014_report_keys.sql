-- A report sent again after its answer was lost carries the same key, and is the same report. The hash
-- covers what is public (service, description, place), so a resend without the contact is recognised.
ALTER TABLE reports ADD COLUMN idempotency_key TEXT;
ALTER TABLE reports ADD COLUMN body_hash TEXT;
CREATE UNIQUE INDEX reports_by_key ON reports (idempotency_key) WHERE idempotency_key IS NOT NULL;
