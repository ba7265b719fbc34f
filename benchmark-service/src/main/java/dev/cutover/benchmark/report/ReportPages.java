package dev.cutover.benchmark.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Self-contained HTML reports: one template (resources/report/report.html) with the data embedded as
 * JSON, drawn into tables and SVG charts by the template's own script. Nothing is fetched from
 * anywhere, so a report can be saved or mailed and still opens.
 */
@ApplicationScoped
public class ReportPages {

    private static final String TEMPLATE = "report/report.html";

    private final ObjectMapper json;
    private final String template;

    public ReportPages(ObjectMapper json) {
        this.json = json;
        try (InputStream in = ReportPages.class.getClassLoader().getResourceAsStream(TEMPLATE)) {
            if (in == null) {
                throw new IllegalStateException(TEMPLATE + " is missing from the classpath");
            }
            this.template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String run(RunReport report) {
        return render("Benchmark " + report.benchmark().label(), "run", report);
    }

    public String comparison(ComparisonPage page) {
        return render("Comparison " + page.baseline().label() + " → " + page.candidate().label(), "comparison", page);
    }

    private String render(String title, String kind, Object data) {
        ObjectNode tree = json.valueToTree(data);
        tree.put("kind", kind);
        String payload;
        try {
            payload = json.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        // "</" inside the JSON would end the script element early; "<\/" is the same JSON string
        return template.replace("{{title}}", escapeHtml(title)).replace("{{data}}", payload.replace("</", "<\\/"));
    }

    static String escapeHtml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                // a label holding "{{data}}" must not become a second placeholder
                .replace("{", "&#123;");
    }
}
