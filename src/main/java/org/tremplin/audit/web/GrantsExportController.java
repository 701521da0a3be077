package org.tremplin.audit.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tremplin.audit.query.GrantsExport;
import org.tremplin.audit.query.HistoryReader;
import org.tremplin.platform.web.CurrentUser;

import java.util.Map;

/** The grants as a 360Giving data package (pole staff and auditors; every read is recorded in the access log). */
@RestController
@Tag(name = "Audit", description = "Project timelines, their exports (CloudEvents, CSV, 360Giving) and the log of audit reads")
class GrantsExportController {

    private final GrantsExport grants;

    GrantsExportController(GrantsExport grants) {
        this.grants = grants;
    }

    @GetMapping(value = GrantsExport.RESOURCE, produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The grants as a 360Giving 1.4 data package: one grant per convention (funder × partner), with "
            + "the current amount awarded, the decision date, the planned dates, the call, the amounts disbursed and, for a "
            + "pooled fund, its contributors; for a project, a period of decision dates, or both (pole staff, auditors)")
    Map<String, Object> export(@Parameter(description = "the project's grants") @RequestParam(required = false) String projectId,
                               @Parameter(description = "grants decided on or after this date (e.g. 2027-01-01)")
                               @RequestParam(required = false) String from,
                               @Parameter(description = "grants decided on or before this date (e.g. 2027-12-31)")
                               @RequestParam(required = false) String to,
                               Authentication user) {
        HistoryReader reader = HistoryReader.auditor(user.getName(), CurrentUser.groups(user), "the grants");
        return grants.export(GrantsExport.Selection.of(projectId, from, to), reader);
    }
}
