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
