package io.tierblog.persistence;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where the database is and who to log in as, read from a URL in one of the forms hosted
 * PostgreSQL offerings and JDBC use:
 * <ul>
 *   <li>{@code postgresql://user:password@host:port/database?sslmode=require} or the same with
 *   {@code postgres://}: user and password are percent-decoded, the port defaults to 5432, the host
 *   may be an IPv6 literal in brackets, and query parameters are passed on to the JDBC URL;</li>
 *   <li>the same with several hosts, {@code postgresql://user:password@h1:p1,h2:p2/database?target_session_attrs=read-write}
 *   as libpq (and {@code pg_autoctl show uri}) writes it: {@code target_session_attrs} becomes
 *   PgJDBC's {@code targetServerType}, which defaults to {@code primary} when several hosts are
 *   listed, so that writes always reach the current primary;</li>
 *   <li>{@code jdbc:postgresql://host:port/database?user=...&password=...}, taken as it is, with
 *   the {@code user} and {@code password} parameters moved out of it.</li>
 * </ul>
 * {@link #jdbcUrl()} never holds the credentials, and neither {@link #toString()} nor any error
 * message shows the password.
 */
public final class DatabaseUrl {
    public static final int DEFAULT_PORT = 5432;

    private static final String JDBC_PREFIX = "jdbc:postgresql:";
    private static final String FORMS = "postgresql://user:password@host:port/database, postgres://... or "
            + "jdbc:postgresql://host:port/database";

    /** How long PgJDBC trusts what it learnt about a host (primary or standby) when the URL lists several. */
    public static final int MULTI_HOST_RECHECK_SECONDS = 2;

    private static final String TARGET_SESSION_ATTRS = "target_session_attrs";
    /** libpq's {@code target_session_attrs} values and PgJDBC's {@code targetServerType} for each. */
    private static final Map<String, String> TARGET_SERVER_TYPES = targetServerTypes();

    private final String jdbcUrl;
    private final String username;
    private final String password;

    private DatabaseUrl(String jdbcUrl, String username, String password) {
        this.jdbcUrl = jdbcUrl;
        this.username = username;
        this.password = password;
    }

    private static Map<String, String> targetServerTypes() {
        Map<String, String> types = new LinkedHashMap<>();
        types.put("read-write", "primary");
        types.put("primary", "primary");
        types.put("read-only", "secondary");
        types.put("standby", "secondary");
        types.put("prefer-standby", "preferSecondary");
        types.put("any", "any");
        return Collections.unmodifiableMap(types);
    }

    /**
     * Reads a URL in one of the accepted forms.
     *
     * @throws IllegalArgumentException when it is not one; the message never repeats the URL
     */
    public static DatabaseUrl parse(String url) {
        return parse(url, Role.PRIMARY);
    }

    /**
     * What a URL is for, which decides the driver settings added when the URL does not give them:
     * the {@code targetServerType} a libpq URL without {@code target_session_attrs} gets, and
     * whether connections are spread over its hosts.
     */
    public enum Role {
        /** Writes: with several hosts, {@code primary}; one host as it is. */
        PRIMARY,
        /**
         * Reads that a standby may serve: {@code preferSecondary} (libpq's {@code prefer-standby})
         * and {@code loadBalanceHosts=true}, with one host or several, so that connections are
         * spread over every standby listed and fall back to the primary when no standby answers.
         */
        REPLICA
    }

    /**
     * Reads a URL for the given role ({@link #parse(String)} is {@link Role#PRIMARY}).
     *
     * @throws IllegalArgumentException when it is not one; the message never repeats the URL
     */
    public static DatabaseUrl parse(String url, Role role) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("The database URL is empty; expected " + FORMS + ".");
        }
        String text = url.strip();
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.startsWith(JDBC_PREFIX)) {
            return parseJdbc(text);
        }
        for (String scheme : List.of("postgresql://", "postgres://")) {
            if (lower.startsWith(scheme)) {
                return parseUri(text.substring(scheme.length()), role);
            }
        }
        throw new IllegalArgumentException("The database URL does not start with postgresql://, postgres:// or "
                + "jdbc:postgresql:; expected " + FORMS + ".");
    }

    /** The URL for the PostgreSQL JDBC driver, without user name or password. */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    /**
     * A connection parameter of the JDBC URL ({@code sslmode}, {@code sslrootcert}, …), decoded as
     * the driver decodes it; never the user name or password, which are kept apart.
     */
    public Optional<String> parameter(String name) {
        int queryStart = jdbcUrl.indexOf('?');
        if (queryStart < 0) {
            return Optional.empty();
        }
        Optional<String> found = Optional.empty();
        for (String parameter : jdbcUrl.substring(queryStart + 1).split("&")) {
            int equals = parameter.indexOf('=');
            String key = equals < 0 ? parameter : parameter.substring(0, equals);
            if (key.equals(name)) {
                found = Optional.of(percentDecode(equals < 0 ? "" : parameter.substring(equals + 1), name, true));
            }
        }
        return found;
    }

    /**
     * The same URL without any occurrence of the connection parameter {@code name}: for a
     * parameter the app reads itself and the driver must not see.
     */
    public DatabaseUrl withoutParameter(String name) {
        int queryStart = jdbcUrl.indexOf('?');
        if (queryStart < 0) {
            return this;
        }
        List<String> kept = new ArrayList<>();
        for (String parameter : jdbcUrl.substring(queryStart + 1).split("&")) {
            int equals = parameter.indexOf('=');
            String key = equals < 0 ? parameter : parameter.substring(0, equals);
            if (!key.equals(name) && !parameter.isEmpty()) {
                kept.add(parameter);
            }
        }
        String base = jdbcUrl.substring(0, queryStart);
        return new DatabaseUrl(kept.isEmpty() ? base : base + "?" + String.join("&", kept), username, password);
    }

    /** The {@code host:port} entries of the JDBC URL, in order ({@code [::1]:5432} for IPv6). */
    public List<String> hosts() {
        String afterScheme = jdbcUrl.substring(JDBC_PREFIX.length());
        if (!afterScheme.startsWith("//")) {
            return List.of();
        }
        String rest = afterScheme.substring(2);
        int end = indexOfAny(rest, "/?");
        String list = end < 0 ? rest : rest.substring(0, end);
        List<String> hosts = new ArrayList<>();
        for (String host : list.split(",")) {
            if (!host.isEmpty()) {
                hosts.add(host);
            }
        }
        return List.copyOf(hosts);
    }

    /**
     * The same database on one of {@link #hosts()} only, without the settings that choose among
     * several hosts ({@code targetServerType}, {@code loadBalanceHosts}, {@code hostRecheckSeconds}):
     * a connection to exactly that server, whatever its role.
     */
    public DatabaseUrl forHost(String host) {
        List<String> hosts = hosts();
        if (!hosts.contains(host)) {
            throw new IllegalArgumentException("The database URL does not list that host.");
        }
        String rest = jdbcUrl.substring(JDBC_PREFIX.length() + 2);
        int end = indexOfAny(rest, "/?");
        DatabaseUrl single = new DatabaseUrl(JDBC_PREFIX + "//" + host + (end < 0 ? "" : rest.substring(end)),
                username, password);
        for (String name : List.of("targetServerType", "loadBalanceHosts", "hostRecheckSeconds")) {
            single = single.withoutParameter(name);
        }
        return single;
    }

    public Optional<String> username() {
        return Optional.ofNullable(username);
    }

    public Optional<String> password() {
        return Optional.ofNullable(password);
    }

    /** The JDBC URL and user name, with every password replaced by {@code ****}: safe to log. */
    public String redacted() {
        StringBuilder text = new StringBuilder(redactPasswordParameters(jdbcUrl));
        if (username != null || password != null) {
            text.append(" (user ").append(username == null ? "not given" : username);
            if (password != null) {
                text.append(", password ****");
            }
            text.append(')');
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return redacted();
    }

    private static DatabaseUrl parseUri(String rest, Role role) {
        int authorityEnd = indexOfAny(rest, "/?");
        String authority = authorityEnd < 0 ? rest : rest.substring(0, authorityEnd);
        String tail = authorityEnd < 0 ? "" : rest.substring(authorityEnd);
        int queryStart = tail.indexOf('?');
        String path = queryStart < 0 ? tail : tail.substring(0, queryStart);
        String query = queryStart < 0 ? "" : tail.substring(queryStart + 1);
        if (path.indexOf('@') >= 0) {
            throw new IllegalArgumentException("The database URL has an '@' after the host: percent-encode '/', '?' "
                    + "and '@' in the user name and password (as %2F, %3F and %40).");
        }

        int at = authority.lastIndexOf('@');
        String username = null;
        String password = null;
        if (at >= 0) {
            String userInfo = authority.substring(0, at);
            int colon = userInfo.indexOf(':');
            String user = colon < 0 ? userInfo : userInfo.substring(0, colon);
            username = emptyToNull(percentDecode(user, "user name", false));
            if (colon >= 0) {
                password = percentDecode(userInfo.substring(colon + 1), "password", false);
            }
        }
        List<String> hosts = hostsAndPorts(authority.substring(at + 1));
        String database = database(path);

        Parameters parameters = Parameters.split(query, false).forHosts(hosts.size(), role);
        username = username != null ? username : parameters.user;
        password = password != null ? password : parameters.password;
        String jdbcUrl = "jdbc:postgresql://" + String.join(",", hosts) + "/" + database + parameters.rest();
        return new DatabaseUrl(jdbcUrl, username, password);
    }

    private static DatabaseUrl parseJdbc(String text) {
        int queryStart = text.indexOf('?');
        String base = queryStart < 0 ? text : text.substring(0, queryStart);
        if (base.length() == JDBC_PREFIX.length()) {
            throw new IllegalArgumentException("The JDBC URL names no host or database; expected "
                    + "jdbc:postgresql://host:port/database.");
        }
        Parameters parameters = Parameters.split(queryStart < 0 ? "" : text.substring(queryStart + 1), true);
        return new DatabaseUrl(base + parameters.rest(), parameters.user, parameters.password);
    }

    /**
     * The comma-separated {@code host[:port]} list of a libpq URL, each with its port (5432 when not
     * given), as PgJDBC takes them.
     */
    private static List<String> hostsAndPorts(String text) {
        List<String> hosts = new ArrayList<>();
        int start = 0;
        boolean inBrackets = false;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : ',';
            if (c == '[') {
                inBrackets = true;
            } else if (c == ']') {
                inBrackets = false;
            } else if (c == ',' && !inBrackets) {
                hosts.add(hostAndPort(text.substring(start, i)));
                start = i + 1;
            }
        }
        if (inBrackets) {
            throw new IllegalArgumentException("The database URL's IPv6 host has no closing ']'.");
        }
        return hosts;
    }

    private static String hostAndPort(String text) {
        String host;
        String portText;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("The database URL's IPv6 host has no closing ']'.");
            }
            host = text.substring(0, close + 1);
            if (!host.substring(1, host.length() - 1).matches("[0-9A-Fa-f:.]+(%[0-9A-Za-z._~-]+)?")) {
                throw new IllegalArgumentException("The database URL's IPv6 host is not an IPv6 address.");
            }
            String after = text.substring(close + 1);
            if (!after.isEmpty() && !after.startsWith(":")) {
                throw new IllegalArgumentException("The database URL has text after its IPv6 host that is not a port.");
            }
            portText = after.isEmpty() ? null : after.substring(1);
        } else {
            int colon = text.indexOf(':');
            if (colon >= 0 && text.indexOf(':', colon + 1) >= 0) {
                throw new IllegalArgumentException("The database URL's host has several ':'; write an IPv6 host in "
                        + "brackets, as in postgresql://user@[::1]:5432/database.");
            }
            host = colon < 0 ? text : text.substring(0, colon);
            portText = colon < 0 ? null : text.substring(colon + 1);
            if (!host.matches("[0-9A-Za-z._-]*")) {
                throw new IllegalArgumentException("The database URL's host is not a host name or IP address.");
            }
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("The database URL names no host (or an empty one in its list of "
                    + "hosts); expected " + FORMS + ".");
        }
        return host + ":" + port(portText);
    }

    private static int port(String text) {
        if (text == null || text.isEmpty()) {
            return DEFAULT_PORT;
        }
        if (text.length() > 5 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("The database URL's port is not a number from 1 to 65535.");
        }
        int port = Integer.parseInt(text);
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("The database URL's port is not a number from 1 to 65535.");
        }
        return port;
    }

    private static String database(String path) {
        String name = path.startsWith("/") ? path.substring(1) : path;
        if (name.isEmpty()) {
            throw new IllegalArgumentException("The database URL names no database; expected " + FORMS + ".");
        }
        if (name.indexOf('/') >= 0) {
            throw new IllegalArgumentException("The database URL's path has more than a database name.");
        }
        percentDecode(name, "database name", false);
        return name;
    }

    private static int indexOfAny(String text, String characters) {
        for (int i = 0; i < text.length(); i++) {
            if (characters.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static String emptyToNull(String text) {
        return text.isEmpty() ? null : text;
    }

    private static String redactPasswordParameters(String url) {
        int queryStart = url.indexOf('?');
        if (queryStart < 0) {
            return url;
        }
        List<String> shown = new ArrayList<>();
        for (String parameter : url.substring(queryStart + 1).split("&")) {
            int equals = parameter.indexOf('=');
            String name = equals < 0 ? parameter : parameter.substring(0, equals);
            shown.add(name.toLowerCase(Locale.ROOT).contains("password") ? name + "=****" : parameter);
        }
        return url.substring(0, queryStart + 1) + String.join("&", shown);
    }

    /**
     * Decodes {@code %XX} escapes as UTF-8. Errors name the part, never its text: the part may be a
     * password.
     */
    static String percentDecode(String text, String part, boolean plusIsSpace) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                if (i + 2 >= text.length() || Character.digit(text.charAt(i + 1), 16) < 0
                        || Character.digit(text.charAt(i + 2), 16) < 0) {
                    throw new IllegalArgumentException("The database URL's " + part
                            + " has a '%' that does not start a %XX escape; write a literal '%' as %25.");
                }
                bytes.write(Character.digit(text.charAt(i + 1), 16) * 16 + Character.digit(text.charAt(i + 2), 16));
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                bytes.write(' ');
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException notUtf8) {
            throw new IllegalArgumentException("The database URL's " + part + " is not percent-encoded UTF-8.");
        }
    }

    /** Query parameters with the credentials taken out. */
    private record Parameters(List<String> kept, String user, String password) {
        static Parameters split(String query, boolean plusIsSpace) {
            List<String> kept = new ArrayList<>();
            String user = null;
            String password = null;
            for (String parameter : query.split("&")) {
                if (parameter.isEmpty()) {
                    continue;
                }
                int equals = parameter.indexOf('=');
                String name = equals < 0 ? parameter : parameter.substring(0, equals);
                String value = equals < 0 ? "" : parameter.substring(equals + 1);
                switch (name) {
                    case "user" -> user = emptyToNull(percentDecode(value, "user name", plusIsSpace));
                    case "password" -> password = percentDecode(value, "password", plusIsSpace);
                    default -> kept.add(parameter);
                }
            }
            return new Parameters(kept, user, password);
        }

        /**
         * The parameters PgJDBC needs for this many hosts: libpq's {@code target_session_attrs}
         * becomes {@code targetServerType}; with several hosts and neither given, writes must reach
         * the primary, so {@code targetServerType=primary}; and with several hosts the driver
         * rechecks which one is primary after {@value DatabaseUrl#MULTI_HOST_RECHECK_SECONDS} s instead of
         * its default 10, unless {@code hostRecheckSeconds} is given.
         */
        Parameters forHosts(int hosts, Role role) {
            List<String> adjusted = new ArrayList<>();
            String targetServerType = null;
            boolean targetGiven = false;
            boolean recheckGiven = false;
            boolean balanceGiven = false;
            for (String parameter : kept) {
                int equals = parameter.indexOf('=');
                String name = equals < 0 ? parameter : parameter.substring(0, equals);
                String value = equals < 0 ? "" : parameter.substring(equals + 1);
                switch (name) {
                    case TARGET_SESSION_ATTRS -> {
                        if (targetServerType != null) {
                            throw new IllegalArgumentException("The database URL gives " + TARGET_SESSION_ATTRS
                                    + " more than once.");
                        }
                        targetServerType = targetServerType(percentDecode(value, TARGET_SESSION_ATTRS, false));
                    }
                    case "targetServerType" -> {
                        targetGiven = true;
                        adjusted.add(parameter);
                    }
                    case "hostRecheckSeconds" -> {
                        recheckGiven = true;
                        adjusted.add(parameter);
                    }
                    case "loadBalanceHosts" -> {
                        balanceGiven = true;
                        adjusted.add(parameter);
                    }
                    default -> adjusted.add(parameter);
                }
            }
            if (targetServerType != null && targetGiven) {
                throw new IllegalArgumentException("The database URL gives both " + TARGET_SESSION_ATTRS
                        + " and targetServerType; give one.");
            }
            if (targetServerType == null && !targetGiven && role == Role.REPLICA) {
                targetServerType = "preferSecondary";
            } else if (targetServerType == null && !targetGiven && hosts > 1) {
                targetServerType = "primary";
            }
            if (targetServerType != null) {
                adjusted.add("targetServerType=" + targetServerType);
            }
            if (role == Role.REPLICA && !balanceGiven) {
                adjusted.add("loadBalanceHosts=true");
            }
            if (hosts > 1 && !recheckGiven) {
                adjusted.add("hostRecheckSeconds=" + MULTI_HOST_RECHECK_SECONDS);
            }
            return new Parameters(adjusted, user, password);
        }

        private static String targetServerType(String attributes) {
            String mapped = TARGET_SERVER_TYPES.get(attributes);
            if (mapped == null) {
                throw new IllegalArgumentException("The database URL's " + TARGET_SESSION_ATTRS + " is not one of "
                        + String.join(", ", TARGET_SERVER_TYPES.keySet()) + ".");
            }
            return mapped;
        }

        String rest() {
            return kept.isEmpty() ? "" : "?" + String.join("&", kept);
        }

        @Override
        public String toString() {
            return "Parameters" + kept;
        }
    }
}
