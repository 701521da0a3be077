package org.tremplin.audit.query;

import org.tremplin.shared.DomainException;
import org.tremplin.shared.Roles;

import java.util.List;

/** The signed-in user reading audit data, with the groups the user has (pole-staff and auditors may). */
public record HistoryReader(String userId, List<String> roles) {

    public HistoryReader {
        roles = List.copyOf(roles);
    }

    /** The reader, if pole staff or auditor; else 403. */
    public static HistoryReader auditor(String userId, List<String> roles, String what) {
        HistoryReader reader = new HistoryReader(userId, roles);
        reader.requireAuditAccess(what);
        return reader;
    }

    void requireAuditAccess(String what) {
        if (!roles.contains(Roles.POLE_STAFF) && !roles.contains(Roles.AUDITOR)) {
            throw DomainException.forbidden("Only pole staff and auditors read " + what);
        }
    }
}
