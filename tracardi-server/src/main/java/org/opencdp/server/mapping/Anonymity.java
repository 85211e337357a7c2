package org.opencdp.server.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.opencdp.server.common.json.DotPath;
import org.opencdp.server.profile.ProfileDocument;

/**
 * {@code data.anonymous} (domain-model §2.3, processing §7.3): true when no e-mail, phone or messaging app of the
 * customer is known.
 */
public final class Anonymity {

    private static final List<String> CONTACTS = List.of("data.contact.email", "data.contact.phone", "data.contact.app");

    private Anonymity() {
    }

    /** Whether the profile knows no e-mail, phone or messaging app. */
    public static boolean anonymous(ProfileDocument profile) {
        for (String group : CONTACTS) {
            JsonNode values = DotPath.get(profile.json(), group).orElse(null);
            if (values == null || !values.isObject()) {
                continue;
            }
            for (JsonNode value : values) {
                if (!DotPath.isEmptyValue(value)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Sets {@code data.anonymous}; returns whether it changed. */
    public static boolean update(ProfileDocument profile) {
        boolean anonymous = anonymous(profile);
        JsonNode data = profile.json().get("data");
        ObjectNode object = data != null && data.isObject() ? (ObjectNode) data : profile.json().putObject("data");
        JsonNode current = object.get("anonymous");
        if (current != null && current.isBoolean() && current.booleanValue() == anonymous) {
            return false;
        }
        object.put("anonymous", anonymous);
        return true;
    }
}
