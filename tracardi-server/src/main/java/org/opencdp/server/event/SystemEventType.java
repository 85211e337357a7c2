package org.opencdp.server.event;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.UUID;

/**
 * The system events the worker adds to a batch (domain-model §14), in the order they are appended after the
 * payload events: {@code profile-created}, {@code visit-started}, {@code session-opened}. Their insert and
 * create times are the receive time minus 3, 1 and 2 seconds.
 */
public enum SystemEventType {
    PROFILE_CREATED("profile-created", 3),
    VISIT_STARTED("visit-started", 1),
    SESSION_OPENED("session-opened", 2);

    /** The tag built-in definitions give internal events. */
    public static final String TAG = "event:system";

    private final String type;
    private final int secondsBefore;

    SystemEventType(String type, int secondsBefore) {
        this.type = type;
        this.secondsBefore = secondsBefore;
    }

    /** The event type, e.g. {@code profile-created}. */
    public String type() {
        return type;
    }

    /** The event's insert time for a batch received at {@code receivedAt}. */
    public Instant insertTime(Instant receivedAt) {
        return receivedAt.minusSeconds(secondsBefore);
    }

    /**
     * The event id for a batch: a UUID in version-4 form derived from the batch id and the type, so a re-delivered
     * batch overwrites the same event documents instead of adding new ones (processing §2.4).
     */
    public String idFor(String batchId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((batchId + "/" + type).getBytes(StandardCharsets.UTF_8));
            hash[6] = (byte) ((hash[6] & 0x0f) | 0x40);
            hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
            long high = 0;
            long low = 0;
            for (int i = 0; i < 8; i++) {
                high = (high << 8) | (hash[i] & 0xff);
                low = (low << 8) | (hash[i + 8] & 0xff);
            }
            return new UUID(high, low).toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
