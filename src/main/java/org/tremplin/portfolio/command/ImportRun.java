package org.tremplin.portfolio.command;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.tremplin.portfolio.api.CompleteImportRunCommand;
import org.tremplin.portfolio.api.ImportBatchRecordedEvent;
import org.tremplin.portfolio.api.ImportCounts;
import org.tremplin.portfolio.api.ImportRunCompletedEvent;
import org.tremplin.portfolio.api.ImportRunProgress;
import org.tremplin.portfolio.api.ImportRunResumedEvent;
import org.tremplin.portfolio.api.ImportRunStartedEvent;
import org.tremplin.portfolio.api.RecordImportBatchCommand;
import org.tremplin.portfolio.api.StartImportRunCommand;
import org.tremplin.shared.DomainException;
import org.tremplin.shared.Require;

import java.util.List;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One import of a data set, identified by the content hash of its files. Knows the rows done from its batches' events,
 * so that a run interrupted by a crash resumes after them, and refuses to count a batch twice. A completed run takes
 * no more batches: importing the same files again changes nothing.
 */
@Aggregate
public class ImportRun {

    @AggregateIdentifier
    private String runId;
    private boolean started;
    private boolean completed;
    private int totalRows;
    private int rowsDone;
    private ImportCounts totals = ImportCounts.NONE;
    private int merges;
    private int fileRefusals;

    protected ImportRun() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public ImportRunProgress handle(StartImportRunCommand command) {
        if (started) {
            if (!completed) {
                apply(new ImportRunResumedEvent(runId, rowsDone, totalRows));
            }
            return new ImportRunProgress(rowsDone, totalRows, completed);
        }
        String hash = Require.text(command.contentHash(), "contentHash", 64);
        if (hash.length() < 16 || !StartImportRunCommand.runId(hash).equals(command.runId())) {
            throw DomainException.invalid("runId must be derived from the content hash: IMPORT- and its first 16 digits");
        }
        String source = Require.text(command.source(), "source", 200);
        if (command.totalRows() < 0 || command.totalPartnerRows() < 0) {
            throw DomainException.invalid("row counts cannot be negative");
        }
        apply(new ImportRunStartedEvent(command.runId(), source, hash, command.totalRows(), command.totalPartnerRows(),
                command.merges() == null ? List.of() : List.copyOf(command.merges()),
                command.fileRefusals() == null ? List.of() : List.copyOf(command.fileRefusals())));
        return new ImportRunProgress(0, command.totalRows(), false);
    }

    @CommandHandler
    public ImportRunProgress handle(RecordImportBatchCommand command) {
        if (completed) {
            throw DomainException.conflict("Import run " + runId + " is completed; it takes no more rows");
        }
        if (command.fromRow() != rowsDone) {
            throw DomainException.conflict("Import run " + runId + " has " + rowsDone + " rows done; a batch from row "
                    + command.fromRow() + " would " + (command.fromRow() < rowsDone ? "count rows twice" : "leave a hole"));
        }
        if (command.toRow() <= command.fromRow() || command.toRow() > totalRows) {
            throw DomainException.invalid("a batch covers rows from " + rowsDone + " to at most " + totalRows + " (got "
                    + command.fromRow() + " to " + command.toRow() + ")");
        }
        Require.present(command.counts(), "counts");
        apply(new ImportBatchRecordedEvent(runId, command.fromRow(), command.toRow(), command.counts(),
                command.refusals() == null ? List.of() : List.copyOf(command.refusals()), command.toRow(), totalRows));
        return new ImportRunProgress(command.toRow(), totalRows, false);
    }

    @CommandHandler
    public ImportRunProgress handle(CompleteImportRunCommand command) {
        if (completed) {
            return new ImportRunProgress(rowsDone, totalRows, true);
        }
        if (rowsDone != totalRows) {
            throw DomainException.ruleViolated("Import run " + runId + " has " + rowsDone + " of " + totalRows
                    + " rows done; it completes when every row is done");
        }
        apply(new ImportRunCompletedEvent(runId, totalRows, totals, merges, fileRefusals));
        return new ImportRunProgress(rowsDone, totalRows, true);
    }

    @EventSourcingHandler
    void on(ImportRunStartedEvent event) {
        runId = event.runId();
        started = true;
        totalRows = event.totalRows();
        merges = event.merges().size();
        fileRefusals = event.fileRefusals().size();
    }

    @EventSourcingHandler
    void on(ImportBatchRecordedEvent event) {
        rowsDone = event.rowsDone();
        totals = totals.plus(event.counts());
    }

    @EventSourcingHandler
    void on(ImportRunCompletedEvent event) {
        completed = true;
    }
}
