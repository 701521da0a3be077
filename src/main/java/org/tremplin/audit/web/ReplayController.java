package org.tremplin.audit.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tremplin.audit.query.AuditAccessLog;
import org.tremplin.audit.replay.ReadModelReplay;
import org.tremplin.audit.replay.ReplayReport;
import org.tremplin.platform.web.CurrentUser;

import java.net.URI;

@RestController
@RequestMapping("/api/audit/replay")
@Tag(name = "Audit: read-model replay", description = "Rebuild every read model from the event store and compare checksums")
class ReplayController {

    private final ReadModelReplay replay;
    private final AuditAccessLog accessLog;

    ReplayController(ReadModelReplay replay, AuditAccessLog accessLog) {
        this.replay = replay;
        this.accessLog = accessLog;
    }

    @PostMapping
    @PreAuthorize("hasAnyRole('auditor','pole-staff')")
    @Operation(summary = "Start rebuilding every read model from the events (auditors, pole staff): 202 with the replay's id;"
            + " 409 while another replay runs. Each model is briefly incomplete while it replays")
    ResponseEntity<ReplayReport> start(Authentication user) {
        ReplayReport started = replay.start(user.getName());
        accessLog.record(user.getName(), CurrentUser.groups(user), "/api/audit/replay", "replay " + started.id());
        return ResponseEntity.accepted().location(URI.create("/api/audit/replay/" + started.id())).body(started);
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAnyRole('auditor','pole-staff')")
    @Operation(summary = "A replay's progress (positions done / head, events/s, ETA per processor and in total) and,"
            + " at the end, each model's checksum before and after and the models that differed (auditors, pole staff)")
    ReplayReport progress(@PathVariable String id) {
        return replay.report(id);
    }
}
