package org.opencdp.server.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.db.DataSourceFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.opencdp.server.source.ConfigChangePublisher;
import org.opencdp.server.source.EventSource;
import org.opencdp.server.source.EventSourceDao;
import org.opencdp.server.storage.Tenant;
import org.opencdp.server.storage.TenantScope;
import org.opencdp.server.storage.mysql.MysqlStore;
import org.opencdp.server.testing.TestStack;
import org.opencdp.server.testing.TestStack.Namespace;
import org.opencdp.server.testing.TracardiProcess;

/**
 * Zero loss under faults, on the real stack (processing §2, §11, §12): a {@code collector} and a separate
 * {@code worker} run as child JVMs, as an operator runs them, and a known load of {@code PUT /track} requests
 * with explicit event ids flows while a process or a backend fails:
 * <ol>
 *   <li>the worker is killed with {@code SIGKILL} mid-load and restarted;</li>
 *   <li>Elasticsearch is stopped for 30 s during load and started again;</li>
 *   <li>Pulsar is stopped: the collector answers 503 with {@code Retry-After}, then accepts again once it is back.</li>
 * </ol>
 * After each, every event of every request answered 200 must be stored exactly once (no id missing, no id twice,
 * the alias count equal to the accepted payload events plus the system events), and the profile counters must be
 * exact: one profile per session, one visit per profile, all the session's events on it. Every wait is bounded;
 * everything listens on the loopback interface.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ZeroLossIT {

    private static final Namespace NAMESPACE = TestStack.newNamespace("zeroloss");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    /** Each scenario sends through its own event source, so its events (system events too) are counted apart. */
    private static final List<String> SCENARIOS = List.of("kill", "elastic", "pulsar", "chain");
    private static final TenantScope SCOPE = TenantScope.production(Tenant.of("default"));
    private static final String USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/126.0.0.0 Safari/537.36";
    /** The system events of a batch that creates its profile and opens its session (domain-model §14). */
    private static final List<String> SYSTEM_EVENTS = List.of("profile-created", "visit-started", "session-opened");
    private static final int CHUNK = 500;

    private static Node collector;
    private static Node worker;
    private static final List<String> SUMMARY = new ArrayList<>();

    // ---- set-up ------------------------------------------------------------------------------------------------

    /** A running role: its process, ports and environment. */
    private record Node(String role, TracardiProcess process, int port, int adminPort) {
    }

    @BeforeAll
    static void startCollectorAndWorker() throws Exception {
        long started = System.nanoTime();
        TracardiProcess.Result migrated = TracardiProcess.run(environment(Map.of()), "server", "migrate",
                "../config/migrate.yml");
        assertThat(migrated.exitCode()).as(migrated.output()).isZero();
        insertSource();
        collector = start("collector");
        worker = start("worker");
        awaitHealthy(collector);
        awaitHealthy(worker);
        note("set-up (migrate, collector, worker): %d s", seconds(started));
    }

    @AfterAll
    static void stopProcesses() throws Exception {
        for (Node node : new Node[] {collector, worker}) {
            if (node != null && node.process().isAlive()) {
                node.process().stop(Duration.ofSeconds(20));
            }
        }
        System.out.println("[zero-loss] summary\n  " + String.join("\n  ", SUMMARY));
    }

    private static Map<String, String> environment(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(NAMESPACE.processEnvironment());
        env.put("LOGGING_LEVEL", "WARN");
        env.put("TRACARDI_LOGGING_LEVEL", "WARN");
        env.put("WORKER_THREADS", "8");
        env.put("STARTUP_WAIT_TRIES", "10");
        env.putAll(extra);
        return env;
    }

    private static Node start(String role) throws IOException {
        int port = freePort();
        int adminPort = freePort();
        TracardiProcess process = TracardiProcess.start(environment(Map.of("PORT", Integer.toString(port),
                "ADMIN_PORT", Integer.toString(adminPort))), "server", role, "../config/" + role + ".yml");
        return new Node(role, process, port, adminPort);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Waits until every health check of the role is green (bounded); fails with its output if it died. */
    private static void awaitHealthy(Node node) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(150).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            if (!node.process().isAlive()) {
                throw new AssertionError(node.role() + " exited during start-up:\n" + tail(node.process().output()));
            }
            try {
                HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + node.adminPort() + "/healthcheck")).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
                last = health.body();
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(500);
        }
        throw new AssertionError(node.role() + " not healthy within 150 s: " + last + "\n" + tail(node.process().output()));
    }

    private static void insertSource() throws Exception {
        Map<String, String> env = TestStack.environment();
        DataSourceFactory factory = new DataSourceFactory();
        factory.setDriverClass("com.mysql.cj.jdbc.Driver");
        factory.setUrl("jdbc:mysql://" + env.get("MYSQL_HOST") + ":" + env.get("MYSQL_PORT") + "/" + NAMESPACE.database()
                + "?characterEncoding=utf8&useSSL=false&allowPublicKeyRetrieval=true");
        factory.setUser(env.get("MYSQL_USERNAME"));
        factory.setPassword(env.get("MYSQL_PASSWORD"));
        try (MysqlStore mysql = MysqlStore.connect(factory, new com.codahale.metrics.MetricRegistry(), "zero-loss")) {
            EventSourceDao sources = new EventSourceDao(mysql.jdbi(), JSON, ConfigChangePublisher.NONE);
            for (String scenario : SCENARIOS) {
                sources.upsert(SCOPE, EventSource.fromJson(JSON.readTree("{\"id\":\"" + source(scenario) + "\",\"name\":\""
                        + scenario + "\",\"type\":[\"rest\"],\"channel\":\"Web\",\"enabled\":true}")));
            }
        }
    }

    private static String source(String scenario) {
        return "zero-loss-" + scenario;
    }

    // ---- scenarios ---------------------------------------------------------------------------------------------

    /**
     * 300 sessions send 4 requests of 3 events each (3 600 payload events) at 80 requests/s; after a quarter of
     * them the worker gets {@code SIGKILL} and a new worker is started at once, so batches are cut off mid-way
     * and the rest of the load piles up while no worker runs.
     */
    @Test
    @Order(1)
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void aWorkerKilledMidLoadLosesAndDuplicatesNothing() throws Exception {
        long started = System.nanoTime();
        Baseline baseline = Baseline.now();
        int sessions = 300;
        int rounds = 4;
        int events = 3;
        List<Track> tracks = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            for (int session = 0; session < sessions; session++) {
                tracks.add(Track.of("kill", "kill-" + session, round, events));
            }
        }
        Load load = Load.start(tracks.iterator(), 80, 8, "PUT");
        load.awaitProgress(tracks.size() / 4, Duration.ofSeconds(60));
        long stored = countEvents("kill");
        worker.process().kill();
        long killedAt = System.nanoTime();
        long backlog = backlog();
        note("kill: SIGKILL to the worker after %d of %d requests; %d events stored, backlog %d", load.done(),
                tracks.size(), stored, backlog);
        worker = start("worker");
        List<Answer> answers = load.await(Duration.ofSeconds(120));
        awaitHealthy(worker);
        note("kill: new worker healthy %d s after the kill", seconds(killedAt));

        assertThat(answers).hasSize(tracks.size());
        assertThat(statuses(answers)).as("killing the worker must not disturb the collector").containsOnlyKeys(200);
        verify("kill", answers, started, baseline);
    }

    /**
     * Requests without a session (each a new profile, 4 events) flow at 6/s while Elasticsearch is stopped for
     * 30 s and started again: the collector needs no Elasticsearch for them and keeps accepting, the worker fails
     * transiently, backs off and catches up.
     */
    @Test
    @Order(2)
    @Timeout(value = 420, unit = TimeUnit.SECONDS)
    void elasticsearchDownFor30SecondsDelaysButLosesNothing() throws Exception {
        long started = System.nanoTime();
        Baseline baseline = Baseline.now();
        Iterator<Track> endless = bounded(4000, index -> Track.of("elastic", null, index, 4));
        Load load = Load.start(endless, 6, 4, "PUT");
        load.awaitProgress(20, Duration.ofSeconds(30));
        long backlogDuringOutage;
        try {
            long stopAt = System.nanoTime();
            TestStack.stack("stop", "elastic");
            note("elastic: stopped in %d s after %d requests (backlog %d)", seconds(stopAt), load.done(), backlog());
            Thread.sleep(30_000);
            backlogDuringOutage = backlog();
            note("elastic: down 30 s; %d requests answered so far, backlog %d", load.done(), backlogDuringOutage);
        } catch (Exception | Error e) {
            load.stop();
            throw e;
        } finally {
            // Also after a failed stop: starting a running service changes nothing.
            long startAt = System.nanoTime();
            TestStack.stack("start", "elastic");
            note("elastic: started again in %d s", seconds(startAt));
        }
        assertThat(backlogDuringOutage).as("batches accepted but not processed while Elasticsearch was down").isPositive();
        Thread.sleep(5_000);
        load.stop();
        List<Answer> answers = load.await(Duration.ofSeconds(60));
        note("elastic: %d requests, statuses %s", answers.size(), statuses(answers));
        assertThat(statuses(answers)).as("session-less requests need no Elasticsearch in the collector").containsOnlyKeys(200);
        verify("elastic", answers, started, baseline);
    }

    /**
     * With Pulsar stopped, {@code PUT} and {@code POST /track} answer 503 with {@code Retry-After} and a JSON
     * {@code detail} (never 200, never 500); once it is back, requests are accepted again, and the client's retries
     * of the refused requests (same event ids) are stored like everything accepted before the outage.
     */
    @Test
    @Order(3)
    @Timeout(value = 360, unit = TimeUnit.SECONDS)
    void pulsarDownMeans503AndAcceptanceResumesWhenItReturns() throws Exception {
        long started = System.nanoTime();
        Baseline baseline = Baseline.now();
        int sessions = 100;
        List<Track> before = new ArrayList<>();
        List<Track> during = new ArrayList<>();
        for (int session = 0; session < sessions; session++) {
            before.add(Track.of("pulsar", "pulsar-" + session, 0, 3));
            during.add(Track.of("pulsar", "pulsar-" + session, 1, 3));
        }
        for (int session = sessions; session < sessions + 30; session++) {
            during.add(Track.of("pulsar", "pulsar-" + session, 0, 3));
        }
        List<Answer> accepted = new ArrayList<>(Load.start(before.iterator(), 100, 8, "PUT").await(Duration.ofSeconds(60)));
        assertThat(statuses(accepted)).containsOnlyKeys(200);

        List<Answer> refused = new ArrayList<>();
        try {
            long stopAt = System.nanoTime();
            TestStack.stack("stop", "pulsar");
            note("pulsar: stopped in %d s", seconds(stopAt));
            long probing = System.nanoTime();
            // Each refusal takes the send timeout (2 s): many client threads keep this phase short.
            refused.addAll(Load.start(during.iterator(), 100, 24, "PUT").await(Duration.ofSeconds(90)));
            refused.addAll(Load.start(during.subList(0, 12).iterator(), 100, 12, "POST").await(Duration.ofSeconds(60)));
            note("pulsar: %d requests while it was down in %d s: %s", refused.size(), seconds(probing), statuses(refused));
        } finally {
            long startAt = System.nanoTime();
            TestStack.stack("start", "pulsar");
            note("pulsar: started again in %d s", seconds(startAt));
        }
        for (Answer answer : refused) {
            assertThat(answer.status()).as("answer while Pulsar is down: " + answer.body()).isEqualTo(503);
            assertThat(answer.retryAfter()).as("Retry-After of " + answer.body()).isNotNull();
            assertThat(Integer.parseInt(answer.retryAfter())).isBetween(1, 60);
            assertThat(JSON.readTree(answer.body()).has("detail")).as(answer.body()).isTrue();
        }

        // The client retries what was refused (same event ids), bounded, until the collector accepts again.
        long resumeAt = System.nanoTime();
        long deadline = System.nanoTime() + Duration.ofSeconds(150).toNanos();
        List<Track> pending = new ArrayList<>(during);
        Answer first = null;
        while (first == null && System.nanoTime() < deadline) {
            Answer probe = send("PUT", pending.get(0));
            if (probe.status() == 200) {
                first = probe;
            } else {
                assertThat(probe.status()).as("answer while Pulsar comes back: " + probe.body()).isEqualTo(503);
                Thread.sleep(1000);
            }
        }
        assertThat(first).as("the collector accepts again within 150 s of Pulsar's return").isNotNull();
        note("pulsar: first request accepted %d s after the start completed", seconds(resumeAt));
        accepted.add(first);
        pending.remove(0);
        Map<Integer, Long> retryStatuses = new TreeMap<>();
        int retryRounds = 0;
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            if (retryRounds++ > 0) {
                Thread.sleep(2000);
            }
            List<Answer> retried = Load.start(pending.iterator(), 100, 8, "PUT").await(Duration.ofSeconds(90));
            pending.clear();
            for (Answer answer : retried) {
                retryStatuses.merge(answer.status(), 1L, Long::sum);
                if (answer.status() == 200) {
                    accepted.add(answer);
                } else {
                    assertThat(answer.status()).as("answer while Pulsar comes back: " + answer.body()).isEqualTo(503);
                    pending.add(answer.track());
                }
            }
        }
        note("pulsar: refused requests retried in %d rounds, %d s after the start completed: %s", retryRounds,
                seconds(resumeAt), retryStatuses);
        assertThat(pending.stream().map(Track::sessionId).toList()).as("requests still refused 150 s after Pulsar returned")
                .isEmpty();
        // The awaiting POST works again too.
        Answer post = send("POST", Track.of("pulsar", "pulsar-" + (sessions + 30), 0, 2));
        assertThat(post.status()).as(post.body()).isEqualTo(200);
        accepted.add(post);
        verify("pulsar", accepted, started, baseline);
    }

    /**
     * While no worker runs, 150 visitors send 5 requests each, one visitor after the other, so that the backlog holds
     * each visitor's batches next to each other and a worker takes them as chains (one write of profile and session
     * for several batches). A new worker starts on that backlog and gets {@code SIGKILL} as soon as it has stored
     * something, with chains cut off mid-way; the next one finishes. Everything is stored once, counters exact.
     */
    @Test
    @Order(4)
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void chainsOfAVisitorsQueuedBatchesSurviveAWorkerKilledMidDrain() throws Exception {
        long started = System.nanoTime();
        Baseline baseline = Baseline.now();
        worker.process().kill();
        int visitors = 150;
        int rounds = 5;
        List<Track> tracks = new ArrayList<>();
        for (int visitor = 0; visitor < visitors; visitor++) {
            for (int round = 0; round < rounds; round++) {
                tracks.add(Track.of("chain", "chain-" + visitor, round, 3));
            }
        }
        // One request at a time: each visitor's batches are queued in their order, next to each other.
        List<Answer> answers = Load.start(tracks.iterator(), 200, 1, "PUT").await(Duration.ofSeconds(90));
        assertThat(statuses(answers)).containsOnlyKeys(200);
        long queued = backlog();
        note("chain: %d requests queued with no worker running (backlog %d)", answers.size(), queued);
        assertThat(queued).isGreaterThanOrEqualTo(tracks.size());

        worker = start("worker");
        long deadline = System.nanoTime() + Duration.ofSeconds(150).toNanos();
        long stored = 0;
        while (stored == 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
            stored = countEvents("chain");
        }
        worker.process().kill();
        note("chain: SIGKILL to the worker with %d events stored, backlog %d", stored, backlog());
        worker = start("worker");
        awaitHealthy(worker);
        verify("chain", answers, started, baseline);

        // Some visitors' batches went as chains: their profile was written fewer times than they have batches.
        List<String> profiles = answers.stream().map(answer -> {
            try {
                return JSON.readTree(answer.body()).path("profile").path("id").asText();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).distinct().toList();
        Map<String, Long> versions = versions(alias("profile"), profiles);
        long chained = versions.values().stream().filter(version -> version < rounds).count();
        note("chain: %d of %d profiles written fewer times than their %d batches", chained, profiles.size(), rounds);
        assertThat(chained).as("profiles written once for several batches").isPositive();
    }

    // ---- verification ------------------------------------------------------------------------------------------

    /**
     * Waits (bounded) until the worker has processed everything and checks the store: every payload event id of
     * the accepted requests exactly once, the alias count equal to all expected events so far, one profile per
     * session with one visit and all the session's events plus its three system events.
     */
    private static void verify(String scenario, List<Answer> accepted, long started, Baseline baseline) throws Exception {
        Map<String, String> profileOfSession = new TreeMap<>();
        Map<String, Integer> payloadOfProfile = new HashMap<>();
        Set<String> eventIds = new LinkedHashSet<>();
        for (Answer answer : accepted) {
            assertThat(answer.status()).isEqualTo(200);
            JsonNode body = JSON.readTree(answer.body());
            String session = body.path("session").path("id").asText();
            String profile = body.path("profile").path("id").asText();
            assertThat(profile).as(answer.body()).isNotBlank();
            String known = profileOfSession.putIfAbsent(session, profile);
            assertThat(known == null ? profile : known).as("the profile of session " + session).isEqualTo(profile);
            payloadOfProfile.merge(profile, answer.track().eventIds().size(), Integer::sum);
            for (String id : answer.track().eventIds()) {
                assertThat(eventIds.add(id)).as("event id sent twice by the test: " + id).isTrue();
            }
        }
        long expectedEvents = eventIds.size() + (long) SYSTEM_EVENTS.size() * payloadOfProfile.size();
        long waiting = System.nanoTime();
        long stored = awaitStored(scenario, expectedEvents, Duration.ofSeconds(240));
        note("%s: %d requests accepted, %d payload events, %d profiles; %d events expected (payload + system), %d stored; "
                + "settled %d s after the load", scenario, accepted.size(), eventIds.size(), payloadOfProfile.size(),
                expectedEvents, stored, seconds(waiting));

        Map<String, Integer> hits = occurrences(eventAlias(), new ArrayList<>(eventIds));
        List<String> missing = eventIds.stream().filter(id -> !hits.containsKey(id)).toList();
        Map<String, Integer> doubled = new TreeMap<>();
        hits.forEach((id, count) -> {
            if (count != 1) {
                doubled.put(id, count);
            }
        });
        note("%s: %d of %d accepted event ids found, %d missing, %d stored more than once", scenario, hits.size(),
                eventIds.size(), missing.size(), doubled.size());
        assertThat(missing).as(scenario + ": accepted events not stored").isEmpty();
        assertThat(doubled).as(scenario + ": events stored more than once").isEmpty();
        assertThat(stored).as(scenario + ": events of the scenario's source in the alias (payload + system events)")
                .isEqualTo(expectedEvents);

        List<String> profiles = new ArrayList<>(payloadOfProfile.keySet());
        Map<String, JsonNode> profileDocs = documents(alias("profile"), profiles);
        Map<String, Integer> wrongVisits = new TreeMap<>();
        for (String profile : profiles) {
            JsonNode doc = profileDocs.get(profile);
            int visits = doc == null ? -1 : doc.path("metadata").path("time").path("visit").path("count").asInt(-1);
            if (visits != 1) {
                wrongVisits.put(profile, visits);
            }
        }
        assertThat(wrongVisits).as(scenario + ": profiles whose visit count is not 1 (-1: missing)").isEmpty();
        Baseline after = Baseline.now();
        assertThat(after.profiles() - baseline.profiles()).as(scenario + ": profiles created").isEqualTo(profiles.size());
        assertThat(after.sessions() - baseline.sessions()).as(scenario + ": sessions created (one per profile)")
                .isEqualTo(profiles.size());

        Map<String, Map<String, Long>> byProfile = eventsByProfileAndType(profiles);
        Map<String, String> wrongEvents = new TreeMap<>();
        for (String profile : profiles) {
            Map<String, Long> types = byProfile.getOrDefault(profile, Map.of());
            long payload = types.entrySet().stream().filter(type -> !SYSTEM_EVENTS.contains(type.getKey()))
                    .mapToLong(Map.Entry::getValue).sum();
            boolean systemOnce = SYSTEM_EVENTS.stream().allMatch(type -> types.getOrDefault(type, 0L) == 1L);
            if (payload != payloadOfProfile.get(profile) || !systemOnce) {
                wrongEvents.put(profile, types + " (expected " + payloadOfProfile.get(profile) + " payload events)");
            }
        }
        assertThat(wrongEvents).as(scenario + ": profiles whose events are not exactly their sessions' events plus "
                + SYSTEM_EVENTS).isEmpty();
        assertThat(failedEvents()).as(scenario + ": nothing may be dead-lettered to the failed-events store").isZero();
        note("%s: verified in %d s in all", scenario, seconds(started));
    }

    /** Profiles and sessions in the namespace before a scenario. */
    private record Baseline(long profiles, long sessions) {

        static Baseline now() throws Exception {
            refresh(alias("profile"));
            refresh(alias("session"));
            return new Baseline(count(alias("profile")), count(alias("session")));
        }
    }

    /**
     * Waits until the batch backlog is empty and the scenario's event count reached {@code expected} (or stopped
     * moving for a minute).
     */
    private static long awaitStored(String scenario, long expected, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        long last = -1;
        long lastChange = System.nanoTime();
        while (System.nanoTime() < deadline) {
            long count = countEvents(scenario);
            long backlog = backlog();
            if (count == expected && backlog == 0) {
                Thread.sleep(2000);
                if (countEvents(scenario) == expected && backlog() == 0) {
                    return expected;
                }
                continue;
            }
            if (count != last) {
                last = count;
                lastChange = System.nanoTime();
            } else if (backlog == 0 && System.nanoTime() - lastChange > Duration.ofSeconds(60).toNanos()) {
                return count;
            }
            Thread.sleep(1000);
        }
        return countEvents(scenario);
    }

    // ---- load ----------------------------------------------------------------------------------------------------

    /** One request of the load: its session (null: none sent), its explicit event ids and its body. */
    private record Track(String sessionId, List<String> eventIds, String body) {

        static Track of(String scenario, String session, int round, int events) {
            String prefix = scenario + "-" + (session == null ? "n" + round : session + "-r" + round) + "-"
                    + java.util.UUID.randomUUID().toString().substring(0, 8);
            String sessionId = session == null ? null : NAMESPACE.name() + "-" + session;
            ObjectNode body = JSON.createObjectNode();
            body.putObject("source").put("id", source(scenario));
            if (sessionId == null) {
                body.putNull("session");
            } else {
                body.putObject("session").put("id", sessionId);
            }
            body.putNull("profile");
            body.putObject("context").putObject("page").put("url", "http://127.0.0.1/zero-loss");
            ArrayNode array = body.putArray("events");
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < events; i++) {
                String id = prefix + "-e" + i;
                ids.add(id);
                ObjectNode event = array.addObject();
                event.put("id", id);
                event.put("type", "page-view");
                event.putObject("properties").put("round", round).put("index", i);
            }
            return new Track(sessionId, List.copyOf(ids), body.toString());
        }
    }

    /** The answer to one request; status -1 when no HTTP answer came. */
    private record Answer(Track track, int status, String body, String retryAfter) {
    }

    private static Answer send(String method, Track track) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + collector.port() + "/track"))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json").header("User-Agent", USER_AGENT)
                .method(method, HttpRequest.BodyPublishers.ofString(track.body())).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(track, response.statusCode(), response.body(),
                    response.headers().firstValue("Retry-After").orElse(null));
        } catch (IOException e) {
            return new Answer(track, -1, e.toString(), null);
        }
    }

    /**
     * Sends requests at a fixed rate from a few client threads and records every answer. Bounded: the tracks
     * are finite, each request has a timeout, and {@link #await} has one.
     */
    private static final class Load {

        private final ExecutorService clients;
        private final Thread dispatcher;
        private final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
        private final AtomicInteger submitted = new AtomicInteger();
        private final AtomicBoolean stopped = new AtomicBoolean();

        private Load(Iterator<Track> tracks, double perSecond, int threads, String method) {
            this.clients = Executors.newFixedThreadPool(threads);
            this.dispatcher = new Thread(() -> {
                long start = System.nanoTime();
                long interval = (long) (1_000_000_000L / perSecond);
                int index = 0;
                while (tracks.hasNext() && !stopped.get()) {
                    Track track = tracks.next();
                    long wait = start + index * interval - System.nanoTime();
                    if (wait > 0) {
                        try {
                            TimeUnit.NANOSECONDS.sleep(wait);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                    index++;
                    submitted.incrementAndGet();
                    clients.execute(() -> {
                        try {
                            answers.add(send(method, track));
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    });
                }
            }, "zero-loss-load");
            dispatcher.setDaemon(true);
        }

        static Load start(Iterator<Track> tracks, double perSecond, int threads, String method) {
            Load load = new Load(tracks, perSecond, threads, method);
            load.dispatcher.start();
            return load;
        }

        int done() {
            return answers.size();
        }

        void awaitProgress(int answered, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (answers.size() < answered && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(answers.size()).as("answers within " + timeout).isGreaterThanOrEqualTo(answered);
        }

        void stop() {
            stopped.set(true);
        }

        List<Answer> await(Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            dispatcher.join(Math.max(1, timeout.toMillis()));
            clients.shutdown();
            if (!clients.awaitTermination(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                clients.shutdownNow();
                throw new AssertionError("the load did not finish within " + timeout + " (" + answers.size() + " of "
                        + submitted.get() + " answered)");
            }
            assertThat(answers).hasSize(submitted.get());
            return List.copyOf(answers);
        }
    }

    private static Iterator<Track> bounded(int max, IntFunction<Track> track) {
        return new Iterator<>() {
            private int index;

            @Override
            public boolean hasNext() {
                return index < max;
            }

            @Override
            public Track next() {
                return track.apply(index++);
            }
        };
    }

    private static Map<Integer, Long> statuses(List<Answer> answers) {
        Map<Integer, Long> statuses = new TreeMap<>();
        answers.forEach(answer -> statuses.merge(answer.status(), 1L, Long::sum));
        return statuses;
    }

    // ---- Elasticsearch and Pulsar reads -----------------------------------------------------------------------------

    private static String alias(String kind) {
        return NAMESPACE.indexPrefix() + ".default.prod." + kind;
    }

    private static String eventAlias() {
        return alias("event");
    }

    /** The scenario's events in the alias (payload and system events carry the batch's source id); -1 if unknown. */
    private static long countEvents(String scenario) {
        try {
            refresh(eventAlias());
            ObjectNode query = JSON.createObjectNode();
            query.putObject("query").putObject("term").put("source.id", source(scenario));
            HttpResponse<String> response = elastic("POST", "/" + eventAlias() + "/_count", query.toString());
            return response.statusCode() == 200 ? JSON.readTree(response.body()).path("count").asLong(-1) : -1;
        } catch (Exception e) {
            return -1;
        }
    }

    private static long failedEvents() throws Exception {
        HttpResponse<String> response = elastic("GET", "/" + alias("failed-event") + "/_count", null);
        return response.statusCode() == 404 ? 0 : JSON.readTree(response.body()).path("count").asLong(-1);
    }

    private static void refresh(String alias) throws Exception {
        elastic("POST", "/" + alias + "/_refresh", null);
    }

    private static long count(String alias) throws Exception {
        HttpResponse<String> response = elastic("GET", "/" + alias + "/_count", null);
        if (response.statusCode() == 404) {
            return 0;
        }
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("count").asLong();
    }

    /** How many documents carry each of the ids, over every index of the alias (an id in two partitions counts twice). */
    private static Map<String, Integer> occurrences(String alias, List<String> ids) throws Exception {
        Map<String, Integer> found = new HashMap<>();
        for (int from = 0; from < ids.size(); from += CHUNK) {
            ObjectNode query = JSON.createObjectNode();
            query.put("size", CHUNK * 2).put("_source", false);
            ArrayNode values = query.putObject("query").putObject("ids").putArray("values");
            ids.subList(from, Math.min(ids.size(), from + CHUNK)).forEach(values::add);
            for (JsonNode hit : search(alias, query).path("hits").path("hits")) {
                found.merge(hit.path("_id").asText(), 1, Integer::sum);
            }
        }
        return found;
    }

    private static Map<String, JsonNode> documents(String alias, List<String> ids) throws Exception {
        Map<String, JsonNode> found = new HashMap<>();
        for (int from = 0; from < ids.size(); from += CHUNK) {
            ObjectNode query = JSON.createObjectNode();
            query.put("size", CHUNK * 2);
            ArrayNode values = query.putObject("query").putObject("ids").putArray("values");
            ids.subList(from, Math.min(ids.size(), from + CHUNK)).forEach(values::add);
            for (JsonNode hit : search(alias, query).path("hits").path("hits")) {
                assertThat(found.put(hit.path("_id").asText(), hit.path("_source"))).as("document " + hit.path("_id")
                        + " stored twice").isNull();
            }
        }
        return found;
    }

    /** Elasticsearch's {@code _version} of each document: how many times it was written. */
    private static Map<String, Long> versions(String alias, List<String> ids) throws Exception {
        Map<String, Long> found = new HashMap<>();
        for (int from = 0; from < ids.size(); from += CHUNK) {
            ObjectNode query = JSON.createObjectNode();
            query.put("size", CHUNK * 2).put("version", true);
            query.putArray("_source").add("id");
            ArrayNode values = query.putObject("query").putObject("ids").putArray("values");
            ids.subList(from, Math.min(ids.size(), from + CHUNK)).forEach(values::add);
            for (JsonNode hit : search(alias, query).path("hits").path("hits")) {
                found.put(hit.path("_id").asText(), hit.path("_version").asLong());
            }
        }
        return found;
    }

    /** Event counts per profile id and event type. */
    private static Map<String, Map<String, Long>> eventsByProfileAndType(List<String> profiles) throws Exception {
        refresh(eventAlias());
        Map<String, Map<String, Long>> result = new HashMap<>();
        for (int from = 0; from < profiles.size(); from += CHUNK) {
            List<String> chunk = profiles.subList(from, Math.min(profiles.size(), from + CHUNK));
            ObjectNode query = JSON.createObjectNode();
            query.put("size", 0);
            ArrayNode values = query.putObject("query").putObject("terms").putArray("profile.id");
            chunk.forEach(values::add);
            ObjectNode byProfile = query.putObject("aggs").putObject("profile");
            byProfile.putObject("terms").put("field", "profile.id").put("size", chunk.size() + 10);
            byProfile.putObject("aggs").putObject("type").putObject("terms").put("field", "type").put("size", 20);
            for (JsonNode bucket : search(eventAlias(), query).path("aggregations").path("profile").path("buckets")) {
                Map<String, Long> types = new LinkedHashMap<>();
                for (JsonNode type : bucket.path("type").path("buckets")) {
                    types.put(type.path("key").asText(), type.path("doc_count").asLong());
                }
                result.put(bucket.path("key").asText(), types);
            }
        }
        return result;
    }

    private static JsonNode search(String alias, ObjectNode query) throws Exception {
        HttpResponse<String> response = elastic("POST", "/" + alias + "/_search", query.toString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> elastic(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(TestStack.get("ELASTIC_HOST") + path))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Batches published but not yet acknowledged by a worker (the {@code workers} subscription's backlog); -1 if unknown. */
    private static long backlog() {
        try {
            HttpResponse<String> response = TestStack.httpGet(TestStack.get("PULSAR_API") + "/admin/v2/persistent/public/"
                    + NAMESPACE.pulsarNamespace() + "/batches/partitioned-stats?perPartition=true");
            if (response.statusCode() != 200) {
                return -1;
            }
            long sum = 0;
            for (JsonNode partition : JSON.readTree(response.body()).path("partitions")) {
                sum += partition.path("subscriptions").path("workers").path("msgBacklog").asLong(0);
            }
            return sum;
        } catch (Exception e) {
            return -1;
        }
    }

    // ---- reporting -----------------------------------------------------------------------------------------------

    private static void note(String format, Object... args) {
        String line = String.format(format, args);
        SUMMARY.add(line);
        System.out.println("[zero-loss] " + line);
    }

    private static long seconds(long since) {
        return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - since);
    }

    private static String tail(String text) {
        return text.length() <= 6000 ? text : text.substring(text.length() - 6000);
    }
}
