package org.opencdp.server.collector.track;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * The queue message of one accepted tracker payload (processing §2.1). Everything a worker needs is fixed
 * here, before enqueueing — batch id, event ids and insert times, the resolved identities — so a
 * re-delivered batch produces exactly the same documents. {@code payload} exists only on the wire: a record
 * whose events' content travels in the sent request body ({@link BatchMessages}); a record in hand has it null.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BatchRecord(
        @JsonProperty("batch_id") String batchId,
        @JsonProperty("tenant") String tenant,
        @JsonProperty("production") boolean production,
        @JsonProperty("received_at") String receivedAt,
        @JsonProperty("source") Source source,
        @JsonProperty("client_ip") String clientIp,
        @JsonProperty("headers") Map<String, String> headers,
        @JsonProperty("profile_less") boolean profileLess,
        @JsonProperty("options") ObjectNode options,
        @JsonProperty("context") ObjectNode context,
        @JsonProperty("properties") ObjectNode properties,
        @JsonProperty("resolution") Resolution resolution,
        @JsonProperty("events") List<EventRecord> events,
        @JsonProperty("await") boolean await,
        @JsonProperty("debug") boolean debug,
        @JsonProperty("payload") @JsonInclude(JsonInclude.Include.NON_NULL) ObjectNode payload) {

    /** The event source as checked by the collector. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Source(@JsonProperty("id") String id, @JsonProperty("type") List<String> type,
                         @JsonProperty("channel") String channel, @JsonProperty("transitional") boolean transitional) {
    }

    /**
     * The identities decided in the foreground (processing §5). {@code profile_known}: the profile was found, or the
     * session's binding vouches for it (it exists or an earlier batch of the session is creating it); the worker
     * loads the profile or creates it either way.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Resolution(@JsonProperty("session_id") String sessionId,
                             @JsonProperty("session_known") boolean sessionKnown,
                             @JsonProperty("session_start") String sessionStart,
                             @JsonProperty("profile_id") String profileId,
                             @JsonProperty("profile_known") boolean profileKnown,
                             @JsonProperty("rebind") boolean rebind) {
    }

    /** One payload event, normalised, with its id and insert time fixed. An absent field reads as null. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EventRecord(@JsonProperty("id") String id, @JsonProperty("type") String type,
                              @JsonProperty("insert") String insert, @JsonProperty("create") String create,
                              @JsonProperty("properties") ObjectNode properties, @JsonProperty("context") ObjectNode context,
                              @JsonProperty("options") ObjectNode options, @JsonProperty("tags") List<String> tags) {
    }

    /** The queue partition key: the profile, else the session, else the batch (processing §2.2). */
    public String partitionKey() {
        if (resolution.profileId() != null) {
            return resolution.profileId();
        }
        return resolution.sessionId() != null ? resolution.sessionId() : batchId;
    }
}
