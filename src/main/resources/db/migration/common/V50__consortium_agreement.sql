-- Consortium agreements (issue 13), rebuilt from the ModelAgreement and ConsortiumAgreement events.
-- Every published version of a model stays readable.
CREATE TABLE model_agreement (
    model_id VARCHAR(64) NOT NULL,
    version INTEGER NOT NULL,
    title VARCHAR(200) NOT NULL,
    clauses VARCHAR(20000) NOT NULL,
    default_confidentiality_years INTEGER NOT NULL,
    published_by VARCHAR(64) NOT NULL,
    published_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (model_id, version)
);
-- One agreement per project: its current version and terms (JSON list of PartnerAgreementTerms).
CREATE TABLE consortium_agreement (
    project_id VARCHAR(64) PRIMARY KEY,
    agreement_id VARCHAR(80) NOT NULL,
    model_id VARCHAR(64) NOT NULL,
    model_version INTEGER NOT NULL,
    version INTEGER NOT NULL,
    status VARCHAR(20) NOT NULL,
    terms VARCHAR(200000) NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    fully_signed_at TIMESTAMP WITH TIME ZONE
);
-- Every signature of every version; the current ones are those of the agreement's current version.
CREATE TABLE consortium_agreement_signature (
    project_id VARCHAR(64) NOT NULL,
    agreement_version INTEGER NOT NULL,
    organisation_id VARCHAR(80) NOT NULL,
    signatory_user_id VARCHAR(64) NOT NULL,
    signed_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (project_id, agreement_version, organisation_id)
);
