-- Redress after a label refusal (src/docs/redress.md): where the contest stands, shown to the carrier and staff.
ALTER TABLE project ADD COLUMN redress_state VARCHAR(20);
ALTER TABLE project ADD COLUMN redress_deadline DATE;
ALTER TABLE project ADD COLUMN redress_arguments VARCHAR(4000);
ALTER TABLE project ADD COLUMN redress_reasons VARCHAR(4000);
ALTER TABLE project ADD COLUMN redress_updated_at TIMESTAMP WITH TIME ZONE;
