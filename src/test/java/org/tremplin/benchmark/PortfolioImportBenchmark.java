package org.tremplin.benchmark;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.tremplin.portfolio.api.FindImportRunQuery;
import org.tremplin.portfolio.api.ImportRunView;
import org.tremplin.portfolio.command.PortfolioImport;
import org.tremplin.support.ApiTestSupport;

import java.time.Duration;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole bundled ANR data set (1,379 projects, 7,581 partner rows) imported into an empty store, then the same files
 * again. Prints figures; asserts nothing about speed, only that the second import stores nothing. Run with
 * {@code mvn -o test -Dtest=PortfolioImportBenchmark -Dbenchmark=true} (H2) or {@code -Dtest=PostgresPortfolioImportBenchmark}.
 */
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
public class PortfolioImportBenchmark extends ApiTestSupport {

    @Autowired
    private PortfolioImport portfolioImport;
    @Autowired
    private QueryGateway queries;

    private long events() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry", Long.class);
    }

    private ImportRunView run(String id) {
        return queries.query(new FindImportRunQuery(id), ResponseTypes.optionalInstanceOf(ImportRunView.class)).join()
                .orElse(null);
    }

    @Test
    void prints_the_full_import_time_and_shows_that_importing_again_changes_nothing() {
        String database = jdbc.queryForObject("SELECT 1", Integer.class) == 1 ? databaseName() : "?";
        long before = events();
        long start = System.nanoTime();
        PortfolioImport.Started first = portfolioImport.importBundled(true);
        double importSeconds = (System.nanoTime() - start) / 1e9;
        long stored = events() - before;
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(50))
                .until(() -> run(first.runId()) != null && "COMPLETED".equals(run(first.runId()).status()));
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(50)).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM historical_project", Long.class) == run(first.runId()).counts().projectsCreated());
        double visibleSeconds = (System.nanoTime() - start) / 1e9;
        ImportRunView view = run(first.runId());

        long againStart = System.nanoTime();
        long beforeAgain = events();
        PortfolioImport.Started again = portfolioImport.importBundled(true);
        double againSeconds = (System.nanoTime() - againStart) / 1e9;
        long storedAgain = events() - beforeAgain;

        System.out.println(String.format(Locale.ROOT, """

                === Portfolio import benchmark (%s) ===
                full import: %d project rows, %d partner rows -> %d events in %.1f s (%.0f rows/s, %.0f events/s); \
                read models complete after %.1f s
                report: %s; %d merges, %d refusals
                same files again: %s in %.2f s, %d events stored
                """, database, view.totalRows(), view.totalPartnerRows(), stored, importSeconds,
                view.totalRows() / importSeconds, stored / importSeconds, visibleSeconds, view.counts(),
                view.merges().size(), view.refusals().size(), again.outcome(), againSeconds, storedAgain));
        view.merges().forEach(m -> System.out.println("  merge: '" + m.mergedName() + "' -> '" + m.keptName() + "' ("
                + m.rows() + " rows): " + m.reason()));
        view.refusals().forEach(r -> System.out.println("  refused: " + r.sourceFile() + " row " + r.sourceRow() + ": "
                + r.reason()));
        assertThat(again.outcome()).isEqualTo(PortfolioImport.Outcome.ALREADY_COMPLETED);
        assertThat(storedAgain).isZero();
    }

    private String databaseName() {
        try (var connection = jdbc.getDataSource().getConnection()) {
            return connection.getMetaData().getDatabaseProductName() + " " + connection.getMetaData().getDatabaseProductVersion();
        } catch (java.sql.SQLException e) {
            return "?";
        }
    }
}
