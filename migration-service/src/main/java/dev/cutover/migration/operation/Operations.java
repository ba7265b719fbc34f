package dev.cutover.migration.operation;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

/** Every operation kind the service knows, by the name manifests use. */
@ApplicationScoped
public class Operations {

    private final Map<String, MigrationOperation> byKind;

    @Inject
    public Operations(Instance<MigrationOperation> operations) {
        this(operations.stream().toList());
    }

    public Operations(List<MigrationOperation> operations) {
        this.byKind = operations.stream().collect(Collectors.toMap(MigrationOperation::kind, Function.identity()));
    }

    public Optional<MigrationOperation> find(String kind) {
        return Optional.ofNullable(byKind.get(kind));
    }

    public MigrationOperation get(String kind) {
        return find(kind).orElseThrow(() -> new IllegalArgumentException("unknown operation " + kind));
    }
}
