-- H2 only. Axon's tables kept their serialized payloads, metadata and tokens as BLOBs. H2 stores a BLOB of more than
-- 256 bytes (nearly every event's payload) outside its row, in its LOB storage: each event read cost a second lookup
-- there, and a session holds on to every LOB it reads until it commits or five minutes pass. VARBINARY keeps the same
-- bytes in the row, as PostgreSQL's BYTEA does; the seals hash the bytes, which do not change. On the generated store
-- of 10^6 events a replay read 2.2 million pages from the file with BLOBs and 0.56 million without (the same code
-- otherwise; performance.md, "Session 13"). The migration rewrites the table: 196.5 s for those 10^6 events.
ALTER TABLE DomainEventEntry ALTER COLUMN payload SET DATA TYPE VARBINARY;
ALTER TABLE DomainEventEntry ALTER COLUMN metaData SET DATA TYPE VARBINARY;
ALTER TABLE SnapshotEventEntry ALTER COLUMN payload SET DATA TYPE VARBINARY;
ALTER TABLE SnapshotEventEntry ALTER COLUMN metaData SET DATA TYPE VARBINARY;
ALTER TABLE TokenEntry ALTER COLUMN token SET DATA TYPE VARBINARY;
