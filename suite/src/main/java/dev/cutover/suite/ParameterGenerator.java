package dev.cutover.suite;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BiFunction;

/**
 * Draws one parameter of a query for one iteration from the run's {@link DataProfile}. Geometries
 * come as EWKT text in the target's SRID (the SQL casts them: {@code :area::geometry}). Most
 * generators provide one value under the parameter's name; {@code date_range} provides
 * {@code <name>_from} and {@code <name>_to}.
 */
public sealed interface ParameterGenerator {

    List<String> TYPES = List.of("point", "envelope", "number", "date_range", "layer", "word");

    /** The SQL parameter names this generator fills. */
    default List<String> provides(String name) {
        return List.of(name);
    }

    void draw(String name, DataProfile profile, SplittableRandom random, Map<String, Object> into);

    /** A uniformly placed point inside the data's extent. */
    record Point() implements ParameterGenerator {
        public void draw(String name, DataProfile p, SplittableRandom random, Map<String, Object> into) {
            into.put(name, "SRID=" + p.srid() + ";POINT(" + uniform(random, p.xmin(), p.xmax()) + " "
                    + uniform(random, p.ymin(), p.ymax()) + ")");
        }
    }

    /** A square of a side drawn in [min, max] (the SRID's units), wholly inside the extent where it fits. */
    record Envelope(double min, double max) implements ParameterGenerator {
        public void draw(String name, DataProfile p, SplittableRandom random, Map<String, Object> into) {
            double side = uniform(random, min, max);
            double x0 = uniform(random, p.xmin(), Math.max(p.xmin(), p.xmax() - side));
            double y0 = uniform(random, p.ymin(), Math.max(p.ymin(), p.ymax() - side));
            double x1 = x0 + side;
            double y1 = y0 + side;
            into.put(name, "SRID=" + p.srid() + ";POLYGON((" + x0 + " " + y0 + "," + x1 + " " + y0 + "," + x1 + " " + y1
                    + "," + x0 + " " + y1 + "," + x0 + " " + y0 + "))");
        }
    }

    /** A number uniform in [min, max], e.g. a radius. */
    record NumberRange(double min, double max) implements ParameterGenerator {
        public void draw(String name, DataProfile p, SplittableRandom random, Map<String, Object> into) {
            into.put(name, uniform(random, min, max));
        }
    }

    /** A period of minDays..maxDays wholly inside [min, max] of the time column. */
    record DateRange(double minDays, double maxDays) implements ParameterGenerator {
        @Override
        public List<String> provides(String name) {
            return List.of(name + "_from", name + "_to");
        }

        public void draw(String name, DataProfile p, SplittableRandom random, Map<String, Object> into) {
            long span = (long) (uniform(random, minDays, maxDays) * 86_400);
            long available = Math.max(0, Duration.between(p.minTime(), p.maxTime()).toSeconds() - span);
            OffsetDateTime from = p.minTime().plusSeconds(available == 0 ? 0 : random.nextLong(available + 1));
            into.put(name + "_from", from);
            into.put(name + "_to", from.plusSeconds(span));
        }
    }

    /** One of the target's layer ids. */
    record Layer() implements ParameterGenerator {
        public void draw(String name, DataProfile p, SplittableRandom random, Map<String, Object> into) {
            into.put(name, p.layerIds().get(random.nextInt(p.layerIds().size())));
        }
    }

    /** One word of a list, e.g. a search term. */
    record Word(List<String> words) implements ParameterGenerator {
        public void draw(String name, DataProfile p, SplittableRandom random, Map<String, Object> into) {
            into.put(name, words.get(random.nextInt(words.size())));
        }
    }

    private static double uniform(SplittableRandom random, double min, double max) {
        return max > min ? random.nextDouble(min, max) : min;
    }

    /** Reads a parameter's YAML ({@code {type: envelope, size: [500, 2000]}}), adding what is wrong to problems. */
    static ParameterGenerator parse(String where, JsonNode node, List<String> problems) {
        String type = node.path("type").asText("");
        return switch (type) {
            case "point" -> new Point();
            case "layer" -> new Layer();
            case "envelope" -> range(where, node, "size", problems, Envelope::new);
            case "number" -> range(where, node, "range", problems, NumberRange::new);
            case "date_range" -> range(where, node, "days", problems, DateRange::new);
            case "word" -> {
                List<String> words = new ArrayList<>();
                node.path("words").forEach(w -> words.add(w.asText()));
                if (words.isEmpty()) {
                    problems.add(where + ": a word generator needs a non-empty list 'words'");
                }
                yield new Word(List.copyOf(words));
            }
            default -> {
                problems.add(where + ": unknown generator type '" + type + "' (known: " + String.join(", ", TYPES) + ")");
                yield null;
            }
        };
    }

    private static ParameterGenerator range(String where, JsonNode node, String field, List<String> problems,
                                            BiFunction<Double, Double, ParameterGenerator> factory) {
        JsonNode range = node.path(field);
        if (!range.isArray() || range.size() != 2 || !range.get(0).isNumber() || !range.get(1).isNumber()
                || range.get(0).asDouble() > range.get(1).asDouble() || range.get(0).asDouble() < 0) {
            problems.add(where + ": '" + field + "' must be [min, max] with 0 <= min <= max");
            return null;
        }
        return factory.apply(range.get(0).asDouble(), range.get(1).asDouble());
    }
}
