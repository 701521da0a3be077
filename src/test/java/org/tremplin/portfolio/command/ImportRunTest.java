package org.tremplin.portfolio.command;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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

import java.util.List;

class ImportRunTest {

    static final String HASH = "54e1c022ba4907ced7f556f3013ac4d4d671a5d19a654e11a4da5f6c5d3911ca";
    static final String RUN = StartImportRunCommand.runId(HASH);
    static final ImportCounts FOUR = new ImportCounts(4, 0, 0, 9, 0, 1, 0, 3, 1);

    private AggregateTestFixture<ImportRun> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ImportRun.class);
    }

    private static ImportRunStartedEvent started() {
        return new ImportRunStartedEvent(RUN, "test", HASH, 8, 20, List.of(), List.of());
    }

    @Test
    void a_run_starts_once_per_content_hash_and_a_second_start_resumes_it_after_the_rows_done() {
        fixture.givenNoPriorActivity()
                .when(new StartImportRunCommand(RUN, "test", HASH, 8, 20, List.of(), List.of()))
                .expectEvents(started())
                .expectResultMessagePayload(new ImportRunProgress(0, 8, false));
        fixture.given(started(), new ImportBatchRecordedEvent(RUN, 0, 4, FOUR, List.of(), 4, 8))
                .when(new StartImportRunCommand(RUN, "test", HASH, 8, 20, List.of(), List.of()))
                .expectEvents(new ImportRunResumedEvent(RUN, 4, 8))
                .expectResultMessagePayload(new ImportRunProgress(4, 8, false));
    }

    @Test
    void a_completed_run_records_nothing_when_started_again_and_takes_no_batch() {
        Object[] done = {started(), new ImportBatchRecordedEvent(RUN, 0, 8, FOUR, List.of(), 8, 8),
                new ImportRunCompletedEvent(RUN, 8, FOUR, 0, 0)};
        fixture.given(done)
                .when(new StartImportRunCommand(RUN, "test", HASH, 8, 20, List.of(), List.of()))
                .expectNoEvents()
                .expectResultMessagePayload(new ImportRunProgress(8, 8, true));
        fixture.given(done)
                .when(new RecordImportBatchCommand(RUN, 8, 8, FOUR, List.of()))
                .expectException(DomainException.class).expectNoEvents();
    }

    @Test
    void a_batch_starts_at_the_rows_done_so_that_no_row_is_counted_twice_or_skipped() {
        fixture.given(started(), new ImportBatchRecordedEvent(RUN, 0, 4, FOUR, List.of(), 4, 8))
                .when(new RecordImportBatchCommand(RUN, 0, 4, FOUR, List.of()))
                .expectException(DomainException.class).expectExceptionMessage(
                        org.hamcrest.Matchers.containsString("count rows twice"));
        fixture.given(started())
                .when(new RecordImportBatchCommand(RUN, 4, 8, FOUR, List.of()))
                .expectException(DomainException.class).expectExceptionMessage(
                        org.hamcrest.Matchers.containsString("leave a hole"));
        fixture.given(started())
                .when(new RecordImportBatchCommand(RUN, 0, 9, FOUR, List.of()))
                .expectException(DomainException.class);
        fixture.given(started())
                .when(new RecordImportBatchCommand(RUN, 0, 4, FOUR, List.of()))
                .expectEvents(new ImportBatchRecordedEvent(RUN, 0, 4, FOUR, List.of(), 4, 8));
    }

    @Test
    void a_run_completes_only_when_every_row_is_done_with_the_totals_of_its_batches() {
        fixture.given(started(), new ImportBatchRecordedEvent(RUN, 0, 4, FOUR, List.of(), 4, 8))
                .when(new CompleteImportRunCommand(RUN))
                .expectException(DomainException.class).expectNoEvents();
        fixture.given(started(), new ImportBatchRecordedEvent(RUN, 0, 4, FOUR, List.of(), 4, 8),
                        new ImportBatchRecordedEvent(RUN, 4, 8, FOUR, List.of(), 8, 8))
                .when(new CompleteImportRunCommand(RUN))
                .expectEvents(new ImportRunCompletedEvent(RUN, 8, FOUR.plus(FOUR), 0, 0));
    }

    @Test
    void the_run_id_must_be_derived_from_the_content_hash() {
        fixture.givenNoPriorActivity()
                .when(new StartImportRunCommand("IMPORT-0000000000000000", "test", HASH, 8, 20, List.of(), List.of()))
                .expectException(DomainException.class).expectNoEvents();
    }
}
