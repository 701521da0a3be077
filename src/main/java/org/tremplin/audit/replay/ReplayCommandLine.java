package org.tremplin.audit.replay;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.util.function.IntConsumer;

/**
 * Maintenance from the command line: {@code java -jar tremplin.jar --tremplin.replay=true} (or
 * {@code mvn spring-boot:run -Dspring-boot.run.arguments=--tremplin.replay=true}) starts the application, rebuilds
 * every read model as POST /api/audit/replay does, logs the report and exits with 0 (VERIFIED), 2 (DIFFERENCES: the
 * models were repaired) or 1 (FAILED). Without that property this bean does not exist. Run it with the same
 * database settings as the service (e.g. {@code --spring.profiles.active=postgres}) and a free port
 * ({@code --server.port=0}); on several nodes, stop the others' processors first (a claimed token cannot be reset).
 */
@Component
@ConditionalOnProperty(name = "tremplin.replay", havingValue = "true")
@Order(Ordered.LOWEST_PRECEDENCE)
public class ReplayCommandLine implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ReplayCommandLine.class);

    private final ReadModelReplay replay;
    private final IntConsumer exit;

    @Autowired
    public ReplayCommandLine(ReadModelReplay replay, ConfigurableApplicationContext context) {
        this(replay, code -> System.exit(SpringApplication.exit(context, () -> code)));
    }

    ReplayCommandLine(ReadModelReplay replay, IntConsumer exit) {
        this.replay = replay;
        this.exit = exit;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        ReplayReport report = replay.runAndWait("command-line");
        for (ReplayReport.ProcessorReport processor : report.processors()) {
            log.info("Replay {}: {} {} ({}/{} positions) before {} after {}: {}", report.id(), processor.name(),
                    processor.state(), processor.progress().done(), processor.progress().total(),
                    processor.before() == null ? "-" : processor.before().sha256(),
                    processor.after() == null ? "-" : processor.after().sha256(), processor.description());
        }
        log.info("Replay {} ended {}{}", report.id(), report.state(), report.error() == null ? "" : ": " + report.error());
        exit.accept(exitCode(report.state()));
    }

    static int exitCode(ReplayReport.State state) {
        return switch (state) {
            case VERIFIED -> 0;
            case DIFFERENCES -> 2;
            default -> 1;
        };
    }
}
