package org.opencdp.server.testing;

import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opencdp.server.TracardiApplication;
import org.opencdp.server.TracardiConfiguration;
import org.opencdp.server.api.ApiRoles;
import org.opencdp.server.api.auth.PasswordHasher;
import org.opencdp.server.role.Role;
import org.opencdp.server.role.RoleCommand;
import org.opencdp.server.storage.Tenant;
import org.opencdp.server.storage.mysql.MysqlStore;
import org.opencdp.server.user.UserDao;
import org.opencdp.server.user.UserRecord;

/**
 * One in-process all-in-one server for private-API integration tests, bound to its own namespace: it migrates
 * on start, so tests can create users and log in over HTTP at once. Either start it in {@code @BeforeAll} and
 * close it in {@code @AfterAll}, or register {@link #forClass} as a static {@code @RegisterExtension} field,
 * which starts it before the class's own {@code @BeforeAll} methods and closes it after its {@code @AfterAll}.
 */
public final class PrivateApiFixture implements AutoCloseable, BeforeAllCallback, AfterAllCallback {

    public static final Tenant TENANT = Tenant.of("default");
    public static final String PASSWORD = "test-password-1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Role role;
    private final String configFile;
    private final String label;
    private final ConfigOverride[] extra;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** One user's token per role, made on first use. */
    private final Map<String, String> roleTokens = new ConcurrentHashMap<>();
    private TestStack.Namespace namespace;
    private DropwizardAppExtension<TracardiConfiguration> app;
    private MysqlStore mysql;

    private PrivateApiFixture(Role role, String configFile, String label, ConfigOverride... extra) {
        this.role = role;
        this.configFile = configFile;
        this.label = label;
        this.extra = extra;
    }

    /** A fixture for a static {@code @RegisterExtension} field: started before the class, closed after it. */
    public static PrivateApiFixture forClass(String label, ConfigOverride... extra) {
        return new PrivateApiFixture(Role.ALL_IN_ONE, "../config/all-in-one.yml", label, extra);
    }

    /** Starts the all-in-one role with trackDebug on, a cheap bcrypt cost and any extra overrides. */
    public static PrivateApiFixture start(String label, ConfigOverride... extra) throws Exception {
        return start(Role.ALL_IN_ONE, "../config/all-in-one.yml", label, extra);
    }

    public static PrivateApiFixture start(Role role, String configFile, String label, ConfigOverride... extra) throws Exception {
        PrivateApiFixture fixture = new PrivateApiFixture(role, configFile, label, extra);
        fixture.open();
        return fixture;
    }

    private void open() throws Exception {
        namespace = TestStack.newNamespace(label);
        List<ConfigOverride> overrides = new ArrayList<>(List.of(namespace.overrides(true)));
        overrides.add(ConfigOverride.config("collector.trackDebug", "true"));
        overrides.add(ConfigOverride.config("collector.awaitTimeout", "10s"));
        overrides.add(ConfigOverride.config("worker.threads", "2"));
        overrides.add(ConfigOverride.config("security.passwordHashCost", "4"));
        overrides.addAll(Arrays.asList(extra));
        app = new DropwizardAppExtension<>(TracardiApplication.class, configFile,
                (String) null, application -> new RoleCommand(application, role), overrides.toArray(ConfigOverride[]::new));
        app.before();
        mysql = MysqlStore.connect(app.getConfiguration().mysql(), new MetricRegistry(), "private-api-test");
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        open();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        close();
    }

    public TestStack.Namespace namespace() { return namespace; }
    public TracardiConfiguration config() { return app.getConfiguration(); }
    public io.dropwizard.core.setup.Environment environment() { return app.getEnvironment(); }
    public MysqlStore mysql() { return mysql; }
    public ObjectMapper json() { return JSON; }

    public String url(String path) {
        return "http://127.0.0.1:" + app.getLocalPort() + (path.startsWith("/") ? path : "/" + path);
    }

    /** Creates an enabled user with these roles directly in MySQL and returns its e-mail. */
    public String createUser(String... roles) {
        String email = "user-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        new UserDao(mysql.jdbi(), JSON).insert(TENANT, new UserRecord(UUID.randomUUID().toString(), email, "Test user",
                List.of(roles), true, null, null), new PasswordHasher(4).hash(PASSWORD));
        return email;
    }

    /** A fresh bearer token for a new user with these roles, obtained through {@code POST /user/token}. */
    public String tokenFor(String... roles) throws IOException, InterruptedException {
        return login(createUser(roles), PASSWORD);
    }

    /** The token of this fixture's one user with just this role, created and logged in on first use. */
    public String token(String role) {
        return roleTokens.computeIfAbsent(role, wanted -> {
            try {
                return tokenFor(wanted);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while logging in", e);
            }
        });
    }

    public String admin() { return token(ApiRoles.ADMIN); }
    public String developer() { return token(ApiRoles.DEVELOPER); }
    public String marketer() { return token(ApiRoles.MARKETER); }
    public String maintainer() { return token(ApiRoles.MAINTAINER); }

    public String login(String email, String password) throws IOException, InterruptedException {
        String form = "username=" + URLEncoder.encode(email, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url("/user/token")))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("login failed: " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body()).path("access_token").asText();
    }

    public HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        return send(request(path, token).GET());
    }

    public HttpResponse<String> delete(String path, String token) throws IOException, InterruptedException {
        return send(request(path, token).DELETE());
    }

    /** POST with a JSON body and no Content-Type, as Tracardi's test client sends it. */
    public HttpResponse<String> post(String path, String token, String json) throws IOException, InterruptedException {
        return send(request(path, token).POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public HttpResponse<String> put(String path, String token, String json) throws IOException, InterruptedException {
        return send(request(path, token).PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(30));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    public HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public JsonNode parse(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    @Override
    public void close() throws Exception {
        roleTokens.clear();
        mysql.close();
        app.after();
    }
}
