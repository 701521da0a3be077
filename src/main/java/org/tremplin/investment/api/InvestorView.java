package org.tremplin.investment.api;

import java.time.Instant;
import java.util.List;

/** An investor as the other contexts and the API see it. */
public record InvestorView(String id, String code, String name, InvestorKind kind, List<String> users,
                           Instant registeredAt) {
}
