package org.opencdp.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.opencdp.server.event.TrackerCapture;
import org.opencdp.server.source.ConfigChangePublisher;
import org.opencdp.server.source.EventSource;
import org.opencdp.server.source.EventSourceDao;
import org.opencdp.server.storage.TenantScope;

/**
 * Real data for data-endpoint tests: a REST event source and {@code POST /track} calls with the tracker's
 * captured first-visit body, processed by the fixture's worker. The fixture's all-in-one role is not locked to
 * production, so it collects into staging ({@link #TRACKED}); production ({@link #inOther}) stays empty, which
 * the isolation checks use.
 */
public final class DataSeed {

    public static final String SOURCE = "js-source-1";
    public static final TenantScope TRACKED = TenantScope.staging(PrivateApiFixture.TENANT);
    public static final TenantScope OTHER = TenantScope.production(PrivateApiFixture.TENANT);
    private static final ObjectMapper JSON = new ObjectMapper();

    private DataSeed() {
    }

    /** Creates the enabled REST source the captured tracker body names, in the tracked context. */
    public static void createSource(PrivateApiFixture api) throws IOException {
        new EventSourceDao(api.mysql().jdbi(), JSON, ConfigChangePublisher.NONE).upsert(TRACKED, EventSource.fromJson(
                JSON.readTree("{\"id\":\"" + SOURCE + "\",\"name\":\"Web\",\"type\":[\"rest\"],\"channel\":\"Web\",\"enabled\":true}")));
    }

    /**
     * Tracks the first {@code events} events of the captured body (at most 2) in a session, and returns the
     * answer (with the debugger on, so {@code events} lists the stored event ids). A first visit adds the three
     * system events: one payload event gives 4 stored events.
     */
    public static JsonNode track(PrivateApiFixture api, String sessionId, String profileId, int events) throws Exception {
        ObjectNode body = TrackerCapture.body().deepCopy();
        body.putObject("session").put("id", sessionId);
        if (profileId == null) {
            body.putNull("profile");
        } else {
            body.putObject("profile").put("id", profileId);
        }
        body.putObject("options").put("debugger", true);
        ArrayNode sent = (ArrayNode) body.get("events");
        while (sent.size() > events) {
            sent.remove(sent.size() - 1);
        }
        HttpResponse<String> response = api.send(HttpRequest.newBuilder(java.net.URI.create(api.url("/track")))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString())));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("track failed: " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** A request in the context tracked data lives in (staging, named explicitly). */
    public static HttpResponse<String> inTracked(PrivateApiFixture api, String method, String path, String token,
                                                 String body) throws IOException, InterruptedException {
        return inContext(api, "staging", method, path, token, body);
    }

    /** A request in the other context (production), which tracking never writes to. */
    public static HttpResponse<String> inOther(PrivateApiFixture api, String method, String path, String token,
                                               String body) throws IOException, InterruptedException {
        return inContext(api, "production", method, path, token, body);
    }

    private static HttpResponse<String> inContext(PrivateApiFixture api, String context, String method, String path,
                                                  String token, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = api.request(path, token).header("X-Context", context);
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return api.send(request);
    }
}
