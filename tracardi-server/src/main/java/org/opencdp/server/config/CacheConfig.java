package org.opencdp.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/** Cache lifetimes; configuration caches are also invalidated on every write. */
public class CacheConfig {
    @JsonProperty @NotNull private Duration profileTtl = Duration.ofSeconds(3600);
    @JsonProperty @NotNull private Duration sessionTtl = Duration.ofSeconds(1800);
    @JsonProperty @NotNull private Duration configTtl = Duration.ofSeconds(60);

    public Duration profileTtl() { return profileTtl; }
    public Duration sessionTtl() { return sessionTtl; }
    public Duration configTtl() { return configTtl; }
}
