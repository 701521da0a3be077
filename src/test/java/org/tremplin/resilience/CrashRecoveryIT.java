package org.tremplin.resilience;

import org.junit.jupiter.api.Test;
import org.tremplin.support.DefaultDatasource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code kill -9} under load on the embedded default: the packaged application on an H2 file under {@code target/},
 * opened with exactly the options of the default datasource URL in {@code application.yml} (only the path differs).
 * Every idea answered 201 must survive each crash (see {@link CrashRecoveryScenario}).
 */
class CrashRecoveryIT {

    private static final String DEFAULT_PATH = DefaultDatasource.DEFAULT_PATH;
    /**
     * One crash by default ({@code -Dtremplin.soak=N} for more in a row). With H2's background writes (the URL without
     * WRITE_DELAY=0) a kill that lands just after a write loses it; measured on that URL, first crashes lost 1 of 28, 0
     * of 149 and 53 of 372 acknowledged ideas, a second crash after the 0 lost 50 of 175. So the default URL is also
     * checked for WRITE_DELAY=0 below, which a crash may miss.
     */
    private static final int CRASHES = 1;

    @Test
    void every_acknowledged_idea_survives_kill_9_on_the_h2_default() throws Exception {
        Path directory = Path.of("target", "crash-h2-" + UUID.randomUUID().toString().substring(0, 8)).toAbsolutePath();
        Files.createDirectories(directory);
        String url = defaultUrl().replace(DEFAULT_PATH, directory.resolve("tremplin").toString());

        CrashRecoveryScenario scenario = new CrashRecoveryScenario("H2", directory.resolve("application.log"),
                new CrashRecoveryScenario.Database("jdbc:h2:file:" + directory.resolve("tremplin"), "sa", ""),
                List.of("--spring.datasource.url=" + url));
        scenario.run(CrashRecoveryScenario.crashes(CRASHES));
    }

    /** The H2 URL the application uses when nothing is configured. */
    private static String defaultUrl() {
        String url = DefaultDatasource.url();
        assertThat(url).as("the default datasource URL").startsWith("jdbc:h2:retry:file:" + DEFAULT_PATH + ";")
                .as("the default URL writes each commit before it is acknowledged").contains(";WRITE_DELAY=0");
        return url;
    }
}
