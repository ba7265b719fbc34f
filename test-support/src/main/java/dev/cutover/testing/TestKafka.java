package dev.cutover.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Predicate;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.cutover.events.CutoverEvent;
import dev.cutover.events.EventJson;
import dev.cutover.events.Topics;

/**
 * The real Kafka broker named by {@code CUTOVER_TEST_KAFKA}, as {@code bin/cutover test} starts it:
 * clients sign in with SCRAM-SHA-512, each user's password in a file of its name under
 * {@code CUTOVER_TEST_KAFKA_CREDENTIALS}, and the broker's ACLs are those of
 * stack/kafka/access.properties. Tests publish and read as the super user {@code admin} unless
 * they ask for a user. Cutover's topics are created with their partition counts.
 */
public final class TestKafka {

    /** The super user bin/cutover creates for setup and tests. */
    public static final String ADMIN = "admin";

    /** The services, each a broker user of its own name. */
    public static final List<String> SERVICES = List.of("migration-service", "benchmark-service", "monitoring-service",
            "checkpoint-service", "notification-service");

    private static TestKafka instance;

    private final String bootstrapServers;
    private final Path credentials;

    private TestKafka(String bootstrapServers, Path credentials) {
        this.bootstrapServers = bootstrapServers;
        this.credentials = credentials;
        createTopics();
    }

    public static synchronized TestKafka get() {
        if (instance == null) {
            String given = System.getenv("CUTOVER_TEST_KAFKA");
            String credentials = System.getenv("CUTOVER_TEST_KAFKA_CREDENTIALS");
            if (given == null || given.isBlank() || credentials == null || credentials.isBlank()) {
                throw new IllegalStateException("no test broker: run the tests through `bin/cutover test`, which starts one "
                        + "and sets CUTOVER_TEST_KAFKA and CUTOVER_TEST_KAFKA_CREDENTIALS");
            }
            instance = new TestKafka(given.strip(), Path.of(credentials.strip()));
        }
        return instance;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The broker password of {@code user} (a service's name, {@code ops} or {@link #ADMIN}). */
    public String password(String user) {
        try {
            return Files.readString(credentials.resolve(user), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("no broker credentials for " + user, e);
        }
    }

    /** The JAAS line a client signs in with as {@code user} with {@code password}. */
    public static String jaasConfig(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }

    /** Client properties to reach the broker as {@code user}. */
    public Properties clientProperties(String user) {
        return clientProperties(user, password(user));
    }

    /** Client properties to reach the broker as {@code user} with a given password (right or wrong). */
    public Properties clientProperties(String user, String password) {
        Properties props = new Properties();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
        props.put(SaslConfigs.SASL_MECHANISM, "SCRAM-SHA-512");
        props.put(SaslConfigs.SASL_JAAS_CONFIG, jaasConfig(user, password));
        return props;
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
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(clientProperties(ADMIN), new StringSerializer(),
                new StringSerializer())) {
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
            Properties props = clientProperties(ADMIN);
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
        try (Admin admin = Admin.create(clientProperties(ADMIN))) {
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
}
