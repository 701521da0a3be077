package archfixture.tremplin.project.api;

import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.springframework.http.HttpStatus;

/**
 * Violates the api rules: a class rather than a record or an enum, using Spring and an Axon class that is not
 * an annotation. Its Axon annotation alone would be allowed.
 */
public class FrameworkInApi {

    @TargetAggregateIdentifier
    private String projectId;
    private HttpStatus status;
    private MetaData metaData;

    public String describe() {
        return projectId + status + metaData;
    }
}
