CREATE TABLE funder (
    id VARCHAR(40) PRIMARY KEY,
    code VARCHAR(30) NOT NULL,
    name VARCHAR(200) NOT NULL,
    kind VARCHAR(30) NOT NULL,
    contracting_deadline_months INTEGER NOT NULL,
    registered_at TIMESTAMP WITH TIME ZONE NOT NULL,
    last_updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE funder_service_level (
    funder_id VARCHAR(40) NOT NULL,
    stage VARCHAR(40) NOT NULL,
    service_days INTEGER NOT NULL,
    PRIMARY KEY (funder_id, stage)
);

CREATE TABLE funder_contributor (
    funder_id VARCHAR(40) NOT NULL,
    position INTEGER NOT NULL,
    contributor VARCHAR(200) NOT NULL,
    share_percent DECIMAL(5, 2) NOT NULL,
    PRIMARY KEY (funder_id, position)
);

CREATE TABLE funder_user (
    funder_id VARCHAR(40) NOT NULL,
    user_id VARCHAR(64) NOT NULL,
    PRIMARY KEY (funder_id, user_id)
);
CREATE INDEX funder_user_user ON funder_user (user_id);

CREATE TABLE funding_call (
    id VARCHAR(50) PRIMARY KEY,
    funder_id VARCHAR(40) NOT NULL,
    code VARCHAR(40) NOT NULL,
    title VARCHAR(200) NOT NULL,
    opening_date DATE NOT NULL,
    closing_date DATE NOT NULL,
    closed_early_on DATE,
    closed_early_reason VARCHAR(1000),
    label_required BOOLEAN NOT NULL,
    max_project_size DECIMAL(15, 2),
    opened_at TIMESTAMP WITH TIME ZONE NOT NULL,
    last_updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX funding_call_funder ON funding_call (funder_id);
CREATE INDEX funding_call_window ON funding_call (opening_date, closing_date);

CREATE TABLE funding_call_eligible_kind (
    call_id VARCHAR(50) NOT NULL,
    kind VARCHAR(30) NOT NULL,
    PRIMARY KEY (call_id, kind)
);
