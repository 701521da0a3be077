package org.tremplin.funding.command;

import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.tremplin.shared.DomainException;

/** Matches a refusal by its kind (the HTTP status it becomes). */
final class DomainExceptions {

    private DomainExceptions() {
    }

    static Matcher<DomainException> ofKind(DomainException.Kind kind) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(DomainException exception) {
                return exception.kind() == kind;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a DomainException of kind ").appendValue(kind);
            }

            @Override
            protected void describeMismatchSafely(DomainException exception, Description description) {
                description.appendText("was of kind ").appendValue(exception.kind());
            }
        };
    }
}
