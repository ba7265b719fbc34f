package dev.cutover.monitoring.repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** Samples of watched targets, kept for the retention period. */
@ApplicationScoped
public class SampleStore {

    /** One stored sample: its metrics by rule name, or the error that kept it from measuring. */
    public record StoredSample(Instant takenAt, Map<String, Double> metrics, String error) {
    }

    private static final TypeReference<Map<String, Double>> METRICS = new TypeReference<>() {
    };

    private final EntityManager entityManager;
    private final ObjectMapper json;

    public SampleStore(EntityManager entityManager, ObjectMapper json) {
        this.entityManager = entityManager;
        this.json = json;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void add(UUID watchId, Instant takenAt, Map<String, Double> metrics, String error) {
        entityManager.createNativeQuery("INSERT INTO sample (watch_id, taken_at, metrics, error) VALUES (?1, ?2, CAST(?3 AS jsonb), ?4)")
                .setParameter(1, watchId)
                .setParameter(2, Timestamp.from(takenAt))
                .setParameter(3, write(metrics))
                .setParameter(4, error)
                .executeUpdate();
    }

    @Transactional
    @SuppressWarnings("unchecked")
    public List<StoredSample> between(UUID watchId, Instant from, Instant to, int limit) {
        List<Object[]> rows = entityManager.createNativeQuery(
                        "SELECT taken_at, CAST(metrics AS text), error FROM sample WHERE watch_id = ?1 AND taken_at >= ?2 AND taken_at <= ?3"
                                + " ORDER BY taken_at LIMIT ?4")
                .setParameter(1, watchId)
                .setParameter(2, Timestamp.from(from))
                .setParameter(3, Timestamp.from(to))
                .setParameter(4, limit)
                .getResultList();
        return rows.stream().map(r -> new StoredSample(instant(r[0]), read((String) r[1]), (String) r[2])).toList();
    }

    /** Deletes samples and breach history older than the cutoff; returns the samples deleted. */
    @Transactional
    public int purgeBefore(Instant cutoff) {
        entityManager.createNativeQuery("DELETE FROM breach WHERE occurred_at < ?1").setParameter(1, Timestamp.from(cutoff)).executeUpdate();
        return entityManager.createNativeQuery("DELETE FROM sample WHERE taken_at < ?1").setParameter(1, Timestamp.from(cutoff)).executeUpdate();
    }

    private static Instant instant(Object value) {
        return value instanceof Timestamp t ? t.toInstant() : value instanceof Instant i ? i
                : ((java.time.OffsetDateTime) value).toInstant();
    }

    private String write(Map<String, Double> metrics) {
        try {
            return json.writeValueAsString(metrics);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Double> read(String text) {
        try {
            return json.readValue(text, METRICS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
