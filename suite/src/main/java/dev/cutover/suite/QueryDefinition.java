package dev.cutover.suite;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** One query of a suite: its SQL, how its parameters are drawn, what it needs, its weight in a load mix. */
public record QueryDefinition(String id, String name, String description, NamedSql sql,
                              Map<String, ParameterGenerator> parameters, List<Requirement> requires, double weight) {

    // parameters keep the file's order, so one seed draws the same values in every JVM
    /** One iteration's parameter values, in the order of the JDBC placeholders. */
    public Object[] draw(DataProfile profile, SplittableRandom random) {
        Map<String, Object> values = new HashMap<>();
        parameters.forEach((name, generator) -> generator.draw(name, profile, random, values));
        return sql.parameterOrder().stream().map(values::get).toArray();
    }

    /** Sets drawn values on a statement prepared from {@code sql().jdbcSql()}. */
    public void bind(PreparedStatement statement, Object[] values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            statement.setObject(i + 1, values[i]);
        }
    }
}
