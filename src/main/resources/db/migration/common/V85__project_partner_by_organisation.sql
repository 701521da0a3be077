-- An organisation's projects (its capacity check, its referent's list) are found through its partner rows, not by
-- reading every project of the pole.
CREATE INDEX project_partner_organisation ON project_partner (organisation_id);

-- The same for its funding applications (its share of each), read at once by the capacity check.
CREATE INDEX funding_application_partner_organisation ON funding_application_partner (organisation_id);
