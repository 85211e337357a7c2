package org.opencdp.server.testing;

import io.dropwizard.testing.ConfigOverride;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.opencdp.server.config.RedisConfig;

/**
 * The local backend stack the integration tests run against ({@code bin/stack}). Connection settings come
 * from the environment ({@code bin/stack test} exports them) or from the stack's {@code stack.env} file.
 * Each test class gets its own {@link Namespace}: a database, an index prefix, a Redis key prefix and a
 * Pulsar namespace of its own, so classes never see each other's data.
 */
public final class TestStack {

    public static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final List<String> NAMES = List.of("MYSQL_HOST", "MYSQL_PORT", "MYSQL_USERNAME", "MYSQL_PASSWORD",
            "ELASTIC_HOST", "REDIS_HOST", "PULSAR_HOST", "PULSAR_API", "PULSAR_CLUSTER");
    private static Map<String, String> environment;

    private TestStack() {
    }

    /** The stack's connection variables, failing with instructions when no stack is described. */
    public static synchronized Map<String, String> environment() {
        if (environment == null) {
            Map<String, String> values = new HashMap<>();
            Path file = stackDir().resolve("stack.env");
            if (Files.isRegularFile(file)) {
                try {
                    for (String line : Files.readAllLines(file)) {
                        String text = line.strip().replaceFirst("^export\\s+", "");
                        int equals = text.indexOf('=');
                        if (equals > 0 && !text.startsWith("#")) {
                            values.put(text.substring(0, equals), text.substring(equals + 1).replaceAll("^['\"]|['\"]$", ""));
                        }
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
            for (String name : NAMES) {
                if (System.getenv(name) != null) {
                    values.put(name, System.getenv(name));
                }
                if (!values.containsKey(name)) {
                    throw new IllegalStateException("integration tests need the local stack: run `bin/stack up` (or the README's "
                            + "test command, bin/stack test); " + name + " is not set and " + file + " does not define it");
                }
            }
            environment = Map.copyOf(values);
        }
        return environment;
    }

    public static String get(String name) {
        return environment().get(name);
    }

    /** A fresh set of names for one test class; its indices and templates are deleted when the JVM exits. */
    public static Namespace newNamespace(String label) {
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        Namespace namespace = new Namespace(("t" + label + suffix).toLowerCase(Locale.ROOT));
        synchronized (CREATED) {
            if (CREATED.isEmpty()) {
                Runtime.getRuntime().addShutdownHook(new Thread(TestStack::deleteIndices, "test-namespace-cleanup"));
            }
            CREATED.add(namespace);
        }
        return namespace;
    }

    private static final List<Namespace> CREATED = new ArrayList<>();

    /**
     * Deletes the Elasticsearch indices and templates of every namespace this JVM created: each costs
     * shards, and a single-node cluster allows 1 000 of them.
     */
    static void deleteIndices() {
        String elastic = environment().get("ELASTIC_HOST");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        for (Namespace namespace : List.copyOf(CREATED)) {
            try {
                // Wildcard deletes are refused by default, so the indices are listed and deleted by name.
                String listed = http.send(HttpRequest.newBuilder(URI.create(elastic + "/_cat/indices/"
                        + namespace.indexPrefix() + ".*?h=index")).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                List<String> indices = listed.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
                for (int from = 0; from < indices.size(); from += 20) {
                    String names = String.join(",", indices.subList(from, Math.min(indices.size(), from + 20)));
                    http.send(HttpRequest.newBuilder(URI.create(elastic + "/" + names)).timeout(Duration.ofSeconds(30))
                            .DELETE().build(), HttpResponse.BodyHandlers.discarding());
                }
                http.send(HttpRequest.newBuilder(URI.create(elastic + "/_index_template/" + namespace.indexPrefix() + ".*"))
                        .timeout(Duration.ofSeconds(10)).DELETE().build(), HttpResponse.BodyHandlers.discarding());
            } catch (Exception e) {
                // Best effort: a stopped Elasticsearch keeps the leftovers until bin/stack's next clean-up.
            }
        }
    }

    /** Names of one test class's storage. */
    public record Namespace(String name) {

        public String database() { return name; }
        public String indexPrefix() { return name; }
        public String redisPrefix() { return name; }
        public String pulsarNamespace() { return name; }

        /** The stack's Redis, with this namespace's key prefix. */
        public RedisConfig redisConfig() {
            RedisConfig config = new RedisConfig();
            config.setUri(get("REDIS_HOST"));
            config.setKeyPrefix(redisPrefix());
            return config;
        }

        /** Environment variables for a child {@code tracardi} process bound to this namespace. */
        public Map<String, String> processEnvironment() {
            Map<String, String> env = new HashMap<>(environment());
            env.put("MYSQL_DATABASE", database());
            env.put("ELASTIC_INDEX_PREFIX", indexPrefix());
            env.put("REDIS_KEY_PREFIX", redisPrefix());
            env.put("PULSAR_NAMESPACE", pulsarNamespace());
            env.put("PULSAR_PARTITIONS", "4");
            env.put("ELASTIC_INDEX_SHARDS", "1");
            env.put("TRACARDI_SECRET_KEY", SECRET_KEY);
            env.put("AUTO_PROFILE_MERGING", SALT);
            env.put("STARTUP_WAIT_TRIES", "3");
            env.put("STARTUP_WAIT_INTERVAL", "2s");
            return env;
        }

        /** Configuration overrides binding an in-process role to this namespace, on random ports. */
        public ConfigOverride[] overrides(boolean applicationPort) {
            Map<String, String> env = environment();
            List<ConfigOverride> overrides = new ArrayList<>(List.of(
                    ConfigOverride.config("mysql.url", "jdbc:mysql://" + env.get("MYSQL_HOST") + ":" + env.get("MYSQL_PORT")
                            + "/" + database() + "?characterEncoding=utf8&useSSL=false&allowPublicKeyRetrieval=true"),
                    ConfigOverride.config("mysql.user", env.get("MYSQL_USERNAME")),
                    ConfigOverride.config("mysql.password", env.get("MYSQL_PASSWORD")),
                    ConfigOverride.config("tms.database.url", "jdbc:mysql://" + env.get("MYSQL_HOST") + ":" + env.get("MYSQL_PORT")
                            + "/" + database() + "?characterEncoding=utf8&useSSL=false&allowPublicKeyRetrieval=true"),
                    ConfigOverride.config("tms.database.user", env.get("MYSQL_USERNAME")),
                    ConfigOverride.config("tms.database.password", env.get("MYSQL_PASSWORD")),
                    ConfigOverride.config("elastic.hosts", env.get("ELASTIC_HOST")),
                    ConfigOverride.config("elastic.indexPrefix", indexPrefix()),
                    ConfigOverride.config("elastic.shards", "1"),
                    ConfigOverride.config("redis.uri", env.get("REDIS_HOST")),
                    ConfigOverride.config("redis.keyPrefix", redisPrefix()),
                    ConfigOverride.config("queue.pulsar.serviceUrl", env.get("PULSAR_HOST")),
                    ConfigOverride.config("queue.pulsar.adminUrl", env.get("PULSAR_API")),
                    ConfigOverride.config("queue.pulsar.cluster", env.get("PULSAR_CLUSTER")),
                    ConfigOverride.config("queue.pulsar.namespace", pulsarNamespace()),
                    ConfigOverride.config("queue.pulsar.partitions", "4"),
                    ConfigOverride.config("security.secretKey", SECRET_KEY),
                    ConfigOverride.config("identity.mergingSalt", SALT),
                    ConfigOverride.config("startup.waitTries", "3"),
                    ConfigOverride.config("startup.waitInterval", "2s"),
                    ConfigOverride.config("logging.level", "WARN"),
                    ConfigOverride.config("server.adminConnectors[0].port", "0")));
            if (applicationPort) {
                overrides.add(ConfigOverride.config("server.applicationConnectors[0].port", "0"));
            }
            return overrides.toArray(ConfigOverride[]::new);
        }

        /** Creates this namespace's database, for roles started without a migration. */
        public void createDatabase() throws SQLException {
            Map<String, String> env = environment();
            try (Connection server = DriverManager.getConnection("jdbc:mysql://" + env.get("MYSQL_HOST") + ":"
                    + env.get("MYSQL_PORT") + "/?useSSL=false&allowPublicKeyRetrieval=true", env.get("MYSQL_USERNAME"),
                    env.get("MYSQL_PASSWORD"))) {
                server.createStatement().execute("CREATE DATABASE IF NOT EXISTS `" + database() + "`");
            }
        }

        public Connection mysql() throws SQLException {
            Map<String, String> env = environment();
            return DriverManager.getConnection("jdbc:mysql://" + env.get("MYSQL_HOST") + ":" + env.get("MYSQL_PORT") + "/"
                    + database() + "?useSSL=false&allowPublicKeyRetrieval=true", env.get("MYSQL_USERNAME"), env.get("MYSQL_PASSWORD"));
        }
    }

    public static final String SECRET_KEY = Base64.getEncoder().encodeToString(new byte[32]);
    public static final String SALT = "integration-test-salt-0123456789";

    /** GET on a backend's HTTP API (Elasticsearch or Pulsar admin). */
    public static HttpResponse<String> httpGet(String url) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The folder whose {@code stack.env} describes the stack: {@code $STACK_DIR}, else the repository's {@code .stack}. */
    public static Path stackDir() {
        return Path.of(System.getenv().getOrDefault("STACK_DIR", REPO.resolve(".stack").toString()));
    }

    /** Ports of each service as {@code bin/stack} recorded them when it started it (variable name → port). */
    private static final Map<String, String> RECORDED_PORTS = new HashMap<>();

    /**
     * Runs {@code bin/stack <verb> <service>}; used to take a backend down and bring it back. It acts on the same
     * stack the tests use: {@code STACK_DIR} is passed on, and so are the ports the service was started with
     * (recorded by {@code bin/stack} in {@code $STACK_DIR/run/<service>.ports}, read before a stop removes them),
     * so a second stack on its own ports is stopped and started again on those ports, never on the defaults.
     * Explicit {@code STACK_*} variables of this JVM's environment win.
     */
    public static void stack(String verb, String service) throws IOException, InterruptedException {
        Path dir = stackDir().toAbsolutePath();
        Path ports = dir.resolve("run").resolve(service + ".ports");
        if (Files.isRegularFile(ports)) {
            synchronized (RECORDED_PORTS) {
                for (String entry : Files.readString(ports).trim().split("\\s+")) {
                    int colon = entry.indexOf(':');
                    if (colon > 0) {
                        RECORDED_PORTS.put(entry.substring(colon + 1), entry.substring(0, colon));
                    }
                }
            }
        }
        ProcessBuilder builder = new ProcessBuilder(REPO.resolve("bin/stack").toString(), verb, service)
                .redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("STACK_DIR", dir.toString());
        synchronized (RECORDED_PORTS) {
            RECORDED_PORTS.forEach(env::putIfAbsent);
        }
        Path log = Files.createTempFile("bin-stack-" + verb + "-" + service, ".log");
        Process process = builder.redirectOutput(log.toFile()).start();
        boolean finished = process.waitFor(180, TimeUnit.SECONDS);
        if (!finished || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("bin/stack " + verb + " " + service + " failed"
                    + (finished ? " (exit " + process.exitValue() + ")" : " (no answer in 180 s)") + ":\n"
                    + tail(Files.readString(log), 3000));
        }
        Files.deleteIfExists(log);
    }

    private static String tail(String text, int chars) {
        return text.length() <= chars ? text : text.substring(text.length() - chars);
    }
}
