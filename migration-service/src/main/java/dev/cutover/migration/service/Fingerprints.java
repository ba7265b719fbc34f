package dev.cutover.migration.service;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.cutover.events.Phase;
import dev.cutover.migration.operation.MigrationOperation.Check;
import dev.cutover.migration.operation.TableFingerprint;
import dev.cutover.migration.repository.PhaseRunRepository;
import dev.cutover.migration.service.phase.PhaseRequest;
import dev.cutover.support.target.TargetConnections;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

/** Fingerprints of a set's tables: taken now, or as FINGERPRINT recorded them before APPLY. */
@ApplicationScoped
public class Fingerprints {

    private final TargetConnections connections;
    private final PhaseRunRepository phaseRuns;

    public Fingerprints(TargetConnections connections, PhaseRunRepository phaseRuns) {
        this.connections = connections;
        this.phaseRuns = phaseRuns;
    }

    public List<TableFingerprint> take(PhaseRequest request, List<String> tables) throws SQLException {
        try (Connection connection = connections.open(request.target())) {
            return TableFingerprint.inOneSnapshot(connection, tables);
        }
    }

    /** The pre-APPLY fingerprints this target's FINGERPRINT phase recorded. */
    @SuppressWarnings("unchecked")
    public Optional<List<TableFingerprint>> recorded(PhaseRequest request) {
        return QuarkusTransaction.requiringNew().call(() -> phaseRuns
                .lastSucceeded(request.rolloutId(), request.environmentName(), request.target().name(), Phase.FINGERPRINT)
                .map(run -> ((List<Map<String, Object>>) run.evidence.get("tables")).stream()
                        .map(t -> new TableFingerprint((String) t.get("table"), ((Number) t.get("rows")).longValue(),
                                (String) t.get("hash")))
                        .toList()));
    }

    /** One check per table: does its content now equal what FINGERPRINT recorded? */
    public List<Check> compareWithRecorded(PhaseRequest request, List<TableFingerprint> now) {
        Optional<List<TableFingerprint>> before = recorded(request);
        List<Check> checks = new ArrayList<>();
        for (TableFingerprint current : now) {
            Optional<TableFingerprint> recorded = before.flatMap(list -> list.stream()
                    .filter(f -> f.table().equals(current.table())).findFirst());
            if (recorded.isEmpty()) {
                checks.add(new Check("fingerprint " + current.table(), "no FINGERPRINT recorded before APPLY", false));
                continue;
            }
            boolean equal = recorded.get().sameContentAs(current);
            checks.add(new Check("fingerprint " + current.table(), String.format("%s: before %d rows/%s, now %d rows/%s",
                    equal ? "equal" : "different", recorded.get().rows(), recorded.get().hash(), current.rows(),
                    current.hash()), equal || request.environment().takesWrites()));
        }
        return checks;
    }

    public static List<Map<String, Object>> asEvidence(List<TableFingerprint> fingerprints) {
        return fingerprints.stream().map(f -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("table", f.table());
            entry.put("rows", f.rows());
            entry.put("hash", f.hash());
            return entry;
        }).toList();
    }
}
