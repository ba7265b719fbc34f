package dev.cutover.notification.service;

import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.cutover.events.Severity;
import dev.cutover.notification.repository.AlertRecord;

/**
 * The events of a period summed up (the seeds' weekly INFO digest, or any period on demand): how
 * many of each severity, and per rollout its loudest severity and each distinct title with how
 * often it happened — every event counts, also those grouping folded into another message.
 */
public record Digest(Instant from, Instant until, int total, Map<Severity, Long> bySeverity, List<RolloutDigest> rollouts) {

    public record RolloutDigest(UUID rolloutId, long events, Severity loudest, Instant first, Instant last,
                                Map<String, Long> titles) {
    }

    static Digest of(Instant from, Instant until, List<AlertRecord> records) {
        Map<Severity, Long> bySeverity = new EnumMap<>(Severity.class);
        records.forEach(r -> bySeverity.merge(r.severity, 1L, Long::sum));
        Map<UUID, List<AlertRecord>> byRollout = records.stream()
                .collect(Collectors.groupingBy(r -> r.rolloutId, LinkedHashMap::new, Collectors.toList()));
        List<RolloutDigest> rollouts = byRollout.entrySet().stream().map(e -> {
            List<AlertRecord> of = e.getValue();
            Map<String, Long> titles = of.stream().sorted(Comparator.comparing(r -> r.createdAt))
                    .collect(Collectors.groupingBy(r -> r.title, LinkedHashMap::new, Collectors.counting()));
            return new RolloutDigest(e.getKey(), of.size(),
                    of.stream().map(r -> r.severity).min(Comparator.naturalOrder()).orElseThrow(),
                    of.stream().map(r -> r.createdAt).min(Comparator.naturalOrder()).orElseThrow(),
                    of.stream().map(r -> r.createdAt).max(Comparator.naturalOrder()).orElseThrow(), titles);
        }).sorted(Comparator.comparing(RolloutDigest::last).reversed()).toList();
        return new Digest(from, until, records.size(), bySeverity, rollouts);
    }
}
