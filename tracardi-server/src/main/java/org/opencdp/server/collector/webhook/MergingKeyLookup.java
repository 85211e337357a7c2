package org.opencdp.server.collector.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opencdp.server.common.json.DotPath;
import org.opencdp.server.storage.TenantScope;

/**
 * Finds a merging-key value in a webhook event's properties (collector-api §5, {@code generate_profile}): the
 * first event-to-profile mapping of the event type whose profile path is a merging key
 * ({@link HashedIds#MERGING_KEYS}) and whose event path holds a non-blank scalar. The tenant's custom mappings
 * are tried first, then the built-in definitions, as Tracardi's webhook bridge does.
 */
public final class MergingKeyLookup {

    /** One mapping: an event path (e.g. {@code properties.email.main}) copied to a profile path. */
    public record PathMapping(String eventPath, String profilePath) {
    }

    /** The mappings of an event type. */
    @FunctionalInterface
    public interface Mappings {
        Mappings NONE = (scope, eventType) -> List.of();

        List<PathMapping> of(TenantScope scope, String eventType);
    }

    /** A merging-key value found in the properties, with the profile field it maps to. */
    public record Found(String profilePath, String value) {
    }

    /**
     * The merging-key part of the built-in definitions (domain-model §13): the identity group and
     * {@code profile-update}. Only these built-in types write merging keys. (Replace with the full built-in
     * definitions once they are loaded by the mapping stage.)
     */
    public static final Mappings BUILT_IN = builtIn();

    private final Mappings custom;
    private final Mappings builtIn;

    public MergingKeyLookup(Mappings custom, Mappings builtIn) {
        this.custom = custom;
        this.builtIn = builtIn;
    }

    public Optional<Found> find(TenantScope scope, String eventType, ObjectNode properties) {
        ObjectNode event = JsonNodeFactory.instance.objectNode();
        event.set("properties", properties);
        for (Mappings mappings : List.of(custom, builtIn)) {
            for (PathMapping mapping : mappings.of(scope, eventType)) {
                if (!HashedIds.MERGING_KEYS.containsKey(mapping.profilePath())) {
                    continue;
                }
                Optional<JsonNode> value = DotPath.get(event, mapping.eventPath());
                if (value.isPresent() && value.get().isValueNode() && !value.get().isNull() && !value.get().asText().isBlank()) {
                    return Optional.of(new Found(mapping.profilePath(), value.get().asText()));
                }
            }
        }
        return Optional.empty();
    }

    private static Mappings builtIn() {
        List<PathMapping> emails = List.of(
                new PathMapping("properties.email.main", "data.contact.email.main"),
                new PathMapping("properties.email.business", "data.contact.email.business"),
                new PathMapping("properties.email.private", "data.contact.email.private"));
        List<PathMapping> phones = List.of(
                new PathMapping("properties.phone.main", "data.contact.phone.main"),
                new PathMapping("properties.phone.business", "data.contact.phone.business"),
                new PathMapping("properties.phone.mobile", "data.contact.phone.mobile"),
                new PathMapping("properties.phone.whatsapp", "data.contact.phone.whatsapp"));
        List<PathMapping> signIn = new ArrayList<>();
        signIn.add(new PathMapping("properties.pk", "data.identifier.pk"));
        signIn.addAll(emails);
        signIn.addAll(phones);
        List<PathMapping> identification = new ArrayList<>();
        identification.add(new PathMapping("properties.pk", "data.identifier.pk"));
        identification.add(new PathMapping("properties.id", "data.identifier.id"));
        identification.addAll(emails);
        identification.addAll(phones);
        List<PathMapping> profileUpdate = new ArrayList<>();
        for (String field : HashedIds.MERGING_KEYS.keySet()) {
            profileUpdate.add(new PathMapping("properties." + field.substring("data.".length()), field));
        }
        Map<String, List<PathMapping>> byType = Map.of(
                "sign-in", List.copyOf(signIn),
                "sign-up", emails,
                "identification", List.copyOf(identification),
                "profile-update", List.copyOf(profileUpdate));
        return (scope, eventType) -> byType.getOrDefault(eventType, List.of());
    }
}
