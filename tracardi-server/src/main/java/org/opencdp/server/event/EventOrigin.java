package org.opencdp.server.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * What every event of one batch shares (processing §2.1): where it came from and how it is processed.
 *
 * @param sourceId    the payload's event source id (also for system events, D5)
 * @param channel     the source's channel, or null
 * @param ip          the client IP, or null
 * @param headers     request headers, names lower-cased, {@code authorization} and {@code cookie} already removed;
 *                    null means none
 * @param profileLess the batch is profile-less: events get {@code profile: null}
 * @param debug       {@code metadata.debug} (the tracker's debugger option with track debug on)
 * @param instanceId  id of the processing node ({@code metadata.instance.id}), or null
 */
public record EventOrigin(String sourceId, String channel, String ip, JsonNode headers, boolean profileLess,
                          boolean debug, String instanceId) {

    public EventOrigin {
        Objects.requireNonNull(sourceId, "sourceId");
    }
}
