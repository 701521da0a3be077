package org.tremplin.audit.api;

import java.util.List;

/**
 * Records in the audit access log that a user read an audit resource outside the audit tools themselves (a project, a
 * funding summary or a convention as of a past instant, a project's raw event history): who, with which roles, which
 * resource, with which parameters. Stores a log line, not an event; sent once the read was answered.
 */
public record RecordAuditReadCommand(String userId, List<String> roles, String resource, String query) {
}
