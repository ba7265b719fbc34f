package dev.cutover.benchmark.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where suites live, how often a running benchmark records its progress, where its reports are served. */
@ConfigMapping(prefix = "cutover.benchmark")
public interface BenchmarkConfig {

    /** The directory of suite files ({@code <name>.yaml}; the project's are in sql/suites). */
    String suitesDirectory();

    /** How often a running benchmark stores and logs its progress, in milliseconds. */
    @WithDefault("1000")
    long progressIntervalMs();

    /** The service's address as its users reach it: benchmark-completed links the HTML report below it. */
    String publicUrl();
}
