package org.tremplin.benchmark.scale;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.tremplin.TremplinApplication;
import org.tremplin.funding.command.FundingRules;

import java.util.ArrayList;
import java.util.List;

/**
 * Generates the synthetic national store into a database, outside the test run (full JIT, a heap of your choice):
 * <pre>
 * mvn -o test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -Xmx1g -cp target/classes:target/test-classes:$(cat target/cp.txt) org.tremplin.benchmark.scale.ScaleStoreMain \
 *      --scale.projects=10000 --scale.seed=2026 \
 *      --spring.datasource.url=jdbc:h2:retry:file:./target/scale/national
 * </pre>
 * Any Spring property may follow (e.g. {@code --spring.profiles.active=postgres} and a PostgreSQL URL). Run it again
 * with the same seed to continue an interrupted generation, or with more projects to grow the store. The
 * application starts on a free port, without its demo, its background sealing and Camunda's job executor; the
 * read-model processors are paused while it writes (rebuild the read models with the replay, e.g. the
 * {@code ScaleBenchmark}).
 */
public final class ScaleStoreMain {

    private ScaleStoreMain() {
    }

    public static void main(String[] args) {
        int projects = 10_000;
        long seed = 2026;
        int batch = 2;
        int longProjectEvents = -1;
        boolean cacheRules = true;
        boolean cacheTargets = true;
        double minutes = 0;
        List<String> springArgs = new ArrayList<>(List.of(
                "--tremplin.demo.enabled=false",
                "--tremplin.audit.seal.enabled=false",
                // a batch is one unit of work: its first command's nested unit of work ends with the batch, past Axon's 60 s
                "--axon.timeout.enabled=false",
                "--camunda.bpm.job-execution.enabled=false",
                "--server.port=0"));
        // Axon's Micrometer monitors look their meters up again for every message (a fifth of the generator's time,
        // JFR): nothing reads them while the store is written
        boolean axonMetrics = false;
        // Spring joins a property given twice on the command line with a comma: the default only when none is given
        String url = "--spring.datasource.url=jdbc:h2:retry:file:./target/scale/national";
        for (String arg : args) {
            if (arg.startsWith("--scale.projects=")) {
                projects = Integer.parseInt(arg.substring(arg.indexOf('=') + 1));
            } else if (arg.startsWith("--scale.seed=")) {
                seed = Long.parseLong(arg.substring(arg.indexOf('=') + 1));
            } else if (arg.startsWith("--scale.batch=")) {
                batch = Integer.parseInt(arg.substring(arg.indexOf('=') + 1));
            } else if (arg.equals("--scale.plain")) {
                // the application's own context, as before the generator's changes (to measure them)
                cacheRules = false;
                cacheTargets = false;
                axonMetrics = true;
            } else if (arg.startsWith("--scale.minutes=")) {
                minutes = Double.parseDouble(arg.substring(arg.indexOf('=') + 1));
            } else if (arg.equals("--scale.axon-metrics=true")) {
                axonMetrics = true;
            } else if (arg.equals("--scale.cache-rules=false")) {
                cacheRules = false;
            } else if (arg.startsWith("--scale.long-project-events=")) {
                longProjectEvents = Integer.parseInt(arg.substring(arg.indexOf('=') + 1));
            } else if (arg.startsWith("--spring.datasource.url=")) {
                url = arg;
            } else {
                springArgs.add(arg);
            }
        }
        springArgs.add(h2Options(url));
        springArgs.add("--axon.metrics.auto-configuration.enabled=" + axonMetrics);
        SpringApplication application = new SpringApplication(TremplinApplication.class);
        // the generator's aggregates ask the real decision tables each distinct question once (CachedFundingRules)
        // the aggregates' commands find their target through a resolver that looks each command class up once
        if (cacheTargets) {
            application.addInitializers(context -> context.getBeanFactory()
                    .registerSingleton("scaleCommandTargetResolver", new CachedCommandTargetResolver()));
        }
        if (cacheRules) {
            application.addInitializers(context -> context.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String beanName) {
                    return bean instanceof FundingRules rules && !(bean instanceof CachedFundingRules)
                            ? new CachedFundingRules(rules) : bean;
                }
            }));
        }
        int exit;
        try (ConfigurableApplicationContext context = application.run(springArgs.toArray(String[]::new))) {
            ScaleGenerator generator = new ScaleGenerator(context.getBean(CommandGateway.class),
                    context.getBean(PlatformTransactionManager.class), context.getBean(JdbcTemplate.class),
                    context.getBean(FundingRules.class), context.getBean(EventProcessingConfiguration.class));
            System.out.println("[scale] command target resolver: " + context.getBean(org.axonframework.config.Configuration.class)
                    .getComponent(org.axonframework.modelling.command.CommandTargetResolver.class).getClass().getSimpleName());
            ScaleShape shape = ScaleShape.national(projects, seed);
            if (minutes > 0) {
                generator.stopAfter(java.time.Duration.ofMillis((long) (minutes * 60_000)));
            }
            generator.generate(new ScaleShape(shape.projects(), shape.poles(), shape.organisationsPerPole(), shape.seed(),
                    longProjectEvents < 0 ? shape.longProjectEvents() : longProjectEvents, batch, true), System.out);
            exit = 0;
        }
        compact(url.substring(url.indexOf('=') + 1));
        System.exit(exit);
    }

    /**
     * Compacts an H2 file store once the context is closed ({@code SHUTDOWN COMPACT}): an MVStore file keeps the space of
     * every rewritten page until then (measured: about 2,600 bytes per event before, 300 after).
     */
    private static void compact(String url) {
        if (org.tremplin.support.DefaultDatasource.h2FilePath(url) == null) {
            return;
        }
        long started = System.nanoTime();
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(h2Options(url), "sa", "");
             java.sql.Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN COMPACT");
            System.out.printf("[scale] H2 file compacted in %.0f s%n", (System.nanoTime() - started) / 1e9);
        } catch (java.sql.SQLException e) {
            System.out.println("[scale] could not compact the H2 file: " + e.getMessage());
        }
    }

    /**
     * An H2 file URL given without options gets the application's own (a per-connection cache of 256 parsed statements:
     * with H2's default of 8 it parses nearly every statement again), and the database closes with the last connection
     * (no shutdown hook of its own, so the context's orderly close releases the file for the next JVM). H2's default
     * write delay is kept: a crash loses the last half second of batches, and the resume point is in the same
     * transactions, so a new run starts after the last batch the file kept.
     */
    static String h2Options(String urlArgument) {
        if (!urlArgument.contains(":file:") || !urlArgument.contains("jdbc:h2:") || urlArgument.contains(";")) {
            return urlArgument;
        }
        return urlArgument + ";DB_CLOSE_ON_EXIT=FALSE;QUERY_CACHE_SIZE=256";
    }
}
