-- Funding read models (processing group "funding"): applications, conventions and their versions, expense
-- statements, payments with pooled-fund splits, the cross-funder state-aid ledger, overdue stages and lead times.
-- Every row is keyed by ids taken from the events (no generated keys) so that a replay rebuilds it identically.

CREATE TABLE funding_application (
    id VARCHAR(200) PRIMARY KEY,
    project_id VARCHAR(64) NOT NULL,
    call_id VARCHAR(50),
    call_code VARCHAR(40),
    funder_id VARCHAR(40) NOT NULL,
    funder_kind VARCHAR(30),
    labelled BOOLEAN NOT NULL,
    contracting_deadline_months INTEGER NOT NULL,
    status VARCHAR(20) NOT NULL,
    requested_total NUMERIC(15, 2) NOT NULL,
    granted_total NUMERIC(15, 2),
    partial_grant BOOLEAN NOT NULL,
    reasons VARCHAR(4000),
    decided_on DATE,
    contracting_deadline DATE,
    submitted_at TIMESTAMP WITH TIME ZONE NOT NULL,
    submitted_by VARCHAR(64),
    decided_at TIMESTAMP WITH TIME ZONE,
    decided_by VARCHAR(64)
);
CREATE INDEX funding_application_project ON funding_application (project_id);
CREATE INDEX funding_application_funder ON funding_application (funder_id);

CREATE TABLE funding_application_partner (
    application_id VARCHAR(200) NOT NULL,
    organisation_id VARCHAR(80) NOT NULL,
    position INTEGER NOT NULL,
    partner_kind VARCHAR(30),
    in_territory BOOLEAN NOT NULL,
    industrial_research_cost NUMERIC(15, 2) NOT NULL,
    experimental_development_cost NUMERIC(15, 2) NOT NULL,
    rate_percent NUMERIC(5, 2),
    rate_source VARCHAR(200),
    max_amount NUMERIC(15, 2),
    requested_amount NUMERIC(15, 2) NOT NULL,
    granted_amount NUMERIC(15, 2),
    granted_rate_percent NUMERIC(5, 2),
    convention_id VARCHAR(200),
    PRIMARY KEY (application_id, organisation_id)
);

CREATE TABLE convention (
    id VARCHAR(200) PRIMARY KEY,
    application_id VARCHAR(200) NOT NULL,
    project_id VARCHAR(64) NOT NULL,
    funder_id VARCHAR(40) NOT NULL,
    organisation_id VARCHAR(80) NOT NULL,
    status VARCHAR(30) NOT NULL,
    granted_amount NUMERIC(15, 2) NOT NULL,
    rate_percent NUMERIC(5, 2),
    advance_percent NUMERIC(5, 2),
    interim_cap_percent NUMERIC(5, 2),
    paid_total NUMERIC(15, 2) NOT NULL,
    approved_total NUMERIC(15, 2) NOT NULL,
    released_amount NUMERIC(15, 2),
    version_number INTEGER NOT NULL,
    contracting_deadline DATE,
    signed_on DATE,
    end_date DATE,
    granted_at TIMESTAMP WITH TIME ZONE NOT NULL,
    signed_at TIMESTAMP WITH TIME ZONE,
    signed_by VARCHAR(64),
    final_report_accepted_at TIMESTAMP WITH TIME ZONE,
    final_report_comment VARCHAR(4000),
    lapsed_at TIMESTAMP WITH TIME ZONE,
    closed_at TIMESTAMP WITH TIME ZONE,
    withdrawn_at TIMESTAMP WITH TIME ZONE
);
CREATE INDEX convention_application ON convention (application_id);
CREATE INDEX convention_project ON convention (project_id);
CREATE INDEX convention_funder ON convention (funder_id);

-- The pooled-fund contributors a signed convention's payments are split by (its schedule).
CREATE TABLE convention_contributor (
    convention_id VARCHAR(200) NOT NULL,
    position INTEGER NOT NULL,
    contributor VARCHAR(200) NOT NULL,
    share_percent NUMERIC(5, 2) NOT NULL,
    PRIMARY KEY (convention_id, position)
);

-- Version 1 is the grant; every amendment (avenant) is the next version.
CREATE TABLE convention_version (
    convention_id VARCHAR(200) NOT NULL,
    version_number INTEGER NOT NULL,
    kind VARCHAR(30) NOT NULL,
    granted_amount_before NUMERIC(15, 2),
    granted_amount_after NUMERIC(15, 2) NOT NULL,
    end_date_before DATE,
    end_date_after DATE,
    counterpart_organisation_id VARCHAR(80),
    reason VARCHAR(4000),
    actor VARCHAR(64),
    recorded_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (convention_id, version_number)
);

CREATE TABLE expense_statement (
    convention_id VARCHAR(200) NOT NULL,
    statement_id VARCHAR(100) NOT NULL,
    application_id VARCHAR(200) NOT NULL,
    period_end DATE,
    amount NUMERIC(15, 2) NOT NULL,
    final_statement BOOLEAN NOT NULL,
    status VARCHAR(20) NOT NULL,
    approved_amount NUMERIC(15, 2),
    approved_total_after NUMERIC(15, 2),
    decision_comment VARCHAR(4000),
    rejection_reasons VARCHAR(4000),
    submitted_at TIMESTAMP WITH TIME ZONE NOT NULL,
    submitted_by VARCHAR(64),
    decided_at TIMESTAMP WITH TIME ZONE,
    decided_by VARCHAR(64),
    PRIMARY KEY (convention_id, statement_id)
);

CREATE TABLE funding_payment (
    payment_id VARCHAR(100) PRIMARY KEY,
    convention_id VARCHAR(200) NOT NULL,
    application_id VARCHAR(200) NOT NULL,
    project_id VARCHAR(64) NOT NULL,
    funder_id VARCHAR(40) NOT NULL,
    organisation_id VARCHAR(80) NOT NULL,
    kind VARCHAR(20) NOT NULL,
    statement_id VARCHAR(100),
    amount NUMERIC(15, 2) NOT NULL,
    paid_total_after NUMERIC(15, 2) NOT NULL,
    remaining_after NUMERIC(15, 2),
    paid_at TIMESTAMP WITH TIME ZONE NOT NULL,
    paid_by VARCHAR(64)
);
CREATE INDEX funding_payment_convention ON funding_payment (convention_id);
CREATE INDEX funding_payment_funder ON funding_payment (funder_id);

-- A pooled fund's payment split between its contributors, exact to the cent.
CREATE TABLE funding_payment_share (
    payment_id VARCHAR(100) NOT NULL,
    position INTEGER NOT NULL,
    contributor VARCHAR(200) NOT NULL,
    share_percent NUMERIC(5, 2) NOT NULL,
    amount NUMERIC(15, 2) NOT NULL,
    PRIMARY KEY (payment_id, position)
);
CREATE INDEX funding_payment_share_contributor ON funding_payment_share (contributor);

-- A partner's cross-funder state-aid ledger (one per project and partner): its latest total and ceiling.
CREATE TABLE state_aid_ledger (
    ledger_id VARCHAR(200) PRIMARY KEY,
    project_id VARCHAR(64) NOT NULL,
    organisation_id VARCHAR(80) NOT NULL,
    enterprise_size VARCHAR(30),
    total_aid NUMERIC(15, 2) NOT NULL,
    ceiling_amount NUMERIC(15, 2),
    last_updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX state_aid_ledger_project ON state_aid_ledger (project_id);

CREATE TABLE state_aid_entry (
    ledger_id VARCHAR(200) NOT NULL,
    application_id VARCHAR(200) NOT NULL,
    project_id VARCHAR(64) NOT NULL,
    organisation_id VARCHAR(80) NOT NULL,
    funder_id VARCHAR(40) NOT NULL,
    enterprise_size VARCHAR(30),
    effective_collaboration BOOLEAN NOT NULL,
    industrial_research_cost NUMERIC(15, 2),
    experimental_development_cost NUMERIC(15, 2),
    industrial_research_ceiling_percent NUMERIC(5, 2),
    experimental_development_ceiling_percent NUMERIC(5, 2),
    ceiling_amount NUMERIC(15, 2),
    amount NUMERIC(15, 2) NOT NULL,
    total_aid_after NUMERIC(15, 2) NOT NULL,
    over_ceiling BOOLEAN NOT NULL,
    justification VARCHAR(4000),
    released_amount NUMERIC(15, 2) NOT NULL,
    recorded_at TIMESTAMP WITH TIME ZONE NOT NULL,
    recorded_by VARCHAR(64),
    PRIMARY KEY (ledger_id, application_id)
);

-- Every release from a ledger, keyed by its event's id (several releases may hit one entry).
CREATE TABLE state_aid_release (
    event_id VARCHAR(100) PRIMARY KEY,
    ledger_id VARCHAR(200) NOT NULL,
    application_id VARCHAR(200) NOT NULL,
    funder_id VARCHAR(40) NOT NULL,
    amount NUMERIC(15, 2) NOT NULL,
    total_aid_after NUMERIC(15, 2) NOT NULL,
    reason VARCHAR(4000),
    released_at TIMESTAMP WITH TIME ZONE NOT NULL,
    released_by VARCHAR(64)
);
CREATE INDEX state_aid_release_entry ON state_aid_release (ledger_id, application_id);

-- A stage that ran past the funder's service level; subject = the convention id, or the application id.
CREATE TABLE funding_stage_overdue (
    subject_id VARCHAR(200) NOT NULL,
    stage VARCHAR(40) NOT NULL,
    application_id VARCHAR(200) NOT NULL,
    convention_id VARCHAR(200),
    project_id VARCHAR(64) NOT NULL,
    funder_id VARCHAR(40) NOT NULL,
    service_level_days INTEGER NOT NULL,
    reported_at TIMESTAMP WITH TIME ZONE NOT NULL,
    reported_by VARCHAR(64),
    PRIMARY KEY (subject_id, stage)
);
CREATE INDEX funding_stage_overdue_application ON funding_stage_overdue (application_id);

-- What pole staff did about an overdue stage, keyed by its event's id.
CREATE TABLE funding_stage_chase (
    event_id VARCHAR(100) PRIMARY KEY,
    subject_id VARCHAR(200) NOT NULL,
    stage VARCHAR(40) NOT NULL,
    application_id VARCHAR(200) NOT NULL,
    convention_id VARCHAR(200),
    action VARCHAR(4000) NOT NULL,
    actor VARCHAR(64),
    chased_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX funding_stage_chase_subject ON funding_stage_chase (subject_id, stage);

-- One row per measured stage (subject = the application for SUBMISSION_TO_DECISION, else the convention),
-- from the recorded events' timestamps; ended_at is NULL while the stage runs (or when it never ends: a lapse).
CREATE TABLE funding_lead_time (
    subject_id VARCHAR(200) NOT NULL,
    stage VARCHAR(40) NOT NULL,
    funder_id VARCHAR(40) NOT NULL,
    project_id VARCHAR(64) NOT NULL,
    application_id VARCHAR(200) NOT NULL,
    convention_id VARCHAR(200),
    started_at TIMESTAMP WITH TIME ZONE NOT NULL,
    ended_at TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (subject_id, stage)
);
CREATE INDEX funding_lead_time_funder ON funding_lead_time (funder_id, stage);
