package dev.cutover.migration.service.phase;

import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.cutover.events.Phase;
import dev.cutover.migration.operation.TableFingerprint;
import dev.cutover.migration.service.Fingerprints;
import dev.cutover.migration.service.MigrationSetCatalogue;
import jakarta.enterprise.context.ApplicationScoped;

/** FINGERPRINT: row count and content hash of every table the set affects, in one snapshot, before APPLY. */
@ApplicationScoped
public class FingerprintPhase implements RolloutPhase {

    private final MigrationSetCatalogue catalogue;
    private final Fingerprints fingerprints;

    public FingerprintPhase(MigrationSetCatalogue catalogue, Fingerprints fingerprints) {
        this.catalogue = catalogue;
        this.fingerprints = fingerprints;
    }

    @Override
    public Phase phase() {
        return Phase.FINGERPRINT;
    }

    @Override
    public PhaseOutcome run(PhaseRequest request) {
        Instant started = Instant.now();
        Map<String, Object> evidence = new LinkedHashMap<>();
        try {
            List<TableFingerprint> taken = fingerprints.take(request,
                    catalogue.read(request.plan().migrationSet()).manifest().tables());
            evidence.put("tables", Fingerprints.asEvidence(taken));
            evidence.put("rows", taken.stream().mapToLong(TableFingerprint::rows).sum());
            return PhaseOutcome.succeeded(started, evidence);
        } catch (SQLException e) {
            return PhaseOutcome.failed(started, evidence, "cannot fingerprint: " + e.getMessage());
        }
    }
}
