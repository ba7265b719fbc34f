package dev.cutover.monitoring.service;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jboss.logging.Logger;

import dev.cutover.monitoring.alert.AlertState;
import dev.cutover.monitoring.config.MonitoringConfig;
import dev.cutover.monitoring.repository.Watch;
import dev.cutover.monitoring.repository.WatchRepository;
import dev.cutover.monitoring.sampling.Sample;
import dev.cutover.monitoring.sampling.TargetSampler;
import dev.cutover.suite.Suite;
import dev.cutover.suite.SuiteLoader;
import dev.cutover.support.rule.Metric;
import dev.cutover.support.target.TargetConnections;
import dev.cutover.support.target.TargetDatabase;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Runs the active watches of this process: each samples its target at its interval on the sampling
 * pool and runs its probes on the probe pool. Watches active in the database are picked up again
 * at start, with their alert states, so a restart neither re-fires nor forgets an alert.
 */
@ApplicationScoped
public class Monitor {

    private static final Logger LOG = Logger.getLogger(Monitor.class);

    private final WatchRepository watches;
    private final AlertRecorder recorder;
    private final RuleService rules;
    private final TargetConnections connections;
    private final MonitoringConfig config;
    private final MeterRegistry registry;
    private final Suite probeSuite;
    private final Map<UUID, WatchRun> running = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sampling = Executors.newScheduledThreadPool(4, named("monitor-sampling"));
    private final ScheduledExecutorService probing = Executors.newScheduledThreadPool(8, named("monitor-probe"));

    public Monitor(WatchRepository watches, AlertRecorder recorder, RuleService rules, TargetConnections connections,
                   MonitoringConfig config, MeterRegistry registry) {
        this.watches = watches;
        this.recorder = recorder;
        this.rules = rules;
        this.connections = connections;
        this.config = config;
        this.registry = registry;
        this.probeSuite = new SuiteLoader(Path.of(config.probes().suitesDirectory())).load(config.probes().suite());
    }

    void resume(@Observes StartupEvent startup) {
        List<Watch> active = QuarkusTransaction.requiringNew().call(watches::active);
        active.forEach(this::start);
        if (!active.isEmpty()) {
            LOG.infof("resumed %d active watch(es)", active.size());
        }
    }

    void shutdown(@Observes ShutdownEvent shutdown) {
        sampling.shutdownNow();
        probing.shutdownNow();
        running.values().forEach(run -> run.sampler.close());
    }

    /** Starts sampling a stored, active watch (after the transaction that stored it committed). */
    public void start(Watch watch) {
        if (running.containsKey(watch.id)) {
            return;
        }
        TargetDatabase target = new TargetDatabase(watch.targetName, watch.jdbcUrl, watch.credentials);
        MonitoringConfig.Probes probes = config.probes();
        TargetSampler sampler = new TargetSampler(() -> connections.open(target), probeSuite, new TargetSampler.Settings(
                config.housekeepingInterval(), config.slowStatementMs(), probes.statementTimeout(), probes.queries(),
                probes.pruningQuery(), probes.window(), probes.cycle()));
        AlertRecorder.WatchIdentity identity = new AlertRecorder.WatchIdentity(watch.id, watch.rolloutId, watch.environment,
                watch.targetName);
        WatchRun run = new WatchRun(identity, sampler, recorder, rules.compiled(rules.read(watch.rules)),
                recorder.states(watch.id), watch.guardedSince, watch.baselineP95Ms);
        running.put(watch.id, run);
        registerGauges(run);
        run.schedules.add(probing.scheduleAtFixedRate(() -> probe(run), 0, watch.intervalMs, TimeUnit.MILLISECONDS));
        run.schedules.add(sampling.scheduleAtFixedRate(run::tick, watch.intervalMs, watch.intervalMs, TimeUnit.MILLISECONDS));
        LOG.infof("watching %s/%s of rollout %s every %d ms", watch.environment, watch.targetName, watch.rolloutId,
                watch.intervalMs);
    }

    private static void probe(WatchRun run) {
        try {
            run.sampler.probe(java.time.Instant.now());
        } catch (RuntimeException e) {
            LOG.errorf(e, "watch %s: probe round failed", run.identity.watchId());
        }
    }

    public void stop(UUID watchId) {
        WatchRun run = running.remove(watchId);
        if (run == null) {
            return;
        }
        run.schedules.forEach(s -> s.cancel(false));
        run.gauges.forEach(registry::remove);
        sampling.execute(run.sampler::close);
        LOG.infof("stopped watching %s/%s of rollout %s", run.identity.environment(), run.identity.target(),
                run.identity.rolloutId());
    }

    public void guard(UUID watchId, java.time.Instant since, Double baseline) {
        WatchRun run = running.get(watchId);
        if (run != null) {
            run.guard(since, baseline);
        }
    }

    /** The default rules changed: every running watch evaluates the new set with its overrides. */
    public void rulesChanged() {
        List<Watch> active = QuarkusTransaction.requiringNew().call(watches::active);
        for (Watch watch : active) {
            WatchRun run = running.get(watch.id);
            if (run != null) {
                run.rules(rules.compiled(rules.read(watch.rules)));
            }
        }
    }

    public Optional<Sample> latest(UUID watchId) {
        return Optional.ofNullable(running.get(watchId)).map(WatchRun::latest);
    }

    public Map<String, AlertState> states(UUID watchId) {
        WatchRun run = running.get(watchId);
        return run == null ? recorder.states(watchId) : run.states();
    }

    public Optional<String> probesDisabledBecause(UUID watchId) {
        return Optional.ofNullable(running.get(watchId)).map(run -> run.sampler.probesDisabledBecause());
    }

    private void registerGauges(WatchRun run) {
        for (Metric metric : Metric.values()) {
            run.gauges.add(Gauge.builder("cutover.target." + metric.key(), run, r -> r.value(metric))
                    .description(metric.description())
                    .tag("rollout", run.identity.rolloutId().toString())
                    .tag("environment", run.identity.environment())
                    .tag("target", run.identity.target())
                    .register(registry));
        }
    }

    private static ThreadFactory named(String name) {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread thread = new Thread(r, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
