-- Payments of dossier fees. The status changes only on a verified IPN or an officer's confirmation.
CREATE TABLE payments (
    txn_ref       TEXT PRIMARY KEY NOT NULL,
    dossier_code  TEXT NOT NULL REFERENCES dossiers (code),
    method        TEXT NOT NULL CHECK (method IN ('vnpay', 'vietqr')),
    amount_vnd    INTEGER NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('pending', 'paid', 'failed', 'cancelled')),
    response_code TEXT,
    created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    expires_at    TEXT NOT NULL,
    paid_at       TEXT
);
CREATE INDEX payments_dossier ON payments (dossier_code);
