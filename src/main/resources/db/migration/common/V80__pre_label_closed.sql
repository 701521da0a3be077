-- A pending pre-label round closed without an opinion (the project was abandoned): why and when.
ALTER TABLE pre_label ADD COLUMN closed_reason VARCHAR(1000);
ALTER TABLE pre_label ADD COLUMN closed_at TIMESTAMP WITH TIME ZONE;
