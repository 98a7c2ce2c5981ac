package io.tierblog.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failover of the data tier under load: the shipped jar writes through the multi-host
 * {@code DATABASE_URL} that {@code pg_autoctl show uri} prints, to a pg_auto_failover formation
 * (a monitor and two nodes with synchronous replication, on loopback) whose primary node is
 * killed while logged-in visitors publish posts. Needs Debian's
 * {@code postgresql-15-auto-failover} and {@code pg-auto-failover-cli} and root (pg_autoctl runs
 * as the {@code postgres} OS user); skips without them unless {@value #REQUIRE}=1, which
 * {@code .ci/run} sets after installing them.
 */
class FailoverIT {
    static final String REQUIRE = "TIERBLOG_REQUIRE_FAILOVER";
    private static final String SECRET = "a failover test secret key that is long enough for HS256";
    /** Given in the URL (the nodes trust loopback, so any would do): it must never be logged. */
    private static final String DATABASE_PASSWORD = "failover-db-Pa55word";
    private static final Path RESULTS = Path.of("target", "failover-results.txt");
    private static final Duration LOAD_LIMIT = Duration.ofSeconds(60);
    private static final int WRITE_LIMIT = 4000;
    private static final int WRITES_AFTER_RESUME = 40;

    @TempDir
    Path directory;

    /** One write through the app: when it was sent and answered (System.nanoTime), and what came back. */
    record Write(String title, long sent, long answered, int status) {
    }

    @Test
    void killingThePrimaryUnderLoadCostsOnlyOutagePagesForSecondsAndLosesNoAcknowledgedPost() throws Exception {
        String missing = AutoFailoverCluster.missing().orElse(null);
        if (missing != null) {
            if (Programs.required(REQUIRE)) {
                fail(missing + ", and " + REQUIRE + "=1 says this test must run");
            }
            Assumptions.abort("Skipping the failover test: " + missing + " (set " + REQUIRE + "=1 to require it)");
        }
        assertThat(JarInstance.JAR).as("built by the package phase").isRegularFile();

        long setUpStart = System.nanoTime();
        try (AutoFailoverCluster cluster = AutoFailoverCluster.start(JarInstance.quietPort(), JarInstance.quietPort(),
                JarInstance.quietPort(), Duration.ofSeconds(120))) {
            double setUpSeconds = seconds(System.nanoTime() - setUpStart);
            String uri = cluster.formationUri();
            assertThat(uri).as("libpq's multi-host form").contains(",").contains("target_session_attrs=read-write");
            String databaseUrl = uri.replaceFirst("^(postgres(ql)?://)", "$1" + AutoFailoverCluster.OS_USER + ":"
                    + DATABASE_PASSWORD + "@");

            String primary = cluster.primary().orElseThrow();
            String standby = cluster.other(primary);
            assertThat(synchronousStandbyNames(cluster, primary)).as("synchronous replication to the standby")
                    .startsWith("ANY 1 (");

            Path log = directory.resolve("app.log");
            // Writers, a reader and the promotion watch; stopped however the test ends.
            ExecutorService load = Executors.newFixedThreadPool(4);
            try (JarInstance app = JarInstance.start(JarInstance.quietPort(), JarInstance.quietPort(), Map.of(
                    "DATABASE_URL", databaseUrl,
                    "SECRET_KEY", SECRET,
                    "TIERBLOG_DATA_DIR", directory.resolve("var").toString()), log);
                 AutoCloseable stopLoad = load::shutdownNow) {
                app.awaitReady(Duration.ofSeconds(90));
                String base = "http://127.0.0.1:" + app.port();
                List<WebSession> writers = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    writers.add(new WebSession(base).registerAndLogIn("writer-" + i, "a writer's password"));
                }

                ConcurrentLinkedQueue<Write> writes = new ConcurrentLinkedQueue<>();
                ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
                AtomicLong killedAt = new AtomicLong();
                AtomicLong promotedAt = new AtomicLong();
                long loadStart = System.nanoTime();
                List<Future<?>> writing = new ArrayList<>();
                for (int w = 0; w < writers.size(); w++) {
                    WebSession writer = writers.get(w);
                    int id = w;
                    writing.add(load.submit(() -> {
                        for (int n = 0; n < WRITE_LIMIT / writers.size(); n++) {
                            if (System.nanoTime() - loadStart > LOAD_LIMIT.toNanos() || enoughAfterResume(writes, killedAt)) {
                                return null;
                            }
                            String title = "failover w" + id + " n" + n;
                            long sent = System.nanoTime();
                            int status;
                            try {
                                HttpResponse<String> answer = writer.post("/create", "title", title, "body", "Under load.");
                                status = answer.statusCode();
                                if (status == 302 && !"/".equals(answer.headers().firstValue("Location").orElse(""))) {
                                    unexpected.add("302 to " + answer.headers().firstValue("Location").orElse("nowhere"));
                                } else if (status != 302 && status != 503 && status != 200) {
                                    unexpected.add(status + ": " + answer.body().substring(0, Math.min(400, answer.body().length())));
                                }
                            } catch (RuntimeException noAnswer) {
                                status = -1;
                                unexpected.add("no answer: " + noAnswer);
                            }
                            writes.add(new Write(title, sent, System.nanoTime(), status));
                            Thread.sleep(20);
                        }
                        return null;
                    }));
                }

                // A reader of the index beside the writers: its page or the outage page, never a 500.
                WebSession reader = new WebSession(base);
                AtomicLong reads = new AtomicLong();
                List<Future<?>> writersDone = List.copyOf(writing);
                writing.add(load.submit(() -> {
                    while (!writersDone.stream().allMatch(Future::isDone)) {
                        try {
                            int status = reader.get("/").statusCode();
                            if (status != 200 && status != 503) {
                                unexpected.add("index: " + status);
                            }
                        } catch (RuntimeException noAnswer) {
                            unexpected.add("index: no answer: " + noAnswer);
                        }
                        reads.incrementAndGet();
                        Thread.sleep(50);
                    }
                    return null;
                }));

                // A few seconds of writes on the healthy formation, then the primary dies.
                Timed.until(Duration.ofSeconds(30), () -> writes.stream().filter(w -> w.status() == 302).count() >= 40);
                cluster.kill(primary);
                killedAt.set(System.nanoTime());
                AtomicLong outOfRecoveryAt = new AtomicLong();
                Future<?> watch = load.submit(() -> {
                    // Promoted: the monitor reports the standby as the primary (wait_primary while it
                    // has no standby of its own), which pg_auto_failover does once it takes writes.
                    while (System.nanoTime() - killedAt.get() < Duration.ofSeconds(90).toNanos()) {
                        if (outOfRecoveryAt.get() == 0) {
                            try (Connection connection = cluster.connect(standby);
                                 Statement statement = connection.createStatement();
                                 ResultSet recovery = statement.executeQuery("SELECT pg_is_in_recovery()")) {
                                recovery.next();
                                if (!recovery.getBoolean(1)) {
                                    outOfRecoveryAt.set(System.nanoTime());
                                }
                            } catch (java.sql.SQLException notYet) {
                                // try again
                            }
                        }
                        try {
                            String state = cluster.states().getOrDefault(standby, "");
                            if (state.startsWith("wait_primary/") || state.startsWith("primary/")) {
                                promotedAt.set(System.nanoTime());
                                return null;
                            }
                        } catch (RuntimeException monitorBusy) {
                            // try again
                        }
                        Thread.sleep(100);
                    }
                    return null;
                });
                for (Future<?> writer : writing) {
                    writer.get(LOAD_LIMIT.toSeconds() + 60, TimeUnit.SECONDS);
                }
                watch.get(100, TimeUnit.SECONDS);
                load.shutdownNow();

                assertThat(unexpected).as("every write answered with its redirect or the outage page (503), every "
                        + "index with its page or the outage page, never a 500").isEmpty();
                assertThat(reads.get()).as("the index was read meanwhile").isPositive();
                assertThat(promotedAt.get()).as("the standby was promoted within 90 s of the kill:\n%s", cluster.logs())
                        .isNotZero();
                List<Write> all = writes.stream().sorted((a, b) -> Long.compare(a.sent(), b.sent())).toList();
                Write firstFailure = all.stream().filter(w -> w.status() != 302).findFirst().orElse(null);
                assertThat(firstFailure).as("writes failed while there was no primary").isNotNull();
                Write resumed = all.stream().filter(w -> w.status() == 302 && w.sent() > firstFailure.answered())
                        .findFirst().orElse(null);
                assertThat(resumed).as("writes resumed after the failover").isNotNull();
                double unavailable = seconds(resumed.answered() - firstFailure.sent());
                double promotedAfterKill = seconds(promotedAt.get() - killedAt.get());
                double resumedAfterPromotion = seconds(resumed.answered() - promotedAt.get());
                long failed = all.stream().filter(w -> w.status() == 503).count();

                Set<String> acknowledged = new HashSet<>();
                all.stream().filter(w -> w.status() == 302).forEach(w -> acknowledged.add(w.title()));
                Set<String> stored = titles(cluster, standby);
                Set<String> lost = new HashSet<>(acknowledged);
                lost.removeAll(stored);

                String figures = String.format(java.util.Locale.ROOT,
                        "%s unavailable=%.1fs out_of_recovery_after_kill=%.1fs promoted_after_kill=%.1fs "
                                + "resumed_after_promotion=%.1fs acknowledged=%d failed_503=%d lost=%d set_up=%.0fs",
                        Instant.now(), unavailable, seconds(outOfRecoveryAt.get() - killedAt.get()), promotedAfterKill,
                        resumedAfterPromotion, acknowledged.size(), failed, lost.size(), setUpSeconds);
                System.out.println("Failover: " + figures);
                System.out.println("Failover: writes by status, seconds from the kill: " + timeline(all, killedAt.get()));
                Files.writeString(RESULTS, figures + System.lineSeparator(), StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);

                assertThat(lost).as("acknowledged posts missing from the new primary").isEmpty();
                assertThat(resumedAfterPromotion).as("writes resumed within 10 s of the promotion (s)").isLessThanOrEqualTo(10.0);

                // Alone, the new primary runs without synchronous replication (wait_primary): writes go on.
                Timed.until(Duration.ofSeconds(10), () -> synchronousStandbyNames(cluster, standby).isEmpty());

                // The old primary rejoins as a standby; the app keeps writing and has every post on both.
                cluster.restart(primary);
                Duration rejoin = Timed.until(Duration.ofSeconds(90), () -> cluster.states().equals(Map.of(
                        standby, "primary/primary", primary, "secondary/secondary")));
                System.out.printf(java.util.Locale.ROOT, "Failover: the old primary rejoined as a standby in %.1f s%n",
                        seconds(rejoin.toNanos()));
                Timed.until(Duration.ofSeconds(10), () -> !synchronousStandbyNames(cluster, standby).isEmpty());
                WebSession after = writers.get(0);
                for (int i = 0; i < 5; i++) {
                    WebSession.expectRedirect(after.post("/create", "title", "after rejoin " + i, "body", "Again."), "/");
                }
                assertThat(after.get("/").body()).contains("after rejoin 4");
                Timed.until(Duration.ofSeconds(20), () -> {
                    try {
                        return titles(cluster, primary).containsAll(acknowledged);
                    } catch (Exception notYet) {
                        return false;
                    }
                });
                assertThat(app.log()).as("the password is never logged").doesNotContain(DATABASE_PASSWORD);
            }
        }
    }

    /** Runs of equal answers, as {@code status×count@start}, start in seconds from the kill. */
    private static String timeline(List<Write> writes, long killed) {
        StringBuilder text = new StringBuilder();
        int run = 0;
        for (int i = 0; i < writes.size(); i++) {
            run++;
            if (i == writes.size() - 1 || writes.get(i + 1).status() != writes.get(i).status()) {
                Write first = writes.get(i - run + 1);
                text.append(String.format(java.util.Locale.ROOT, "%d×%d@%+.1f ", first.status(), run,
                        seconds(first.sent() - killed)));
                run = 0;
            }
        }
        return text.toString().strip();
    }

    private static boolean enoughAfterResume(ConcurrentLinkedQueue<Write> writes, AtomicLong killedAt) {
        long killed = killedAt.get();
        if (killed == 0) {
            return false;
        }
        long lastFailure = writes.stream().filter(w -> w.status() != 302 && w.sent() > killed)
                .mapToLong(Write::answered).max().orElse(Long.MAX_VALUE);
        return lastFailure != Long.MAX_VALUE
                && writes.stream().filter(w -> w.status() == 302 && w.sent() > lastFailure).count() >= WRITES_AFTER_RESUME;
    }

    private static String synchronousStandbyNames(AutoFailoverCluster cluster, String node) {
        try (Connection connection = cluster.connect(node); Statement statement = connection.createStatement();
             ResultSet setting = statement.executeQuery("SHOW synchronous_standby_names")) {
            setting.next();
            return setting.getString(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<String> titles(AutoFailoverCluster cluster, String node) throws Exception {
        Set<String> titles = new HashSet<>();
        try (Connection connection = cluster.connect(node); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT title FROM posts WHERE title LIKE 'failover %'")) {
            while (rows.next()) {
                titles.add(rows.getString(1));
            }
        }
        return titles;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
