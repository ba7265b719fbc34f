package dev.cutover.monitoring.service;

import java.time.Instant;

import org.jboss.logging.Logger;

import dev.cutover.monitoring.config.MonitoringConfig;
import dev.cutover.monitoring.repository.SampleStore;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/** Keeps samples and breach history bounded: what is older than the retention period goes. */
@ApplicationScoped
public class SampleRetention {

    private static final Logger LOG = Logger.getLogger(SampleRetention.class);

    private final SampleStore samples;
    private final MonitoringConfig config;

    public SampleRetention(SampleStore samples, MonitoringConfig config) {
        this.samples = samples;
        this.config = config;
    }

    @Scheduled(every = "1m", delay = 1, concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        int deleted = samples.purgeBefore(Instant.now().minus(config.retention()));
        if (deleted > 0) {
            LOG.debugf("purged %d samples older than %s", deleted, config.retention());
        }
    }
}
