package dev.cutover.testing;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import dev.cutover.events.Topics;

/**
 * The test broker enforces stack/kafka/access.properties as the local stack's does: nobody writes
 * rollback-requested without signing in as a service that owns it, and ops only reads notifications.
 */
class BrokerAccessTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final TestKafka kafka = TestKafka.get();

    @Test
    void anUnauthenticatedClientCannotProduce() {
        Properties anonymous = new Properties();
        anonymous.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        assertThrows(TimeoutException.class, () -> produce(anonymous, Topics.ROLLBACK_REQUESTED));
    }

    @Test
    void aWrongPasswordIsRefused() {
        assertThrows(SaslAuthenticationException.class,
                () -> produce(kafka.clientProperties("monitoring-service", "not-the-password"), Topics.ROLLBACK_REQUESTED));
    }

    @Test
    void onlyTheServicesThatOwnRollbackRequestsMayWriteThem() throws Exception {
        for (String notOwner : List.of("benchmark-service", "notification-service", "migration-service")) {
            assertThrows(TopicAuthorizationException.class, () -> produce(kafka.clientProperties(notOwner), Topics.ROLLBACK_REQUESTED), notOwner);
        }
        produce(kafka.clientProperties("monitoring-service"), Topics.ROLLBACK_REQUESTED);
        produce(kafka.clientProperties("checkpoint-service"), Topics.ROLLBACK_REQUESTED);
    }

    @Test
    void opsReadsNotificationsAndNothingElse() throws Exception {
        String marker = "broker-access-" + UUID.randomUUID();
        produce(kafka.clientProperties("notification-service"), Topics.NOTIFICATIONS, marker);
        try (KafkaConsumer<String, String> ops = consumer("ops", "ops-" + UUID.randomUUID(), Topics.NOTIFICATIONS)) {
            assertTrue(pollUntil(ops, marker), "ops did not read the notification");
        }
        assertThrows(TopicAuthorizationException.class, () -> produce(kafka.clientProperties("ops"), Topics.NOTIFICATIONS));
        try (KafkaConsumer<String, String> ops = consumer("ops", "ops-" + UUID.randomUUID(), Topics.ROLLBACK_REQUESTED)) {
            assertThrows(TopicAuthorizationException.class, () -> ops.poll(WAIT));
        }
        try (KafkaConsumer<String, String> ops = consumer("ops", "migration-service", Topics.NOTIFICATIONS)) {
            assertThrows(GroupAuthorizationException.class, () -> ops.poll(WAIT));
        }
    }

    private void produce(Properties client, String topic) throws Exception {
        produce(client, topic, "{}");
    }

    private void produce(Properties client, String topic, String value) throws Exception {
        Properties props = new Properties();
        props.putAll(client);
        // not idempotent: an idempotent producer of a user who may write no topic at all is refused at
        // the cluster first, and then, depending on timing, fails with a generic error state
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "5000");
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "4000");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, UUID.randomUUID().toString(), value)).get();
        } catch (ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }

    private KafkaConsumer<String, String> consumer(String user, String group, String topic) {
        Properties props = kafka.clientProperties(user);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    private static boolean pollUntil(KafkaConsumer<String, String> consumer, String value) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                if (value.equals(record.value())) {
                    return true;
                }
            }
        }
        return false;
    }
}
