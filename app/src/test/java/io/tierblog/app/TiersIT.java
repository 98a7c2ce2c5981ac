package io.tierblog.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three tiers as an operator runs them: a PostgreSQL that takes TLS connections only, two
 * instances of the shipped jar reaching it with {@code sslmode=verify-full}, and nginx on a host
 * of its own (a network namespace) terminating TLS with the project's own
 * {@code deploy/nginx/tierblog.conf}, unchanged. Runs where nginx is installed and network
 * namespaces can be made (root); {@code .ci/run} installs nginx and sets
 * {@value #REQUIRE} so that it cannot skip there.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TiersIT {
    static final String REQUIRE = "TIERBLOG_REQUIRE_NGINX";
    private static final Path NGINX_FILES = Path.of("..", "deploy", "nginx");
    private static final String SECRET = "a tiers test secret key that is long enough for HS256";
    private static final Path RESULTS = Path.of("target", "tiers-rolling-restart.txt");

    @TempDir
    static Path directory;
    private static TlsPostgres database;
    private static NetworkNamespace proxyHost;
    private static Process nginx;
    private static Path nginxDirectory;
    private static SSLContext tls;
    private static final JarInstance[] instances = new JarInstance[2];
    private static final Map<String, String> env = new HashMap<>();
    private static int generation;

    @BeforeAll
    static void start() throws Exception {
        Optional<Path> nginxProgram = Programs.find("nginx");
        String missing = nginxProgram.isEmpty() ? "nginx is not installed (Debian package nginx)"
                : !NetworkNamespace.available() ? "making network namespaces needs root and iproute2" : null;
        if (missing != null) {
            if (Programs.required(REQUIRE)) {
                fail(missing + ", and " + REQUIRE + "=1 says this test must run");
            }
            Assumptions.abort("Skipping the tiers test: " + missing + " (set " + REQUIRE + "=1 to require it)");
        }
        assertThat(JarInstance.JAR).as("built by the package phase").isRegularFile();

        database = TlsPostgres.start(directory.resolve("db"), TestCertificates.authority("Tiers test CA"), "tiers");
        proxyHost = NetworkNamespace.create("tbtiers");
        env.put("DATABASE_URL", database.databaseUrl());
        env.put("SECRET_KEY", SECRET);
        env.put("TIERBLOG_TRUSTED_PROXIES", proxyHost.address());
        env.put("TIERBLOG_DATA_DIR", directory.resolve("var").toString());
        for (int i = 0; i < instances.length; i++) {
            instances[i] = startInstance(JarInstance.quietPort(), JarInstance.quietPort());
        }
        for (JarInstance instance : instances) {
            instance.awaitReady(Duration.ofSeconds(90));
        }
        nginxDirectory = configureNginx();
        nginx = new ProcessBuilder(proxyHost.command(nginxProgram.get().toString(), "-p", nginxDirectory.toString(),
                "-c", nginxDirectory.resolve("nginx.conf").toString(), "-e", nginxDirectory.resolve("error.log").toString(),
                "-g", "daemon off;"))
                .redirectErrorStream(true).redirectOutput(nginxDirectory.resolve("nginx.out").toFile()).start();
        tls = trusting(nginxDirectory.resolve("tierblog/tls/server.crt"));
        HttpClient client = client();
        Timed.until(Duration.ofSeconds(20), () -> {
            try {
                return client.send(request("/health/readiness").build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200;
            } catch (IOException | InterruptedException notYet) {
                return false;
            }
        });
    }

    @AfterAll
    static void stop() {
        if (nginx != null) {
            nginx.destroy();
            try {
                nginx.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            nginx.destroyForcibly();
        }
        for (JarInstance instance : instances) {
            if (instance != null) {
                instance.close();
            }
        }
        if (proxyHost != null) {
            proxyHost.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    @Order(1)
    void plainHttpIsRedirectedToHttps() throws Exception {
        HttpResponse<Void> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://" + proxyHost.address() + "/auth/login?next=1")).build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(answer.statusCode()).isEqualTo(301);
        assertThat(answer.headers().firstValue("Location"))
                .hasValue("https://" + proxyHost.address() + "/auth/login?next=1");
    }

    @Test
    @Order(2)
    void aLogInThroughTheProxyHoldsOnBothInstancesWithSecureCookies() throws Exception {
        WebSession visitor = new WebSession(base(), tls);
        HttpResponse<String> form = visitor.get("/auth/login");
        assertThat(form.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
                .startsWith("csrf=").contains("Secure").containsIgnoringCase("HttpOnly"));
        WebSession.expectRedirect(visitor.post("/auth/register", "username", "through-proxy",
                "password", "a proxied password"), "/auth/login");
        HttpResponse<String> logIn = visitor.post("/auth/login", "username", "through-proxy",
                "password", "a proxied password");
        WebSession.expectRedirect(logIn, "/");
        assertThat(logIn.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
                .startsWith("JWT=").contains("Secure").containsIgnoringCase("HttpOnly").contains("SameSite=Lax"));

        long logStart = Files.size(nginxDirectory.resolve("access.log"));
        for (int i = 0; i < 8; i++) {
            HttpResponse<String> index = visitor.get("/");
            assertThat(index.statusCode()).isEqualTo(200);
            assertThat(index.body()).as("logged in on request %d", i).contains("through-proxy").contains("Log Out");
            assertThat(index.headers().firstValue("Strict-Transport-Security")).isPresent();
        }
        WebSession.expectRedirect(visitor.post("/create", "title", "Written through the proxy", "body", "Hello."), "/");
        assertThat(visitor.get("/").body()).contains("Written through the proxy");

        Set<String> upstreams = accessLogSince(logStart).stream()
                .filter(line -> line.startsWith("GET / 200 "))
                .map(line -> line.split(" ")[3])
                .collect(Collectors.toSet());
        assertThat(upstreams).as("the logged-in pages came from both instances")
                .containsExactlyInAnyOrder(upstream(instances[0]), upstream(instances[1]));
    }

    @Test
    @Order(3)
    void forwardedHeadersAreBelievedFromTheProxyOnly() throws Exception {
        HttpClient direct = HttpClient.newHttpClient();
        HttpResponse<Void> spoofed = direct.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + instances[0].port() + "/auth/login"))
                .header("X-Forwarded-Proto", "https").header("X-Forwarded-For", "203.0.113.9").build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(spoofed.statusCode()).isEqualTo(200);
        assertThat(spoofed.headers().allValues("Set-Cookie")).as("not HTTPS: the peer is no trusted proxy")
                .isNotEmpty().noneSatisfy(cookie -> assertThat(cookie).contains("Secure"));
        assertThat(spoofed.headers().firstValue("Strict-Transport-Security")).isEmpty();

        HttpResponse<Void> proxied = client().send(request("/auth/login")
                        .header("X-Forwarded-Proto", "http").build(), HttpResponse.BodyHandlers.discarding());
        assertThat(proxied.headers().allValues("Set-Cookie")).as("nginx says https, whatever the client wrote")
                .anySatisfy(cookie -> assertThat(cookie).contains("Secure"));
    }

    @Test
    @Order(4)
    void theProxyRefusesBodiesOverTheAppsLimitAndKeepsManagementOff() throws Exception {
        // Only the headers: nginx answers from Content-Length, before reading any of the body.
        try (javax.net.ssl.SSLSocket socket = (javax.net.ssl.SSLSocket) tls.getSocketFactory()
                .createSocket(proxyHost.address(), 443)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /auth/login HTTP/1.1\r\nHost: " + proxyHost.address()
                    + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " + (1024 * 1024 + 1)
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String statusLine = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            assertThat(statusLine).isEqualTo("HTTP/1.1 413 Request Entity Too Large");
        }

        // A search far past the box's limit (10,000 Danish letters: 60,000 bytes of address) passes
        // nginx and gets the app's own 400 page with its message.
        HttpResponse<String> longSearch = client().send(request("/search?q="
                + java.net.URLEncoder.encode("\u00f8".repeat(10_000), StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(longSearch.statusCode()).isEqualTo(400);
        assertThat(longSearch.body()).contains("A search must be at most");

        assertThat(client().send(request("/prometheus").build(), HttpResponse.BodyHandlers.discarding())
                .statusCode()).isEqualTo(404);
        HttpResponse<String> readiness = client().send(request("/health/readiness").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(readiness.body()).isEqualTo("{\"status\":\"UP\"}");
    }

    @Test
    @Order(5)
    void pagesAndStylesAreCompressedAndCachedAsTheAppSays() throws Exception {
        HttpResponse<byte[]> page = client().send(request("/").header("Accept-Encoding", "gzip").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Encoding")).hasValue("gzip");
        String html = gunzip(page.body());
        assertThat(html).contains("</html>");
        assertThat(page.headers().allValues("Cache-Control")).containsExactly("private, no-cache");
        String tag = page.headers().firstValue("ETag").orElseThrow();
        HttpResponse<byte[]> unchanged = client().send(request("/").header("Accept-Encoding", "gzip")
                .header("If-None-Match", tag).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(unchanged.statusCode()).as("the tag as nginx passed it on (weakened when compressed)")
                .isEqualTo(304);

        java.util.regex.Matcher link = java.util.regex.Pattern
                .compile("href=\"(/static/style\\.[0-9a-f]{12}\\.css)\"").matcher(html);
        assertThat(link.find()).as("the page links to the fingerprinted stylesheet").isTrue();
        HttpResponse<byte[]> style = client().send(request(link.group(1)).header("Accept-Encoding", "gzip")
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(style.statusCode()).isEqualTo(200);
        assertThat(style.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(style.headers().allValues("Cache-Control")).containsExactly("public, max-age=31536000, immutable");
        assertThat(style.headers().firstValue("X-Content-Type-Options")).as("the app's own headers pass")
                .hasValue("nosniff");
        HttpResponse<byte[]> plain = client().send(request("/static/style.css").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(plain.headers().allValues("Cache-Control")).containsExactly("public, max-age=3600");
    }

    @Test
    @Order(6)
    void aRollingRestartUnderLoadFailsNoRequestAndLosesNoPost() throws Exception {
        List<WebSession> writers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            WebSession writer = new WebSession(base(), tls);
            WebSession.expectRedirect(writer.post("/auth/register", "username", "writer-" + i,
                    "password", "a writer's password"), "/auth/login");
            WebSession.expectRedirect(writer.post("/auth/login", "username", "writer-" + i,
                    "password", "a writer's password"), "/");
            writers.add(writer);
        }
        Load load = new Load(writers, 3);
        List<Duration> drains = new ArrayList<>();
        long logStart = Files.size(nginxDirectory.resolve("access.log"));
        Instant began = Instant.now();
        try {
            JarInstance.sleep(Duration.ofSeconds(3));
            for (int i = 0; i < instances.length; i++) {
                JarInstance stopping = instances[i];
                upstream("drain", stopping);
                drains.add(stopping.terminate(Duration.ofSeconds(40)));
                assertThat(stopping.process().exitValue()).as("exit status after SIGTERM").isEqualTo(143);
                instances[i] = startInstance(stopping.port(), stopping.managementPort())
                        .awaitReady(Duration.ofSeconds(90));
                upstream("restore", instances[i]);
                JarInstance.sleep(Duration.ofSeconds(3));
            }
        } finally {
            load.stop();
        }
        Duration took = Duration.between(began, Instant.now());

        Set<String> stored = new HashSet<>();
        try (Connection admin = database.connect(); Statement statement = admin.createStatement();
             ResultSet rows = statement.executeQuery("SELECT title FROM posts WHERE title LIKE 'rolling %'")) {
            while (rows.next()) {
                stored.add(rows.getString(1));
            }
        }
        String summary = String.format("%s rolling restart of %d instances in %d ms: %d requests (%d reads, %d writes),"
                        + " %d failed, %d posts acknowledged, %d stored; drains %s ms",
                Instant.now(), instances.length, took.toMillis(), load.requests.get(), load.reads.get(),
                load.writes.get(), load.failures.size(), load.acknowledged.size(), stored.size(),
                drains.stream().map(d -> String.valueOf(d.toMillis())).toList());
        System.out.println(summary);
        Files.writeString(RESULTS, summary + System.lineSeparator(), StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);

        assertThat(load.failures).as("%s%nnginx's error log:%n%s", summary,
                Files.readString(nginxDirectory.resolve("error.log"))).isEmpty();
        assertThat(load.reads.get()).as("a load worth the name").isGreaterThan(200);
        assertThat(load.acknowledged).as("acknowledged posts").hasSizeGreaterThan(20);
        assertThat(stored).as("every acknowledged post is stored").containsAll(load.acknowledged);
        Set<String> servedBy = accessLogSince(logStart).stream().map(line -> line.split(" ")[3])
                .collect(Collectors.toSet());
        assertThat(servedBy).as("the load reached both instances")
                .contains(upstream(instances[0]), upstream(instances[1]));
    }

    /** Anonymous readers and logged-in writers through nginx, until stopped, bounded in count and time. */
    private static final class Load {
        private static final int MAX_REQUESTS = 40_000;
        private static final Duration MAX_TIME = Duration.ofMinutes(4);
        final AtomicBoolean stopped = new AtomicBoolean();
        final AtomicInteger requests = new AtomicInteger();
        final AtomicInteger reads = new AtomicInteger();
        final AtomicInteger writes = new AtomicInteger();
        final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        final Set<String> acknowledged = java.util.concurrent.ConcurrentHashMap.newKeySet();
        private final ExecutorService threads;
        private final List<Future<?>> running = new ArrayList<>();
        private final Instant deadline = Instant.now().plus(MAX_TIME);

        Load(List<WebSession> writers, int readers) {
            threads = Executors.newFixedThreadPool(writers.size() + readers);
            for (int r = 0; r < readers; r++) {
                running.add(threads.submit(() -> {
                    while (go()) {
                        reads.incrementAndGet();
                        try {
                            OneShot.Response index = OneShot.send("GET", "/", Map.of(), "");
                            if (index.status() != 200) {
                                failures.add("GET / " + index.status() + ": " + head(index.body()));
                            }
                        } catch (IOException e) {
                            failures.add("GET / " + e);
                        }
                        pause();
                    }
                    return null;
                }));
            }
            for (int w = 0; w < writers.size(); w++) {
                WebSession writer = writers.get(w);
                String token = writer.csrfToken();
                Map<String, String> headers = Map.of("Cookie", "JWT=" + writer.cookie("JWT") + "; csrf="
                        + writer.cookie("csrf"), "Content-Type", "application/x-www-form-urlencoded");
                int id = w;
                running.add(threads.submit(() -> {
                    for (int n = 0; go(); n++) {
                        writes.incrementAndGet();
                        String title = "rolling " + id + "-" + n;
                        try {
                            OneShot.Response answer = OneShot.send("POST", "/create", headers,
                                    "title=" + title.replace(' ', '+') + "&body=Written+during+a+rolling+restart."
                                            + "&" + WebSession.CSRF_FIELD + "=" + java.net.URLEncoder.encode(token,
                                            StandardCharsets.UTF_8));
                            if (answer.status() == 302 && "/".equals(answer.header("Location"))) {
                                acknowledged.add(title);
                            } else {
                                failures.add("POST /create " + answer.status() + ": " + head(answer.body()));
                            }
                        } catch (IOException e) {
                            failures.add("POST /create " + e);
                        }
                        pause();
                    }
                    return null;
                }));
            }
        }

        private boolean go() {
            return !stopped.get() && requests.incrementAndGet() <= MAX_REQUESTS && Instant.now().isBefore(deadline);
        }

        private static void pause() {
            JarInstance.sleep(Duration.ofMillis(10));
        }

        void stop() throws Exception {
            stopped.set(true);
            for (Future<?> thread : running) {
                thread.get(60, TimeUnit.SECONDS);
            }
            threads.shutdown();
        }

        private static String head(String body) {
            return body.length() > 200 ? body.substring(0, 200) : body;
        }
    }

    /** The operator's step around a restart: deploy/nginx/upstream.sh drain|restore, against this nginx. */
    private static void upstream(String action, JarInstance instance) {
        ProcessBuilder script = new ProcessBuilder("sh", NGINX_FILES.resolve("upstream.sh").toString(), action,
                upstream(instance)).redirectErrorStream(true);
        script.environment().put("TIERBLOG_UPSTREAMS", nginxDirectory.resolve("tierblog/upstreams.conf").toString());
        script.environment().put("NGINX_RELOAD", "kill -HUP " + nginx.pid());
        try {
            Process process = script.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(90, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as("upstream.sh %s: %s", action, output).isZero();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A request on a connection of its own (HTTP/1.1, {@code Connection: close}), as the load's
     * client. The JDK 17 client fails every request on an HTTP/2 connection that receives GOAWAY
     * (as nginx sends at a reload), even requests the server went on to complete, where browsers
     * resend what the server says it did not process; a connection per request keeps the load's
     * count of failures about the tiers, not about that client.
     */
    private static final class OneShot {
        record Response(int status, Map<String, String> headers, String body) {
            String header(String name) {
                return headers.get(name.toLowerCase(java.util.Locale.ROOT));
            }
        }

        static Response send(String method, String path, Map<String, String> headers, String body)
                throws IOException {
            byte[] content = body.getBytes(StandardCharsets.UTF_8);
            try (javax.net.ssl.SSLSocket socket = (javax.net.ssl.SSLSocket) tls.getSocketFactory()
                    .createSocket(proxyHost.address(), 443)) {
                socket.setSoTimeout(30_000);
                StringBuilder head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                        .append("Host: ").append(proxyHost.address()).append("\r\nConnection: close\r\n");
                headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
                if (!method.equals("GET")) {
                    head.append("Content-Length: ").append(content.length).append("\r\n");
                }
                head.append("\r\n");
                var out = socket.getOutputStream();
                out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
                out.write(content);
                out.flush();
                String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                int end = answer.indexOf("\r\n\r\n");
                if (!answer.startsWith("HTTP/1.1 ") || end < 0) {
                    throw new IOException("not an HTTP answer: " + answer.substring(0, Math.min(80, answer.length())));
                }
                List<String> lines = answer.substring(0, end).lines().toList();
                Map<String, String> answerHeaders = new HashMap<>();
                for (String line : lines.subList(1, lines.size())) {
                    int colon = line.indexOf(':');
                    answerHeaders.put(line.substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT),
                            line.substring(colon + 1).trim());
                }
                return new Response(Integer.parseInt(lines.get(0).substring(9, 12)), answerHeaders,
                        answer.substring(end + 4));
            }
        }
    }

    private static JarInstance startInstance(int port, int managementPort) {
        Path log = directory.resolve("instance-" + port + "-" + (++generation) + ".log");
        return JarInstance.start(port, managementPort, env, log);
    }

    private static Path configureNginx() throws IOException {
        Path conf = directory.resolve("nginx");
        Files.createDirectories(conf.resolve("tierblog"));
        Files.createDirectories(conf.resolve("temp"));
        Files.copy(NGINX_FILES.resolve("tierblog.conf"), conf.resolve("tierblog.conf"));
        // The example's line, with this test's instances in place of its addresses.
        String example = Files.readAllLines(NGINX_FILES.resolve("upstreams.conf.example")).stream()
                .filter(line -> line.startsWith("server ")).findFirst().orElseThrow();
        StringBuilder upstreams = new StringBuilder();
        for (JarInstance instance : instances) {
            upstreams.append(example.replaceFirst("^server \\S+", "server " + upstream(instance))).append('\n');
        }
        Files.writeString(conf.resolve("tierblog/upstreams.conf"), upstreams);
        NetworkNamespace.Result certificate = NetworkNamespace.run("sh",
                NGINX_FILES.resolve("self-signed-cert.sh").toString(), conf.resolve("tierblog/tls").toString(),
                proxyHost.address());
        certificate.require();
        String temp = conf.resolve("temp").toString();
        Files.writeString(conf.resolve("nginx.conf"), """
                worker_processes 1;
                pid %1$s/nginx.pid;
                events { worker_connections 1024; }
                http {
                    include /etc/nginx/mime.types;
                    default_type application/octet-stream;
                    log_format tiers '$request_method $uri $status $upstream_addr $upstream_status';
                    access_log %1$s/access.log tiers;
                    client_body_temp_path %2$s/body;
                    proxy_temp_path %2$s/proxy;
                    fastcgi_temp_path %2$s/fastcgi;
                    uwsgi_temp_path %2$s/uwsgi;
                    scgi_temp_path %2$s/scgi;
                    include tierblog.conf;
                }
                """.formatted(conf, temp));
        NetworkNamespace.Result check = proxyHost.exec(Programs.find("nginx").orElseThrow().toString(), "-t",
                "-p", conf.toString(), "-c", conf.resolve("nginx.conf").toString(),
                "-e", conf.resolve("error.log").toString());
        assertThat(check.status()).as("nginx -t: %s", check.output()).isZero();
        return conf;
    }

    private static List<String> accessLogSince(long offset) throws IOException {
        byte[] all = Files.readAllBytes(nginxDirectory.resolve("access.log"));
        return new String(all, (int) offset, all.length - (int) offset, StandardCharsets.UTF_8).lines().toList();
    }

    private static String upstream(JarInstance instance) {
        return proxyHost.hostAddress() + ":" + instance.port();
    }

    private static String base() {
        return "https://" + proxyHost.address();
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(30));
    }

    private static HttpClient client() {
        return HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    private static SSLContext trusting(Path certificate) throws Exception {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        try (InputStream in = Files.newInputStream(certificate)) {
            trusted.setCertificateEntry("proxy", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    private static String gunzip(byte[] body) throws IOException {
        try (InputStream in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(body))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
