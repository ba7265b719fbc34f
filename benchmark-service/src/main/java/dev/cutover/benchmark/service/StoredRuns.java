package dev.cutover.benchmark.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.cutover.benchmark.repository.Benchmark;
import dev.cutover.benchmark.runner.BenchmarkRun;

/** A finished benchmark's stored results read back into the run they were written from. */
final class StoredRuns {

    private StoredRuns() {
    }

    static BenchmarkRun read(ObjectMapper json, Benchmark benchmark) {
        try {
            return json.readValue(benchmark.results, BenchmarkRun.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored results of benchmark " + benchmark.id + " are unreadable", e);
        }
    }
}
