-- Every aid recorded on a partner's state-aid ledger, one row per event. One application may charge a partner's
-- ledger more than once (its grant, then a budget shifted to it); the application's entry adds them up. Before this
-- table, the second recording of an application was dropped by the read model (the ledger aggregate counted it).
CREATE TABLE state_aid_recording (
    event_id VARCHAR(100) PRIMARY KEY,
    ledger_id VARCHAR(200) NOT NULL,
    application_id VARCHAR(200) NOT NULL,
    amount NUMERIC(15, 2) NOT NULL,
    total_aid_after NUMERIC(15, 2) NOT NULL,
    recorded_at TIMESTAMP WITH TIME ZONE NOT NULL,
    recorded_by VARCHAR(64)
);
CREATE INDEX state_aid_recording_entry ON state_aid_recording (ledger_id, application_id);

-- The funder's transfer reference of a payment, as typed in the payment task (PaymentMadeEvent revision 2).
ALTER TABLE funding_payment ADD COLUMN payment_reference VARCHAR(4000);
