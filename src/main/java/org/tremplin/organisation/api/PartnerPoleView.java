package org.tremplin.organisation.api;

import java.time.Instant;
import java.util.List;

/** A partner pole with its themes, contact and users. */
public record PartnerPoleView(String id, String name, List<String> themes, String contactName, String contactEmail,
                              Instant registeredAt, List<String> users) {
}
