-- A read-model reset under way on H2, where it empties the model's tables with TRUNCATE, which commits by itself: the
-- mark is committed first and removed in the transaction that resets the processor's tokens, so a mark left by a
-- crash tells the next start to finish that reset before any processor runs (ReadModelResetMarks).
CREATE TABLE read_model_reset_pending (
    processor_name VARCHAR(255) PRIMARY KEY,
    tables VARCHAR(4000) NOT NULL,
    requested_at TIMESTAMP WITH TIME ZONE NOT NULL
);
