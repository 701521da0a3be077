-- Mixed review panels (issue 13): each reviewer's current declared background. Read model, rebuilt from
-- ReviewerBackgroundDeclaredEvent; one row per reviewer (a new declaration overwrites it).
CREATE TABLE reviewer_background (
    user_id VARCHAR(64) PRIMARY KEY,
    background VARCHAR(20) NOT NULL,
    organisation_name VARCHAR(200) NOT NULL,
    note VARCHAR(1000),
    declared_by VARCHAR(64) NOT NULL,
    declared_at TIMESTAMP WITH TIME ZONE NOT NULL
);
