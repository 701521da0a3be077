-- A page of a timeline merged from several streams (a project's own, its funding applications, state-aid ledgers and
-- investment rounds) read by the database (audit: TimelineKeys.mergedPage): the rows of the streams in (time, stream
-- rank, sequence) order, counted, filtered by type or period and paged from this index alone, without reading an event
-- row (payload and metadata). It replaces V13's (stream, time) index, of which it is an extension.
CREATE INDEX timeline_stream_time_sequence ON DomainEventEntry (aggregateIdentifier, timeStamp, sequenceNumber, payloadType);
DROP INDEX timeline_stream_time;
