package dev.cutover.notification.repository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.cutover.events.Severity;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class NotificationRepository implements PanacheRepositoryBase<NotificationRecord, UUID> {

    /** Everything created in [from, until), oldest first; rollout and severity filters optional. */
    public List<NotificationRecord> period(UUID rolloutId, Severity severity, Instant from, Instant until) {
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

    /** Newest first; every filter is optional. */
    public List<NotificationRecord> search(UUID rolloutId, Severity severity, Instant since, int limit) {
        List<String> conditions = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        if (rolloutId != null) {
            conditions.add("rolloutId = :rolloutId");
            params.put("rolloutId", rolloutId);
        }
        if (severity != null) {
            conditions.add("severity = :severity");
            params.put("severity", severity);
        }
        if (since != null) {
            conditions.add("createdAt >= :since");
            params.put("since", since);
        }
        String where = conditions.isEmpty() ? "" : String.join(" and ", conditions) + " ";
        return find(where + "order by createdAt desc", params).page(0, limit).list();
    }
}
