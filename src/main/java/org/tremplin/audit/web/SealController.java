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
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.RequestParam;
import org.tremplin.audit.seal.EventSealer;
import org.tremplin.audit.seal.FullVerification;
import org.tremplin.audit.seal.SealCheckpoint;
import org.tremplin.audit.seal.SealVerification;
import org.tremplin.audit.seal.SealVerifier;
import org.tremplin.shared.DomainException;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

@RestController
@RequestMapping("/api/audit")
@Tag(name = "Audit: seals", description = "Tamper evidence for the event store: a hash chain over every stored event")
class SealController {

    private final SealVerifier verifier;
    private final EventSealer sealer;
    private final FullVerification full;

    SealController(SealVerifier verifier, EventSealer sealer, FullVerification full) {
        this.verifier = verifier;
        this.sealer = sealer;
        this.full = full;
    }

    /** A chain value kept outside the system, as returned by the checkpoint endpoints. */
    record CheckpointRequest(Long globalIndex, String seal) {
    }

    @PostMapping("/verify")
    @PreAuthorize("hasAnyRole('auditor','pole-staff')")
    @Operation(summary = "Recompute the seal chain from the event store and name the first problem (auditors, pole staff);"
            + " optionally against a checkpoint {globalIndex, seal} kept outside the system. status: VERIFIED (every"
            + " stored event sealed and checked: the only case where verified is true), UNSEALED (the sealed part"
            + " checks out; unsealedEvents, oldestUnsealedAgeSeconds not sealed yet) or BROKEN (firstProblem)."
            + " mode=incremental (default) recomputes only the indexes after the prefix an earlier verification proved"
            + " and trusts that prefix (coverage says which); mode=full recomputes from index 1 and waits for the"
            + " outcome (one full run at a time: 409 while one runs; POST /api/audit/verifications/full runs it in"
            + " the background). Incremental runs take turns on a node: one asked while another runs waits for it,"
            + " up to tremplin.audit.seal.verify-wait (30 s), then 409")
    SealVerification verify(@RequestBody(required = false) CheckpointRequest checkpoint,
                            @RequestParam(required = false) String mode, Authentication user) {
        SealVerifier.ExternalCheckpoint external = external(checkpoint);
        if (mode == null || mode.isBlank() || mode.equalsIgnoreCase("incremental")) {
            return verifier.verify(external);
        }
        if (mode.equalsIgnoreCase("full")) {
            return full.run(external, user == null ? null : user.getName());
        }
        throw DomainException.invalid("mode must be incremental (the default) or full");
    }

    SealVerification verify(CheckpointRequest checkpoint) {
        return verifier.verify(external(checkpoint));
    }

    /** For the console's audit home: an incremental verification, or empty while another runs past that wait. */
    Optional<SealVerification> verifyIfFree(Duration wait) {
        return verifier.verifyIfFree(wait);
    }

    @PostMapping("/verifications/full")
    @PreAuthorize("hasAnyRole('auditor','pole-staff')")
    @Operation(summary = "Start a full verification of the seal chain in the background, optionally against a checkpoint"
            + " {globalIndex, seal} kept outside (auditors, pole staff); one at a time (409 while one runs)."
            + " GET the same address for its progress")
    ResponseEntity<FullVerification.Status> startFull(@RequestBody(required = false) CheckpointRequest checkpoint,
                                                      Authentication user) {
        FullVerification.Status started = full.start(external(checkpoint), user == null ? null : user.getName());
        return ResponseEntity.accepted().location(URI.create("/api/audit/verifications/full")).body(started);
    }

    @GetMapping("/verifications/full")
    @PreAuthorize("hasAnyRole('auditor','pole-staff')")
    @Operation(summary = "The latest full verification on this node: state (NONE, RUNNING, FINISHED, FAILED), indexes"
            + " done of total, rate per second, estimated seconds left, and its result once finished")
    FullVerification.Status fullStatus() {
        return full.status();
    }

    /** For the console: the {@code limit} most recent checkpoints, newest first (the API gives them all). */
    List<SealCheckpoint> latest(int limit) {
        return verifier.latestCheckpoints(limit);
    }

    long count() {
        return verifier.checkpointCount();
    }

    private static SealVerifier.ExternalCheckpoint external(CheckpointRequest checkpoint) {
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
        return external;
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
