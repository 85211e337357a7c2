package org.opencdp.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.net.URI;

/** Redis: caches, locks, session bindings, completion records and tokens. */
public class RedisConfig {

    @JsonProperty @NotBlank
    private String uri = "redis://localhost:6379";
    @JsonProperty @Min(1)
    private int port = 6379;
    @JsonProperty
    private String password = "";
    @JsonProperty @Pattern(regexp = "[A-Za-z0-9_.-]{1,32}", message = "must be 1-32 letters, digits, '.', '-' or '_'")
    private String keyPrefix = "cdp";

    /** The server URI; a bare host name (Tracardi's {@code REDIS_HOST=redis}) takes {@code port}. */
    public URI serverUri() {
        String text = uri.trim();
        if (!text.contains("://")) {
            text = "redis://" + text;
        }
        URI parsed = URI.create(text);
        if (parsed.getPort() < 0) {
            parsed = URI.create(parsed.getScheme() + "://" + parsed.getHost() + ":" + port);
        }
        return parsed;
    }

    public boolean tls() { return "rediss".equalsIgnoreCase(serverUri().getScheme()); }
    public String password() { return password; }
    public String keyPrefix() { return keyPrefix; }

    public void setUri(String uri) { this.uri = uri; }
    public void setKeyPrefix(String keyPrefix) { this.keyPrefix = keyPrefix; }
}
