package org.tremplin.audit.web;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tremplin.audit.query.GrantsExport;
import org.tremplin.audit.query.HistoryReader;
import org.tremplin.platform.web.CurrentUser;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The grants as a 360Giving data package (pole staff and auditors; every read is recorded in the access log). */
@RestController
@Tag(name = "Audit", description = "Project timelines, their exports (CloudEvents, CSV, 360Giving) and the log of audit reads")
class GrantsExportController {

    private final GrantsExport grants;
    private final ObjectMapper json;
    private final ExportSlots slots;

    GrantsExportController(GrantsExport grants, ObjectMapper json,
                           @Value("${tremplin.audit.grants-export.concurrent:1}") int concurrent,
                           @Value("${tremplin.audit.grants-export.wait:PT30S}") Duration wait) {
        this.grants = grants;
        this.json = json;
        this.slots = new ExportSlots(concurrent, wait);
    }

    @GetMapping(value = GrantsExport.RESOURCE, produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The grants as a 360Giving 1.4 data package: one grant per convention (funder × partner), with "
            + "the current amount awarded, the decision date, the planned dates, the call, the amounts disbursed and, for a "
            + "pooled fund, its contributors; for a project, a period of decision dates, or both (pole staff, auditors)")
    @ApiResponse(responseCode = "200", description = "the 360Giving data package",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(type = "object")))
    void export(@Parameter(description = "the project's grants") @RequestParam(required = false) String projectId,
                @Parameter(description = "grants decided on or after this date (e.g. 2027-01-01)")
                @RequestParam(required = false) String from,
                @Parameter(description = "grants decided on or before this date (e.g. 2027-12-31)")
                @RequestParam(required = false) String to,
                Authentication user, HttpServletResponse response) throws IOException {
        inSlot(() -> {
            GrantsExport.Package pack = prepare(projectId, from, to, user);
            response.setContentType(new MediaType(MediaType.APPLICATION_JSON, StandardCharsets.UTF_8).toString());
            write(pack, response.getOutputStream(), false);
            return null;
        });
    }

    /** Runs an export (selecting, then writing) in one of the node's export slots ({@link ExportSlots}). */
    <T> T inSlot(ExportSlots.Work<T> work) throws IOException {
        return slots.run(work);
    }

    /** The package selected, checked and its read recorded: nothing is written yet (a refusal is still a problem). */
    GrantsExport.Package prepare(String projectId, String from, String to, Authentication user) {
        HistoryReader reader = HistoryReader.auditor(user.getName(), CurrentUser.groups(user), "the grants");
        return grants.export(GrantsExport.Selection.of(projectId, from, to), reader);
    }

    /** Writes the package as it is built, grant after grant (never the whole package in memory). */
    void write(GrantsExport.Package pack, OutputStream out, boolean pretty) throws IOException {
        try (JsonGenerator generator = json.getFactory().createGenerator(out)) {
            if (pretty) {
                generator.useDefaultPrettyPrinter();
            }
            pack.writeTo(generator);
        }
    }
}
