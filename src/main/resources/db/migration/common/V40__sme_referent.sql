-- The SME referent (issue 13): the pole staff member named as an SME's contact. Read model, rebuilt from
-- SmeReferentAssignedEvent; one row per SME (a change of referent overwrites it).
CREATE TABLE organisation_referent (
    organisation_id VARCHAR(80) PRIMARY KEY,
    referent_user_id VARCHAR(64) NOT NULL,
    assigned_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX organisation_referent_user ON organisation_referent (referent_user_id);
