package dev.cutover.benchmark.report;

import com.fasterxml.jackson.databind.JsonNode;

import dev.cutover.benchmark.service.BenchmarkView;

/**
 * What a run's report shows: its state and progress, its results as stored (the whole run, or the
 * queries finished so far with {@code "partial": true}; null before the first) and its load test (null
 * when none ran).
 */
public record RunReport(BenchmarkView benchmark, JsonNode results, JsonNode loadTest) {
}
