package archfixture.tremplin.project.api;

/** Violates the api rules: an interface that is not sealed, so any class may implement it. */
public interface LooseFamily {

    String projectId();
}
