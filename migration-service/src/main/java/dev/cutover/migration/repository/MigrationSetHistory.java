package dev.cutover.migration.repository;

import java.util.Optional;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class MigrationSetHistory implements PanacheRepository<MigrationSetRecord> {

    /** The latest recorded run of a set whose checksum differs from {@code checksum}, if any. */
    public Optional<MigrationSetRecord> lastWithOtherChecksum(String setId, String checksum) {
        return find("setId = ?1 and checksum <> ?2 order by id desc", setId, checksum).firstResultOptional();
    }
}
