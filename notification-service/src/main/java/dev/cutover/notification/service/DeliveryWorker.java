package dev.cutover.notification.service;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.jboss.logging.Logger;

import dev.cutover.notification.config.NotificationConfig;
import dev.cutover.notification.receiver.Receivers;
import dev.cutover.notification.repository.Delivery;
import dev.cutover.notification.repository.DeliveryRepository;
import dev.cutover.notification.repository.NotificationRecord;
import dev.cutover.notification.repository.NotificationRepository;
import dev.cutover.notification.routing.RoutingTree;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Sends pending deliveries: per receiver the oldest first (so one receiver gets its notifications
 * in order), each receiver on its own thread (so a receiver that is down or slow holds up only
 * itself), retried with exponential backoff, a dead letter after the last attempt.
 */
@ApplicationScoped
public class DeliveryWorker {

    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);

    private final DeliveryRepository deliveries;
    private final NotificationRepository notifications;
    private final RoutingTree routing;
    private final Receivers receivers;
    private final NotificationConfig.Deliveries settings;
    private final MeterRegistry registry;
    private final ExecutorService senders = Executors.newFixedThreadPool(4, r -> {
        Thread thread = new Thread(r, "delivery-sender");
        thread.setDaemon(true);
        return thread;
    });
    private final Set<String> busy = ConcurrentHashMap.newKeySet();

    public DeliveryWorker(DeliveryRepository deliveries, NotificationRepository notifications, RoutingTree routing, Receivers receivers,
                          NotificationConfig config, MeterRegistry registry) {
        this.deliveries = deliveries;
        this.notifications = notifications;
        this.routing = routing;
        this.receivers = receivers;
        this.settings = config.delivery();
        this.registry = registry;
    }

    void stop(@Observes ShutdownEvent shutdown) {
        senders.shutdownNow();
    }

    @Scheduled(every = "${cutover.notifications.delivery.poll:500ms}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void poll() {
        Instant now = Instant.now();
        List<Delivery> heads = QuarkusTransaction.requiringNew().call(deliveries::headsOfQueues);
        for (Delivery head : heads) {
            if (!head.nextAttemptAt.isAfter(now) && busy.add(head.receiver)) {
                senders.execute(() -> {
                    try {
                        attempt(head.id);
                    } finally {
                        busy.remove(head.receiver);
                    }
                });
            }
        }
    }

    private void attempt(long id) {
        Delivery delivery = QuarkusTransaction.requiringNew().call(() -> deliveries.findById(id));
        NotificationRecord notification = QuarkusTransaction.requiringNew().call(() -> notifications.findById(delivery.notificationId));
        String error = null;
        try {
            var receiver = routing.receiver(delivery.receiver);
            if (receiver == null) {
                throw new IllegalStateException("receiver '" + delivery.receiver + "' is no longer in the routing");
            }
            receivers.deliver(receiver, notification);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            error = e.toString();
        }
        String failure = error;
        QuarkusTransaction.requiringNew().run(() -> record(deliveries.findById(id), failure));
    }

    private void record(Delivery delivery, String error) {
        delivery.attempts++;
        if (error == null) {
            delivery.status = Delivery.Status.DELIVERED;
            delivery.deliveredAt = Instant.now();
            registry.counter("cutover.notifications.delivered", "receiver", delivery.receiver).increment();
            return;
        }
        delivery.lastError = error.length() > 2000 ? error.substring(0, 2000) : error;
        if (delivery.attempts >= settings.maxAttempts()) {
            delivery.status = Delivery.Status.DEAD;
            registry.counter("cutover.notifications.dead_letters", "receiver", delivery.receiver).increment();
            LOG.errorf("delivery %d of notification %s to %s is a dead letter after %d attempts: %s", delivery.id,
                    delivery.notificationId, delivery.receiver, delivery.attempts, error);
            return;
        }
        delivery.nextAttemptAt = Instant.now().plus(backoff(delivery.attempts));
        LOG.warnf("delivery %d to %s failed (attempt %d of %d), again at %s: %s", delivery.id, delivery.receiver, delivery.attempts,
                settings.maxAttempts(), delivery.nextAttemptAt, error);
    }

    /** initial × 2^(attempts − 1), at most the maximum. */
    private Duration backoff(int attempts) {
        Duration wait = settings.initialBackoff().multipliedBy(1L << Math.min(attempts - 1, 20));
        return wait.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : wait;
    }
}
