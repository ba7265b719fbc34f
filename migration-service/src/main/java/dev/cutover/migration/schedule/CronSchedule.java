package dev.cutover.migration.schedule;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;

/**
 * A 5-field cron expression (minute hour day-of-month month day-of-week), the syntax pg_cron and
 * crontab share, so a schedule step means the same wherever its job ends up running.
 */
public final class CronSchedule {

    private static final CronParser UNIX = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    private final ExecutionTime executionTime;

    private CronSchedule(ExecutionTime executionTime) {
        this.executionTime = executionTime;
    }

    /** @throws IllegalArgumentException saying what is wrong with {@code expression} */
    public static CronSchedule parse(String expression) {
        if (expression == null || expression.isBlank()) {
            throw new IllegalArgumentException("a cron expression is required");
        }
        int fields = expression.strip().split("\\s+").length;
        if (fields != 5) {
            throw new IllegalArgumentException("'" + expression + "' has " + fields
                    + " fields; 5 are needed: minute hour day-of-month month day-of-week");
        }
        Cron cron = UNIX.parse(expression).validate();
        return new CronSchedule(ExecutionTime.forCron(cron));
    }

    /** The first run strictly after {@code instant}, reading the fields in {@code zone}; empty if none ever comes. */
    public Optional<Instant> nextAfter(Instant instant, ZoneId zone) {
        return executionTime.nextExecution(instant.atZone(zone)).map(ZonedDateTime::toInstant);
    }
}
