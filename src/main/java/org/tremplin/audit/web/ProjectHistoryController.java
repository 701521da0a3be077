package org.tremplin.audit.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tremplin.audit.query.AccessLogPage;
import org.tremplin.audit.query.HistoryExport;
import org.tremplin.audit.query.HistoryPage;
import org.tremplin.audit.query.HistoryParams;
import org.tremplin.audit.query.HistoryReader;
import org.tremplin.audit.query.ProjectHistoryService;
import org.tremplin.platform.web.CurrentUser;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** A project's history as a timeline, its exports, and the log of these reads (pole staff and auditors). */
@RestController
@RequestMapping("/api")
@Tag(name = "Audit", description = "Project timelines, their exports (CloudEvents, CSV) and the log of audit reads")
class ProjectHistoryController {

    private final ProjectHistoryService history;

    ProjectHistoryController(ProjectHistoryService history) {
        this.history = history;
    }

    @GetMapping("/projects/{id}/history")
    @Operation(summary = "Every event of the project in one ordered timeline, with a readable summary, filtered and paged (pole staff, auditors)")
    HistoryPage timeline(@PathVariable String id,
                         @Parameter(description = "from this instant, inclusive (ISO-8601, e.g. 2027-03-31T00:00:00Z)")
                         @RequestParam(required = false) String from,
                         @Parameter(description = "before this instant, exclusive")
                         @RequestParam(required = false) String to,
                         @Parameter(description = "event types to keep (repeatable or comma-separated), e.g. LabelGrantedEvent")
                         @RequestParam(name = "type", required = false) List<String> type,
                         @Parameter(description = "only events of this user") @RequestParam(required = false) String actor,
                         @Parameter(description = "only events concerning this funder id") @RequestParam(required = false) String funder,
                         @Parameter(description = "0-based page") @RequestParam(required = false) String page,
                         @Parameter(description = "entries per page, 50 by default, at most 500")
                         @RequestParam(required = false) String size,
                         Authentication user, HttpServletRequest request) {
        HistoryReader reader = reader(user, "a project's history");
        return history.history(id, HistoryParams.filter(from, to, types(request), actor, funder), HistoryParams.page(page),
                HistoryParams.size(size), reader);
    }

    @GetMapping("/projects/{id}/history/export")
    @Operation(summary = "The project's timeline as CloudEvents 1.0 JSON lines (format=cloudevents, application/x-ndjson) "
            + "or CSV (format=csv), with the same filters as the timeline (pole staff, auditors)")
    ResponseEntity<byte[]> export(@PathVariable String id,
                                  @Parameter(description = "cloudevents or csv") @RequestParam(required = false) String format,
                                  @RequestParam(required = false) String from,
                                  @RequestParam(required = false) String to,
                                  @RequestParam(name = "type", required = false) List<String> type,
                                  @RequestParam(required = false) String actor,
                                  @RequestParam(required = false) String funder,
                                  Authentication user, HttpServletRequest request) {
        HistoryReader reader = reader(user, "a project's history");
        HistoryExport.Format wanted = HistoryExport.Format.of(format);
        HistoryExport.Document document = history.export(id, wanted, HistoryParams.filter(from, to, types(request), actor, funder),
                reader);
        return ResponseEntity.ok()
                .contentType(new MediaType(MediaType.parseMediaType(document.mediaType()), StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(document.fileName()).build().toString())
                .body(document.body());
    }

    @GetMapping("/audit/access-log")
    @Operation(summary = "Who read which audit resource and when, newest first, optionally for one user (pole staff, auditors)")
    AccessLogPage accessLog(@RequestParam(required = false) String userId,
                            @RequestParam(required = false) String page,
                            @RequestParam(required = false) String size,
                            Authentication user) {
        HistoryReader reader = reader(user, "the audit access log");
        return history.accessLog(HistoryParams.user("userId", userId), HistoryParams.page(page), HistoryParams.size(size),
                reader);
    }

    /**
     * The raw values of the repeatable 'type' parameter, each possibly comma-separated (the bound list above
     * documents it; read raw so that an empty value is refused instead of silently meaning "all types").
     */
    private static List<String> types(HttpServletRequest request) {
        String[] values = request.getParameterValues("type");
        return values == null ? null
                : Arrays.stream(values).flatMap(value -> Arrays.stream(value.split(",", -1))).toList();
    }

    /** The caller, checked first: anyone but pole staff and auditors gets 403 whatever the parameters. */
    private static HistoryReader reader(Authentication user, String what) {
        return HistoryReader.auditor(user.getName(), CurrentUser.groups(user), what);
    }
}
