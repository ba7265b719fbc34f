import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Makes the broker's users and ACLs what access.properties says, in one JVM (bin/cutover runs it as a
 * source file after every broker start): a SCRAM-SHA-512 credential per principal from the password
 * file of that name, its grants added and any grant the table no longer holds removed.
 *
 * <p>Usage: {@code java -cp KAFKA_LIBS/* KafkaAccess.java BOOTSTRAP CLIENT_CONFIG CREDENTIALS_DIR ACCESS_FILE}
 * where CLIENT_CONFIG signs in as the super user.
 */
public class KafkaAccess {

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            throw new IllegalArgumentException("usage: KafkaAccess BOOTSTRAP CLIENT_CONFIG CREDENTIALS_DIR ACCESS_FILE");
        }
        Properties client = load(Path.of(args[1]));
        client.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        Path credentials = Path.of(args[2]);
        Properties access = load(Path.of(args[3]));

        Set<String> principals = new TreeSet<>();
        Set<AclBinding> wanted = new LinkedHashSet<>();
        for (String key : access.stringPropertyNames()) {
            int dot = key.lastIndexOf('.');
            String principal = key.substring(0, dot);
            String kind = key.substring(dot + 1);
            principals.add(principal);
            for (String topic : access.getProperty(key).split(",")) {
                switch (kind) {
                    case "produces" -> wanted.add(grant(principal, ResourceType.TOPIC, topic.strip(), PatternType.LITERAL, AclOperation.WRITE));
                    case "consumes" -> {
                        wanted.add(grant(principal, ResourceType.TOPIC, topic.strip(), PatternType.LITERAL, AclOperation.READ));
                        wanted.add(grant(principal, ResourceType.GROUP, principal, PatternType.PREFIXED, AclOperation.READ));
                    }
                    default -> throw new IllegalArgumentException(key + ": expected <principal>.produces or <principal>.consumes");
                }
            }
        }

        try (Admin admin = Admin.create(client)) {
            List<UserScramCredentialAlteration> users = new ArrayList<>();
            for (String principal : principals) {
                String password = Files.readString(credentials.resolve(principal), StandardCharsets.UTF_8).strip();
                users.add(new UserScramCredentialUpsertion(principal,
                        new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), password));
            }
            admin.alterUserScramCredentials(users).all().get();

            List<AclBindingFilter> stale = admin.describeAcls(AclBindingFilter.ANY).values().get().stream()
                    .filter(binding -> !wanted.contains(binding))
                    .map(AclBinding::toFilter)
                    .toList();
            if (!stale.isEmpty()) {
                admin.deleteAcls(stale).all().get();
            }
            admin.createAcls(wanted).all().get();
            System.out.println(principals.size() + " users, " + wanted.size() + " grants, " + stale.size() + " stale grants removed");
        }
    }

    private static AclBinding grant(String principal, ResourceType type, String name, PatternType pattern, AclOperation operation) {
        return new AclBinding(new ResourcePattern(type, name, pattern),
                new AccessControlEntry("User:" + principal, "*", operation, AclPermissionType.ALLOW));
    }

    private static Properties load(Path file) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = new FileInputStream(file.toFile())) {
            properties.load(in);
        }
        return properties;
    }
}
