-- An attachment belongs to the dossier that first used it; until then it is loose (and may be cleared).
ALTER TABLE uploads ADD COLUMN dossier_code TEXT;
CREATE INDEX uploads_by_dossier ON uploads (dossier_code);
