package dev.cutover.e2e.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * bench/fleet-rollout: OPT1 across a fleet of small databases in waves through the running services,
 * and what Cutover adds beyond the migration work itself. The work is the phases (PREFLIGHT … FINALISE
 * as migration-service times them); everything between them is orchestration: recording a phase and
 * publishing its event, asking checkpoint-service for the rollout's checkpoints after each phase,
 * handing a slot of the wave's parallelism to the next target, and at a gate the event reaching
 * checkpoint-service, the decision, and migration-service resuming. The bench signs each gate off as
 * the DBA as soon as it sees it open; that reaction is the bench's, and is left out.
 *
 * <ul>
 * <li>per database: the sum of its phases' start delays (start minus the moment it could have started:
 * the wave's previous phase done everywhere and a parallelism slot free), p50/p99 over the fleet, and
 * as a share of its own phase time;</li>
 * <li>per gate: last target's phase done → checkpoint opened, sign-off → decided, decided → the next
 * phase started, their sum;</li>
 * <li>per notification: source event → notification stored;</li>
 * <li>the run: wall time, time with a phase running somewhere, bench reaction, the rest.</li>
 * </ul>
 */
public final class FleetRolloutBench {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final List<Integer> WAVES = List.of(10, 50, 100);

    private final Map<String, String> options;
    private final String migration;
    private final String checkpoint;
    private final String notification;
    private final int fleet;
    private final int parallelism;

    private FleetRolloutBench(Map<String, String> options) {
        this.options = options;
        this.migration = options.get("migration");
        this.checkpoint = options.get("checkpoint");
        this.notification = options.get("notification");
        this.fleet = Integer.parseInt(options.get("fleet"));
        this.parallelism = Integer.parseInt(options.get("parallelism"));
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        System.exit(new FleetRolloutBench(options).run());
    }

    private int run() throws Exception {
        Instant submitted = Instant.now();
        JsonNode answer = send("POST", migration + "/rollouts", plan(), options.get("operator-token"), 202);
        String id = answer.get("id").asText();
        log("rollout %s: %d databases in waves of %s %%, %d at a time", id, fleet, WAVES, parallelism);
        send("PUT", checkpoint + "/rollouts/" + id + "/checkpoints", checkpoints(), options.get("operator-token"), 200);

        String status = follow(id);
        JsonNode rollout = send("GET", migration + "/rollouts/" + id, null, options.get("operator-token"), 200);
        JsonNode gates = send("GET", checkpoint + "/rollouts/" + id + "/checkpoints", null, options.get("operator-token"), 200);
        JsonNode timeline = send("GET", checkpoint + "/rollouts/" + id + "/timeline", null, options.get("operator-token"), 200);
        Thread.sleep(2000); // the notifications of the last events
        JsonNode notifications = send("GET", notification + "/notifications?limit=1000&rolloutId=" + id, null, options.get("operator-token"), 200);

        List<PhaseRun> runs = PhaseRun.of(rollout);
        ObjectNode results = JSON.createObjectNode();
        results.put("rolloutId", id);
        results.put("status", status);
        results.put("fleet", fleet);
        results.put("rowsPerDatabase", Integer.parseInt(options.get("rows")));
        results.put("parallelism", parallelism);
        results.putPOJO("waves", WAVES);
        results.put("phaseRuns", runs.size());
        List<List<String>> waves = waveTargets();
        List<Gate> gateTimes = gates(gates, runs, waves);
        Map<String, List<Double>> byPhase = new LinkedHashMap<>();
        Map<String, Double> delays = perDatabaseDelays(runs, waves, gateTimes, byPhase);
        results.set("perDatabase", perDatabase(runs, delays));
        ObjectNode perPhase = results.putObject("phaseStartDelayMs");
        byPhase.forEach((phase, values) -> perPhase.set(phase, stats(values)));
        results.set("perGate", perGate(gateTimes));
        results.set("notifications", notificationLatency(timeline, notifications));
        results.set("run", wholeRun(submitted, runs, gateTimes));

        Path file = Path.of(options.get("results"), "fleet-rollout.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, JSON.writeValueAsString(results) + "\n");
        print(results);
        log("written to %s", file);
        if (!"FINALISED".equals(status)) {
            log("FAILED: rollout %s ended %s, not FINALISED", id, status);
            return 1;
        }
        return 0;
    }

    /** Every production target in waves; no benchmark suite (its BASELINE and POST would be work, not orchestration). */
    private ObjectNode plan() {
        ObjectNode production = JSON.createObjectNode().put("name", "production").put("parallelism", parallelism)
                .put("stabilitySeconds", Integer.parseInt(options.get("stability-seconds")));
        production.putPOJO("waves", WAVES);
        ArrayNode targets = production.putArray("targets");
        for (int i = 1; i <= fleet; i++) {
            targets.addObject().put("name", target(i)).put("jdbcUrl", options.get("jdbc-base") + options.get("prefix") + i);
        }
        ObjectNode plan = JSON.createObjectNode().put("name", "fleet-bench-" + fleet)
                .put("migrationSet", "opt1-temporal-partitioning");
        plan.putArray("environments").add(production);
        return plan;
    }

    /** A gate per wave after VALIDATE, signed off by a DBA and an infrastructure lead, and CP4 (acceptance) after the last wave's stability watch. */
    private ObjectNode checkpoints() {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode list = body.putArray("checkpoints");
        List<List<String>> waves = waveTargets();
        for (int w = 0; w < waves.size(); w++) {
            ObjectNode gate = list.addObject().put("name", "WAVE" + (w + 1)).put("description", "production wave " + (w + 1))
                    .put("environment", "production").put("after", "VALIDATE").put("conditionalAcceptor", "dba");
            gate.putPOJO("targets", waves.get(w));
            gate.putArray("criteria").add(criterion("applied", "apply.succeeded == true"))
                    .add(criterion("data_integrity", "validate.failedChecks == 0"));
            floor(gate);
        }
        ObjectNode accept = list.addObject().put("name", "CP4").put("description", "stability: accept or roll back")
                .put("environment", "production").put("after", "STABILITY").put("acceptance", true)
                .put("conditionalAcceptor", "dba");
        accept.putPOJO("targets", IntStream.rangeClosed(1, fleet).mapToObj(FleetRolloutBench::target).toList());
        accept.putArray("criteria").add(criterion("no_critical_breach", "breaches.critical == 0"));
        floor(accept);
        return body;
    }

    /** The shipped approval floor of production: dba, plus one of infra-lead and cto. */
    private static void floor(ObjectNode checkpoint) {
        ObjectNode signOffs = checkpoint.putObject("signOffs");
        signOffs.putArray("required").add("dba");
        signOffs.putObject("anyOf").put("count", 1).putArray("roles").add("infra-lead").add("cto");
    }

    private static ObjectNode criterion(String name, String expr) {
        return JSON.createObjectNode().put("name", name).put("expr", expr);
    }

    /** The targets of each wave, as migration-service cuts cumulative shares (a share's last target rounded up). */
    private List<List<String>> waveTargets() {
        List<List<String>> waves = new ArrayList<>();
        int from = 1;
        for (int percent : WAVES) {
            int to = (fleet * percent + 99) / 100;
            waves.add(IntStream.rangeClosed(from, to).mapToObj(FleetRolloutBench::target).toList());
            from = to + 1;
        }
        return waves;
    }

    private static String target(int i) {
        return "db-%02d".formatted(i);
    }

    /** Signs every open checkpoint off as the DBA as soon as it is seen, until the rollout has ended. */
    private String follow(String id) throws Exception {
        Set<String> signed = new HashSet<>();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(30));
        Instant nextStatus = Instant.now();
        while (Instant.now().isBefore(deadline)) {
            for (JsonNode open : send("GET", checkpoint + "/rollouts/" + id + "/checkpoints", null, options.get("operator-token"), 200)) {
                String name = open.get("name").asText();
                if ("OPEN".equals(open.get("status").asText()) && signed.add(name)) {
                    for (String role : List.of("dba", "infra-lead")) {
                        send("POST", checkpoint + "/checkpoints/" + open.get("id").asText() + "/sign-offs",
                                JSON.createObjectNode().put("decision", "APPROVE").put("role", role)
                                        .put("comment", "bench: signed as soon as seen")
                                        .put("evidenceDigest", open.get("evidenceDigest").asText()),
                                options.get(role + "-token"), 201);
                    }
                    log("%s open: signed off as dba and infra-lead", name);
                }
            }
            if (!Instant.now().isBefore(nextStatus)) {
                String status = send("GET", migration + "/rollouts/" + id, null, options.get("operator-token"), 200).get("status").asText();
                if (Set.of("FINALISED", "ROLLED_BACK", "FAILED").contains(status)) {
                    return status;
                }
                nextStatus = Instant.now().plusMillis(1000);
            }
            Thread.sleep(100);
        }
        return "TIMED_OUT";
    }

    /** One phase on one target as migration-service recorded it. */
    record PhaseRun(String target, String phase, Instant started, Instant finished) {

        static List<PhaseRun> of(JsonNode rollout) {
            List<PhaseRun> runs = new ArrayList<>();
            for (JsonNode run : rollout.get("phases")) {
                runs.add(new PhaseRun(run.get("target").asText(), run.get("phase").asText(),
                        Instant.parse(run.get("startedAt").asText()), Instant.parse(run.get("finishedAt").asText())));
            }
            return runs;
        }

        double millis() {
            return Duration.between(started, finished).toNanos() / 1e6;
        }
    }

    /** A gate after phase {@code after} of a wave: that phase done on the wave, opened, signed, decided, and the next phase started. */
    record Gate(String name, String after, List<String> wave, Instant phaseDone, Instant opened, Instant signed, Instant decided,
            Instant resumed) {

        double toOpen() {
            return millisBetween(phaseDone, opened);
        }

        double bench() {
            return millisBetween(opened, signed);
        }

        double toDecide() {
            return millisBetween(signed, decided);
        }

        double toResume() {
            return millisBetween(decided, resumed);
        }

        double cutover() {
            return toOpen() + toDecide() + toResume();
        }
    }

    private static List<Gate> gates(JsonNode checkpoints, List<PhaseRun> runs, List<List<String>> waves) {
        List<Gate> gates = new ArrayList<>();
        for (JsonNode gate : checkpoints) {
            if (gate.get("decidedAt").isNull() || gate.get("signOffs").isEmpty()) {
                continue;
            }
            JsonNode definition = gate.get("definition");
            String after = definition.get("after").asText();
            Set<String> targets = new HashSet<>();
            definition.get("targets").forEach(t -> targets.add(t.asText()));
            // the wave whose phase opened it: its last target in the definition (CP4: every target, so the last wave)
            List<String> wave = waves.stream().filter(w -> targets.contains(w.get(w.size() - 1))).reduce((a, b) -> b).orElseThrow();
            Instant phaseDone = runs.stream().filter(r -> wave.contains(r.target()) && r.phase().equals(after))
                    .map(PhaseRun::finished).max(Comparator.naturalOrder()).orElseThrow();
            Instant decided = Instant.parse(gate.get("decidedAt").asText());
            Instant resumed = runs.stream().filter(r -> r.started().isAfter(decided)).map(PhaseRun::started)
                    .min(Comparator.naturalOrder()).orElse(decided);
            gates.add(new Gate(gate.get("name").asText(), after, wave, phaseDone,
                    Instant.parse(gate.get("openedAt").asText()), Instant.parse(gate.get("signOffs").get(0).get("signedAt").asText()),
                    decided, resumed));
        }
        gates.sort(Comparator.comparing(Gate::phaseDone));
        return gates;
    }

    /**
     * Each phase run's start delay: its start minus when it could have started — the wave's previous
     * phase done on every target of the wave, and (for slotted phases) the k-th start of a phase taking
     * the slot the (k − parallelism)-th finish of that phase freed. The first phase of a wave counts from
     * the previous wave's last phase; a phase after a gate counts from its own first start (the wait
     * before that is the gate's). FINALISE runs target after target.
     */
    private Map<String, Double> perDatabaseDelays(List<PhaseRun> runs, List<List<String>> waves, List<Gate> gates,
            Map<String, List<Double>> byPhase) {
        Map<String, Double> delays = new HashMap<>();
        Instant previousWaveEnd = null;
        for (List<String> wave : waves) {
            Map<String, List<PhaseRun>> steps = new LinkedHashMap<>();
            runs.stream().filter(r -> wave.contains(r.target()) && !r.phase().equals("FINALISE"))
                    .sorted(Comparator.comparing(PhaseRun::started))
                    .forEach(r -> steps.computeIfAbsent(r.phase(), k -> new ArrayList<>()).add(r));
            Instant previousDone = previousWaveEnd;
            String previousPhase = null;
            for (Map.Entry<String, List<PhaseRun>> step : steps.entrySet()) {
                List<PhaseRun> entries = step.getValue();
                String gated = previousPhase;
                boolean afterGate = gates.stream().anyMatch(g -> g.after().equals(gated) && g.wave().equals(wave));
                Instant barrier = afterGate || previousDone == null ? entries.get(0).started() : previousDone;
                int slots = step.getKey().equals("STABILITY") ? entries.size() : parallelism;
                addDelays(entries, barrier, slots, delays, byPhase);
                previousDone = entries.stream().map(PhaseRun::finished).max(Comparator.naturalOrder()).orElseThrow();
                previousPhase = step.getKey();
            }
            previousWaveEnd = previousDone;
        }
        List<PhaseRun> finalise = runs.stream().filter(r -> r.phase().equals("FINALISE"))
                .sorted(Comparator.comparing(PhaseRun::started)).toList();
        if (!finalise.isEmpty()) {
            addDelays(finalise, finalise.get(0).started(), 1, delays, byPhase);
        }
        return delays;
    }

    private static void addDelays(List<PhaseRun> entries, Instant barrier, int slots, Map<String, Double> delays,
            Map<String, List<Double>> byPhase) {
        List<Instant> finishes = entries.stream().map(PhaseRun::finished).sorted().toList();
        for (int k = 0; k < entries.size(); k++) {
            Instant ready = k < slots ? barrier : later(barrier, finishes.get(k - slots));
            double delay = Math.max(0, millisBetween(ready, entries.get(k).started()));
            delays.merge(entries.get(k).target(), delay, Double::sum);
            byPhase.computeIfAbsent(entries.get(k).phase(), p -> new ArrayList<>()).add(delay);
        }
    }

    private ObjectNode perDatabase(List<PhaseRun> runs, Map<String, Double> delays) {
        Map<String, Double> work = new HashMap<>();
        runs.stream().filter(r -> !r.phase().equals("STABILITY")).forEach(r -> work.merge(r.target(), r.millis(), Double::sum));
        List<Double> overhead = new ArrayList<>(delays.values());
        List<Double> share = delays.entrySet().stream().map(e -> 100 * e.getValue() / work.get(e.getKey())).toList();
        ObjectNode node = JSON.createObjectNode();
        node.put("databases", delays.size());
        node.set("overheadMs", stats(overhead));
        node.set("phaseWorkMs", stats(new ArrayList<>(work.values())));
        node.set("overheadPercentOfWork", stats(new ArrayList<>(share)));
        node.put("definition", "sum of the database's phase start delays (excluding gates); work: its phases' durations, "
                + "STABILITY's planned watch left out");
        return node;
    }

    private static ObjectNode perGate(List<Gate> gates) {
        ObjectNode node = JSON.createObjectNode();
        node.put("gates", gates.size());
        node.set("overheadMs", stats(gates.stream().map(Gate::cutover).toList()));
        node.set("phaseToOpenedMs", stats(gates.stream().map(Gate::toOpen).toList()));
        node.set("signedToDecidedMs", stats(gates.stream().map(Gate::toDecide).toList()));
        node.set("decidedToResumedMs", stats(gates.stream().map(Gate::toResume).toList()));
        node.set("benchReactionMs", stats(gates.stream().map(Gate::bench).toList()));
        ArrayNode each = node.putArray("each");
        gates.forEach(gate -> each.addObject().put("gate", gate.name())
                .put("phaseToOpenedMs", round(gate.toOpen())).put("signedToDecidedMs", round(gate.toDecide()))
                .put("decidedToResumedMs", round(gate.toResume())).put("overheadMs", round(gate.cutover()))
                .put("benchReactionMs", round(gate.bench())));
        return node;
    }

    /** Source event (its occurredAt, as the producer stamped it) → the notification stored by notification-service. */
    private static ObjectNode notificationLatency(JsonNode timeline, JsonNode notifications) {
        Map<String, Instant> events = new HashMap<>();
        timeline.forEach(entry -> events.put(entry.get("eventId").asText(), Instant.parse(entry.get("occurredAt").asText())));
        List<Double> latencies = new ArrayList<>();
        for (JsonNode each : notifications) {
            Instant event = each.hasNonNull("sourceEventId") ? events.get(each.get("sourceEventId").asText()) : null;
            if (event != null) {
                latencies.add(millisBetween(event, Instant.parse(each.get("createdAt").asText())));
            }
        }
        ObjectNode node = JSON.createObjectNode();
        node.put("notifications", notifications.size());
        node.put("matchedToTheirEvent", latencies.size());
        node.set("eventToNotificationMs", stats(latencies));
        return node;
    }

    /** Wall time split into: some phase running, the bench's own reaction at gates, and the rest (Cutover between phases). */
    private static ObjectNode wholeRun(Instant submitted, List<PhaseRun> runs, List<Gate> gates) {
        List<PhaseRun> sorted = runs.stream().sorted(Comparator.comparing(PhaseRun::started)).toList();
        Instant end = sorted.stream().map(PhaseRun::finished).max(Comparator.naturalOrder()).orElse(submitted);
        double busy = 0;
        Instant coveredTo = submitted;
        for (PhaseRun run : sorted) {
            Instant from = later(coveredTo, run.started());
            if (run.finished().isAfter(from)) {
                busy += millisBetween(from, run.finished());
                coveredTo = run.finished();
            }
        }
        double wall = millisBetween(submitted, end);
        double bench = gates.stream().mapToDouble(Gate::bench).sum();
        ObjectNode node = JSON.createObjectNode();
        node.put("wallMs", round(wall));
        node.put("phaseRunningMs", round(busy));
        node.put("benchReactionAtGatesMs", round(bench));
        node.put("restMs", round(wall - busy - bench));
        node.put("restPercentOfWall", round(100 * (wall - busy - bench) / wall));
        node.put("submittedToFirstPhaseMs", round(millisBetween(submitted, sorted.get(0).started())));
        return node;
    }

    private static ObjectNode stats(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        ObjectNode node = JSON.createObjectNode();
        node.put("n", sorted.size());
        if (!sorted.isEmpty()) {
            node.put("p50", round(percentile(sorted, 50)));
            node.put("p99", round(percentile(sorted, 99)));
            node.put("max", round(sorted.get(sorted.size() - 1)));
            node.put("mean", round(sorted.stream().mapToDouble(Double::doubleValue).average().orElse(0)));
        }
        return node;
    }

    /** Nearest rank. */
    private static double percentile(List<Double> sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    private void print(ObjectNode results) {
        JsonNode db = results.get("perDatabase");
        JsonNode gate = results.get("perGate");
        JsonNode note = results.get("notifications");
        JsonNode whole = results.get("run");
        System.out.printf("%nfleet-rollout: %d databases x %d rows, waves %s %%, parallelism %d: rollout %s%n", fleet,
                results.get("rowsPerDatabase").asInt(), WAVES, parallelism, results.get("status").asText());
        System.out.printf("  per database: overhead p50 %s ms, p99 %s ms (%s %% / %s %% of its phase work, p50 %s ms)%n",
                db.at("/overheadMs/p50"), db.at("/overheadMs/p99"), db.at("/overheadPercentOfWork/p50"),
                db.at("/overheadPercentOfWork/p99"), db.at("/phaseWorkMs/p50"));
        System.out.printf("  phase start delays, p50 / p99 ms: %s%n", results.get("phaseStartDelayMs").properties().stream()
                .map(e -> e.getKey() + " " + e.getValue().get("p50") + " / " + e.getValue().get("p99")).collect(Collectors.joining(", ")));
        System.out.printf("  per gate (%d): overhead p50 %s ms, p99 %s ms = phase done -> opened p50 %s, signed -> decided p50 %s,"
                + " decided -> resumed p50 %s (bench's own reaction p50 %s ms, left out)%n", gate.get("gates").asInt(),
                gate.at("/overheadMs/p50"), gate.at("/overheadMs/p99"), gate.at("/phaseToOpenedMs/p50"),
                gate.at("/signedToDecidedMs/p50"), gate.at("/decidedToResumedMs/p50"), gate.at("/benchReactionMs/p50"));
        for (JsonNode each : gate.get("each")) {
            System.out.printf("    %-6s overhead %8.1f ms  (opened %.1f, decided %.1f, resumed %.1f; bench %.1f)%n",
                    each.get("gate").asText(), each.get("overheadMs").asDouble(), each.get("phaseToOpenedMs").asDouble(),
                    each.get("signedToDecidedMs").asDouble(), each.get("decidedToResumedMs").asDouble(),
                    each.get("benchReactionMs").asDouble());
        }
        System.out.printf("  notifications: %d, event -> notification p50 %s ms, p99 %s ms%n",
                note.get("matchedToTheirEvent").asInt(), note.at("/eventToNotificationMs/p50"), note.at("/eventToNotificationMs/p99"));
        System.out.printf("  the run: %s ms wall, a phase running %s ms, bench at gates %s ms, the rest %s ms (%s %%)%n",
                whole.get("wallMs"), whole.get("phaseRunningMs"), whole.get("benchReactionAtGatesMs"), whole.get("restMs"),
                whole.get("restPercentOfWall"));
    }

    private JsonNode send(String method, String url, JsonNode body, String token, int expected) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + url + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private static double millisBetween(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e6;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    private static void log(String format, Object... args) {
        System.out.printf("%s  %s%n", Instant.now().toString().substring(11, 23), format.formatted(args));
    }
}
