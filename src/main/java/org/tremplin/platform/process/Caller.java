package org.tremplin.platform.process;

import java.util.List;
import java.util.function.Supplier;

/**
 * Who acts in a call through Tremplin's own API (or demo and maintenance work). The API enforces its
 * own access rules, so such calls run as the engine's trusted internal code; process steps still
 * record this user as the actor. Tasklist, Cockpit and the engine REST run under Camunda's
 * authentication and authorizations instead.
 */
public final class Caller {

    public record Identity(String userId, List<String> groups) {
    }

    private static final ThreadLocal<Identity> CURRENT = new ThreadLocal<>();

    private Caller() {
    }

    public static Identity current() {
        return CURRENT.get();
    }

    public static <T> T as(String userId, List<String> groups, Supplier<T> work) {
        Identity previous = CURRENT.get();
        CURRENT.set(new Identity(userId, List.copyOf(groups)));
        try {
            return work.get();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }
}
