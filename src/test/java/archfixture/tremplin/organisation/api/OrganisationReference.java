package archfixture.tremplin.organisation.api;

/** The organisation context's api: other contexts may use it. */
public record OrganisationReference(String organisationId) {
}
