package dev.cutover.support.target;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A {@code jdbc:postgresql://} URL taken apart: its hosts, database and driver properties. */
public record TargetUrl(List<String> hosts, String database, List<String> properties) {

    /** Driver properties a plan may set; every other one is refused (docs/security.md#targets). */
    public static final Set<String> ALLOWED_PROPERTIES = Set.of("sslmode", "sslrootcert", "connectTimeout", "socketTimeout",
            "loginTimeout", "ApplicationName", "targetServerType", "tcpKeepAlive", "loadBalanceHosts", "hostRecheckSeconds");
    private static final Pattern URL = Pattern.compile("jdbc:postgresql://([^/?#]*)/([^/?#]+)(?:\\?([^#]*))?");
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    /** The URL's parts, or what is wrong with it as a message naming the fault. */
    public static Parsed parse(String jdbcUrl) {
        Matcher matcher = URL.matcher(jdbcUrl);
        if (!matcher.matches()) {
            return Parsed.problem("must be jdbc:postgresql://host[:port]/database[?property=value&...]");
        }
        String authority = matcher.group(1);
        if (authority.contains("@")) {
            return Parsed.problem("must not carry a user or password (user@host); name configured credentials instead");
        }
        if (authority.isEmpty()) {
            return Parsed.problem("must name a host");
        }
        List<String> properties = new ArrayList<>();
        if (matcher.group(3) != null && !matcher.group(3).isEmpty()) {
            for (String pair : matcher.group(3).split("&", -1)) {
                String key;
                try {
                    key = URLDecoder.decode(pair.split("=", 2)[0], StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    return Parsed.problem("has a malformed %-escape in '" + pair + "'");
                }
                if (!ALLOWED_PROPERTIES.contains(key)) {
                    return Parsed.problem("must not set driver property '" + key + "'; allowed: " + String.join(", ",
                            ALLOWED_PROPERTIES.stream().sorted().toList()));
                }
                properties.add(key);
            }
        }
        return new Parsed(Optional.of(new TargetUrl(List.of(authority.toLowerCase(Locale.ROOT).split(",")),
                matcher.group(2), properties)), null);
    }

    /** Whether both name the same database on the same server (loopback names taken as one host; port 5432 by default). */
    public boolean sameDatabaseAs(TargetUrl other) {
        return database.equals(other.database) && hosts.stream().map(TargetUrl::normalHost).anyMatch(
                h -> other.hosts.stream().map(TargetUrl::normalHost).anyMatch(h::equals));
    }

    private static String normalHost(String hostAndPort) {
        int colon = hostAndPort.lastIndexOf(':');
        boolean hasPort = colon > 0 && !hostAndPort.endsWith("]") && hostAndPort.indexOf(':') == colon;
        String host = hasPort ? hostAndPort.substring(0, colon) : hostAndPort;
        String port = hasPort ? hostAndPort.substring(colon + 1) : "5432";
        return (LOOPBACK.contains(host) ? "loopback" : host) + ":" + port;
    }

    /** Either the parts or the problem. */
    public record Parsed(Optional<TargetUrl> url, String problem) {

        static Parsed problem(String message) {
            return new Parsed(Optional.empty(), message);
        }
    }
}
