package dev.cutover.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Chromium, headless, for tests of pages the services serve: the DOM after the page's
 * scripts ran, and a screenshot. bin/cutover test installs the {@code chromium} package; elsewhere
 * set {@code CUTOVER_CHROMIUM} to the binary.
 */
public final class HeadlessChromium {

    private static final long TIMEOUT_SECONDS = 90;

    private HeadlessChromium() {
    }

    /** The serialised DOM of the page at url once its scripts have run. */
    public static String dumpDom(String url) {
        return new String(run("--dump-dom", url), StandardCharsets.UTF_8);
    }

    /** A PNG of the page at url, width x height pixels, written to png. */
    public static Path screenshot(String url, Path png, int width, int height) {
        run("--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height, "--hide-scrollbars", url);
        if (!Files.isRegularFile(png)) {
            throw new AssertionError("chromium wrote no screenshot of " + url + " to " + png);
        }
        return png;
    }

    /** The browser and the flags every headless run uses, with a profile directory of its own. */
    static List<String> command(Path profile) {
        String binary = System.getenv().getOrDefault("CUTOVER_CHROMIUM", "/usr/bin/chromium");
        if (!Files.isExecutable(Path.of(binary))) {
            throw new AssertionError(binary + " is missing: install Debian's chromium package (bin/cutover test does)"
                    + " or set CUTOVER_CHROMIUM");
        }
        // a profile of its own: two runs at once would otherwise share a locked profile directory
        return new ArrayList<>(List.of(binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--user-data-dir=" + profile));
    }

    private static byte[] run(String... arguments) {
        Path profile = null;
        try {
            profile = Files.createTempDirectory("cutover-chromium");
            List<String> command = command(profile);
            // lets timers and rendering settle before the DOM is dumped
            command.add("--virtual-time-budget=5000");
            command.addAll(List.of(arguments));
            Path output = profile.resolve("stdout");
            Path errors = profile.resolve("stderr.log");
            Process process = new ProcessBuilder(command).redirectOutput(output.toFile()).redirectError(errors.toFile())
                    .start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("chromium did not finish within " + TIMEOUT_SECONDS + " s: " + command);
            }
            if (process.exitValue() != 0) {
                throw new AssertionError("chromium exited " + process.exitValue() + ": " + Files.readString(errors));
            }
            return Files.readAllBytes(output);
        } catch (IOException e) {
            throw new AssertionError("cannot run chromium: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while chromium ran", e);
        } finally {
            deleteQuietly(profile);
        }
    }

    static void deleteQuietly(Path directory) {
        if (directory == null) {
            return;
        }
        // A Chromium that is still exiting removes its own temporary files while the walk runs (the
        // stream then throws UncheckedIOException): walk again; a profile left behind costs kilobytes.
        for (int attempt = 0; attempt < 3 && Files.exists(directory); attempt++) {
            try (var paths = Files.walk(directory)) {
                paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
            } catch (IOException | UncheckedIOException ignored) {
                // a file vanished under the walk
            }
        }
    }
}
