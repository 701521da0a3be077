package org.tremplin.portfolio.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.tremplin.platform.web.ReadModels;
import org.tremplin.portfolio.api.FindImportRunQuery;
import org.tremplin.portfolio.api.FindImportRunsQuery;
import org.tremplin.portfolio.api.ImportRunView;
import org.tremplin.portfolio.command.PortfolioImport;
import org.tremplin.shared.DomainException;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Portfolio imports (pole staff, Camunda administrators): the ANR open data bundled with Tremplin or uploaded, its
 * progress and its report. See {@code src/docs/import.md}.
 */
@RestController
@RequestMapping("/api/imports")
@Tag(name = "Portfolio import", description = "Import historical projects, partners and aid from the ANR open data")
class ImportController {

    static final String STAFF = "hasAnyRole('pole-staff','camunda-admin')";
    /** Reads of the import runs and the imported portfolio: staff, administrators and auditors (read-only). */
    static final String STAFF_OR_AUDITOR = "hasAnyRole('pole-staff','camunda-admin','auditor')";
    static final String BUNDLED = "bundled";

    private final PortfolioImport portfolioImport;
    private final QueryGateway queries;
    private final ReadModels readModels;

    ImportController(PortfolioImport portfolioImport, QueryGateway queries, ReadModels readModels) {
        this.portfolioImport = portfolioImport;
        this.queries = queries;
        this.readModels = readModels;
    }

    @PostMapping("/anr")
    @PreAuthorize(STAFF)
    @Operation(summary = "Import the ANR open data bundled with Tremplin (1,379 projects; ?source=bundled): 202 with the "
            + "run's id, progress at GET /api/imports/{id}; ?wait=true answers when it is done, with the report. The same "
            + "files twice: 200, nothing changes; an interrupted run resumes. Or upload the files (multipart)")
    ResponseEntity<Map<String, Object>> importBundled(@RequestParam(required = false) String source,
                                                      @RequestParam(defaultValue = "false") boolean wait) {
        if (!BUNDLED.equals(source)) {
            throw DomainException.invalid("source: say ?source=" + BUNDLED + " to import the data set bundled with Tremplin,"
                    + " or upload the files as multipart/form-data parts 'projets' and 'partenaires'");
        }
        return answer(portfolioImport.importBundled(wait), wait);
    }

    @PostMapping(path = "/anr", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @PreAuthorize(STAFF)
    @Operation(summary = "Import uploaded ANR open-data files: parts 'projets' (projets.csv) and 'partenaires' "
            + "(partenaires.csv), UTF-8 CSV as published. A malformed file is refused whole (400, nothing stored)")
    ResponseEntity<Map<String, Object>> importUploaded(@RequestPart("projets") MultipartFile projects,
                                                       @RequestPart("partenaires") MultipartFile partners,
                                                       @RequestParam(defaultValue = "false") boolean wait) throws IOException {
        String source = "ANR open data, uploaded (" + name(projects) + ", " + name(partners) + ")";
        return answer(portfolioImport.importFiles(projects.getBytes(), partners.getBytes(), source, wait), wait);
    }

    @GetMapping
    @PreAuthorize(STAFF_OR_AUDITOR)
    @Operation(summary = "The import runs, newest first (pole staff, auditors)")
    List<ImportRunView> runs() {
        return queries.query(new FindImportRunsQuery(), ResponseTypes.multipleInstancesOf(ImportRunView.class)).join()
                .stream().map(this::withLiveStatus).toList();
    }

    @GetMapping("/{id}")
    @PreAuthorize(STAFF_OR_AUDITOR)
    @Operation(summary = "An import run's progress (rows done / total, rows/s, ETA) and report (created, merged, "
            + "skipped, refused rows with the reason, merges and why)")
    ImportRunView run(@PathVariable String id) {
        return find(id).orElseThrow(() -> DomainException.notFound("No import run " + id
                + "; GET /api/imports lists the runs"));
    }

    Optional<ImportRunView> find(String id) {
        return queries.query(new FindImportRunQuery(id), ResponseTypes.optionalInstanceOf(ImportRunView.class)).join()
                .map(this::withLiveStatus);
    }

    /** RUNNING in the read model, but not running on this node: interrupted (posting the same files resumes it). */
    private ImportRunView withLiveStatus(ImportRunView view) {
        if (!"RUNNING".equals(view.status()) || portfolioImport.isActive(view.id())) {
            return view;
        }
        return new ImportRunView(view.id(), view.source(), view.contentHash(), "INTERRUPTED", view.totalRows(),
                view.totalPartnerRows(), view.rowsDone(), null, null, view.counts(), view.refusals(), view.merges(),
                view.startedBy(), view.startedAt(), view.resumedAt(), view.completedAt());
    }

    private ResponseEntity<Map<String, Object>> answer(PortfolioImport.Started started, boolean wait) {
        readModels.catchUp();
        URI location = URI.create("/api/imports/" + started.runId());
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("id", started.runId());
        body.put("outcome", started.outcome().name());
        body.put("progress", location.toString());
        if (wait || started.outcome() == PortfolioImport.Outcome.ALREADY_COMPLETED) {
            awaitReadModel(started.runId());
            find(started.runId()).ifPresent(view -> body.put("run", view));
        }
        return started.outcome() == PortfolioImport.Outcome.ALREADY_COMPLETED || wait
                ? ResponseEntity.ok().location(location).body(body)
                : ResponseEntity.accepted().location(location).body(body);
    }

    /** The worker's events are not this request's: wait (10 s at most) until the run's row shows it completed. */
    private void awaitReadModel(String id) {
        long until = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < until) {
            Optional<ImportRunView> view = find(id);
            if (view.isPresent() && "COMPLETED".equals(view.get().status())) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static String name(MultipartFile file) {
        String name = file.getOriginalFilename();
        return name == null || name.isBlank() ? file.getName() : name.replaceAll("[^A-Za-z0-9._ -]", "_");
    }
}
