package org.opencdp.server.collector.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import org.opencdp.server.collector.track.TrackPayload;
import org.opencdp.server.collector.track.TrackService;
import org.opencdp.server.common.json.DotPath;
import org.opencdp.server.config.IdentityConfig;
import org.opencdp.server.source.EventSource;
import org.opencdp.server.storage.TenantScope;

/**
 * The webhook bridge options of the event source's {@code config} (collector-api §5, processing §5.2):
 * <ul>
 *   <li>{@code replace_profile_id: "<dot path in properties>"}: static-profile mode with the property's value as
 *       the profile id; the session defaults to the profile id. A missing or blank value falls back to the
 *       other rules.</li>
 *   <li>{@code generate_profile: true}: the profile id is the hashed id of the first merging-key value found
 *       through the event type's mappings (static-profile mode), and with {@code sticky_session} (default true)
 *       the session id is derived from it; without such a value the ids are random (a new session unless one was
 *       given, and the profile it resolves to).</li>
 * </ul>
 * Either option turns {@code profile_less} off and {@code saveProfile}/{@code saveSession} on. Without them the
 * route decides: no session → session-less and profile-less; a session → that session and its profile.
 */
public final class WebhookBridge {

    private final HashedIds hashes;
    private final boolean hashing;
    private final MergingKeyLookup keys;

    public WebhookBridge(HashedIds hashes, boolean hashing, MergingKeyLookup keys) {
        this.hashes = hashes;
        this.hashing = hashing;
        this.keys = keys;
    }

    /** The bridge with the built-in merging-key mappings and the configured salt. */
    public static WebhookBridge of(IdentityConfig identity) {
        return new WebhookBridge(new HashedIds(identity.mergingSalt()), identity.hashedIds(),
                new MergingKeyLookup(MergingKeyLookup.Mappings.NONE, MergingKeyLookup.BUILT_IN));
    }

    /** The bridge of one call; {@code withSession} tells the route with {@code {session_id}} from the one without. */
    public TrackService.Bridge forRoute(boolean withSession) {
        return (scope, source, payload, profileLess) -> route(scope, source, payload, withSession);
    }

    TrackService.Routing route(TenantScope scope, EventSource source, TrackPayload payload, boolean withSession) {
        TrackPayload.PayloadEvent event = payload.events().get(0);
        String replacePath = source.configString("replace_profile_id");
        if (replacePath != null) {
            Optional<String> profileId = property(event.properties(), replacePath.strip());
            if (profileId.isPresent()) {
                String session = payload.sessionId() != null ? payload.sessionId() : profileId.get();
                return new TrackService.Routing(identified(payload, session), false, false, profileId.get());
            }
        }
        if (source.configFlag("generate_profile", false)) {
            Optional<String> hashed = hashing
                    ? keys.find(scope, event.type(), event.properties()).flatMap(key -> hashes.hash(key.profilePath(), key.value()))
                    : Optional.empty();
            if (hashed.isPresent()) {
                String session = source.configFlag("sticky_session", true) ? hashes.stickySessionId(hashed.get())
                        : payload.sessionId();
                return new TrackService.Routing(identified(payload, session), false, false, hashed.get());
            }
            return new TrackService.Routing(identified(payload, payload.sessionId()), false, false, null);
        }
        return new TrackService.Routing(payload, !withSession, !withSession, null);
    }

    /** The payload with a session (null: a new random one) whose session and profile are saved. */
    private static TrackPayload identified(TrackPayload payload, String sessionId) {
        ObjectNode options = payload.options().deepCopy();
        options.put("saveSession", true);
        options.put("saveProfile", true);
        return new TrackPayload(payload.sourceId(), sessionId, null, payload.events(), payload.context(),
                payload.properties(), options, payload.debug(), null);
    }

    /** A non-blank scalar at a dot path of the properties (a leading {@code properties.} is accepted too). */
    static Optional<String> property(ObjectNode properties, String path) {
        Optional<JsonNode> value = DotPath.get(properties, path);
        if (value.isEmpty() && path.startsWith("properties.")) {
            value = DotPath.get(properties, path.substring("properties.".length()));
        }
        return value.filter(node -> node.isValueNode() && !node.isNull())
                .map(JsonNode::asText)
                .map(String::strip)
                .filter(text -> !text.isEmpty());
    }
}
