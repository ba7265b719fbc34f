package dev.cutover.notification.repository;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.cutover.events.Severity;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class AlertRepository implements PanacheRepositoryBase<AlertRecord, UUID> {

    /** Everything received in [from, until), oldest first; rollout and severity filters optional. */
    public List<AlertRecord> period(UUID rolloutId, Severity severity, Instant from, Instant until) {
        Map<String, Object> params = new HashMap<>(Map.of("from", from, "until", until));
        StringBuilder where = new StringBuilder("createdAt >= :from and createdAt < :until");
        if (rolloutId != null) {
            where.append(" and rolloutId = :rolloutId");
            params.put("rolloutId", rolloutId);
        }
        if (severity != null) {
            where.append(" and severity = :severity");
            params.put("severity", severity);
        }
        return list(where + " order by createdAt", params);
    }
}
