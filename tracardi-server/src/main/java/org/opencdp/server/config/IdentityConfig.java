package org.opencdp.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;

/** Identity resolution and merging: hashed merging keys and their salt. */
public class IdentityConfig {

    @JsonProperty
    private boolean hashedIds = true;
    @JsonProperty
    private String mergingSalt = "";
    @JsonProperty
    private String primaryIdPrefix = "";
    @JsonProperty @Min(1)
    private int maxMergeCandidates = 10;
    @JsonProperty @NotNull
    private List<String> mergeBlocklist = List.of("", "null", "none", "test@test.com");
    @JsonProperty @NotNull
    private Duration idMapTtl = Duration.ofDays(30);

    public boolean hashedIds() { return hashedIds; }
    public String mergingSalt() { return mergingSalt; }
    public String primaryIdPrefix() { return primaryIdPrefix; }
    public int maxMergeCandidates() { return maxMergeCandidates; }
    public List<String> mergeBlocklist() { return mergeBlocklist; }
    public Duration idMapTtl() { return idMapTtl; }

    public void setMergingSalt(String mergingSalt) { this.mergingSalt = mergingSalt; }
}
