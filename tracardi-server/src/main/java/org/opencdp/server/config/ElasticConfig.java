package org.opencdp.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Connection and index settings of Elasticsearch (profiles, sessions, events, logs). */
public class ElasticConfig {

    @JsonProperty @NotBlank
    private String hosts = "http://localhost:9200";
    @JsonProperty @Pattern(regexp = "https?", message = "must be http or https")
    private String scheme = "http";
    @JsonProperty @Min(1)
    private int port = 9200;
    @JsonProperty
    private String username = "";
    @JsonProperty
    private String password = "";
    @JsonProperty
    private String apiKeyId = "";
    @JsonProperty
    private String apiKey = "";
    @JsonProperty
    private String cloudId = "";
    @JsonProperty
    private String caFile = "";
    @JsonProperty
    private boolean verifyCerts = true;
    @JsonProperty
    private boolean compress = false;
    @JsonProperty @Min(1)
    private int maxConnections = 50;
    @JsonProperty @NotNull
    private Duration queryTimeout = Duration.ofSeconds(30);
    @JsonProperty @Min(1)
    private int shards = 3;
    @JsonProperty @Min(0)
    private int replicas = 1;
    @JsonProperty @Min(1)
    private int smallIndexShards = 1;
    @JsonProperty @Pattern(regexp = "[a-z0-9][a-z0-9_-]{0,31}", message = "must be 1-32 lower-case letters, digits, '-' or '_'")
    private String indexPrefix = "cdp";

    /** The configured hosts as URIs; a host without scheme or port takes {@code scheme} and {@code port}. */
    public List<URI> hostUris() {
        List<URI> uris = new ArrayList<>();
        for (String raw : hosts.split(",")) {
            String host = raw.trim();
            if (host.isEmpty()) {
                continue;
            }
            if (!host.contains("://")) {
                host = scheme + "://" + host;
            }
            URI uri = URI.create(host);
            if (uri.getPort() < 0) {
                uri = URI.create(uri.getScheme() + "://" + uri.getHost() + ":" + port);
            }
            uris.add(uri);
        }
        if (uris.isEmpty()) {
            throw new IllegalArgumentException("elastic.hosts names no host");
        }
        return uris;
    }

    public String hosts() { return hosts; }
    public String username() { return username; }
    public String password() { return password; }
    public String apiKeyId() { return apiKeyId; }
    public String apiKey() { return apiKey; }
    public String cloudId() { return cloudId; }
    public String caFile() { return caFile; }
    public boolean verifyCerts() { return verifyCerts; }
    public boolean compress() { return compress; }
    public int maxConnections() { return maxConnections; }
    public Duration queryTimeout() { return queryTimeout; }
    public int shards() { return shards; }
    public int replicas() { return replicas; }
    public int smallIndexShards() { return smallIndexShards; }
    public String indexPrefix() { return indexPrefix; }

    public void setHosts(String hosts) { this.hosts = hosts; }
    public void setIndexPrefix(String indexPrefix) { this.indexPrefix = indexPrefix; }
}
