package dev.cutover.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Checks docker-compose.yml and the services' Dockerfile.jvm statically, against the files they must
 * agree with: the root pom's modules, each service's application.properties (and the configuration
 * all services share, in service-support) and the topic list.
 * Nothing here needs a Docker engine.
 */
class DockerComposeConfigurationTest {

    private static final Path TOPICS =
            Path.of("events", "src", "main", "resources", "dev", "cutover", "events", "topics.properties");
    private static final Pattern HTTP_PORT_DEFAULT =
            Pattern.compile("^\\s*quarkus\\.http\\.port\\s*=\\s*\\$\\{CUTOVER_HTTP_PORT:(\\d+)}\\s*$", Pattern.MULTILINE);
    private static final Pattern EXPOSE = Pattern.compile("^\\s*EXPOSE\\s+(\\d+)(?:/tcp)?\\s*$",
            Pattern.MULTILINE | Pattern.CASE_INSENSITIVE);
    private static final Pattern TOPIC = Pattern.compile("--topic[ =](\\S+)");
    private static final Pattern PARTITIONS = Pattern.compile("--partitions[ =](\\d+)");

    private static Path root;
    private static JsonNode services;

    @BeforeAll
    static void readCompose() throws IOException {
        root = Repository.root();
        JsonNode compose = new ObjectMapper(new YAMLFactory()).readTree(root.resolve("docker-compose.yml").toFile());
        services = compose.path("services");
        assertTrue(services.isObject() && services.size() > 0, "docker-compose.yml has no services: section");
    }

    /** Compose services that are built from a module, by service name, with the module directory. */
    private static Map<String, Path> builtServices() {
        Map<String, Path> built = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> service : services.properties()) {
            JsonNode build = service.getValue().get("build");
            if (build == null) {
                continue;
            }
            String context = build.isTextual() ? build.asText() : build.path("context").asText(".");
            built.put(service.getKey(), root.resolve(context).normalize());
        }
        assertFalse(built.isEmpty(), "docker-compose.yml builds no service from a module");
        return built;
    }

    private static Path dockerfile(String service, Path module) {
        JsonNode build = services.get(service).get("build");
        String name = build.isObject() ? build.path("dockerfile").asText("Dockerfile") : "Dockerfile";
        return module.resolve(name);
    }

    /** The service's environment, as a map whether written as a map or as a list of NAME=value. */
    private static Map<String, String> environment(String service) {
        Map<String, String> env = new LinkedHashMap<>();
        JsonNode node = services.get(service).path("environment");
        if (node.isObject()) {
            node.properties().forEach(e -> env.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText()));
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                String[] parts = item.asText().split("=", 2);
                env.put(parts[0], parts.length > 1 ? parts[1] : null);
            }
        }
        return env;
    }

    /** Container ports of the service's ports: entries ("8081:8081", "127.0.0.1:8081:8081/tcp", long form). */
    private static List<String> containerPorts(String service) {
        List<String> ports = new ArrayList<>();
        for (JsonNode port : services.get(service).path("ports")) {
            if (port.isObject()) {
                ports.add(port.path("target").asText());
            } else {
                String spec = port.asText().replaceFirst("/(tcp|udp)$", "");
                ports.add(spec.substring(spec.lastIndexOf(':') + 1));
            }
        }
        return ports;
    }

    private static String read(Path file, String what) {
        assertTrue(Files.isRegularFile(file), what + " does not exist: " + root.relativize(file));
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file, e);
        }
    }

    private static Path applicationProperties(Path module) {
        return module.resolve(Path.of("src", "main", "resources", "application.properties"));
    }

    private static String text(JsonNode commandOrTest) {
        if (commandOrTest.isArray()) {
            List<String> parts = new ArrayList<>();
            commandOrTest.forEach(part -> parts.add(part.asText()));
            return String.join(" ", parts);
        }
        return commandOrTest.asText();
    }

    @Test
    void everyBuiltServiceUsesOnePortEverywhere() {
        builtServices().forEach((service, module) -> {
            assertTrue(Files.isDirectory(module), service + ": build context is not a directory: " + module);
            assertTrue(Files.isRegularFile(module.resolve("pom.xml")), service + ": build context is not a Maven module: " + module);
            Path dockerfile = dockerfile(service, module);
            String docker = read(dockerfile, service + "'s Dockerfile");

            Matcher expose = EXPOSE.matcher(docker);
            assertTrue(expose.find(), service + ": " + root.relativize(dockerfile) + " has no EXPOSE <port>");
            String exposed = expose.group(1);
            assertFalse(expose.find(), service + ": " + root.relativize(dockerfile) + " exposes more than one port");

            assertEquals(List.of(exposed), containerPorts(service),
                    service + ": the container port in docker-compose.yml ports: must be the Dockerfile's EXPOSE " + exposed);
            assertEquals(exposed, environment(service).get("CUTOVER_HTTP_PORT"),
                    service + ": CUTOVER_HTTP_PORT in docker-compose.yml must be the Dockerfile's EXPOSE " + exposed);

            Path properties = applicationProperties(module);
            Matcher portDefault = HTTP_PORT_DEFAULT.matcher(read(properties, service + "'s application.properties"));
            assertTrue(portDefault.find(), service + ": " + root.relativize(properties)
                    + " has no line quarkus.http.port=${CUTOVER_HTTP_PORT:<port>}");
            assertEquals(exposed, portDefault.group(1), service + ": the default of quarkus.http.port in "
                    + root.relativize(properties) + " must be the Dockerfile's EXPOSE " + exposed);

            String healthcheck = text(services.get(service).path("healthcheck").path("test"));
            assertTrue(healthcheck.contains(":" + exposed + "/q/health/ready"),
                    service + ": the healthcheck must ask /q/health/ready on port " + exposed + ", not: " + healthcheck);
        });
    }

    /** Configuration every service shares lives once, in service-support; a service may override it. */
    private Path sharedProperties() {
        return root.resolve(Path.of("service-support", "src", "main", "resources", "META-INF", "microprofile-config.properties"));
    }

    @Test
    void everyVariableGivenToAServiceIsReadByIt() {
        String shared = read(sharedProperties(), "the shared service configuration");
        builtServices().forEach((service, module) -> {
            Path properties = applicationProperties(module);
            String text = read(properties, service + "'s application.properties") + "\n" + shared;
            Map<String, String> env = environment(service);
            assertFalse(env.isEmpty(), service + " has no environment: in docker-compose.yml");
            for (String name : env.keySet()) {
                boolean read = text.contains("${" + name + ":") || text.contains("${" + name + "}");
                assertTrue(read, service + ": docker-compose.yml sets " + name + " but neither " + root.relativize(properties)
                        + " nor " + root.relativize(sharedProperties()) + " reads it as ${" + name + ":default} or ${" + name + "}");
            }
        });
    }

    @Test
    void everyServiceModuleOfTheRootPomIsInCompose() throws Exception {
        org.w3c.dom.Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(root.resolve("pom.xml").toFile());
        NodeList modules = pom.getElementsByTagName("module");
        TreeSet<String> serviceModules = new TreeSet<>();
        for (int i = 0; i < modules.getLength(); i++) {
            String module = ((Element) modules.item(i)).getTextContent().trim();
            if (module.endsWith("-service")) {
                serviceModules.add(module);
            }
        }
        assertFalse(serviceModules.isEmpty(), "the root pom.xml lists no *-service module");

        TreeSet<String> builtModules = new TreeSet<>();
        builtServices().values().forEach(module -> builtModules.add(root.relativize(module).toString()));
        for (String module : serviceModules) {
            assertTrue(builtModules.contains(module),
                    "module " + module + " of the root pom.xml has no service built from ./" + module
                            + " in docker-compose.yml (built: " + builtModules + ")");
        }
    }

    @Test
    void kafkaTopicsCreatesExactlyTheTopicsOfTopicsProperties() throws IOException {
        Properties topics = new Properties();
        try (Reader reader = Files.newBufferedReader(root.resolve(TOPICS), StandardCharsets.UTF_8)) {
            topics.load(reader);
        }
        Map<String, Integer> expected = new TreeMap<>();
        topics.stringPropertyNames().forEach(name -> expected.put(name, Integer.valueOf(topics.getProperty(name).trim())));
        assertFalse(expected.isEmpty(), TOPICS + " lists no topic");

        JsonNode creator = services.get("kafka-topics");
        assertNotNull(creator, "docker-compose.yml has no kafka-topics service");
        String script = text(creator.path("entrypoint")) + "\n" + text(creator.path("command"));
        Map<String, Integer> created = new TreeMap<>();
        for (String line : script.split("\n")) {
            if (!line.contains("--create")) {
                continue;
            }
            Matcher topic = TOPIC.matcher(line);
            Matcher partitions = PARTITIONS.matcher(line);
            assertTrue(topic.find() && partitions.find(),
                    "kafka-topics: a --create line names no --topic or no --partitions: " + line.trim());
            assertTrue(line.contains("--if-not-exists"), "kafka-topics: a --create line lacks --if-not-exists: " + line.trim());
            Integer before = created.put(topic.group(1), Integer.valueOf(partitions.group(1)));
            assertEquals(null, before, "kafka-topics creates topic " + topic.group(1) + " twice");
        }
        assertEquals(expected, created,
                "kafka-topics in docker-compose.yml must create the topics of " + TOPICS + " with their partition counts");
    }

    @Test
    void everythingHasAHealthcheckAndServicesWaitForTheirInfrastructure() {
        List<String> needHealthchecks = new ArrayList<>(List.of("postgres", "kafka"));
        needHealthchecks.addAll(builtServices().keySet());
        for (String service : needHealthchecks) {
            JsonNode definition = services.get(service);
            assertNotNull(definition, "docker-compose.yml has no service " + service);
            JsonNode test = definition.path("healthcheck").path("test");
            assertFalse(test.isMissingNode() || text(test).isBlank(), service + " has no healthcheck test in docker-compose.yml");
            assertFalse(definition.path("healthcheck").path("disable").asBoolean(false), service + "'s healthcheck is disabled");
        }

        Map<String, String> required = Map.of(
                "postgres", "service_healthy",
                "kafka", "service_healthy",
                "kafka-topics", "service_completed_successfully");
        for (String service : builtServices().keySet()) {
            JsonNode dependsOn = services.get(service).path("depends_on");
            assertTrue(dependsOn.isObject(), service + ": depends_on must be a map with conditions");
            required.forEach((dependency, condition) -> assertEquals(condition,
                    dependsOn.path(dependency).path("condition").asText(null),
                    service + " must depend on " + dependency + " with condition " + condition));
        }
    }

    @Test
    void imagesAreNamedWithoutARegistryHostAndRunAsNonRoot() {
        for (Map.Entry<String, JsonNode> service : services.properties()) {
            JsonNode image = service.getValue().get("image");
            if (image != null) {
                assertPlainImageName(image.asText(), "docker-compose.yml service " + service.getKey());
            }
        }
        builtServices().forEach((service, module) -> {
            Path dockerfile = dockerfile(service, module);
            String docker = read(dockerfile, service + "'s Dockerfile");
            Matcher from = Pattern.compile("^\\s*FROM\\s+(\\S+)", Pattern.MULTILINE | Pattern.CASE_INSENSITIVE).matcher(docker);
            assertTrue(from.find(), root.relativize(dockerfile) + " has no FROM");
            do {
                assertPlainImageName(from.group(1), root.relativize(dockerfile).toString());
            } while (from.find());

            Matcher user = Pattern.compile("^\\s*USER\\s+(\\S+)", Pattern.MULTILINE | Pattern.CASE_INSENSITIVE).matcher(docker);
            String last = null;
            while (user.find()) {
                last = user.group(1);
            }
            assertTrue(last != null && !last.equals("root") && !last.equals("0") && !last.startsWith("0:"),
                    root.relativize(dockerfile) + " must end on a non-root USER, not " + last);
            assertTrue(docker.contains("/deployments/quarkus-run.jar"),
                    root.relativize(dockerfile) + " must start /deployments/quarkus-run.jar");
        });
    }

    /** A Docker Hub name: its first path part is no host (no dot, no port, not localhost). */
    private static void assertPlainImageName(String image, String where) {
        String first = image.split("/", 2)[0];
        boolean host = image.contains("/") && (first.contains(".") || first.contains(":") || first.equals("localhost"));
        assertFalse(host, where + ": image " + image + " names a registry host; use the plain Docker Hub name");
    }
}
