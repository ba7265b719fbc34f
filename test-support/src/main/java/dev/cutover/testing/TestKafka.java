package dev.cutover.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Predicate;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.common.utils.Exit;

import dev.cutover.events.CutoverEvent;
import dev.cutover.events.EventJson;
import dev.cutover.events.Topics;

/**
 * A real Kafka broker for tests: the one named by {@code CUTOVER_TEST_KAFKA} (as
 * {@code bin/cutover test} provides), otherwise an in-process KRaft node. Cutover's topics are
 * created with their partition counts either way.
 */
public final class TestKafka {

    private static TestKafka instance;

    private final String bootstrapServers;

    private TestKafka(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        createTopics();
    }

    public static synchronized TestKafka get() {
        if (instance == null) {
            String given = System.getenv("CUTOVER_TEST_KAFKA");
            instance = new TestKafka(given != null && !given.isBlank() ? given.strip() : startInProcessBroker());
        }
        return instance;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Publishes an event the way services do: keyed by rollout id, JSON value. */
    public void send(CutoverEvent event) {
        sendAll(List.of(event));
    }

    /** Publishes the events in order through one producer, as fast as a service would: a real burst. */
    public void sendAll(List<? extends CutoverEvent> events) {
        publish(events.stream()
                .map(e -> new ProducerRecord<>(e.topic(), e.rolloutId().toString(), EventJson.write(e)))
                .toList());
    }

    public void sendRaw(String topic, String key, String value) {
        publish(List.of(new ProducerRecord<>(topic, key, value)));
    }

    private void publish(List<ProducerRecord<String, String>> records) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            List<Future<RecordMetadata>> sent = records.stream().map(producer::send).toList();
            for (Future<RecordMetadata> each : sent) {
                each.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A consumer reading {@code topic} from the beginning in a group of its own. */
    public TopicReader reader(String topic) {
        return new TopicReader(topic);
    }

    /** Reads a topic from its start and collects its records, so tests can wait for the one they expect. */
    public final class TopicReader implements AutoCloseable {
        private final KafkaConsumer<String, String> consumer;
        private final List<ConsumerRecord<String, String>> seen = new ArrayList<>();

        private TopicReader(String topic) {
            Properties props = new Properties();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID());
            props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
            consumer.subscribe(List.of(topic));
        }

        /** Polls until {@code count} records match, or fails after {@code timeout}; returns the matching ones. */
        public List<ConsumerRecord<String, String>> await(Predicate<ConsumerRecord<String, String>> matching, int count,
                Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                List<ConsumerRecord<String, String>> matches = seen.stream().filter(matching).toList();
                if (matches.size() >= count) {
                    return matches;
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("expected " + count + " matching records within " + timeout + ", saw "
                            + matches.size() + " (of " + seen.size() + " read)");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
            }
        }

        /** Everything read so far plus what arrives within {@code quiet}. */
        public List<ConsumerRecord<String, String>> drain(Duration quiet) {
            long deadline = System.nanoTime() + quiet.toNanos();
            while (System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
            }
            return List.copyOf(seen);
        }

        @Override
        public void close() {
            consumer.close();
        }
    }

    private void createTopics() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            for (Map.Entry<String, Integer> topic : Topics.partitions().entrySet()) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic.getKey(), topic.getValue(), (short) 1))).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + topic.getKey(), e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String startInProcessBroker() {
        // Kafka's temp-directory hooks delete the log dirs while the broker's own hook is still
        // closing it; the broker then sees its log dirs fail and halts the JVM with status 1,
        // which surefire reports as a failed fork although every test passed. A test JVM is never
        // the broker's to halt.
        Exit.setHaltProcedure((status, message) -> System.err.println("in-process broker asked to halt ("
                + status + "): " + message + "; ignored in a test JVM"));
        try {
            KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .build())
                    .setConfigProp("auto.create.topics.enable", "false")
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    cluster.close();
                } catch (Exception e) {
                    System.err.println("could not stop the in-process broker: " + e.getMessage());
                }
            }));
            return cluster.bootstrapServers();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start an in-process Kafka broker: " + e.getMessage(), e);
        }
    }
}
