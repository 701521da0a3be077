package archfixture.tremplin.organisation.api;

/** Allowed in an api package: a sealed family of records and the visitor nested in it. */
public sealed interface ReferenceEvent permits ReferenceEvent.Recorded {

    <R> R accept(Visitor<R> visitor);

    record Recorded(String organisationId) implements ReferenceEvent {

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    interface Visitor<R> {

        R visit(Recorded event);
    }
}
