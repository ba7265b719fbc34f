package dev.cutover.checkpoint.service;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.cutover.checkpoint.evidence.Evidence;
import dev.cutover.checkpoint.repository.AuditEntry;
import dev.cutover.checkpoint.repository.CheckpointRecord;
import dev.cutover.checkpoint.repository.CheckpointRepository;
import dev.cutover.checkpoint.repository.SignOffRecord;
import dev.cutover.events.BenchmarkCompleted;
import dev.cutover.events.CheckpointDecided;
import dev.cutover.events.CutoverEvent;
import dev.cutover.events.MetricBreach;
import dev.cutover.events.Phase;
import dev.cutover.events.PhaseCompleted;
import dev.cutover.events.RollbackRequested;
import dev.cutover.support.checkpoint.ApprovalFloors;
import dev.cutover.support.checkpoint.CheckpointDefinition;
import dev.cutover.support.checkpoint.CheckpointDefinitions;
import dev.cutover.support.outbox.Outbox;
import dev.cutover.support.rest.Problem;
import dev.cutover.support.rest.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

/**
 * A rollout's checkpoints through their life: defined (at the rollout's first event its plan's or
 * the shipped defaults; replaced by a registration until one opens), opened when their phase completed on every target, decided from the
 * evidence and the sign-offs, announced on {@code checkpoint-decided} — and a NO-GO once APPLY has
 * run asks for a rollback.
 */
@ApplicationScoped
public class CheckpointService {

    static final String SERVICE = "checkpoint-service";
    private static final Logger LOG = Logger.getLogger(CheckpointService.class);
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    private final CheckpointRepository checkpoints;
    private final EvidenceReader evidence;
    private final CutoverWindows windows;
    private final Outbox outbox;
    private final PlannedCheckpoints planned;
    private final ApprovalFloors floors;

    public CheckpointService(CheckpointRepository checkpoints, EvidenceReader evidence, CutoverWindows windows, Outbox outbox,
            PlannedCheckpoints planned, ApprovalFloors floors) {
        this.checkpoints = checkpoints;
        this.planned = planned;
        this.floors = floors;
        this.evidence = evidence;
        this.windows = windows;
        this.outbox = outbox;
    }

    /** Called inside the consumer's transaction, after the event joined the timeline. */
    public void onEvent(CutoverEvent event) {
        String environment = environmentOf(event);
        if (environment == null) {
            return;
        }
        if (ensureDefined(event.rolloutId()) == Definition.EXISTING) {
            checkpoints.undecidedForUpdate(event.rolloutId(), environment).forEach(this::reconsider);
        }
    }

    /** EXISTING: the rollout had checkpoints; DEFINED: now it has (evidence so far considered); PENDING: not yet. */
    public enum Definition { EXISTING, DEFINED, PENDING }

    /**
     * Gives a rollout its first checkpoints — its plan's, else the shipped defaults — unless it has
     * some. PENDING when migration-service could not say what the plan holds: the rollout's next
     * event, or migration-service asking for its checkpoints, tries again, and the evidence that
     * arrived meanwhile (on the timeline) counts then. Call in a transaction.
     */
    public Definition ensureDefined(UUID rolloutId) {
        if (checkpoints.anyOf(rolloutId)) {
            return Definition.EXISTING;
        }
        checkpoints.lockRollout(rolloutId);
        if (checkpoints.anyOf(rolloutId)) {
            return Definition.EXISTING;
        }
        PlannedCheckpoints.Planned first;
        try {
            first = planned.of(rolloutId);
        } catch (RuntimeException e) {
            LOG.warnf("rollout %s: its checkpoints are not defined yet (asked again at its next event): %s", rolloutId, e.getMessage());
            return Definition.PENDING;
        }
        reconsiderAll(rolloutId, define(rolloutId, first.definitions(), first.source(), first.submittedBy()));
        return Definition.DEFINED;
    }

    /**
     * Replaces the rollout's checkpoints, never below the approval floors; refused once one of them
     * has opened. Call in a transaction.
     */
    public List<CheckpointRecord> register(UUID rolloutId, List<CheckpointDefinition> definitions, String actor) {
        CheckpointDefinitions.validate(definitions);
        checkpoints.lockRollout(rolloutId);
        List<CheckpointRecord> existing = checkpoints.ofRollout(rolloutId);
        // the environments the replaced checkpoints gated stay gated: a registration cannot drop one
        Set<String> gated = new LinkedHashSet<>();
        definitions.forEach(d -> gated.add(d.environment()));
        existing.stream().filter(c -> c.status != CheckpointRecord.Status.SUPERSEDED).forEach(c -> gated.add(c.environment));
        List<Problem.FieldError> belowFloors = floors.problems(definitions, gated, "checkpoints");
        if (!belowFloors.isEmpty()) {
            throw new ProblemException(Response.Status.BAD_REQUEST, "the checkpoints ask less than the platform's approval floors",
                    belowFloors);
        }
        if (existing.stream().anyMatch(c -> c.status != CheckpointRecord.Status.WAITING)) {
            throw new ProblemException(Response.Status.CONFLICT,
                    "rollout " + rolloutId + " has a checkpoint opened already; its checkpoints can no longer change", List.of());
        }
        existing.forEach(c -> {
            c.status = CheckpointRecord.Status.SUPERSEDED;
            checkpoints.audit(c, AuditEntry.Action.SUPERSEDED, actor, null, null, null);
        });
        checkpoints.flush();
        String submittedBy = existing.stream().map(c -> c.submittedBy).filter(Objects::nonNull).findFirst().orElse(null);
        List<CheckpointRecord> defined = define(rolloutId, definitions, actor, submittedBy);
        reconsiderAll(rolloutId, defined);
        return defined;
    }

    /** Evidence may have arrived before the definitions did. */
    private void reconsiderAll(UUID rolloutId, List<CheckpointRecord> defined) {
        defined.stream().map(c -> c.environment).distinct()
                .forEach(environment -> checkpoints.undecidedForUpdate(rolloutId, environment).forEach(this::reconsider));
    }

    private List<CheckpointRecord> define(UUID rolloutId, List<CheckpointDefinition> definitions, String actor, String submittedBy) {
        Instant now = Instant.now();
        return definitions.stream().map(definition -> {
            CheckpointRecord record = new CheckpointRecord();
            record.id = UUID.randomUUID();
            record.rolloutId = rolloutId;
            record.name = definition.name();
            record.environment = definition.environment();
            record.definition = write(definition);
            record.status = CheckpointRecord.Status.WAITING;
            record.submittedBy = submittedBy;
            record.createdAt = now;
            checkpoints.persist(record);
            checkpoints.audit(record, AuditEntry.Action.DEFINED, actor, null, null, record.definition);
            return record;
        }).toList();
    }

    /** Opens the checkpoint when its phase has completed on every target, then decides what can be decided. */
    void reconsider(CheckpointRecord checkpoint) {
        CheckpointDefinition definition = definition(checkpoint);
        Evidence evidence = this.evidence.of(checkpoint);
        Collection<String> targets = EvidenceReader.targets(definition, evidence);
        windows.follow(checkpoint, definition, evidence, targets);
        if (checkpoint.status == CheckpointRecord.Status.WAITING) {
            if (targets.isEmpty() || !targets.stream().allMatch(t -> evidence.completed(definition.after(), t))) {
                return;
            }
            checkpoint.status = CheckpointRecord.Status.OPEN;
            checkpoint.openedAt = Instant.now();
        }
        CheckpointEvaluator.Evaluation evaluation = CheckpointEvaluator.evaluate(definition, evidence, targets);
        boolean opening = checkpoint.evidenceDigest == null;
        checkpoint.criteria = write(evaluation.criteria());
        checkpoint.evidence = write(evidence.asMap());
        checkpoint.evidenceDigest = evaluation.digest();
        if (opening) {
            checkpoints.audit(checkpoint, AuditEntry.Action.OPENED, SERVICE, null, evaluation.digest(), checkpoint.criteria);
        }
        decide(checkpoint, definition, evaluation, evidence);
    }

    private void decide(CheckpointRecord checkpoint, CheckpointDefinition definition, CheckpointEvaluator.Evaluation evaluation,
                        Evidence evidence) {
        List<SignOffRecord> signOffs = checkpoints.signOffsOf(checkpoint.id);
        Set<String> approving = new LinkedHashSet<>();
        signOffs.stream().filter(s -> s.approved).forEach(s -> approving.add(s.role));
        boolean rejected = signOffs.stream().anyMatch(s -> !s.approved);
        CheckpointDecided.Decision decision = CheckpointEvaluator.decide(definition, evaluation, approving, rejected,
                checkpoint.acceptedBy != null);
        if (decision == null || (decision == CheckpointDecided.Decision.CONDITIONAL && checkpoint.status == CheckpointRecord.Status.CONDITIONAL)) {
            return;
        }
        List<CheckpointDecided.Criterion> criteria = new java.util.ArrayList<>(evaluation.criteria());
        if (!definition.signOffPolicy().isEmpty()) {
            criteria.add(CheckpointEvaluator.signOffs(definition, approving));
        }
        CheckpointDecided decided = new CheckpointDecided(UUID.randomUUID(), checkpoint.rolloutId, Instant.now(),
                CheckpointDecided.SCHEMA_VERSION, checkpoint.name, checkpoint.environment, decision, List.copyOf(criteria),
                evaluation.digest());
        outbox.publish(decided);
        checkpoint.decision = decision.name();
        checkpoint.criteria = write(criteria);
        checkpoint.status = decision == CheckpointDecided.Decision.CONDITIONAL ? CheckpointRecord.Status.CONDITIONAL
                : CheckpointRecord.Status.DECIDED;
        checkpoint.decidedAt = decided.occurredAt();
        checkpoints.audit(checkpoint, AuditEntry.Action.DECIDED, SERVICE, null, evaluation.digest(), decided.summary());
        LOG.infof("rollout %s: %s", checkpoint.rolloutId, decided.summary());
        if (CheckpointEvaluator.stopsTheRollout(decision) && evidence.anyCompleted(Phase.APPLY)) {
            String reason = checkpoint.name + " on " + checkpoint.environment + " decided " + decision + ": " + criteria.stream()
                    .filter(c -> !c.passed()).map(c -> c.name() + " " + (c.measured() == null ? "missing" : c.measured()) + " (needs "
                            + c.threshold() + ")").collect(java.util.stream.Collectors.joining("; "));
            outbox.publish(new RollbackRequested(UUID.randomUUID(), checkpoint.rolloutId, Instant.now(), RollbackRequested.SCHEMA_VERSION,
                    checkpoint.environment, SERVICE, reason, decided.eventId()));
        }
    }

    /** Decides again after a sign-off or an acceptance changed what the decision rests on. Call in a transaction. */
    void redecide(CheckpointRecord checkpoint) {
        CheckpointDefinition definition = definition(checkpoint);
        Evidence evidence = this.evidence.of(checkpoint);
        decide(checkpoint, definition, CheckpointEvaluator.evaluate(definition, evidence, EvidenceReader.targets(definition, evidence)),
                evidence);
    }

    static CheckpointDefinition definition(CheckpointRecord checkpoint) {
        try {
            return JSON.readValue(checkpoint.definition, CheckpointDefinition.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("checkpoint " + checkpoint.id + " holds an unreadable definition", e);
        }
    }

    static List<CheckpointDecided.Criterion> criteria(CheckpointRecord checkpoint) {
        return read(checkpoint.criteria, new TypeReference<>() { }, List.of());
    }

    static java.util.Map<String, java.util.Map<String, Double>> evidenceMap(CheckpointRecord checkpoint) {
        return read(checkpoint.evidence, new TypeReference<>() { }, java.util.Map.of());
    }

    private static <T> T read(String json, TypeReference<T> type, T absent) {
        if (json == null) {
            return absent;
        }
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Evidence comes from phases, benchmarks and breaches; decisions and rollback requests are not evidence. */
    private static String environmentOf(CutoverEvent event) {
        if (event instanceof PhaseCompleted phase) {
            return phase.environment();
        }
        if (event instanceof BenchmarkCompleted benchmark) {
            return benchmark.environment();
        }
        if (event instanceof MetricBreach breach) {
            return breach.environment();
        }
        return null;
    }
}
