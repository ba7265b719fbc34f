package dev.cutover.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Checks docker-compose.yml and the images' Dockerfiles (stack/docker) statically, against what they
 * must agree with: the root pom's service modules, each service's application.properties (and the
 * configuration all services share) and the rule that no secret is written in the file. Nothing here
 * needs a Docker engine; the deployment itself is started by the tests that do.
 */
class DockerComposeConfigurationTest {

    private static final Pattern HTTP_PORT_DEFAULT =
            Pattern.compile("^\\s*quarkus\\.http\\.port\\s*=\\s*\\$\\{CUTOVER_HTTP_PORT:(\\d+)}\\s*$", Pattern.MULTILINE);
    private static final Pattern IMAGE = Pattern.compile("^\\$\\{CUTOVER_IMAGE_PREFIX:-cutover}/([a-z-]+):\\$\\{CUTOVER_IMAGE_TAG:-latest}$");

    private static Path root;
    private static JsonNode services;

    @BeforeAll
    static void readCompose() throws IOException {
        root = Repository.root();
        JsonNode compose = new ObjectMapper(new YAMLFactory()).readTree(root.resolve("docker-compose.yml").toFile());
        services = compose.path("services");
        assertTrue(services.isObject() && services.size() > 0, "docker-compose.yml has no services: section");
    }

    private static List<String> serviceModules() throws Exception {
        org.w3c.dom.Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(root.resolve("pom.xml").toFile());
        NodeList modules = pom.getElementsByTagName("module");
        TreeSet<String> serviceModules = new TreeSet<>();
        for (int i = 0; i < modules.getLength(); i++) {
            String module = ((Element) modules.item(i)).getTextContent().trim();
            if (module.endsWith("-service")) {
                serviceModules.add(module);
            }
        }
        assertFalse(serviceModules.isEmpty(), "the root pom.xml lists no *-service module");
        return List.copyOf(serviceModules);
    }

    /** The image a compose service runs, without prefix and tag: postgres, kafka, migration-service, … */
    private static String image(String service) {
        String image = services.path(service).path("image").asText("");
        Matcher matcher = IMAGE.matcher(image);
        assertTrue(matcher.matches(), service + ": image must be ${CUTOVER_IMAGE_PREFIX:-cutover}/<name>:${CUTOVER_IMAGE_TAG:-latest} "
                + "(built here by bin/cutover images, no registry host), not " + image);
        return matcher.group(1);
    }

    private static Path dockerfile(String image) {
        String name = image.endsWith("-service") ? "service" : image;
        return root.resolve("stack/docker/" + name + ".Dockerfile");
    }

    private static String read(Path file) {
        assertTrue(Files.isRegularFile(file), root.relativize(file) + " does not exist");
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file, e);
        }
    }

    @Test
    void everyServiceModuleRunsItsOwnImageOnItsOwnPort() throws Exception {
        for (String module : serviceModules()) {
            assertNotNull(services.get(module), "module " + module + " of the root pom.xml is not a service in docker-compose.yml");
            assertEquals(module, image(module), module + " must run the image of its own name");
            Matcher port = HTTP_PORT_DEFAULT.matcher(read(root.resolve(module + "/src/main/resources/application.properties")));
            assertTrue(port.find(), module + ": application.properties gives no default quarkus.http.port");
            List<String> published = new ArrayList<>();
            services.get(module).path("ports").forEach(p -> published.add(p.asText()));
            assertEquals(List.of(port.group(1) + ":" + port.group(1)), published,
                    module + " must publish its default port (the image listens there)");
        }
    }

    @Test
    void everyVariableGivenToAServiceIsReadByIt() throws Exception {
        String shared = read(root.resolve("service-support/src/main/resources/META-INF/microprofile-config.properties"));
        for (String module : serviceModules()) {
            String text = read(root.resolve(module + "/src/main/resources/application.properties")) + "\n" + shared;
            services.get(module).path("environment").properties().forEach(variable -> assertTrue(
                    text.contains("${" + variable.getKey() + ":") || text.contains("${" + variable.getKey() + "}"),
                    module + ": docker-compose.yml sets " + variable.getKey() + ", which its configuration never reads"));
        }
    }

    @Test
    void noSecretIsWrittenInTheFile() throws Exception {
        for (Map.Entry<String, JsonNode> service : services.properties()) {
            service.getValue().path("environment").properties().forEach(variable -> assertFalse(
                    variable.getKey().contains("PASSWORD") || variable.getKey().contains("SECRET"),
                    service.getKey() + ": " + variable.getKey() + " belongs in an env file or a mounted secret, not here"));
        }
        for (String module : serviceModules()) {
            assertTrue(services.get(module).path("env_file").asText("").endsWith("/compose/env/" + module + ".env"),
                    module + " must read its own passwords from .cutover/compose/env/" + module + ".env");
        }
    }

    @Test
    void everythingRestartsHasAHealthCheckAndServicesWaitForTheirInfrastructure() throws Exception {
        for (Map.Entry<String, JsonNode> service : services.properties()) {
            assertEquals("unless-stopped", service.getValue().path("restart").asText(null), service.getKey() + "'s restart policy");
            String docker = read(dockerfile(image(service.getKey())));
            assertTrue(docker.contains("HEALTHCHECK"), dockerfile(image(service.getKey())) + " has no HEALTHCHECK");
        }
        for (String module : serviceModules()) {
            JsonNode dependsOn = services.get(module).path("depends_on");
            for (String infrastructure : List.of("postgres", "kafka")) {
                assertEquals("service_healthy", dependsOn.path(infrastructure).path("condition").asText(null),
                        module + " must wait for " + infrastructure + " to be healthy");
            }
        }
    }

    @Test
    void imagesStartFromTheBaseAndRunAsNonRoot() {
        for (String image : List.of("jre", "postgres", "kafka", "service")) {
            Path file = root.resolve("stack/docker/" + image + ".Dockerfile");
            String docker = read(file);
            Matcher from = Pattern.compile("^\\s*FROM\\s+(\\S+)", Pattern.MULTILINE).matcher(docker);
            assertTrue(from.find() && from.group(1).startsWith("${"), file + ": FROM must be the base or JRE image given by bin/cutover images");
            Matcher user = Pattern.compile("^\\s*USER\\s+(\\S+)", Pattern.MULTILINE).matcher(docker);
            String last = null;
            while (user.find()) {
                last = user.group(1);
            }
            if (!image.equals("jre")) {
                assertTrue(last != null && !last.equals("root") && !last.equals("0"), file + " must end on a non-root USER, not " + last);
            }
        }
    }
}
