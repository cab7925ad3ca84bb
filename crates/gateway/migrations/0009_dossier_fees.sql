-- The fee of each dossier, fixed when it is submitted (some depend on the answers: copies by page).
ALTER TABLE dossiers ADD COLUMN fee_vnd INTEGER;
