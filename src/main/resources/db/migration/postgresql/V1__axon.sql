CREATE TABLE DomainEventEntry (
    globalIndex BIGSERIAL NOT NULL,
    aggregateIdentifier VARCHAR(255) NOT NULL,
    sequenceNumber BIGINT NOT NULL,
    type VARCHAR(255),
    eventIdentifier VARCHAR(255) NOT NULL,
    metaData BYTEA,
    payload BYTEA NOT NULL,
    payloadRevision VARCHAR(255),
    payloadType VARCHAR(255) NOT NULL,
    timeStamp VARCHAR(255) NOT NULL,
    PRIMARY KEY (globalIndex),
    UNIQUE (aggregateIdentifier, sequenceNumber),
    UNIQUE (eventIdentifier)
);

CREATE TABLE SnapshotEventEntry (
    aggregateIdentifier VARCHAR(255) NOT NULL,
    sequenceNumber BIGINT NOT NULL,
    type VARCHAR(255) NOT NULL,
    eventIdentifier VARCHAR(255) NOT NULL,
    metaData BYTEA,
    payload BYTEA NOT NULL,
    payloadRevision VARCHAR(255),
    payloadType VARCHAR(255) NOT NULL,
    timeStamp VARCHAR(255) NOT NULL,
    PRIMARY KEY (aggregateIdentifier, sequenceNumber),
    UNIQUE (eventIdentifier)
);

CREATE TABLE TokenEntry (
    processorName VARCHAR(255) NOT NULL,
    segment INTEGER NOT NULL,
    token BYTEA NULL,
    tokenType VARCHAR(255) NULL,
    timestamp VARCHAR(255) NULL,
    owner VARCHAR(255) NULL,
    PRIMARY KEY (processorName, segment)
);

CREATE TABLE DeadLetterEntry (
    deadLetterIdentifier VARCHAR(255) NOT NULL,
    processingGroup VARCHAR(255) NOT NULL,
    sequenceIdentifier VARCHAR(255) NOT NULL,
    sequenceIndex BIGINT NOT NULL,
    messageType VARCHAR(255) NOT NULL,
    eventIdentifier VARCHAR(255) NOT NULL,
    timestamp VARCHAR(255) NOT NULL,
    payloadType VARCHAR(255) NOT NULL,
    payloadRevision VARCHAR(255),
    payload BYTEA NOT NULL,
    metaData BYTEA,
    type VARCHAR(255),
    aggregateIdentifier VARCHAR(255),
    sequenceNumber BIGINT,
    tokenType VARCHAR(255),
    token BYTEA,
    enqueuedAt VARCHAR(255) NOT NULL,
    lastTouched VARCHAR(255),
    processingStarted VARCHAR(255),
    causeType VARCHAR(255),
    causeMessage VARCHAR(1023),
    diagnostics BYTEA,
    CONSTRAINT PK_DeadLetterEntry PRIMARY KEY (deadLetterIdentifier),
    CONSTRAINT sequenceIndex_INDEX UNIQUE (processingGroup, sequenceIdentifier, sequenceIndex)
);
CREATE INDEX processingGroup_INDEX ON DeadLetterEntry (processingGroup);
CREATE INDEX sequenceIdentifier_INDEX ON DeadLetterEntry (processingGroup, sequenceIdentifier);
