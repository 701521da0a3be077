package archfixture.tremplin.project.query;

import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tremplin.platform.query.BatchedWrites;

/** A read model with batched writes whose handlers execute statements of their own, directly and through a helper. */
public class UnbatchedProjection {

    private final JdbcClient jdbc;
    private final BatchedWrites writes;

    public UnbatchedProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.writes = new BatchedWrites(jdbc, null, "fixture");
    }

    public record ReviewersAssigned(String projectId, String reviewerId) {
    }

    public record FileSentBack(String projectId, String reviewerId) {
    }

    public record ReviewRecorded(String projectId, String reviewerId) {
    }

    @EventHandler
    void on(ReviewersAssigned event) {
        writes.write("INSERT INTO review (project_id, reviewer_id) VALUES (?, ?)",
                new Object[]{event.projectId(), event.reviewerId()}, "review:" + event.projectId());
    }

    @EventHandler
    void on(FileSentBack event) {
        jdbc.sql("DELETE FROM review WHERE project_id = ?").param(event.projectId()).update();
    }

    @EventHandler
    void on(ReviewRecorded event) {
        touch(event.projectId());
    }

    private void touch(String projectId) {
        jdbc.sql("UPDATE project SET updated = CURRENT_TIMESTAMP WHERE id = ?").param(projectId).update();
    }
}
