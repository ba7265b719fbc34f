package dev.cutover.benchmark;

import static dev.cutover.testing.TestTokens.asOperator;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.cutover.testing.CutoverTestResources;
import dev.cutover.testing.HeadlessChromium;
import dev.cutover.testing.ReferenceCatalogue;
import dev.cutover.testing.TestPostgres;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The HTML reports, drawn by headless Chromium: the page's own script must have drawn every chart
 * (the DOM after it ran is inspected), not only have been served. Screenshots are left in
 * target/reports for a person to look at.
 */
@QuarkusTest
@WithTestResource(CutoverTestResources.class)
class BenchmarkReportTest {

    private static final String DB = "report_" + UUID.randomUUID().toString().substring(0, 8);
    // Q4 needs OPT3's search function, which the plain catalogue lacks: it is SKIPPED, so not compared
    private static final List<String> QUERIES = List.of("Q1", "Q3", "Q4", "Q5", "Q7");
    private static final int MEASURED = 4;
    private static final Pattern CHARTS = Pattern.compile("<body[^>]*data-charts=\"(\\d+)\"");
    private static final Pattern DRAWING_ERROR = Pattern.compile("<body[^>]*data-report-error=\"([^\"]*)\"");

    @BeforeAll
    static void loadCatalogue() {
        TestPostgres.get().createDatabase(DB);
        ReferenceCatalogue.load(TestPostgres.get().jdbcUrl(DB), TestPostgres.get().user(), "", 10_000, 11);
    }

    @AfterAll
    static void dropTarget() {
        TestPostgres.get().dropDatabase(DB);
    }

    @Test
    void runAndComparisonReportsAreDrawnInABrowser() throws Exception {
        String rollout = UUID.randomUUID().toString();
        Map<String, Object> withLoadTest = BenchmarkApi.request("before <OPT1>", TestPostgres.get().jdbcUrl(DB), rollout, QUERIES);
        withLoadTest.put("loadTest", Map.of("clients", 2, "durationSeconds", 1));
        String baseline = BenchmarkApi.start(withLoadTest);
        BenchmarkApi.awaitStatus(baseline, "SUCCEEDED");
        String candidate = BenchmarkApi.start(BenchmarkApi.request("after", TestPostgres.get().jdbcUrl(DB), rollout, QUERIES));
        BenchmarkApi.awaitStatus(candidate, "SUCCEEDED");

        String served = asOperator().when().get("/benchmarks/" + baseline + "/report")
                .then().statusCode(200).contentType(containsString("text/html"))
                .body(not(containsString("{{"))).extract().asString();
        assertTrue(served.contains("before &lt;OPT1&gt;"), "the label is escaped in the title");
        assertFalse(served.contains("src=\"http") || served.contains("href=\"http"), "the page fetches nothing");

        // reports need a token like every read: the browser draws the page as served to an operator (it fetches nothing else)
        Path shots = Files.createDirectories(Path.of("target", "reports"));
        String runPage = saved("/benchmarks/" + baseline + "/report", shots.resolve("run.html"));
        String run = HeadlessChromium.dumpDom(runPage);
        assertEquals(null, drawingError(run), run);
        // a distribution per measured query and the load test's operations per query
        assertEquals(MEASURED + 1, charts(run), run);
        assertTrue(count(run, "class=\"bin candidate\"") > 0, "the histograms have bars");
        assertTrue(run.contains("Load test: 2 clients"), run);
        assertTrue(run.contains("SKIPPED"), "Q4 is shown with its reason");

        String comparePage = saved("/benchmarks/compare/report?baseline=" + baseline + "&candidate=" + candidate,
                shots.resolve("comparison.html"));
        String comparison = HeadlessChromium.dumpDom(comparePage);
        assertEquals(null, drawingError(comparison), comparison);
        // the before/after bars and a distribution per compared query
        assertEquals(1 + MEASURED, charts(comparison), comparison);
        assertEquals(MEASURED, count(comparison, "class=\"bar baseline\""));
        assertEquals(MEASURED, count(comparison, "class=\"bar candidate "));
        assertEquals(3 * MEASURED, count(comparison, "class=\"whisker\""), "a whisker with two caps per compared query");
        assertTrue(count(comparison, "class=\"bin baseline\"") > 0 && count(comparison, "class=\"bin candidate\"") > 0);
        assertTrue(comparison.contains("NOT COMPARED"), "Q4 is in the verdict table");

        HeadlessChromium.screenshot(runPage, shots.resolve("run.png"), 1200, 2400);
        HeadlessChromium.screenshot(comparePage, shots.resolve("comparison.png"), 1200, 2400);
    }

    /** The page at {@code path} as an operator gets it, written to {@code file}; its file: URL. */
    private static String saved(String path, Path file) throws IOException {
        Files.writeString(file, asOperator().when().get(path).then().statusCode(200).extract().asString());
        return file.toAbsolutePath().toUri().toString();
    }

    @Test
    void reportsOfWhatDoesNotExistAreClearErrors() {
        asOperator().accept("text/html").when().get("/benchmarks/" + UUID.randomUUID() + "/report")
                .then().statusCode(404).contentType("application/problem+json");
        asOperator().when().get("/benchmarks/not-a-uuid/report")
                .then().statusCode(400).body("errors[0].field", equalTo("id"));
        asOperator().queryParam("baseline", UUID.randomUUID().toString())
                .when().get("/benchmarks/compare/report")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("candidate"));
    }

    private static int charts(String dom) {
        Matcher matcher = CHARTS.matcher(dom);
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : -1;
    }

    /** What the page's script reported when it could not draw (it marks the body), null when it drew. */
    private static String drawingError(String dom) {
        Matcher matcher = DRAWING_ERROR.matcher(dom);
        return matcher.find() ? matcher.group(1) : null;
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length())) {
            n++;
        }
        return n;
    }
}
