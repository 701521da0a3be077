-- Read models written in the step's own transaction (decision 11): for each such processing group, up to which global
-- index its tracking processor handles again the events that steps applied already. No row: every one of them (after a
-- replay's reset, or before the group's first switch), until the processor has caught up and switches, with the steps
-- held back for that moment, to passing them by.
CREATE TABLE read_model_in_step (
    processing_group VARCHAR(255) PRIMARY KEY,
    rehandled_to BIGINT NOT NULL,
    switched_at TIMESTAMP WITH TIME ZONE NOT NULL
);
