package dev.cutover.monitoring.service;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.cutover.monitoring.config.MonitoringConfig;
import dev.cutover.monitoring.repository.SampleStore;
import dev.cutover.monitoring.repository.Watch;
import dev.cutover.monitoring.repository.WatchRepository;
import dev.cutover.support.rest.ProblemException;
import dev.cutover.support.rule.AlertRule;
import dev.cutover.support.rule.RuleSet;
import dev.cutover.support.target.TargetConnections;
import dev.cutover.support.target.TargetDatabase;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

/** Starts, guards and stops watches (over REST and from a rollout's phase events) and reads them back. */
@ApplicationScoped
public class WatchService {

    /** A started watch, and whether this call created it (false: it was already active). */
    public record Started(WatchView watch, boolean created) {
    }

    private final WatchRepository watches;
    private final SampleStore samples;
    private final RuleService rules;
    private final Monitor monitor;
    private final TargetConnections connections;
    private final MonitoringConfig config;

    public WatchService(WatchRepository watches, SampleStore samples, RuleService rules, Monitor monitor,
                        TargetConnections connections, MonitoringConfig config) {
        this.watches = watches;
        this.samples = samples;
        this.rules = rules;
        this.monitor = monitor;
        this.connections = connections;
        this.config = config;
    }

    /** Starts a watch, or returns the active one for the same rollout, environment and target. */
    public Started start(WatchRequest request, Watch.Source source) {
        long intervalMs = interval(request.interval()).toMillis();
        if (request.target().credentials() != null && !connections.knowsCredentials(request.target().credentials())) {
            throw ProblemException.badRequest("target.credentials", "no credentials named '" + request.target().credentials()
                    + "' are configured in monitoring-service");
        }
        if (request.rules() != null) {
            rules.requireValid(request.rules(), "rules");
        }
        Started started = QuarkusTransaction.requiringNew().call(() -> {
            var existing = watches.activeFor(request.rolloutId(), request.environment(), request.target().name());
            if (existing.isPresent()) {
                return new Started(view(existing.get()), false);
            }
            Watch watch = new Watch();
            watch.id = UUID.randomUUID();
            watch.rolloutId = request.rolloutId();
            watch.environment = request.environment();
            watch.targetName = request.target().name();
            watch.jdbcUrl = request.target().jdbcUrl();
            watch.credentials = request.target().credentials();
            watch.intervalMs = intervalMs;
            watch.rules = rules.write(request.rules());
            watch.source = source;
            watch.status = Watch.Status.ACTIVE;
            watch.startedAt = Instant.now();
            watch.guardedSince = Boolean.TRUE.equals(request.guarded()) ? watch.startedAt : null;
            watch.baselineP95Ms = request.baselineP95Ms();
            watches.persist(watch);
            return new Started(view(watch), true);
        });
        if (started.created()) {
            monitor.start(QuarkusTransaction.requiringNew().call(() -> watches.findById(started.watch().id())));
        }
        return started;
    }

    private Duration interval(String text) {
        if (text == null) {
            return config.defaultInterval();
        }
        Duration interval;
        try {
            interval = RuleSet.duration(text);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("interval", "'" + text + "' is not a duration such as 1s or 500ms");
        }
        if (interval.compareTo(config.minInterval()) < 0) {
            throw ProblemException.badRequest("interval", "must be at least " + config.minInterval().toMillis() + " ms");
        }
        return interval;
    }

    public WatchView stop(UUID id) {
        WatchView view = QuarkusTransaction.requiringNew().call(() -> {
            Watch watch = find(id);
            if (watch.status == Watch.Status.ACTIVE) {
                watch.status = Watch.Status.STOPPED;
                watch.stoppedAt = Instant.now();
            }
            return view(watch);
        });
        monitor.stop(id);
        return view;
    }

    /** Stops the active watches of a rollout (of one environment, when given). */
    public List<WatchView> stopFor(UUID rolloutId, String environment) {
        List<UUID> ids = QuarkusTransaction.requiringNew().call(
                () -> watches.activeFor(rolloutId, environment).stream().map(w -> w.id).toList());
        return ids.stream().map(this::stop).toList();
    }

    /** Opens the guarded window (the baseline is taken at its first sample, unless given) or closes it. */
    public WatchView guard(UUID id, boolean guarded, Double baselineP95Ms) {
        WatchView view = QuarkusTransaction.requiringNew().call(() -> {
            Watch watch = find(id);
            if (watch.status != Watch.Status.ACTIVE) {
                throw new ProblemException(jakarta.ws.rs.core.Response.Status.CONFLICT, "watch " + id + " is stopped",
                        List.of());
            }
            if (guarded && watch.guardedSince == null) {
                watch.guardedSince = Instant.now();
            } else if (!guarded) {
                watch.guardedSince = null;
            }
            if (baselineP95Ms != null) {
                watch.baselineP95Ms = baselineP95Ms;
            }
            return view(watch);
        });
        monitor.guard(id, view.guardedSince(), view.baselineP95Ms());
        return view;
    }

    public WatchView get(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> view(find(id)));
    }

    public List<WatchView> list(UUID rolloutId, boolean activeOnly, int limit) {
        return QuarkusTransaction.requiringNew().call(
                () -> watches.recent(rolloutId, activeOnly, limit).stream().map(this::view).toList());
    }

    public List<SampleStore.StoredSample> samples(UUID id, Instant from, Instant to, int limit) {
        get(id);
        return samples.between(id, from, to, limit);
    }

    /** Starts a watch for a target of a rollout, as the phase events ask. */
    /** A watch the rollout's phase events start, with the alert rule overrides of its plan. */
    public Started startFromEvents(UUID rolloutId, String environment, TargetDatabase target, List<AlertRule> planRules) {
        return start(new WatchRequest(rolloutId, environment, target, null, null, null, planRules.isEmpty() ? null : planRules),
                Watch.Source.EVENTS);
    }

    public java.util.Optional<UUID> activeWatch(UUID rolloutId, String environment, String target) {
        return QuarkusTransaction.requiringNew().call(
                () -> watches.activeFor(rolloutId, environment, target).map(w -> w.id));
    }

    private Watch find(UUID id) {
        Watch watch = watches.findById(id);
        if (watch == null) {
            throw ProblemException.notFound("no watch " + id);
        }
        return watch;
    }

    private WatchView view(Watch watch) {
        return WatchView.of(watch, rules.read(watch.rules), monitor.latest(watch.id).orElse(null), monitor.states(watch.id),
                monitor.probesDisabledBecause(watch.id).orElse(null));
    }
}
