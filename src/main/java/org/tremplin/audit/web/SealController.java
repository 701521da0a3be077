package org.tremplin.audit.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tremplin.audit.seal.EventSealer;
import org.tremplin.audit.seal.SealCheckpoint;
import org.tremplin.audit.seal.SealVerification;
import org.tremplin.audit.seal.SealVerifier;
import org.tremplin.shared.DomainException;

import java.net.URI;
import java.util.List;

@RestController
@RequestMapping("/api/audit")
@Tag(name = "Audit: seals", description = "Tamper evidence for the event store: a hash chain over every stored event")
class SealController {

    private final SealVerifier verifier;
    private final EventSealer sealer;

    SealController(SealVerifier verifier, EventSealer sealer) {
        this.verifier = verifier;
        this.sealer = sealer;
    }

    /** A chain value kept outside the system, as returned by the checkpoint endpoints. */
    record CheckpointRequest(Long globalIndex, String seal) {
    }

    @PostMapping("/verify")
    @PreAuthorize("hasAnyRole('auditor','pole-staff')")
    @Operation(summary = "Recompute the seal chain from the event store and name the first problem (auditors, pole staff);"
            + " optionally against a checkpoint {globalIndex, seal} kept outside the system. status: VERIFIED (every"
            + " stored event sealed and checked: the only case where verified is true), UNSEALED (the sealed part"
            + " checks out; unsealedEvents, oldestUnsealedAgeSeconds not sealed yet) or BROKEN (firstProblem)")
    SealVerification verify(@RequestBody(required = false) CheckpointRequest checkpoint) {
        SealVerifier.ExternalCheckpoint external = null;
        if (checkpoint != null && (checkpoint.globalIndex() != null || checkpoint.seal() != null)) {
            if (checkpoint.globalIndex() == null || checkpoint.globalIndex() < 1) {
                throw DomainException.invalid("globalIndex must be a global index of 1 or more");
            }
            if (checkpoint.seal() == null || !checkpoint.seal().trim().matches("[0-9a-fA-F]{64}")) {
                throw DomainException.invalid("seal must be 64 hexadecimal characters (a SHA-256 checkpoint)");
            }
            external = new SealVerifier.ExternalCheckpoint(checkpoint.globalIndex(), checkpoint.seal().trim());
        }
        return verifier.verify(external);
    }

    @GetMapping("/checkpoints")
    @PreAuthorize("hasAnyRole('auditor','pole-staff')")
    @Operation(summary = "Checkpoints of the seal chain, oldest first, to copy outside the system (auditors, pole staff)")
    List<SealCheckpoint> list() {
        return verifier.checkpoints();
    }

    @PostMapping("/checkpoints")
    @PreAuthorize("hasAnyRole('auditor','pole-staff')")
    @Operation(summary = "Seal what is committed and record a checkpoint at the end of the chain now (auditors, pole staff)")
    ResponseEntity<SealCheckpoint> checkpoint() {
        SealCheckpoint created = sealer.checkpointNow();
        if (created == null) {
            throw DomainException.ruleViolated("Nothing is sealed yet: the event store holds no committed event");
        }
        return ResponseEntity.created(URI.create("/api/audit/checkpoints")).body(created);
    }
}
