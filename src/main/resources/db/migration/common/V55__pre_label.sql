-- Pre-labels (issue 13): one row per project, its latest round, rebuilt from the PreLabel events. The orientation is
-- kept as the JSON of PreLabelOrientation (read back whole, never queried inside).
CREATE TABLE pre_label (
    project_id VARCHAR(64) PRIMARY KEY,
    pre_label_id VARCHAR(80) NOT NULL,
    round INTEGER NOT NULL,
    status VARCHAR(20) NOT NULL,
    requested_by VARCHAR(64) NOT NULL,
    requested_at TIMESTAMP WITH TIME ZONE NOT NULL,
    note VARCHAR(4000),
    opinion VARCHAR(20),
    advice VARCHAR(4000),
    required_changes VARCHAR(40000),
    expert VARCHAR(64),
    answered_at TIMESTAMP WITH TIME ZONE,
    orientation VARCHAR(1000000),
    orientation_at TIMESTAMP WITH TIME ZONE
);
