package dev.cutover.benchmark.repository;

import java.util.List;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class BenchmarkRepository implements PanacheRepositoryBase<Benchmark, UUID> {

    public List<Benchmark> recent(int limit) {
        return find("order by createdAt desc").page(0, limit).list();
    }

    public List<Benchmark> running() {
        return list("status", Benchmark.Status.RUNNING);
    }
}
