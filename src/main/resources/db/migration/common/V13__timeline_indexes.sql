-- A page of a project's timeline read by the database (audit: ProjectHistoryService / TimelineKeys): the events of a
-- stream by type (a type filter, and the events naming organisations before a page) and by period, through an index
-- instead of the stream's every row. The stream in sequence order is Axon's unique key (aggregateIdentifier,
-- sequenceNumber).
CREATE INDEX timeline_stream_type ON DomainEventEntry (aggregateIdentifier, payloadType, sequenceNumber);
CREATE INDEX timeline_stream_time ON DomainEventEntry (aggregateIdentifier, timeStamp);
