-- IP pre-diagnoses (issue 13): one row per SME and project, rebuilt from the IpPreDiagnosis events. The findings are
-- confidential: the web layer shows them only to the SME's users, IP advisers and auditors.
CREATE TABLE ip_pre_diagnosis (
    id VARCHAR(160) PRIMARY KEY,
    project_id VARCHAR(64) NOT NULL,
    organisation_id VARCHAR(80) NOT NULL,
    status VARCHAR(20) NOT NULL,
    requested_by VARCHAR(64) NOT NULL,
    requested_at TIMESTAMP WITH TIME ZONE NOT NULL,
    adviser VARCHAR(64),
    prior_art_to_check VARCHAR(4000),
    file_before_disclosure VARCHAR(4000),
    keep_secret VARCHAR(4000),
    findings_recorded_at TIMESTAMP WITH TIME ZONE,
    shared_summary VARCHAR(4000),
    shared_at TIMESTAMP WITH TIME ZONE
);
CREATE INDEX ip_pre_diagnosis_project ON ip_pre_diagnosis (project_id);
