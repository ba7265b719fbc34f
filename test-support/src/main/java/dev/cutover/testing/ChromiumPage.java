package dev.cutover.testing;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A page in headless Chromium that a test drives as a person would: it types and clicks through
 * JavaScript run in the page over the DevTools protocol (CDP, on a WebSocket), and waits for what
 * the page shows. For pages whose DOM is enough, {@link HeadlessChromium#dumpDom} is simpler.
 */
public final class ChromiumPage implements AutoCloseable {

    private static final Pattern DEVTOOLS = Pattern.compile("DevTools listening on (ws://127\\.0\\.0\\.1:(\\d+)/\\S+)");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Process browser;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

    private ChromiumPage(Process browser, Path profile, WebSocket socket) {
        this.browser = browser;
        this.profile = profile;
        this.socket = socket;
    }

    /** Opens url in a new headless browser. */
    public static ChromiumPage open(String url) {
        Path profile = null;
        Process browser = null;
        try {
            profile = Files.createTempDirectory("cutover-chromium");
            List<String> command = HeadlessChromium.command(profile);
            command.addAll(List.of("--remote-debugging-port=0", "--remote-allow-origins=*", "about:blank"));
            Path errors = profile.resolve("stderr.log");
            browser = new ProcessBuilder(command).redirectErrorStream(false).redirectError(errors.toFile()).start();
            int port = devtoolsPort(errors, browser);
            HttpResponse<String> target = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/new?"
                    + URLEncoder.encode(url, StandardCharsets.UTF_8))).PUT(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            String debugger = JSON.readTree(target.body()).get("webSocketDebuggerUrl").asText();
            ChromiumPage[] page = new ChromiumPage[1];
            WebSocket socket = HTTP.newWebSocketBuilder().buildAsync(URI.create(debugger), new Listener(() -> page[0]))
                    .get(30, TimeUnit.SECONDS);
            page[0] = new ChromiumPage(browser, profile, socket);
            return page[0];
        } catch (Exception e) {
            if (browser != null) {
                browser.destroyForcibly();
            }
            HeadlessChromium.deleteQuietly(profile);
            throw new AssertionError("cannot drive chromium on " + url + ": " + e, e);
        }
    }

    /** Runs a JavaScript expression in the page (promises awaited) and answers its value as JSON. */
    public JsonNode evaluate(String expression) {
        JsonNode result = call("Runtime.evaluate", Map.of("expression", expression, "awaitPromise", true, "returnByValue", true));
        if (result.has("exceptionDetails")) {
            throw new AssertionError("the page threw on `" + expression + "`: " + result.get("exceptionDetails"));
        }
        return result.path("result").path("value");
    }

    /** A PNG of the whole page as it is now, written to png (for a person to look at what a test saw). */
    public Path screenshot(Path png) {
        JsonNode result = call("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true));
        try {
            Files.write(png, java.util.Base64.getDecoder().decode(result.path("data").asText()));
            return png;
        } catch (IOException e) {
            throw new AssertionError("cannot write " + png + ": " + e, e);
        }
    }

    private JsonNode call(String method, Map<String, Object> params) {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        try {
            socket.sendText(JSON.writeValueAsString(Map.of("id", id, "method", method, "params", params)), true).get(10, TimeUnit.SECONDS);
            return answer.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(method + " failed: " + e, e);
        } finally {
            pending.remove(id);
        }
    }

    /** Waits until a JavaScript condition holds in the page, or fails naming it. */
    public void waitFor(String condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!evaluate("!!(" + condition + ")").asBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " did not happen within " + timeout + "; the page shows: "
                        + evaluate("document.body ? document.body.innerText.slice(0, 2000) : ''").asText());
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }

    private void answered(String message) {
        try {
            JsonNode node = JSON.readTree(message);
            CompletableFuture<JsonNode> answer = node.has("id") ? pending.get(node.get("id").asInt()) : null;
            if (answer != null) {
                answer.complete(node.has("error") ? JSON.createObjectNode().set("exceptionDetails", node.get("error")) : node.get("result"));
            }
        } catch (IOException e) {
            // not a protocol message: ignore
        }
    }

    @Override
    public void close() {
        socket.abort();
        browser.destroy();
        try {
            if (!browser.waitFor(10, TimeUnit.SECONDS)) {
                browser.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        HeadlessChromium.deleteQuietly(profile);
    }

    private static int devtoolsPort(Path errors, Process browser) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            Matcher matcher = DEVTOOLS.matcher(Files.exists(errors) ? Files.readString(errors) : "");
            if (matcher.find()) {
                return Integer.parseInt(matcher.group(2));
            }
            if (!browser.isAlive()) {
                throw new IOException("chromium exited " + browser.exitValue() + ": " + Files.readString(errors));
            }
            Thread.sleep(100);
        }
        throw new IOException("chromium did not open its DevTools port within 60 s");
    }

    /** Collects text frames (a message may come in several) and hands each whole message to the page. */
    private static final class Listener implements WebSocket.Listener {

        private final java.util.function.Supplier<ChromiumPage> page;
        private final StringBuilder partial = new StringBuilder();

        Listener(java.util.function.Supplier<ChromiumPage> page) {
            this.page = page;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String message = partial.toString();
                partial.setLength(0);
                ChromiumPage current = page.get();
                if (current != null) {
                    current.answered(message);
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}
