package dev.cutover.support.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class TargetUrlTest {

    @Test
    void driverPropertiesOutsideTheAllowListAreRefusedByName() {
        for (String property : List.of("socketFactory=x", "sslfactory=x", "sslhostnameverifier=x", "sslpasswordcallback=x",
                "authenticationPluginClassName=x", "loggerFile=/tmp/x", "sslkey=/etc/shadow", "options=-c%20x", "user=postgres",
                "password=secret", "socket%46actory=x")) {
            String problem = TargetUrl.parse("jdbc:postgresql://db:5432/app?sslmode=require&" + property).problem();
            assertTrue(problem != null && problem.startsWith("must not set driver property '"), property + ": " + problem);
        }
        assertTrue(TargetUrl.parse("jdbc:postgresql://db/app?socket%46actory=x").problem().contains("'socketFactory'"),
                "escaped names are read as the driver reads them");
        assertTrue(TargetUrl.parse("jdbc:postgresql://db/app?%ZZ=1").problem().contains("malformed %-escape"));
    }

    @Test
    void userinfoAndOtherShapesAreRefused() {
        assertTrue(TargetUrl.parse("jdbc:postgresql://postgres:secret@db/app").problem().contains("user or password"));
        assertTrue(TargetUrl.parse("postgres://db/app").problem().startsWith("must be jdbc:postgresql://"));
        assertTrue(TargetUrl.parse("jdbc:postgresql:///app").problem().contains("host"));
    }

    @Test
    void allowedPropertiesAndSeveralHostsPass() {
        TargetUrl.Parsed parsed = TargetUrl.parse(
                "jdbc:postgresql://db1:5432,db2:5433/app?sslmode=verify-full&sslrootcert=/etc/ca.pem&connectTimeout=5&ApplicationName=x");
        assertNull(parsed.problem());
        assertEquals(List.of("db1:5432", "db2:5433"), parsed.url().orElseThrow().hosts());
        assertEquals("app", parsed.url().orElseThrow().database());
    }

    @Test
    void theSameDatabaseIsRecognisedWhateverLoopbackNameOrDefaultPort() {
        TargetUrl control = TargetUrl.parse("jdbc:postgresql://localhost:5433/cutover").url().orElseThrow();
        assertTrue(TargetUrl.parse("jdbc:postgresql://127.0.0.1:5433/cutover").url().orElseThrow().sameDatabaseAs(control));
        assertFalse(TargetUrl.parse("jdbc:postgresql://127.0.0.1:5433/target").url().orElseThrow().sameDatabaseAs(control));
        assertFalse(TargetUrl.parse("jdbc:postgresql://127.0.0.1/cutover").url().orElseThrow().sameDatabaseAs(control));
        assertTrue(TargetUrl.parse("jdbc:postgresql://db/cutover").url().orElseThrow()
                .sameDatabaseAs(TargetUrl.parse("jdbc:postgresql://DB:5432/cutover").url().orElseThrow()));
    }
}
