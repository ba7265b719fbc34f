package dev.cutover.e2e;

import java.nio.file.Files;
import java.nio.file.Path;

final class Repository {

    private Repository() {
    }

    /** Maven runs a module's tests in the module directory: the root is the nearest parent with both files. */
    static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isRegularFile(dir.resolve("docker-compose.yml"))) {
                return dir;
            }
        }
        throw new AssertionError("no directory with both pom.xml and docker-compose.yml above " + Path.of("").toAbsolutePath());
    }
}
