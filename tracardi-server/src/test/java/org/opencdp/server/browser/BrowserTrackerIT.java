package org.opencdp.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencdp.server.TracardiApplication;
import org.opencdp.server.TracardiConfiguration;
import org.opencdp.server.role.Role;
import org.opencdp.server.role.RoleCommand;
import org.opencdp.server.source.ConfigChangePublisher;
import org.opencdp.server.source.EventSource;
import org.opencdp.server.source.EventSourceDao;
import org.opencdp.server.storage.Tenant;
import org.opencdp.server.storage.TenantScope;
import org.opencdp.server.storage.mysql.MysqlStore;
import org.opencdp.server.testing.TestStack;
import org.opencdp.server.testing.TestStack.Namespace;

/**
 * The browser oracle (spec README §4) with a tracker of our own: Debian's headless Chromium loads a shop page
 * from one origin, which loads a small script from the collector's {@code /tracker/} folder on another origin;
 * the script sends the requests of the real tracardi-js capture ({@code js_tracker_capture.jsonl}): the CORS
 * preflight for {@code content-type, x-timestamp}, the first-visit {@code POST /track}, the {@code fire: true}
 * helper call, and on later loads the returning visit with the profile id kept in {@code localStorage}. The
 * page applies each answer as collector-api §3.8 says (keep the id, append the {@code ux} elements to
 * {@code <body>}) and writes the outcome into its DOM, which the test reads over the DevTools protocol.
 * The collector is the all-in-one role on the real stack, so the events must end up in Elasticsearch.
 */
class BrowserTrackerIT {

    private static final Namespace NAMESPACE = TestStack.newNamespace("browser");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String SOURCE = "js-source-1";
    private static final String SCRIPT = "opencdp-test-tracker.js";
    private static final TenantScope SCOPE = TenantScope.production(Tenant.of("default"));
    private static final Duration PAGE_TIMEOUT = Duration.ofSeconds(45);

    private static Path trackerDirectory;
    private static DropwizardAppExtension<TracardiConfiguration> app;
    private static HttpServer shop;
    private static String collector;
    private static String shopOrigin;

    @BeforeAll
    static void start() throws Exception {
        // The operator's tracker folder (collector.tracker.directory), holding our own small script.
        trackerDirectory = Files.createTempDirectory("opencdp-tracker-");
        Files.writeString(trackerDirectory.resolve(SCRIPT), resource(SCRIPT));

        List<ConfigOverride> overrides = new ArrayList<>(List.of(NAMESPACE.overrides(true)));
        // These tests use the production scope; all-in-one collects into staging unless locked to production.
        overrides.add(ConfigOverride.config("context.production", "true"));
        overrides.add(ConfigOverride.config("collector.tracker.directory", trackerDirectory.toString()));
        overrides.add(ConfigOverride.config("collector.awaitTimeout", "10s"));
        overrides.add(ConfigOverride.config("worker.threads", "2"));
        app = new DropwizardAppExtension<>(TracardiApplication.class, "../config/all-in-one.yml", (String) null,
                application -> new RoleCommand(application, Role.ALL_IN_ONE), overrides.toArray(ConfigOverride[]::new));
        app.before();
        TracardiConfiguration config = app.getConfiguration();
        try (MysqlStore mysql = MysqlStore.connect(config.mysql(), new com.codahale.metrics.MetricRegistry(), "test")) {
            EventSourceDao sources = new EventSourceDao(mysql.jdbi(), JSON, ConfigChangePublisher.NONE);
            sources.upsert(SCOPE, EventSource.fromJson(JSON.readTree(
                    "{\"id\":\"" + SOURCE + "\",\"name\":\"Web\",\"type\":[\"rest\"],\"channel\":\"Web\",\"enabled\":true}")));
        }
        collector = "http://127.0.0.1:" + app.getLocalPort();

        // The shop: another loopback port, so another origin than the collector (as in the capture).
        String page = resource("test.html");
        shop = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        shop.createContext("/", exchange -> servePage(exchange, page));
        shop.start();
        shopOrigin = "http://127.0.0.1:" + shop.getAddress().getPort();
        assertThat(shopOrigin).isNotEqualTo(collector);
    }

    @AfterAll
    static void stop() throws IOException {
        if (shop != null) {
            shop.stop(0);
        }
        if (app != null) {
            app.after();
        }
        if (trackerDirectory != null) {
            try (Stream<Path> files = Files.walk(trackerDirectory)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @Test
    void theTrackerPageGetsItsProfileKeepsItAndAppliesTheAnswer() throws Exception {
        try (HeadlessChromium browser = HeadlessChromium.start()) {
            browser.call("Network.enable");
            browser.call("Runtime.enable");
            browser.call("Log.enable");
            String page = shopOrigin + "/test.html";

            // First visit: no profile yet; the answer's profile id is kept.
            JsonNode first = visit(browser, page + "?utm_source=news");
            assertThat(first.path("visit").asText()).isEqualTo("first");
            String profileId = first.path("received").path(0).path("profile").asText();
            String session = first.path("session").asText();
            assertThat(profileId).as(first.toString()).isNotBlank();
            assertThat(first.path("sent").path(0).path("profile").isNull()).isTrue();
            assertThat(first.path("received").path(0).path("session").asText()).isEqualTo(session);
            // The helper call (fire: true) already carries the id just received, and gets it back.
            assertThat(first.path("sent").path(1).path("profile").asText()).isEqualTo(profileId);
            assertThat(first.path("received").path(1).path("profile").asText()).isEqualTo(profileId);
            assertThat(first.path("kept").asText()).isEqualTo(profileId);
            // The ux injection ran on every answer; without a workflow the server has nothing to inject.
            assertThat(first.path("ux")).hasSize(2).allMatch(count -> count.asInt() == 0);

            // Returning visit in the same session (the capture's third POST): the kept id is sent and confirmed.
            JsonNode returning = visit(browser, page);
            assertThat(returning.path("visit").asText()).isEqualTo("returning");
            assertThat(returning.path("session").asText()).isEqualTo(session);
            assertThat(returning.path("sent").path(0).path("profile").asText()).isEqualTo(profileId);
            assertThat(returning.path("received").path(0).path("profile").asText()).isEqualTo(profileId);
            assertThat(returning.path("kept").asText()).isEqualTo(profileId);
            assertThat(returning.path("ux")).hasSize(1).allMatch(count -> count.asInt() == 0);

            // Returning visit after the session cookie expired: only the kept id links the visitor.
            browser.call("Network.clearBrowserCookies");
            JsonNode nextDay = visit(browser, page + "?utm_source=newsletter&utm_campaign=spring");
            String secondSession = nextDay.path("session").asText();
            assertThat(nextDay.path("visit").asText()).isEqualTo("returning");
            assertThat(secondSession).isNotBlank().isNotEqualTo(session);
            assertThat(nextDay.path("sent").path(0).path("profile").asText()).isEqualTo(profileId);
            assertThat(nextDay.path("received").path(0).path("profile").asText()).as(nextDay.toString()).isEqualTo(profileId);
            assertThat(nextDay.path("kept").asText()).isEqualTo(profileId);
            assertThat(nextDay.path("ux")).hasSize(1).allMatch(count -> count.asInt() == 0);

            // The page's injection code on a non-empty ux (the server needs a workflow to send one).
            JsonNode injected = browser.evaluate("(() => {"
                    + " const before = document.body.children.length;"
                    + " const count = window.opencdpTracker.applyUx(["
                    + "   {tag: 'div', props: {'class': 'tracardi-uix-consent', 'data-endpoint': '" + collector + "'}, content: null},"
                    + "   {tag: 'p', props: {id: 'ux-text'}, content: 'Hello <b>'}]);"
                    + " const p = document.getElementById('ux-text');"
                    + " return {count, added: document.body.children.length - before,"
                    + "   consent: document.querySelector('body > div.tracardi-uix-consent').dataset.endpoint,"
                    + "   text: p.textContent, last: document.body.lastElementChild === p};"
                    + "})()");
            assertThat(injected.path("count").asInt()).isEqualTo(2);
            assertThat(injected.path("added").asInt()).isEqualTo(2);
            assertThat(injected.path("consent").asText()).isEqualTo(collector);
            assertThat(injected.path("text").asText()).isEqualTo("Hello <b>");
            assertThat(injected.path("last").asBoolean()).isTrue();

            assertThat(browser.events("Runtime.exceptionThrown")).as(browser.consoleAndErrors().toString()).isEmpty();
            assertRequests(browser);
            assertStored(profileId, session, secondSession);
        }
    }

    /** Loads the page and waits until its tracker wrote its outcome into the DOM; answers the outcome. */
    private static JsonNode visit(HeadlessChromium browser, String url) throws Exception {
        browser.navigate(url);
        JsonNode shown = browser.waitFor("(() => { const e = document.getElementById('tracker-outcome');"
                        + " return {href: location.href, state: e ? e.getAttribute('data-state') : null,"
                        + " text: e ? e.textContent : null}; })()",
                value -> url.equals(value.path("href").asText())
                        && List.of("done", "error").contains(value.path("state").asText()),
                PAGE_TIMEOUT);
        JsonNode outcome = JSON.readTree(shown.path("text").asText());
        assertThat(shown.path("state").asText()).as("%s; console: %s", outcome, browser.consoleAndErrors()).isEqualTo("done");
        return outcome;
    }

    /** The requests the browser made, as the DevTools protocol reported them: those of the capture. */
    private static void assertRequests(HeadlessChromium browser) {
        Map<String, JsonNode> responses = new HashMap<>();
        for (JsonNode received : browser.events("Network.responseReceived")) {
            responses.put(received.path("requestId").asText(), received.path("response"));
        }
        List<String> seen = new ArrayList<>();
        int scripts = 0;
        int preflights = 0;
        int posts = 0;
        for (JsonNode sent : browser.events("Network.requestWillBeSent")) {
            JsonNode request = sent.path("request");
            String method = request.path("method").asText();
            String url = request.path("url").asText();
            JsonNode response = responses.get(sent.path("requestId").asText());
            int status = response == null ? 0 : response.path("status").asInt();
            seen.add(method + " " + url + " " + sent.path("type").asText() + " -> " + status);
            if (!url.startsWith(collector + "/")) {
                continue;
            }
            Map<String, String> headers = lowerCase(response == null ? null : response.path("headers"));
            if (url.equals(collector + "/tracker/" + SCRIPT) && "GET".equals(method)) {
                scripts++;
                assertThat(status).isEqualTo(200);
                assertThat(headers.get("content-type")).startsWith("application/javascript");
            } else if (url.equals(collector + "/track") && "OPTIONS".equals(method)) {
                preflights++;
                assertThat(status).isEqualTo(200);
                assertThat(lowerCase(request.path("headers")).get("access-control-request-headers"))
                        .contains("content-type").contains("x-timestamp");
                assertThat(headers.get("access-control-allow-origin")).isEqualTo(shopOrigin);
            } else if (url.equals(collector + "/track") && "POST".equals(method)) {
                posts++;
                assertThat(status).as(seen.toString()).isEqualTo(200);
                assertThat(lowerCase(request.path("headers"))).containsKey("x-timestamp")
                        .containsEntry("content-type", "application/json");
                assertThat(headers.get("access-control-allow-origin")).isEqualTo(shopOrigin);
            }
        }
        System.out.println("BrowserTrackerIT: the browser's requests: " + String.join("; ", seen));
        assertThat(scripts).as(seen.toString()).isGreaterThanOrEqualTo(1);
        // One preflight: its answer is cached for Access-Control-Max-Age (600 s), as in the capture.
        assertThat(preflights).as(seen.toString()).isEqualTo(1);
        // First visit, helper call, returning visit, next-day visit.
        assertThat(posts).as(seen.toString()).isEqualTo(4);
    }

    /** The events of both visits are in Elasticsearch, on the one profile, which counts two visits. */
    private static void assertStored(String profileId, String session, String secondSession) throws Exception {
        elasticPost("/" + alias("event") + "/_refresh", "");
        JsonNode hits = elasticPost("/" + alias("event") + "/_search",
                "{\"size\":100,\"query\":{\"term\":{\"profile.id\":\"" + profileId + "\"}}}").path("hits").path("hits");
        Map<String, List<String>> typesBySession = new HashMap<>();
        for (JsonNode hit : hits) {
            JsonNode event = hit.path("_source");
            typesBySession.computeIfAbsent(event.path("session").path("id").asText(), key -> new ArrayList<>())
                    .add(event.path("type").asText());
            assertThat(event.path("source").path("id").asText()).isEqualTo(SOURCE);
        }
        typesBySession.values().forEach(types -> types.sort(Comparator.naturalOrder()));
        assertThat(typesBySession).as(hits.toString()).containsOnlyKeys(session, secondSession);
        // First visit: two page events, the helper event and the three system events; then the returning
        // visit's page events in the same session.
        assertThat(typesBySession.get(session)).containsExactly("button-click", "page-view", "page-view",
                "profile-created", "purchase-order", "purchase-order", "session-opened", "visit-started");
        // The next day: a new session on the same profile.
        assertThat(typesBySession.get(secondSession)).containsExactly("page-view", "purchase-order", "session-opened",
                "visit-started");
        JsonNode profile = elastic("/" + alias("profile") + "/_doc/" + profileId).path("_source");
        assertThat(profile.path("metadata").path("time").path("visit").path("count").asInt()).as(profile.toString()).isEqualTo(2);
    }

    private static void servePage(HttpExchange exchange, String page) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if ("GET".equals(exchange.getRequestMethod()) && "/test.html".equals(path)) {
                byte[] body = page.replace("{{COLLECTOR}}", collector).replace("{{SOURCE}}", SOURCE)
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
                exchange.getResponseHeaders().set("Cache-Control", "no-store");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            } else {
                exchange.sendResponseHeaders(404, -1);
            }
        }
    }

    private static Map<String, String> lowerCase(JsonNode headers) {
        Map<String, String> map = new HashMap<>();
        if (headers != null) {
            headers.fields().forEachRemaining(header -> map.put(header.getKey().toLowerCase(Locale.ROOT), header.getValue().asText()));
        }
        return map;
    }

    private static String resource(String name) {
        try (InputStream in = Objects.requireNonNull(BrowserTrackerIT.class.getResourceAsStream("/browser/" + name), name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String alias(String kind) {
        return NAMESPACE.indexPrefix() + ".default.prod." + kind;
    }

    private static JsonNode elastic(String path) throws Exception {
        return JSON.readTree(TestStack.httpGet(TestStack.get("ELASTIC_HOST") + path).body());
    }

    private static JsonNode elasticPost(String path, String body) throws Exception {
        return JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(TestStack.get("ELASTIC_HOST") + path))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()).body());
    }
}
