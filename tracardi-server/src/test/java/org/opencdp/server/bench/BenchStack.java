package org.opencdp.server.bench;

import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.lifecycle.JettyManaged;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.opencdp.server.TracardiApplication;
import org.opencdp.server.TracardiConfiguration;
import org.opencdp.server.role.Role;
import org.opencdp.server.role.RoleCommand;
import org.opencdp.server.role.WorkerContext;
import org.opencdp.server.source.ConfigChangePublisher;
import org.opencdp.server.source.EventSource;
import org.opencdp.server.source.EventSourceDao;
import org.opencdp.server.storage.Tenant;
import org.opencdp.server.storage.TenantScope;
import org.opencdp.server.storage.mysql.MysqlStore;
import org.opencdp.server.testing.TestStack;
import org.opencdp.server.testing.TestStack.Namespace;
import redis.clients.jedis.Jedis;

/**
 * What every benchmark suite shares: the all-in-one role started in this JVM on a fresh namespace of the local
 * stack (locked to the production context, with the tracker's event source), and the probes the suites measure
 * the worker with: event documents indexed (real time), the workers' Pulsar backlog, waits until both settle.
 */
final class BenchStack {

    static final ObjectMapper JSON = new ObjectMapper();
    /** The event source of the tracker capture the payloads are made of. */
    static final String SOURCE = "js-source-1";
    /** The role collects into production ({@code context.production}), so configuration rows go there too. */
    static final TenantScope SCOPE = TenantScope.production(Tenant.of("default"));

    private final Namespace namespace;
    private final PrintStream out;
    private final HttpClient admin = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String elastic = TestStack.get("ELASTIC_HOST");
    private DropwizardTestSupport<TracardiConfiguration> app;

    BenchStack(Namespace namespace, PrintStream out) {
        this.namespace = namespace;
        this.out = out;
    }

    /**
     * Sends the application's logs (Dropwizard's request log writes a line per request to the console) to
     * {@code target/bench/app.log}: they cost the same as in production, but would drown the figures. Returns
     * the console, for the figures.
     */
    static PrintStream logsToFile() throws IOException {
        PrintStream console = System.out;
        Path logs = Path.of("target", "bench");
        Files.createDirectories(logs);
        PrintStream appLog = new PrintStream(new FileOutputStream(logs.resolve("app.log").toFile()), true, StandardCharsets.UTF_8);
        System.setOut(appLog);
        System.setErr(appLog);
        return console;
    }

    Namespace namespace() {
        return namespace;
    }

    /**
     * Starts the all-in-one role with the given overrides on top of the benchmark's own (production context, a
     * patient start-up, a short shutdown grace period) and registers the tracker's event source. The stack is
     * shared: when the first start fails (another run restarting a backend), it waits for the backends and
     * tries once more.
     */
    void start(List<ConfigOverride> extra) throws Exception {
        for (int attempt = 1; ; attempt++) {
            awaitBackends(Duration.ofSeconds(60));
            try {
                startOnce(extra);
                return;
            } catch (Exception e) {
                if (attempt >= 2) {
                    throw e;
                }
                out.println("start failed (" + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + "); trying once more");
                stop();
            }
        }
    }

    private void startOnce(List<ConfigOverride> extra) throws Exception {
        List<ConfigOverride> overrides = new ArrayList<>(List.of(namespace.overrides(true)));
        // These runs use the production scope; all-in-one collects into staging unless locked to production.
        overrides.add(ConfigOverride.config("context.production", "true"));
        // The shared stack may be busy (a red cluster while other runs create indices): wait up to a minute.
        overrides.add(ConfigOverride.config("startup.waitTries", "30"));
        // Stop at once when the run ends: requests still in flight then are of no interest.
        overrides.add(ConfigOverride.config("server.shutdownGracePeriod", "1s"));
        overrides.addAll(extra);
        app = new DropwizardTestSupport<>(TracardiApplication.class, "../config/all-in-one.yml", (String) null,
                application -> new RoleCommand(application, Role.ALL_IN_ONE), overrides.toArray(ConfigOverride[]::new));
        app.before();
        try (MysqlStore mysql = MysqlStore.connect(configuration().mysql(), new MetricRegistry(), "bench")) {
            EventSourceDao sources = new EventSourceDao(mysql.jdbi(), JSON, ConfigChangePublisher.NONE);
            sources.upsert(SCOPE, EventSource.fromJson(JSON.readTree(
                    "{\"id\":\"" + SOURCE + "\",\"name\":\"Web\",\"type\":[\"rest\"],\"channel\":\"Web\",\"enabled\":true}")));
        }
    }

    /**
     * Stops the role's batch consumption (the collector keeps accepting and Pulsar keeps the batches), so that a
     * phase measures the collector alone, as the no-op ceiling measures the request path alone.
     */
    void pauseWorker() throws Exception {
        workerSubscription().stop();
    }

    /** Starts the batch consumption that {@link #pauseWorker} stopped. */
    void resumeWorker() throws Exception {
        workerSubscription().start();
    }

    private WorkerContext.BatchSubscription workerSubscription() {
        return app.getEnvironment().lifecycle().getManagedObjects().stream()
                .filter(JettyManaged.class::isInstance)
                .map(managed -> ((JettyManaged) managed).getManaged())
                .filter(WorkerContext.BatchSubscription.class::isInstance)
                .map(WorkerContext.BatchSubscription.class::cast)
                .findFirst().orElseThrow(() -> new IllegalStateException("the role has no batch subscription"));
    }

    TracardiConfiguration configuration() {
        return app.getConfiguration();
    }

    int port() {
        return app.getLocalPort();
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port() + path);
    }

    /**
     * Stops the role (once, bounded: the time budget's KILL follows its TERM after a few seconds), then deletes
     * the namespace's indices and templates: shutdown hooks run concurrently, so {@link TestStack}'s own clean-up
     * may have run while the worker was still writing.
     */
    synchronized void stop() {
        if (app != null) {
            DropwizardTestSupport<TracardiConfiguration> running = app;
            app = null;
            Thread stopper = new Thread(() -> {
                try {
                    running.after();
                } catch (RuntimeException e) {
                    out.println("stopping the role: " + e);
                }
            }, "bench-stop-role");
            stopper.setDaemon(true);
            stopper.start();
            try {
                stopper.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        deleteNamespaceIndices();
    }

    private void deleteNamespaceIndices() {
        try {
            String listed = esGet("/_cat/indices/" + namespace.indexPrefix() + ".*?h=index").body();
            List<String> indices = listed.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
            for (int from = 0; from < indices.size(); from += 20) {
                esSend("DELETE", "/" + String.join(",", indices.subList(from, Math.min(indices.size(), from + 20))), null);
            }
            esSend("DELETE", "/_index_template/" + namespace.indexPrefix() + ".*", null);
        } catch (Exception e) {
            // Best effort, as in TestStack: leftovers cost shards until someone deletes them.
        }
    }

    /** Waits (bounded) until every backend of the stack accepts connections and Elasticsearch is not red. */
    private void awaitBackends(Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        List<URI> endpoints = List.of(URI.create("mysql://" + TestStack.get("MYSQL_HOST") + ":" + TestStack.get("MYSQL_PORT")),
                URI.create(TestStack.get("REDIS_HOST")), URI.create(TestStack.get("PULSAR_HOST")), URI.create(TestStack.get("PULSAR_API")));
        String missing = "";
        while (System.nanoTime() < deadline) {
            missing = "";
            for (URI endpoint : endpoints) {
                try (java.net.Socket socket = new java.net.Socket()) {
                    socket.connect(new java.net.InetSocketAddress(endpoint.getHost(), endpoint.getPort()), 2000);
                } catch (IOException e) {
                    missing += " " + endpoint;
                }
            }
            try {
                String health = JSON.readTree(esGet("/_cluster/health").body()).path("status").asText();
                if (health.equals("red")) {
                    missing += " elasticsearch (red)";
                }
            } catch (Exception e) {
                missing += " " + elastic;
            }
            if (missing.isEmpty()) {
                return;
            }
            Thread.sleep(2000);
        }
        out.println("backends still not ready after " + bound.toSeconds() + " s:" + missing + "; starting anyway");
    }

    // ---------------------------------------------------------------------------------------------
    // Probes
    // ---------------------------------------------------------------------------------------------

    /** The event partitions of the namespace, by pattern rather than through the alias the application reads. */
    String eventIndices() {
        return namespace.indexPrefix() + ".default.prod.event.v1.*";
    }

    /** The profile indices of the namespace, by pattern. */
    String profileIndices() {
        return namespace.indexPrefix() + ".default.prod.profile*";
    }

    /**
     * Index operations on the event indices so far (primaries): real time, unlike {@code _count}, which waits
     * for the 5 s refresh interval of the event indices. Event ids are unique, so each is one stored event
     * (a re-delivered batch would count twice; the stored checks count the documents at the end).
     */
    long indexTotal() throws Exception {
        return eventPrimaries("indexing").path("indexing").path("index_total").asLong();
    }

    /**
     * Shard-level {@code _bulk} requests the event indices took so far (primaries). Over a drain, the documents indexed
     * per request show how much the worker's group commit combined: Elasticsearch's cost per document falls steeply
     * with the size of the request.
     */
    long bulkRequests() throws Exception {
        return eventPrimaries("bulk").path("bulk").path("total_operations").asLong();
    }

    private JsonNode eventPrimaries(String metric) throws Exception {
        HttpResponse<String> response = esGet("/" + eventIndices() + "/_stats/" + metric);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("event index stats: " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body()).path("_all").path("primaries");
    }

    /**
     * Index operations on the profile and session indices so far (primaries): a batch alone writes its profile and its
     * session once each; a visitor's queued batches processed as one chain write them once for all.
     */
    long profileAndSessionWrites() throws Exception {
        HttpResponse<String> response = esGet("/" + profileIndices() + "," + namespace.indexPrefix()
                + ".default.prod.session*/_stats/indexing");
        if (response.statusCode() != 200) {
            throw new IllegalStateException("profile and session index stats: " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body()).path("_all").path("primaries").path("indexing").path("index_total").asLong();
    }

    /**
     * Requests Redis has read from its clients so far ({@code total_reads_processed}): one per round trip, however many
     * commands a pipeline or transaction carries, so this counts what a worker waits for, not what it asks.
     */
    long redisRoundTrips() {
        try (Jedis jedis = new Jedis(URI.create(TestStack.get("REDIS_HOST")))) {
            for (String line : jedis.info("stats").split("\r?\n")) {
                if (line.startsWith("total_reads_processed:")) {
                    return Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                }
            }
        }
        throw new IllegalStateException("Redis INFO stats has no total_reads_processed (Redis 6 or later needed)");
    }

    /** Batches queued for the workers and not yet acknowledged (Pulsar admin, all partitions). */
    long backlog() throws Exception {
        HttpResponse<String> response = admin.send(HttpRequest.newBuilder(URI.create(TestStack.get("PULSAR_API")
                + "/admin/v2/persistent/public/" + namespace.pulsarNamespace() + "/batches/partitioned-stats"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Pulsar stats: " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body()).path("subscriptions").path("workers").path("msgBacklog").asLong();
    }

    /**
     * Waits (bounded) until the workers' backlog is empty and the event indices stopped growing for 1 s;
     * whether they did.
     */
    boolean settle(Duration bound) throws Exception {
        long deadline = System.nanoTime() + bound.toNanos();
        long last = -1;
        long lastGrowth = System.nanoTime();
        while (System.nanoTime() < deadline) {
            long indexed = indexTotal();
            if (indexed != last) {
                last = indexed;
                lastGrowth = System.nanoTime();
            } else if (System.nanoTime() - lastGrowth >= 1_000_000_000L && backlog() == 0) {
                return true;
            }
            Thread.sleep(250);
        }
        return false;
    }

    /** Documents matching a query (JSON text) in the given indices, after a refresh of them. */
    long count(String indices, String query) throws Exception {
        esSend("POST", "/" + indices + "/_refresh", null);
        HttpResponse<String> response = esSend("POST", "/" + indices + "/_count", query);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("count in " + indices + ": " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body()).path("count").asLong();
    }

    /** The first hits of a search (after a refresh). */
    JsonNode search(String indices, String body) throws Exception {
        esSend("POST", "/" + indices + "/_refresh", null);
        HttpResponse<String> response = esSend("POST", "/" + indices + "/_search", body);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("search in " + indices + ": " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body()).path("hits").path("hits");
    }

    // ---------------------------------------------------------------------------------------------
    // Elasticsearch admin calls (plain HTTP)
    // ---------------------------------------------------------------------------------------------

    HttpResponse<String> esGet(String path) throws Exception {
        return admin.send(HttpRequest.newBuilder(URI.create(elastic + path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> esSend(String method, String path, String body) throws Exception {
        return admin.send(HttpRequest.newBuilder(URI.create(elastic + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
