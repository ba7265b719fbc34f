package dev.cutover.notification.service;

import java.time.Instant;

import org.jboss.logging.Logger;

import dev.cutover.notification.repository.AlertGroup;
import dev.cutover.notification.repository.AlertGroupRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/** Sends what time made due: group messages after their wait or interval, repeats, escalations. */
@ApplicationScoped
public class DueGroups {

    private static final Logger LOG = Logger.getLogger(DueGroups.class);

    private final AlertGroupRepository groups;
    private final AlertGrouper grouper;
    private final Escalations escalations;

    public DueGroups(AlertGroupRepository groups, AlertGrouper grouper, Escalations escalations) {
        this.groups = groups;
        this.grouper = grouper;
        this.escalations = escalations;
    }

    @Scheduled(every = "${cutover.notifications.grouping-tick:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void tick() {
        Instant now = Instant.now();
        for (long id : QuarkusTransaction.requiringNew().call(() -> groups.due(now))) {
            try {
                // one transaction per group: a group that fails to send does not hold back the others
                QuarkusTransaction.requiringNew().run(() -> groups.forUpdate(id).ifPresent(group -> send(group, now)));
            } catch (RuntimeException e) {
                LOG.errorf(e, "alert group %d: its due message could not be sent; tried again at the next tick", id);
            }
        }
    }

    private void send(AlertGroup group, Instant now) {
        if (group.nextFlushAt != null && !group.nextFlushAt.isAfter(now)) {
            grouper.flush(group, now);
        }
        if (group.nextEscalationAt != null && !group.nextEscalationAt.isAfter(now) && group.acknowledgedAt == null) {
            escalations.escalate(group, now);
        }
    }
}
