package dev.cutover.benchmark.report;

import dev.cutover.benchmark.runner.BenchmarkRun;
import dev.cutover.benchmark.service.BenchmarkView;
import dev.cutover.benchmark.stats.ComparisonReport;

/** What a comparison's report shows: both runs (their distributions and plans) and the verdicts. */
public record ComparisonPage(BenchmarkView baseline, BenchmarkView candidate, ComparisonReport comparison,
                             BenchmarkRun baselineRun, BenchmarkRun candidateRun) {
}
