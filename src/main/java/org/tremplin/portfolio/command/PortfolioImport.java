package org.tremplin.portfolio.command;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.ClassPathResource;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.tremplin.funding.api.ImportHistoricalStateAidCommand;
import org.tremplin.funding.api.RecordStateAidCommand;
import org.tremplin.organisation.api.FindOrganisationsQuery;
import org.tremplin.organisation.api.OrganisationView;
import org.tremplin.portfolio.api.CompleteImportRunCommand;
import org.tremplin.portfolio.api.ImportCounts;
import org.tremplin.portfolio.api.ImportRefusal;
import org.tremplin.portfolio.api.ImportRunProgress;
import org.tremplin.portfolio.api.RecordImportBatchCommand;
import org.tremplin.portfolio.api.StartImportRunCommand;
import org.tremplin.shared.DomainException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Imports the ANR open data as a portfolio: organisations (merged), historical projects and the aid already received,
 * through the contexts' own commands, in batches of project rows. Each batch is one transaction holding its rows'
 * events and the run's {@link RecordImportBatchCommand}, so a crash loses whole batches only and the run resumes after
 * the last one stored (the same files meet the same run). A row the plan refuses, or whose command is refused, stores
 * nothing and is reported with its row number and the reason. Starts no process.
 */
@Service
public class PortfolioImport {

    private static final Logger log = LoggerFactory.getLogger(PortfolioImport.class);
    /** The bundled copy of the data set (see its README.md: Licence Ouverte / Etalab 2.0). */
    public static final String BUNDLED = "import/anr/";
    public static final String BUNDLED_SOURCE = "ANR open data, ANR_02 Projets ANR DGPIE (PIA) depuis 2010 (export 2022-05-12, bundled)";
    static final String AID_NOTE = "aid the ANR allocated to the whole project, paid to its coordinator; the split among "
            + "partners is not published";

    /** What a request to import was answered: the run, and whether it runs now, ran before, or is already running. */
    public record Started(String runId, Outcome outcome, int rowsDone, int totalRows) {
    }

    public enum Outcome { STARTED, RESUMED, ALREADY_COMPLETED, ALREADY_RUNNING }

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final TransactionTemplate transactions;
    private final int batchSize;
    private final Set<String> active = ConcurrentHashMap.newKeySet();
    private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "portfolio-import");
        thread.setDaemon(true);
        return thread;
    });
    /** Test hook: when 0 or more, a run stops (as if the JVM died) once that many rows are done. */
    private volatile int crashAfterRows = -1;

    public PortfolioImport(CommandGateway commands, QueryGateway queries, PlatformTransactionManager transactionManager,
                           @Value("${tremplin.import.batch-size:100}") int batchSize) {
        this.commands = commands;
        this.queries = queries;
        this.transactions = new TransactionTemplate(transactionManager);
        this.batchSize = Math.max(1, batchSize);
    }

    /** Whether a run is being imported on this node now. */
    public boolean isActive(String runId) {
        return active.contains(runId);
    }

    /** Test hook: the next runs stop once {@code rows} rows are done (negative: never). */
    void crashAfterRows(int rows) {
        this.crashAfterRows = rows;
    }

    /** Imports the bundled copy of the data set. */
    public Started importBundled(boolean wait) {
        return importFiles(read(BUNDLED + AnrFiles.PROJECTS_FILE), read(BUNDLED + AnrFiles.PARTNERS_FILE), BUNDLED_SOURCE, wait);
    }

    /**
     * Imports the two files: refused whole (nothing stored) when a file is malformed; otherwise starts the run (or
     * resumes it, or answers that it is already complete), then imports in the background unless {@code wait}.
     */
    public Started importFiles(byte[] projects, byte[] partners, String source, boolean wait) {
        AnrFiles.Parsed files = AnrFiles.parse(projects, partners);
        String runId = StartImportRunCommand.runId(files.contentHash());
        if (active.contains(runId)) {
            return new Started(runId, Outcome.ALREADY_RUNNING, -1, files.projects().size());
        }
        ImportPlan plan = ImportPlan.of(files, runId, registry());
        ImportRunProgress progress = transactions.execute(status -> commands.sendAndWait(new StartImportRunCommand(runId,
                source, files.contentHash(), files.projects().size(), files.partners().size(), plan.merges,
                plan.fileRefusals)));
        if (progress.completed()) {
            log.info("Import {}: these files were imported before ({} rows); nothing to do", runId, progress.totalRows());
            return new Started(runId, Outcome.ALREADY_COMPLETED, progress.rowsDone(), progress.totalRows());
        }
        if (!active.add(runId)) {
            return new Started(runId, Outcome.ALREADY_RUNNING, progress.rowsDone(), progress.totalRows());
        }
        Outcome outcome = progress.rowsDone() > 0 ? Outcome.RESUMED : Outcome.STARTED;
        SecurityContext security = SecurityContextHolder.getContext();
        int crashAt = crashAfterRows;
        Runnable work = () -> {
            SecurityContext previous = SecurityContextHolder.getContext();
            SecurityContextHolder.setContext(security);
            try {
                run(plan, runId, progress.rowsDone(), crashAt);
            } catch (SimulatedCrash crash) {
                log.warn("Import {}: stopped after {} rows (test hook); start it again to resume", runId, crash.rowsDone);
            } catch (RuntimeException e) {
                log.error("Import {} stopped: {}; start it again with the same files to resume", runId, e.toString(), e);
            } finally {
                SecurityContextHolder.setContext(previous);
                active.remove(runId);
            }
        };
        if (wait) {
            work.run();
        } else {
            executor.submit(work);
        }
        return new Started(runId, outcome, progress.rowsDone(), progress.totalRows());
    }

    private Map<String, String[]> registry() {
        Map<String, String[]> byKey = new HashMap<>();
        for (OrganisationView member : queries.query(new FindOrganisationsQuery(null, null, null),
                ResponseTypes.multipleInstancesOf(OrganisationView.class)).join()) {
            byKey.putIfAbsent(NameMatcher.key(member.name()), new String[] {member.id(), member.name()});
        }
        return byKey;
    }

    private void run(ImportPlan plan, String runId, int from, int crashAt) {
        int total = plan.projects.size();
        long started = System.nanoTime();
        Set<String> ensured = new HashSet<>();
        int done = from;
        log.info("Import {}: {} project rows and {} partner rows, {} rows done before, {} spellings merged",
                runId, total, plan.partnerRows, from, plan.merges.size());
        while (done < total) {
            int to = Math.min(total, done + batchSize);
            List<ImportPlan.Planned> rows = plan.projects.subList(done, to);
            int fromRow = done;
            Set<String> batchEnsured = new HashSet<>(ensured);
            try {
                transactions.executeWithoutResult(status -> {
                    Batch batch = new Batch(batchEnsured);
                    rows.forEach(row -> batch.add(row, runId));
                    commands.sendAndWait(new RecordImportBatchCommand(runId, fromRow, to, batch.counts(), batch.refusals));
                });
                ensured.addAll(batchEnsured);
            } catch (RuntimeException batchFailed) {
                log.info("Import {}: a command of rows {}-{} was refused ({}); importing them one by one", runId,
                        fromRow, to, batchFailed.getMessage());
                Batch batch = new Batch(ensured);
                for (ImportPlan.Planned row : rows) {
                    Set<String> rowEnsured = new HashSet<>(ensured);
                    Batch single = new Batch(rowEnsured);
                    try {
                        transactions.executeWithoutResult(status -> single.add(row, runId));
                        ensured.addAll(rowEnsured);
                        batch.merge(single);
                    } catch (RuntimeException refused) {
                        batch.refuse(row.row(), refused instanceof DomainException ? refused.getMessage()
                                : "could not be stored: " + refused);
                    }
                }
                transactions.executeWithoutResult(status -> commands.sendAndWait(
                        new RecordImportBatchCommand(runId, fromRow, to, batch.counts(), batch.refusals)));
            }
            done = to;
            double seconds = (System.nanoTime() - started) / 1e9;
            double rate = (done - from) / Math.max(seconds, 1e-3);
            log.info(String.format(Locale.ROOT, "Import %s: %d/%d project rows (%.1f %%), %.1f rows/s, about %.0f s left",
                    runId, done, total, 100.0 * done / Math.max(total, 1), rate, (total - done) / Math.max(rate, 1e-3)));
            if (crashAt >= 0 && done >= crashAt && done < total) {
                throw new SimulatedCrash(done);
            }
        }
        transactions.executeWithoutResult(status -> commands.sendAndWait(new CompleteImportRunCommand(runId)));
        log.info(String.format(Locale.ROOT, "Import %s completed: %d rows in %.1f s", runId, total - from,
                (System.nanoTime() - started) / 1e9));
    }

    /** The commands of some rows, counted. */
    private final class Batch {
        private final Set<String> ensured;
        final List<ImportRefusal> refusals = new ArrayList<>();
        private int projectsCreated;
        private int projectsSkipped;
        private int organisationsCreated;
        private int organisationsExisting;
        private int merged;
        private int unknown;
        private int aidRecorded;
        private int aidNotFilled;

        Batch(Set<String> ensured) {
            this.ensured = ensured;
        }

        void add(ImportPlan.Planned row, String runId) {
            if (row.refusal() != null) {
                refuse(row.row(), row.refusal());
                return;
            }
            for (ImportPlan.Cluster organisation : row.organisations()) {
                if (!ensured.add(organisation.id)) {
                    continue;
                }
                boolean created = !organisation.existing
                        && Boolean.TRUE.equals(commands.sendAndWait(organisation.command(runId)));
                if (created) {
                    organisationsCreated++;
                } else {
                    organisationsExisting++;
                }
            }
            boolean created = Boolean.TRUE.equals(commands.sendAndWait(row.command()));
            if (!created) {
                projectsSkipped++;
                return;
            }
            projectsCreated++;
            merged += row.mergedRows();
            unknown += row.unknownRows();
            if (row.aid().signum() == 0) {
                aidNotFilled++;
            } else if (row.coordinatorOrganisationId() != null) {
                commands.sendAndWait(new ImportHistoricalStateAidCommand(
                        RecordStateAidCommand.ledgerId(row.code(), row.coordinatorOrganisationId()), row.code(),
                        row.coordinatorOrganisationId(), ImportPlan.FUNDER, row.aid(), AID_NOTE, runId,
                        AnrFiles.PROJECTS_FILE, row.row()));
                aidRecorded++;
            }
        }

        void refuse(int row, String reason) {
            refusals.add(new ImportRefusal(AnrFiles.PROJECTS_FILE, row, reason.length() > 1000
                    ? reason.substring(0, 999) + "…" : reason));
        }

        void merge(Batch other) {
            projectsCreated += other.projectsCreated;
            projectsSkipped += other.projectsSkipped;
            organisationsCreated += other.organisationsCreated;
            organisationsExisting += other.organisationsExisting;
            merged += other.merged;
            unknown += other.unknown;
            aidRecorded += other.aidRecorded;
            aidNotFilled += other.aidNotFilled;
            refusals.addAll(other.refusals);
        }

        ImportCounts counts() {
            return new ImportCounts(projectsCreated, projectsSkipped, refusals.size(), organisationsCreated,
                    organisationsExisting, merged, unknown, aidRecorded, aidNotFilled);
        }
    }

    static final class SimulatedCrash extends RuntimeException {
        final int rowsDone;

        SimulatedCrash(int rowsDone) {
            super("simulated crash after " + rowsDone + " rows", null, false, false);
            this.rowsDone = rowsDone;
        }
    }

    private static byte[] read(String path) {
        try (InputStream in = new ClassPathResource(path).getInputStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("The bundled data set " + path + " is missing", e);
        }
    }
}
