-- Holes in the global index, remembered across restarts: when the sealer first saw each missing index
-- (database time). A hole is settled (sealed as a permanent gap) once no transaction older than its first
-- sighting is still open, or at the latest tremplin.audit.seal.gap-timeout after it; its row is then removed.
CREATE TABLE seal_gap (
    global_index BIGINT NOT NULL,
    first_seen_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (global_index)
);

-- One sealer across nodes: each sealing pass locks this row (SELECT ... FOR UPDATE SKIP LOCKED) in its
-- transaction; a node that finds it locked skips its pass.
CREATE TABLE seal_lock (
    name VARCHAR(64) NOT NULL,
    PRIMARY KEY (name)
);
INSERT INTO seal_lock (name) VALUES ('sealer');
