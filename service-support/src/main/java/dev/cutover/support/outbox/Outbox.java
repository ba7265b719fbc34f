package dev.cutover.support.outbox;

import java.time.Instant;

import dev.cutover.events.CutoverEvent;
import dev.cutover.events.EventJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

/**
 * Publishes an event as part of the caller's transaction: the event is stored next to the state
 * change it describes and only relayed to Kafka once that transaction has committed. A crash
 * between commit and send loses nothing, because the relay picks unsent rows up again.
 */
@ApplicationScoped
public class Outbox {

    private final EntityManager entityManager;
    private final TransactionSynchronizationRegistry transactions;
    private final OutboxRelay relay;

    public Outbox(EntityManager entityManager, TransactionSynchronizationRegistry transactions, OutboxRelay relay) {
        this.entityManager = entityManager;
        this.transactions = transactions;
        this.relay = relay;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void publish(CutoverEvent event) {
        OutboxMessage message = new OutboxMessage();
        message.eventId = event.eventId();
        message.topic = event.topic();
        message.messageKey = event.rolloutId().toString();
        message.eventType = event.getClass().getSimpleName();
        message.payload = EventJson.write(event);
        message.createdAt = Instant.now();
        entityManager.persist(message);
        // Relay right after commit instead of waiting for the next sweep.
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    relay.wake();
                }
            }
        });
    }
}
