package archfixture.tremplin.organisation.command;

/** A class private to the organisation context: other contexts must not use it. */
public class OrganisationInternals {

    public String secret() {
        return "internal";
    }
}
