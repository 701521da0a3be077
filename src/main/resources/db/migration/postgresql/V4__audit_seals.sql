-- Tamper evidence for the event store (audit): a SHA-256 hash chain over DomainEventEntry, in globalIndex order.
-- One row per global index, contiguous from 1: an event (event_identifier set) or a permanent gap
-- (event_identifier NULL: an index never committed, e.g. a rolled-back insert).
CREATE TABLE event_seal (
    global_index BIGINT NOT NULL,
    event_identifier VARCHAR(255),
    aggregate_identifier VARCHAR(255),
    sequence_number BIGINT,
    seal CHAR(64) NOT NULL,
    previous_seal CHAR(64) NOT NULL,
    sealed_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (global_index)
);
CREATE INDEX event_seal_event_identifier ON event_seal (event_identifier);

-- Chain values an auditor may copy outside the system, to verify against later.
CREATE TABLE seal_checkpoint (
    id BIGSERIAL NOT NULL,
    global_index BIGINT NOT NULL,
    seal CHAR(64) NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (id)
);
CREATE INDEX seal_checkpoint_global_index ON seal_checkpoint (global_index);
