-- "As of" checkpoints kept across restarts and shared by the nodes (issue 11; decision 5): the state of a view's
-- replay (every read-model row of its scratch database, compressed) after its first `steps` steps, whose hash is
-- `steps_hash`, for the code version that folded them. BYTEA on PostgreSQL.
CREATE TABLE as_of_checkpoint (
    view_key     VARCHAR(300) NOT NULL,
    code_version VARCHAR(64)  NOT NULL,
    steps        INTEGER      NOT NULL,
    steps_hash   BIGINT       NOT NULL,
    state        BYTEA        NOT NULL,
    state_bytes  INTEGER      NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (view_key, code_version, steps, steps_hash)
);

-- How far the checkpoint builder has looked through the events, per code version (a new version builds its own).
CREATE TABLE as_of_checkpoint_scan (
    code_version VARCHAR(64) PRIMARY KEY,
    scanned_to   BIGINT      NOT NULL
);
