package org.opencdp.server.storage.elastic;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import io.dropwizard.lifecycle.Managed;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.http.Header;
import org.apache.http.HttpHost;
import org.apache.http.HttpRequestInterceptor;
import org.apache.http.client.protocol.HttpClientContext;
import org.apache.http.message.BasicHeader;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;
import org.opencdp.server.config.ElasticConfig;

/**
 * The Elasticsearch connection of a role: the typed client for documents and searches, and the low-level
 * client for the schema work that is plain JSON. Closing it stops the client's non-daemon threads.
 */
public final class ElasticStore implements Managed, AutoCloseable {

    private final RestClient lowLevel;
    private final ElasticsearchClient client;
    private final IndexNames names;
    private final String description;

    private ElasticStore(RestClient lowLevel, IndexNames names, String description) {
        this.lowLevel = lowLevel;
        this.client = new ElasticsearchClient(new RestClientTransport(lowLevel, new JacksonJsonpMapper()));
        this.names = names;
        this.description = description;
    }

    public static ElasticStore connect(ElasticConfig config) {
        List<URI> uris = config.hostUris();
        HttpHost[] hosts = uris.stream()
                .map(uri -> new HttpHost(uri.getHost(), uri.getPort(), uri.getScheme()))
                .toArray(HttpHost[]::new);
        int timeoutMillis = (int) config.queryTimeout().toMillis();
        RestClientBuilder builder = RestClient.builder(hosts)
                .setCompressionEnabled(config.compress())
                .setRequestConfigCallback(request -> request
                        .setConnectTimeout(Math.min(timeoutMillis, 5_000))
                        .setSocketTimeout(timeoutMillis))
                .setHttpClientConfigCallback(http -> http
                        .setMaxConnTotal(config.maxConnections())
                        .setMaxConnPerRoute(config.maxConnections())
                        // The client puts an auth cache into every request's context, and the HTTP client's cache
                        // deserialises its entry (Java serialisation) on every request: about 6 % of the collector's
                        // CPU under load. Authentication goes in a default header (below), so the cache is never used.
                        .addInterceptorFirst((HttpRequestInterceptor) (request, context) ->
                                context.removeAttribute(HttpClientContext.AUTH_CACHE)));
        Header auth = authorization(config);
        if (auth != null) {
            builder.setDefaultHeaders(new Header[] {auth});
        }
        String description = uris.stream().map(URI::toString).collect(Collectors.joining(","));
        return new ElasticStore(builder.build(), new IndexNames(config.indexPrefix()), description);
    }

    private static Header authorization(ElasticConfig config) {
        if (!config.apiKey().isBlank()) {
            String key = config.apiKeyId().isBlank() ? config.apiKey() : config.apiKeyId() + ":" + config.apiKey();
            String encoded = config.apiKeyId().isBlank() ? key
                    : Base64.getEncoder().encodeToString(key.getBytes(StandardCharsets.UTF_8));
            return new BasicHeader("Authorization", "ApiKey " + encoded);
        }
        if (!config.username().isBlank()) {
            String pair = config.username() + ":" + config.password();
            return new BasicHeader("Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
        return null;
    }

    public ElasticsearchClient client() { return client; }
    public RestClient lowLevel() { return lowLevel; }
    public IndexNames names() { return names; }

    /** The hosts, for log lines and health messages (never credentials). */
    public String description() { return description; }

    @Override
    public void stop() throws IOException {
        close();
    }

    @Override
    public void close() throws IOException {
        lowLevel.close();
    }
}
