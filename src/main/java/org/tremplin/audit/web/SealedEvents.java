package org.tremplin.audit.web;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which events of a timeline page already have their link in the seal chain (table {@code event_seal}, the audit
 * context's own), for the seal column of the console's timeline. A sealed event is checked by the next verification;
 * whether the chain still verifies is the verification's answer, not this one.
 */
@Component
class SealedEvents {

    private final JdbcTemplate jdbc;

    SealedEvents(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Set<String> sealedAmong(Collection<String> eventIds) {
        if (eventIds.isEmpty()) {
            return Set.of();
        }
        List<String> ids = List.copyOf(eventIds);
        String marks = String.join(", ", java.util.Collections.nCopies(ids.size(), "?"));
        return new HashSet<>(jdbc.queryForList("SELECT event_identifier FROM event_seal WHERE event_identifier IN ("
                + marks + ")", String.class, ids.toArray()));
    }
}
