package dev.cutover.checkpoint.service;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.jboss.logging.Logger;

import dev.cutover.checkpoint.evidence.Evidence;
import dev.cutover.checkpoint.repository.AuditEntry;
import dev.cutover.checkpoint.repository.CheckpointRecord;
import dev.cutover.checkpoint.repository.CheckpointRepository;
import dev.cutover.events.CutoverWindow;
import dev.cutover.events.MigrationProgress;
import dev.cutover.events.RollbackRequested;
import dev.cutover.support.checkpoint.CheckpointDefinition;
import dev.cutover.support.checkpoint.WindowPlan;
import dev.cutover.support.outbox.Outbox;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Cutover windows: opened and closed by the phase events they watch ({@link #follow}), assessed and
 * hard-stopped by the clock ({@link #tick}). Their state is in the checkpoint's row, so a restarted
 * service carries on with the same deadlines.
 */
@ApplicationScoped
public class CutoverWindows {

    private static final Logger LOG = Logger.getLogger(CutoverWindows.class);

    private final CheckpointRepository checkpoints;
    private final EvidenceReader evidence;
    private final Outbox outbox;
    private final RolloutUpdates updates;

    public CutoverWindows(CheckpointRepository checkpoints, EvidenceReader evidence, Outbox outbox, RolloutUpdates updates) {
        this.checkpoints = checkpoints;
        this.evidence = evidence;
        this.outbox = outbox;
        this.updates = updates;
    }

    /** After new evidence, in its transaction: opens the window, or closes it once the guarded work finished everywhere. */
    void follow(CheckpointRecord checkpoint, CheckpointDefinition definition, Evidence evidence, Collection<String> targets) {
        WindowPlan window = definition.window();
        if (window == null || checkpoint.windowEndedAt != null) {
            return;
        }
        if (checkpoint.windowOpenedAt == null) {
            var opened = evidence.firstCompletion(window.opensAfter());
            if (opened.isEmpty()) {
                return;
            }
            // milliseconds: the database would round nanoseconds, and a window must never look shorter than it was
            checkpoint.windowOpenedAt = opened.get().truncatedTo(ChronoUnit.MILLIS);
            announce(checkpoint, window, evidence, targets, CutoverWindow.State.OPENED, checkpoint.windowOpenedAt);
        }
        var finished = evidence.completionOnAll(window.closesAfter(), targets);
        if (finished.isPresent() && !finished.get().isAfter(checkpoint.windowOpenedAt.plus(window.hardStop()))) {
            checkpoint.windowEndedAt = finished.get().truncatedTo(ChronoUnit.MILLIS);
            checkpoint.windowOutcome = CutoverWindow.State.CLOSED.name();
            announce(checkpoint, window, evidence, targets, CutoverWindow.State.CLOSED, checkpoint.windowEndedAt);
        }
    }

    @Scheduled(every = "${cutover.checkpoint.window-tick:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void tick() {
        List<UUID> changed = QuarkusTransaction.requiringNew().call(() -> checkpoints.runningWindowsForUpdate().stream()
                .filter(this::check).map(c -> c.rolloutId).toList());
        changed.forEach(updates::changed);
    }

    /** True when the window announced something. */
    private boolean check(CheckpointRecord checkpoint) {
        CheckpointDefinition definition = CheckpointService.definition(checkpoint);
        WindowPlan window = definition.window();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Duration elapsed = Duration.between(checkpoint.windowOpenedAt, now);
        if (elapsed.compareTo(window.assessment()) < 0) {
            return false;
        }
        Evidence seen = evidence.of(checkpoint);
        Collection<String> targets = EvidenceReader.targets(definition, seen);
        if (elapsed.compareTo(window.hardStop()) >= 0) {
            checkpoint.windowEndedAt = now;
            checkpoint.windowOutcome = CutoverWindow.State.HARD_STOP.name();
            CutoverWindow stop = announce(checkpoint, window, seen, targets, CutoverWindow.State.HARD_STOP, now);
            outbox.publish(new RollbackRequested(UUID.randomUUID(), checkpoint.rolloutId, now, RollbackRequested.SCHEMA_VERSION,
                    checkpoint.environment, CheckpointService.SERVICE, checkpoint.name + " window: " + window.closesAfter()
                    + " had finished on " + stop.targetsDone() + " of " + stop.targetsTotal() + " targets at the hard stop ("
                    + window.hardStopAfter() + ")", stop.eventId()));
        } else if (checkpoint.windowAssessedAt == null) {
            checkpoint.windowAssessedAt = now;
            announce(checkpoint, window, seen, targets, CutoverWindow.State.ASSESSED, now);
        } else {
            return false;
        }
        return true;
    }

    private CutoverWindow announce(CheckpointRecord checkpoint, WindowPlan window, Evidence evidence, Collection<String> targets,
                                   CutoverWindow.State state, Instant at) {
        int done = (int) targets.stream().filter(t -> evidence.completed(window.closesAfter(), t)).count();
        Collection<MigrationProgress> progress = evidence.latestProgress();
        Long rowsDone = progress.isEmpty() ? null : progress.stream().mapToLong(MigrationProgress::rowsDone).sum();
        Long rowsTotal = progress.isEmpty() ? null : progress.stream().mapToLong(MigrationProgress::rowsTotal).sum();
        Long eta = progress.stream().map(MigrationProgress::etaSeconds).filter(java.util.Objects::nonNull).max(Long::compare).orElse(null);
        CutoverWindow event = new CutoverWindow(UUID.randomUUID(), checkpoint.rolloutId, at, CutoverWindow.SCHEMA_VERSION,
                checkpoint.name, checkpoint.environment, state, checkpoint.windowOpenedAt,
                Duration.between(checkpoint.windowOpenedAt, at).toSeconds(), window.assessment().toSeconds(),
                window.hardStop().toSeconds(), done, targets.size(), rowsDone, rowsTotal, eta);
        outbox.publish(event);
        checkpoints.audit(checkpoint, AuditEntry.Action.WINDOW, CheckpointService.SERVICE, null, null, event.summary());
        LOG.infof("rollout %s: %s", checkpoint.rolloutId, event.summary());
        return event;
    }
}
