package dev.cutover.migration.service;

import java.time.Instant;
import java.util.UUID;

import org.jboss.logging.Logger;

import dev.cutover.events.MigrationProgress;
import dev.cutover.events.Phase;
import dev.cutover.migration.config.MigrationConfig;
import dev.cutover.migration.operation.ProgressListener;
import dev.cutover.migration.service.phase.PhaseRequest;
import dev.cutover.support.outbox.Outbox;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

/** Turns an operation's row counts into migration-progress events and log lines, at most every interval. */
@ApplicationScoped
public class ProgressReporter {

    private static final Logger LOG = Logger.getLogger(ProgressReporter.class);

    private final Outbox outbox;
    private final long intervalNanos;

    public ProgressReporter(Outbox outbox, MigrationConfig config) {
        this.outbox = outbox;
        this.intervalNanos = config.progressInterval().toNanos();
    }

    public ProgressListener listener(PhaseRequest request, Phase phase) {
        return new Meter(request, phase);
    }

    /** Rate and ETA are measured from the first report of each step. */
    private final class Meter implements ProgressListener {
        private final PhaseRequest request;
        private final Phase phase;
        private String step;
        private long startedNanos;
        private long firstRows;
        private long lastReportNanos;

        Meter(PhaseRequest request, Phase phase) {
            this.request = request;
            this.phase = phase;
        }

        @Override
        public synchronized void progress(String stepName, long rowsDone, long rowsTotal) {
            long now = System.nanoTime();
            if (!stepName.equals(step)) {
                step = stepName;
                startedNanos = now;
                firstRows = rowsDone;
                lastReportNanos = now;
                return;
            }
            boolean finished = rowsTotal > 0 && rowsDone >= rowsTotal;
            if (!finished && now - lastReportNanos < intervalNanos) {
                return;
            }
            lastReportNanos = now;
            double seconds = (now - startedNanos) / 1e9;
            double rate = seconds > 0 ? (rowsDone - firstRows) / seconds : 0;
            Long eta = rate > 0 && rowsTotal >= rowsDone ? Math.round((rowsTotal - rowsDone) / rate) : null;
            MigrationProgress event = new MigrationProgress(UUID.randomUUID(), request.rolloutId(), Instant.now(),
                    MigrationProgress.SCHEMA_VERSION, request.environmentName(), request.target().name(), phase, step,
                    rowsDone, rowsTotal, rate, eta);
            LOG.info(event.summary());
            QuarkusTransaction.requiringNew().run(() -> outbox.publish(event));
        }
    }
}
