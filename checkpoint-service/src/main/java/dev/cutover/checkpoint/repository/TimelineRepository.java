package dev.cutover.checkpoint.repository;

import java.util.List;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class TimelineRepository implements PanacheRepository<TimelineEntry> {

    public List<TimelineEntry> ofRollout(UUID rolloutId) {
        return list("rolloutId = ?1 order by occurredAt, id", rolloutId);
    }
}
