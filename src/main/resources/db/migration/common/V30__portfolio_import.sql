-- Issue 12, portfolio import from the ANR open data (see src/docs/import.md).

-- Imported organisations: headcount and region unknown where the source says nothing (never invented).
ALTER TABLE organisation ALTER COLUMN headcount DROP NOT NULL;
ALTER TABLE organisation ALTER COLUMN region DROP NOT NULL;
ALTER TABLE organisation ADD COLUMN town VARCHAR(200);
ALTER TABLE organisation ADD COLUMN provenance VARCHAR(600);

-- Historical projects (imported history, no process): one row per project, one per partner row.
CREATE TABLE historical_project (
    id VARCHAR(64) PRIMARY KEY,
    acronym VARCHAR(200) NOT NULL,
    title VARCHAR(1000) NOT NULL,
    summary VARCHAR(10000),
    programme VARCHAR(100) NOT NULL,
    edition INTEGER NOT NULL,
    start_date DATE,
    allocated_aid DECIMAL(15, 2) NOT NULL,
    funder VARCHAR(200) NOT NULL,
    coordinator_organisation_id VARCHAR(80),
    partner_count INTEGER NOT NULL,
    import_run_id VARCHAR(64) NOT NULL,
    source_file VARCHAR(200) NOT NULL,
    source_row INTEGER NOT NULL,
    imported_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX historical_project_edition ON historical_project (edition);

CREATE TABLE historical_project_partner (
    project_id VARCHAR(64) NOT NULL,
    partner_code VARCHAR(64) NOT NULL,
    organisation_id VARCHAR(80),
    name VARCHAR(200),
    kind VARCHAR(30) NOT NULL,
    coordinator BOOLEAN NOT NULL,
    town VARCHAR(200),
    region VARCHAR(100),
    source_row INTEGER NOT NULL,
    PRIMARY KEY (project_id, partner_code)
);
CREATE INDEX historical_project_partner_org ON historical_project_partner (organisation_id);

-- Import runs: progress and final report, from the ImportRun aggregate's events.
CREATE TABLE import_run (
    id VARCHAR(64) PRIMARY KEY,
    source VARCHAR(200) NOT NULL,
    content_hash VARCHAR(64) NOT NULL,
    status VARCHAR(20) NOT NULL,
    total_rows INTEGER NOT NULL,
    total_partner_rows INTEGER NOT NULL,
    rows_done INTEGER NOT NULL,
    projects_created INTEGER NOT NULL,
    projects_skipped INTEGER NOT NULL,
    rows_refused INTEGER NOT NULL,
    organisations_created INTEGER NOT NULL,
    organisations_existing INTEGER NOT NULL,
    partner_rows_merged INTEGER NOT NULL,
    partner_rows_unknown INTEGER NOT NULL,
    aid_recorded INTEGER NOT NULL,
    aid_not_filled INTEGER NOT NULL,
    started_by VARCHAR(64),
    started_at TIMESTAMP WITH TIME ZONE NOT NULL,
    resumed_at TIMESTAMP WITH TIME ZONE,
    rows_at_resume INTEGER NOT NULL,
    last_batch_at TIMESTAMP WITH TIME ZONE,
    completed_at TIMESTAMP WITH TIME ZONE
);

CREATE TABLE import_run_refusal (
    run_id VARCHAR(64) NOT NULL,
    source_file VARCHAR(200) NOT NULL,
    source_row INTEGER NOT NULL,
    reason VARCHAR(1000) NOT NULL,
    PRIMARY KEY (run_id, source_file, source_row)
);

CREATE TABLE import_run_merge (
    run_id VARCHAR(64) NOT NULL,
    position INTEGER NOT NULL,
    organisation_id VARCHAR(80) NOT NULL,
    kept_name VARCHAR(200) NOT NULL,
    merged_name VARCHAR(200) NOT NULL,
    row_count INTEGER NOT NULL,
    reason VARCHAR(400) NOT NULL,
    PRIMARY KEY (run_id, position)
);
