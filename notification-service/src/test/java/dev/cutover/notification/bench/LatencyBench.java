package dev.cutover.notification.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.cutover.events.EventJson;
import dev.cutover.events.Notification;
import dev.cutover.events.Phase;
import dev.cutover.events.PhaseCompleted;
import dev.cutover.events.PhaseStatus;
import dev.cutover.events.Topics;
import dev.cutover.testing.BenchSupport;

/**
 * What {@code bench/notification-latency} measures against a running notification-service: events
 * published on {@code phase-completed} at a steady rate, each one's notification on the
 * {@code notifications} topic; from the event's hand-over to the producer to the
 * notification's arrival at this consumer. Also counts the lost and the doubled.
 */
public final class LatencyBench {

    private static final String USAGE = "--kafka HOST:PORT --kafka-config FILE --events N --rate PER_SECOND --results DIR --file NAME";

    public static void main(String[] args) throws Exception {
        Map<String, String> options = BenchSupport.options(args, USAGE);
        int events = Integer.parseInt(options.getOrDefault("events", "3000"));
        int rate = Integer.parseInt(options.getOrDefault("rate", "100"));
        Properties kafka = BenchSupport.kafkaClient(options.get("kafka"), options.get("kafka-config"));
        double loadAtStart = BenchSupport.loadAverage();

        Map<UUID, Long> sentAt = new ConcurrentHashMap<>();
        Map<UUID, Long> receivedAt = new ConcurrentHashMap<>();
        Map<UUID, AtomicInteger> copies = new ConcurrentHashMap<>();
        AtomicInteger refused = new AtomicInteger();
        AtomicBoolean running = new AtomicBoolean(true);
        KafkaConsumer<String, String> consumer = consumer(kafka);
        Thread reader = new Thread(() -> {
            try (consumer) {
                while (running.get()) {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(20))) {
                        long now = System.nanoTime();
                        UUID source = EventJson.read(Notification.class, record.value()).sourceEventId();
                        receivedAt.putIfAbsent(source, now);
                        copies.computeIfAbsent(source, id -> new AtomicInteger()).incrementAndGet();
                    }
                }
            }
        }, "bench-notifications");
        reader.start();

        Properties props = new Properties();
        props.putAll(kafka);
        props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        long start = System.nanoTime();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < events; i++) {
                long due = start + (long) (i * 1e9 / rate);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                UUID rollout = UUID.randomUUID();
                Instant now = Instant.now();
                PhaseCompleted event = PhaseCompleted.of(rollout, "bench", "db" + (i % 10), Phase.PREFLIGHT, PhaseStatus.SUCCEEDED,
                        now, now, Map.of("serverVersion", "15"), null);
                // the clock starts as the event is handed to the producer (its acknowledgement may come after the notification)
                sentAt.put(event.eventId(), System.nanoTime());
                producer.send(new ProducerRecord<>(Topics.PHASE_COMPLETED, rollout.toString(), EventJson.write(event)), (meta, error) -> {
                    if (error != null) {
                        sentAt.remove(event.eventId());
                        refused.incrementAndGet();
                    }
                });
            }
        }
        double sendSeconds = (System.nanoTime() - start) / 1e9;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!receivedAt.keySet().containsAll(sentAt.keySet()) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        Thread.sleep(2000); // late doubles
        running.set(false);
        reader.join();

        List<Double> latencies = new ArrayList<>();
        sentAt.forEach((id, sent) -> {
            Long received = receivedAt.get(id);
            if (received != null) {
                latencies.add((received - sent) / 1e6);
            }
        });
        latencies.sort(Double::compare);
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("measuredAt", Instant.now().toString());
        results.put("events", events);
        results.put("targetRatePerSecond", rate);
        results.put("achievedRatePerSecond", BenchSupport.round(events / sendSeconds));
        long doubled = sentAt.keySet().stream().filter(id -> copies.containsKey(id) && copies.get(id).get() > 1).count();
        results.put("acknowledgedByBroker", sentAt.size());
        results.put("refusedByBroker", refused.get());
        results.put("notified", latencies.size());
        results.put("lost", sentAt.size() - latencies.size());
        results.put("doubled", doubled);
        if (!latencies.isEmpty()) {
            results.put("latencyMs", Map.of("p50", BenchSupport.round(percentile(latencies, 0.50)),
                    "p99", BenchSupport.round(percentile(latencies, 0.99)),
                    "max", BenchSupport.round(latencies.get(latencies.size() - 1)),
                    "min", BenchSupport.round(latencies.get(0))));
        }
        results.put("loadAverageAtStart", loadAtStart);
        results.put("loadAverageAtEnd", BenchSupport.loadAverage());
        String written = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(results);
        Path file = Path.of(options.get("results"), options.getOrDefault("file", "notification-latency.json"));
        Files.writeString(file, written + "\n");
        System.out.println(written);
        System.out.println("written to " + file);
        System.exit(sentAt.size() - latencies.size() == 0 && doubled == 0 && refused.get() == 0 ? 0 : 1);
    }

    /** Reads notifications from their current end, so only this run's count. */
    private static KafkaConsumer<String, String> consumer(Properties kafka) {
        Properties props = new Properties();
        props.putAll(kafka);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.NOTIFICATIONS).stream()
                .map(p -> new TopicPartition(Topics.NOTIFICATIONS, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }

    /** Nearest rank. */
    private static double percentile(List<Double> sorted, double p) {
        return sorted.get((int) Math.ceil(p * sorted.size()) - 1);
    }
}
