CREATE TABLE organisation (
    id VARCHAR(80) PRIMARY KEY,
    name VARCHAR(200) NOT NULL,
    national_id_scheme VARCHAR(20) NOT NULL,
    national_id VARCHAR(64) NOT NULL,
    kind VARCHAR(30) NOT NULL,
    headcount INTEGER NOT NULL,
    region VARCHAR(100) NOT NULL,
    registered_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE organisation_competence (
    organisation_id VARCHAR(80) NOT NULL,
    competence VARCHAR(80) NOT NULL,
    PRIMARY KEY (organisation_id, competence)
);

CREATE TABLE organisation_member (
    organisation_id VARCHAR(80) NOT NULL,
    user_id VARCHAR(64) NOT NULL,
    PRIMARY KEY (organisation_id, user_id)
);
CREATE INDEX organisation_member_user ON organisation_member (user_id);

CREATE TABLE project (
    id VARCHAR(64) PRIMARY KEY,
    title VARCHAR(200) NOT NULL,
    summary VARCHAR(4000) NOT NULL,
    thematic_axis VARCHAR(100) NOT NULL,
    confidentiality VARCHAR(20) NOT NULL,
    carrier_organisation_id VARCHAR(80) NOT NULL,
    status VARCHAR(30) NOT NULL,
    process_instance_id VARCHAR(64),
    submitted_by VARCHAR(64),
    submitted_at TIMESTAMP WITH TIME ZONE NOT NULL,
    review_deadline DATE,
    label_decision VARCHAR(20),
    label_reasons VARCHAR(4000),
    label_decided_at TIMESTAMP WITH TIME ZONE,
    average_score DECIMAL(5, 2),
    conclusions_message VARCHAR(4000),
    conclusions_communicated_at TIMESTAMP WITH TIME ZONE,
    abandon_reason VARCHAR(4000),
    last_updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE project_partner (
    project_id VARCHAR(64) NOT NULL,
    organisation_id VARCHAR(80) NOT NULL,
    organisation_name VARCHAR(200) NOT NULL,
    kind VARCHAR(30) NOT NULL,
    lead BOOLEAN NOT NULL,
    status VARCHAR(20) NOT NULL,
    role VARCHAR(200),
    planned_budget DECIMAL(15, 2),
    nda_signed_at TIMESTAMP WITH TIME ZONE,
    nda_signed_by VARCHAR(64),
    decline_reason VARCHAR(1000),
    PRIMARY KEY (project_id, organisation_id)
);

CREATE TABLE project_review (
    project_id VARCHAR(64) NOT NULL,
    reviewer_id VARCHAR(64) NOT NULL,
    position INTEGER NOT NULL,
    score INTEGER,
    recommendation VARCHAR(20),
    conclusions VARCHAR(4000),
    reviewed_at TIMESTAMP WITH TIME ZONE,
    reminders INTEGER NOT NULL,
    last_reminder_at TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (project_id, reviewer_id)
);
