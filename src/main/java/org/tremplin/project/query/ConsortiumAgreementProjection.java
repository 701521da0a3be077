package org.tremplin.project.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.tremplin.platform.query.ReadModelReset;
import org.tremplin.project.api.ConsortiumAgreementDraftedEvent;
import org.tremplin.project.api.ConsortiumAgreementFullySignedEvent;
import org.tremplin.project.api.ConsortiumAgreementSignedEvent;
import org.tremplin.project.api.ConsortiumAgreementTermsChangedEvent;
import org.tremplin.project.api.ConsortiumAgreementView;
import org.tremplin.project.api.FindConsortiumAgreementQuery;
import org.tremplin.project.api.FindModelAgreementsQuery;
import org.tremplin.project.api.ModelAgreementPublishedEvent;
import org.tremplin.project.api.ModelAgreementView;
import org.tremplin.project.api.PartnerAgreementTerms;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Model agreements (every version) and projects' consortium agreements with their signatures. Handlers are idempotent:
 * events may be delivered twice.
 */
@Component
@ProcessingGroup("projects")
public class ConsortiumAgreementProjection {

    private static final TypeReference<List<PartnerAgreementTerms>> TERMS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    public ConsortiumAgreementProjection(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @EventHandler
    void on(ModelAgreementPublishedEvent event, @Timestamp Instant at) {
        jdbc.sql("""
                        INSERT INTO model_agreement (model_id, version, title, clauses, default_confidentiality_years,
                          published_by, published_at)
                        SELECT ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS
                          (SELECT 1 FROM model_agreement WHERE model_id = ? AND version = ?)""")
                .params(event.modelId(), event.version(), event.title(), event.clauses(),
                        event.defaultConfidentialityYears(), event.publishedBy(), java.sql.Timestamp.from(at),
                        event.modelId(), event.version())
                .update();
    }

    @EventHandler
    void on(ConsortiumAgreementDraftedEvent event, @Timestamp Instant at) {
        jdbc.sql("""
                        INSERT INTO consortium_agreement (project_id, agreement_id, model_id, model_version, version, status,
                          terms, updated_at)
                        SELECT ?, ?, ?, ?, ?, 'SIGNING', ?, ? WHERE NOT EXISTS
                          (SELECT 1 FROM consortium_agreement WHERE project_id = ?)""")
                .params(event.projectId(), event.agreementId(), event.modelId(), event.modelVersion(),
                        event.agreementVersion(), write(event.partners()), java.sql.Timestamp.from(at), event.projectId())
                .update();
    }

    @EventHandler
    void on(ConsortiumAgreementTermsChangedEvent event, @Timestamp Instant at) {
        jdbc.sql("""
                        UPDATE consortium_agreement SET model_id = ?, model_version = ?, version = ?, status = 'SIGNING',
                          terms = ?, updated_at = ?, fully_signed_at = NULL WHERE project_id = ? AND version < ?""")
                .params(event.modelId(), event.modelVersion(), event.agreementVersion(), write(event.partners()),
                        java.sql.Timestamp.from(at), event.projectId(), event.agreementVersion())
                .update();
    }

    @EventHandler
    void on(ConsortiumAgreementSignedEvent event, @Timestamp Instant at) {
        jdbc.sql("""
                        INSERT INTO consortium_agreement_signature (project_id, agreement_version, organisation_id,
                          signatory_user_id, signed_at)
                        SELECT ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM consortium_agreement_signature
                          WHERE project_id = ? AND agreement_version = ? AND organisation_id = ?)""")
                .params(event.projectId(), event.agreementVersion(), event.organisationId(), event.signatoryUserId(),
                        java.sql.Timestamp.from(at), event.projectId(), event.agreementVersion(), event.organisationId())
                .update();
    }

    @EventHandler
    void on(ConsortiumAgreementFullySignedEvent event, @Timestamp Instant at) {
        jdbc.sql("""
                        UPDATE consortium_agreement SET status = 'FULLY_SIGNED', fully_signed_at = ?
                        WHERE project_id = ? AND version = ?""")
                .params(java.sql.Timestamp.from(at), event.projectId(), event.agreementVersion())
                .update();
    }

    @ResetHandler
    void reset() {
        ReadModelReset.empty(jdbc, "consortium_agreement_signature", "consortium_agreement", "model_agreement");
    }

    @QueryHandler
    public List<ModelAgreementView> handle(FindModelAgreementsQuery query) {
        return jdbc.sql("SELECT * FROM model_agreement ORDER BY model_id, version")
                .query((rs, n) -> new ModelAgreementView(rs.getString("model_id"), rs.getInt("version"),
                        rs.getString("title"), rs.getString("clauses"), rs.getInt("default_confidentiality_years"),
                        rs.getString("published_by"), instant(rs, "published_at")))
                .list();
    }

    @QueryHandler
    public Optional<ConsortiumAgreementView> handle(FindConsortiumAgreementQuery query) {
        return jdbc.sql("SELECT * FROM consortium_agreement WHERE project_id = ?").param(query.projectId())
                .query((rs, n) -> view(rs)).optional();
    }

    private ConsortiumAgreementView view(ResultSet rs) throws SQLException {
        String projectId = rs.getString("project_id");
        int version = rs.getInt("version");
        List<ConsortiumAgreementView.Signature> signatures = jdbc.sql("""
                        SELECT * FROM consortium_agreement_signature WHERE project_id = ? AND agreement_version = ?
                        ORDER BY signed_at, organisation_id""")
                .params(projectId, version)
                .query((s, n) -> new ConsortiumAgreementView.Signature(s.getString("organisation_id"),
                        s.getInt("agreement_version"), s.getString("signatory_user_id"), instant(s, "signed_at")))
                .list();
        return new ConsortiumAgreementView(rs.getString("agreement_id"), projectId, rs.getString("model_id"),
                rs.getInt("model_version"), version, rs.getString("status"), read(rs.getString("terms")), signatures,
                instant(rs, "updated_at"), instant(rs, "fully_signed_at"));
    }

    private String write(List<PartnerAgreementTerms> terms) {
        try {
            return json.writeValueAsString(terms);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the agreement's terms", e);
        }
    }

    private List<PartnerAgreementTerms> read(String terms) {
        try {
            return json.readValue(terms, TERMS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot read the agreement's terms", e);
        }
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        java.sql.Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
