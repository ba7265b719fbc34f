package dev.cutover.support.outbox;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;

/**
 * Sends unsent outbox rows to Kafka in id order and marks them sent once the broker acknowledged
 * them. Woken after every commit that wrote to the outbox, and swept periodically so rows left by
 * a crash or a broker outage go out as soon as they can. Rows are locked with SKIP LOCKED, so two
 * instances of a service never send the same row at the same time.
 *
 * <p>The sweep starts from a StartupEvent observer rather than {@code @Scheduled}: messaging wires
 * its channels in an earlier StartupEvent observer, and the scheduler may fire before that.
 */
@ApplicationScoped
public class OutboxRelay {

    static final String CHANNEL = "outbox";
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final int BATCH_SIZE = 200;
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(20);

    private final MutinyEmitter<String> emitter;
    private final EntityManager entityManager;
    private final URI source;
    private final Duration retention;
    private final Duration sweepInterval;
    private volatile boolean running;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "outbox-relay");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean drainQueued = new AtomicBoolean();
    private final AtomicLong pending = new AtomicLong();
    private final Counter relayed;
    private final Counter failures;

    public OutboxRelay(@Channel(CHANNEL) MutinyEmitter<String> emitter, EntityManager entityManager,
            MeterRegistry registry,
            @ConfigProperty(name = "quarkus.application.name") String serviceName,
            @ConfigProperty(name = "cutover.outbox.retention", defaultValue = "P7D") Duration retention,
            @ConfigProperty(name = "cutover.outbox.sweep-interval", defaultValue = "1s") Duration sweepInterval) {
        this.emitter = emitter;
        this.entityManager = entityManager;
        this.source = URI.create("cutover/" + serviceName);
        this.retention = retention;
        this.sweepInterval = sweepInterval;
        this.relayed = registry.counter("cutover.outbox.relayed");
        this.failures = registry.counter("cutover.outbox.failures");
        registry.gauge("cutover.outbox.pending", pending);
    }

    void start(@Observes StartupEvent startup) {
        running = true;
        worker.scheduleWithFixedDelay(this::wake, 0, sweepInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        running = false;
        worker.shutdown();
        worker.awaitTermination(ACK_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Asks for a drain soon; calls while one is already queued are folded into it. */
    public void wake() {
        if (running && drainQueued.compareAndSet(false, true)) {
            worker.execute(this::drain);
        }
    }

    @Scheduled(every = "1h", delayed = "1m")
    void purgeSent() {
        Instant cutoff = Instant.now().minus(retention);
        int purged = QuarkusTransaction.requiringNew().call(() -> entityManager
                .createQuery("delete from OutboxMessage m where m.sentAt < :cutoff")
                .setParameter("cutoff", cutoff)
                .executeUpdate());
        if (purged > 0) {
            LOG.infof("purged %d relayed outbox rows older than %s", purged, retention);
        }
    }

    private void drain() {
        // Cleared before draining, so a wake that arrives meanwhile queues one more pass.
        drainQueued.set(false);
        try {
            while (relayBatch() == BATCH_SIZE) {
                // a full batch: there may be more
            }
            pending.set(QuarkusTransaction.requiringNew().call(() -> (Long) entityManager
                    .createQuery("select count(m) from OutboxMessage m where m.sentAt is null")
                    .getSingleResult()));
        } catch (RuntimeException e) {
            LOG.warnf("outbox relay pass failed, retrying on the next sweep: %s", e.toString());
        }
    }

    /** Relays one batch; returns how many rows were sent, or 0 when a send failed (the rest waits). */
    private int relayBatch() {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<OutboxMessage> batch = entityManager.createNativeQuery(
                    "SELECT * FROM outbox_message WHERE sent_at IS NULL ORDER BY id LIMIT :limit FOR UPDATE SKIP LOCKED",
                    OutboxMessage.class)
                    .setParameter("limit", BATCH_SIZE)
                    .getResultList();
            // Send the whole batch before waiting: the producer keeps per-partition order. The
            // sends run with the transaction suspended: context propagation would otherwise carry
            // it onto the producer's threads, and committing a transaction other threads are still
            // in rolls it back (the rows would stay unsent and go out twice).
            List<CompletableFuture<Void>> acks = QuarkusTransaction.suspendingExisting().call(() -> {
                List<CompletableFuture<Void>> sends = new ArrayList<>(batch.size());
                for (OutboxMessage message : batch) {
                    sends.add(emitter.sendMessage(toKafkaMessage(message)).subscribeAsCompletionStage());
                }
                return sends;
            });
            int sent = 0;
            for (int i = 0; i < batch.size(); i++) {
                OutboxMessage message = batch.get(i);
                message.attempts++;
                try {
                    acks.get(i).get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                    message.sentAt = Instant.now();
                    message.lastError = null;
                    sent++;
                } catch (Exception e) {
                    message.lastError = e.toString();
                    failures.increment();
                    LOG.warnf("outbox event %s to %s not acknowledged (attempt %d): %s",
                            message.eventId, message.topic, message.attempts, e.toString());
                }
            }
            relayed.increment(sent);
            return sent == batch.size() ? sent : 0;
        });
    }

    private Message<String> toKafkaMessage(OutboxMessage message) {
        OutgoingKafkaRecordMetadata<String> kafka = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(message.topic)
                .withKey(message.messageKey)
                .build();
        OutgoingCloudEventMetadata<Object> cloudEvent = OutgoingCloudEventMetadata.builder()
                .withId(message.eventId.toString())
                .withSource(source)
                .withType("dev.cutover." + message.topic)
                .withSubject(message.messageKey)
                .withTimestamp(message.createdAt.atZone(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .build();
        return Message.of(message.payload, Metadata.of(kafka, cloudEvent));
    }
}
