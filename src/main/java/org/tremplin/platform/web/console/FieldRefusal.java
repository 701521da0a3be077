package org.tremplin.platform.web.console;

/** A field of a console form that cannot be read; shown next to the field, and nothing is submitted. */
public class FieldRefusal extends RuntimeException {

    private final String field;

    public FieldRefusal(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The input's name in the page. */
    public String field() {
        return field;
    }
}
