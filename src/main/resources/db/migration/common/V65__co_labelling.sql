-- Co-labelling by several poles (issue 13): the partner poles with their users, and each project's requests to
-- partner poles (one row per project and pole: its latest request), rebuilt from the PartnerPole and CoLabelling events.
CREATE TABLE partner_pole (
    id VARCHAR(64) PRIMARY KEY,
    name VARCHAR(200) NOT NULL,
    themes VARCHAR(2100) NOT NULL,
    contact_name VARCHAR(200) NOT NULL,
    contact_email VARCHAR(200) NOT NULL,
    registered_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE TABLE partner_pole_user (
    pole_id VARCHAR(64) NOT NULL,
    user_id VARCHAR(64) NOT NULL,
    PRIMARY KEY (pole_id, user_id)
);
CREATE INDEX partner_pole_user_user ON partner_pole_user (user_id);
CREATE TABLE co_label (
    id VARCHAR(160) PRIMARY KEY,
    project_id VARCHAR(64) NOT NULL,
    pole_id VARCHAR(64) NOT NULL,
    pole_name VARCHAR(200) NOT NULL,
    status VARCHAR(20) NOT NULL,
    requested_by VARCHAR(64) NOT NULL,
    requested_at TIMESTAMP WITH TIME ZONE NOT NULL,
    message VARCHAR(4000),
    decided_by VARCHAR(64),
    decided_at TIMESTAMP WITH TIME ZONE,
    conclusions VARCHAR(4000),
    withdrawn_by VARCHAR(64),
    withdrawn_at TIMESTAMP WITH TIME ZONE,
    withdrawal_reason VARCHAR(1000)
);
CREATE INDEX co_label_project ON co_label (project_id);
CREATE INDEX co_label_pole ON co_label (pole_id);
