package dev.cutover.benchmark.repository;

import java.time.Instant;
import java.util.UUID;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "benchmark")
public class Benchmark {

    public enum Status {
        RUNNING, SUCCEEDED, FAILED
    }

    @Id
    public UUID id;

    @Column(name = "rollout_id")
    public UUID rolloutId;

    public String environment;

    @Column(nullable = false)
    public String label;

    @Column(nullable = false)
    public String suite;

    /** The target's name as the request gave it; its URL is in the request, its credentials only a name. */
    @Column(nullable = false)
    public String target;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public String request;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(name = "current_query")
    public String currentQuery;

    @Column(name = "iterations_done", nullable = false)
    public int iterationsDone;

    @Column(name = "iterations_total", nullable = false)
    public int iterationsTotal;

    /** The run (BenchmarkRun as JSON), or the queries finished before a failure. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public String results;

    /** The load test's result (LoadTest.Result as JSON), when the request asked for one. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "load_test", columnDefinition = "jsonb")
    public String loadTest;

    public String error;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "finished_at")
    public Instant finishedAt;
}
