package org.opencdp.server.storage.queue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.opencdp.server.config.QueueConfig;

/**
 * A small client of Pulsar's admin REST API: broker health and the creation of tenants, namespaces,
 * topics and subscriptions. The full admin library would add a second, heavy Pulsar dependency for a
 * handful of idempotent calls.
 */
public final class PulsarAdminClient {

    private final HttpClient http;
    private final URI base;
    private final String authToken;

    public PulsarAdminClient(QueueConfig.Pulsar config) {
        this(URI.create(config.adminUrl().replaceAll("/+$", "")), config.authToken());
    }

    PulsarAdminClient(URI base, String authToken) {
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
        this.base = base;
        this.authToken = authToken == null ? "" : authToken;
    }

    /** The admin URL, for log lines and health messages. */
    public String description() {
        return base.toString();
    }

    /** A response: its status and body. */
    public record Reply(int status, String body) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    public Reply get(String path) throws IOException {
        return send(request(path).GET());
    }

    public Reply put(String path, String jsonBody) throws IOException {
        return send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(jsonBody)));
    }

    public Reply post(String path, String jsonBody) throws IOException {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(jsonBody)));
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10));
        if (!authToken.isBlank()) {
            builder.header("Authorization", "Bearer " + authToken);
        }
        return builder;
    }

    private Reply send(HttpRequest.Builder builder) throws IOException {
        try {
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while calling Pulsar admin at " + base, e);
        }
    }
}
