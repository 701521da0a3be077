package org.tremplin.shared;

/**
 * A command or request refused by a business rule. The message tells the person what to fix;
 * the kind says how the refusal is reported (HTTP status in the web layer).
 */
public class DomainException extends RuntimeException {

    public enum Kind {
        /** The input itself is malformed or incomplete (400). */
        INVALID_INPUT,
        /** The caller may not do this (403). */
        FORBIDDEN,
        /** The thing asked for does not exist, or is not visible to the caller (404). */
        NOT_FOUND,
        /** The request conflicts with the current state, e.g. a duplicate (409). */
        CONFLICT,
        /** The request is well-formed but a business rule refuses it (422). */
        RULE_VIOLATED
    }

    private final Kind kind;

    public DomainException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public static DomainException invalid(String message) {
        return new DomainException(Kind.INVALID_INPUT, message);
    }

    public static DomainException forbidden(String message) {
        return new DomainException(Kind.FORBIDDEN, message);
    }

    public static DomainException notFound(String message) {
        return new DomainException(Kind.NOT_FOUND, message);
    }

    public static DomainException conflict(String message) {
        return new DomainException(Kind.CONFLICT, message);
    }

    public static DomainException ruleViolated(String message) {
        return new DomainException(Kind.RULE_VIOLATED, message);
    }
}
