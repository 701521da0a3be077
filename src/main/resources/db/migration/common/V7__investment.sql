-- Investment read models (processing group "investments"): investors and their users, rounds with their terms and
-- outcome, the data room's documents, and per invited investor its NDA, commitment and allocation.
-- Every row is keyed by ids taken from the events (no generated keys) so that a replay rebuilds it identically.

CREATE TABLE investor (
    id VARCHAR(64) PRIMARY KEY,
    code VARCHAR(30) NOT NULL,
    name VARCHAR(200) NOT NULL,
    kind VARCHAR(30) NOT NULL,
    registered_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE investor_user (
    investor_id VARCHAR(64) NOT NULL,
    user_id VARCHAR(64) NOT NULL,
    PRIMARY KEY (investor_id, user_id)
);
CREATE INDEX investor_user_user ON investor_user (user_id);

CREATE TABLE investment_round (
    id VARCHAR(64) PRIMARY KEY,
    title VARCHAR(200) NOT NULL,
    company_organisation_id VARCHAR(100) NOT NULL,
    project_id VARCHAR(64),
    instrument VARCHAR(30) NOT NULL,
    target_amount NUMERIC(15, 2) NOT NULL,
    minimum_raise NUMERIC(15, 2) NOT NULL,
    maximum_raise NUMERIC(15, 2) NOT NULL,
    minimum_ticket NUMERIC(15, 2) NOT NULL,
    pre_money_valuation NUMERIC(15, 2),
    closing_date DATE NOT NULL,
    all_or_nothing BOOLEAN NOT NULL,
    share_passport BOOLEAN NOT NULL,
    share_commitments BOOLEAN NOT NULL,
    status VARCHAR(20) NOT NULL,
    opened_on DATE NOT NULL,
    opened_at TIMESTAMP WITH TIME ZONE NOT NULL,
    opened_by VARCHAR(64),
    amendments INTEGER NOT NULL,
    reconfirm_by TIMESTAMP WITH TIME ZONE,
    committed_total NUMERIC(15, 2) NOT NULL,
    raised_amount NUMERIC(15, 2),
    post_money_valuation NUMERIC(15, 2),
    oversubscribed BOOLEAN NOT NULL,
    closed_early BOOLEAN NOT NULL,
    closing_reason VARCHAR(4000),
    closed_on DATE
);
CREATE INDEX investment_round_company ON investment_round (company_organisation_id);

CREATE TABLE round_document (
    round_id VARCHAR(64) NOT NULL,
    document_id VARCHAR(64) NOT NULL,
    title VARCHAR(200) NOT NULL,
    reference VARCHAR(500) NOT NULL,
    added_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (round_id, document_id)
);

CREATE TABLE round_investor (
    round_id VARCHAR(64) NOT NULL,
    investor_id VARCHAR(64) NOT NULL,
    invited_at TIMESTAMP WITH TIME ZONE NOT NULL,
    nda_accepted_at TIMESTAMP WITH TIME ZONE,
    nda_accepted_by VARCHAR(64),
    commitment NUMERIC(15, 2),
    commitment_status VARCHAR(30),
    committed_at TIMESTAMP WITH TIME ZONE,
    allocation NUMERIC(15, 2),
    PRIMARY KEY (round_id, investor_id)
);
CREATE INDEX round_investor_investor ON round_investor (investor_id);
