package dev.cutover.checkpoint.service;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import dev.cutover.checkpoint.repository.AuditEntry;
import dev.cutover.checkpoint.repository.CheckpointRecord;
import dev.cutover.checkpoint.repository.CheckpointRepository;
import dev.cutover.checkpoint.repository.SignOffRecord;
import dev.cutover.support.checkpoint.ApprovalFloors;
import dev.cutover.support.checkpoint.CheckpointDefinition;
import dev.cutover.support.rest.Problem;
import dev.cutover.support.rest.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;

/**
 * Sign-offs and acceptances by authenticated people. Who they are and which roles they hold come
 * from their token; a checkpoint only takes sign-offs from the roles it asks for.
 */
@ApplicationScoped
public class SignOffService {

    /** The signer as the token names them, and the roles (groups) it grants. */
    public record Signer(String name, Set<String> roles) {
    }

    /** {@code decision}: APPROVE or REJECT; {@code role}: which of the signer's roles, when they hold several the checkpoint asks for. */
    public record SignOffRequest(String decision, String role, String comment, String evidenceDigest) {
    }

    public record AcceptanceRequest(String reason, String evidenceDigest) {
    }

    /** The sign-off on record, and whether this request made it (false: the person had signed already). */
    public record SignOffResult(CheckpointView.SignOff signOff, boolean created, CheckpointView checkpoint) {
    }

    private final CheckpointRepository checkpoints;
    private final CheckpointService service;
    private final CheckpointQueries queries;
    private final ApprovalFloors floors;

    public SignOffService(CheckpointRepository checkpoints, CheckpointService service, CheckpointQueries queries, ApprovalFloors floors) {
        this.checkpoints = checkpoints;
        this.service = service;
        this.queries = queries;
        this.floors = floors;
    }

    @Transactional
    public SignOffResult signOff(UUID checkpointId, Signer signer, SignOffRequest request) {
        CheckpointRecord checkpoint = found(checkpointId);
        CheckpointDefinition definition = CheckpointService.definition(checkpoint);
        expectOtherEyes(checkpoint, signer);
        boolean approve = approves(request);
        String role = roleOf(definition, signer, request.role());
        SignOffRecord existing = checkpoints.signOffsOf(checkpointId).stream().filter(s -> s.signer.equals(signer.name())).findFirst()
                .orElse(null);
        if (existing != null) {
            return new SignOffResult(CheckpointView.SignOff.of(existing), false, queries.view(checkpoint));
        }
        expectStatus(checkpoint, CheckpointRecord.Status.OPEN, "takes sign-offs");
        expectDigest(checkpoint, request.evidenceDigest());
        if (!approve && (request.comment() == null || request.comment().isBlank())) {
            throw ProblemException.badRequest("comment", "a rejection needs a comment saying why");
        }
        SignOffRecord signOff = new SignOffRecord();
        signOff.checkpointId = checkpointId;
        signOff.signer = signer.name();
        signOff.role = role;
        signOff.approved = approve;
        signOff.comment = request.comment();
        signOff.evidenceDigest = checkpoint.evidenceDigest;
        signOff.signedAt = Instant.now();
        checkpoints.getEntityManager().persist(signOff);
        checkpoints.audit(checkpoint, AuditEntry.Action.SIGNED_OFF, signer.name(), role, checkpoint.evidenceDigest,
                (approve ? "APPROVE" : "REJECT") + (request.comment() == null ? "" : ": " + request.comment()));
        checkpoints.flush();
        service.redecide(checkpoint);
        return new SignOffResult(CheckpointView.SignOff.of(signOff), true, queries.view(checkpoint));
    }

    /** The conditional acceptor accepts a CONDITIONAL decision with a reason: it becomes GO (or ACCEPT). */
    @Transactional
    public CheckpointView accept(UUID checkpointId, Signer signer, AcceptanceRequest request) {
        CheckpointRecord checkpoint = found(checkpointId);
        CheckpointDefinition definition = CheckpointService.definition(checkpoint);
        String acceptor = definition.conditionalAcceptor();
        expectOtherEyes(checkpoint, signer);
        if (acceptor == null || !signer.roles().contains(acceptor)) {
            throw new ProblemException(Response.Status.FORBIDDEN, acceptor == null
                    ? checkpoint.name + " names no role that may accept a CONDITIONAL decision"
                    : checkpoint.name + " may be accepted by role '" + acceptor + "' only; your token grants " + signer.roles(), List.of());
        }
        expectStatus(checkpoint, CheckpointRecord.Status.CONDITIONAL, "can be accepted");
        expectDigest(checkpoint, request.evidenceDigest());
        if (request.reason() == null || request.reason().isBlank()) {
            throw ProblemException.badRequest("reason", "an acceptance needs the reason the failed advisory criteria are acceptable");
        }
        checkpoint.acceptedBy = signer.name();
        checkpoint.acceptedReason = request.reason();
        checkpoints.audit(checkpoint, AuditEntry.Action.ACCEPTED, signer.name(), acceptor, checkpoint.evidenceDigest, request.reason());
        service.redecide(checkpoint);
        return queries.view(checkpoint);
    }

    private CheckpointRecord found(UUID id) {
        CheckpointRecord checkpoint = checkpoints.findForUpdate(id);
        if (checkpoint == null || checkpoint.status == CheckpointRecord.Status.SUPERSEDED) {
            throw ProblemException.notFound("no checkpoint " + id);
        }
        return checkpoint;
    }

    /** Four-eyes: on the environments it covers, whoever submitted the rollout may not approve it. */
    private void expectOtherEyes(CheckpointRecord checkpoint, Signer signer) {
        if (signer.name().equals(checkpoint.submittedBy) && floors.fourEyes(checkpoint.environment)) {
            throw forbidden("you submitted this rollout: on " + checkpoint.environment
                    + " another person must sign off or accept its checkpoints (four-eyes)");
        }
    }

    private static boolean approves(SignOffRequest request) {
        if ("APPROVE".equals(request.decision())) {
            return true;
        }
        if ("REJECT".equals(request.decision())) {
            return false;
        }
        throw ProblemException.badRequest("decision", "must be APPROVE or REJECT");
    }

    /** The role this sign-off counts for: one the token grants and the checkpoint asks for. */
    private static String roleOf(CheckpointDefinition definition, Signer signer, String requested) {
        List<String> asked = signer.roles().stream().filter(definition.signOffPolicy()::asksFor).sorted().toList();
        if (requested != null) {
            if (!signer.roles().contains(requested)) {
                throw forbidden("your token does not grant role '" + requested + "'; it grants " + signer.roles().stream().sorted().toList());
            }
            if (!definition.signOffPolicy().asksFor(requested)) {
                throw forbidden(definition.name() + " asks for sign-offs by " + definition.signOffPolicy().label() + ", not by '" + requested + "'");
            }
            return requested;
        }
        if (asked.isEmpty()) {
            throw forbidden(definition.name() + " asks for sign-offs by " + definition.signOffPolicy().label()
                    + "; your token grants " + signer.roles().stream().sorted().toList());
        }
        if (asked.size() > 1) {
            throw ProblemException.badRequest("role", "you hold several roles " + definition.name() + " asks for " + asked + ": name one");
        }
        return asked.get(0);
    }

    private static void expectStatus(CheckpointRecord checkpoint, CheckpointRecord.Status expected, String what) {
        if (checkpoint.status != expected) {
            String now = checkpoint.status == CheckpointRecord.Status.WAITING ? "is waiting for its evidence"
                    : checkpoint.status == CheckpointRecord.Status.DECIDED ? "was decided " + checkpoint.decision
                    : "is " + checkpoint.status;
            throw new ProblemException(Response.Status.CONFLICT, checkpoint.name + " " + now + "; only a checkpoint that is "
                    + expected + " " + what, List.of());
        }
    }

    /** A signer who says which evidence they saw is refused when it has changed since. */
    private static void expectDigest(CheckpointRecord checkpoint, String seen) {
        if (seen != null && !seen.equals(checkpoint.evidenceDigest)) {
            throw new ProblemException(Response.Status.CONFLICT, "the evidence changed since you saw it: it is now "
                    + checkpoint.evidenceDigest, List.of(new Problem.FieldError("evidenceDigest", "is " + seen + ", the evidence's is now "
                    + checkpoint.evidenceDigest)));
        }
    }

    private static ProblemException forbidden(String detail) {
        return new ProblemException(Response.Status.FORBIDDEN, detail, List.of());
    }
}
