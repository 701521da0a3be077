package org.tremplin.organisation.api;

/**
 * The organisation context's event family (7 events): a member of the cluster was registered, imported from
 * open data, gained a user, or (an SME) got a referent among pole staff; a partner pole was registered or gained a user;
 * a reviewer declared its background.
 * Every event of the context is a record that implements it; {@link #accept(Visitor)} hands it to the
 * {@link Visitor}'s method for its type.
 * <p>
 * Code that must handle every event of the family (timeline summaries, exports) implements the visitor: its methods
 * have no default, so a new event is a compile error wherever it must be handled. Projections that ignore events on
 * purpose keep Axon's {@code @EventHandler} dispatch. The method adds no property: the events serialize as before.
 */
public sealed interface OrganisationEvent permits
        OrganisationImportedEvent,
        OrganisationMemberAddedEvent,
        OrganisationRegisteredEvent,
        PartnerPoleRegisteredEvent,
        PartnerPoleUserAddedEvent,
        ReviewerBackgroundDeclaredEvent,
        SmeReferentAssignedEvent {

    /** Calls the visitor's method for this event's type and returns its answer. */
    <R> R accept(Visitor<R> visitor);

    /** One method per event of the family, none with a default. */
    interface Visitor<R> {

        R visit(OrganisationImportedEvent event);

        R visit(OrganisationMemberAddedEvent event);

        R visit(OrganisationRegisteredEvent event);

        R visit(SmeReferentAssignedEvent event);

        R visit(PartnerPoleRegisteredEvent event);

        R visit(PartnerPoleUserAddedEvent event);
        R visit(ReviewerBackgroundDeclaredEvent event);
    }
}
